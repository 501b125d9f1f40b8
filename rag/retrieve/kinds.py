"""Document kind: ``formal`` (law, regulation, policy notice) or ``commentary`` (news, paper,
speech), detected from the units' structure until documents carry it in their metadata.

A document is formal when its title ends in the name of a legal or policy instrument (…法,
…条例, …实施方案, …意见, … Act, … Regulation), when its clauses are articles (第X条, Article N:
``kind == "article"`` or an article label on at least ``ARTICLE_SHARE`` of its units), or when
at least ``NUMBERED_SHARE`` of its units carry a clause number (（六）, Section 1798.105) that
never restarts — a plan numbers its clauses through; a paper leaves paragraphs unnumbered or
restarts （一） in every section, and a speech numbers nothing.

Example::

    document_kinds(index.units)   # {"“十四五”新型城镇化实施方案": "formal", "…（专家圆桌）": "commentary"}
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rag.query.refs import heading_ref
from rag.records import Unit

FORMAL = "formal"
COMMENTARY = "commentary"
KINDS = (FORMAL, COMMENTARY)
# Structural cut-offs read off the seed and corpus documents, not tuned on questions: numbered
# share of the plan 0.90 and the notice 0.90, of the paper 0.68 and the Henan news 0.48; laws
# have ≥ 0.5 article labels even under the pre-contract parser.
ARTICLE_SHARE = 0.3
NUMBERED_SHARE = 0.8
_INSTRUMENT = re.compile(
    r"(法|条例|规定|办法|细则|决定|意见|通知|方案|规划|纲要|\bact|\bregulation|\bdirective|\bcode)$", re.I
)
_NUMBERED = frozenset({"article", "item", "subitem", "section"})


def document_kinds(units: Iterable[Unit]) -> dict[str, str]:
    """doc_id → ``formal`` | ``commentary`` for every document among ``units``."""
    total: dict[str, int] = defaultdict(int)
    articles: dict[str, int] = defaultdict(int)
    numbered: dict[str, int] = defaultdict(int)
    titled: set[str] = set()
    seen: dict[str, dict[str, set[int]]] = defaultdict(dict)
    for unit in units:
        if unit.part:
            continue  # count each clause once
        total[unit.doc_id] += 1
        if _INSTRUMENT.search(_bare_title(unit.title)):
            titled.add(unit.doc_id)
        ref = heading_ref(unit.label)
        if unit.kind == "article" or (ref is not None and ref[0] == "article"):
            articles[unit.doc_id] += 1
        if ref is not None and ref[0] in _NUMBERED:
            numbered[unit.doc_id] += 1
            seen[unit.doc_id].setdefault(unit.label, set()).add(unit.ordinal)
    kinds: dict[str, str] = {}
    for doc, count in total.items():
        restarts = any(len(ordinals) > 1 for ordinals in seen[doc].values())
        numbered_through = numbered[doc] >= NUMBERED_SHARE * count and not restarts
        formal = doc in titled or articles[doc] >= ARTICLE_SHARE * count or numbered_through
        kinds[doc] = FORMAL if formal else COMMENTARY
    return kinds


def _bare_title(title: str) -> str:
    """The title without a trailing date or note in brackets: "工伤保险条例(2010-12-20)" → "工伤保险条例"."""
    return re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", title.strip()).strip(" 》\"'”")
