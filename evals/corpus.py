"""The index's units seen as whole clauses, and the resolution of gold references to them.

A gold reference (a clause label or a verbatim quote) resolves to clause keys ``(doc_id,
ordinal)`` and to character spans in the cleaned documents. Quotes are compared folded
(:func:`fold_with_map`), so text copied from the raw extraction still matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from evals.folding import fold, fold_with_map
from evals.goldfile import ClauseKey, GoldError, GoldItem, ResolvedGold, Span
from rag.records import Unit
from rag.retrieve.rank import merge_passages

# -- the corpus as the index holds it ---------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """A whole clause: its passages merged, its span the union of theirs."""

    key: ClauseKey
    doc_id: str
    title: str
    label: str
    path: tuple[str, ...]
    span: tuple[int, int]
    text: str
    kind: str = "clause"

    @property
    def name(self) -> str:
        """How a person reads the clause: short document name, then its label."""
        return f"{short_doc(self.doc_id)} › {self.label}"


def short_doc(doc_id: str, width: int = 10) -> str:
    """The first ``width`` characters of a document id, for tables."""
    return doc_id if len(doc_id) <= width else doc_id[:width] + "…"


@dataclass
class _DocText:
    text: str  # the cleaned document rebuilt from unit spans (gaps are blanks)
    folded: str
    where: list[int]
    clause_spans: list[tuple[int, int, ClauseKey]] = field(default_factory=list)


class Corpus:
    """The index's units seen as whole clauses, with the lookups gold resolution needs."""

    def __init__(self, units: Iterable[Unit]) -> None:
        by_key: dict[ClauseKey, list[Unit]] = {}
        for unit in units:
            by_key.setdefault(unit.clause_key, []).append(unit)
        self.clauses: dict[ClauseKey, Clause] = {}
        by_doc: dict[str, list[Unit]] = {}
        for key, parts in by_key.items():
            parts.sort(key=lambda u: u.part)
            first = parts[0]
            self.clauses[key] = Clause(
                key=key,
                doc_id=first.doc_id,
                title=first.title,
                label=first.label,
                path=first.path,
                span=(min(u.span[0] for u in parts), max(u.span[1] for u in parts)),
                text=merge_passages(parts).text,
                kind=first.kind,
            )
            by_doc.setdefault(first.doc_id, []).extend(parts)
        self.doc_ids = sorted(by_doc)
        self._docs = {d: self._layout(d, us) for d, us in by_doc.items()}
        # Labels repeat inside a document (the paper's （一） in every section, the article's
        # "1."), so a display name that is not unique gets the clause's ordinal.
        seen: dict[str, int] = {}
        for clause in self.clauses.values():
            seen[clause.name] = seen.get(clause.name, 0) + 1
        self._names = {
            k: c.name if seen[c.name] == 1 else f"{c.name} #{k[1]}" for k, c in self.clauses.items()
        }

    def _layout(self, doc_id: str, units: Sequence[Unit]) -> _DocText:
        # Units carry spans into the cleaned document, so placing their texts at those spans
        # rebuilds it without reading the documents again (and exactly as the index saw it).
        size = max(u.span[1] for u in units)
        chars = [" "] * size
        consistent = all(u.span[1] - u.span[0] == len(u.text) for u in units)
        if consistent:
            for u in units:
                chars[u.span[0] : u.span[1]] = list(u.text)
            text = "".join(chars)
            spans = [(self.clauses[k].span[0], self.clauses[k].span[1], k)
                     for k in {u.clause_key for u in units}]
        else:
            # Spans that disagree with the texts: fall back to the clauses one after another.
            pieces: list[str] = []
            spans = []
            pos = 0
            for key in sorted({u.clause_key for u in units}, key=lambda k: k[1]):
                clause_text = self.clauses[key].text
                pieces.append(clause_text + "\n")
                spans.append((pos, pos + len(clause_text), key))
                pos += len(clause_text) + 1
            text = "".join(pieces)
        folded, where = fold_with_map(text)
        return _DocText(text, folded, where, sorted(spans))

    # -- lookups ----------------------------------------------------------------------------

    def find_docs(self, name: str) -> list[str]:
        """Document ids named by ``name``: the exact id, else every id containing it."""
        if name in self._docs:
            return [name]
        wanted = fold(name)
        return [d for d in self.doc_ids if wanted in fold(d)]

    def clauses_by_label(self, doc_id: str, label: str, path: Sequence[str] = ()) -> list[Clause]:
        """Clauses of ``doc_id`` whose label (or own heading) is ``label`` and whose heading
        path contains every element of ``path`` (each as a substring of some element)."""
        want = fold(label)
        exact: list[Clause] = []
        by_heading: list[Clause] = []
        for clause in self.clauses.values():
            if clause.doc_id != doc_id:
                continue
            folded_path = [fold(p) for p in clause.path]
            if not all(any(fold(p) in fp for fp in folded_path) for p in path):
                continue
            own = folded_path[-1] if folded_path else ""
            if fold(clause.label) == want:
                exact.append(clause)
            elif own.startswith(want) and not own[len(want):len(want) + 1].isdigit():
                by_heading.append(clause)  # "（六）" names the clause headed "（六）推进…"
        # A label that is some clause's own label never means another one's heading
        # ("SEC. 2" is not "SEC. 24 …", "Section 1798.199.10" not "Section 1798.199.100").
        return sorted(exact or by_heading, key=lambda c: c.key[1])

    def locate(self, quote: str) -> list[Span]:
        """Every occurrence of ``quote`` (folded) in the cleaned documents, as spans."""
        needle = fold(quote)
        spans: list[Span] = []
        if not needle:
            return spans
        for doc_id, doc in self._docs.items():
            start = doc.folded.find(needle)
            while start >= 0:
                end = start + len(needle)
                spans.append((doc_id, doc.where[start], doc.where[end - 1] + 1))
                start = doc.folded.find(needle, start + 1)
        return spans

    def clauses_at(self, span: Span) -> list[ClauseKey]:
        """Clauses whose span overlaps ``span``, most overlap first (ties in document order)."""
        doc_id, start, end = span
        doc = self._docs.get(doc_id)
        if doc is None:
            return []
        overlaps = [(min(end, e) - max(start, s), k) for s, e, k in doc.clause_spans if min(end, e) > max(start, s)]
        return [k for _, k in sorted(overlaps, key=lambda p: (-p[0], p[1][1]))]

    def key_for(self, doc: str, label: str, path: Sequence[str] = (), text: str = "") -> ClauseKey | None:
        """The clause a citation names (document, label, path as the answer shows them).

        Exact path first; else label within the document, disambiguated by the cited text.
        """
        docs = self.find_docs(doc) if doc else self.doc_ids
        candidates = [c for d in docs for c in self.clauses_by_label(d, label)] if label else []
        exact = [c for c in candidates if tuple(path) and c.path == tuple(path)]
        if len(exact) == 1:
            return exact[0].key
        if len(candidates) == 1:
            return candidates[0].key
        if text:
            folded = fold(text)
            pool = candidates or [c for c in self.clauses.values() if c.doc_id in docs]
            for clause in pool:
                mine = fold(clause.text)
                if mine and (mine in folded or folded in mine):
                    return clause.key
        return candidates[0].key if candidates else None

    def name(self, key: ClauseKey) -> str:
        """A display name unique within the corpus (label, plus #ordinal when it repeats)."""
        return self._names.get(key) or f"{short_doc(key[0])} › #{key[1]}"

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, item: GoldItem) -> ResolvedGold:
        """The clauses and spans ``item``'s gold names; GoldError lists what did not resolve."""
        problems: list[str] = []
        groups: list[frozenset[ClauseKey]] = []
        spans: list[Span] = []
        for ref in item.gold:
            docs = self.find_docs(ref.doc)
            if len(docs) != 1:
                what = "no document" if not docs else f"{len(docs)} documents ({', '.join(docs)})"
                problems.append(f"{item.id}: gold doc {ref.doc!r} matches {what}")
                continue
            clauses = self.clauses_by_label(docs[0], ref.label, ref.path)
            if not clauses:
                problems.append(f"{item.id}: no clause labelled {ref.label!r} in {docs[0]}"
                                + (f" under {list(ref.path)}" if ref.path else ""))
                continue
            if len(clauses) > 1:
                where = "; ".join(" › ".join(c.path) for c in clauses[:4])
                problems.append(f"{item.id}: label {ref.label!r} matches {len(clauses)} clauses in "
                                f"{docs[0]} ({where}); add a 'path'")
                continue
            groups.append(frozenset({clauses[0].key}))
            spans.append((clauses[0].doc_id, *clauses[0].span))
        for quote in item.quotes:
            found = self.locate(quote)
            if not found:
                problems.append(f"{item.id}: quote {quote!r} is in no clause of the index")
                continue
            holders: set[ClauseKey] = set()
            for span in found:
                holders.update(self.clauses_at(span)[:1])
            if not holders:
                problems.append(f"{item.id}: quote {quote!r} lies outside every clause (a heading?)")
                continue
            groups.append(frozenset(holders))
            spans.extend(found)
        if problems:
            raise GoldError(problems)
        keys = frozenset(k for g in groups for k in g)
        return ResolvedGold(keys, tuple(spans), tuple(fold(q) for q in item.quotes), tuple(groups))

    def resolve_all(self, items: Sequence[GoldItem]) -> dict[str, ResolvedGold]:
        """Every item resolved, by id; GoldError lists the problems of all items together."""
        out: dict[str, ResolvedGold] = {}
        problems: list[str] = []
        for item in items:
            try:
                out[item.id] = self.resolve(item)
            except GoldError as exc:
                problems.extend(exc.problems)
        if problems:
            raise GoldError(problems)
        return out
