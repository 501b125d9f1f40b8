"""The units of an index by the clause numbers they carry, and the lookup of a question's
references among them (see :mod:`rag.query.refs`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.ingest.numerals import letter_place
from rag.query.headref import heading_ref
from rag.query.refparse import CONTAINERS, ArticleRef
from rag.records import Unit
from rag.text import has_han

# When a document has no unit of the asked kind, try these in order.
_FALLBACK = {
    "article": ("article", "item"),
    "item": ("item", "article", "subitem"),
    "subitem": ("subitem", "item", "article"),
    "chapter": ("chapter", "part"),
    "part": ("part", "chapter"),
    "title": ("title", "part"),
    "book": ("book", "part"),
    "subbook": ("subbook",),
    "section": ("section", "chapter"),
}


# Items are cited by their place in a part ("三（一）"); an article's number is its own, wherever the
# question puts it ("第三章第五条" is 第五条, not the fifth article of 第三章).
_ORDINAL_KINDS = frozenset({"item", "subitem"})


def _unit_refs(unit: Unit) -> list[tuple[str, tuple[int, ...], int]]:
    """(kind, number, depth) of the label and each path element; the label counts as deepest."""
    out: list[tuple[str, tuple[int, ...], int]] = []
    for depth, head in enumerate(unit.path):
        if (ref := heading_ref(head)) is not None:
            out.append((*ref, depth))
    if (ref := heading_ref(unit.label)) is not None:
        out.append((*ref, len(unit.path)))
    elif (bare := _ENGLISH_PROVISION.fullmatch(unit.label)) is not None and not has_han(unit.text):
        number = (int(bare.group(1)), *(letter_place(ch) for ch in bare.group(2)))
        out += [("article", number, len(unit.path)), ("section", number, len(unit.path))]
    return out


# An English instrument's provision numbered "4." or "4" (a UK regulation: "Interpretation" / "2. In
# these Regulations—"; a Commonwealth section "5A  Access…") is cited as "regulation 4", "rule 4",
# "section 5A"; in a Chinese text "4." numbers an item.
_ENGLISH_PROVISION = re.compile(r"(\d{1,3})([A-Z]?)\.?")


_Key = tuple[str, str, tuple[int, ...]]  # (doc_id, kind, number)


class RefIndex:
    """The units of an index by the numbers they carry, built once, so a lookup costs the
    same at 100,000 units as at 200.

    A unit is *named* by the number of its own clause (its label or deepest heading) and lies
    *within* every container (part, chapter, section) on its path.
    """

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = list(units)
        self._own: dict[_Key, list[int]] = {}
        self._within: dict[_Key, list[int]] = {}
        self._docs: dict[str, None] = {}  # document order of first appearance
        labels: dict[str, dict[tuple[str, tuple[int, ...]], set[int]]] = {}
        for row, unit in enumerate(self.units):
            self._docs.setdefault(unit.doc_id)
            refs = _unit_refs(unit)
            deepest = max((d for _, _, d in refs), default=-1)
            for kind, number, depth in refs:
                key = (unit.doc_id, kind, number)
                if kind in CONTAINERS:
                    self._within.setdefault(key, []).append(row)
                if depth == deepest:
                    self._own.setdefault(key, []).append(row)
                    if depth == len(unit.path) and kind not in CONTAINERS:
                        labels.setdefault(unit.doc_id, {}).setdefault((kind, number), set()).add(unit.ordinal)
        # Numbering that restarts (the paper's （一） in every section) names several clauses.
        self._restarts = {d: any(len(o) > 1 for o in by.values()) for d, by in labels.items()}

    def lookup(self, refs: Sequence[ArticleRef], *, doc_ids: Iterable[str] | None = None) -> list[Unit]:
        """See :func:`lookup`."""
        matches = self.by_document(refs, doc_ids=doc_ids)
        matches.sort(key=lambda m: m.restarts)  # stable: documents keep index order within a tier
        return [u for m in matches for u in m.units]

    def by_document(self, refs: Sequence[ArticleRef], *, doc_ids: Iterable[str] | None = None) -> list[DocMatch]:
        """The units the references name, one :class:`DocMatch` per document that has any,
        in index order. An item cited in a part that has no item of that number is read by its
        place in the part (:meth:`_nth`) only when no document has it as numbered."""
        allowed = set(doc_ids) if doc_ids is not None else None
        found = self._by_document(refs, allowed, ordinal=False)
        if found or not any(r.kind in _ORDINAL_KINDS for r in refs):
            return found  # a second pass without an item to read by its place would find nothing again
        return self._by_document(refs, allowed, ordinal=True)

    def _by_document(self, refs: Sequence[ArticleRef], allowed: set[str] | None, *, ordinal: bool) -> list[DocMatch]:
        if not refs:
            return []
        chapters = [r for r in refs if r.kind in CONTAINERS and not r.nested]
        inner = [r for r in refs if r.kind in CONTAINERS and r.nested]
        specific = [r for r in refs if r.kind not in CONTAINERS]
        out: list[DocMatch] = []
        for doc in self._docs:
            if allowed is not None and doc not in allowed:
                continue
            pool: set[int] | None = None
            if chapters and (specific or inner):
                pool = {row for r in chapters for row in self._named(doc, r, None)[0]}
            rows: list[int] = []
            exact = True
            for ref in inner:  # "第三编第一分编": each container inside the one before
                named, as_asked = self._named(doc, ref, pool)
                exact = exact and as_asked
                pool = set(named)
            if inner and not specific:
                rows = sorted(pool or ())
            for ref in specific or ([] if inner else chapters):
                named, as_asked = self._named(doc, ref, pool)
                if not named and ordinal and pool and ref.kind in _ORDINAL_KINDS:
                    named, as_asked = self._nth(doc, ref, pool), False
                exact = exact and as_asked
                rows.extend(r for r in named if r not in rows)
            if rows:
                found = tuple(sorted((self.units[r] for r in rows), key=_order))
                out.append(DocMatch(doc, exact, self._restarts.get(doc, False), found))
        return out

    def _nth(self, doc: str, ref: ArticleRef, pool: set[int]) -> list[int]:
        """The ``ref.number``-th clause of ``ref``'s kind within ``pool``, in document order: in a
        text whose items run on (the plan's （一）…（五十二）), "三（一）" is the first item of part 三,
        its （六）. [] when the part has no such item."""
        by_ordinal: dict[int, list[int]] = {}
        for (d, kind, _), rows in self._own.items():
            if d == doc and kind == ref.kind:
                for row in rows:
                    if row in pool:
                        by_ordinal.setdefault(self.units[row].ordinal, []).append(row)
        ordinals = sorted(by_ordinal)
        n = ref.number[0]
        return by_ordinal[ordinals[n - 1]] if len(ref.number) == 1 and 0 < n <= len(ordinals) else []

    def _named(self, doc: str, ref: ArticleRef, pool: set[int] | None) -> tuple[list[int], bool]:
        """Rows the reference names in ``doc`` (within ``pool``), trying the fallback kinds in
        order, and whether they were found under the kind asked (not a fallback)."""
        for kind in _FALLBACK[ref.kind]:
            table = self._within if kind in CONTAINERS else self._own
            rows = [r for r in table.get((doc, kind, ref.number), []) if pool is None or r in pool]
            if rows:
                return rows, kind == ref.kind
        return [], False


@dataclass(frozen=True)
class DocMatch:
    """What a reference names in one document: ``exact`` when found under the kind asked
    (第十四条 as an article, not the plan's （十四）); ``restarts`` when the document's numbering
    restarts, so one number names several clauses there."""

    doc_id: str
    exact: bool
    restarts: bool
    units: tuple[Unit, ...]


def lookup(
    refs: Sequence[ArticleRef], units: Sequence[Unit], *, doc_ids: Iterable[str] | None = None
) -> list[Unit]:
    """The units the references name, grouped by document, in document order within each.

    Within a document the kinds in ``_FALLBACK`` are tried in order and the first that finds
    anything wins. A chapter reference together with another ("第四部分（二）") means the
    clause inside that chapter. Documents whose numbering runs on without restarting (the
    plan's （一）…（五十二）, where a number names one clause) come before documents whose
    numbering restarts per section and where the same reference names several clauses.
    (For repeated lookups over one index, build a :class:`RefIndex` once.)

    Args:
        refs: from :func:`parse_refs`.
        units: the index's units (the passages of a split clause are all returned).
        doc_ids: restrict to these documents (from :func:`mentioned_docs` or a user filter).

    Returns:
        Matching units; empty when nothing matches.
    """
    return RefIndex(units).lookup(refs, doc_ids=doc_ids)


def _order(unit: Unit) -> tuple[int, int]:
    return (unit.ordinal, unit.part)
