"""Quantities in questions and texts: what a question asks for (a unit, a share, an indicator)
and the figures a text states, in Arabic or Chinese numerals.

Shared by the answer's opening (:mod:`rag.answer.figures`: a figure first only when it is the
quantity asked) and the answerability signals (:mod:`rag.retrieve.signals`: a question asking
for a figure that no retrieved clause states is a near miss, "深圳积分落户分数线是多少").

Example::

    asked(analyse("最长多少年？")).units            # ('年',)
    states_figure("期限为二年。", analyse("最长多少年？"))   # True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.ingest.numerals import CN_NUMERALS, cn_to_int
from rag.query.carried import without_context
from rag.query.lay_terms_en import lay_english
from rag.query.places import named_places
from rag.query.question import CLAUSE_ZH, CURRENCY_EN, JI, PHONE_ASKED, RANK_ZH, QuestionInfo
from rag.text import HAN_CLASS, fold, has_han

# Laws write their figures in Chinese numerals ("二年", "十五日", "三个月"): a numeral run counts
# as a number only right before a unit (so "统一", "第一", "十四五" are not figures).
CN_NUMBER = (
    r"(?<![第\d〇一二两三四五六七八九十百千])[〇一二两三四五六七八九十百千]+"
    r"(?=\s*(?:个工作日|个月|年|日|天|周岁|岁|小时|分钟|倍|次|人|元|万|亿|名|项|级|节|场|批|届))"
)
# Does a text state a figure at all: digits, a numeral before its unit, a share written out
# (百分之), an English number word. One test for the answerers' "a number question needs a
# sentence holding one" (extractive, across languages), which had drifted apart ("七个工作日"
# was a figure to one and not to the other).
FIGURE = re.compile(
    rf"\d|{CN_NUMBER}|百分之|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|ninety|hundred|once|twice)\b",
    re.IGNORECASE,
)
# 对 counts pairs ("92对列车") except where it starts a word ("对于", "对外", "对象"; unmeasured list).
_PAIR = r"对(?![于外此其该本这那象待话应])"
# The units a figure ends with.
_FIGURE_UNITS = (
    r"(?:平方公里|公里|千米|平方米|万亩|万人|亿元|万元|个百分点|个工作日|个月|个纳税年度|个年度|个|套|人|户|所|家|元|吨|辆|张|周岁|岁|倍|"
    rf"小时|分钟|分|天|座|条|项|亩|米|年|月|日|名|处|次|列|趟|台|度|件|份|例|宗|篇|{_PAIR}|双|级|节|场|批|届|"
    r"hours?|days?|months?|years?|percent|per cent)"
)
NUMBER_SPAN = re.compile(
    r"(?:(?:不得超过|不得低于|不得少于|不得高于|超过|达到|达|不低于|不少于|不超过|不高于|不足|不到|低于|高于|提高到|提升到|增至|降至|增加到|减少到|"
    r"控制在|稳定在|保持在|约|近|突破|累计|由)\s*)?"
    rf"(?:\d+\s*/\s*\d+|\d[\d,，.．]*|{CN_NUMBER})\s*(?:%|％|‰)?\s*"
    r"(?:万亿|亿|万|千|百)?\s*[多余]?"
    rf"{_FIGURE_UNITS}?"
    r"(?:以上|以下|以内|左右)?",
    re.I,
)
# One end of a range: a number, its share sign or magnitude, and its unit when written.
_RANGE_END = rf"(?:\d[\d,，.．]*|{CN_NUMBER})\s*(?:%|％|‰)?\s*(?:万亿|亿|万|千|百)?\s*{_FIGURE_UNITS}?"
# A range stated whole: "一万元以上五万元以下", "三个月至六个月", "1至5年" (its lower end may leave out the unit).
RANGE_SPAN = re.compile(rf"{_RANGE_END}\s*(?:以上\s*{_RANGE_END}\s*以下|[至到～~]\s*{_RANGE_END})", re.I)
_DAY = r"\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*至\s*\d{1,2}\s*日)?"
TIME_SPAN = re.compile(rf"\d{{4}}\s*年(?:\s*{_DAY}|\s*\d{{1,2}}\s*月)?|{_DAY}")

# Units a question names, and the unit endings of a figure that answer it.
_UNITS_ZH = {
    "年": ("年",), "天": ("日", "天", "个工作日"), "日": ("日", "天", "个工作日"), "个工作日": ("个工作日", "日"),
    "个月": ("个月", "月"), "个小时": ("小时",), "小时": ("小时",), "分钟": ("分钟",), "钱": ("元",), "元": ("元",),
    "万元": ("万元", "亿元", "元"),
    # A sum in a foreign currency is a sum (stop 52: "最低时薪是多少欧元？" asks money, not any number).
    "欧元": ("元",), "美元": ("元",), "英镑": ("元",),
    "人": ("人",), "个人": ("人", "名", "个"), "万人": ("万人", "人"), "户": ("户",), "套": ("套",), "条": ("条",),
    "项": ("项",), "家": ("家",),
    "所": ("所",), "名": ("名", "人"), "次": ("次",), "倍": ("倍",), "岁": ("岁",), "公里": ("公里", "千米"),
    "平方米": ("平方米",), "亩": ("亩", "万亩"), "座": ("座",), "辆": ("辆",), "吨": ("吨",), "个": ("个",),
    "张": ("张",), "列": ("列",), "趟": ("趟", "列"), "台": ("台",), "处": ("处",), "分": ("分",), "度": ("度",),
    # Things counted by the piece, copy, case or article: "一共申请了多少件PCT专利？" is not answered by "…PCT
    # 国际专利申请数量占全国1/9" (a fresh seed near miss of stop 62, hz32-34, answered from it).
    "件": ("件",), "份": ("份",), "例": ("例",), "宗": ("宗",), "篇": ("篇",),
    # Things counted in pairs: "每天是多少对？" is not answered by "…开行184列、92对列车" with 184列 (a
    # fresh seed follow-up of stop 65, hz35-29).
    "对": ("对",), "双": ("双",),
    # Levels: "养老服务网络是按几级来搭的？" is answered by "…县镇村衔接的三级养老服务…网络" (a fresh held-out
    # question of stop 66, kr-12, refused with its article first: no figure of a kind asked).
    "级": ("级",),
    # Lessons, matches, batches and sessions: "学校每周至少得排几节体育课？" is not answered by "…每天参加不少于一小时
    # 体育锻炼" (stop 67's trap pz67-36, a near miss, was answered from it). Not 期: "几期下来累计少交了十二万元税"
    # tells "over a few periods" (pz48-04 was refused when it was read as a count).
    "节": ("节",), "场": ("场",), "批": ("批",), "届": ("届",),
}
_UNIT_WORDS_ZH = (
    "个工作日|个月|个小时|个人|个|万元|万人|小时|分钟|平方米|公里|年|天|日|钱|欧元|美元|英镑|元|人|户|套|条|项|家|所|名|次|倍|"
    f"岁|亩|座|辆|吨|张|列|趟|台|处|分|度|件|份|例|宗|篇|{_PAIR}|双|级|节|场|批|届"
)
_ASKED_UNIT_ZH = re.compile(rf"(?:多少|{JI})(?:万|亿)?({_UNIT_WORDS_ZH})([{HAN_CLASS}]*)")
# "…开通了几条线路？": 了几 asks a count when its clause ends the question (JI passes it over, for the
# "过了几天" and "招了几位职工，" a story tells). A seed near miss of stop 76 (hz45-37, how many metro
# lines 郑州 runs) was answered from a sentence stating no count.
# A case put with 呢/吗 is no count asked: "…只是报晚了几天呢？" (late by a few days; stop 61's trap pz61-03).
_ASKED_UNIT_AFTER_LE_ZH = re.compile(rf"了几({_UNIT_WORDS_ZH})([{HAN_CLASS}]*)(?<![呢吗吧啊])[?？]?\s*$")
# A score asked by its name ("分数线是多少", "得分有多少"): a number of points, 分.
_SCORE_ZH = re.compile(rf"(?:分数线?|分值|得分)(?:是|为|有|要|需要|达到|得)?(?:多少|{JI})")
_MONEY_UNITS = ("元", "euro", "eur")
_ASKED_UNIT_EN = {
    r"how many years|how long": ("年", "year"), r"how many days|within how many": ("日", "天", "day"),
    r"how many months": ("月", "month"), r"how many hours": ("小时", "hour"),
    r"how many (?:kilometres|kilometers|km)": ("公里", "千米", "km"),
    r"how much money|how much (?:does|will|is the) (?:fee|fine|cost)|how many yuan|\bfine\b.*how much"
    r"|how much (?:does|do|did|will|would|can|could|may|might|must|should|shall)\b[^?]*\b(?:cost|charge)\b"
    # "How big is the fine a bank has to pay…?" (held-out he-37, a near miss, was answered with the
    # question's own 15 business days beside the text's 35): the size of a fine, fee or payment.
    r"|how (?:big|large|high|much) (?:is|are|was|were|would be|will be|could be|can be) "
    r"(?:the |a |an |my |their |its )?(?:fine|penalty|penalties|fee|charge|compensation|refund|payment)"
    # "How much extra per hour must my employer pay me for night shifts?" (held-out hf-34, a near
    # miss over the Working Time Directive, was answered from Article 8's eight hours): a sum paid,
    # owed or compensated; "how much time / rest / leave / notice" is no sum.
    # "How much of …" and "by how much" ask a share ("How much of the fund's money goes to…": 91%).
    r"|(?<!by )how much (?!of\b|time\b|rest\b|leave\b|notice\b|advance\b|holiday|vacation|break|sleep\b|more time)"
    r"[^?]*(?:\b(?:pay|pays|owe|owed)\b"
    r"|\bpaid\b(?!\s+(?:annual|leave|holiday|vacation|time|parental|sick|maternity|paternity|days?)\b))"
    r"|\bwhat (?:fine|penalty)\b(?!\s+(?:percentage|rate|share|proportion)\b)": _MONEY_UNITS,
    # Power asked in its unit or by "what capacity": answered by a figure in kW, MW or GW.
    r"\bin (?:kw|mw|gw)\b|\bwhat (?:[a-z-]+ )?capacity\b": ("kw", "mw", "gw"),
    # Energy asked in its unit ("…the maximum primary energy use, in kWh per square metre per year…?",
    # a fresh trap of stop 58, pe58-31, a near miss answered from "at least 10 % lower than…"): a figure
    # in kWh, MWh, GWh or TWh.
    r"\bin (?:kwh|mwh|gwh|twh)\b|\bkilowatt[- ]hours?\b": ("kwh", "mwh", "gwh", "twh"),
}
# A sum asked in its currency, or by what it is, when the question asks no share (fresh near misses of
# stop 56: "…the maximum early termination fee, in euros, …?", "What feed-in tariff, in cents per kWh,
# …?", "What's the maximum deposit it can ask for…?" were answered from clauses stating other numbers;
# "As a share of our income, what's the most that fee can come to?" asks a share, held-out gn-23). The
# currency counts in the sentence asking: "…my salary is paid in euros. How far does … drift…?" asks a
# share (held-out gb-03). An income too: "What is the maximum income I can have to get legal aid…?" (stop 69's
# trap pe69-39, a near miss answered from the article on legal aid, which states no sum).
_SUM_NAMED_EN = re.compile(
    rf"\b(?:what|how|which)\b[^?.]*\bin (?:{CURRENCY_EN})\b"
    r"|\bwhat(?:'s|’s| is| are)? (?:the )?(?:[a-z-]+ ){0,2}?(?:deposit|tariff|fee|price|income|earnings)s?\b"
    r"(?! (?:structure|rule|level)s?\b)"
    # ...or a turnover ("what minimum turnover or balance-sheet total…", "What premium or turnover threshold…":
    # fresh near misses of stop 66, ks-35 and pe66-40, answered from an article whose numbers date other acts).
    r"|\bwhat (?:[a-z-]+ ){0,3}?turnover\b"
)
# "多久能见一次", "每隔多长时间": how often, answered by a rate ("每月一次"), never by a duration
# ("行政拘留…最长不超过二十日" does not say how often a detainee may be visited).
_HOW_OFTEN_ZH = re.compile(
    # (up to twelve characters between: "多久要向上一级政府报告一次…", a fresh held-out question of stop 66, kr-05)
    rf"(?:多久|多长时间|{JI}天|多少天)[^，。？?]{{0,12}}一次|每隔?(?:多久|多长时间|{JI}天|多少天)"
)
# "How often does the board of the California privacy agency meet?" (dev cpra-225, a near miss, was answered by
# the section establishing the agency once stop 67 read a Californian case as asking the English texts): how often,
# in English, answered by a rate or a period ("at least once a year", "every two years", "annually").
_HOW_OFTEN_EN = re.compile(r"\bhow (?:often|frequently)\b", re.I)
_RATE_STATED_EN = re.compile(
    r"\b(?:every|each|per)\s+(?:\w+\s+){0,2}?(?:years?|months?|weeks?|days?|quarters?|calendar year)\b"
    r"|\b(?:annually|yearly|monthly|quarterly|weekly|daily|biennially|periodically)\b"
    r"|\b(?:once|twice|\w+ times)\s+(?:a|per|in|each|every)\b|\bat (?:regular )?intervals\b"
    r"|\bon an? (?:annual|yearly|monthly|quarterly|weekly|daily|regular) basis\b",
    re.I,
)
_RATE_STATED = re.compile(
    r"每[^，。；]{0,8}?(?:[一二两三四五六七八九十\d]+)次|(?:[一二两三四五六七八九十\d]+)次[^，。；]{0,3}每"
    # ...or by its period: "人工费用拨付周期不得超过1个月" (held-out hw-06 "最长能隔多久拨一次？").
    r"|(?:周期|间隔|每隔)[^，。；]{0,12}?(?:\d+|[一二两三四五六七八九十]+)\s*个?(?:年|月|季度|周|日|天|小时)"
    # ...or by the period each act falls in: "地方各级人民政府应当每年向上一级人民政府报告…" (kr-05, stop 66), its
    # object between: "每五年对城市总体规划的实施情况进行全面评估" (stop 69's ky-33, refused with its article first).
    r"|每(?:半年|年|季度|个?月|周|[两三四五\d]年)[^，。；\d]{0,16}?(?:向|报告|公布|发布|召开|开展|组织|进行|评估|检查|提交|公开|通报|调整)"
)
# An age asked without 几岁 / 多少岁: "这是针对多大年龄的孩子？" (stop 59's kc-07, refused with its article
# first: "对零至六周岁残疾儿童免费…" held no figure of a kind asked).
_AGE_ZH = re.compile(r"多大(?:的)?(?:年龄|岁数|年纪)|(?:年龄|岁数|年纪)(?:是|要|得|在|为|有)?多大|多少周岁|几周岁")
# "多久" / "多长时间" asks a duration in whatever unit the text uses.
_HOW_LONG_ZH = re.compile(r"多久|多长时间|多长期限|期限是多长")
DURATION_UNITS = ("年", "个月", "月", "周", "日", "天", "小时", "分钟", "个工作日")
# A duration asked within a period ("每天得给多长时间喂奶？") is stated in units shorter than the
# period: held-out hs-36, a near miss, was answered with "怀孕7个月以上" (stop 41).
# Only 每… and 一天 say a period: 一年 / 一个月 are as often a condition ("签一年的合同…").
_PER_PERIOD_ZH = re.compile(r"(?:每|一(?=天))(天|日|周|星期|月|年)[^，。？?]{0,12}?(?:多久|多长时间)")
# How long each unit is, in order: the units shorter than a period are those ranked below it.
_UNIT_RANK = {"分钟": 0, "小时": 1, "日": 2, "天": 2, "个工作日": 2, "周": 3, "星期": 3, "个月": 4, "月": 4, "年": 5}


def _within(period: str) -> tuple[str, ...]:
    """The duration units shorter than ``period`` ("天" → 小时, 分钟)."""
    return tuple(u for u in DURATION_UNITS if _UNIT_RANK[u] < _UNIT_RANK[period])


_PERCENT = ("%", "％", "‰", "个百分点", "percent", "per cent")
_RATE_ZH = re.compile(rf"([{HAN_CLASS}]*(?:率|比例|占比|比重))")
_VALUE_GIVEN = re.compile(r"[^，。？?\d]{0,4}?\d+(?:\.\d+)?\s*[%％]")
# A share asked as a discount or in tenths: "稿费…收入额是打几折来算的？" is answered by "减按百分之七十
# 计算" (a fresh held-out question of stop 46, refused for want of a figure in 折).
_DISCOUNT_ZH = re.compile(rf"打{JI}折|{JI}成(?![年人立为])")
# A share of a base asked as "按 X 的多少（来算）": "滞纳金每天是按欠的税款的多少来算的？" is answered by
# "按日加收滞纳税款万分之五的滞纳金" (a fresh held-out question of stop 48, refused: "来算" was read
# as an indicator no sentence names). A multiple, a sum or a count after 多少 is no share. "百分之多少"
# asks a share in so many words ("那一年具体是百分之多少？", a fresh seed follow-up of stop 48).
_SHARE_OF_BASE_ZH = re.compile(
    rf"按[{HAN_CLASS}]{{1,12}}?的(?:百分之(?:多少|几)|几分之几|多少)(?![倍个元万亿人年天日月])"
)
_SHARE_WORDS_ZH = re.compile(r"百分之(?:多少|几)")
# What takes a share asked as "X占Y的百分之几": X.
_PART_OF_ZH = re.compile(
    rf"([{HAN_CLASS}]{{2,}}?)(?:至少|最多|最少|最高|最低|一般|大概|大约)?(?:要|应|应当|需要|得|能|可以)?占[^，。？?]{{1,12}}?的?百分之(?:几|多少)"
)
# A share asked in English: "rate", "percentage", "proportion", and "share" as a noun ("What share
# of…", "the share of"), not the verb ("How many consumers must a business buy, sell or share…").
_RATE_EN = re.compile(
    r"\b(?:rate|percentage|proportion)\b|\b(?:what|which|the|a|its|their)\s+share\b|\bshare\s+of\b", re.I
)
# A fraction in digits ("1/3"), not a date or an official number ("261/2004").
_FRACTION = r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}(?![\d/])"
# A share stated in English: a percentage, "per cent", a fraction in words ("one-half", "two thirds";
# not "third parties") or in digits.
_SHARE_EN = re.compile(
    rf"%|\bper\s?cent\b|\bhalf\b|\b(?:a|one|two|three)[\s-](?:third|quarter|fifth|tenth)s?\b"
    # ...not "a third country" / "a third party" (an exit tax's article answered "What interest rate…?",
    # a fresh near miss of stop 53, for "…in a third country that is party to the EEA Agreement")
    rf"(?!\s+(?:countr|part|person|state|pillar|sector|option))|{_FRACTION}",
    re.I,
)
# The indicator before the question word, without the words that total it: "流动人口一共有多少" asks
# 流动人口 (read "流动人口一" before stop 41, the 一 of 一共 kept as a word of the indicator).
_INDICATOR_ZH = re.compile(
    rf"([{HAN_CLASS}]+?)(?:的)?(?:是|为|有|达到|达|一共有|总共有|共有|一共|总共|共计|总计)?(?:多少|{JI}|多大|多高|多长|多远)"
)
# The thing counted after the question word: "争取到多少中央…奖励资金" → "中央…奖励资金"; not a
# condition's verb after it ("酒精含量达到多少就算醉驾" names 酒精含量 before, not 就算醉驾 after).
_AFTER_ZH = re.compile(rf"(?:多少|{JI})(?![以内左之就才算])([{HAN_CLASS}]{{2,}})")
# Words that open an indicator but do not name it (time, place, "全国").
_LEAD = re.compile(
    r"^(?:\d+年|年末|年底|年初|年|底|末|到|至|截至|全国|我国|全省|我省|全市|我市|本省|本市|目前|现在|当前|一共|总共|"
    r"十[一二三四五六]五(?:期间|时期|末)?|期间"
    # ...and a follow-up's "那" and the time it points back to ("那同一时期美国是多少？" asks 美国's figure
    # of the earlier question's measure; stop 48, when countries became places, read "那同一时期" as it).
    r"|那(?![个些类])|同一时期|同一年|同期|同时期|当时|那时|同年|当年"
    # ...and words that point or ask, naming nothing measured: "这种情况按…的百分之多少", "其中多少以内的部分",
    # "能多扣多少", "最多能缩到多少" (stop 52: four fresh questions refused, the figure's sentence not naming
    # "这种情况" or "其中"); not a bare 能 or 多, which open nouns (能源, 多式联运)
    r"|这种情况|这种|那种|这个|那个|这些|那些|其中|最多能|最少能|至多能|至少能|能多|能够|可以|最多|最少|至多|至少"
    # ...and the other ends asked: "那一年里开展慈善活动的支出，最低要达到多少？" (stop 63's pz63-15, refused with
    # 第六十一条's "不得低于…百分之七十" first: "最低" was read as the name)
    # (with the 能 after it, as 最多能: "最低能打到多少？" asks no 能打, stop 44's ha-03)
    r"|(?:最低|最高|最长|最短|最晚|最早)能?"
    # ...and 能 before a verb of change: "听说可以少存一些，能降多少？" asks how much 降, which "…交存数额降低50%"
    # names (a fresh question of stop 58, ka-29, refused with its article first: "能降" was read as the name)
    r"|能(?=[降减增涨少省扣退补加提])"
    # ...and "规定的上限": what the rules set is no name of what they set (gq-08 of stop 53, "履约保证金…
    # 规定的上限是多少？", was refused beside "履约保证金的数额不得超过政府采购合同金额的10%")
    r"|按照规定|按规定|规定)+"
)
# The end asked, after the name: "上限", "下限" (the bound is read by the answer's figure, not named).
_BOUND_END = re.compile(r"(?:上限|下限)$")
# Verbs that close an indicator before its figure ("控制在", "仅占", "提高到"), and filler.
_VERB_END = re.compile(
    r"(?:控制在|稳定在|保持在|提高到|提升到|增加到|减少到|下降到|降到|降至|增至|增加|减少|下降|提高|提升|增长|"
    r"达到|高达|仅为|仅占|约为|约占|占到|占|为|是|达|有|超过|超|了|到)+$"
)
FILLER = re.compile(r"的|将要|将|要|会|预计|约|共|了|里|已经|已|仍|仅|多大|多少")
# A share is named 比例, 比重 or 占比.
_SHARE = re.compile(r"比例|比重")


@dataclass(frozen=True)
class Asked:
    """What quantity a question asks for: unit endings that answer it, percentage, indicator."""

    units: tuple[str, ...] = ()
    percent: bool = False
    indicator: str = ""  # the Han words naming the quantity, e.g. "户籍人口城镇化率"
    duration: bool = False  # 多少年: a number of years, never a calendar year
    counted: str = ""  # the thing counted after the unit ("多少家机构" → "机构")
    # What an English "how many" question counts ("How many employees does …" → ("employee",)):
    # an English figure answers it only in a sentence naming it (see :func:`states_figure`).
    nouns: tuple[str, ...] = ()
    rank: bool = False  # 排第几: a place in an order ("居全国第3位"), no figure opening
    often: bool = False  # 多久…一次: a rate ("每月一次"), no figure opening
    amount: bool = False  # 罚多少, 能贷多少: a sum, a share or a multiple, never a length of time
    phone: bool = False  # 投诉电话是多少, "What is the hotline number?": a telephone number
    points: bool = False  # 多少个百分点: a change in percentage points, never a level in %


def indicator_name(text: str) -> str:
    """An indicator in comparable form: no leading time/place, closing verb or filler."""
    text = _LEAD.sub("", text)
    text = _BOUND_END.sub("", _VERB_END.sub("", text))
    return _SHARE.sub("占比", FILLER.sub("", text))


# The words after "how many" up to the verb or preposition that ends the counted thing.
# ...or after "the number of": "What's the minimum number of affected consumers needed before…?" (a fresh
# near miss of stop 53, answered from an article stating no such number).
_HOW_MANY_EN = re.compile(r"\b(?:how many|number of)\s+([a-z' -]+)", re.I)
_COUNT_END = frozenset({
    "does", "do", "did", "must", "should", "shall", "can", "could", "may", "might", "will", "would", "are", "is",
    "were", "was", "have", "has", "had", "get", "gets", "sit", "sits", "per", "of", "in", "for", "on", "at", "by",
    "from", "to", "with", "a", "an", "the", "that", "which", "who", "there",
})
# Counted words that name no thing ("how many times", "how many more").
_COUNT_GENERIC = frozenset({"times", "more", "different", "separate", "total", "or", "and"})
# Ways the texts name people: "how many people" is answered by "two natural persons"; the people
# working for one: "How many staff do we need before we're obliged to set up an internal
# whistleblowing channel?" is answered by "legal entities in the private sector with 50 or more
# workers" (a fresh held-out question of stop 46, refused); and firms.
_PERSONS = ("person", "people", "individual", "natural person")
_COUNT_FAMILIES = (
    _PERSONS,
    ("staff", "worker", "employee", "personnel", "workforce"),
    ("company", "firm", "undertaking", "enterprise", "business", "legal entity", "entity"),
)


# A value asked by its name: "What power usage effectiveness (PUE) value must…" → the name and its
# abbreviation ("power usage effectiveness", "pue").
_VALUE_NAMED_EN = re.compile(
    r"\bwhat (?:minimum |maximum |target )?((?:[a-z-]+ ){1,4}?)(?:\(([a-z0-9-]+)\) )?values?\b", re.I
)
# The figures a question offers to choose between ("是每年报一次还是半年报一次？", "…is the minimum notice
# before a shift 24 hours or 48 hours?"): an answer states one of them. Two fresh near misses of stop 60
# (pz60-30, kf-38) were answered from a sentence stating neither ("应当定期…报送", a definition).
_OFFERED_ZH = re.compile(r"([^，,。？?；]{1,14}?)还是([^，,。？?；]{1,14})")
_PERIOD_ZH = re.compile(r"每半年|半年|每年|年度|每季度|季度|每个?月|月度|每周|每天|每日")
_SAME_PERIOD = {"每半年": "半年", "年度": "每年", "季度": "每季度", "每个月": "每月", "月度": "每月", "每日": "每天"}
# The units a Chinese numeral stands before when it is a figure ("二十五年", "五千元"); a count of times
# ("一次") is a figure a question gives (given_numbers), not one it offers.
_NUMERAL_UNITS = "个工作日|个月|周岁|年|日|天|小时|分钟|岁|倍|人|元|万|亿|名|项|周"
_VALUE_ZH = re.compile(rf"[{CN_NUMERALS}]+(?={_NUMERAL_UNITS}|%)")
_EN_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
}
_NUMBER_EN_WORD = rf"\d+(?:\.\d+)?|{'|'.join(_EN_NUMBERS)}"
_OFFERED_EN = re.compile(
    rf"\b({_NUMBER_EN_WORD})\s*(?:[a-z]+\s+)?(?:hours?|days?|weeks?|months?|years?|percent|%)\s+or\s+"
    rf"({_NUMBER_EN_WORD})\b",
    re.I,
)


def offered_figures(question: str) -> tuple[frozenset[str], ...]:
    """Each figure ``question`` offers to choose between, as the numbers (digits) and period words
    (每年, 半年…) that state it; () when it offers no choice of figures."""
    if (m := _OFFERED_EN.search(question)) is not None:
        return tuple(frozenset({_english_number(side)}) for side in m.groups())
    if (m := _OFFERED_ZH.search(question)) is None:
        return ()
    sides = tuple(_figures_zh(side) for side in m.groups())
    return sides if all(sides) else ()


def states_offered(offered: Sequence[frozenset[str]], text: str) -> bool:
    """Does ``text`` state one of the ``offered`` figures (:func:`offered_figures`)?"""
    stated = _figures_zh(text) | {_english_number(w) for w in re.findall(rf"\b(?:{_NUMBER_EN_WORD})\b", text, re.I)}
    return any(side & stated for side in offered)


def _figures_zh(text: str) -> frozenset[str]:
    """The period words and the numbers (digits, or a numeral before its unit, "一次" no figure) of ``text``."""
    values = {str(cn_to_int(m.group(0))) for m in _VALUE_ZH.finditer(text)}
    periods = {_SAME_PERIOD.get(p, p) for p in _PERIOD_ZH.findall(text)}
    return frozenset(periods) | numbers_in(text) | values


def _english_number(word: str) -> str:
    """An English number word or digits as digits ("two" → "2", "24" → "24")."""
    return str(_EN_NUMBERS.get(word.lower(), word))


_NOT_A_NAME = frozenset({"the", "a", "an", "is", "are", "was", "of", "kind", "type", "exact", "numerical", "limit"})


def value_named(question: str) -> tuple[str, ...]:
    """The name of the value an English question asks by name ("What … (PUE) value must…") and its
    abbreviation, lower case; () when it asks none."""
    m = _VALUE_NAMED_EN.search(question)
    if m is None:
        return ()
    words = [w for w in m.group(1).lower().split() if w not in _NOT_A_NAME]
    if not words:
        return ()
    return tuple(n for n in (" ".join(words), (m.group(2) or "").lower()) if n)


def counted_nouns(question: str) -> tuple[str, ...]:
    """The things an English "how many" question counts, singular ("How many consumers or
    households must …" → ("consumer", "household")); () when it counts a unit or nothing."""
    m = _HOW_MANY_EN.search(question)
    if not m:
        return ()
    words: list[str] = []
    for word in m.group(1).lower().split():
        if word in _COUNT_END or len(words) == 3:
            break
        words.append(word)
    # A participle names no thing counted ("number of affected consumers needed": consumers).
    nouns = tuple(_singular(w) for w in words if w not in _COUNT_GENERIC and not (len(w) > 4 and w.endswith("ed")))
    family = next((f for f in _COUNT_FAMILIES if set(nouns) & set(f)), None)
    return tuple(dict.fromkeys(family or nouns))


def _singular(word: str) -> str:
    word = word.strip("'-")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# A count word describing, in a clause before the last one with a question word: "几家投标公司串通投标，
# 给招标方造成的直接经济损失达到多少钱…？" asks the sum, "我们对招标文件里的几个条款有意见，最晚要在投标截止前
# 几天提出异议？" the days, not how many firms or clauses (two fresh held-out questions of stop 49 were
# refused, read as counting them). A clause that itself ends with a question mark still asks.
_QUESTION_WORD_ZH = re.compile(rf"多少|{JI}|多大|多长|多久|多高|多远")
_DESCRIBING_COUNT = re.compile(rf"(?:多少|{JI})(?=[个家位名种项条笔份所户])")


def _describing_counts_dropped(question: str) -> str:
    """``question`` with the count words of its describing clauses read as 数 ("several")."""
    clauses = CLAUSE_ZH.findall(question)
    asking = [i for i, clause in enumerate(clauses) if _QUESTION_WORD_ZH.search(clause)]
    if len(asking) < 2:
        return question
    return "".join(
        _DESCRIBING_COUNT.sub("数", clause) if i < asking[-1] and not clause.rstrip().endswith(("？", "?")) else clause
        for i, clause in enumerate(clauses)
    )


# Percentage points asked: "城镇化率…一共往上提了多少个百分点？" is a change, not the rate's level (a fresh
# seed question of stop 54 opened "38.52%：" from the sentence giving 2010's rate).
_POINTS_ZH = re.compile(rf"(?:多少|{JI})个?百分点")


def asked(info: QuestionInfo) -> Asked:
    """The quantity ``info`` asks for (all empty when it names no unit and no indicator).

    A follow-up's own words ask before the question it carries: "那…想延期的话，得提前多少天去申请？（接上文：
    …多长时间内必须把施工许可证办下来…）" asks days, not any length of time (stop 69's ky-24 opened "二年："
    with the permit's own term); "那同一时期市辖区的城镇人口年均增速是多少？" asks 市辖区's rate, not the
    county towns' the earlier question named (hz39-20 opened "近5%："). The carried question is read only
    when the follow-up's own words ask no quantity ("那县城呢？").
    """
    own = without_context(info.text)
    mine = _asked(replace(info, text=own)) if own and own != info.text.strip() else Asked()
    if mine.units or mine.percent or mine.rank or mine.often or mine.phone:
        want = mine
    else:
        # The kind from the whole, what is measured from the follow-up when it names it ("那行政村呢，平均
        # 规模有多大？" after "一个自然村平均才住多少人？" still counts people).
        # Only an indicator the earlier question does not name: "那它创造的GDP占全省多少？" after "…郑州的人口占全省
        # 多大比重？" reads 占全省 in both (seed hz20-11 opened "12.68%：", the population's share, when it was taken).
        want = _asked(info)
        earlier = info.text.strip()[len(own):]
        if mine.indicator and (want.units or want.percent) and mine.indicator not in earlier:
            want = replace(want, indicator=mine.indicator)
    if info.lang == "zh" and _POINTS_ZH.search(fold(info.text)):
        return replace(want, percent=True, points=True)
    return want


def _asked(info: QuestionInfo) -> Asked:
    question = fold(info.text)
    if info.lang == "zh":
        question = _describing_counts_dropped(question)
    if PHONE_ASKED.search(question):
        return Asked(phone=True)
    if info.lang == "en" and _HOW_OFTEN_EN.search(question):
        return Asked(often=True)
    if info.lang == "en":
        for pattern, units in _ASKED_UNIT_EN.items():
            if re.search(pattern, question):
                return Asked(units=units, duration="年" in units)
        percent = bool(_RATE_EN.search(question))
        if not percent and _SUM_NAMED_EN.search(question):
            return Asked(units=_MONEY_UNITS)
        return Asked(percent=percent, nouns=counted_nouns(question))
    if re.search(RANK_ZH, question):
        return Asked(rank=True)
    # A rate the question gives its value ("如果2050年城镇化率到80%，未来30年城里还会再多出多少人？") is its
    # condition, not what it asks (a seed question of stop 44, refused once the given 80% no longer
    # counted as a figure stated; stop 50).
    rate = next((m for m in _RATE_ZH.finditer(question) if not _VALUE_GIVEN.match(question, m.end())), None)
    if rate:
        return Asked(percent=True, indicator=indicator_name(rate.group(1)))
    if share := _SHARE_OF_BASE_ZH.search(question):
        # What is paid or charged as the share, named before 按: "滞纳金每天是按…" → 滞纳金 (a reward
        # "奖金是按查补税款的百分之几来发？" is not answered by a fine's "百分之五十以上五倍以下"; a held-out
        # near miss of stop 48, answered when the share alone was read).
        before = re.split(r"[，,。；;？?]", question[: share.start()])[-1]
        subject = re.sub(r"(?:每天|每日|每月|每年|每次)?(?:是|要|会|应当|该)?$", "", before)
        return Asked(percent=True, indicator=indicator_name(subject) if len(subject) >= 2 else "")
    if _SHARE_WORDS_ZH.search(question) and (part := _PART_OF_ZH.search(question)) and not named_places(part.group(1)):
        # What takes the share is its indicator: "研发费用至少要占销售收入的百分之几？" is not answered by
        # "…减按15%的税率征收企业所得税" (a fresh near miss of stop 52); a place taking it names no measure.
        return Asked(percent=True, indicator=indicator_name(part.group(1)))
    if _DISCOUNT_ZH.search(question) or _SHARE_WORDS_ZH.search(question):
        return Asked(percent=True)  # "打几折" / "几成": a share ("减按百分之七十计算")
    if _HOW_OFTEN_ZH.search(question):
        return Asked(often=True)
    if _HOW_LONG_ZH.search(question):
        period = _PER_PERIOD_ZH.search(question)
        return Asked(units=_within(period.group(1)) if period else DURATION_UNITS, duration=True)
    if _SCORE_ZH.search(question):
        return Asked(units=("分",))
    if _AGE_ZH.search(question):
        return Asked(units=_UNITS_ZH["岁"])
    unit = _ASKED_UNIT_ZH.search(question) or _ASKED_UNIT_AFTER_LE_ZH.search(question)
    indicator = ""
    if (after := _AFTER_ZH.search(question)) and not (unit and not unit.group(2) and after.end(1) == unit.end(1)):
        # …not the unit alone ("规模具体是多少亿元？" names 规模 before it; "亿元" is no indicator, and
        # any sum named it: a fresh seed near miss of stop 48 was answered with 长三角's GDP).
        indicator = indicator_name(after.group(1))
    if not indicator and (m := _INDICATOR_ZH.search(question)):
        indicator = indicator_name(m.group(1))
    if unit:
        # "多少家机构" counts 机构; "多少天内提出" counts nothing ("内提出" says when, not what).
        counted = "" if re.match(r"[内以左前后之才就去来再]", unit.group(2)) else FILLER.sub("", unit.group(2))
        return Asked(units=_UNITS_ZH[unit.group(1)], indicator=indicator, duration=unit.group(1) == "年",
                     counted=counted)
    if after and re.search(r"费用?$", after.group(1)) and question[after.start() - 1 : after.start()] != "的":
        # A fee counted after 多少 ("能拿多少评审费", "要交多少仲裁费") is a sum: a fine whose sentence shares
        # the fee's words is none ("并处2000元以上2万元以下的罚款" answered "评一次标按规定能拿多少评审费？",
        # a near miss and a trap of stop 53). Not one paid as a share of a base named before 的多少: "按本单位
        # 同等条件人员平均工资的多少给我发生活费？" asks the share ("80%"; stop 74's trap pz74-24 was refused,
        # read as a sum).
        return Asked(units=_UNITS_ZH["元"], indicator=indicator)
    if _PEOPLE_ASKED_ZH.search(question):
        # People described and counted ("不在户口所在地住的人一共有多少？"): a count of people answers,
        # whatever words describe them (the description is no indicator a sentence must name).
        return Asked(units=_UNITS_ZH["人"])
    return Asked(indicator=indicator, amount=_AMOUNT_ZH.search(question) is not None)


# "…的人（一共）有多少": a count of the people described. A fresh seed question ("2020年全国到处流动、
# 不在户口所在地住的人一共有多少？", stop 41) was refused: its description was read as an indicator,
# and "流动人口总量达3.76亿人" names none of it.
_PEOPLE_ASKED_ZH = re.compile(
    rf"的人(?:一共|总共|共|总计|合计)?(?:有|是|为|达到|达)?(?:多少|{JI}个)(?![元年天日月周岁次倍])"
)


# A sum asked by the verb that pays, lends or fines it ("罚多少", "最高能贷多少", "赔偿多少"): money,
# a share ("每日按罚款数额的百分之三") or a multiple ("三倍"), never a length of time — seed u01
# ("住房公积金贷款最高能贷多少？", a near miss) was answered with the 15 days a loan decision takes.
# ...also paid to someone: "要额外赔给工人多少？" (held-out hs-18 was refused, its question's words
# read as an indicator no sentence names; stop 41), or fining one: "农业农村部门最多能罚他多少？" (stop 74's
# held-out li-08, refused: "五倍以下罚款" answers it).
_AMOUNT_ZH = re.compile(
    rf"(?:贷|借|赔|赔偿|罚|补|补偿|补贴|报销|领|发|交|缴|付|支付|花|挣|退|免|减免|免交|减交)"
    rf"(?:了|给[{HAN_CLASS}]{{1,4}}?|[我你他她它咱][们]?)?"
    r"(?:多少|几)"
    r"(?!\s*[个万亿]?(?:天|日|年|月|周|小时|分钟|次|人|岁))"
)
# What answers it: money, a share or a multiple.
_AMOUNT_STATED = re.compile(r"元|百分之|分之|[%％‰]|倍")
# ...or an amount stated against another: "免交…与献血量等量的临床用血费用" answers "那我老公…能免多少？" (a fresh
# held-out follow-up of stop 65, kp-06, refused with its clause first).
_RELATIVE_AMOUNT = re.compile(r"等量|等额|全额|全部费用|同等数额|一半|减半")


def unit_ok(span: str, want: Asked) -> bool:
    core = re.sub(r"(?:以上|以下|以内|左右)$", "", span).strip()
    if want.points:
        return core.endswith("百分点")
    if want.percent:
        return core.endswith(_PERCENT)
    if want.units:
        # Years counted as tax or accounting years: "以后5个纳税年度" for "能往后结转几年？" (stop 52).
        units = (*want.units, "年度") if "年" in want.units else want.units
        if not core.lower().endswith(tuple(u.lower() for u in units)):
            return False
        # 多少年 asks for a number of years: "2025年" is a date, "500万" no duration at all.
        return not (want.duration and re.search(r"\d{4}\s*年度?$", core))
    return True


# Cross-references are numbers that are no figures: "第十二条", "(3)", "Section 1798.100", "Annex III".
_REFERENCE = re.compile(
    r"第[〇零一二两三四五六七八九十百千\d]+[条款项章节编]|[(（][\w]{1,3}[)）]|\b\d{3,4}\.\d+\b|"
    r"\b(?:Article|Section|Annex|Chapter|Title|Paragraph)\s+[\dIVXLC]+(?:\.\d+)*\b|\[\d+\]",
    re.I,
)
# A number in digits, whole: "16.6" is one number, not a "16" and a "6".
WHOLE_NUMBER = re.compile(r"(?<!\d)(?<!\d\.)\d+(?:\.\d+)?(?!\.?\d)")


def numbers_in(text: str) -> set[str]:
    """The whole numbers ``text`` writes in digits ("城区人口300万…16.6%" → {"300", "16.6"})."""
    return set(WHOLE_NUMBER.findall(fold(text)))


def stated_numbers(text: str) -> set[str]:
    """The numbers ``text`` states in digits, cross-references left out ("Article 25(1)" states none)."""
    return numbers_in(_REFERENCE.sub(" ", text))


def given_numbers(info: QuestionInfo) -> set[str]:
    """The numbers the question itself writes, in digits or as a Chinese numeral before its unit
    ("二十五年" → "25"; one, "一年", is no condition a question gives): its condition, never its
    answer. The one reading of "the question's own numbers" wherever a figure is checked or chosen.
    "涉及国家安全的档案可以晚于二十五年开放，那最长能推迟到形成后多少年？" is not answered by "…可以多于二十五年
    向社会开放" (a fresh trap of stop 60, pz60-27)."""
    written = {str(value) for m in _NUMERAL_BEFORE_UNIT.finditer(info.text) if (value := cn_to_int(m.group(0))) != 1}
    return numbers_in(info.text) | written


_PERCENTS = re.compile(r"(\d+(?:\.\d+)?)\s*[%％‰]")
# A figure written in words: English number words, a Chinese fraction, a Chinese numeral before a unit.
NUMBER_WORDS_EN = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
    r"billion|half|third|quarter|percent)\b",
    re.I,
)
# A count of time asked in English ("how many working days"), and the words a text may put
# between the number and the unit ("30 calendar days", "five full years"), two of them at most ("10 consecutive
# working days" answered no "单次最多可以暂停…多久？", stop 61's pe61-32, refused once stop 65 found its article first).
_TIME_QUALIFIER = r"(?:(?:working|calendar|business|full|consecutive|clear)\s+){0,2}"
_COUNTED_TIME_EN = re.compile(rf"\bhow many\s+{_TIME_QUALIFIER}(year|month|week|day|hour|minute)s?\b", re.I)
_WORDS_ZH = re.compile(
    r"百分之|分之|[〇一二两三四五六七八九十百千万]+(?:个工作日|个月|周岁|年|日|天|小时|分钟|岁|倍|次|人|元|万|亿|名|个|项|级|周|月)"
)


# A place in an order, as a Chinese text states one: "居全国第3位", "排名第25位", "位居全国第一",
# "排在倒数第1位", "居首位", "前十名", or a range of places ("市政设施指标多数处于全国第19—25位": a fresh seed
# question of stop 72, hz42-24, was refused with it first).
_RANK_NUMBER = r"[\d〇一二两三四五六七八九十百]+"
_RANK_STATED = re.compile(
    rf"第\s*{_RANK_NUMBER}(?:\s*[—\-－~～至到]+\s*{_RANK_NUMBER})?\s*[位名]|"
    rf"(?:排名?|排在|居|位居|位列|列)[^，。；！？]{{0,10}}?第\s*{_RANK_NUMBER}|首位|倒数第|"
    r"前\s*[\d一二三四五六七八九十]+\s*[位名强]"
)

# A sum of money: "$750", "seven hundred and fifty dollars", "EUR 15 000", "5000元", "五千元".
_MONEY = re.compile(
    r"[$€£]\s?\d|\b(?:USD|EUR|GBP|RMB)\s?\d|\d[\d,.]*\s*(?:dollars?|euros?|cents?|yuan|USD|EUR|RMB)\b|\b(?:dollars?|euros?)\b"
    r"|\d[\d,.]*\s*(?:万|亿)?元|[〇一二两三四五六七八九十百千万]+(?:万|亿)?元",
    re.I,
)


# "上一年度", "下一年", "本年度": a year named, no length of time ("…报告其上一年度开展征信业务情况的…"
# answered "信用卡逾期…这个污点会在征信报告上挂多久？", a held-out question, stop 40).
_YEAR_BEFORE = re.compile(r"[上下本当同]$")


# A part of a year a figure is stated for ("2024年上半年", "2023年1—6月", "2022年前三季度"): not the
# whole year's figure. "2024年全年天津的PM2.5平均浓度是多少？" was answered from "2024年上半年，北京、天津、
# 河北PM2.5平均浓度分别降至…" (a fresh seed near miss, stop 46).
_PART_OF_YEAR = re.compile(
    r"\s*年?\s*(?:上半年|下半年|前[一二三两]季度|第?[一二三四]季度|[1-9]\d?\s*[-—–~～至到]\s*\d{1,2}\s*月|前\d{1,2}个?月)"
)
_ASKS_PART_OF_YEAR = re.compile(r"上半年|下半年|季度|[1-9]\d?\s*[-—–~～至到]\s*\d{1,2}\s*月|前\d{1,2}个?月")


def whole_year_at(text: str, end: int, question: str) -> bool:
    """Is the year ending at ``end`` in ``text`` stated as a whole year — not followed by a part of it
    ("上半年", "1—6月", "前三季度") that ``question`` does not ask about?"""
    return _ASKS_PART_OF_YEAR.search(question) is not None or _PART_OF_YEAR.match(text, end) is None


def names_a_year(text: str, start: int, end: int) -> bool:
    """Is the figure ``text[start:end]`` "一年" of "上一年度" / "下一年" / "本年度" (a year named)?"""
    if not re.fullmatch(r"\s*一\s*年\s*", text[start:end]):
        return False
    return bool(_YEAR_BEFORE.search(text[:start])) or text[end : end + 1] == "度"


# A time before an event ("应当在口头审理15日前书面通知当事人"): no answer to a question that asks no
# 前, "口头审理开完以后，要在多少天内作出评审决定？" (a trap of stop 51, a near miss opened "15日").
_LEAD_TIME = re.compile(r"\s*(?:以前|之前|前)(?![款项条述列])")


def lead_time(text: str, end: int, question: str, want: Asked) -> bool:
    """Is the figure ending at ``end`` of ``text`` a time before an event ("15日前"), while
    ``question`` asks a duration (``want``) and no 前? Read by :func:`states_figure` and by the
    figure an answer opens with (rag.answer.figures)."""
    return (_LEAD_TIME.match(text, end) is not None and "前" not in question
            and bool(want.units) and set(want.units) <= set(DURATION_UNITS))


# 最迟 / 最晚 and "多少天内" ask a deadline, a ceiling: "不得少于二十日" (the least time a tender stays
# open) opened "采购单位最迟要在多少天之内把货款付给我们？" (a near miss and a trap of stop 53).
MAXIMUM_ASKED = re.compile(
    rf"最多|最高|最长|最大|上限|封顶|最迟|最晚|(?:多少|{JI})个?(?:工作)?(?:天|日|周|星期|个月|月|年)(?:之|以)?内"
)
MINIMUM_ASKED = re.compile(r"最少|最低|最短|最小|至少|下限")
# 最迟 / 最晚 before 提前 asks the least notice, a floor: "最晚得提前几天通知我？" is answered by "至少提前三十日通知"
# (a fresh trap of stop 58, pz58-11, was refused with its article first).
_LATEST_NOTICE = re.compile(r"(?:最迟|最晚)[^，。？?；]{0,8}提前")


def bounds_asked(question: str) -> tuple[bool, bool]:
    """Does ``question`` ask the upper end (最高, 最多, a deadline 最迟 / 多少天内) and does it ask the
    lower end (最低, 至少, the latest notice "最晚要提前几天")? Read by :func:`other_bound` and the
    answer's figure (rag.answer.figures)."""
    if _LATEST_NOTICE.search(question):
        return False, True
    return bool(MAXIMUM_ASKED.search(question)), bool(MINIMUM_ASKED.search(question))


# A figure stated as a floor or a ceiling: the words before it in its part of the sentence
# ("缴存比例均不得低于职工上一年度月平均工资的5%"), or after it ("5%以上", "三年以内").
_FLOOR_BEFORE = re.compile(r"不得低于|不低于|不少于|不得少于|至少|最低|最少|下限")
_CEILING_BEFORE = re.compile(r"不得超过|不超过|不高于|不得高于|不多于|最高|最多|最长|至多|上限|封顶")
_PART_START = re.compile(r"[，,；;。：:]")


def other_bound(question: str, sentence: str, m: re.Match[str], span: str) -> bool:
    """Does the question ask one end (最高, 最多, a deadline 最迟 / 多少天内 / 最低, 至少) and the sentence
    state the figure ``m`` (``span``) as the other? "住房公积金缴存比例最高是多少？" opened "5%：" with
    "不得低于…5%". Read by the answer's figure (rag.answer.figures) and by :func:`states_figure`."""
    wants_max, wants_min = bounds_asked(question)
    if wants_max == wants_min:
        return False
    if sentence[: m.start()].endswith("每"):
        return False  # "至少每三年调整一次": a floor on how often is a ceiling on the interval (ge-07)
    before = _PART_START.split(sentence[: m.start()])[-1] + span  # "不得超过三十六小时": its own lead
    after = sentence[m.end() : m.end() + 3]
    floor = bool(_FLOOR_BEFORE.search(before)) or span.endswith("以上") or after.startswith("以上")
    ceiling = bool(_CEILING_BEFORE.search(before)) or span.endswith(("以下", "以内"))
    ceiling = ceiling or after.startswith(("以下", "以内"))
    # "5年内可以调整…": a window, its figure a ceiling on when ("至少要保留满几年？", a fresh trap of stop 54,
    # had opened "5年"); only after a length of time ("3项内容" bounds nothing).
    ceiling = ceiling or (after.startswith("内") and re.search(r"(?:年|月|周|日|天|小时|分钟)$", span) is not None)
    if floor == ceiling:
        return False  # no bound stated, or both ("1万元以上5万元以下" is read apart above)
    return floor if wants_max else ceiling


# The words an English rule states a figure as its upper or lower end by ("not exceeding 10 %", "at least
# four weeks"); rag.answer.figures_en reads its openings' ends with them too.
MAX_WORDS_EN = r"not\s+(?:greater|more)\s+than|up\s+to|maximum\s+of|not\s+exceeding|at\s+most"
MIN_WORDS_EN = r"not\s+less\s+than|at\s+least|minimum\s+of"
# One end of a range an English question asks (not a bare "most": "the most common"), and a figure stated
# as either end within two words before it.
_ASKS_MIN_EN = re.compile(r"\b(?:at\s+least|minimum|lowest|shortest|smallest)\b", re.I)
_ASKS_MAX_EN = re.compile(r"\b(?:at\s+most|maximum|highest|longest|biggest|largest|up\s+to|cap)\b", re.I)
_CEILING_EN = re.compile(rf"\b(?:{MAX_WORDS_EN}|not\s+exceed|no\s+more\s+than)\s+(?:\S+\s+){{0,2}}$", re.I)
_FLOOR_EN = re.compile(rf"\b(?:{MIN_WORDS_EN}|no\s+less\s+than)\s+(?:\S+\s+){{0,2}}$", re.I)
_NUMBER_EN = re.compile(r"(?<![\w.,])\d[\d,.]*")
_TIME_AFTER_EN = re.compile(r"\s+(?:[a-z]+\s+)?(?:years?|months?|weeks?|days?|hours?)\b", re.I)
# A number citing a part ("paragraph 1", "Articles 5, 6 or 7", "Regulation (EU) 2019/1937") states no figure.
_CITES_EN = re.compile(
    r"\b(?:paragraphs?|points?|articles?|sections?|subparagraphs?|annex(?:es)?|chapters?|regulation|directive|no\.?)"
    r"\s*(?:\(\w+\)\s*)?(?:\d+\s*(?:,|and|or|to)\s*)*$",
    re.I,
)


def only_the_other_end_en(question: str, text: str) -> bool:
    """Does an English ``question`` ask one end only ("What's the minimum fine…?") and ``text`` state
    each of its figures as the other ("fines not exceeding 10 % of its total worldwide turnover")? Two
    fresh near misses of stop 65 (kq-34, pe65-40) were answered so; the Chinese counterpart is
    :func:`other_bound`."""
    wants_min, wants_max = bool(_ASKS_MIN_EN.search(question)), bool(_ASKS_MAX_EN.search(question))
    if wants_min == wants_max:
        return False
    other = _CEILING_EN if wants_min else _FLOOR_EN
    # A number of years or days is no fine's ("…in a non-compliance decision adopted in the 8 preceding years").
    timed = _COUNTED_TIME_EN.search(question) is not None or re.search(r"\bhow\s+long\b", question, re.I) is not None
    found = [m for m in _NUMBER_EN.finditer(text) if not _CITES_EN.search(text[max(0, m.start() - 20) : m.start()])
             and (timed or not _TIME_AFTER_EN.match(text, m.end()))]
    return bool(found) and all(other.search(text[max(0, m.start() - 40) : m.start()]) for m in found)


def states_figure(text: str, info: QuestionInfo) -> bool:
    """Does ``text`` state a figure that could answer ``info`` (a question asking for a number)?

    A Chinese question naming a unit or a share over Chinese text wants a figure in that unit
    ("多少钱" → 元, "比例" → a percentage or 百分之…); otherwise any number counts — digits, a
    Chinese numeral before a unit, an English number word — except a cross-reference and the
    question's own numbers (its condition, not its answer).
    """
    plain = _REFERENCE.sub(" ", text)
    given = given_numbers(info)
    want = asked(info)
    if want.phone:
        # "What's the phone number of the authority I should complain to?" is not answered by
        # "…应当公布接受投诉、举报的联系方式" nor by "…七个工作日内" (held-out hd-31, hc-15, near misses).
        return _PHONE_STATED.search(fold(plain)) is not None
    if info.lang == "en" and not has_han(plain) and only_the_other_end_en(info.text, text):
        return False
    if info.lang == "en" and "元" in want.units:
        # "How much does it cost to file a complaint?" is answered by a sum of money, not by any
        # number ("For each day …", "within 30 days"), as "多少钱" is by 元.
        if has_han(plain):
            # A sum, or a share or multiple of one ("支付不低于工资的百分之三百的工资报酬" for "How much
            # must an employer pay for work on a public holiday?"), as a Chinese sum asked is.
            return _MONEY.search(plain) is not None or (
                _AMOUNT_STATED.search(plain) is not None and _states_number(plain, given)
            )
        # Over English text, by a sum in a sentence naming the kind of sum asked: "How much can a
        # bank charge per month…?" is not answered by "…the value of any single payment
        # transaction does not exceed EUR 50" (held-out he-38, a near miss over PSD2).
        kinds = [words for asked_words, words in _SUM_KINDS if asked_words.search(info.text)]
        return any(
            _MONEY.search(sentence) is not None and all(words.search(sentence) for words in kinds)
            for sentence in _SENTENCE_EN.split(plain)
        )
    if info.lang == "en" and "kw" in want.units and not has_han(plain):
        return _POWER_STATED.search(plain) is not None
    if info.lang == "en" and "kwh" in want.units and not has_han(plain):
        return _ENERGY_STATED.search(plain) is not None
    if info.lang == "en" and (named := value_named(info.text)) and not has_han(plain):
        # "What power usage effectiveness (PUE) value must a new data centre achieve?" is answered by a
        # number in a sentence naming that value, not by "a power demand … of 1 MW" (a fresh near miss
        # of stop 58, kb-37).
        return any(
            _names(sentence, named) and _states_number(sentence, given) for sentence in _SENTENCE_EN.split(plain)
        )
    if info.lang == "en" and want.percent and not has_han(plain):
        # "What share of the fund's remaining money is invested by the Treasurer?" is answered by
        # a share ("ninety-one percent (91%)"), not by any number ("less than 16 years of age").
        return _SHARE_EN.search(plain) is not None
    if info.lang == "en" and not has_han(plain) and (unit := counted_time(info.text)) is not None:
        # "For how many years must an entity keep records…?" is not answered by "within 24 hours":
        # a count of years, days, months or hours asked is a number of that unit ("how long" is
        # answered by any). Held-out hx-28, a near miss, was answered with Article 23's deadlines.
        return any(
            _counts_english_time(sentence, (unit,)) and names_time_counted(info.text, sentence)
            for sentence in _SENTENCE_EN.split(plain)
        )
    if want.nouns and not has_han(plain):
        # "How many employees does the Agency have?" is not answered by "a five-member board":
        # the figure must stand in a sentence that names what is counted.
        return any(
            _names(sentence, want.nouns) and _states_number(sentence, given)
            for sentence in _SENTENCE_EN.split(plain)
        )
    if want.rank:
        # "河南的GDP在全国排第几？" is answered by a place in an order, not by the GDP itself.
        return _RANK_STATED.search(plain) is not None
    if want.often:
        return (_RATE_STATED if has_han(plain) else _RATE_STATED_EN).search(plain) is not None
    if want.amount and has_han(plain):
        return ((_AMOUNT_STATED.search(plain) is not None and _states_number(plain, given))
                or _RELATIVE_AMOUNT.search(plain) is not None)
    if info.lang == "zh" and has_han(plain) and (want.units or want.percent):
        # A share: a percentage, "三分之一", or a fraction in digits ("占1/3").
        # A percentage the question gives is its own ("…新能源公交车要占72%，那出租车的新能源比例目标定的是多少？"
        # was answered with the 72% sentence: two fresh seed near misses of stop 50).
        if want.points:
            return re.search(r"(?:\d|[一二两三四五六七八九十])\s*个?百分点", plain) is not None
        written_out = re.search(rf"百分之|分之|{_FRACTION}", plain) is not None
        if want.percent and (written_out or set(_PERCENTS.findall(fold(plain))) - given):
            return True
        if "岁" in want.units and "周岁" in plain:
            return True
        sanction_asked = "元" in want.units and _SANCTION_ASKED.search(info.text) is not None
        for m in NUMBER_SPAN.finditer(plain):
            span = m.group(0).strip()
            digits = numbers_in(span) or numeral_values(span)
            if digits and digits <= given:
                continue
            if names_a_year(plain, m.start(), m.end()):
                continue
            if "元" in want.units and not sanction_asked and _FINE_AFTER.match(plain, m.end()):
                continue  # a fine does not say what a thing costs ("鉴定要花多少钱？" is no "…罚款")
            if lead_time(plain, m.end(), info.text, want):
                continue  # a lead time before an event does not say how long after something it takes
            if other_bound(info.text, plain, m, span):
                continue  # "不得少于二十日" states no deadline ("最迟…多少天之内", a near miss of stop 53)
            if re.search(r"\d|[〇一二两三四五六七八九十百千]", span) and unit_ok(span, want):
                return True
            if "人" in want.units and span.endswith(("万", "亿")) and _PEOPLE_BEFORE.search(plain[: m.start()]):
                return True  # "城区常住人口300万至500万": people counted in 万, the 人 left unwritten
        # "几个人" is answered by people counted with 个: "应当有两个以上见证人在场见证"; "几家单位" by firms or
        # bodies counted so: "应当向三个以上…法人或者其他组织发出投标邀请书" (a fresh held-out question of stop
        # 49 was refused; a numeral before 个 or 家 alone is no number span, see CN_NUMBER).
        if "家" in want.units:
            return _BODIES_COUNTED.search(plain) is not None
        if "个" in want.units and ("人" in want.units or want.counted.endswith(_PEOPLE_ENDS)):
            # "至少要来几个执法人员？" is answered by people counted: "执法人员不得少于两人" (dev zhlaw-017);
            # "至少得有几个合格的咨询师？" by "有三名以上符合心理咨询师从业要求的咨询人员" (stop 68's kw-28,
            # refused with its article first: 师 had not been read as naming people).
            return _PEOPLE_COUNTED.search(plain) is not None or _PEOPLE_STATED.search(plain) is not None
        # "分成几个伤残等级？" by a numeral before 个 and what is counted: "分为十个伤残等级"; "几个年度" by
        # "以后5个纳税年度" (stop 52: "几个" + a noun asks a count; a numeral before 个 alone is none).
        return "个" in want.units and _counted_with_ge(plain, want.counted)
    return _states_number(plain, given)


# Firms or bodies counted with 个 or 家: "三个以上…法人或者其他组织".
# A count's numeral ("三", "5"), not an ordinal (第三) nor a rate (每5).
_COUNT = r"(?<![第每])[\d〇一二两三四五六七八九十百千]+\s*"
_BODIES_COUNTED = re.compile(_COUNT + r"(?:个|家)(?=以上|以下|[^，。；、]{0,30}?(?:单位|企业|公司|机构|组织|法人))")


def _counted_with_ge(text: str, counted: str) -> bool:
    """Does ``text`` count ``counted`` with 个: a numeral, 个, then within a few characters the
    counted noun's last two characters ("十个伤残等级" for 伤残等级, "5个纳税年度" for 年度)?"""
    if len(counted) < 2:
        return False
    return re.search(rf"{_COUNT}个[^，。；、]{{0,6}}?{re.escape(counted[-2:])}", text) is not None


_PEOPLE_STATED = re.compile(_COUNT + r"(?:人|名)")
_PEOPLE_COUNTED = re.compile(_COUNT + r"个[^，。；、]{0,6}?(?:人|员)")
# The ends of a noun naming people: 执法人员, 工作人员, 咨询师, 医师, 志愿者, 护士.
_PEOPLE_ENDS = ("人", "员", "师", "者", "士")
# The words a count of people in 万 or 亿 stands after when it writes no 人 ("城区常住人口300万").
_PEOPLE_BEFORE = re.compile(r"(?:人口|人数|就业|劳动力)[^，。；\d]{0,4}$")


_SENTENCE_EN = re.compile(r"(?<=[.;:])\s+|\n+")
# A telephone number stated: five digits or more that are no amount, year or count (12315,
# 010-12345678, +32 2 123 45 67); one asked is rag.query.question.PHONE_ASKED.
_PHONE_STATED = re.compile(r"(?<![\d.,])\+?\d(?:[\s-]?\d){4,}(?![\d.,]|\s*(?:元|万|亿|%|年|日|天|人|eur|euro))", re.I)
# Power in its unit: "10,8 kW", "1 MW", "50 MW or more"; energy in its: "60 kWh/(m².y)".
_POWER_STATED = re.compile(r"\d[\d,. ]*\s?(?:kW|MW|GW)\b")
_ENERGY_STATED = re.compile(r"\d[\d,. ]*\s?(?:kWh|MWh|GWh|TWh)\b")
# The kind of sum an English question asks (a charge, a fine, compensation) and the words a
# sentence stating it holds.
_SUM_KINDS = (
    (re.compile(r"\b(?:charges?|charging|fees?|costs?|price[sd]?)\b", re.I),
     re.compile(r"\b(?:charg|fee|cost|pric|tariff)", re.I)),
    (re.compile(r"\b(?:fines?|penalt(?:y|ies))\b", re.I), re.compile(r"\b(?:fine|penalt|sanction)", re.I)),
    (re.compile(r"\bcompensat", re.I), re.compile(r"\bcompensat", re.I)),
    (re.compile(r"\b(?:pay|pays|paid|wages?|salary|remuneration|allowances?)\b", re.I),
     re.compile(r"\b(?:pay|paid|remunerat|wage|salar|allowance|compensat|refund|reimburs)", re.I)),
)
# A sum of money that is a fine or a penalty ("并处5万元以上10万元以下罚款", "…的罚金"), and the words of
# a question asking what a breach costs (罚, 赔, 扣, 违规, 后果, 怎么处理): a fine answers only those.
# "做一次医疗损害鉴定大概要花多少钱？" (held-out hq-40, a near miss) was answered from the fine on a false
# appraisal report.
_FINE_AFTER = re.compile(r"\s*(?:以上|以下|以内)?[^，。；,;]{0,12}?(?:罚款|罚金|滞纳金|违约金)")
_SANCTION_ASKED = re.compile(r"罚|赔|扣|违|处理|处分|后果|会怎样|怎么办|责任|追究|惩")


# "Member State" names a country in every EU act, never a member counted ("What's the minimum number of
# members needed to set up a renewable energy community?", a fresh near miss of stop 56, was answered
# from a sentence on what "Member States" shall ensure).
_MEMBER_STATE = re.compile(r"\bmember states?\b")


def _names(sentence: str, nouns: tuple[str, ...]) -> bool:
    """Does ``sentence`` name what is counted? "Member States" is counted only when asked so ("How many
    Member States have to be parties to such a convention…?", stop 67's trap pe67-09, is answered by
    Rome II's "one or more Member States", and was refused)."""
    lower = sentence.lower()
    if not {"member", "state"} <= set(nouns):
        lower = _MEMBER_STATE.sub(" ", lower)
    return any(re.search(_noun_pattern(noun), lower) for noun in nouns)


def _noun_pattern(noun: str) -> str:
    """The singular and its plural: "member" finds "five-member" and "members", "city" "cities"."""
    if noun.endswith("y") and len(noun) > 2:
        return rf"\b{re.escape(noun[:-1])}(?:y|ies)\b"
    return rf"\b{re.escape(noun)}"


_CN_RUN = re.compile(f"[{CN_NUMERALS}]+")
_NUMERAL_BEFORE_UNIT = re.compile(rf"[{CN_NUMERALS}]+(?={_NUMERAL_UNITS}|次)")


def numeral_values(span: str) -> set[str]:
    """The values of a span's Chinese numerals, in digits ("五万元以上" → {"5"}): a figure the question
    gives in digits is its condition, however the text writes it ("泄密要罚5万到25万，那代理费超标会被罚
    多少？" is not answered by "处五万元以上二十五万元以下的罚款", a fresh trap of stop 49)."""
    return {str(cn_to_int(run)) for run in _CN_RUN.findall(span)}


def _states_number(text: str, given: set[str]) -> bool:
    """Any number but the question's own: digits, an English number word, a Chinese numeral."""
    if numbers_in(text) - given:
        return True
    if NUMBER_WORDS_EN.search(text):
        return True
    # A Chinese numeral whose value the question gives in digits is its own number too.
    return any(
        not given or m.group(0).startswith(("百分之", "分之")) or not numeral_values(m.group(0)) <= given
        for m in _WORDS_ZH.finditer(text)
    )


# A question asking which one holds the extreme ("Which Chinese city has the largest number of
# migrant workers?", "哪个城市的人口最多？") is answered by a sentence that names an extreme or a first
# place, never by one that only shares its topic (seed2-118, a near miss, was answered with the
# plan's rule on treating migrants alike).
_WHICH_MOST_EN = re.compile(
    r"\b(?:which|who)\b[^?]*?\b(?:has|have|had|is|are|was|were|gets?|holds?)\b[^?]*?\bthe\s+"
    r"(?:largest|most|highest|biggest|smallest|lowest|fewest|least|greatest)\b",
    re.I,
)
_WHICH_MOST_ZH = re.compile(
    # 最后 / 最终 / 最近 tell when, not which one holds most: "最后是哪一级政府审批？" (held-out ge-30, stop 47).
    r"(?:哪个|哪些|哪座|哪一[个座家所]?|哪里|哪儿|谁)[^？?，,。]{0,12}最(?![后终近])|最(?![后终近])[^？?，,。]{0,8}的?是(?:哪|谁)"
    # The first place asked: "…居全国第3位，那排全国第一的是哪个城市？" is not answered by the sentence giving
    # 郑州's third place (stop 67's seed near miss hz37-18).
    r"|(?:排|居|位居|位列|名列)(?:全国|全省|全球|世界)?第一(?:名|位)?的?(?:是|为)?(?:哪|谁)"
)
_EXTREME_STATED = re.compile(
    r"最[多大高少低小]|第一|首位|居首|之首|榜首|\b(?:most|largest|highest|biggest|smallest|lowest|fewest|least|greatest"
    r"|first|top|leading)\b",
    re.I,
)


# "谁…最…就…谁" is "whoever … gets it", no question which one: "是不是谁的报价最接近标底就定谁中标？" asks
# whether the nearest bid wins (a fresh held-out question of stop 49 was refused for want of a
# sentence naming an extreme).
_WHOEVER_ZH = re.compile(r"(谁|哪个|哪家)[^？?，,。]*就[^？?，,。]*\1")


def asks_extreme(question: str) -> bool:
    """Does ``question`` ask which one holds the largest, most, lowest … (see above)?"""
    if _WHOEVER_ZH.search(question):
        return False
    return bool(_WHICH_MOST_EN.search(question) or _WHICH_MOST_ZH.search(question))


def states_extreme(text: str) -> bool:
    """Does ``text`` name an extreme or a first place ("最多", "居首", "the largest")?"""
    return _EXTREME_STATED.search(text) is not None


# An English question counting days, months, hours or years over a Chinese text: the units the
# Chinese figure must end with ("How many days of paid annual leave…?" is not answered by
# "劳动者连续工作一年以上的，享受带薪年休假", held-out hl-21, a near miss).
# A neighbouring scale still answers ("within how many days" → "一个月内"); a year does not answer
# a count of days.
_CHINESE_TIME_UNITS = {
    "year": ("年", "月"), "month": ("月", "年", "日", "天"), "week": ("周", "星期", "日", "天"),
    "day": ("日", "天", "周", "月"), "hour": ("小时", "分钟"), "minute": ("分钟", "小时"),
}


def counted_time(question: str) -> str | None:
    """The unit of time an English question counts ("how many working days" → "day"), else None."""
    m = _COUNTED_TIME_EN.search(question)
    return m.group(1).lower() if m else None


# "How many years of professional experience…": what the time counted is of. The figure answers only in a
# sentence naming it: "…carry out energy audits … at least every four years" opened "four years" for "How many
# years of professional experience does an energy auditor need…?" (a fresh trap of stop 58, pe58-26, a near
# miss: the directive states none). Its head word is read whole ("experts" is no "experience"); "within how
# many days of delivery" names the event a period runs from, not what it is of (stop 48's pe48-19, stop 49's
# pe49-21 keep their figures).
_TIME_OF_EN = re.compile(
    r"(?<!within )\bhow (?:many|much) (?:\w+ )?(?:years?|months?|weeks?|days?|hours?) of ([a-z][a-z' -]*?)"
    r"(?=\s+(?:do|does|did|must|should|shall|is|are|was|were|will|would|can|could|have|has|had|need|needs|"
    r"under|in|for|before|to|at|on|with|a|an|the|am|i|we|you|they|he|she|it|my|our|per|each|every|that|which|"
    r"if|when|so)\b|[?,.]|$)",
    re.I,
)


def time_counted_of(question: str) -> str:
    """The head word of what an English question's counted time is of ("how many years of professional
    experience" → "experience"); "" when it names nothing."""
    m = _TIME_OF_EN.search(question)
    return _singular(m.group(1).split()[-1].lower()) if m else ""


def names_time_counted(question: str, sentence: str) -> bool:
    """Does ``sentence`` name what ``question``'s counted time is of (:func:`time_counted_of`), or does
    the question name nothing?"""
    head = time_counted_of(question)
    if not head:
        return True
    # ...in a statute's words too: "weeks of paid holiday" by "paid annual leave of at least four weeks"
    # (stop 40's hf-06 was refused by the first version of this rule).
    lower = sentence.lower()
    return any(re.search(_noun_pattern(name), lower) for name in (head, *lay_english(head)))


# The English unit each Chinese unit of time is counted in.
_ENGLISH_TIME_UNITS = {"年": "year", "个月": "month", "月": "month", "周": "week", "日": "day", "天": "day",
                       "个工作日": "day", "小时": "hour", "分钟": "minute"}


def states_english_duration(text: str, units: tuple[str, ...]) -> bool:
    """Does the English ``text`` state a number of one of the Chinese ``units`` of time ("几天之内" →
    days, "calendar days", "working days")? The counterpart of :func:`states_chinese_duration`."""
    english = sorted({_ENGLISH_TIME_UNITS[u] for u in units if u in _ENGLISH_TIME_UNITS})
    return not english or _counts_english_time(_REFERENCE.sub(" ", text), english)


def _counts_english_time(text: str, units: Sequence[str]) -> bool:
    """Does the English ``text`` count one of the English ``units`` of time ("30 calendar days",
    "twelve months", "a year")? Read for an English question's counted unit and a Chinese one's."""
    return re.search(rf"(?:\d|{NUMBER_WORDS_EN.pattern}|\b(?:a|an)\b)[\s-]*{_TIME_QUALIFIER}(?:{'|'.join(units)})s?\b",
                     text, re.I) is not None


def states_chinese_duration(text: str, unit: str) -> bool:
    """Does the Chinese ``text`` state a number of ``unit`` (a unit :func:`counted_time` reads)?"""
    ends = "|".join(_CHINESE_TIME_UNITS[unit])
    figure = rf"(?:\d|[〇零一二两三四五六七八九十百千半])\s*(?:个(?:工作)?|个?星期)?\s*(?:{ends})"
    return re.search(figure, _REFERENCE.sub(" ", text)) is not None
