"""Ranking arithmetic: fusing retrievers' lists, weighting by language, merging passages.

Pure functions over rows and scores, so each can be checked by hand (tests/test_retrieve.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

from rag.records import Unit


def rrf(rankings: Mapping[str, Sequence[int]], k: int = 60) -> dict[int, float]:
    """Reciprocal-rank fusion: Σ 1 / (k + rank), rank counted from 1 in each ranking."""
    if k < 0:
        raise ValueError(f"k must be at least 0. Currently, the k is {k}")
    fused: dict[int, float] = {}
    for ranking in rankings.values():
        for rank, row in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + 1.0 / (k + rank)
    return fused


def weighted(scored: Mapping[str, Sequence[tuple[int, float]]], weights: Mapping[str, float]) -> dict[int, float]:
    """Weighted sum of min-max normalised scores; a unit missing from a list scores 0 there.

    Min-max per list puts BM25's unbounded scores and cosine similarities on one scale; the
    bottom of each candidate list maps to 0, which is also what an absent unit gets.
    """
    fused: dict[int, float] = {}
    for name, pairs in scored.items():
        if not pairs:
            continue
        values = [s for _, s in pairs]
        low, high = min(values), max(values)
        span = high - low
        for row, score in pairs:
            norm = (score - low) / span if span > 0 else 1.0
            fused[row] = fused.get(row, 0.0) + weights.get(name, 0.0) * norm
    return fused


def merge_passages(parts: Sequence[Unit]) -> Unit:
    """The whole clause from its passages (any order): overlaps removed, one span.

    Passages of a clause overlap by a few dozen characters; the overlap is found from the
    spans (both point into the same cleaned document) and checked against the text, falling
    back to the longest suffix/prefix match when the two disagree. Passages whose spans touch
    or leave a gap are joined whole (a guessed overlap would drop "的" from "…的" + "的…").
    """
    ordered = sorted(parts, key=lambda u: u.part)
    if len(ordered) == 1 and ordered[0].parts == 1:
        return ordered[0]
    text = ordered[0].text
    for prev, cur in itertools.pairwise(ordered):
        overlap = max(0, prev.span[1] - cur.span[0])
        spans_meet = _has_span(prev) and _has_span(cur) and cur.span[0] >= prev.span[1]
        if spans_meet:
            overlap = 0  # the spans say the passages touch or leave a gap: nothing to remove
        elif not (0 < overlap <= len(cur.text) and text.endswith(cur.text[:overlap])):
            overlap = _text_overlap(text, cur.text)
        text += cur.text[overlap:]
    first = ordered[0]
    return Unit(
        doc_id=first.doc_id,
        title=first.title,
        path=first.path,
        label=first.label,
        ordinal=first.ordinal,
        text=text,
        span=(first.span[0], ordered[-1].span[1]),
        kind=first.kind,
        page=first.page,
    )


def _has_span(unit: Unit) -> bool:
    return unit.span[1] > unit.span[0]


def _text_overlap(left: str, right: str) -> int:
    for size in range(min(len(left), len(right)), 0, -1):
        if left.endswith(right[:size]):
            return size
    return 0


def clause_title(unit: Unit) -> str:
    """The clause's own title words: "（六）深化户籍制度改革" → "深化户籍制度改革"."""
    head = unit.path[-1] if unit.path else ""
    if head.startswith(unit.label):
        head = head[len(unit.label):]
    return head.strip(" 。.：:")


def weighted_by_row(
    dense: Sequence[tuple[int, float]], lexical: Sequence[tuple[int, float]], dense_weight: Callable[[int], float]
) -> dict[int, float]:
    """Like :func:`weighted`, but the dense share is chosen per row: a unit in another language
    than the question cannot match it word for word, so its score is led by meaning
    (``dense_weight(row)`` near 1) instead of being halved by an empty lexical score."""
    norm = {name: _minmax(pairs) for name, pairs in (("dense", dense), ("lexical", lexical))}
    fused: dict[int, float] = {}
    for row in norm["dense"].keys() | norm["lexical"].keys():
        w = dense_weight(row) if dense else 0.0
        if not lexical:
            w = 1.0
        fused[row] = w * norm["dense"].get(row, 0.0) + (1.0 - w) * norm["lexical"].get(row, 0.0)
    return fused


def _minmax(pairs: Sequence[tuple[int, float]]) -> dict[int, float]:
    if not pairs:
        return {}
    values = [s for _, s in pairs]
    low, high = min(values), max(values)
    span = high - low
    return {row: (score - low) / span if span > 0 else 1.0 for row, score in pairs}
