"""Who a Chinese yes/no question asks about, and whether a legal sentence binds that party.

A verdict is about someone: "用人单位可以随时解除劳动合同吗？" asks what the employer may do, and
"有下列情形之一的，劳动者可以随时通知用人单位解除劳动合同" says what the worker may do, though every word of
the question is in it. Read by :mod:`rag.answer.verdict`, which gives no 是/否 when the party the
question opens with is not the one the sentence's deciding word binds, or when the party acting in
the question's condition is not the one of the sentence's case. A fine is about someone too: the
answer's figure (rag.answer.figures) opens with no fine the other kind of party pays than the one the
question asks about (:func:`fines_another`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.query.carried import FOLLOW_UP_LEAD_ZH, without_context
from rag.query.rewrite import expansions
from rag.text import HAN_CLASS, PART_BREAK, bigrams

# The party a question asks about, when it opens with one before its modal ("业主可以改变物业管理用房的
# 用途吗？" → 业主), must be the one the deciding word binds: the party before that word in its part
# ("…劳动者可以随时通知用人单位解除劳动合同" binds 劳动者, and answered "用人单位可以随时解除劳动合同吗？"
# "是"; "经委托人同意，受托人可以转委托" binds 受托人), or, with none there, a party the sentence names
# ("用人单位招用劳动者，不得扣押…": the verdict's bigram coverage counted 业主's absence from
# "物业服务企业不得改变物业管理用房的用途" as one word of seven). A party every rule binds (当事人, 任何
# 组织或者个人) binds the asked one too. The English verdict checks the same (rag.answer.verdict_en).
_PARTY_END = (
    "人|者|方|单位|企业|机关|机构|部门|组织|公司|学校|医院|幼儿园|业主|职工|员工|子女|父母|家长|商家|平台|政府|银行"
)
_MODAL_ZH = "可以|可不可以|能否|能不能|能够|能|是否|必须|应当|应该|需要|需不需要|要不要|得|有权|有没有权"
# A run of up to ten characters ending in a party word.
_PARTY = rf"[{HAN_CLASS}]{{0,10}}?(?:{_PARTY_END})"
_ASKED_PARTY = re.compile(rf"^(?:请问|那么|那)?({_PARTY})(?:{_MODAL_ZH})")
# A question's leading condition and a sentence's case, each led by a party: "劳动者提出解除劳动合同，
# 用人单位需要支付经济补偿吗？" is not decided by "用人单位依据…规定解除劳动合同的，应当…给予经济补偿" (the
# employer's termination): the party acting in the case must be the question's.
_LEAD_PARTY = re.compile(rf"^({_PARTY})")
_SENTENCE_CASE = re.compile(r"^([^，。；：]{2,60}?)的，")
# A party word in a part (人民, 人口, 人数 … are no party).
_SOME_PARTY = re.compile(rf"(?:{_PARTY_END})(?!民|口|数|格|身|力|才|面|式|法|案|针|向)")
_EVERY_PARTY = ("当事人", "双方", "各方", "任何单位", "任何组织", "任何人", "任何个人")


def _asked_party(question: str) -> str | None:
    """The party a Chinese question opens with before its modal, without what qualifies it
    (义务教育阶段的学校 → 学校); None when it opens with none."""
    m = _ASKED_PARTY.match(question.strip())
    return m.group(1).split("的")[-1] if m is not None else None


def binds_asked_party(question: str, before: str, upto: str, heading: str) -> bool:
    """Does a sentence's deciding word bind the party a Chinese ``question`` opens with before its
    modal (``_ASKED_PARTY``: "用人单位可以…解除…吗"; whatever the action asked)? ``before``: its
    part up to the deciding word; ``upto``: the sentence up to the end of that part; ``heading``:
    the headings over it. True when the question names no party."""
    party = _asked_party(question)
    if party is None:
        return True
    names = (party, *expansions(party), *_EVERY_PARTY)
    # Named in other words it may be ("定点医院", "定点医药机构": a bigram before the party's last),
    # never as another party of one relation (委托人 / 受托人 share only 托人).
    core = set(bigrams(party)[:-1])
    if any(name in before for name in names) or core & set(bigrams(before)):
        return True
    if _SOME_PARTY.search(before):
        return False  # another party is bound
    # With no party before the deciding word, the sentence's topic binds: the first party it names
    # ("用人单位招用劳动者，不得扣押…" binds 用人单位; "用人单位应当…，不得强迫…劳动者加班" does not bind
    # 劳动者), or with none named, the one its headings name.
    asked = _first_of(upto, names, core)
    for name in names:
        upto = upto.replace(name, "\0" * len(name))
    other = _SOME_PARTY.search(upto)
    if other is not None:
        return asked is not None and asked < other.start()
    return asked is not None or _first_of(heading, names, core) is not None


# A time before the party of an asking clause: "捐完以后公司能享受税收优惠吗".
_AFTER_TIME = re.compile(rf"^[{HAN_CLASS}]{{0,6}}?(?:以后|之后|后|以前|之前|时|的时候)")


def binds_clause_party(question: str, before: str, upto: str, heading: str) -> bool:
    """:func:`binds_asked_party` for the party the question's asking clause (its last) opens with, after
    a time ("…捐完以后公司能享受税收优惠吗？" → 公司). Read for an entitlement only (rag.answer.verdict):
    over every set's verdicts, reading it for every deciding word withheld six right ones. A follow-up's
    asking clause is in its own words, not in the earlier question it carries ("（接上文：…）"), and with no
    party of its own asks of the one its "那X呢" names."""
    own = without_context(question)
    clauses = [c.strip() for c in PART_BREAK.split(own) if c.strip()]
    if len(clauses) < 2:
        return True
    asking = _AFTER_TIME.sub("", clauses[-1])
    if _asked_party(asking) is None and (lead := FOLLOW_UP_LEAD_ZH.match(own)) is not None:
        asking = lead.group(1) + asking  # "那捐钱的公司呢，以后能享受…吗" asks of 捐钱的公司
    return binds_asked_party(asking, before, upto, heading)


# The share of a qualifier's bigrams the question must hold for the sentence to be about its party
# as the question asks it (of "处理个人信息达到国家网信部门规定数量的", "个人信息处理者需要…吗？" holds 4 of
# 17, the question naming the threshold 15). Not tuned: those two questions.
QUALIFIER_SHARE = 0.5


def narrowed_party(question: str, before: str) -> bool:
    """Does the sentence bind only some of the asked party: the party in ``before`` (its part up to
    the deciding word) led by a qualifier "…的" the question does not state? "个人信息处理者需要指定
    个人信息保护负责人吗？" was answered "是" from "处理个人信息达到国家网信部门规定数量的个人信息处理者应当
    指定…": a duty of the handlers above a threshold."""
    party = _asked_party(question)
    if party is None:
        return False
    at = before.find(party)
    if at <= 0 or not before[:at].endswith("的"):
        return False
    grams = set(bigrams(re.split(r"[，,；;：:]", before[: at - 1])[-1]))
    return bool(grams) and len(grams & set(bigrams(question))) < QUALIFIER_SHARE * len(grams)


def same_case_party(question: str, sentence: str) -> bool:
    """Is the party of a Chinese ``question``'s leading condition (before its first comma) the one
    of the sentence's case ("X的，…"), when both are led by one (``_LEAD_PARTY``)?"""
    if "，" not in question:
        return True
    asked = _LEAD_PARTY.match(question.split("，")[0].strip())
    case = _SENTENCE_CASE.match(sentence.strip())
    stated = _LEAD_PARTY.match(case.group(1)) if case else None
    if asked is None or stated is None:
        return True
    a, b = asked.group(1), stated.group(1)
    return a in b or b in a or bool(set(bigrams(a)[:-1]) & set(bigrams(b)[:-1]))


def _first_of(text: str, names: Sequence[str], core: set[str]) -> int | None:
    """Where ``text`` first names a party: one of ``names``, or a bigram of ``core``."""
    found = [i for name in (*names, *core) if (i := text.find(name)) >= 0]
    return min(found, default=None)


# Who a fine is asked of, and who a sentence fines. A question asking the fine of one person ("对领队个人最少要
# 罚多少钱？", "对他个人最多罚多少？") or of a body ("对旅行社最多罚多少？") is not answered by a sum another party
# pays: "旅行社要求导游人员和领队人员接待…的，…处2万元以上10万元以下的罚款" fines the agency, and opened "2万元
# 以上：" for the tour leader's fine (a fresh trap of stop 58, pz58-10, whose article fines "对导游人员、领队人员处
# 4000元以上2万元以下的罚款"). The party fined is the one after 对 in the figure's stretch ("对旅行社处…；对导游
# 人员…处…"), else the sentence's first actor after "违反本条例的规定，".
_PERSON = r"(?:人员|个人|负责人|领队|导游|法定代表人|经营者|当事人|职工|员工)"
_BODY = r"(?:旅行社|单位|企业|公司|机构|组织|机关|平台|商家|银行|医院|学校|社)"
_FINE_ASKED_OF = re.compile(
    rf"对([{HAN_CLASS}、]{{1,12}}?)(?:个人|本人)?(?:最多|最少|最高|最低|至少|至多)?(?:要|会|能|得|该|应当)?(?:罚|处)"
)
_PERSON_FINED_Q = re.compile(rf"(?:{_PERSON}|他|她|其)(?:个人|本人)[^，。？?]{{0,6}}?罚")
_FINED_BEFORE = re.compile(rf"对([{HAN_CLASS}、]{{1,20}}?)(?:处以|处|并处)[^；;对]*$")
# …or a person the question opens its case with, once the law it names is passed: "按城市公共交通条例，
# 乘客坐地铁逃票被抓住要罚多少钱？" (a fresh trap of stop 76, pz76-40, a near miss) opened "5万元以下：" with
# the fine of 作业的单位 in a rail line's protection zone.
_LAW_LEAD = re.compile(r"^(?:请问)?(?:按照?|根据|依照|依据)[^，,]{1,30}[，,]")
_PERSON_OPENS = re.compile(
    r"^(?:乘客|旅客|游客|顾客|消费者|司机|驾驶员|驾驶人|行人|学生|居民|村民|市民|读者|观众|患者|公民)"
)
_OF_PARTY = re.compile(rf"的[{HAN_CLASS}]{{0,6}}?(?:{_PERSON}|{_BODY})")
_ACTOR = re.compile(
    rf"^(?:违反本(?:法|条例|办法|规定)[^，]{{0,6}}规定，)?([{HAN_CLASS}]{{2,20}}?(?:{_PERSON}|{_BODY}))"
)


def _party_kind(words: str) -> str | None:
    """"person" or "body" for the party ``words`` name by their last words, else None."""
    if re.search(rf"{_PERSON}$", words) or words in ("他", "她", "其"):
        return "person"
    if re.search(rf"{_BODY}$", words):
        return "body"
    return None


def _actor(sentence: str) -> str:
    """The first party ``sentence`` names, with the party of it that it goes on to name ("生产经营单位的
    主要负责人未履行…" → 生产经营单位的主要负责人; "旅行社要求导游人员…" → 旅行社); "" for none."""
    first = _ACTOR.match(sentence)
    if first is None:
        return ""
    actor, end = first.group(1), first.end(1)
    while (more := _OF_PARTY.match(sentence, end)) is not None:
        actor, end = actor + more.group(0), more.end()
    return actor


def fines_another(question: str, sentence: str, start: int, end: int) -> bool:
    """Does ``question`` ask the fine of a person (or a body) while the figure at ``start:end`` of
    ``sentence`` is a fine the other kind of party pays? Read by the answer's figure
    (rag.answer.figures)."""
    if "罚" not in question or "罚" not in sentence[end : end + 20]:
        return False
    if _PERSON_FINED_Q.search(question):
        asked_kind: str | None = "person"
    elif (of := _FINE_ASKED_OF.search(question)) is not None:
        asked_kind = _party_kind(of.group(1))
    elif _PERSON_OPENS.match(_LAW_LEAD.sub("", question.strip(), count=1)):
        asked_kind = "person"
    else:
        return False
    if asked_kind is None:
        return False
    before = re.split(r"[；;。]", sentence[:start])[-1]
    fined = _FINED_BEFORE.search(before)
    actor = fined.group(1) if fined is not None else _actor(sentence)
    kind = _party_kind(actor.split("、")[-1])
    return kind is not None and kind != asked_kind
