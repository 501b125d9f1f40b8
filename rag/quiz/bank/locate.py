"""Which clause of the index a saved item cites.

A clause is named the way citations name it: document id, heading path and label. A label alone
is not enough — the Henan report numbers "1." again under every heading and the paper repeats
（一） — so matching by (document, label) took a different clause for a changed one. The unit's
content-derived id and its ``clause_key`` (document, ordinal) do not serve either: the id changes
with the very text whose change we want to detect, and the ordinal shifts when a clause is added
above. The path is what survives a rebuild.

Where two clauses share document, path and label (no corpus of ours has one, but nothing in the
parser forbids it), the one still holding the text the item was checked against is taken, else
the item's recorded ``occurrence`` among them (document order).

When the path is not in the index (a heading re-worded, a parser that cuts paths differently,
or the clause removed), the label is tried within the document: a clause whose text is still the
one checked, else the one clause with that label under the same parent heading. Rows saved
before the bank kept ``occurrence`` (``occurrence is None``) also take the document's only
clause with that label; when several could be meant, nothing is guessed: the result carries a
reason and the item is set aside for review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rag.quiz.bank.store import clause_hash
from rag.quiz.items import Citation
from rag.quiz.source import Clause, merge_units
from rag.quiz.text import norm
from rag.records import Unit

_SHOWN_CANDIDATES = 4  # paths listed in an ambiguity reason; the rest are counted


@dataclass(frozen=True)
class Located:
    """The clause an item cites, or why there is none.

    ``occurrence`` is the clause's place among the index's clauses with the item's exact document,
    path and label (None when it was found another way). ``reason`` is set when several clauses
    could be meant and none was chosen; ``clause`` and ``reason`` both empty mean the clause is gone.
    """

    clause: Clause | None
    occurrence: int | None = None
    reason: str = ""


def parent(path: tuple[str, ...], label: str) -> tuple[str, ...]:
    """The headings above a clause: its path without its own heading line."""
    return path[:-1] if path and label and path[-1].startswith(label) else path


class ClauseIndex:
    """The index's whole clauses, looked up by document, heading path and label."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._exact: dict[tuple[str, tuple[str, ...], str], list[Clause]] = {}
        self._by_label: dict[tuple[str, str], list[Clause]] = {}
        for clause in merge_units(units):
            self._exact.setdefault((clause.doc_id, clause.path, clause.label), []).append(clause)
            if clause.label:
                self._by_label.setdefault((clause.doc_id, clause.label), []).append(clause)

    def locate(self, citation: Citation, checked: str, occurrence: int | None = None) -> Located:
        """The clause ``citation`` names; ``checked`` is the hash of the text the item was checked against.

        Args:
            citation: the item's citation (document, path, label, and the text checked).
            checked: ``clause_hash`` of the checked text, which tells same-named clauses apart.
            occurrence: the place among same-named clauses the bank recorded, or None (old rows).
        """
        same_name = self._exact.get((citation.doc, citation.path, citation.label), [])
        if same_name:
            # The text checked first: a same-named clause removed above shifts the occurrence.
            unchanged = [i for i, c in enumerate(same_name) if clause_hash(c.text) == checked]
            if len(unchanged) == 1:
                return Located(same_name[unchanged[0]], unchanged[0])
            if occurrence is not None and occurrence < len(same_name):
                return Located(same_name[occurrence], occurrence)
            if len(same_name) == 1:
                return Located(same_name[0], 0)
            return Located(None, reason=_ambiguous(citation, same_name, "share its heading path and label"))
        if not citation.label:
            return Located(None)
        labelled = self._by_label.get((citation.doc, citation.label), [])
        unchanged_list = [c for c in labelled if clause_hash(c.text) == checked]
        if len(unchanged_list) == 1:
            return Located(unchanged_list[0])
        place = parent(citation.path, citation.label)
        placed = [c for c in labelled if parent(c.path, c.label) == place]
        if len(placed) == 1:
            return Located(placed[0])
        if occurrence is None and len(labelled) == 1:
            return Located(labelled[0])
        if occurrence is None and labelled:
            return Located(None, reason=_ambiguous(citation, labelled, "carry its label, none under its heading path"))
        return Located(None)


def _ambiguous(citation: Citation, candidates: list[Clause], how: str) -> str:
    shown = [" › ".join(c.path) or c.label for c in candidates[:_SHOWN_CANDIDATES]]
    more = len(candidates) - len(shown)
    where = "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    cited = " › ".join(citation.path) or "(none)"
    return (f"cannot tell which clause of {citation.doc} the item cites: {len(candidates)} clauses {how} "
            f"{citation.label!r} (the item's path: {cited}; the index's: {where}) and none has the text "
            f"the item was checked against (“{norm(citation.text)[:30]}…”)")
