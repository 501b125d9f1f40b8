"""A figure or a date to open an answer with — only when it is the quantity the question asks.

The question decides what counts (:func:`asked`): a unit ("多少年" → 年, not a calendar year;
"多少天" → 日/天; "多少钱" → 元; "多少套" → 套), a rate or share (比例/率/占比 → a percentage),
and the indicator it names ("户籍人口城镇化率", "城市数量"). A figure opens the answer only when
its unit matches, and — when the question gives no unit — when the indicator right before it in
its part of the sentence is the asked one (one ends with the other). Otherwise there is no
figure opening: "500万以上：" must never answer "最长多少年" or "分数线是多少".
What a question asks and which spans are figures live in :mod:`rag.query.quantity` (retrieval's
answerability signals use them too); this module decides the opening.

Example::

    figure(analyse("2020年末全国常住人口城镇化率是多少？"), "全国常住人口城镇化率达到63.89%。", options)
    # '63.89%'
"""

from __future__ import annotations

import re

from rag.answer.figures_en import bounded_figures, english_figure
from rag.answer.options import ExtractiveOptions
from rag.answer.parties import fines_another
from rag.query.amending import asks_amendment, clause_amends_other
from rag.query.carried import without_context
from rag.query.quantity import (
    CN_NUMBER,
    DURATION_UNITS,
    FILLER,
    NUMBER_SPAN,
    RANGE_SPAN,
    TIME_SPAN,
    Asked,
    asked,
    bounds_asked,
    given_numbers,
    indicator_name,
    lead_time,
    names_a_year,
    numbers_in,
    other_bound,
    unit_ok,
    whole_year_at,
)
from rag.query.question import JI, TIME_ZH, QuestionInfo, analyse
from rag.text import HAN, HAN_CLASS, HAN_RUN, OR_ZH, PART_BREAK, YEAR, bigrams, fold, has_han

__all__ = ["CN_NUMBER", "asked", "date", "figure"]

_RUN_BEFORE = re.compile(rf"([{HAN_CLASS}]+)[^{HAN_CLASS}\d]*$")
# A sum asked per month ("人均月收入", "每个月能领多少钱"): a figure's part not saying 月 states another (an
# annual income opened "51821元：" for a monthly one, seed near miss hz22-38 of stop 52).
_PER_MONTH = re.compile(r"月(?:收入|工资|薪|均|租|供|缴|交|付|费)|每月|每个月")
_ITEM = re.compile(r"[、，,；;。：:！？!?]")


# The verbs and links that stand before a figure's name without naming it ("并处骗取金额1倍以上",
# "最少要罚骗取金额的几倍": 并处 and 罚 are how, not what; trap pz41-11 lost its right "1倍以上：").
_LINKS = re.compile(r"[并处罚以应当可能会得需被达到为是有新增累计落实]")


def _other_indicator(sentence: str, start: int, question: str) -> bool:
    """Is the figure named otherwise than asked: the run of characters right before it ends as a
    stretch of the question does, and what stands before that ending in each — the two modifiers —
    shares no character? "到2025年，全国城市轨道交通运营里程要达到多少公里？" is not answered by "…新增城际
    铁路和市域（郊）铁路运营里程3000公里" (全国城市轨道交通 against 铁路, both of 运营里程: a fresh seed
    near miss, stop 46, opened "3000公里："). Where the question names no modifier of its own
    ("第二轮土地承包到期后再延长多少年？" over "落实第二轮土地承包到期后再延长30年"), or the two share a
    character, the figure is left alone: people name what they ask in their own words."""
    run = _RUN_BEFORE.search(PART_BREAK.split(sentence[:start])[-1])
    if not run:
        return False
    name = run.group(1).rstrip("为是达到约")  # the link before the figure names nothing ("承包期为三十年")
    # The longest ending of three or more the question holds ("但是每月" ends in 每月 of "加班每月最多多少小时？",
    # a time, not a name).
    for cut in range(1, len(name) - 2):
        ending = name[cut:]
        if ending in question:
            head = _LINKS.sub("", FILLER.sub("", name[:cut]))
            before = _RUN_BEFORE.search(question[: question.index(ending)])
            modifier = _LINKS.sub("", FILLER.sub("", before.group(1))) if before else ""
            if len(head) < 2 or len(modifier) < 2:
                return False
            # Modifiers sharing no character clash; so does the asked one named with the same ending
            # elsewhere in the sentence, stating its own figure: "耕地的承包期为三十年，草地的承包期为三十年
            # 至五十年" does not open "三十年：" for "这种草地的承包期是多少年？" (耕地 and 草地 share 地; a stop
            # 47 trap).
            own = modifier[-2:] + ending
            return not set(head) & set(modifier) or (own in sentence and own not in name)
    return False


# A difference stated against something ("…户籍人口城镇化率仅36.09%，低于常住人口城镇化率19.34个百分点"): the
# figure is the gap between the sentence's subject and what follows the comparing word.
_COMPARED_WITH = re.compile(r"^(?:低于|高于|少于|多于|超过|快于|慢于)")
# What a question compares with: "户籍人口城镇化率比常住人口城镇化率低了多少个百分点" → 常住人口城镇化率.
_ASKED_AGAINST = re.compile(
    rf"(?:(?<![占对])比|低于|高于|少于|多于|超过)([{HAN_CLASS}]{{2,16}}?)(?:低|高|少|多|快|慢|落后|领先|差)"
)
# The 比 of a comparison, not of 占比, 对比, 比例, 比重, 比率, 比值.
_COMPARED = re.compile(r"(?<![占对])比(?![例重率值])")


def _indicator_ok(sentence: str, start: int, indicator: str, question: str = "") -> bool:
    """Is the quantity named right before the figure (in its part of the sentence) the asked one?

    Its name must hold every character of the asked one ("城市新能源公交车辆占比" answers
    "城市新能源公交车占比"; "常住人口城镇化率" does not answer "户籍人口城镇化率"), or be part
    of the asked one whose other words stand earlier in the sentence ("…建制镇…，污水处理率仅为"
    answers "建制镇的污水处理率"). A gap stated against something (``_COMPARED_WITH``) answers a
    question comparing with the same thing, whose indicator the sentence names before it:
    "…户籍人口城镇化率比常住人口城镇化率低了多少个百分点？" is answered by "…户籍人口城镇化率仅36.09%，低于常住人口
    城镇化率19.34个百分点" (a fresh seed question of stop 64, hz34-02, had no opening), "…常住人口城镇化率比全国
    低了多少个百分点？" is not (it had opened "19.34个百分点" on the name after 低于).
    """
    before = PART_BREAK.split(sentence[:start])[-1]
    run = _RUN_BEFORE.search(before)
    if not run or not indicator:
        return False
    named = indicator_name(run.group(1))
    if (against := _COMPARED_WITH.match(named)) is not None:
        target, asked_against = set(named[against.end() :]), _ASKED_AGAINST.search(question)
        if asked_against is None:
            return False
        if not (target <= set(asked_against.group(1)) or set(asked_against.group(1)) <= target):
            return False
        return set(_COMPARED.sub("", indicator)) <= set(FILLER.sub("", sentence[:start]))
    if len(named) < 2:
        return False
    if set(indicator) <= set(named):
        return True
    return named in indicator and set(indicator) <= set(FILLER.sub("", sentence[:start]))


# A time limit is asked for what must happen within it, and a statute sets one for each step:
# "申请劳动仲裁以后，正常多久能出结果？" asks when the award comes (四十五日), and opened "五日：" from
# "收到仲裁申请之日起五日内，认为符合受理条件的，应当受理" (held-out hq-11, stop 39). The words after
# the question's "多久 / 几天 / 多少个月" and a word saying it is a limit ("内", "能", "才", "要"…) name
# the step; a figure opens the answer only from a sentence holding one of their characters. Without
# such words ("试用期最长能定几个月？", "一年能休几天年假？") nothing is checked.
_HOW_LONG_AT = re.compile(rf"多久|多长时间|多长期限|(?:多少|{JI})(?:个工作日|个月|个小时|小时|分钟|周|年|天|日)")
# What stands between the time asked and the step: "多少天内提出", "几天才能拿到", "多久就要".
_LEAD_WORDS = re.compile(r"^(?:之内|以内|内|之后|以后|后|才|就|还|能|可以|要|得|必须|应当|应该|需要|会)+")
_QUESTION_END = re.compile(r"(?:吗|呢|啊|呀|吧)?[？?。！!]*$")
# Characters of everyday verbs and particles that name no step ("尸检得在多长时间内做？", "抢救完多长
# 时间内要补上？" → 补, which 补记 holds): the step is compared character by character, since people
# name it in their own words (held-out hq-03, hq-05 open with their figures).
_LIGHT_CHARS = frozenset("做办弄搞去来上下好完了的把给到个些")
# A time asked of what is done to someone: "会被拘留几天", "最长能被暂停执业多久" (the words between 被 and the time).
_DONE_TO_ASKER = re.compile(rf"被([{HAN_CLASS}]{{1,4}})$")


def _asked_event(info: QuestionInfo) -> set[str]:
    """The characters of the step a time limit is asked for (the question's words after the last
    "多久" / "几天" … and a word of limit, up to the end of its clause, light verbs left out);
    empty when none follow."""
    text = without_context(info.text)  # a follow-up's step is in its own words, not the earlier question's
    found = list(_HOW_LONG_AT.finditer(text))
    if not found:
        return set()
    rest = PART_BREAK.split(text[found[-1].end():])[0].strip()
    lead = _LEAD_WORDS.match(rest)
    step = set(HAN.findall(_QUESTION_END.sub("", rest[lead.end():]))) - _LIGHT_CHARS if lead else set()
    if not step and (done := _DONE_TO_ASKER.search(text[: found[-1].start()])):
        # What is done to the asker for that time: "会被停多长时间不让看病？" (stop 70's la-07, a follow-up on
        # the 考核's cycle) opened "三年：" from "考核周期为三年"; the suspension is "暂停执业活动三个月至六个月".
        return set(done.group(1)) - _LIGHT_CHARS
    return step  # none for "一年能休几天年假？": the days are the leave itself, no step within them


def asked_step(info: QuestionInfo, want: Asked | None = None) -> set[str]:
    """The characters of the step whose time limit ``info`` asks ("多少天内给出复验结论" → 出复验结论); empty when
    it asks none (:func:`_asked_event`, read only for a length of time asked: ``want``, read here when not
    given)."""
    want = asked(info) if want is None else want
    return _asked_event(info) if set(want.units) & set(DURATION_UNITS) else set()


def _part_at(sentence: str, start: int, marks: re.Pattern[str] = PART_BREAK) -> str:
    """The part of ``sentence`` (between commas, semicolons…; between ``marks``) that holds position
    ``start``."""
    return sentence[_part_start(sentence, start, marks) : _part_end(sentence, start, marks)]


def _item_at(sentence: str, start: int) -> str:
    """The item of a list (between 、 as well as commas…) of ``sentence`` that holds ``start``."""
    return _part_at(sentence, start, _ITEM)


def _part_start(sentence: str, at: int, marks: re.Pattern[str] = PART_BREAK) -> int:
    """Where the part of ``sentence`` holding position ``at`` begins (after its comma, …)."""
    return at - len(marks.split(sentence[:at])[-1])


def _part_end(sentence: str, at: int, marks: re.Pattern[str] = PART_BREAK) -> int:
    """Where the part of ``sentence`` from position ``at`` ends: its next comma, semicolon… (the
    sentence's length when none follows)."""
    found = marks.search(sentence, at)
    return found.start() if found else len(sentence)


def _year_ok(sentence: str, start: int, info: QuestionInfo) -> bool:
    """A question naming a year: the last year stated before the figure must be one it names."""
    if not info.years:
        return True
    folded = fold(sentence[:start])
    stated = list(YEAR.finditer(folded))
    # No year before it: the clause's lead ("到2025年，…") may hold it; another year, or a part of the
    # year asked ("2024年上半年"): not asked.
    return not stated or (stated[-1].group(0) in info.years and whole_year_at(folded, stated[-1].end(), info.text))


# A figure joined to another by 至/到/～/-: the two ends of one range ("3个月至12个月", "三至五年").
_RANGE_BEFORE = re.compile(r"[\d〇零一二两三四五六七八九十百千万]\s*[^\s\d，。；、]{0,2}\s*[至到～~\-—]\s*$")
_RANGE_AFTER = re.compile(r"\s*[至到～~\-—]\s*[\d〇零一二两三四五六七八九十]")
# A span written as its lower end reached and its upper not ("年满十六周岁未满十八周岁"): each end alone
# is half of it, unless the question asks that end.
_SPAN_BEFORE = re.compile(r"满\s*[\d〇零一二两三四五六七八九十百千万]+\s*[^\s\d，。；、]{0,3}\s*[未不]满\s*$")
_SPAN_AFTER = re.compile(r"\s*[未不]满\s*[\d〇零一二两三四五六七八九十]")
# The two ends of a range written "X以上Y以下" ("处骗取金额1倍以上3倍以下的罚款"): "3倍以下：" alone
# would read as "up to three times", the lower bound lost.
_LOWER_END = re.compile(r"[\d〇零一二两三四五六七八九十百千万]\s*[^\s\d，。；、]{0,4}以上\s*$")
_UPPER_END = re.compile(
    r"\s*(?:\d|[〇零一二两三四五六七八九十])[\d,.．〇零一二两三四五六七八九十百千万]*\s*[^\s\d，。；、]{0,4}?以下"
)


def _later_of_kind(sentence: str, start: int, want: Asked) -> bool:
    """Does ``sentence`` state a figure of the asked kind from ``start`` on?"""
    return any(unit_ok(m.group(0).strip(), want) for m in NUMBER_SPAN.finditer(sentence, start))


def _sets_a_condition(sentence: str, m: re.Match[str], want: Asked) -> bool:
    """Is the figure ``m`` the condition of a rule whose own figure of the asked kind follows?
    "货值金额不足一万元的，并处十万元以上十五万元以下罚款": 一万元 says when the fine applies, and
    opened "一万元：" for "货值才几千块，会被罚多少钱？" (a fresh held-out question, stop 45). A part
    ending in 的 is a condition; "连续工作满1年不满10年的，年休假5天" keeps 1年 for a question asking
    years, no later figure being of that kind. The rule's own figure is in its consequence, before the
    next condition: "对从事特殊教育满十年的，发给荣誉证书，累计十五年以上并从特殊教育岗位退休的，…" keeps 十年,
    十五年 being the next rule's condition (stop 59's kc-08)."""
    end = _condition(sentence, m)
    return end is not None and _later_of_kind(_consequence(sentence, end), 0, want)


def _condition(sentence: str, m: re.Match[str]) -> int | None:
    """Where the part holding the figure ``m`` ends when that part is a condition (ends in 的 and
    something follows), else None."""
    end = _part_end(sentence, m.end())
    return end if end < len(sentence) and sentence[:end].rstrip().endswith("的") else None


def _consequence(sentence: str, end: int) -> str:
    """What a condition ending at ``end`` leads to: the parts after it up to the next condition
    (a part ending in 的) or the end of its sentence (。；)."""
    out: list[str] = []
    at = end + 1
    while at < len(sentence):
        stop = _part_end(sentence, at)
        part = sentence[at:stop]
        if part.rstrip().endswith("的"):
            break
        out.append(part)
        if stop < len(sentence) and sentence[stop] in "；;。":
            break
        at = stop + 1
    return "，".join(out)


def _condition_of_another(question: str, sentence: str, m: re.Match[str]) -> bool:
    """Is the figure ``m`` the condition of a rule the question does not ask, another condition's rule
    being the one it asks? Of "对从事特殊教育满十年的，发给荣誉证书，累计十五年以上并从特殊教育岗位退休的，其享受的
    特殊教育津贴计入退休费的计算基数", "…干满一定年头会发荣誉证书，要满几年？" asks 十年's rule: 十五年 leads to the
    pension base, which the question does not name (it had opened "累计十五年以上：", stop 59's kc-08)."""
    end = _condition(sentence, m)
    if end is None:
        return False
    asked_pairs = set(bigrams(question))
    mine = len(asked_pairs & set(bigrams(_consequence(sentence, end))))
    if mine:
        return False
    for other in NUMBER_SPAN.finditer(sentence):
        if other.start() == m.start() or (other_end := _condition(sentence, other)) is None or other_end == end:
            continue
        if asked_pairs & set(bigrams(_consequence(sentence, other_end))):
            return True
    return False


# Two figures of a kind joined by 或者 / 或 in one part: alternatives on different bases ("支付价款十倍
# 或者损失三倍的赔偿金"), which one is asked the words do not settle ("按我付的钱要几倍" opened "三倍：",
# the question also naming 损失; a fresh held-out question, stop 45).
def _has_alternative(sentence: str, m: re.Match[str], want: Asked) -> bool:
    """Is the figure ``m`` one of two alternatives of the asked kind in its part of the sentence?"""
    start, end = _part_start(sentence, m.start()), _part_end(sentence, m.end())
    for other in NUMBER_SPAN.finditer(sentence[:end], start):
        if other.start() == m.start() or not unit_ok(other.group(0).strip(), want):
            continue
        between = sentence[min(m.end(), other.end()) : max(m.start(), other.start())]
        if OR_ZH.search(between):
            return True
    return False


# A figure followed by 以及 / 及 / 和 / 与 / 、 is the first of a list of things: "减除费用六万元以及专项扣除、
# 专项附加扣除…" states the 费用's 六万元, and opened "六万元：" for "大病医疗专项附加扣除，一年最多能扣多少钱？"
# (trap pz46-32, stop 46; that sentence states no sum of the 专项附加扣除).
_JOINED_AFTER = re.compile(r"\s*(?:以及|及|和|与|、)")
# The shortest stretch of the question read as the name of what it asks ("专项附加扣除" is six).
_MIN_NAMED = 4


def _of_an_earlier_item(sentence: str, m: re.Match[str], question: str) -> bool:
    """Is the figure ``m`` the first of a list whose later item, not before the figure, is what the
    question names (a stretch of ``_MIN_NAMED`` or more of its characters)?"""
    if not _JOINED_AFTER.match(sentence, m.end()):
        return False
    after = sentence[m.end() : _part_end(sentence, m.end())]
    before = sentence[: m.start()]
    runs = HAN_RUN.findall(question)
    for size in range(max(map(len, runs), default=0), _MIN_NAMED - 1, -1):
        for run in runs:
            for at in range(len(run) - size + 1):
                if run[at : at + size] in after:
                    return run[at : at + size] not in before
    return False


# A figure stated for a case ("…，情节严重的，10年内不得举办…") is not the figure of a question that
# denies that case ("情节还不算严重的，多少年内…？" opened "10年：", trap pz50-29, stop 50).
_CASE_BEFORE = re.compile(rf"([{HAN_CLASS}]{{2,12}})的\s*[，,]\s*$")
_DENIED = re.compile(r"(?:不|没|未|非|无)[算是太够很怎么那么有]{0,3}$")
# A denied verb governs the whole list after it: "不涉及国家安全和公共利益" denies 公共利益 as well
# ("…，不涉及国家安全和公共利益，…报告的时限是多少小时？" opened "24小时：" from "涉及危害国家安全、公共利益的，
# …应当在24小时内…报告", trap pz62-15, stop 62, a near miss).
_DENIED_LIST = re.compile(
    rf"(?:不|没|未|非|无)(?:涉及|属于|关系|危害|影响|包括|构成|存在)[{HAN_CLASS}]{{0,10}}"
    rf"(?:(?:和|与|及|以及|或者|或|、)[{HAN_CLASS}]{{0,10}})*(?:和|与|及|以及|或者|或|、)?$"
)
_NEGATION = re.compile(r"[不没未非无]")


def _denied(before: str) -> bool:
    """Is what follows ``before`` denied, by a negation right before it or a denied verb listing it?"""
    return bool(_DENIED.search(before) or _DENIED_LIST.search(before))


def _case_denied(sentence: str, m: re.Match[str], question: str) -> bool:
    """Does the part before the figure's part state a case ("情节严重的，") that the question
    denies (a two-character stretch of it right after 不 / 没 / 未 / 非 / 无, "不算严重"), or deny
    one the question states? A case both deny is the question's ("尚不构成犯罪的" for "但不构成犯罪": trap
    pz44-32 keeps its "十日以下")."""
    case = _CASE_BEFORE.search(sentence[: _part_start(sentence, m.start())])
    if case is None:
        return False
    words = case.group(1)
    for at in range(len(words) - 1):
        stretch = words[at : at + 2]
        if _NEGATION.search(stretch):
            continue
        negated = _denied(words[:at])
        for found in re.finditer(re.escape(stretch), question):
            if _denied(question[: found.start()]) != negated:
                return True
    return False


# A case the sentence states ("…的罚款；情节严重的，处以二十万元以上五十万元以下罚款") and the question names
# ("…情节严重。…最高能罚多少钱？") holds the figure asked: the general rule's before it is another case's
# (stop 69's trap pz69-33 opened "二十万元以下：" with the fine for the case not serious).
_CASE_STATED = re.compile(rf"([{HAN_CLASS}]{{2,40}})的\s*[，,]")
# The shortest stretch of a case's words the question must hold to name it (情节严重 shares four).
_MIN_CASE_NAMED = 3


def _named_stretch(words: str, question: str, text: str) -> set[str]:
    """The stretches of a case's ``words`` (``_MIN_CASE_NAMED`` characters or more, no negation in them)
    that ``question`` holds and does not deny, and that ``text`` (the sentence or clause stating the case)
    writes nowhere else: "税务登记" runs through a whole article on 注销税务登记 and names none of its cases
    (stop 48's trap pz48-21 lost its "15日：" to a case read so)."""
    found: set[str] = set()
    for size in range(_MIN_CASE_NAMED, len(words) + 1):
        for at in range(len(words) - size + 1):
            stretch = words[at : at + size]
            if _NEGATION.search(stretch) or _denied(words[:at]) or text.count(stretch) > words.count(stretch):
                continue
            if any(not _denied(question[: x.start()]) for x in re.finditer(re.escape(stretch), question)):
                found.add(stretch)
    return found


def cases_named(question: str, sentence: str) -> set[str]:
    """The stretches of the cases ``sentence`` states ("上诉人在上诉期内未预交诉讼费用的，") that ``question``
    names (:func:`_named_stretch`)."""
    return {x for case in _CASE_STATED.finditer(sentence) for x in _named_stretch(case.group(1), question, sentence)}


def _case_asked_at(question: str, sentence: str, want: Asked, clause: str = "") -> int | None:
    """Where, in ``sentence``'s own positions, the one case the question names starts, when ``sentence`` (or
    the ``clause`` it stands in: a 情节严重 rule after "；" is a sentence of its own) states it (no other case
    of it being named too) with a figure of the asked kind in its consequence; else None. A figure before
    it is the general rule's, which the case sets apart; one after its consequence is another step
    ("对招标文件有异议的，应当在投标截止时间10日前提出。招标人应当自收到异议之日起3日内作出答复" keeps 3日 for
    "…招标人收到以后最多几天内得给我们答复？", stop 49's trap pz49-19). Read once per sentence, for each of its
    figures."""
    at = clause.find(sentence) if clause and sentence else -1
    text, offset = (clause, at) if at >= 0 else (sentence, 0)
    cases = list(_CASE_STATED.finditer(text))
    stretches = [_named_stretch(case.group(1), question, text) for case in cases]
    named = [case for i, case in enumerate(cases)
             if stretches[i] - {x for j, other in enumerate(stretches) if j != i for x in other}]
    if len(named) != 1 or not _later_of_kind(_consequence(text, named[0].end() - 1), 0, want):
        return None
    return named[0].start() - offset


# Kinds a case is drawn by, each a set of kinds that exclude each other: a figure stated for a case of one
# kind does not answer a question of another. "申请经营国内旅游业务和入境旅游业务的，…注册资本不少于30万元" opened
# "不少于30万元：" for "想申请经营出境旅游业务的旅行社，注册资本最少要多少万元？" (a fresh trap of stop 58, pz58-26,
# a near miss: neither text states it).
_EXCLUSIVE_KINDS: tuple[tuple[re.Pattern[str], ...], ...] = (
    (re.compile(r"出境|境外|出国|国外|海外"), re.compile(r"入境"), re.compile(r"(?<![出入])境内|国内")),
    (re.compile(r"城镇|城市|城区"), re.compile(r"农村|乡村")),
    (re.compile(r"(?<!非)全日制"), re.compile(r"非全日制")),
    (re.compile(r"公办"), re.compile(r"民办")),
)
_LEADING_CASE = re.compile(r"^([^。；;]{2,60}?)的\s*[，,]")


def _other_case(question: str, sentence: str, m: re.Match[str]) -> bool:
    """Does the case ``sentence`` opens with ("申请经营国内旅游业务和入境旅游业务的，") before the figure
    ``m`` name only kinds of a set (:data:`_EXCLUSIVE_KINDS`) other than those ``question`` names?"""
    case = _LEADING_CASE.match(sentence[: m.start()])
    if case is None:
        return False
    for kinds in _EXCLUSIVE_KINDS:
        in_case = {n for n, kind in enumerate(kinds) if kind.search(case.group(1))}
        in_question = {n for n, kind in enumerate(kinds) if kind.search(question)}
        if in_case and in_question and in_case.isdisjoint(in_question):
            return True
    return False


# What follows a number qualifying a case: its unit or bound, then 的 ("1000万的", "300万以下的").
_QUALIFIES = re.compile(r"[^\d，,。；;的]{0,4}的")


def _asked_in_another_part(sentence: str, m: re.Match[str], given: set[str], want: Asked) -> bool:
    """Does another part of ``sentence`` (between commas) hold a number the question gives that the
    figure ``m``'s part does not, and a figure of the asked kind of its own? That part states what
    the question asks about. "…常住人口超过1000万的城市有11个，那1978年的时候这样的城市有几个？" over "城市数量
    从1978年的193个增加到2023年底的694个，…，超过1000万的城市由1个增加到11个" opened "193个：", the count
    of every city (a fresh seed question of stop 64, hz34-12). A given number alone in a part is a
    condition leading to another part's figure ("货值金额不足一万元的，并处…罚款"): that part states no figure
    of its own, and the check leaves it."""
    mine = numbers_in(_part_at(sentence, m.start()))
    at = 0
    for part in PART_BREAK.split(sentence):
        start, at = at, at + len(part) + 1
        if start <= m.start() < at:
            continue
        # The given number qualifies the part's case ("超过1000万的城市"), not the scope its later parts
        # share: "9城市PCT国际专利申请数量占全国1/9，国家科学技术奖获奖数量占全国16.2%" keeps 16.2% for "这9个城市
        # 拿到的国家科学技术奖，占全国多少？" (seed hz14-22).
        if not any(_QUALIFIES.match(part, x.end()) for n in (numbers_in(part) & given) - mine
                   for x in re.finditer(rf"(?<![\d.]){re.escape(n)}(?![\d.])", part)):
            continue
        own = (x.group(0) for x in NUMBER_SPAN.finditer(part))
        if any(unit_ok(span.strip(), want) and not numbers_in(span) <= given for span in own):
            return True
    return False


# A total broken down in the next sentence ("北京高技术企业由37.42万户增至85.71万户。其中，制造类企业由
# 0.24万户增至0.28万户…") states the whole, not the part the question names: "…搞制造的那一类到2022年有
# 多少户？" opened "增至85.71万户：" (a fresh seed question, stop 50). A word of the question the
# "其中" sentence holds and the total's does not names a part.
_BREAKDOWN = re.compile(r"^其中")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def _broken_down(question: str, sentence: str, clause: str, want: Asked) -> bool:
    """Is ``sentence`` a total that the next sentence of ``clause`` breaks down ("其中…", stating
    figures of the asked kind), naming a part the question asks and ``sentence`` does not name?"""
    flat, own = re.sub(r"\s+", "", clause), re.sub(r"\s+", "", sentence)
    at = flat.find(own)
    if not own or at < 0:
        return False
    following = _SENTENCE_END.split(flat[at + len(own) :], maxsplit=1)[0]
    if not _BREAKDOWN.match(following) or not _later_of_kind(following, 0, want):
        return False
    named = {g for g in bigrams(question) if HAN_RUN.fullmatch(g)}
    return any(g in following and g not in own for g in named)


# A change asked ("跟2010年比多出来多少人？", "增加了多少") is answered by a figure stated as one ("增加了1.54亿人",
# "增幅69.73%"), not by the level the sentence states first ("…总量达3.76亿人" opened "达3.76亿人：", a fresh
# seed question of stop 50). "提高到", "增至" state a level, and ask one.
# 涨 / 跌 alone name a change too: "跟2015年比，这个比例涨了多少？" opened "达27.3%：" with the share itself,
# the rise being "比2015年增长9.4%" (a fresh seed follow-up, stop 53).
_CHANGE_WORDS = (
    r"(?:增加|增长|增多|增幅|增量|增速|减少|减量|下降|降低|降幅|提高|提升|上升|升高|上涨|下跌|回落|净增|新增|多出|"
    r"缩小|扩大|涨|跌)(?![到至])"
)
_ASKS_CHANGE = re.compile(
    rf"{_CHANGE_WORDS}(?:了|出来|来|出)?(?:多少|{JI})|比[^，。？?]{{0,20}}?(?:多|少)(?:出来|出|了)?(?:多少|{JI})"
)
_CHANGE_BEFORE = re.compile(_CHANGE_WORDS)  # in the figure's part, before it ("新增…里程3000公里")


# A time counted from a period's end ("自公告期满之日起十二个月内做出…决定") is no time counted from its
# start: "…想提异议，从公告那天算起我还有多长时间？" opened "十二个月：" (stop 51's gm-02; its three months
# run "自公告之日起").
_COUNTED_FROM = re.compile(r"自([^，。；自]{1,30}?)(?:之日|之时)?起[^，。；]{0,12}$")
_EXPIRY = re.compile(r"期满|届满|到期|结束")


def _from_the_expiry(question: str, sentence: str, m: re.Match[str]) -> bool:
    """Is the figure counted from a period's expiry ("自公告期满之日起") the question does not name?"""
    start = _COUNTED_FROM.search(sentence[: m.start()])
    return start is not None and _EXPIRY.search(start.group(1)) is not None and _EXPIRY.search(question) is None


def _not_the_change(question: str, sentence: str, m: re.Match[str]) -> bool:
    """Does the question ask a change the figure ``m`` is not stated as? Read in the question's own words:
    a follow-up's earlier question ("…PCT国际专利申请数量涨了多少？") asks nothing of "那这9个城市拿到的国家科学
    技术奖，占全国多少？" (seed hz14-22 lost its "16.2%：" once 涨 asked a change, stop 53)."""
    return bool(_ASKS_CHANGE.search(without_context(question))) and not _CHANGE_BEFORE.search(
        sentence[_part_start(sentence, m.start()) : m.start()]
    )


# A fee the question names ("仲裁费", "律师费", "诉讼费用"): two characters before 费, neither a verb
# of paying or spending (交费, 缴费, 收费, 付费, 免费, 花费, 退费, 减费, 扣费, 消费), a question or
# measure word (多少费用, 什么费, 这些费, 一点费) nor a particle or modal (的费, 要费, 得费, 需费).
_FEE_NAMED = re.compile(rf"([{HAN_CLASS}]{{2}})费")
_NOT_A_FEE = frozenset("交缴收付免花退减扣消少么些点的要得需")


def fees_named(question: str) -> set[str]:
    """The fees ``question`` names by name ("申请劳动仲裁要交仲裁费吗" → {"仲裁费"})."""
    return {f"{m.group(1)}费" for m in _FEE_NAMED.finditer(question) if not set(m.group(1)) & _NOT_A_FEE}


def figure(info: QuestionInfo, sentence: str, options: ExtractiveOptions, clause: str = "") -> str | None:
    """The figure in ``sentence`` that is the quantity asked, or None when none surely is.

    A number the question itself gives ("到2025年…多少", "300万以下…") is its condition, not
    its answer. ``clause``, the text of the clause the sentence stands in, may name what the
    sentence's figure is (its lead: "案件受理费分别按照下列标准交纳：…每件交纳10元").
    """
    if clause and clause_amends_other(clause) and not asks_amendment(info.text):
        # A clause amending another act states that act's figures, in the words it writes into it:
        # "…shall be replaced by the following: "2. The rights of producers of phonograms shall expire
        # 50 years…"" opened "50 years" for two near misses of stop 76 (ll-37, the term of copyright
        # in a novel, and pe76-41, film producers' rights).
        return None
    if info.lang == "en":
        # A statute's own English (figures_en); a question in one language, a sentence in another:
        # units and indicators do not compare.
        if has_han(sentence):
            return None
        found = english_figure(info.text, sentence)
        # The end asked stated of another figure in the same clause ("…which shall not exceed 12 months"
        # beside "in instalments over five years" for "How long at most…to put it right?", a trap of
        # stop 53 opened "five years"): which of the two is asked is not sure.
        if found and clause and bounded_figures(info.text, clause) - bounded_figures(info.text, sentence) - {found}:
            return None
        return found
    if not has_han(sentence):
        return None  # a Chinese question over an English sentence: the same
    want = asked(info)
    if not (want.units or want.percent or want.indicator):
        return None  # "…是多少" about nothing nameable: no opening rather than a guess
    if any(fee not in sentence and fee not in clause for fee in fees_named(info.text)):
        # "申请劳动仲裁要交仲裁费吗？要交多少？" (held-out hk-37, a near miss) opened "400元：" with the
        # fee for setting an arbitral award aside: a fee asked by name is stated under its name, in
        # the sentence or in its clause.
        return None
    if clause and _broken_down(info.text, sentence, clause, want):
        return None
    event = asked_step(info, want)
    case_at = _case_asked_at(info.text, sentence, want, clause)
    listed: list[str] = []  # the parts holding figures of the asked kind in a "分别" list, unread
    wants_max, wants_min = bounds_asked(info.text)
    per_month = _PER_MONTH.search(info.text) is not None
    # The numbers the question gives as its conditions: its years only date what it asks.
    conditions = given_numbers(info) - set(YEAR.findall(fold(info.text)))
    spans = []
    # A length of time stated as a range ("三个月至六个月", "五日以上十日以下") is the figure of a question asking
    # no end of it; each end alone is half of it (below). la-07 ("…会被停多长时间…？") is answered "三个月至六个月"
    # (stop 70). Not a sum of money: rerun on every set, fines stated as ranges opened ten answers right and five
    # wrong, each wrong one from another article's or another party's fine (pz60-13 "对个人处五百元以上五千元以下"
    # for a company).
    durations = bool(set(want.units) & set(DURATION_UNITS))
    ranges = [] if wants_max or wants_min or not durations else _spans(RANGE_SPAN, sentence, info)
    for m in [*ranges, *_spans(NUMBER_SPAN, sentence, info)]:
        span = m.group(0).strip(" ，,.．")
        if re.fullmatch(r"\d{4}\s*年", span) or names_a_year(sentence, m.start(), m.end()):
            continue  # a calendar year is a date, never the figure asked ("2013年：" for 收入比); nor 上一年度
        if m.re is RANGE_SPAN and YEAR.search(fold(span)):
            continue  # "2021年至2025年" is a period of dates
        if span.startswith("由"):
            continue  # "由71.2亿元增至748.7亿元": the starting value of a change is not the figure stated
        if _RANGE_BEFORE.search(sentence[: m.start()]) or _RANGE_AFTER.match(sentence[m.end() :]):
            continue  # "暂停…3个月至12个月": one end of a range is not the figure stated
        if (_SPAN_BEFORE.search(sentence[: m.start()]) and not wants_max) or (
            _SPAN_AFTER.match(sentence[m.end() :]) and not wants_min
        ):
            continue  # nor of one written "年满十六周岁未满十八周岁" (had opened "十八周岁：", dev zhpdf-013)
        upper_end = span.endswith("以上") and _UPPER_END.match(sentence[m.end() :])
        if (upper_end and not wants_min) or (
            span.endswith("以下") and _LOWER_END.search(sentence[: m.start()]) and not wants_max
        ):
            continue  # nor one end of "1万元以上5万元以下", unless the question asks that end ("最多罚多少")
        if other_bound(info.text, sentence, m, span):
            continue  # "不得低于…5%" is a floor: no answer to "最高是多少" (and a ceiling none to "最低")
        if _sets_a_condition(sentence, m, want) or _has_alternative(sentence, m, want):
            continue
        if _condition_of_another(info.text, sentence, m) or _asked_in_another_part(sentence, m, conditions, want):
            continue
        # A follow-up's own words name the item asked, not the earlier question's: "那行政村呢，平均规模有多大？
        # （接上文：…一个自然村平均才住多少人？）" lost "不足1千人" to 自然村's later item and opened "200多人："
        # (a fresh seed follow-up of stop 62, hz32-04).
        if _of_an_earlier_item(sentence, m, without_context(info.text)) or _case_denied(sentence, m, info.text):
            continue
        if fines_another(info.text, sentence, m.start(), m.end()) or _other_case(info.text, sentence, m):
            continue
        if case_at is not None and m.start() < case_at:
            continue  # the general rule before the case the question names (_case_asked_at)
        if _not_the_change(info.text, sentence, m) or _from_the_expiry(info.text, sentence, m):
            continue
        if lead_time(sentence, m.end(), info.text, want):
            continue  # "口头审理15日前" for "口头审理开完以后，要在多少天内…？" (stop 51's pz51-34)
        part = _part_at(sentence, m.start())
        if "分别" in part or "分别" in sentence[: m.start()].rsplit("，", 1)[-1]:
            if unit_ok(span, want):
                listed.append(part)
            continue  # "2000年、2010年和2020年…分别为55.05%、63.49%和78.4%": which is which is not checked
        if not unit_ok(span, want) or not _year_ok(sentence, m.start(), info):
            continue
        if per_month and "月" not in _part_at(sentence, m.start()):
            continue  # a monthly sum asked: "2023年外出农民工的人均月收入" is not "…城镇居民人均可支配收入51821元"
        if want.counted and not set(want.counted) <= set(part):
            continue  # "多少家机构": a figure of 注册企业 does not count 机构
        if event and not event & set(sentence):
            continue  # "多久能出结果" is not answered by the days to accept the case
        # Without a unit to check, the indicator has to; with one, a named indicator must not clash.
        needs_indicator = not want.units or want.percent
        if needs_indicator and not _indicator_ok(sentence, m.start(), want.indicator, info.text):
            continue
        if not needs_indicator and _other_indicator(sentence, m.start(), info.text):
            continue
        spans.append((m, span))
    if listed:
        # The figures of the asked kind listed with "分别" went unread, so another of that kind is
        # the answer only when its part names more of what is asked than the list's does:
        # "城市千人卫生机构床位数…分别是农村的1.78和2.21倍，每月最低生活保障平均标准是农村的1.36倍" opened
        # "1.36倍：" for "城里每千人的病床数是农村的几倍？" (a fresh seed question, stop 39), and keeps it for
        # "城市低保标准是农村的几倍？".
        asked_chars = set(HAN.findall(want.indicator or info.key))
        rival = max(len(asked_chars & set(part)) for part in listed)
        spans = [(m, span) for m, span in spans if len(asked_chars & set(_part_at(sentence, m.start()))) > rival]
    return _best(spans, sentence, info, options)


def figures_of_kind(info: QuestionInfo, sentence: str) -> set[str]:
    """Every figure of the asked kind ``sentence`` states, the question's own numerals too: what
    another quoted sentence would contradict a figure opening with. "合同签一年，试用期最长能定几个
    月？": "不得超过一个月" is no candidate answer (the question holds 一), but it shows that the six
    months of another sentence are not the only figure the quotes give (hl-03, stop 33). A figure
    of another year than the one asked is not one ("到2025年新增…3000公里" beside 2020's 7000)."""
    if info.lang != "zh" or not has_han(sentence):
        return set()
    want = asked(info)
    if not want.units:
        return set()
    return {_value(m.group(0)) for m in NUMBER_SPAN.finditer(sentence)
            if unit_ok(m.group(0).strip(), want) and _year_ok(sentence, m.start(), info)}


def _value(span: str) -> str:
    """A figure without the words around it: "不得超过六个月" → "六个月"."""
    m = re.search(r"(?:\d[\d,，.．]*|[〇零一二两三四五六七八九十百千]+).*", span)
    return re.sub(r"(以上|以下|以内|左右)$", "", m.group(0) if m else span).strip()


def _dated_event(info: QuestionInfo) -> set[str]:
    """The characters of the event a Chinese question asks the date of: its words after the last
    "哪一年" / "什么时候"…, up to the end of their part, light words left out ("…是哪一年印发的？" → 印发);
    empty when none follow ("…是哪一年？")."""
    if info.lang != "zh":
        return set()
    text = without_context(info.text)
    found = list(TIME_ZH.finditer(text))
    if not found:
        return set()
    rest = PART_BREAK.split(text[found[-1].end():])[0]
    return set(HAN.findall(_QUESTION_END.sub("", rest))) - _LIGHT_CHARS - _DATE_GRAMMAR


# Words around a date asked that name no event: "…是哪一年的", "什么时候开始", "哪天起".
_DATE_GRAMMAR = frozenset("是的了起开始才就能可以会要呢吗")


def _next_part(sentence: str, m: re.Match[str]) -> str:
    """The part of ``sentence`` after the one holding ``m`` (what a date standing alone dates)."""
    end = _part_end(sentence, m.end())
    return _part_at(sentence, end + 1) if end < len(sentence) else ""


def date(info: QuestionInfo, sentence: str, options: ExtractiveOptions) -> str | None:
    """The date in ``sentence`` that answers a "when" question, or None."""
    spans = [(m, m.group(0).strip(" ，,.．")) for m in _spans(TIME_SPAN, sentence, info)]
    if told := _dated_event(info) & set(sentence):
        # Where the sentence tells the event asked, its date stands there (in that part, or the part the
        # date leads): "这个工作规则是哪一年印发的？" (stop 70's seed near miss hz40-20) opened "2024年：" from
        # "…制发了《…工作规则》，…，2024年上半年，北京、天津、河北PM2.5平均浓度分别降至…". A sentence telling no
        # such event is read as before ("从哪天起正式生效？" over "本条例自2022年9月1日起施行").
        spans = [(m, span) for m, span in spans if told & set(_part_at(sentence, m.start()) + _next_part(sentence, m))]
    # The time of the figure the question gives: "全国城镇化水平是哪一年达到30%以上的？" is answered by
    # the year in the part stating 30% ("1996年全国城镇化水平达到30%以上(30.48%)，…2011年全国城镇化率达到
    # 51.27%" had opened "2011年：", whose part shares more words; a fresh seed question, stop 48).
    given = given_numbers(info)
    if given:
        holding = [(m, span) for m, span in spans if given & numbers_in(_part_at(sentence, m.start()))]
        spans = holding or spans
    return _best(spans, sentence, info, options)


def _in_title(sentence: str, start: int) -> bool:
    """Does ``start`` stand inside a title in 《》? Its numbers are part of a name: "《…2035年远景目标纲要》"
    states no year ("《实施方案》是哪一年出台的？" opened "2035年：", a fresh seed question, stop 40)."""
    opened = sentence.rfind("《", 0, start)
    return opened >= 0 and sentence.find("》", opened, start) < 0


def _spans(pattern: re.Pattern[str], sentence: str, info: QuestionInfo) -> list[re.Match[str]]:
    given = given_numbers(info)
    out = []
    for m in pattern.finditer(sentence):
        if _in_title(sentence, m.start()):
            continue
        digits = numbers_in(m.group(0))
        if digits and not digits <= given:
            out.append(m)
        elif not digits and (numeral := re.search(CN_NUMBER, m.group(0))) and numeral.group(0) not in info.text:
            out.append(m)  # a Chinese-numeral figure the question does not itself state
    return out


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _shared(own: set[str], latin: set[str], text: str) -> int:
    """How many of a follow-up's own characters (``own``), and letters of its Latin words, ``text`` holds."""
    lower = text.lower()
    return len(own & set(text)) + sum(len(w) for w in latin if w in lower)


def _best(spans: list[tuple[re.Match[str], str]], sentence: str, info: QuestionInfo,
          options: ExtractiveOptions) -> str | None:
    """The span whose surrounding words share most with the question; None when two different
    figures share most ("每日…不超过八小时、平均每周…不超过四十四小时" for "关于每周：…每天…几个小时":
    which one is asked is not decided by the words, and a wrong figure first is worse than none)."""
    scored: list[tuple[tuple[int, int, int, int], str]] = []
    wanted = set(info.tokens) | set(info.extra)
    # A follow-up's own words come first, the earlier question's only break a tie: "那给各个县（市）放了
    # 多少项权限？" after a question about 郑州、洛阳 opened "295项：" (theirs) from "…下放省级经济社会管理权限
    # 295项，…赋予县（市）255项…" (a fresh seed question, stop 40).
    # Read character by character in the figure's own part (between commas): "县（市）" is two
    # characters no bigram of the question holds.
    own_text = without_context(info.text)
    own = {c for t in analyse(own_text).tokens for c in HAN.findall(t)} if own_text != info.text.strip() else None
    # ...and a Latin name counts as its letters: "那它创造的GDP占全省多少？" after "…郑州的人口占全省多大比重？" asks
    # "创造了21.82%的GDP", not the 12.68% of "占全省12.68%的人口" sharing 占全省 (stop 69, seed follow-up hz20-11).
    latin = {w.lower() for w in _LATIN_WORD.findall(own_text)} if own is not None else set()
    # A figure counting what a number the question gives qualifies ("5个3000亿级" for "…这种3000亿级的产业集群，
    # 全省一共有几个？") comes first: "等12个千亿级产业集群" shares more words and is another level's count (stop 69's
    # rerun of seed hz31-01, once its asker's 郑州 no longer refused it).
    given = given_numbers(info) - set(YEAR.findall(fold(info.text)))
    for m, span in spans:
        context = set(bigrams(sentence[max(0, m.start() - options.span_before) : m.end() + options.span_after]))
        score = len(context & wanted)
        # "到2025年" is how plans state a deadline or target; "2000年底前建成的" is not one.
        if sentence[max(0, m.start() - len("截至")) : m.start()].endswith(("到", "至", "截至")):
            score += options.deadline_bonus
        if score >= 0:  # only a negative deadline_bonus setting goes below
            # The follow-up's own words in the figure's item first (between 、 too: "行政村数量4.55万个、
            # 自然村18.3万多个" opened "4.55万个：" for "那自然村呢，有多少个？", a fresh seed question of
            # stop 59), then in its part.
            item_text, part_text = _item_at(sentence, m.start()), _part_at(sentence, m.start())
            item = _shared(own, latin, item_text) if own is not None else 0
            mine = _shared(own, latin, part_text) if own is not None else 0
            # (a number the question gives right after the figure: "5个3000亿级")
            qualified = int(any(re.match(rf"{re.escape(n)}(?![\d.])", sentence[m.end() :]) for n in given))
            scored.append(((qualified, item, mine, score), span))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    tied = {span for score, span in scored if score == top}
    return next(iter(tied)) if len(tied) == 1 else None
