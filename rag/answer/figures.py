"""A figure or a date to open an answer with — only when it is the quantity the question asks.

The question decides what counts (:func:`asked`): a unit ("多少年" → 年, not a calendar year;
"多少天" → 日/天; "多少钱" → 元; "多少套" → 套), a rate or share (比例/率/占比 → a percentage),
and the indicator it names ("户籍人口城镇化率", "城市数量"). A figure opens the answer only when
its unit matches, and — when the question gives no unit — when the indicator right before it in
its part of the sentence is the asked one (one ends with the other). Otherwise there is no
figure opening: "500万以上：" must never answer "最长多少年" or "分数线是多少".

Example::

    figure(analyse("2020年末全国常住人口城镇化率是多少？"), "全国常住人口城镇化率达到63.89%。", options)
    # '63.89%'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.options import ExtractiveOptions
from rag.query.question import QuestionInfo
from rag.text import HAN_CLASS, bigrams, fold

NUMBER_SPAN = re.compile(
    r"(?:(?:超过|达到|达|不低于|不少于|不超过|不高于|低于|高于|提高到|提升到|增至|降至|增加到|减少到|"
    r"控制在|稳定在|保持在|约|近|突破|累计|由)\s*)?"
    r"\d[\d,，.．]*\s*(?:%|％|‰)?\s*"
    r"(?:万亿|亿|万|千|百)?\s*"
    r"(?:平方公里|公里|千米|平方米|万亩|万人|亿元|万元|个百分点|个工作日|个月|个|套|人|户|所|家|元|吨|辆|张|岁|倍|"
    r"小时|分钟|天|座|条|项|亩|米|年|月|日|名|处|次|hours?|days?|months?|years?|percent|per cent)?"
    r"(?:以上|以下|以内|左右)?",
    re.I,
)
_DAY = r"\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*至\s*\d{1,2}\s*日)?"
TIME_SPAN = re.compile(rf"\d{{4}}\s*年(?:\s*{_DAY}|\s*\d{{1,2}}\s*月)?|{_DAY}")

# Units a question names, and the unit endings of a figure that answer it.
_UNITS_ZH = {
    "年": ("年",), "天": ("日", "天", "个工作日"), "日": ("日", "天", "个工作日"), "个工作日": ("个工作日", "日"),
    "个月": ("个月", "月"), "小时": ("小时",), "分钟": ("分钟",), "钱": ("元",), "元": ("元",),
    "万元": ("万元", "亿元", "元"),
    "人": ("人",), "万人": ("万人", "人"), "户": ("户",), "套": ("套",), "条": ("条",), "项": ("项",), "家": ("家",),
    "所": ("所",), "名": ("名", "人"), "次": ("次",), "倍": ("倍",), "岁": ("岁",), "公里": ("公里", "千米"),
    "平方米": ("平方米",), "亩": ("亩", "万亩"), "座": ("座",), "辆": ("辆",), "吨": ("吨",), "个": ("个",),
}
_ASKED_UNIT_ZH = re.compile(
    r"(?:多少|几)(个工作日|个月|个|万元|万人|小时|分钟|平方米|公里|年|天|日|钱|元|人|户|套|条|项|家|所|名|次|倍|岁|亩|座|辆|吨)"
)
_ASKED_UNIT_EN = {
    r"how many years|how long": ("年", "year"), r"how many days|within how many": ("日", "天", "day"),
    r"how many months": ("月", "month"), r"how many hours": ("小时", "hour"),
    r"how much money|how much (?:does|will|is the) (?:fee|fine|cost)|how many yuan|\bfine\b.*how much": (
        "元", "euro", "eur",
    ),
}
_PERCENT = ("%", "％", "‰", "个百分点", "percent", "per cent")
_RATE_ZH = re.compile(rf"([{HAN_CLASS}]*(?:率|比例|占比|比重))")
_RATE_EN = re.compile(r"\b(?:rate|share|percentage|proportion)\b", re.I)
_INDICATOR_ZH = re.compile(rf"([{HAN_CLASS}]+?)(?:的)?(?:是|为|有|达到|达|共有|一共)?(?:多少|几)")
# Words that open an indicator but do not name it (time, place, "全国").
_LEAD = re.compile(r"^(?:\d+年|年末|年底|年初|底|末|到|至|截至|全国|我国|目前|现在|当前|一共|总共)+")
# Modal and degree words of a question that the sentence does not repeat ("要下降多少").
_MODAL = re.compile(r"将要|需要|应当|可以|最多|最高|最长|最少|最低|至少|一共|总共|要|将|会|能|共")
# The indicator before a figure inside its part of a sentence: the Han run ending right before it.
_RUN_BEFORE = re.compile(rf"([{HAN_CLASS}]+)[^{HAN_CLASS}\d]*$")
_PART = re.compile(r"[，,；;。：:！？!?]")


@dataclass(frozen=True)
class Asked:
    """What quantity a question asks for: unit endings that answer it, percentage, indicator."""

    units: tuple[str, ...] = ()
    percent: bool = False
    indicator: str = ""  # the Han words naming the quantity, e.g. "户籍人口城镇化率"
    duration: bool = False  # 多少年: a number of years, never a calendar year


def asked(info: QuestionInfo) -> Asked:
    """The quantity ``info`` asks for (all empty when it names no unit and no indicator)."""
    question = fold(info.text)
    if info.lang == "en":
        for pattern, units in _ASKED_UNIT_EN.items():
            if re.search(pattern, question):
                return Asked(units=units, duration="年" in units)
        return Asked(percent=bool(_RATE_EN.search(question)))
    rate = _RATE_ZH.search(question)
    if rate:
        return Asked(percent=True, indicator=_MODAL.sub("", _LEAD.sub("", rate.group(1))))
    unit = _ASKED_UNIT_ZH.search(question)
    indicator = ""
    if m := _INDICATOR_ZH.search(question):
        indicator = _MODAL.sub("", _LEAD.sub("", m.group(1)))
    if unit:
        return Asked(units=_UNITS_ZH[unit.group(1)], indicator=indicator, duration=unit.group(1) == "年")
    return Asked(indicator=indicator)


def _unit_ok(span: str, want: Asked) -> bool:
    core = re.sub(r"(?:以上|以下|以内|左右)$", "", span).strip()
    if want.percent:
        return core.endswith(_PERCENT)
    if want.units:
        if not core.lower().endswith(tuple(u.lower() for u in want.units)):
            return False
        # 多少年 asks for a number of years: "2025年" is a date, "500万" no duration at all.
        return not (want.duration and re.search(r"\d{4}\s*年$", core))
    return True


def _indicator_ok(sentence: str, start: int, indicator: str) -> bool:
    """Is the quantity named right before the figure (in its part of the sentence) the asked one?"""
    before = _PART.split(sentence[:start])[-1]
    run = _RUN_BEFORE.search(before)
    if not run or not indicator:
        return False
    named = _LEAD.sub("", run.group(1))
    # "全国常住人口城镇化率" answers "常住人口城镇化率"; "户籍人口城镇化率" does not.
    return bool(named) and (named.endswith(indicator) or indicator.endswith(named))


def figure(info: QuestionInfo, sentence: str, options: ExtractiveOptions) -> str | None:
    """The figure in ``sentence`` that is the quantity asked, or None when none surely is.

    A number the question itself gives ("到2025年…多少", "300万以下…") is its condition, not
    its answer.
    """
    want = asked(info)
    if not (want.units or want.percent or want.indicator):
        return None  # "…是多少" about nothing nameable: no opening rather than a guess
    spans = []
    for m in _spans(NUMBER_SPAN, sentence, info):
        span = m.group(0).strip(" ，,.．")
        if not _unit_ok(span, want):
            continue
        # Without a unit to check, the indicator has to; with one, a named indicator must not clash.
        needs_indicator = not want.units or want.percent
        if needs_indicator and not _indicator_ok(sentence, m.start(), want.indicator):
            continue
        spans.append((m, span))
    return _best(spans, sentence, info, options)


def date(info: QuestionInfo, sentence: str, options: ExtractiveOptions) -> str | None:
    """The date in ``sentence`` that answers a "when" question, or None."""
    spans = [(m, m.group(0).strip(" ，,.．")) for m in _spans(TIME_SPAN, sentence, info)]
    return _best(spans, sentence, info, options)


def _spans(pattern: re.Pattern[str], sentence: str, info: QuestionInfo) -> list[re.Match[str]]:
    given = {t for t in info.tokens if t[0].isdigit()}
    out = []
    for m in pattern.finditer(sentence):
        digits = re.findall(r"\d+", m.group(0))
        if digits and not set(digits) <= given:
            out.append(m)
    return out


def _best(spans: list[tuple[re.Match[str], str]], sentence: str, info: QuestionInfo,
          options: ExtractiveOptions) -> str | None:
    """The span whose surrounding words share most with the question (first on ties)."""
    best: tuple[int, int, str] | None = None
    wanted = set(info.tokens) | set(info.extra)
    for m, span in spans:
        context = set(bigrams(sentence[max(0, m.start() - options.span_before) : m.end() + options.span_after]))
        score = len(context & wanted)
        # "到2025年" is how plans state a deadline or target; "2000年底前建成的" is not one.
        if sentence[max(0, m.start() - 2) : m.start()].endswith(("到", "至", "截至")):
            score += options.deadline_bonus
        if best is None or score > best[0]:
            best = (score, -m.start(), span)
    return best[2] if best else None
