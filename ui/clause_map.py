"""The clause panel's map: whole clauses keyed by (doc_id, ordinal), each knowing its neighbours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rag.records import Unit
from ui.clause_html import ClauseView


def build_clause_map(
    units: Sequence[Unit], metas: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[dict[tuple[str, int], ClauseView], dict[str, list[int]]]:
    """Whole clauses keyed by (doc_id, ordinal), each knowing its neighbours, and each document's order."""
    from rag.retrieve.fusion import merge_passages

    groups: dict[tuple[str, int], list[Unit]] = {}
    for unit in units:
        groups.setdefault(unit.clause_key, []).append(unit)
    order: dict[str, list[int]] = {}
    merged: dict[tuple[str, int], Unit] = {}
    for key, parts in groups.items():
        merged[key] = merge_passages(parts)
        order.setdefault(key[0], []).append(key[1])
    views: dict[tuple[str, int], ClauseView] = {}
    for doc_id, ordinals in order.items():
        ordinals.sort()
        for i, ordinal in enumerate(ordinals):
            unit = merged[(doc_id, ordinal)]
            prev = merged[(doc_id, ordinals[i - 1])] if i > 0 else None
            nxt = merged[(doc_id, ordinals[i + 1])] if i + 1 < len(ordinals) else None
            views[(doc_id, ordinal)] = ClauseView(
                doc_id=doc_id,
                title=unit.title,
                path=unit.path,
                label=unit.label,
                ordinal=ordinal,
                text=unit.text,
                kind=unit.kind,
                prev=(prev.ordinal, _short(prev)) if prev else None,
                next=(nxt.ordinal, _short(nxt)) if nxt else None,
                meta=(metas or {}).get(doc_id),
                page=unit.page,
            )
    return views, order


def _short(unit: Unit) -> str:
    """A neighbour's name for its link: its heading; else its label with the heading it stands under.

    Paragraph groups of an article are labelled by paragraph numbers that restart under each
    sub-heading ("第1–4段"): without the heading, "previous" and "next" could read the same.
    """
    if unit.path and unit.label and unit.label in unit.path[-1]:
        return unit.path[-1]
    return f"{unit.label}·{unit.path[-1]}" if unit.path and unit.label else unit.label or (unit.path or ("",))[-1]
