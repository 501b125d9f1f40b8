"""Does a chosen sentence say what the question asks? The checks an extractive answer passes.

A sentence on the question's topic is not an answer to it: a number question needs a figure of
the asked kind (:func:`holds_number`, over :mod:`rag.query.quantity`), for the asked year
(:func:`dated`), place (:func:`of_places`) and scope (:func:`in_scope`: a year or a Latin-script
name the question gives); "which one has the most" needs an extreme and "X怎么定" a sentence
naming X (:func:`says_what_is_asked`). Each was written from a near miss answered with sentences
on its topic only; the one that showed it is named in its docstring.

Example::

    info = analyse("住房公积金贷款最高能贷多少？")
    holds_number(info, "住房公积金管理中心应当自受理申请之日起15日内作出决定。")   # False: a time, not a sum
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.figures_en import ASKING, FOLLOW_UP, asked_kind, national_option_unasked, states_sum
from rag.ingest.numerals import CN_NUMERALS, to_int
from rag.postag import tokens as words_of
from rag.query.carried import FOLLOW_UP_LEAD_ZH, follow_up_topic, without_context
from rag.query.commencement import (
    asked_provision,
    asks_commencement,
    entry_asked_apart,
    names_date,
    states_commencement,
    states_entry,
)
from rag.query.focus import asked_sentence
from rag.query.places import abbreviated_places, asks_places, mentions, named_places, names_place_besides
from rag.query.quantity import (
    DURATION_UNITS,
    FIGURE,
    NUMBER_SPAN,
    NUMBER_WORDS_EN,
    WHOLE_NUMBER,
    asked,
    asks_extreme,
    counted_time,
    given_numbers,
    numbers_in,
    numeral_values,
    offered_figures,
    only_the_other_end_en,
    states_chinese_duration,
    states_english_duration,
    states_extreme,
    states_figure,
    states_offered,
    unit_ok,
    whole_year_at,
)
from rag.query.question import CLAUSE_ZH, JI, QuestionInfo, analyse
from rag.query.terms import asked_basis
from rag.records import Unit
from rag.text import HAN_CLASS, PART_BREAK, YEAR, bigrams, content_stems, fold, has_han, stems

# An age asked in English ("How old do I have to be…", "What's the minimum age…", "From what age…")
# and one stated ("13 years of age", "sixteen years old", "a 16-year-old", "aged 18", "under the age of 16").
_AGE_ASKED_EN = re.compile(
    r"\bhow old (?:do|does|did|must|should|has|have|is|are)\b|\b(?:minimum|maximum|lowest|what|which)\s+age\b",
    re.I,
)
_AGE_STATED_EN = re.compile(
    rf"(?:\b\d+|{NUMBER_WORDS_EN.pattern}(?:-[a-z]+)?)[\s-]*years?[\s-]*(?:of age|old)\b"
    r"|\baged\s+\d+|\bage of\s+(?:\d+|[a-z]+)\b",
    re.I,
)


# A group the asking part of a question defines by a number ("80岁以上的高龄老人", "500万以上的城市"): a figure
# of that group stands in a sentence stating the number. A fresh seed near miss of stop 53 ("论文说“十四五”期间
# 60岁及以上老人要增加5300万，那80岁以上的高龄老人会增加多少？") was answered from the 60岁 sentence.
# The group may be named right after its bound: "2021年全国65岁及以上人口占总人口的比重是多少？" is not answered by
# "…60岁及以上老年人将增加5300万人…比重将突破35%" (a fresh seed near miss of stop 62, hz32-37).
_GROUP_BY_NUMBER = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:周岁|岁|万人|万|亿|人|年|公里|平方米)?\s*及?(?:以上|以下|以内)(?:的|(?=人|老))"
)
_ASKING_PART = re.compile(rf"[^，,。；;？?！!]*(?:多少|{JI})[^，,。；;？?！!]*")


def _qualifiers_stated(info: QuestionInfo, text: str) -> bool:
    """Does ``text`` state every number by which the question's asking part defines its group?"""
    parts = _ASKING_PART.findall(without_context(info.text))
    if not parts:
        return True
    wanted = {m.group(1) for m in _GROUP_BY_NUMBER.finditer(parts[-1])}
    return not wanted or wanted <= numbers_in(text)


# An ordinal naming one of a series ("第一批", "第二轮", "首批"): a figure of another of the series does not
# state the one asked. "北京市级机关第一批搬到城市副中心的一共有多少人？" (stop 43's seed near miss hz13-34) is
# not answered by "…第二批搬迁工作完成，共计2.2万余人入驻…", a number once "2.2万余人" was read as one (stop 60).
_ORDINAL_ZH = re.compile(r"(?:第([一二三四五六七八九十\d]+)|(首))(批|轮|次|期|届|阶段)")


def _ordinals(text: str) -> set[tuple[str, str]]:
    """(number, noun) of each ordinal of ``text``: "第一批" and "首批" are ("1", "批")."""
    return {("1" if m.group(2) else str(to_int(m.group(1))), m.group(3)) for m in _ORDINAL_ZH.finditer(text)}


def _of_another_ordinal(question: str, text: str) -> bool:
    """Does ``text`` name another of the series an ordinal of ``question`` names, and not the asked one? The
    ordinals of the clause asking are the asked ones when it names any ("…第二批搬迁完成了，那第三批…哪一年完成？")."""
    asking = [part for part in PART_BREAK.split(question) if part.strip()]
    asked_ordinals, named = (asking and _ordinals(asking[-1])) or _ordinals(question), _ordinals(text)
    return any(noun in {n for _, n in named} and (number, noun) not in named for number, noun in asked_ordinals)


def of_another_of_the_series(info: QuestionInfo, text: str) -> bool:
    """Does the Chinese ``text`` name another of a series the question's own words name one of by its ordinal
    (:data:`_ORDINAL_ZH`), and not that one? Its figure or date is that other's: "…2024年初北京市级机关第二批搬迁
    完成了，那第三批搬迁计划哪一年完成？" is not answered by "…2024年初北京市级机关第二批搬迁工作完成…" (stop 71's seed
    near miss hz41-18)."""
    return info.lang == "zh" and has_han(text) and _of_another_ordinal(without_context(info.text), text)


def holds_number(info: QuestionInfo, text: str) -> bool:
    """Does ``text`` state a number: digits, a numeral before its unit, a number word, or a
    share or age written out ("百分之二百", "万分之五", "十六周岁")? For an English "how many X"
    over English text, only a number in a sentence naming X, and for a Chinese question naming its
    unit or a share over Chinese text, only a figure of that kind (:func:`states_figure`): "农村低保
    标准每人每月多少钱？" is not answered by "…是农村的1.36倍"."""
    if info.years and not any(y in text for y in info.years) and scope_years(text):
        return False  # "2025年…目标是多少" is not answered by a figure "若按照2050年…达80%" scopes
    if info.lang == "zh" and has_han(text) and not _qualifiers_stated(info, text):
        return False  # "那80岁以上的高龄老人会增加多少？" is not held by a figure of 60岁及以上老年人
    if of_another_of_the_series(info, text):
        return False  # 第二批's figure for 第一批 (_ORDINAL_ZH)
    want = asked(info)
    if want.phone or want.often:
        return states_figure(text, info)  # a telephone number, or how often, in any language
    if info.lang == "en" and not has_han(text) and national_option_unasked(info.text, text):
        # "How many days does a seller have to finish a repair…?" is not answered by Directive 2019/771's
        # "…freedom of Member States to allow consumers to choose a specific remedy… not exceeding 30 days"
        # (a fresh trap of stop 60, pe60-27, answered from it): the figure no opening reads (figures_en).
        return False
    if info.lang == "en" and not has_han(text) and not info.yes_no and only_the_other_end_en(info.text, text):
        return False  # "What's the minimum fine…?" is not held by "fines not exceeding 10 %" (kq-34, stop 65)
    if (want.nouns or (info.lang == "en" and want.units)) and not has_han(text):
        return states_figure(text, info)  # a count of what is asked, a sum of money, years for "how many years"
    if info.lang == "en" and not info.yes_no and _AGE_ASKED_EN.search(info.text):
        # "What's the minimum age a child has to be to open a social media account…?" is answered by an
        # age, not by Article 51's "within one month" (a fresh near miss of stop 51 was answered so).
        return "岁" in text if has_han(text) else _AGE_STATED_EN.search(text) is not None
    if info.lang == "zh" and not has_han(text) and want.units and set(want.units) <= set(DURATION_UNITS):
        # "我被航空公司从商务舱降到了经济舱，他们必须在几天之内退钱给我？" over an English text is held by a
        # number of days, not by Article 6's "four hours or more" (stop 52: dev enx-030 was answered
        # from it once the English articles ranked higher), as an English "how many days" over Chinese.
        return states_english_duration(text, want.units)
    if info.lang == "zh" and not has_han(text) and "元" in want.units:
        # "欧盟最低工资指令规定的最低时薪是多少欧元？" over an English text is held by a sum, not by "at least
        # every two years" (a fresh near miss of stop 52, answered across languages).
        return states_sum(text)
    if info.lang == "en" and not has_han(text) and not info.yes_no and asked_kind(info.text) == "money":
        # "What is the maximum fine a Member State can impose on an airline…?" is not answered by a
        # sentence holding only "Article 16" or "30 days" (near misses over EU261, the AI Act, stop 46's
        # whistleblowers directive and stop 38's consumer rights directive were answered so).
        return states_sum(text)
    if info.lang == "en" and not has_han(text) and want.percent:
        # "…what percentage margin on top of its costs is it allowed to add?" is not answered by a
        # sentence holding only "paragraph 6" (a near miss of stop 50, gl-36): a share, as asked.
        return states_figure(text, info)
    if info.lang == "zh" and has_han(text) and want.percent and not _names_rate(want.indicator, info.text, text):
        return False
    if (info.lang == "zh" and has_han(text) and want.percent and want.indicator
            and not want.indicator.endswith(("率", "占比")) and not _names_indicator(want.indicator, text)):
        return False  # a share of a base, asked of what it is paid as (滞纳金, 奖金): a sentence naming it
    if info.lang == "zh" and has_han(text) and (want.units or want.percent or want.rank or want.often or want.amount):
        return states_figure(text, info)
    if info.lang == "en" and has_han(text) and (unit := counted_time(info.text)) is not None:
        return states_chinese_duration(text, unit)
    if info.lang == "zh" and has_han(text) and (dimension := _DIMENSIONS.get(want.indicator)) is not None:
        # "面积超过多少" is stated by a figure of its unit: "耕地超过三十五公顷" (held-out ge-06, stop 47).
        return dimension.search(text) is not None
    if (info.lang == "zh" and has_han(text) and want.indicator and not _names_indicator(want.indicator, text)
            and not _latin_head_named(info.text, want.indicator, text)):
        # "血液里酒精含量达到多少就算醉驾？" is not answered by fines for drink-driving: a figure asked
        # by its indicator alone stands in a sentence that names some of it.
        return False
    return bool(FIGURE.search(_without_given(text, info))) or states_figure(text, info)


def _without_given(text: str, info: QuestionInfo) -> str:
    """``text`` without the numbers the question gives: "论文说清洁能源只占16.6%，那煤炭在全国能源消费里占
    多少？" is not answered by "…清洁能源仅占16.6%…" (a fresh seed near miss of stop 51)."""
    given = given_numbers(info)
    if not given:
        return text
    return WHOLE_NUMBER.sub(lambda m: " " if m.group(0) in given else m.group(0), fold(text))


def of_the_asked_place(info: QuestionInfo, sentence: str) -> bool:
    """Does ``sentence``, when it names places, name one the number question asks about? A clause
    may name many ("长三角…", "成渝…" in one speaker's turn): "长三角三省一市地区生产总值…增至2023年的
    30.5万亿元" states 长三角's, not 成渝's (a fresh seed near miss of stop 47 was answered with it)."""
    if info.wants_number and not of_the_asked_level(info, sentence):
        return False  # a figure asked within counties or towns (_LEVELS_ZH)
    if info.lang == "zh" and info.wants_number and _WHOLE_ASKED.search(info.text) and (
        _PART_NAMED.search(sentence) and not _WHOLE_ASKED.search(sentence)
    ):
        return False  # the whole city asked, a district's figure stated (_WHOLE_ASKED)
    # …also by the abbreviation of places the question asks about: "2023年京津城际全年一共发送旅客多少
    # 人次？" is not answered by "2023年，成渝高铁…全年共计发送旅客5000.9万人次" (a fresh seed near miss of
    # stop 48 opened with it).
    named = [*named_places(info.text), *abbreviated_places(info.text)] if info.wants_number else []
    places = tuple(dict.fromkeys(named))
    # A sentence naming places only by their abbreviation names them too: "中关村企业在津冀设立分支机构数量
    # 突破1万家" states 天津's and 河北's together, not the count "单在河北一省" asked (a fresh seed near
    # miss of stop 49 opened with it).
    if (not places or not (named_places(sentence) or abbreviated_places(sentence))
            or _COUNTS_PLACES.search(info.text)):
        # A count of the place's cities is answered by a sentence naming them: "河南有几个省辖市的常住
        # 人口城镇化率还不到50%？" by "周口、驻马店、商丘…11个省辖市…" (stop 39's hz9-32).
        return True
    return any(mentions(sentence, place, places) for place in places)


# A figure asked within a level of places is stated by a sentence naming that level: "按七普的数据，全国各个
# 县里住在城镇的人一共有多少？" is not answered by "全国城镇常住人口规模为9.15亿人" (a fresh seed question of
# stop 49 opened with it; the counties' figure is "县域城镇人口总量已达3.59亿人").
_LEVELS_ZH = (
    (re.compile(r"县里|各个?县|县域|县城|县级"), "县"),
    (re.compile(r"乡镇里|各个?乡镇|乡镇一级"), "乡镇"),
)
# The whole of a city asked, its central districts' figure stated: "叶堂林说北京中心城区常住人口降到了1094.5万人，
# 那2022年北京全市的常住人口一共是多少？" is not answered by "中心城区常住人口数量由1297.4万人降至1094.5万人" (a
# fresh seed near miss of stop 58, hz28-37, answered with it).
_WHOLE_ASKED = re.compile(r"全市|整个城市|全城")
_PART_NAMED = re.compile(r"中心城区|主城区|核心区|老城区")
# The nation's figure asked, a sentence stating its own province's or city's: "2010年第六次人口普查那会儿，全国的
# 城镇化率是多少？" is not answered by "2010年我省常住人口城镇化率38.52%，低于全国11.16个百分点" (a fresh seed
# question of stop 61, hz31-05, opened "38.52%" with it) — the nation is named there only to be compared.
_NATION_ASKED = re.compile(r"全国(?!人大|人民代表|性)")  # not 全国人大 (a body) or 全国性 (a kind)
_OWN_PLACE = re.compile(r"[我本全](?:省|市|县|区)")
_COUNTS_PLACES = re.compile(r"(?:几|多少)个(?:省辖市|地级市|城市|省份|省|市|县|区)")


def of_the_asked_level(info: QuestionInfo, sentence: str) -> bool:
    """Does ``sentence`` name the level of places a Chinese question asks within (县, 乡镇: _LEVELS_ZH),
    when it asks within one? Said of a figure and of a date: "县城的生活垃圾分类要在哪一年之前全面完成？" is
    not answered by "地级及以上城市…到2025年城镇生活垃圾焚烧处理能力达到80万吨/日左右" (a fresh seed near
    miss of stop 61, hz31-34)."""
    if info.lang != "zh":
        return True
    asking = asking_clauses(info.text)
    return not any(asked.search(asking) and level not in sentence for asked, level in _LEVELS_ZH)


# A clause setting a condition: "要是县里宣布进入粮食应急状态，".
_CONDITION_ZH = re.compile(r"^(?:要是|如果|假如|假设|倘若|万一|若是?)")


def asking_clauses(question: str) -> str:
    """A Chinese ``question`` without its condition clauses: where the level of places asked is read.
    "要是县里宣布进入粮食应急状态，我们拒不服从政府调度、情节严重的话，公司最高可能被罚多少钱？" asks a
    company's fine, not a figure within counties (stop 74's held-out li-06 was refused with its clause
    first)."""
    return "".join(c for c in CLAUSE_ZH.findall(question) if not _CONDITION_ZH.match(c.strip()))


def own_place_for_nation(info: QuestionInfo, sentence: str) -> bool:
    """Does ``sentence`` state its own province's or city's figure ("我省…38.52%") where the nation's
    is asked? Its figure opens no answer; the sentence is still quoted (it names the nation's, compared)."""
    return (info.lang == "zh" and info.wants_number and _NATION_ASKED.search(info.text) is not None
            and _OWN_PLACE.search(sentence) is not None)


def of_places(info: QuestionInfo, units: Sequence[Unit]) -> bool:
    """Is a figure asked for a named place quoted from clauses (``units``) naming that place (in their text,
    headings or title)? "What was Zhengzhou's urbanization rate in 2020?" is not answered by the
    national rate (seed2-094 was quoted "2020年末全国常住人口城镇化率达到63.89%"): the figure a
    national text gives is not the place's (:mod:`rag.query.places`, the same reading as the
    ``figure_missing`` signal)."""
    places = named_places(info.text) if info.wants_number else ()
    if not places:
        return True
    shown = ["\n".join([u.title, *u.path, u.text]) for u in units]
    return all(any(mentions(text, place, places) for text in shown) for place in places)


# A kind of case an English question sets aside ("In an ordinary custody case, not an abduction, how many weeks does
# the court of first instance have…?"): clauses under a heading naming it answer another case (stop 69's trap
# pe69-42, a near miss, opened "six weeks" from Article 24 of Brussels IIb's chapter on child abduction).
_SET_ASIDE_EN = re.compile(
    r"\b(?:not\s+(?:in\s+|for\s+)?an?|other\s+than(?:\s+an?|\s+the)?|rather\s+than(?:\s+an?|\s+the)?"
    r"|apart\s+from(?:\s+an?|\s+the)?|except\s+(?:for\s+)?(?:an?|the))\s+([a-z]{4,})\b",
    re.IGNORECASE,
)


def outside_what_is_set_aside(info: QuestionInfo, units: Sequence[Unit]) -> bool:
    """False when an English question sets aside a kind of case (:data:`_SET_ASIDE_EN`) that the headings over
    every clause quoted (``units``: chapter, section and article titles) name; True otherwise."""
    if info.lang != "en" or not units:
        return True
    stems = {w[:-2] if len(w) > 6 else w for w in (m.group(1).lower() for m in _SET_ASIDE_EN.finditer(info.text))}
    if not stems:
        return True
    return not all(any(re.search(rf"\b{re.escape(stem)}", " ".join(u.path).lower()) for stem in stems)
                   for u in units)


def states_commencement_across(info: QuestionInfo, texts: Sequence[str]) -> bool:
    """Does one of ``texts`` state from when its text applies, when a Chinese question asks it of English
    sentences? "欧盟人工智能法案对高风险AI系统的义务从哪一天开始适用？" over the AI Act's third chapter, which states no
    date of application, is not answered by Article 6's "no later than 2 February 2026, provide guidelines"
    (dev euai-076, a near miss, was answered so once stop 67 read a case set in the EU as asking its acts)."""
    if info.lang != "zh" or not texts or any(map(has_han, texts)) or not asks_commencement(info.text):
        return True
    return any(states_commencement(t) for t in texts)


# Who holds an office now ("Who is the current executive director of the California Privacy Protection
# Agency?", dev cpra-097, a near miss): a law sets up the office and says how it is filled, never who fills it.
# Answered only by a sentence naming a person (a title before a name, 现任); read once stop 67's case set
# in California found the CPRA's sections, which answered it from the one establishing the agency.
_INCUMBENT_ASKED = re.compile(
    r"\bwho (?:is|are) (?:the )?(?:current|present|incumbent|sitting)\b"
    r"|\bwho (?:currently|now) (?:is|holds|heads|chairs|leads)\b"
    r"|现任[^？?，,。]{0,20}是谁|(?:现在|目前)[^？?，,。]{0,20}(?:局长|主任|主席|部长|负责人|院长|会长)是谁",
    re.IGNORECASE,
)
_PERSON_NAMED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|Judge|Commissioner)\.?\s+[A-Z][a-z]+|现任")


def names_incumbent(info: QuestionInfo, texts: Sequence[str]) -> bool:
    """Do ``texts`` name a person, when the question asks who holds an office now? True when it does not ask."""
    return _INCUMBENT_ASKED.search(info.text) is None or any(_PERSON_NAMED.search(t) for t in texts)


# A day of the week asked ("王洪武教授每周固定哪天在北辰医院出诊？"): a sentence saying the team comes "定期"
# (regularly) states none (a fresh seed near miss of stop 72, hz42-38, was answered with it).
_ASKS_WEEKDAY = re.compile(r"星期几|礼拜几|周几|(?:每周|每星期|每个?礼拜)[^，。？?]{0,12}?哪(?:一)?天")
_STATES_WEEKDAY = re.compile(r"星期[一二三四五六日天]|礼拜[一二三四五六日天]|周[一二三四五六日](?![年期])|周末|工作日")


def says_what_is_asked(info: QuestionInfo, texts: Sequence[str], clause: str = "") -> bool:
    """Do the chosen sentences (``texts``) say what the question's form asks? Which one has the most needs an
    extreme or a first place ("Which Chinese city has the largest number of migrant workers?",
    seed2-118); how something is set needs a sentence naming it ("缴费基数怎么定？" answered with
    sentences naming no 缴费 or 基数, seed u04); which cities or provinces, a sentence naming a place
    (:func:`rag.query.places.names_place_besides`) — near misses answered with sentences on their topic only."""
    if not states_asked_extreme(info, texts):
        return False
    if info.lang == "en" and entry_asked_apart(info.text) and not any(states_entry(t) for t in texts):
        return False  # the entry into force asked apart from the application (rag.query.commencement)
    if not states_commencement_across(info, texts) or not names_incumbent(info, texts):
        return False
    if asked_provision(info.text) == "transposition" and not any(names_date(t) for t in texts):
        # "By what date did Member States have to transpose … 2006/114 into national law?" (a fresh trap of
        # stop 72, pe72-41: the codified directive leaves the dates to its annex) was answered with Article 8.
        # Over every set's answered transposition questions, each answerable one's answer names its date.
        return False
    asking = asked_sentence(info.text) or info.text
    if info.lang == "zh" and asks_places(asking) and not any(names_place_besides(info.text, t) for t in texts):
        # "电子居住证先在哪几个城市试点？" is not answered by "…探索实施电子居住证改革" (three fresh
        # seed near misses, stops 40–42, were answered so), nor places within 河北 by a sentence naming
        # 河北 alone (:func:`rag.query.places.names_place_besides`). The places are asked in the asking
        # sentence: "…想先弄清楚房源该往哪些城市倾斜。实施方案说…是以哪类城市为重点？" asks a kind of city (a fresh
        # seed question of stop 73, hz43-07, was refused).
        return False
    if info.lang == "zh" and _ASKS_WEEKDAY.search(info.text) and not any(_STATES_WEEKDAY.search(t) for t in texts):
        return False  # the day of the week asked (_ASKS_WEEKDAY)
    if info.lang == "zh" and not names_others(info.text, texts):
        return False
    if (offered := offered_figures(info.text)) and not any(states_offered(offered, t) for t in texts):
        return False  # "是每年报一次还是半年报一次？" is not answered by "应当定期…报送" (rag.query.quantity)
    if only_the_given_figures(info, texts):
        return False
    basis = asked_basis(info.text) if info.lang == "zh" else ""
    # Or the lead sentence's (folded) ``clause`` names it whole: "…责令限期改正；逾期不改正的，按占用面积处
    # 耕地开垦费2倍以上5倍以下的罚款" answers "…罚款怎么算？" though the sentence chosen ends at the
    # 改正 (held-out ge-31, stop 47, was refused).
    return (not basis or any(set(bigrams(basis)) & set(bigrams(t)) for t in texts)
            or (len(basis) >= 2 and fold(basis) in clause))


# "…说A是N，那B是多少？": the part a question asks in after restating a figure of the text ("那" itself, not
# "那篇文章说…", hz28-02).
_THEN_ASKED = re.compile(r"[，,。；;？?]\s*那(?![些个么样里儿篇份位次种条项部本张段句时年天])([^，,。；;]*?[？?])\s*$")
# What names a thing (jieba's noun, place, organisation, other-name and abbreviation tags).
_NAMING = frozenset({"n", "nr", "ns", "nt", "nz", "j", "vn"})


def only_the_given_figures(info: QuestionInfo, texts: Sequence[str]) -> bool:
    """Does a Chinese question restate a figure of the text and ask another that the chosen
    sentences (``texts``) do not state? "那篇论文说全国建制镇的生活垃圾处理率只有89.18%，那乡（不含镇）一级的
    生活垃圾处理率是多少？" was answered with the sentence stating the 89.18% alone (stop 70's seed near
    miss hz40-36; hz34-34 and hz35-25 of earlier stops were answered so). The question
    restates (a part of ``texts`` holds a number it gives; years only date), and asks in its part
    after "那"; no figure of the asked kind stands beside the restated one, nor in a part naming a
    thing the asked part adds to it (a noun the restated parts do not write: 乡; 京津冀 for 长三角's
    share): the sentences say only what the asker said."""
    if info.lang != "zh" or not info.wants_number or info.yes_no:
        return False
    then = _THEN_ASKED.search(info.text)
    given = given_numbers(info) - set(YEAR.findall(fold(info.text)))
    if then is None or not given:
        return False
    parts = [p for t in texts for p in PART_BREAK.split(t) if p.strip()]
    restated = [p for p in parts if given & numbers_in(p)]
    if not restated:
        return False
    said = fold("".join(restated))
    added = {w for w, flag in words_of(then.group(1))
             if (flag in _NAMING or flag == "eng") and fold(w) not in said}
    if not added:
        return False  # "…只有成都的64%，那成都的GDP是多少？": the part restated names what is asked
    want = asked(info)
    for part in parts:
        figures = [m.group(0).strip() for m in NUMBER_SPAN.finditer(part)
                   if not _YEAR_SPAN.fullmatch(m.group(0).strip()) and unit_ok(m.group(0).strip(), want)]
        another = any((numbers_in(f) or numeral_values(f)) - given for f in figures)
        if another and (part in restated or any(fold(w) in fold(part) for w in added)):
            return False
    return True


_YEAR_SPAN = re.compile(r"\d{4}\s*年度?")


# "除了金华、芜湖，还设在哪些城市？": the items a question sets aside, asking which others.
_BESIDES_ZH = re.compile(
    rf"除了?([{HAN_CLASS}、和及与]{{2,40}}?)(?:以外|之外)?[，,]?\s*还[^？?]*?(?:哪些|哪几|哪个|什么|谁)"
)
# A list the text writes ("在金华、芜湖等地"): its items, as "、" joins them.
_LISTED = re.compile(rf"((?:[{HAN_CLASS}]{{2,8}}、)+[{HAN_CLASS}]{{2,8}})(?=等|和|及)")


def names_others(question: str, texts: Sequence[str]) -> bool:
    """Do ``texts`` name anything besides what the question sets aside ("除了金华、芜湖，还设在哪些
    城市？")? False when the lists naming those items name nothing else ("…在金华、芜湖等地设立18个协同
    创新中心", a fresh seed near miss of stop 51, was the answer); True when no list names them."""
    m = _BESIDES_ZH.search(question)
    if m is None:
        return True
    aside = [item for item in re.split(r"[、和及与]", m.group(1)) if len(item) >= 2]
    lists = [re.split("、", found) for t in texts for found in _LISTED.findall(t)]
    naming = [items for items in lists if any(item.endswith(tuple(aside)) for item in items)]
    return not naming or any(not item.endswith(tuple(aside)) for items in naming for item in items)


def states_asked_extreme(info: QuestionInfo, texts: Sequence[str]) -> bool:
    """Does one of ``texts`` name an extreme or a first place, when the question asks which one has
    the most ("Which Chinese city has the largest number of migrant workers?", seed2-118)? Read for
    sentences chosen by words and by meaning alike."""
    if not asks_extreme(info.text):
        return True
    # "…这些问题，在哪些地方最突出？" asks where they are marked (最 of a degree, not a measure): "…等问题，在部分中小
    # 城市和小城镇地区突出" answers it (stop 69's seed question hz39-38 was refused with its clause first).
    degree = {m.group(1) for m in _MOST_OF_DEGREE.finditer(info.text)}
    return any(states_extreme(t) or any(word in t for word in degree) for t in texts)


# 最 before a two-character word of degree ("最突出", "最严重", "最集中"), not of a measure (最多, 最高, 最长…).
_MOST_OF_DEGREE = re.compile(rf"最(?![多大高少低小长短早晚快慢后终近先])([{HAN_CLASS}]{{2}})")


def dated(info: QuestionInfo, text: str, clause: str) -> bool:
    """Does ``text`` (a sentence of the folded ``clause``) state a figure for the year the question
    asks? It names that year, or its clause names no other (the year then stands in a heading:
    "到2025年" over the plan's targets).
    "2024年北京中心城区常住人口有多少？" is not answered by "其中，核心区常住人口数量由221.0万人降至
    180.40万人" after "2015年至2022年，…" (seed2-115, a near miss)."""
    if not holds_number(info, text):
        return False
    folded = fold(text)
    stated = [m for m in YEAR.finditer(folded) if m.group(0) in info.years]
    if stated:
        return any(whole_year_at(folded, m.end(), info.text) for m in stated)
    if not set(YEAR.findall(clause)) - set(info.years):
        return True
    # A sentence naming no year of its own is of the year stated last before it: "2021年我国农民工的平均
    # 年龄达41.7岁，比2015年增长3.1岁；50岁以上农民工占比达27.3%，比2015年增长9.4%" (a fresh seed
    # question of stop 45 asked 2021's share and was refused).
    if scope_years(text):
        return False
    at = clause.find(folded[:12])
    before = scope_years(clause[:at]) if at > 0 else []
    return bool(before) and before[-1] in info.years


# A year a figure is compared with ("比2015年增长9.4%", "较2020年下降", "与2015年相比") is not the year
# the figure is of.
_COMPARED = re.compile(r"(?:比|较|与|同)\s*$")


def scope_years(text: str) -> list[str]:
    """The years ``text`` states figures of, in order: every calendar year but those a figure is
    compared with ("比2015年增长")."""
    folded = fold(text)
    return [
        m.group(0) for m in YEAR.finditer(folded) if not _COMPARED.search(folded[max(0, m.start() - 3) : m.start()])
    ]


def _names_rate(indicator: str, question: str, text: str) -> bool:
    """Does ``text`` name the rate ``indicator`` asks ("…城镇化率" → 化率), when it asks one? A
    share of another measure is no answer: "扩容后的郑州都市圈，2021年底的常住人口城镇化率是多少？" was
    answered by "…人口增加到4670万、占全省的47.3%…" (a fresh seed near miss, stop 47). A question
    giving a share of its own ("城镇化率还不到50%的有几个？") counts something else; not read."""
    rate = _RATE.search(indicator)
    return rate is None or _SHARE_GIVEN.search(question) is not None or rate.group(0) in text


_RATE = re.compile(rf"[{HAN_CLASS}]率$")
_SHARE_GIVEN = re.compile(r"\d\s*[%％]|百分之[一二三四五六七八九十百]")


def _names_indicator(indicator: str, text: str) -> bool:
    """Does ``text`` hold two characters of ``indicator`` in a row ("酒精含量" → 酒精, 精含, 含量), the
    places and areas it is asked for left out ("北京中心城区常住人口" → 常住人口: "…2024年初北京市级机关
    …共计2.2万余人入驻…" names 北京, not the measure; seed2-115, a near miss)? A one-character
    indicator names too little to ask it of a sentence."""
    measure = _AREA.sub("", indicator)
    for chinese, _ in named_places(indicator):
        measure = measure.replace(chinese, "")
    if len(measure) < 2:
        measure = indicator
    text = _ALTERNATIVES.sub(r"\1", text)
    return len(measure) < 2 or any(measure[i : i + 2] in text for i in range(len(measure) - 1))


# A law's alternatives in brackets ("乡（镇）", "县（市、区）", "村（居）民委员会") read as the words they make:
# "…常住人口要达到多少的乡镇、街道可以派驻？" is asked of "…常住人口五万以上的乡（镇）、街道派驻文化工作人员" (stop 71's
# trap pz71-19 was refused with it first, for want of 乡镇 in it).
_ALTERNATIVES = re.compile(rf"[（(]([{HAN_CLASS}、]{{1,4}})[）)]")


def _latin_head_named(question: str, indicator: str, text: str) -> bool:
    """Does ``text`` name the Latin-script term the question writes right before its Han indicator? "GDP总量达到
    多少了？" is stated by "…GDP达到3.28万亿…" (a fresh seed question of stop 63, hz33-08, was refused with it
    first: the indicator read is 总量, the Han words alone)."""
    m = re.search(rf"([A-Za-z][A-Za-z0-9.]{{1,15}})\s*的?{re.escape(indicator)}", question)
    return m is not None and re.search(rf"(?<![A-Za-z]){re.escape(m.group(1))}(?![A-Za-z])", text, re.I) is not None


# Indicators that are a dimension, stated by a figure's unit rather than by name.
_NUMERAL = rf"(?:\d[\d,.]*|[{CN_NUMERALS}万]+)\s*"
_DIMENSIONS: dict[str, re.Pattern[str]] = {
    "面积": re.compile(_NUMERAL + r"(?:万)?(?:平方公里|平方千米|平方米|公顷|亩)"),
    "年龄": re.compile(_NUMERAL + r"周?岁"),
    "金额": re.compile(_NUMERAL + r"(?:万|亿)?元"),
}

# Words of an indicator that say where it is counted, not what.
_AREA = re.compile(r"中心城区|主城区|城区|市区|核心区|全市|全省|全国|地区")


def in_scope(info: QuestionInfo, clauses: Sequence[str]) -> bool:
    """Do the chosen sentences' (folded) ``clauses`` name what scopes the question? A year it names ("2024年…目标
    是多少" is not answered by clauses that never mention 2024) and, for a Chinese question, each
    Latin-script term it names ("违反CPRA要承担什么刑事责任？" is not answered by a Chinese law's
    "构成犯罪的，依法追究刑事责任")."""
    if info.years and not any(y in c for y in info.years for c in clauses):
        return False
    terms = _latin_terms(info.text) if info.lang == "zh" else []
    return all(any(t in _alnum(c) or any(w in c for w in _LATIN_IN_CHINESE.get(t, ())) for c in clauses)
               for t in terms)


# Latin abbreviations a Chinese text writes out in its own words: "全国地级以上城市的GDP加一块儿，占全国
# 经济总量的比重是多少？" is answered by "地级以上城市地区生产总值77万亿元，占全国的61.1%" (a fresh seed
# question of stop 50 was refused for want of "GDP").
_LATIN_IN_CHINESE: dict[str, tuple[str, ...]] = {
    "gdp": ("生产总值",),
    "pm25": ("细颗粒物",),
    "cpi": ("消费价格指数", "消费者价格指数"),
}


# A Latin-script name inside a Chinese question: capitals, with digits or dots ("GDP", "PM2.5",
# "CPRA"). A word in lower case is the question's own wording ("被处penalty的人…"), answered by meaning.
_LATIN_TERM = re.compile(r"(?<![A-Za-z0-9.])[A-Z][A-Z0-9.]*[A-Z0-9](?![A-Za-z0-9])")


# Everyday loanwords naming where something happens, not what scopes the question: "我在个税APP上
# 看到公司给我报的收入比我实际拿到的多，我能要求公司改过来吗？" (a fresh held-out question of stop 46) and
# "KTV着火的时候…" (stop 44's ha-15) were refused for want of APP / KTV in a law.
_EVERYDAY_LATIN = frozenset({"app", "hr", "ktv", "wifi", "vip", "ok"})


def _latin_terms(question: str) -> list[str]:
    """The Latin-script names of a question as :func:`_alnum` reads them ("PM2.5" → "pm25"), less
    everyday loanwords (:data:`_EVERYDAY_LATIN`)."""
    return [t for m in _LATIN_TERM.finditer(question) if (t := _alnum(m.group(0))) not in _EVERYDAY_LATIN]


def _alnum(text: str) -> str:
    """Only the ASCII letters and digits of ``text``, folded: "PM_{2.5}" and "PM2.5" both read "pm25"."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


# A follow-up the chat could not rewrite, sent as "关于X：<the question before>" / "Regarding X: …"
# (ui/followup.py; rag.query.carried.follow_up_topic reads X, the English frame as rag.answer.figures_en
# reads it): the question before is only its context.
# ...or asked with its own words after it, the question before added as context: "那上市公司的数量呢，长三角占
# 全国多少？（接上文：…集成电路产业规模占全国多少？）" opened "58.3%：" from the 集成电路 sentence (a fresh
# seed question of stop 59, hz29-05): rag.query.carried.FOLLOW_UP_LEAD_ZH reads X.
# More than this share of X's words must be in the sentence an opening is read from. Not tuned: a
# half is what "男职工" (职工 of 女职工) holds, and it must not pass.
FOLLOW_UP_SHARE = 0.5


# The end of a document's name: a follow-up naming one ("那国家那部献血法呢？") asks of that document.
_DOCUMENT_END = re.compile(r"(?:法|条例|办法|规定|细则|方案|意见|决定|通知|规划)$")


def of_the_follow_up(question: str, sentence: str, title: str = "") -> bool:
    """Is ``sentence`` about what a follow-up asks (X of "关于X："), so that the answer may open with
    its verdict or figure? "饮酒后驾驶机动车的，暂扣几个月驾驶证？" then "那醉酒驾驶呢？" opened "六个月" from
    the 饮酒后 sentence, "那男职工呢？" after 女职工's 产假 "不少于九十天", and "那全日制呢？" after
    "非全日制用工可以约定试用期吗？" "否" (非全日制 is no 全日制). True for any other question, and for a
    follow-up naming the sentence's document (``title``) by a name ending its title."""
    if (en := FOLLOW_UP.match(question)) is not None:
        words = set(content_stems(en.group(1), ASKING))  # "Regarding at least: …" asks the other end
        return not words or (not has_han(sentence) and words <= set(stems(sentence)))
    subject = follow_up_topic(question)
    if subject is None and (lead := FOLLOW_UP_LEAD_ZH.match(without_context(question))) is not None:
        subject = lead.group(1)
    if subject is None:
        return True
    if title and _DOCUMENT_END.search(subject) and any(
        subject[i:] in fold(title) for i in range(len(subject) - 2)
    ):
        # The follow-up names the sentence's own document: "那国家那部献血法呢，是哪天起施行的？" is answered by
        # 献血法's "本法自1998年10月1日起施行" (a fresh trap of stop 65, pz65-27, quoted it with no date).
        return True
    if ("非" + subject) in sentence:
        return False
    asked = set(analyse(subject + "？").tokens)
    return not asked or len(asked & set(bigrams(sentence))) > FOLLOW_UP_SHARE * len(asked)
