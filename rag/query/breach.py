"""References a question names as the rule broken: "违反本条例第十一条规定的，怎么处罚？",
"the fine for entities infringing Article 21 or 23".

Such a question asks what follows from breaking the article — the penalty clause that cites it
("违反本条例第十一条规定的，由…责令限期改正…处…罚款"), or the fines article ("Article 34: …
infringe Article 21 or 23 … administrative fines") — not what the article itself says. The
retriever looks up a named article directly (:mod:`rag.retrieve.lookup`); a reference cited as
broken is searched for instead, its words kept in the query, where the clauses that cite it are
found (held-out hx-12 was answered with Article 21's risk-management measures).

Example::

    breached("违反本条例第十一条规定的，怎么处罚？", parse_refs("违反本条例第十一条规定的，怎么处罚？"))  # True
    breached("第十一条规定了什么？", parse_refs("第十一条规定了什么？"))  # False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.query.refparse import ArticleRef
from rag.text import HAN_CLASS

# The words that cite a rule as broken, right before the reference: "违反本法第十二条",
# "未按照本条例第二十条规定", "infringing Article 21", "in breach of Article 5", "violates section 3".
_CUE_ZH = re.compile(
    rf"(?:违反|违背|未按照|未依照|不按照|不依照|未履行|不履行)(?:本法|本条例|本办法|本规定|《[^》]{{1,30}}》|[{HAN_CLASS}]{{1,20}}?(?:法|条例|办法|规定))?\s*$"
)
_CUE_EN = re.compile(
    r"\b(?:infring\w*|breach\w*|violat\w*|contraven\w*|non-?compliance|fail\w* to (?:comply|meet)|not comply\w*)"
    r"(?:\s+(?:of|with|the|provisions?|obligations?|requirements?|in|under|set|out|laid|down|any))*\s*$",
    re.IGNORECASE,
)
# What may stand between two references of one list: "Article 21 or 23", "第十一条、第十二条".
_BETWEEN = re.compile(r"\s*(?:,|，|、|or|and|或者|或|和|及)?\s*", re.IGNORECASE)
# How far before a reference its cue may start (a law's own name may stand between: 《…》).
_WINDOW = 40


def breached(question: str, found: Sequence[ArticleRef]) -> bool:
    """Does ``question`` cite every one of its references ``found`` as a rule broken?"""
    if not found:
        return False
    # Where each reference stands; a reference written twice ("Article 12 … Article 12(3)", a follow-up
    # sent with the question before it) stands at each of its places in turn.
    at: list[tuple[int, ArticleRef]] = []
    for ref in found:
        start = question.find(ref.text)
        while start >= 0 and any(start == seen for seen, _ in at):
            start = question.find(ref.text, start + 1)
        at.append((start, ref))
    at.sort(key=lambda placed: placed[0])
    if at[0][0] < 0:
        return False
    cited = False
    previous_end = -1
    for start, ref in at:
        before = question[max(0, start - _WINDOW):start]
        if _CUE_ZH.search(before) or _CUE_EN.search(before):
            cited = True
        elif not (cited and previous_end >= 0 and _BETWEEN.fullmatch(question[previous_end:start])):
            return False
        previous_end = max(start + len(ref.text), ref.sub.end if ref.sub is not None else -1)  # 第十四条第（一）项
    return cited
