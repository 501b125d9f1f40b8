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
from rag.text import HAN_CLASS, bigrams, fold, has_han

# Laws write their figures in Chinese numerals ("二年", "十五日", "三个月"): a numeral run counts
# as a number only right before a unit (so "统一", "第一", "十四五" are not figures).
CN_NUMBER = (
    r"(?<![第\d〇一二两三四五六七八九十百千])[〇一二两三四五六七八九十百千]+"
    r"(?=\s*(?:个工作日|个月|年|日|天|小时|分钟|岁|倍|次|人|元|万|亿|名))"
)
NUMBER_SPAN = re.compile(
    r"(?:(?:超过|达到|达|不低于|不少于|不超过|不高于|低于|高于|提高到|提升到|增至|降至|增加到|减少到|"
    r"控制在|稳定在|保持在|约|近|突破|累计|由)\s*)?"
    rf"(?:\d[\d,，.．]*|{CN_NUMBER})\s*(?:%|％|‰)?\s*"
    r"(?:万亿|亿|万|千|百)?\s*多?"
    r"(?:平方公里|公里|千米|平方米|万亩|万人|亿元|万元|个百分点|个工作日|个月|个|套|人|户|所|家|元|吨|辆|张|岁|倍|"
    r"小时|分钟|天|座|条|项|亩|米|年|月|日|名|处|次|列|趟|台|hours?|days?|months?|years?|percent|per cent)?"
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
    "张": ("张",), "列": ("列",), "趟": ("趟", "列"), "台": ("台",), "处": ("处",),
}
_ASKED_UNIT_ZH = re.compile(
    r"(?:多少|几)(?:万|亿)?(个工作日|个月|个|万元|万人|小时|分钟|平方米|公里|年|天|日|钱|元|人|户|套|条|项|家|所|名|次|倍|岁|亩|座|辆|吨|"
    rf"张|列|趟|台|处)([{HAN_CLASS}]*)"
)
_ASKED_UNIT_EN = {
    r"how many years|how long": ("年", "year"), r"how many days|within how many": ("日", "天", "day"),
    r"how many months": ("月", "month"), r"how many hours": ("小时", "hour"),
    r"how many (?:kilometres|kilometers|km)": ("公里", "千米", "km"),
    r"how much money|how much (?:does|will|is the) (?:fee|fine|cost)|how many yuan|\bfine\b.*how much": (
        "元", "euro", "eur",
    ),
}
# "多久" / "多长时间" asks a duration in whatever unit the text uses.
_HOW_LONG_ZH = re.compile(r"多久|多长时间|多长期限|期限是多长")
_DURATION_UNITS = ("年", "个月", "月", "日", "天", "小时", "个工作日")
_PERCENT = ("%", "％", "‰", "个百分点", "percent", "per cent")
_RATE_ZH = re.compile(rf"([{HAN_CLASS}]*(?:率|比例|占比|比重))")
_RATE_EN = re.compile(r"\b(?:rate|share|percentage|proportion)\b", re.I)
_INDICATOR_ZH = re.compile(rf"([{HAN_CLASS}]+?)(?:的)?(?:是|为|有|达到|达|共有|一共)?(?:多少|几|多大|多高|多长|多远)")
# The thing counted after the question word: "争取到多少中央…奖励资金" → "中央…奖励资金".
_AFTER_ZH = re.compile(rf"(?:多少|几)(?![以内左之])([{HAN_CLASS}]{{2,}})")
# Words that open an indicator but do not name it (time, place, "全国").
_LEAD = re.compile(
    r"^(?:\d+年|年末|年底|年初|年|底|末|到|至|截至|全国|我国|全省|我省|全市|我市|本省|本市|目前|现在|当前|一共|总共|"
    r"十[一二三四五六]五(?:期间|时期|末)?|期间)+"
)
# Verbs that close an indicator before its figure ("控制在", "仅占", "提高到"), and filler.
_VERB_END = re.compile(
    r"(?:控制在|稳定在|保持在|提高到|提升到|增加到|减少到|下降到|降到|降至|增至|增加|减少|下降|提高|提升|增长|"
    r"达到|高达|仅为|仅占|约为|约占|占到|占|为|是|达|有|超过|超|了)+$"
)
_FILLER = re.compile(r"的|将要|将|要|会|预计|约|共|了|里|已经|已|仍|仅|多大|多少")
# A share is named 比例, 比重 or 占比.
_SHARE = re.compile(r"比例|比重")
_RUN_BEFORE = re.compile(rf"([{HAN_CLASS}]+)[^{HAN_CLASS}\d]*$")
_PART = re.compile(r"[，,；;。：:！？!?]")


@dataclass(frozen=True)
class Asked:
    """What quantity a question asks for: unit endings that answer it, percentage, indicator."""

    units: tuple[str, ...] = ()
    percent: bool = False
    indicator: str = ""  # the Han words naming the quantity, e.g. "户籍人口城镇化率"
    duration: bool = False  # 多少年: a number of years, never a calendar year
    counted: str = ""  # the thing counted after the unit ("多少家机构" → "机构")


def _name(text: str) -> str:
    """An indicator in comparable form: no leading time/place, closing verb or filler."""
    text = _LEAD.sub("", text)
    text = _VERB_END.sub("", text)
    return _SHARE.sub("占比", _FILLER.sub("", text))


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
        return Asked(percent=True, indicator=_name(rate.group(1)))
    if _HOW_LONG_ZH.search(question):
        return Asked(units=_DURATION_UNITS, duration=True)
    unit = _ASKED_UNIT_ZH.search(question)
    indicator = ""
    if after := _AFTER_ZH.search(question):
        indicator = _name(after.group(1))
    if not indicator and (m := _INDICATOR_ZH.search(question)):
        indicator = _name(m.group(1))
    if unit:
        # "多少家机构" counts 机构; "多少天内提出" counts nothing ("内提出" says when, not what).
        counted = "" if re.match(r"[内以左前后之才就]", unit.group(2)) else _FILLER.sub("", unit.group(2))
        return Asked(units=_UNITS_ZH[unit.group(1)], indicator=indicator, duration=unit.group(1) == "年",
                     counted=counted)
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
    """Is the quantity named right before the figure (in its part of the sentence) the asked one?

    Its name must hold every character of the asked one ("城市新能源公交车辆占比" answers
    "城市新能源公交车占比"; "常住人口城镇化率" does not answer "户籍人口城镇化率"), or be part
    of the asked one whose other words stand earlier in the sentence ("…建制镇…，污水处理率仅为"
    answers "建制镇的污水处理率").
    """
    before = _PART.split(sentence[:start])[-1]
    run = _RUN_BEFORE.search(before)
    if not run or not indicator:
        return False
    named = _name(run.group(1))
    if len(named) < 2:
        return False
    if set(indicator) <= set(named):
        return True
    return named in indicator and set(indicator) <= set(_FILLER.sub("", sentence[:start]))


def _part_at(sentence: str, start: int) -> str:
    """The part of ``sentence`` (between commas, semicolons…) that holds position ``start``."""
    return _PART.split(sentence[:start])[-1] + _PART.split(sentence[start:])[0]


def _year_ok(sentence: str, start: int, info: QuestionInfo) -> bool:
    """A question naming a year: the last year stated before the figure must be one it names."""
    if not info.years:
        return True
    stated = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", fold(sentence[:start]))
    # No year before it: the clause's lead ("到2025年，…") may hold it; another year: not asked.
    return not stated or stated[-1] in info.years


def figure(info: QuestionInfo, sentence: str, options: ExtractiveOptions) -> str | None:
    """The figure in ``sentence`` that is the quantity asked, or None when none surely is.

    A number the question itself gives ("到2025年…多少", "300万以下…") is its condition, not
    its answer.
    """
    want = asked(info)
    if has_han(sentence) != (info.lang == "zh"):
        return None  # a question in one language, a sentence in another: units and indicators do not compare
    if not (want.units or want.percent or want.indicator):
        return None  # "…是多少" about nothing nameable: no opening rather than a guess
    if info.lang == "en" and not want.units and not want.percent:
        return None  # an English question names its quantity in English: nothing to check it by
    spans = []
    for m in _spans(NUMBER_SPAN, sentence, info):
        span = m.group(0).strip(" ，,.．")
        if re.fullmatch(r"\d{4}\s*年", span):
            continue  # a calendar year is a date, never the figure asked ("2013年：" for 收入比)
        if span.startswith("由"):
            continue  # "由71.2亿元增至748.7亿元": the starting value of a change is not the figure stated
        if "分别" in _part_at(sentence, m.start()) or "分别" in sentence[: m.start()].rsplit("，", 1)[-1]:
            continue  # "2000年、2010年和2020年…分别为55.05%、63.49%和78.4%": which is which is not checked
        if not _unit_ok(span, want) or not _year_ok(sentence, m.start(), info):
            continue
        if want.counted and not set(want.counted) <= set(_part_at(sentence, m.start())):
            continue  # "多少家机构": a figure of 注册企业 does not count 机构
        # Without a unit to check, the indicator has to; with one, a named indicator must not clash.
        needs_indicator = (not want.units or want.percent) and info.lang == "zh"
        if needs_indicator and not _indicator_ok(sentence, m.start(), want.indicator):
            continue
        spans.append((m, span))
    # An English question's words are checked only through its glossary terms near the figure.
    return _best(spans, sentence, info, options, min_score=1 if info.lang == "en" else 0)


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
        elif not digits and (numeral := re.search(CN_NUMBER, m.group(0))) and numeral.group(0) not in info.text:
            out.append(m)  # a Chinese-numeral figure the question does not itself state
    return out


def _best(spans: list[tuple[re.Match[str], str]], sentence: str, info: QuestionInfo,
          options: ExtractiveOptions, min_score: int = 0) -> str | None:
    """The span whose surrounding words share most with the question (first on ties)."""
    best: tuple[int, int, str] | None = None
    wanted = set(info.tokens) | set(info.extra)
    for m, span in spans:
        context = set(bigrams(sentence[max(0, m.start() - options.span_before) : m.end() + options.span_after]))
        score = len(context & wanted)
        # "到2025年" is how plans state a deadline or target; "2000年底前建成的" is not one.
        if sentence[max(0, m.start() - len("截至")) : m.start()].endswith(("到", "至", "截至")):
            score += options.deadline_bonus
        if score >= min_score and (best is None or score > best[0]):
            best = (score, -m.start(), span)
    return best[2] if best else None
