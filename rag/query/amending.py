"""Clauses that amend another act, and questions about amending.

An EU act ends with articles amending other acts ("Article 22 Amendments to Regulation (EU)
2017/2394 and Directive 2009/22/EC"): each quotes the act's full title into the other act, so it
shares the words of every question naming the act ("these EU sale-of-goods rules") and answers
none of them. The retriever lowers such a clause (``RetrievalOptions.amending_penalty``) unless
the question asks about amending. A repeal ("Repeal of Directive 1999/44/EC") is no amendment: it
says when the old act stops applying, which is asked.

Example::

    amends_other("Amendments to Regulation (EU) 2017/2394 and Directive 2009/22/EC")  # True
    amends_other("Repeal of Directive 1999/44/EC")  # False
    asks_amendment("Which acts does the directive amend?")  # True
"""

from __future__ import annotations

import re

from rag.text import without_heading_marks

# A clause's title naming the amendment of another act: "Amendment to Directive 93/13/EEC",
# "Amendments to Regulation (EU) No 1093/2010", "Amendment of Regulation (EC) No 2006/2004 …";
# Chinese "关于修改《…》的决定" / "对《…》作如下修改".
_AMENDS = re.compile(r"^(?:amendments?\s+(?:to|of)\b|关于修改|对《[^》]+》(?:作|做)(?:如下|出)?修改)", re.IGNORECASE)
_ASKS = re.compile(r"\bamend\w*|修改|修正", re.IGNORECASE)
# A clause whose title does not say it amends may open by doing so: Directive 2001/29's "Article 11
# Technical adaptations" opens "1. Directive 92/100/EEC is hereby amended as follows:" and goes on
# "Article 3(2) of Directive 93/98/EEC shall be replaced by the following: "2. The rights of producers
# of phonograms shall expire 50 years…"" (a fresh pair of stop 76: it came first for five questions
# about the directive's own rules, and opened "50 years" for two near misses).
_OPENS_AMENDING = re.compile(
    r"^(?:\d+\.\s*|\(\w+\)\s*)?(?:Articles?\s+[\w()]+(?:\s+(?:and|to)\s+[\w()]+)*\s+of\s+)?"
    r"(?:Council\s+)?(?:Directive|Regulation|Decision)\s+(?:\(E[CU]\)\s+)?(?:No\s+)?\d[^:;]{0,80}?"
    r"\s(?:is|are|shall\s+be)\s+(?:hereby\s+)?(?:amended|replaced|deleted)\b",
    re.IGNORECASE,
)
_NUMBER_LINE = re.compile(r"^(?:Article\s+\d+\w*|第[一二三四五六七八九十百千零〇\d]+条)\s*$", re.IGNORECASE)


def amends_other(title: str) -> bool:
    """Does a clause titled ``title`` amend another act?"""
    return bool(_AMENDS.match(title.strip()))


def opens_amending(line: str) -> bool:
    """Does a clause's first line of text amend another act ("1. Directive 92/100/EEC is hereby
    amended as follows:", "Article 3(2) of Directive 93/98/EEC shall be replaced by the following:")?"""
    return bool(_OPENS_AMENDING.match(line.strip()))


def clause_amends_other(text: str) -> bool:
    """Does the clause ``text`` (its number, its title when it has one, its body) amend another act,
    by its title (:func:`amends_other`) or by its first line (:func:`opens_amending`)?"""
    lines = [line.strip() for line in without_heading_marks(text).strip().split("\n") if line.strip()]
    if lines and _NUMBER_LINE.match(lines[0]):
        lines = lines[1:]
    return any(amends_other(line) or opens_amending(line) for line in lines[:2])


def asks_amendment(question: str) -> bool:
    """Does ``question`` ask about amending an act?"""
    return bool(_ASKS.search(question))
