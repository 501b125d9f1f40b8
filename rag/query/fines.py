"""Fines asked, fines stated, and the clauses of its own text a fine clause cites.

A law often lists the acts it forbids in one article and fines them in another that cites the
list by number: 档案法 第四十八条 lists "（三）买卖或者非法转让属于国家所有的档案的" (its sanction a
处分), and 第四十九条 fines "有本法第四十八条第三项、第五项违法行为之一的" — "对单位处一万元以上十万元
以下的罚款". A question asking the fine for such an act ("把属于国家所有的档案卖给了文物贩子…罚款最多
是多少？") shares its words with the list, not with the fine, which cites the act only by number
(fresh held-out questions of stop 60). The retriever reads these to put the fine clause citing a
clause it found beside it (rag.retrieve.hybrid).

Example::

    asks_fine("对这家单位的罚款最多是多少？")  # True
    states_fine("…并对单位处一万元以上十万元以下的罚款")  # True
    own_articles_cited("有本法第四十八条第一项、第二项、第四项违法行为之一的")  # (48,)
"""

from __future__ import annotations

import re

from rag.ingest.numerals import to_int

_ASKS_ZH = re.compile(r"罚")
_ASKS_EN = re.compile(r"\bfin(?:e|es|ed)\b|\bpenalt(?:y|ies)\b", re.I)
_STATES_ZH = re.compile(r"罚款|罚金")
_STATES_EN = re.compile(r"\bfines?\b|\bpenalt(?:y|ies)\b|\bpecuniary\b", re.I)
# An article of the text's own ("本法第四十八条", "本条例第十一条、第十二条"); what follows the first
# within one list of references is read too.
_OWN_ZH = re.compile(
    r"本(?:法|条例|办法|规定|细则|决定)((?:第[零〇一二三四五六七八九十百千\d]+条(?:第[^，。；、]{1,6}?[款项])*"
    r"(?:[、和或至及]|或者)?)+)"
)
_ARTICLE_ZH = re.compile(r"第([零〇一二三四五六七八九十百千\d]+)条")
# "Article 21", "Articles 5, 6 and 7", "Article 16(2)" — not one "of" another act ("Article 19 of
# Regulation (EU) No 910/2014"); "of this Directive" is the text's own.
_OWN_EN = re.compile(
    r"\bArticles?\s+((?>\d+(?:\(\w+\))*(?:\s*(?:,|and|or|to)\s*\d+(?:\(\w+\))*)*))"
    r"(?!\s+of\s+(?!this\b))"
)


def asks_fine(question: str) -> bool:
    """Does ``question`` ask a fine or penalty ("罚多少", "怎么处罚", "What fine …")?"""
    return _ASKS_ZH.search(question) is not None or _ASKS_EN.search(question) is not None


def states_fine(text: str) -> bool:
    """Does a clause's ``text`` state a fine (罚款, 罚金; "fines", "penalties")?"""
    return _STATES_ZH.search(text) is not None or _STATES_EN.search(text) is not None


def own_articles_cited(text: str) -> tuple[int, ...]:
    """The numbers of the articles of its own text that ``text`` cites, in order, each once."""
    found: list[int] = []
    for m in _OWN_ZH.finditer(text):
        found += [to_int(a.group(1)) for a in _ARTICLE_ZH.finditer(m.group(1))]
    for m in _OWN_EN.finditer(text):
        found += [int(n) for n in re.findall(r"(?<![(\w])\d+", m.group(1))]
    return tuple(dict.fromkeys(found))
