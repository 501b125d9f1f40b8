"""The bank against the index: flag items whose clause changed, regenerate one item.

``refresh`` is run when the bank is opened over an index (and after every rebuild): an item
whose clause text hash differs from the index's clause is flagged ``review`` — its key may no
longer hold — and one whose clause is gone is flagged ``missing``; an old item that cannot be
placed among same-labelled clauses is set ``ambiguous``. An item whose clause is back to the
text it was checked against returns to its verdict.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from rag.quiz.bank.locate import ClauseIndex, Located
from rag.quiz.bank.store import Bank, BankItem, clause_hash
from rag.quiz.build import build_quiz
from rag.quiz.source import Selection
from rag.records import Unit

_log = logging.getLogger(__name__)
_REGENERATE_TRIES = 12  # seeds tried for a new item unlike the old one (unmeasured; each try is ~10 ms)


@dataclass(frozen=True)
class RefreshReport:
    """What ``refresh`` changed: items newly flagged for review, gone, set aside as ambiguous, or cleared."""

    review: tuple[int, ...]
    missing: tuple[int, ...]
    cleared: tuple[int, ...]
    ambiguous: tuple[int, ...] = ()


def locate(entry: BankItem, clauses: ClauseIndex) -> Located:
    """The index's clause that a bank item cites (see ``locate.py``)."""
    return clauses.locate(entry.item.citation, entry.clause_hash, entry.occurrence)


def refresh(bank: Bank, units: Iterable[Unit], index_version: str = "") -> RefreshReport:
    """Compare every item's clause with the index's and flag the ones that changed.

    The clause is the one the item cites by document, heading path and label, so a clause that
    merely shares the label elsewhere in the document is never taken for it; an old item that
    cannot be placed is set ``ambiguous`` with the reason rather than compared with a guess.
    """
    clauses = ClauseIndex(units)
    review: list[int] = []
    missing: list[int] = []
    ambiguous: list[int] = []
    cleared: list[int] = []
    for entry in bank.all():
        found = locate(entry, clauses)
        clause = found.clause
        if clause is None:
            if found.reason:
                if entry.status != "ambiguous" or entry.note != found.reason:
                    bank.mark(entry.id, "ambiguous", note=found.reason)
                    ambiguous.append(entry.id)
            elif entry.status != "missing":
                bank.mark(entry.id, "missing")
                missing.append(entry.id)
            continue
        if found.occurrence is not None and found.occurrence != entry.occurrence:
            bank.place(entry.id, found.occurrence)
        if clause_hash(clause.text) != entry.clause_hash:
            if entry.status != "review" or entry.current_text != clause.text:
                bank.mark(entry.id, "review", current_text=clause.text)
                review.append(entry.id)
        elif entry.status in ("review", "missing", "ambiguous"):
            bank.mark(entry.id, "failed" if entry.verdict else "ok", index_version=index_version)
            cleared.append(entry.id)
        elif index_version and entry.index_version != index_version:
            bank.mark(entry.id, entry.status, index_version=index_version)
    return RefreshReport(tuple(review), tuple(missing), tuple(cleared), tuple(ambiguous))


def regenerate(bank: Bank, item_id: int, units: Iterable[Unit], *, seed: int = 0,
               index_version: str = "") -> BankItem:
    """Replace one item by a new one of the same type on the same clause (its current text).

    Raises:
        KeyError: no such item.
        ValueError: the clause is gone from the index, or no other item can be made from it.
    """
    entry = bank.get(item_id)
    unit_list = list(units)
    found = locate(entry, ClauseIndex(unit_list))
    clause = found.clause
    if clause is None:
        raise ValueError(found.reason or f"the clause {entry.item.citation.label or entry.item.citation.path} "
                         f"of item {item_id} is no longer in the index")
    taken = {e.item.question for e in bank.all() if e.item.citation.doc == clause.doc_id}
    # The clause's own path too: a label repeated under other headings is not this clause.
    selection = Selection(docs=(clause.doc_id,), clauses=(clause.label,) if clause.label else (),
                          paths=(clause.path,))
    for attempt in range(_REGENERATE_TRIES):
        try:
            made = build_quiz(unit_list, n=1, types=(entry.item.type,), difficulty=entry.difficulty,
                              seed=seed + attempt + 1, select=selection)
        except ValueError as exc:
            raise ValueError(f"item {item_id} cannot be regenerated: {exc}") from exc
        fresh = [i for i in made if (i.citation.path, i.citation.label) == (clause.path, clause.label)
                 and i.question not in taken]
        if fresh:
            return bank.replace_item(item_id, fresh[0], edited=False, index_version=index_version,
                                     occurrence=found.occurrence)
    raise ValueError(f"no new {entry.item.type} item can be made from {clause.label or clause.doc_id}")
