"""A question that asks what a named term consists of, and whether a clause says it.

"“两横三纵”城镇化战略格局具体指哪几条轴带？" asks for the content of a term the text names; the plan
names it ("“两横三纵”城镇化战略格局基本形成") and never says which axes it is. Every signal of the
search is high — the term is rare and the clause holds it — so the clause that only names the
term was quoted as the answer. A clause answers such a question when it explains the term: the
term (or one of its parts, "“能者不愿”指…") followed by what it means or holds ("是指", "即", "包括",
a colon), an enumeration before it ("老旧小区、老旧厂区、老旧街区、城中村等“三区一村”"), or the
term as the heading the clause stands under ("三、做实常态化监管" over its five items). The term is
the one the question quotes, or the words before "具体是哪些 / 具体指 / 具体包括" when it quotes none
("120个县城建设示范地区具体是哪些县？"), read as the longest end of them a clause names; a question
asking the conditions of something ("郑州中心城区落户需要满足什么条件？") asks the term "…条件", which
a clause listing conditions ("符合下列条件的") explains and "持续放宽郑州中心城区落户条件" only names. When some
clause given to the extractive answerer names the term and none explains it, the answer abstains
(``rag/answer/extractive.py``); a term no clause names is left to the other checks. Chinese
questions only: the patterns are the written language's, not any one document's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.text import HAN_CLASS, fold, language

# A term the question quotes: “…”, "…", 「…」, 『…』 (2–24 characters).
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,24})[”\"」』]")
_CLAUSE_BREAK = re.compile(r"[，,。；;？?！!]")
# The question asks what the term means or holds (not how it came about or when).
_ASKS_CONTENT = re.compile(
    r"具体(?:是|指|包括|内容|有)|是指|指的是|指什么|什么意思|包括(?:哪|什么)|哪几|哪些内容|哪些方面"
)
# An unquoted term whose members are asked: "120个县城建设示范地区具体是哪些县？" (not "具体是多少",
# a figure).
_UNQUOTED = re.compile(rf"([{HAN_CLASS}0-9]{{2,30}}?)的?具体(?:是哪|是指|指|包括|有哪)")
# The conditions of something, asked: "郑州中心城区落户需要满足什么条件？" asks what 郑州中心城区落户条件
# are; a clause that only names them ("持续放宽郑州中心城区落户条件") does not say.
_CONDITIONS = re.compile(
    rf"([{HAN_CLASS}0-9]{{2,30}}?)的?(?:需要|要|应当|应|须|必须|得)?(?:满足|具备|符合|达到)?"
    rf"(?:哪些|什么|啥|哪几个?)(?:样的)?条件|([{HAN_CLASS}0-9]{{2,30}}?)的?条件(?:是什么|有哪些|是啥)"
)
# Words before 条件 that name no thing: "具体要满足什么条件", "到底需要什么条件".
_NOT_A_THING = re.compile(r"^(?:具体|到底|究竟|一般|主要|都|还|又|那么|那|这)+|(?:具体|到底|究竟|一般|主要|都|还|又)+$")
# A clause that lists conditions: "应当具备下列条件：", "符合以下条件之一的".
_LISTS_CONDITIONS = re.compile(r"(?:下列|以下|如下)条件|条件(?:如下|为)?[：:]")
# The shortest unquoted term read: a suffix of the words before 具体 that some clause names.
MIN_TERM_CHARS = 3
# What follows a term that a clause explains, closing quote and spaces allowed before it: at once
# ("“大城市病”是指…"), or after a few characters of the phrase it heads ("“两横三纵”城镇化战略格局，
# 即…").
_EXPLAINED_AFTER = re.compile(
    r"^[”\"」』]?\s*(?:是指|指的是|指|即|就是|意思是|是|：|:|包括|主要包括|主要有|分别是|分别为"
    # ...or what it stresses, lies in, shows as: "公平性强调…不同群体之间身份平等、机会同等…" (stop 74's seed
    # follow-up hz44-12, "其中“公平性”具体是强调…哪几方面…？", was refused with it first).
    r"|强调|在于|表现为|表现在|体现为|体现在)"
    r"|^[”\"」』]?[^，。；：:！？,;]{1,10}[，,]?\s*(?:是指|指的是|即|就是|意思是|：|:|包括|主要包括|分别是|分别为)"
)
# What precedes a term that names a list just given: "A、B、C等“X”", "…，即“X”".
_LISTED_BEFORE = re.compile(r"(?:、[^。；！？]{0,30}等|即)\s*[“\"「『]?$")
# A term's parts: "能者不愿，愿者不能" → 能者不愿, 愿者不能.
_PARTS = re.compile(r"[，,、；;\s]+")


def asked_term(question: str) -> str | None:
    """The quoted term whose content a Chinese ``question`` asks ("“大城市病”具体指的是什么？" →
    大城市病), else the words before "具体是哪些/具体指/具体包括" ("120个县城建设示范地区具体是哪些县？"
    → 120个县城建设示范地区; :func:`named_term` reads the part of them a clause names); for a question
    asking the conditions of something, that thing + 条件 ("郑州中心城区落户需要满足什么条件？" →
    郑州中心城区落户条件); else None."""
    if language(question) == "en":
        return None
    if not _ASKS_CONTENT.search(question):
        conditions = _CONDITIONS.search(question)
        if conditions is None:
            return None
        thing = _NOT_A_THING.sub("", conditions.group(1) or conditions.group(2))
        # "具体要满足什么条件才能去申请？" names no thing whose conditions a clause must list under its name
        # (a fresh question of stop 58, ka-35, refused with its article first: "具体条件" was read as a term).
        return thing + "条件" if len(thing) >= 2 else None
    # A quoted term is the one asked when the asking words follow it in its clause: "实施方案里讲“十四五”时期
    # 城镇化发展形势的那一段，主要讲了哪几个方面？" asks what that part says, not what 十四五 holds (a fresh
    # seed question of stop 49 was refused: the clauses only name 十四五).
    ask = _ASKS_CONTENT.search(question)
    quoted = [m for m in _QUOTED.finditer(question)
              if ask is None or not _CLAUSE_BREAK.search(question, m.end(), max(m.end(), ask.start()))]
    found = quoted[-1] if quoted else _UNQUOTED.search(question)
    return found.group(1).strip() if found else None


def named_term(term: str, clauses: Sequence[tuple[Sequence[str], str]]) -> str | None:
    """The longest end of ``term`` (at least ``MIN_TERM_CHARS`` characters, or the whole term) that
    one of ``clauses`` (headings, text) names, else None: "方案里说的城市群" is asked about 城市群."""
    wanted = fold(term)
    texts = [fold("\n".join([*headings, text])) for headings, text in clauses]
    for start in range(0, max(1, len(wanted) - MIN_TERM_CHARS + 1)):
        piece = wanted[start:]
        if any(piece in t for t in texts):
            return piece
    return None


def explains(term: str, headings: Sequence[str], text: str) -> bool:
    """Does a clause (its ``headings`` and ``text``) explain ``term``, or one of its parts?"""
    wanted = fold(term)
    if any(wanted in fold(h) for h in headings):
        return True
    body = fold(text)
    if wanted.endswith("条件") and _LISTS_CONDITIONS.search(body):
        return True  # the conditions, listed
    pieces = [wanted, *(p for p in _PARTS.split(wanted) if len(p) >= 2 and p != wanted)]
    for piece in pieces:
        for found in re.finditer(re.escape(piece), body):
            if _EXPLAINED_AFTER.match(body[found.end() : found.end() + 20]):
                return True
            if _LISTED_BEFORE.search(body[max(0, found.start() - 50) : found.start()]):
                return True
    return False


# A quoted term whose reach is asked: what counts as it ("欠税达到多少钱就算“数额较大”", "这算不算…的
# “特殊情况”？", "什么情况才算得上是“特殊困难”？") or what it means.
_ASKS_REACH = re.compile(r"算|属于|认定|界定|是指|指的是|指什么|什么意思|什么样")
# A clause that defines a term the law uses elsewhere: "税收征管法第五十二条所称特殊情况，是指…",
# "本法所称…", or the term opening what it means ("数额较大，是指…").
_DEFINED_AFTER = re.compile(r"^[”\"」』]?\s*[，,]?\s*(?:是指|指的是|系指)")


def defined_term(question: str) -> str | None:
    """The term a Chinese ``question`` quotes and asks the reach or meaning of ("…就算“数额较大”…？" →
    数额较大), else None."""
    if language(question) == "en" or not (_ASKS_REACH.search(question) or _ASKS_CONTENT.search(question)):
        return None
    found = _QUOTED.search(question)
    return found.group(1).strip() if found else None


def defines(term: str, text: str) -> bool:
    """Does ``text`` define ``term`` ("…所称数额较大，是指…", "特殊困难，是指…")?"""
    body, wanted = fold(text), fold(term)
    if re.search(rf"所称[^，。；,;]{{0,8}}{re.escape(wanted)}", body):
        return True
    return any(_DEFINED_AFTER.match(body[m.end() : m.end() + 6]) for m in re.finditer(re.escape(wanted), body))


# How something is set or reckoned, asked: "缴费基数怎么定？", "加班工资怎么算？", "生育津贴按什么标准发？"
# (a quantity's basis: the words before the asking).
_BASIS = re.compile(
    rf"([{HAN_CLASS}]{{2,12}}?)(?:是|要|应当|应该)?(?:怎么定|怎么确定|如何确定|怎样确定|怎么算|怎么计算|如何计算|"
    r"怎样计算|按什么标准)"
)


def asked_basis(question: str) -> str:
    """The thing whose basis ``question`` asks ("灵活就业人员交职工养老保险，缴费基数怎么定？" →
    "缴费基数"), its last clause's words only; "" when it asks none. An answer that names none of
    it ("…全面落实企业为农民工缴纳职工养老…社会保险费用的责任", seed u04, a near miss) says how
    nothing asked is set (rag/answer/extractive.py)."""
    m = _BASIS.search(question.split("，")[-1].split(",")[-1])
    return m.group(1) if m else ""
