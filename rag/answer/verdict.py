"""是/否 (Yes/No) — only when the sentence decides exactly the asked action for the asked subject.

The question asks about one action: is X **restricted** (还限制落户吗), **lifted** (取消了吗,
"are the restrictions lifted"), **required** (需要…吗, "must …") or **permitted / done** (可以…吗,
会推进…吗). A sentence decides it through one part (between commas or semicolons) holding a
deciding word: it lifts (取消/放开…), prohibits or restricts (不得/严禁/严格控制…), requires
(应当/必须…), or directs (支持/推进/允许…). The verdict is given only when

* exactly one kind of decision is in that part (a sentence that both lifts and restricts
  decides nothing simple);
* a lifting is not merely encouraged or explored (鼓励取消…, 探索…: not decided), and a part
  that holds none of the question's subject words decides nothing;
* lifting a barrier (取消…限制) permits; lifting anything else (不再出现“城市看海”) ends it;
* the sentence up to that part holds the question's subject: every number the question names
  (300万) with the same direction (以下/不到 vs 以上/超过), and most of its subject words
  (``ExtractiveOptions.verdict_coverage``) — so "那他们能参加中考吗" is not answered by a sentence
  about 义务教育, and a follow-up about 500万以上 cities not by one about 300万以下; and when
  the question asks whether something may or must be done, its last word (the thing done:
  中考, 注册地) must be there.

Anything else gets no verdict: a wrong 是/否 is worse than none.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from rag.answer.govlevel import covers_asked_level
from rag.answer.options import ExtractiveOptions
from rag.answer.pairing import asks_another_role, pairs_respectively
from rag.answer.parties import binds_asked_party, binds_clause_party, narrowed_party, same_case_party
from rag.answer.verdict_en import english_verdict
from rag.ingest.numerals import cn_to_int
from rag.postag import tokens as words_of
from rag.query.carried import without_context
from rag.query.question import QuestionInfo, analyse
from rag.query.rewrite import expansions
from rag.text import HAN_CLASS, HAN_RUN, OR_ZH, PART_BREAK, bigrams, has_han

CANCEL = ("取消", "放开", "放宽", "废除", "破除", "消除", "不再", "摒弃", "清理", "解除")
# 享受 states an entitlement ("退役军人从事个体经营，依法享受税收优惠政策": a fresh trap of stop 72, pz72-15, got no
# verdict for "…我能享受税收优惠吗？"), 不享受 its denial ("…未…备案的，不享受税收优惠", stop 63's pz63-34). Read over
# every set's yes/no quotes: four more right verdicts, none wrong. An entitlement is its holder's: "我们公司想给一所
# 民办学校捐一笔钱，捐完以后公司能享受税收优惠吗？" is not decided by "民办学校享受国家规定的税收优惠政策" (stop 50's
# trap pz50-19 opened "是" once 享受 decided; see polarity).
ENTITLE = "享受"
PROHIBIT = (
    "不得", "禁止", "严禁", f"不{ENTITLE}", "严控", "严格控制", "严格限制", "杜绝", "防止", "避免", "不宜", "不允许",
    "限制", "无权",
)
REQUIRE = ("应当", "必须", "须", "要求", "需要", "要")
POSITIVE = (
    "支持", "鼓励", "推进", "推动", "允许", "加快", "实施", "建立", "完善", "实行", "推广", "保障", "确保",
    "提高", "开展", "建设", "引导", "促进", "深化", "健全", "增强", "提升", "落实", "可以", "赋予", "有权", ENTITLE,
)
# A lifting that is only encouraged, explored or piloted is not decided.
HEDGE = ("鼓励", "探索", "研究", "试点", "有条件", "逐步", "适时")
NO_NEED = ("无需", "不需要", "不必", "无须", "免于")
# An exemption granted ("依法免征契税"): the exemption asked decided ("这次承接能免契税吗？", a fresh trap of stop 66,
# pz66-11, got no verdict). Not where the part forbids it ("不得免收"); and no "no need" of a duty asked: "法院应当
# 准许我免交诉讼费吗？" is no duty to pay (stop 43's trap pz43-14 was answered "否" from "…应当准予免交诉讼费用" when
# an exemption was read so).
EXEMPT = ("免征", "免交", "免收", "免予")
_EXEMPT_Q_ZH = re.compile(r"(?:能|可以|能不能|可不可以|是否|会不会|能否)(?:减免|免(?![费得]))")

_RESTRICT_Q_ZH = ("限制", "门槛", "限购", "禁止", "不允许", "不让", "严控", "控制")
# A question asking whether a thing is done away with by the words the texts write it with (消除, 破除):
# "实施方案是不是要求老城区改造更新时，把…易涝积水点全面消除？" (a fresh seed question of stop 67, hz37-01) was
# read as asking a permission and opened "否" from the plan's "全面消除…易涝积水点", a cancellation.
_LIFT_Q_ZH = ("取消", "放开", "放宽", "解除", "废除", "消除", "破除")
_REQUIRE_Q_ZH = ("必须", "需要", "要不要", "应当", "得不得")
# 得 (děi) asking a duty: "想评高级职称，是不是得先有基层工作服务的经历？" (a fresh held-out question of stop 66, kr-17,
# read as asking a permission, got no verdict from "…晋升高级职称前应当具有一定的基层工作服务经历"); not 得到 / 得出 /
# 得知 / 得益, nor 觉得 / 获得 and the like (no adverb before them). Not 还得 ("still have to"): it asks whether
# the asker's own case is excepted ("我们一直按规定把…资料都交了，补税的利息是不是还得…加5个百分点？", stop 52's trap
# pz52-12, was answered "是" from the general rule when 还得 was read so).
_MUST_Q_ZH = re.compile(r"(?:是不是|是否|也|都|就|非)得(?![到出知益以])|得先")
# Whole words: "bank", "capital", "eastern" ask no restriction or lifting.
_RESTRICT_Q_EN = re.compile(r"\b(restrict|limit|ban(?:s|ned|ning)?\b|prohibit|forbid|cap(?:s|ped|ping)?\b)", re.I)
_LIFT_Q_EN = re.compile(r"\b(lift|remov|abolish|scrap|relax|eas(?:e|es|ed|ing)\b|drop|eliminat)", re.I)
# A duty asked by the question's own auxiliary ("Must …", "Does … have to …", "Is … required to …"):
# "Can the employer require the worker to provide a guarantee?" asks a permission, and was answered
# "Yes" from "用人单位应当依法建立和完善规章制度，保障劳动者…" (劳动合同法 第九条 says 不得要求…担保).
_REQUIRE_Q_EN = re.compile(
    r"^\s*(?:must|shall|need)\b|^\s*(?:do|does|did)\b.*\b(?:have|has|need)\s+to\b|"
    r"^\s*(?:is|are|was|were)\b.*\b(?:required|obliged|obligated)\s+to\b",
    re.I,
)
# The action words themselves: question tokens inside them are not the subject.
_ACTION_WORDS = (*_RESTRICT_Q_ZH, *_LIFT_Q_ZH, *_REQUIRE_Q_ZH, "可以", "能够", "能不能", "允许", "是否", "还")
_BELOW = ("以下", "不到", "低于", "不足", "少于", "以内", "未满", "不超过")
_ABOVE = ("以上", "超过", "高于", "大于", "多于", "不低于", "不少于")
_DECIDING = (*CANCEL, *PROHIBIT, *REQUIRE, *POSITIVE, *NO_NEED)
# A sentence stating its rule's exceptions ("……七日内退货，且无需说明理由，但下列商品除外", "其他……
# 的商品，不适用无理由退货", "除前款所列商品外，其他……"): whether the asked case is one of them is
# more than a deciding word can tell, so it decides nothing ("消费者网购商品可以七天无理由退货吗？" was
# answered "否" from the exception). The English verdict reads its exceptions the same way
# (rag.answer.verdict_en). A default left to other law or agreement ("但是当事人另有约定的除外",
# "除法律另有规定外") is no such exception: the rule is the answer.
_EXCEPTION_ZH = re.compile(r"除外|不适用|^除[^，。；]{1,60}外，其他")
# An exception inside the rule ("地方性法规可以设定除限制人身自由、吊销营业执照以外的行政处罚", "放开放宽
# 除个别超大城市外的落户限制"; 除 of 解除, 消除, 排除 … is none): a question about what it excepts is
# answered "否" where the rule grants or lifts ("超大城市可以全面放开落户吗？" opened "是" from the
# plan); one about anything else gets no verdict (the asked case may be the excepted one).
_EXCEPTED = re.compile(r"(?<![解排清删消拆免去扣废革剔根破铲摒])除([^，。；]{1,60}?)(?:以)?外(?:的)?")
_LIST_ITEM = re.compile(r"[、，和及与或]|以及|或者")
# The share of an excepted item's bigrams the question must hold to be about it (个别超大城市: 超大,
# 大城, 城市 of five). Not tuned: the two sentences above.
EXCEPTED_SHARE = 0.6
# The same exception written after its item: "取消郑州中心城区以外其他所有城市和地区的落户限制" lifts the
# limits everywhere but the central district (a fresh seed question, "那郑州中心城区的落户限制也取消了吗？",
# was answered 是 from it, stop 39). A question about the item so excepted gets no verdict from it.
_OUTSIDE = re.compile(rf"([{HAN_CLASS}A-Za-z0-9]{{2,30}}?)(?:以外|之外)的?(?=其他|其余|所有|全部|一切)")
# What a question says its case is not ("征收二十公顷普通耕地（不是永久基本农田），必须报国务院批准吗？"):
# a sentence deciding for that thing ("…难以避让永久基本农田…，必须经国务院批准") decides another case
# (a stop 47 trap opened "是"). Not the 不是 of "是不是" (a plain yes/no question).
_EXCLUDED_Q = re.compile(rf"(?<!是)(?:不是|并非|而非)([{HAN_CLASS}]{{2,8}}?)(?=[）)，,。？?、；]|$)")
# Which thing holds a place in an order ("目标里，排在头一位的是不是“宜居”？"): the text's order decides
# it, never a deciding word — "建设和谐宜居…的现代化城市" opened "是" where 创新 stands first (a fresh seed
# question, stop 53). No verdict.
_ASKS_POSITION = re.compile(r"(?:头一位|第一位|首位|第一名|最前面?)的?(?:是不是|是否是?|就是)")
_DEFAULT_ONLY = re.compile(r"(?:但是?|除)[^。；]{0,30}?另有(?:规定|约定)的?(?:除外|外)")
# "劳动者可以不加班吗？", "用人单位可以不签劳动合同吗？": whether one may *not* do a thing is not
# decided by a sentence's deciding word about doing it ("不得强迫…劳动者加班" answered "否"); as the
# English verdict turns away "not", no verdict (可不可以, 能不能, 要不要 … ask plainly).
_NEGATED_Q = re.compile(r"(?:可以|能够|能|需要|必须|应当|应该|得)不(?![能可要需是用会得])")
# What a question asks *not* to be so ("“七个着力”是不是只管硬件提升、不涉及软件建设？"): a negation after its
# yes/no word whose verb the sentence does not negate too is not decided by the sentence's deciding
# words — "既包括硬件提升，也涵盖软件建设" opened "是" (the 建设 of 软件建设 read as a directing word; a fresh
# seed question of stop 55). Where the sentence negates that verb too ("…扣着保证金不退？" over "…可以不退还
# 投标保证金") it decides it; a negation in an earlier clause is the asker's case ("公司一直拖着不发工资，
# 我能不能去…投诉？"). Read over the 55 Chinese verdicts the shipped code gave on every yes/no question of
# the sets (1,475, stop 54's code): none would be withheld.
_A_NOT_A = re.compile(r"(.)[不没]\1")  # 是不是, 有没有: the yes/no form itself, read first
_YES_NO_WORD = re.compile(r"是否|能否|可否|可以|能够|能|会|需要|必须|应当|应该")
_NEGATED_VERB = re.compile(r"不(?![得到足超低少高多满再予])([^\s，。？?！!、；;])|没有|没([^\s，。？?！!、；;有])")


def _negation_undecided(question: str, sentence: str) -> bool:
    """Does the question's asking clause (its last), after its yes/no word, negate a verb the
    sentence does not negate?"""
    asking = re.split(r"[，,；;]", question.rstrip("？?。 "))[-1]
    marker = _A_NOT_A.search(asking) or _YES_NO_WORD.search(asking)
    if marker is None:
        return False
    rest = _A_NOT_A.sub("", asking[marker.end():])
    for m in _NEGATED_VERB.finditer(rest):
        verb = m.group(1) or m.group(2)
        said = ("没有", "无", "未") if verb is None else tuple(f"{n}{verb}" for n in "不未无非没")
        if not any(w in sentence for w in said):
            return True
    return False


# Nor whether something may be done *to* one ("农民可以被强迫退出宅基地吗？" opened "是" from the plan's
# "在充分保障农民宅基地合法权益的前提下，探索…盘活闲置宅基地"): the deciding words bind the one acting.
_PASSIVE_Q = re.compile(r"(?:可以|能够|能|会|要|得|应当|应该|是否)被")
# Whether something is *only* so ("实施方案是不是只靠财政出钱，没打算让金融机构…参与投入？") is not decided by a
# sentence saying it is so: "更好发挥财政性资金作用，引导金融机构和央企等大型企业加大投入力度" opened "是" (a fresh
# seed question of stop 59, hz29-13; no other yes/no question of the sets asks so).
_ONLY_Q = re.compile(r"(?:是不是|是否|是)\s*(?:只|仅|光|单)")
# A duty met by any of several things ("应当为盲人提供盲文试卷、电子试卷或者由专门的工作人员予以协助") does not
# require the one asked: "考点是不是必须给他准备盲文试卷？" opened "是" (a fresh trap of stop 59, pz59-19);
# the alternatives are joined by OR_ZH.
_ASKED_STRETCH = 3  # the shortest stretch of the question read as the thing asked ("盲文试卷" is four)


def _one_of_alternatives(question: str, sentence: str) -> bool:
    """Does a part's duty (from its deciding word on) join alternatives with 或者 and hold a stretch
    of the question (``_ASKED_STRETCH`` characters or more) as one of its items (next to 、 or 或)? The
    consent of "未成年人的父母或者其他监护人" is a duty about 未成年人, not one of alternatives."""
    if OR_ZH.search(question):
        return False  # the question names the alternatives itself ("盲文试卷、电子试卷或者派人协助", kc-20)
    for part in PART_BREAK.split(sentence):
        duty = part[_deciding_at(part):]
        if not OR_ZH.search(duty):
            continue
        for start, end in _stretches(question, duty, _ASKED_STRETCH):
            if _LISTED_AFTER.match(duty, end) or _LISTED_BEFORE.search(duty[:start]):
                return True
    return False


_LISTED_AFTER = re.compile(rf"、|{OR_ZH.pattern}")
_LISTED_BEFORE = re.compile(rf"(?:、|{OR_ZH.pattern})$")


def _stretches(question: str, text: str, size: int) -> list[tuple[int, int]]:
    """Where ``text`` holds ``size`` or more consecutive Han characters of ``question``: each
    ``(start, end)``, as far as question and text run on alike."""
    found: list[tuple[int, int]] = []
    for run in HAN_RUN.findall(question):
        for i in range(len(run) - size + 1):
            for m in re.finditer(re.escape(run[i : i + size]), text):
                end, k = m.end(), i + size
                while end < len(text) and k < len(run) and text[end] == run[k]:
                    end, k = end + 1, k + 1
                found.append((m.start(), end))
    return found


# A permission or duty to do a cancelling act ("用人单位可以解除劳动合同", "有权撤销…") decides that
# act, not the lifting of a barrier: it decides nothing about another act a question asks may be
# done ("用人单位可以签…吗" was answered "否" from "…可以解除劳动合同").
_CANCEL_ACT = re.compile(r"(?:可以|有权|可|得|应当|应|须)[^，；。]{0,4}?(解除|撤销|取消|废除|清理)")
# The subject of an English yes/no question: the words after its auxiliary and article ("Must
# a driver stop…" → "driver stop for"), read through the glossary a word at a time.
_SUBJECT_EN = re.compile(
    r"^\s*(?:must|can|could|may|might|should|shall|will|would|is|are|does|do|has|have)\s+"
    r"(?:(?:a|an|the|any|every|my|our|his|her|their|its|this|that)\s+)?([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})",
    re.I,
)
_PRONOUN = {"i", "we", "you", "he", "she", "they", "it", "one", "someone", "anyone", "there", "this", "that"}


def _english_subject(question: str) -> list[str] | None:
    """The Chinese terms the glossary writes an English question's subject as ("Must a driver
    stop…" → 驾驶人); [] when the subject is a person asking (I, we, you…) and so not written in
    the clause; None when the glossary does not know it."""
    m = _SUBJECT_EN.match(question)
    if m is None:
        return None
    words = m.group(1).split()
    if words[0].lower() in _PRONOUN:
        return []
    for i in range(len(words)):
        # Only terms whose key starts at the subject's first word ("rural migrants", not the
        # "leave" of "parents leave").
        later = set(expansions(" ".join(words[1 : i + 1]))) if i else set()
        terms = [t for t in expansions(" ".join(words[: i + 1])) if t not in later]
        if terms:
            return terms
    return None
# "对限制人身自由的行政处罚决定": what a legal sentence narrows its subject to.
_QUALIFIER = re.compile(rf"对([{HAN_CLASS}]{{2,12}}?)的")


_POINTS_BACK = re.compile(r"这些|那些|这个|那个|这种|那种|这类|那类|上述|其中|此类|该")


def asked_action(info: QuestionInfo) -> str:
    """"restrict" | "lift" | "require" | "exempt" | "permit" — what the yes/no question asks about."""
    q = info.text
    if info.lang == "zh":
        # The sentence asking, not the case told before it: "…省退役军人事务厅因此取消了他的退役相关待遇。
        # 他觉得处理太重，能不能申请行政复议或者到法院起诉？" asks a permission (a fresh held-out question of
        # stop 72, le-07, was read as asking a lifting and got no verdict). Not when it points back to the case
        # ("…限制类领域外资要符合负面清单规定的条件。这些条件里会不会包括对高级管理人员的要求？", stop 54's trap
        # pz54-25, asks of those restrictions).
        sentences = _sentences_of(q)
        asking = sentences[-1] if sentences else q
        q = q if _POINTS_BACK.search(asking) else asking
    if info.lang == "en":
        if _LIFT_Q_EN.search(q):
            return "lift"
        if _RESTRICT_Q_EN.search(q):
            return "restrict"
        if _REQUIRE_Q_EN.search(q):
            return "require"
        return "permit"
    if any(w in q for w in _LIFT_Q_ZH):
        return "lift"
    if any(w in q for w in _RESTRICT_Q_ZH):
        return "restrict"
    if any(w in q for w in _REQUIRE_Q_ZH) or _MUST_Q_ZH.search(q):
        return "require"
    if _EXEMPT_Q_ZH.search(q):
        return "exempt"
    return "permit"


# Deciding words inside names decide nothing: a document's title (《…促进法》, 《…实施条例》), a law's or
# regulation's name, and the nouns 保障 forms ("人力资源社会保障行政部门", "最低生活保障", "保障性住房"). Trap
# pz50-14 (stop 50) was opened "是" by the 保障 of "人力资源社会保障行政部门…审批".
_NAMES = re.compile(
    r"《[^》]*》|促进法|实施条例|实施细则|实施办法"
    r"|(?:社会|生活|医疗|住房|养老|就业|民生)保障|保障性"
)


# Words holding the deciding 要 that decide nothing: "档案馆可以对重要电子档案进行异地备份保管" is a
# permission, and its 重要 had made it a duty ("档案法是否要求档案馆必须…异地备份保管？" opened "是", a
# fresh trap of stop 60, pz60-22).
_HOLDS_YAO = re.compile(r"重要|主要|必要|首要|次要|紧要|纲要|摘要|概要|要素|要点|要件")


def _unnamed(part: str) -> str:
    """``part`` with the names in it and the words only holding a deciding character blanked out,
    each character's place kept."""
    blank = lambda m: "＿" * len(m.group(0))  # noqa: E731
    return _HOLDS_YAO.sub(blank, _NAMES.sub(blank, part))


def _kinds(part: str) -> set[str]:
    part = _unnamed(part)
    kinds = set()
    if any(w in part for w in CANCEL):
        kinds.add("cancel")
    # "不得以…为由" and "取消…限制" are not prohibitions of the asked action, nor "不得不" ("促使政府不得不
    # 依靠提高土地出让金…" is a compulsion: a fresh seed question of stop 54 had opened 否 from it).
    if any(w in part.replace("不得不", "") for w in PROHIBIT) and "不得以" not in part and "cancel" not in kinds:
        kinds.add("prohibit")
    if any(w in part for w in EXEMPT) and "prohibit" not in kinds:
        kinds.add("exempt")
    if any(w in part for w in NO_NEED):
        kinds.add("no_need")
    elif any(w in part for w in REQUIRE):
        kinds.add("require")
    if any(w in part for w in POSITIVE) and not kinds & {"cancel", "prohibit"}:
        kinds.add("positive")
    return kinds


# Lifting one of these permits what it barred (取消落户限制 → 可以落户); lifting anything else
# ends the thing itself (不再出现“城市看海” → 不会看海).
BARRIER = ("限制", "门槛", "壁垒", "障碍", "束缚", "不合理", "歧视", "审批")


# A duty to encourage or support ("…部门应当鼓励高等院校和职业技术学校开设家庭教育相关课程") is the authority's;
# the act it encourages is not required of the one who does it: "浙江的条例是不是要求我们学校必须开设家庭教育相关
# 课程？" was answered "是" (a fresh trap of stop 64, pz64-24). No verdict of a requirement from it.
_ENCOURAGED = re.compile(r"(?:应当|必须|须|要)(?:积极|大力|依法)?(?:鼓励|支持|引导|倡导|动员)")


def _decide(action: str, kinds: set[str], part: str = "") -> bool | None:
    if action == "exempt":
        return True if "exempt" in kinds else False if "prohibit" in kinds else None
    if action == "lift":
        return True if kinds == {"cancel"} else False if "prohibit" in kinds and "cancel" not in kinds else None
    if action == "restrict":
        return False if "cancel" in kinds and "prohibit" not in kinds else True if "prohibit" in kinds else None
    if action == "require":
        if "require" in kinds and _ENCOURAGED.search(part):
            return None
        return False if "no_need" in kinds else True if "require" in kinds and "prohibit" not in kinds else None
    if "prohibit" in kinds and "cancel" not in kinds:
        return False
    if "cancel" in kinds:
        return any(w in part for w in BARRIER)
    if "positive" in kinds:
        return True
    return None


_EN_MILLION = re.compile(r"(\d+(?:\.\d+)?)\s*million", re.I)
_EN_BELOW = re.compile(r"\b(?:fewer than|less than|under|below|up to|at most)\b", re.I)
_EN_ABOVE = re.compile(r"\b(?:more than|over|above|at least|exceeding)\b", re.I)


def _question_in_chinese_terms(question: str) -> str:
    """An English question's numbers and directions as the Chinese documents write them."""
    question = _EN_MILLION.sub(lambda m: f"{float(m.group(1)) * 100:g}万", question)
    question = _EN_BELOW.sub("以下", question)
    return _EN_ABOVE.sub("以上", question)


# A token opening with a modal ("能建", "会放") is the question's grammar, not the thing done.
_MODAL_START = tuple("能可会要还得该")


# A bigram holding one of these is the asker's own telling ("我被", "把我", "我辞"), never what a
# sentence could decide: the asker and the ones spoken to or of. Left out of the subject, they no
# longer dilute its share in the deciding sentence ("我被查出疑似尘肺，现在还在医学观察，公司能趁这时候把我
# 辞退吗？" over "在疑似职业病病人诊断或者医学观察期间，不得解除…劳动合同"). Particles and pointers stay:
# 吧 is in 网吧, 吗 in 吗啡, 那 in 那曲 ("未成年人可以进入网吧吗？" lost 网吧 and opened 否 from "…不得插入
# 网络游戏链接", a unit test).
_TELLING = frozenset("我你您咱她")


def _subject(info: QuestionInfo, tokens: tuple[str, ...]) -> list[str]:
    return [
        t for t in tokens
        if not any(t in w for w in _ACTION_WORDS) and not t[0].isdigit() and not t.startswith(_MODAL_START)
        and not _TELLING & set(t)
    ]


# A quantity the question writes in Chinese numerals ("一年", "三个月", "两次").
_CN_QUANTITY = re.compile(r"([一二两三四五六七八九十百千]+)(?=个?(年|月|日|天|周|星期|小时|岁|次|倍|人|万|元))")


def _in_range(value: int, unit: str, text: str) -> bool:
    """Does ``text`` state a range of ``unit`` holding ``value`` ("300万至500万" holds 四百万)?"""
    pattern = rf"(\d+(?:\.\d+)?)\s*{unit}?\s*(?:至|到|-|—|～)\s*(\d+(?:\.\d+)?)\s*{unit}"
    return any(float(lo) <= value <= float(hi) for lo, hi in re.findall(pattern, text))


def _numbers_ok(info: QuestionInfo, text: str) -> bool:
    """Every number the question names is in ``text``, with the same direction (以下/以上); an
    English question's as the Chinese sentence writes them (an English sentence is decided by
    :mod:`rag.answer.verdict_en`)."""
    question = info.text if info.lang == "zh" else _question_in_chinese_terms(info.text)
    for m in _CN_QUANTITY.finditer(question):
        # "病历封存才一年…能不能自己启封？" is not decided by "封存满3年…的，…可以自行启封" (a probe
        # answered 是, stop 40): a number in Chinese numerals must be there too, either way written.
        value = cn_to_int(m.group(1))
        if m.group(1) not in text and not re.search(rf"(?<![\d.]){value}(?![\d])", text) and not _in_range(
            value, m.group(2), text
        ):
            return False
    for number in re.findall(r"\d+(?:\.\d+)?", question):
        if not re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text):
            return False
        if any(w in question for w in _BELOW) and not any(w in text for w in _BELOW):
            return False
        if any(w in question for w in _ABOVE) and not any(w in text for w in _ABOVE):
            return False
    return True


def _asks_about(info: QuestionInfo, excepted: str) -> bool:
    """Does the question name one of the items an exception lists (``EXCEPTED_SHARE``)?"""
    asked = set(info.tokens) | set(info.formal)
    for item in _LIST_ITEM.split(excepted):
        grams = set(bigrams(item))
        if grams and len(grams & asked) >= EXCEPTED_SHARE * len(grams):
            return True
    return False


def _subject_ok(info: QuestionInfo, text: str, action: str, options: ExtractiveOptions) -> bool:
    """Does ``text`` (headings + the sentence up to its deciding parts) hold the question's subject?"""
    if not _numbers_ok(info, text) or _narrower(info, text):
        return False
    have = set(bigrams(text))
    if info.lang == "en":
        # Across languages the question's own subject must be in the deciding sentence:
        # "Must a driver stop for pedestrians…?" is not decided by "行人…应当走人行横道"
        # (pedestrians' duty), though the glossary's 行人 is there.
        subject = _english_subject(info.text)
        if subject and not any(set(bigrams(t)) <= have for t in subject):
            return False
        # An English question read through the glossary: its terms are alternatives (hukou →
        # 户籍 or 落户); one of them must be in the deciding sentence, when the glossary knows any.
        return not info.formal or bool(set(info.formal) & have) or bool(set(info.tokens) & have)
    best = None
    predicate = False
    for tokens in (info.tokens, info.formal, _asking_tokens(info), _act_before(info.text)):
        subject = _subject(info, tokens)
        if subject:
            share = sum(1 for t in set(subject) if _held(t, text, have)) / len(set(subject))
            best = share if best is None else max(best, share)
            # A Chinese question ends with what it asks about (…参加中考吗): for whether
            # something may or must be done, that last word has to be in the sentence.
            predicate = predicate or _held(_thing_done(subject), text, have)
    if best is None:
        return True  # no subject words at all ("还限制落户吗？"): the action alone is the question
    if action in ("permit", "require", "exempt") and not predicate:
        return False
    return best >= options.verdict_coverage


def _another_kind(question: str, part: str) -> bool:
    """Does the deciding ``part`` name another kind of what the question asks about? The question's
    "失业保险…全国统筹" is not decided by "推进实现失业保险省级统筹" (another level of 统筹) nor by
    "稳步推进基本养老保险全国统筹" (another 保险; a fresh seed question of stop 65, hz35-21, answered
    "是"). The sign, read on jieba's words: a noun qualifying the next word in the question (失业 保险,
    全国 统筹), the part holding that word only under a noun of its own (养老保险, 省级 统筹) that the
    question does not hold, and nowhere the question's."""
    asked = words_of(question)
    words = words_of(part)
    for (qualifier, kind), (head, head_kind) in itertools.pairwise(asked):
        if kind not in _NOUNS or len(qualifier) < 2 or len(head) < 2 or qualifier in part or head not in part:
            continue
        # A noun before a verb is who does it ("家长 接受", "劳动部门 投诉"), no kind of it; a level before
        # one is (全国 统筹).
        levels = qualifier in _LEVELS
        if head_kind not in _NOUNS and not levels:
            continue
        others: list[str] = []
        for i, (word, _) in enumerate(words):
            if word.endswith(head) and len(word) > len(head):
                others.append(word[: -len(head)])  # 养老保险: 养老
            elif word == head and i and words[i - 1][1] in _NOUNS and len(words[i - 1][0]) >= 2:
                others.append(words[i - 1][0])  # 省级 统筹
            elif head in word or word == head:
                others.append("")  # the word unqualified, or inside another: no other kind named
        if others and all(
            o and len(o) >= 2 and o not in question and not _abbreviates(qualifier, o) and (o in _LEVELS or not levels)
            for o in others
        ):
            return True
    return False


def _abbreviates(short: str, long: str) -> bool:
    """Is ``short`` an abbreviation of ``long``, its characters in order ("中职" of "中等职业")?"""
    rest = iter(long)
    return len(short) < len(long) and all(ch in rest for ch in short)


# jieba's tags of the words that qualify a noun as its kind: nouns, names, distinguishing words
# (省级), abbreviations.
_NOUNS = frozenset({"n", "nr", "ns", "nt", "nz", "b", "j", "vn"})
# Levels of government a thing is run at: "全国统筹" is not "省级统筹".
_LEVELS = frozenset({"全国", "国家", "国家级", "中央", "省级", "市级", "地市级", "县级", "乡级", "区级", "地方"})


# A yes/no question no single sentence's deciding word answers: one asking whether something is certain
# ("…是不是一定能免交用血的费用？" over "可以…免交或者减交", stop 65's pz65-07), one going on into a wh-question
# ("…是不是同一个提法？两边都要建立什么样的住房制度？", hz30-27), one adding a negated clause of its own
# ("鉴定费是不是得我直接付给鉴定机构，不能交给法院让法院代付？" answered 否 from "人民法院不得代收代付", pz43-10).
_CERTAINTY_Q = re.compile(r"一定|肯定|必定|必然")
_WH_ZH = re.compile(r"什么|哪些|哪个|哪里|哪儿|怎么|怎样|如何|为什么|多少|几[个年天月次项条]")
_NEGATED_CLAUSE_Q = re.compile(
    r"[，,][^，,？?]{0,8}(?:(?<!能)不能|(?<!可)不可以|(?<!用)不用|不必|不得|(?<!许)不许|(?<!准)不准)[^，,？?]*[？?]?\s*$"
)
# Words by which a plan lets some places try a thing: a 是 for everyone is more than it says.
_PILOTED = ("有条件的", "试点", "探索", "适时")


def _undecidable_zh(question: str, sentence: str) -> bool:
    """Is a Chinese yes/no ``question`` one no deciding word of ``sentence`` answers (see _CERTAINTY_Q)?"""
    own = without_context(question)
    asking = _sentences_of(question)
    if len(asking) > 1 and _WH_ZH.search(asking[-1]):
        return True
    if _NEGATED_CLAUSE_Q.search(own):
        return True
    return _CERTAINTY_Q.search(own) is not None and ("可以" in sentence or OR_ZH.search(sentence) is not None)


@lru_cache(maxsize=1024)
def _sentences_of(question: str) -> tuple[str, ...]:
    """The sentences of a question's own words (without the earlier question a follow-up carries)."""
    return tuple(s for s in re.split(r"(?<=[。！？!?])", without_context(question)) if s.strip())


@lru_cache(maxsize=1024)
def _last_sentence_tokens(question: str) -> tuple[str, ...]:
    sentences = _sentences_of(question)
    return analyse(sentences[-1]).tokens if len(sentences) > 1 else ()


def _asking_tokens(info: QuestionInfo) -> tuple[str, ...]:
    """The tokens of the sentence a Chinese question of several asks in, its last; () for one sentence.
    The sentences before it tell the asker's case: "我们是国企，上级来检查，领导想把接待餐安排得丰盛点。公务接待用餐能
    超过规定的标准吗？" is decided by "…不得超过规定的标准" though the case's words are not there (a fresh
    held-out question of stop 65, kp-27, got no verdict: 5 of its 23 subject words were). Read once per
    question, not once per sentence weighed."""
    return _last_sentence_tokens(info.text)


# A question asking of its act by a pro-form ("学校想把学生参加志愿服务的情况算进实践学分，志愿服务条例允许这么做吗？"):
# the thing done is the clause before's (…实践学分), not 做. A fresh held-out question of stop 72 (le-27) got no
# verdict from "高等学校、中等职业学校可以将学生参与志愿服务活动纳入实践学分管理".
_PRO_ACT = re.compile(r"(?:这么|这样|如此)(?:做|干|办|操作)?|这种做法")


@lru_cache(maxsize=1024)
def _act_before(question: str) -> tuple[str, ...]:
    """The tokens of the clause before a last clause asking of its act by a pro-form (_PRO_ACT); () else."""
    parts = [p for p in PART_BREAK.split(without_context(question)) if p.strip()]
    if len(parts) < 2 or not _PRO_ACT.search(parts[-1]):
        return ()
    return analyse(parts[-2]).tokens


def _narrower(info: QuestionInfo, text: str) -> bool:
    """Does the sentence decide only for a narrower case the question does not name? A law's
    "当事人对限制人身自由的行政处罚决定不服…可以…暂缓执行" is about one kind of penalty; it does not
    answer "罚款是不是就可以先不执行". The sign is a "对…的" qualifier none of whose words the
    question holds."""
    if info.lang != "zh":
        return False
    asked = set(info.tokens) | set(info.formal)
    return any(not set(bigrams(m.group(1))) & asked for m in _QUALIFIER.finditer(text))


def _holds_subject(info: QuestionInfo, part: str, action: str) -> bool:
    """Is ``part`` about the question: for may/must questions does it hold the thing done (the
    question's last word), otherwise any of its subject words?"""
    if info.lang == "en":
        # An English question over a Chinese sentence: the glossary's words (``formal``) are all that
        # crosses. What a duty asked is stands after the deciding word (``part`` starts there and runs to
        # the sentence's end), so one of them must: "Does a private individual filling in a survey form
        # have to stamp it with a seal?" opened "Yes" from "统计机构和统计人员对…个人隐私和个人信息，
        # 应当予以保密" (stop 61's trap pz61-32; its 个人 stands before the duty, and no word of "stamp"
        # or "seal" crosses).
        if action == "require":
            return any(set(bigrams(term)) <= set(bigrams(part)) for term in info.formal)
        return True
    readings = [_subject(info, info.tokens), _subject(info, info.formal), _subject(info, _act_before(info.text))]
    if not any(readings):
        return True
    have = set(bigrams(part))
    if action in ("permit", "require", "exempt"):
        return any(_held(_thing_done(r), part, have) for r in readings if r)
    return any(set(r) & have for r in readings)


# Characters of grammar, not of the thing done: a bigram holding one straddles two words ("境外的人捐赠是允许的
# 吗？" ends in 赠是 and 是允, around the 捐赠 asked; a fresh trap of stop 66, pz66-24, got no verdict from
# "…可以…通过捐赠方式参与…"). Not 吧 (网吧), 了 (了解) or 么 (什么), which are as often in words.
_GRAMMAR = re.compile(r"[是的吗呢]")


def _thing_done(subject: list[str]) -> str:
    """The question's last subject word that is no bigram straddling a word of grammar (:data:`_GRAMMAR`),
    else its last word."""
    return next((t for t in reversed(subject) if not _GRAMMAR.search(t)), subject[-1])


def _held(token: str, text: str, have: set[str]) -> bool:
    """Is the question's ``token`` in ``text`` (``have``, its bigrams), or its two characters with one or
    two between them, as a contraction writes a word ("采血" of "临时采集血液", "医保" of "医疗保险")? "医院能不能自
    己临时采血？" is decided by "医疗机构可以临时采集血液" (a fresh held-out question of stop 65, kp-10, got no
    verdict)."""
    if token in have:
        return True
    spread = rf"{re.escape(token[0])}[^，。；、\s]{{1,2}}{re.escape(token[1])}" if len(token) == 2 else ""
    return bool(spread) and re.search(spread, text) is not None


def _deciding_at(part: str) -> int:
    """Where the first deciding word of ``part`` stands (its length when there is none)."""
    part = _unnamed(part)
    return min((i for w in _DECIDING if (i := part.find(w)) >= 0), default=len(part))


def _presupposed(info: QuestionInfo, parts: list[str], last: int) -> bool:
    """Does an earlier part state the asked act as the sentence's premise, with no deciding word
    ("电子商务经营者搭售商品或者服务，应当以显著方式提请消费者注意，不得将搭售商品或者服务作为默认同意的选项"),
    the deciding part adding none of the question's words to it? Then that part rules how the act
    is done, not whether: "网店可以搭售商品吗？" opened "否" (stop 38's probes over 电子商务法)."""
    asked = {t for tokens in (info.tokens, info.formal) for t in _subject(info, tokens)}
    deciding = set(bigrams(parts[last])) & asked
    return bool(deciding) and any(
        not _kinds(part) and deciding <= set(bigrams(part)) for part in parts[:last]
    )


# "是去教育局审批吗？" asks whether that authority is the one acting: a verdict only from a deciding part
# naming it (the words before its 局 / 部门…). Trap pz50-14 (stop 50) was answered "是" from
# "…由县级以上人民政府人力资源社会保障行政部门…审批，并抄送同级教育行政部门备案" (its 保障 read as deciding).
_ASKED_AUTHORITY = re.compile(
    rf"(?<!还)是(?:去|由|向|找|归|到|在)?((?:(?![由在是还])[{HAN_CLASS}]){{2,12}}?)"
    r"(?:行政部门|主管部门|部门|局|委员会|委|厅|机关|政府|法院)"
    rf"[{HAN_CLASS}]{{0,6}}[吗呢]"
)


def _names_asked_authority(question: str, part: str) -> bool:
    """Does ``part`` name the authority a "是…局…吗" question asks about (True when it asks none)?"""
    asked = _ASKED_AUTHORITY.search(question)
    return asked is None or asked.group(1)[-2:] in part


# Who acts, as a rule states it: "由县级以上人民政府人力资源社会保障行政部门按照国家规定的权限审批".
_BY_AUTHORITY = re.compile(
    r"由([^，。；]{2,40}?(?:部门|局|委员会|厅|机关|政府|法院))[^，。；]{0,16}?"
    r"(?:审批|批准|核准|负责|决定|办理|登记|受理|审查|审核|备案)"
)


def _by_asked_authority(question: str, parts: Sequence[str]) -> bool:
    """Does a part say the authority a "是由…部门审批吗" question asks is the one acting ("由…人力资源社会
    保障行政部门…审批")? Who acts is stated so, by no deciding word."""
    asked = _ASKED_AUTHORITY.search(question)
    return asked is not None and any(
        (m := _BY_AUTHORITY.search(part)) is not None and asked.group(1)[-2:] in m.group(1) for part in parts
    )


def _names_a_twin(question: str, sentence: str) -> bool:
    """Does ``sentence`` name what the question asks with a word put inside it, a word the question
    names apart? "还没考助理医师。能直接报考执业医师资格考试吗？" over 医师法 第十条 "…可以参加执业助理医师资格
    考试" (stop 70's trap pz70-08 was answered "是"): the asker tells the 助理 exam from the one asked, so
    the sentence decides another thing. Read at every place where a two- or three-character word of the
    question stands in the sentence, between two stretches (two characters or more each) that the
    question writes together and the sentence nowhere does, when the question also writes the word with
    what follows it in the sentence (助理医师). A word the question writes elsewhere only by the way is no
    such thing: "在医调委调解达成协议了…" over "达成调解协议的，…" (pz-38 keeps its "是"), nor the word after
    what precedes it ("乡村振兴促进法" over "…报告乡村振兴促进工作情况": pz66-07 keeps its "是")."""
    for size in (2, 3):
        for at in range(len(sentence) - size + 1):
            word = sentence[at : at + size]
            if not HAN_RUN.fullmatch(word) or word not in question:
                continue
            for before in range(2, 5):
                for after in range(2, 7):
                    if at - before < 0 or at + size + after > len(sentence):
                        continue
                    head, tail = sentence[at - before : at], sentence[at + size : at + size + after]
                    asked = head + tail
                    # The question names the sentence's thing too ("助理医师"), not the word alone.
                    if (HAN_RUN.fullmatch(asked) and asked in question and asked not in sentence
                            and word + tail[:2] in question.replace(asked, "\n")):
                        return True
    return False


# A clause exempting listed cases from its rule: "医师从事下列活动的，可以不办理相关变更注册手续：
# （一）参加…会诊、…、义诊".
_EXEMPTING_ZH = re.compile(r"可以不|无需|无须|不需要|不必|免予|免于|不适用")
_LIST_LINE = re.compile(r"\s*(?:[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
_ITEM_SPLIT = re.compile(r"[、，,；;：:。（）()\s]|或者|以及|其他|等")
_NOT_ITEMS = frozenset({"但是", "其中", "下列", "情形", "之一", "活动", "事项", "规定"})


def excepted_case_named(question: str, sentence: str, clause: str) -> bool:
    """Does ``clause`` exempt from its rule, in another sentence, a case the question names by one of
    the listed items ("…的，可以不办理…：（一）…、义诊")? Then a 是/否 read from ``sentence`` alone (the
    rule) is not the asker's: "…这个周末要…去外省山区搞义诊。…我得先去办变更执业地点的注册手续吗？" was
    answered "是" from 医师法 第十八条's first sentence (stop 70's trap pz70-04)."""
    lines = clause.splitlines()
    for i, line in enumerate(lines):
        found = _EXEMPTING_ZH.search(line)
        if found is None:
            continue
        scope = [line[found.start():]]
        if line.rstrip().endswith(("：", ":")):
            scope += list(itertools.takewhile(lambda x: not x.strip() or _LIST_LINE.match(x), lines[i + 1:]))
        for item in _ITEM_SPLIT.split(_LIST_LINE.sub("", "\n".join(scope))):
            item = item.strip()
            if (len(item) >= 2 and HAN_RUN.fullmatch(item) and item not in _NOT_ITEMS
                    and item in question and item not in sentence):
                return True
    return False


def polarity(
    info: QuestionInfo, sentence: str, options: ExtractiveOptions | None = None, *, heading: str = ""
) -> bool | None:
    """Is the answer to a yes/no question 是 (True), 否 (False), or unclear (None)? See the module.

    ``heading``: the document title and headings the sentence stands under, where its subject
    may be named instead ("河南…": the sentence says 全省).
    """
    options = options or ExtractiveOptions()
    if asks_another_role(info.text, sentence) or pairs_respectively(info.text, sentence):
        return None  # the role or the party the sentence pairs the asked thing with (rag.answer.pairing)
    if info.lang == "en" and not has_han(sentence):
        return english_verdict(info.text, sentence, heading)  # a statute's own English (verdict_en)
    # "Can old buildings be demolished at will during urban renewal?" over the plan's "推进…城市更新
    # 改造": the glossary carries the subject (城市更新) across, never the thing done (demolish →
    # 拆除), so a Chinese sentence cannot be checked to decide it — the same clause says
    # 防止随意拆除老建筑. Restrict/lift/require questions name their action in words the
    # sentence's deciding words answer; these keep their verdict. (The sentence is Chinese here: an
    # English one was decided above.)
    if info.lang == "en" and asked_action(info) == "permit":
        return None
    if info.lang == "zh" and _ASKS_POSITION.search(info.text):
        return None
    ruled = _DEFAULT_ONLY.sub("", sentence)  # a default left to other law or agreement is no exception
    if (_EXCEPTION_ZH.search(ruled.strip()) or _NEGATED_Q.search(info.text) or _PASSIVE_Q.search(info.text)
            or _ONLY_Q.search(info.text)):
        return None
    if info.lang == "zh" and (_negation_undecided(info.text, sentence) or _names_a_twin(info.text, sentence)):
        return None
    if info.lang == "zh" and (excepted := _EXCEPTED.search(ruled)) is not None:
        if not _asks_about(info, excepted.group(1)):
            return None
        # The rule without its exception, read as about the excepted item (its subject words are there).
        rule = polarity(info, ruled[: excepted.start()] + ruled[excepted.end():], options,
                        heading=f"{heading}\n{excepted.group(1)}")
        return False if rule is True else None
    if info.lang == "zh" and any(_asks_about(info, m.group(1)) for m in _OUTSIDE.finditer(ruled)):
        return None
    if info.lang == "zh" and any(
        m.group(1) in ruled and not re.search(rf"{re.escape(m.group(1))}(?:以外|之外)", ruled)
        for m in _EXCLUDED_Q.finditer(info.text)
    ):
        return None
    action = asked_action(info)
    if info.lang == "zh" and action == "require" and _one_of_alternatives(info.text, sentence):
        return None
    if info.lang == "zh" and _undecidable_zh(info.text, sentence):
        return None
    parts = [p for p in PART_BREAK.split(sentence) if p.strip()]
    if info.lang == "zh" and _by_asked_authority(info.text, parts) and _subject_ok(
        info, f"{heading}\n{sentence}", action, options
    ):
        return True
    decided: list[tuple[int, bool]] = []
    for i, part in enumerate(parts):
        kinds = _kinds(part)
        if not kinds or ("cancel" in kinds and any(w in part for w in HEDGE)):
            continue  # nothing decided here, or a lifting only encouraged or explored
        if info.lang == "zh" and kinds == {"positive"} and part.endswith("的") and i + 1 < len(parts):
            # The case a rule is for ("…组织实施营利性统计调查的，由…责令改正"): what it names is done, not decided
            # (a liability clause answered "是" for "县统计局可以组织实施营利性统计调查吗？", stop 61's kh-12).
            continue
        if info.lang == "zh" and "positive" in kinds and any(w in part for w in _PILOTED):
            continue  # "支持有条件的地区有序推进…" lets some places try it: no 是 for everyone
        if action == "permit" and (act := _CANCEL_ACT.search(part)):
            if act.group(1) not in info.text and act.group(1) not in info.formal:
                continue  # the permission to cancel something else
            # The cancelling act is the one asked (辞退 → 解除劳动合同): the part's modal decides it
            # ("不得解除" 否, "可以解除" 是), not its cancelling word.
            kinds = _kinds(part.replace(act.group(1), "")) - {"cancel"}
            if not kinds:
                continue
        verdict = _decide(action, kinds, part)
        # A part about something else ("规范开展全域土地综合整治") decides nothing asked; what a duty
        # asked is stands after the deciding word, as its object ("处理个人信息需要取得个人同意吗？" was
        # answered "是" from "该同意应当由个人在充分知情的前提下自愿、明确作出": a duty on the consent).
        at = _deciding_at(part) if action == "require" else 0
        # An English question's words may stand in the parts a duty runs on into: "经营者收集、使用消费者个人
        # 信息，应当遵循合法、正当、必要的原则，…，并经消费者同意" (held-out hc-04, "Must a business operator get
        # the consumer's consent…?", its consent → 同意).
        scope = "，".join([part[at:], *parts[i + 1:]]) if info.lang == "en" else part[at:]
        if verdict is not None and _holds_subject(info, scope, action):
            decided.append((i, verdict))
    if not decided or len({v for _, v in decided}) > 1:
        return None
    last, verdict = decided[-1]
    if info.lang == "zh" and (_presupposed(info, parts, last) or not _names_asked_authority(info.text, parts[last])
                              or _another_kind(info.text, parts[last])):
        return None
    upto = "，".join(parts[: last + 1])
    at = _deciding_at(parts[last])
    if info.lang == "zh" and ENTITLE in parts[last] and not _kinds(parts[last].replace(ENTITLE, "")) and (
        not binds_clause_party(info.text, parts[last][:at], upto, heading)
    ):
        return None  # an entitlement of another party than the asking clause's (ENTITLE)
    if info.lang == "zh" and (
        not binds_asked_party(info.text, parts[last][:at], upto, heading)
        or not same_case_party(info.text, sentence)
        or narrowed_party(info.text, parts[last][:at])
        # a province's duty asked of a county (rag.answer.govlevel)
        or not covers_asked_level(info.text, parts[last][:at], upto)
    ):
        return None
    return verdict if _subject_ok(info, f"{heading}\n{upto}", action, options) else None
