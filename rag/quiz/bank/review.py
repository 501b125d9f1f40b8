"""The bank against the index: flag items whose clause changed, regenerate one item.

``refresh`` is run when the bank is opened over an index (and after every rebuild): an item
whose clause text hash differs from the index's clause is flagged ``review`` — its key may no
longer hold — and one whose clause is gone is flagged ``missing``. An item whose clause is back
to the text it was checked against returns to its verdict.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from rag.quiz.bank.store import Bank, BankItem, clause_hash
from rag.quiz.build import build_quiz
from rag.quiz.source import Clause, Selection, merge_units
from rag.records import Unit

_log = logging.getLogger(__name__)
_REGENERATE_TRIES = 12  # seeds tried for a new item unlike the old one (unmeasured; each try is ~10 ms)


@dataclass(frozen=True)
class RefreshReport:
    """What ``refresh`` changed: items newly flagged for review, gone, or cleared."""

    review: tuple[int, ...]
    missing: tuple[int, ...]
    cleared: tuple[int, ...]


def clause_index(units: Iterable[Unit]) -> dict[tuple[str, str], Clause]:
    """The index's whole clauses by (document id, label), or by heading path where unlabelled."""
    return {_key(c.doc_id, c.label, c.path): c for c in merge_units(units)}


def _key(doc: str, label: str, path: tuple[str, ...]) -> tuple[str, str]:
    return (doc, label or " › ".join(path))


def current_clause(entry: BankItem, clauses: dict[tuple[str, str], Clause]) -> Clause | None:
    c = entry.item.citation
    return clauses.get(_key(c.doc, c.label, c.path))


def refresh(bank: Bank, units: Iterable[Unit], index_version: str = "") -> RefreshReport:
    """Compare every item's clause with the index's and flag the ones that changed."""
    clauses = clause_index(units)
    review: list[int] = []
    missing: list[int] = []
    cleared: list[int] = []
    for entry in bank.all():
        clause = current_clause(entry, clauses)
        if clause is None:
            if entry.status != "missing":
                bank.mark(entry.id, "missing")
                missing.append(entry.id)
            continue
        if clause_hash(clause.text) != entry.clause_hash:
            if entry.status != "review" or entry.current_text != clause.text:
                bank.mark(entry.id, "review", current_text=clause.text)
                review.append(entry.id)
        elif entry.status in ("review", "missing"):
            bank.mark(entry.id, "failed" if entry.verdict else "ok", index_version=index_version)
            cleared.append(entry.id)
        elif index_version and entry.index_version != index_version:
            bank.mark(entry.id, entry.status, index_version=index_version)
    return RefreshReport(tuple(review), tuple(missing), tuple(cleared))


def regenerate(bank: Bank, item_id: int, units: Iterable[Unit], *, seed: int = 0,
               index_version: str = "") -> BankItem:
    """Replace one item by a new one of the same type on the same clause (its current text).

    Raises:
        KeyError: no such item.
        ValueError: the clause is gone from the index, or no other item can be made from it.
    """
    entry = bank.get(item_id)
    unit_list = list(units)
    clause = current_clause(entry, clause_index(unit_list))
    if clause is None:
        raise ValueError(f"the clause {entry.item.citation.label or entry.item.citation.path} of item {item_id} "
                         f"is no longer in the index")
    taken = {e.item.question for e in bank.all() if e.item.citation.doc == clause.doc_id}
    selection = Selection(docs=(clause.doc_id,), clauses=(clause.label,) if clause.label else ())
    for attempt in range(_REGENERATE_TRIES):
        try:
            made = build_quiz(unit_list, n=1, types=(entry.item.type,), difficulty=entry.difficulty,
                              seed=seed + attempt + 1, select=selection)
        except ValueError as exc:
            raise ValueError(f"item {item_id} cannot be regenerated: {exc}") from exc
        fresh = [i for i in made if i.citation.label == clause.label and i.question not in taken]
        if fresh:
            return bank.replace_item(item_id, fresh[0], edited=False, index_version=index_version)
    raise ValueError(f"no new {entry.item.type} item can be made from {clause.label or clause.doc_id}")
