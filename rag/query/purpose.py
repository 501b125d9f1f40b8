"""Why a text was made: the question that asks it and the clause that states it.

A statute opens with its purpose ("第一条 为了规范行政处罚的设定和实施……制定本法。", "SEC. 3.
Purpose and Intent", "Findings and Declarations", "Subject-matter and objectives"). Such a clause
names the whole text's matter in general words, so it is near in meaning and in words to nearly any
question about the text and answers almost none of them: on the development set the CPRA's
findings (SEC. 2) and purposes (SEC. 3) stood first for 17 questions whose gold was elsewhere,
and were the gold of 2. The retriever lowers such a clause unless the question asks a purpose
(``RetrievalOptions.purpose_penalty``, ``rag/retrieve/hybrid.py``). The patterns are the legal
genre's, not any one document's vocabulary.
"""

from __future__ import annotations

import re

# A heading that names nothing but a purpose, findings or the text's own matter (the clause
# heading, last in a unit's path, after its number): "SEC. 3 Purpose and Intent", "Article 1
# Subject-matter and objectives"; not "Subject matter and scope" (who the text applies to) nor
# "Safeguards … for archiving purposes".
_NUMBER_EN = re.compile(r"^\s*(?:sec(?:tion)?\.?|article|art\.|§)\s*[\w.\-]*\.?\s*", re.IGNORECASE)
_PURPOSE_WORD = r"(?:legislative\s+)?(?:findings|declarations?|purposes?|intent|objectives?|aims?|subject[- ]matter)"
_HEADING_EN = re.compile(rf"{_PURPOSE_WORD}(?:\s*(?:,|and|&)\s*{_PURPOSE_WORD})*\.?", re.IGNORECASE)
# "为了……，制定本法/本条例/本办法/本规定/本细则/本方案/本意见" at the start of a clause.
_STATES_ZH = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零]+条\s*)?为了?[^。]{2,200}?制定本(?:法|条例|办法|规定|细则|方案|意见|准则)"
)
# How much of a clause's opening ``states_purpose`` reads: the longest ``_STATES_ZH`` can match
# (a 第…条 number, 为了, 200 characters, 制定本条例) with room to spare; a clause's first passage this
# long holds all of it.
OPENING_CHARS = 240

_ASKS_ZH = re.compile(r"目的|宗旨|为什么|为何|初衷|意义|出发点|立法依据")
_ASKS_EN = re.compile(r"\b(?:purposes?|why|aims?|goals?|objectives?|intent|intended|intention|findings|rationale)\b",
                      re.IGNORECASE)


def asks_purpose(question: str) -> bool:
    """True when the question asks why a text was made or what it aims at ("立法目的是什么",
    "What is the purpose of the Act?")."""
    return bool(_ASKS_ZH.search(question) or _ASKS_EN.search(question))


def states_purpose(heading: str, text: str) -> bool:
    """True when a clause states its text's purpose: its heading names a purpose or findings, or
    its text opens "为了……制定本法" (only the first ``OPENING_CHARS`` characters are read)."""
    return bool(_HEADING_EN.fullmatch(_NUMBER_EN.sub("", heading).strip()) or _STATES_ZH.search(text[:OPENING_CHARS]))
