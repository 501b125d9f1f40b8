"""Gold sets: load and validate the JSONL, resolve every gold reference to clauses of the index.

A question names its gold passage by clause label (``{"doc", "label", "path"?}``) or by a
verbatim ``quote``; both resolve to clause keys ``(doc_id, ordinal)`` — the identity the
retriever and the citations share — and to character spans in the cleaned documents, which is
what the chunk-based baseline is judged on. See ``evals/README.md`` for the format.

Example::

    items = load_gold(Path("evals/dev.jsonl"))
    corpus = Corpus(index.units)
    resolved = corpus.resolve_all(items)      # raises GoldError listing every bad reference
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.records import Unit

ClauseKey = tuple[str, int]
Span = tuple[str, int, int]  # doc_id, start, end in the cleaned document text

TAGS = (
    "number", "yes_no", "multi_clause", "names_article", "colloquial", "english", "crosslingual",
    "followup", "unanswerable", "near_miss", "offtopic", "struck_text", "structure",
)
VERDICTS = ("yes", "no")


class GoldError(ValueError):
    """The gold file is malformed or names passages the index does not have.

    ``problems`` lists every one, each starting with the question id (or line number), so an
    evaluator fixes them all in one pass.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n  ".join(self.problems[:20])
        more = f"\n  … and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(f"{len(self.problems)} gold problem(s):\n  {shown}{more}")


@dataclass(frozen=True)
class GoldRef:
    """A gold clause named by number: document (id or unique substring), label, optional path."""

    doc: str
    label: str
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldItem:
    """One question of a gold set."""

    id: str
    question: str
    gold: tuple[GoldRef, ...] = ()
    quotes: tuple[str, ...] = ()
    answerable: bool = True
    tags: tuple[str, ...] = ()
    reviewed: bool = True
    # The expected answer facts: the verdict of a yes/no question, the figure (with its unit)
    # of a number question; the questions asked before a follow-up; the corpus (file) it is from.
    verdict: str | None = None
    figure: str | None = None
    history: tuple[str, ...] = ()
    group: str = ""


@dataclass(frozen=True)
class ResolvedGold:
    """What a question's gold references resolved to in one index.

    ``keys``: every gold clause. ``spans``: where the gold text lies in the cleaned documents
    (whole clause spans for labels, the matched text for quotes) — used to judge chunks that
    are not clauses. ``quotes``: the folded quotes, so a chunk containing one is a hit.
    ``groups``: one set of keys per gold reference, for clause-level recall ("how many of the
    named passages were cited").
    """

    keys: frozenset[ClauseKey]
    spans: tuple[Span, ...] = ()
    quotes: tuple[str, ...] = ()
    groups: tuple[frozenset[ClauseKey], ...] = ()


# -- loading ----------------------------------------------------------------------------------


def load_gold(path: Path) -> list[GoldItem]:
    """Read and validate a gold JSONL file.

    Args:
        path: the file; blank lines and lines starting with ``#`` are ignored.

    Returns:
        The questions in file order.

    Raises:
        GoldError: any malformed line, missing field, duplicate id or inconsistent item
            (every problem is listed, not just the first).
    """
    items: list[GoldItem] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        try:
            item = parse_item(data)
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        if item.id in seen:
            problems.append(f"line {number}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if problems:
        raise GoldError(problems)
    return items


def parse_item(data: Any) -> GoldItem:
    """One gold line as a GoldItem; ValueError names the problem and the id."""
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")
    qid = data.get("id")
    if not isinstance(qid, str) or not qid:
        raise ValueError(f"'id' must be a non-empty string, got {qid!r}")
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError(f"{qid}: 'question' must be a non-empty string")
    answerable = data.get("answerable", True)
    if not isinstance(answerable, bool):
        raise ValueError(f"{qid}: 'answerable' must be true or false, got {answerable!r}")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(f"{qid}: 'tags' must be a list of strings")
    refs = tuple(_parse_ref(qid, g) for g in _as_list(qid, data.get("gold", []), "gold", dict))
    quotes = tuple(_as_list(qid, data.get("quote", []), "quote", str))
    if any(not _fold(q) for q in quotes):
        raise ValueError(f"{qid}: empty quote")
    reviewed = data.get("reviewed", True)
    if not isinstance(reviewed, bool):
        raise ValueError(f"{qid}: 'reviewed' must be true or false, got {reviewed!r}")
    # An unreviewed line (a draft, or feedback exported from the app) may wait for its reviewer
    # to name the gold; it is refused only when someone asks to score it (evals/cli.py).
    if answerable and not refs and not quotes and reviewed:
        raise ValueError(f"{qid}: an answerable question needs 'gold' or 'quote'")
    if not answerable and (refs or quotes):
        raise ValueError(f"{qid}: an unanswerable question must have no 'gold' and no 'quote'")
    if not answerable and "unanswerable" not in tags:
        tags = [*tags, "unanswerable"]
    verdict = data.get("verdict")
    if verdict is not None and verdict not in VERDICTS:
        raise ValueError(f"{qid}: 'verdict' must be one of {VERDICTS}, got {verdict!r}")
    figure = data.get("figure")
    if figure is not None and (not isinstance(figure, str) or not figure.strip()):
        raise ValueError(f"{qid}: 'figure' must be a non-empty string, got {figure!r}")
    if not answerable and (verdict or figure):
        raise ValueError(f"{qid}: an unanswerable question has no 'verdict' or 'figure'")
    history = tuple(_as_list(qid, data.get("history", []), "history", str))
    return GoldItem(
        qid, question.strip(), refs, quotes, answerable, tuple(dict.fromkeys(tags)), reviewed,
        verdict=verdict, figure=figure.strip() if figure else None, history=history,
    )


def _as_list(qid: str, value: Any, name: str, kind: type) -> list[Any]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, kind) for v in values):
        raise ValueError(f"{qid}: '{name}' must be a {kind.__name__} or a list of them")
    return values


def _parse_ref(qid: str, data: dict[str, Any]) -> GoldRef:
    doc, label, path = data.get("doc"), data.get("label"), data.get("path", [])
    if not isinstance(doc, str) or not doc:
        raise ValueError(f"{qid}: gold 'doc' must be a non-empty string")
    if not isinstance(label, str) or not label:
        raise ValueError(f"{qid}: gold 'label' must be a non-empty string")
    if isinstance(path, str):
        path = [path]
    if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
        raise ValueError(f"{qid}: gold 'path' must be a list of strings")
    return GoldRef(doc, label, tuple(path))


# -- text folding -----------------------------------------------------------------------------


def _fold(text: str) -> str:
    return fold_with_map(text)[0]


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """NFKC, lower case, whitespace removed; plus each folded char's index in ``text``.

    Quotes are copied from the raw extraction (full-width digits, spaces between characters,
    line breaks) and compared with the cleaned text, so both sides are folded the same way and
    the map turns a match back into a span of the original.
    """
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for piece in unicodedata.normalize("NFKC", ch).lower():
            if not piece.isspace():
                out.append(piece)
                where.append(i)
    return "".join(out), where


def fold(text: str) -> str:
    """``text`` folded for matching (see :func:`fold_with_map`)."""
    return _fold(text)


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
                text=_merge_text(parts),
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
        wanted = _fold(name)
        return [d for d in self.doc_ids if wanted in _fold(d)]

    def clauses_by_label(self, doc_id: str, label: str, path: Sequence[str] = ()) -> list[Clause]:
        """Clauses of ``doc_id`` whose label (or own heading) is ``label`` and whose heading
        path contains every element of ``path`` (each as a substring of some element)."""
        want = _fold(label)
        exact: list[Clause] = []
        by_heading: list[Clause] = []
        for clause in self.clauses.values():
            if clause.doc_id != doc_id:
                continue
            folded_path = [_fold(p) for p in clause.path]
            if not all(any(_fold(p) in fp for fp in folded_path) for p in path):
                continue
            own = folded_path[-1] if folded_path else ""
            if _fold(clause.label) == want:
                exact.append(clause)
            elif own.startswith(want) and not own[len(want):len(want) + 1].isdigit():
                by_heading.append(clause)  # "（六）" names the clause headed "（六）推进…"
        # A label that is some clause's own label never means another one's heading
        # ("SEC. 2" is not "SEC. 24 …", "Section 1798.199.10" not "Section 1798.199.100").
        return sorted(exact or by_heading, key=lambda c: c.key[1])

    def locate(self, quote: str) -> list[Span]:
        """Every occurrence of ``quote`` (folded) in the cleaned documents, as spans."""
        needle = _fold(quote)
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
            folded = _fold(text)
            pool = candidates or [c for c in self.clauses.values() if c.doc_id in docs]
            for clause in pool:
                mine = _fold(clause.text)
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
        return ResolvedGold(keys, tuple(spans), tuple(_fold(q) for q in item.quotes), tuple(groups))

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


def _merge_text(parts: Sequence[Unit]) -> str:
    """The clause text from its passages, overlaps removed by their spans."""
    text = parts[0].text
    end = parts[0].span[1]
    for unit in parts[1:]:
        skip = max(0, end - unit.span[0])
        text += unit.text[skip:]
        end = max(end, unit.span[1])
    return text


def tag_counts(items: Iterable[GoldItem]) -> Mapping[str, int]:
    """How many questions carry each tag (for the README and the report)."""
    counts: dict[str, int] = {}
    for item in items:
        for tag in item.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return dict(sorted(counts.items(), key=lambda p: -p[1]))
