"""Retrieval stage: article lookup first, then dense + lexical search fused, clause by clause.

``Retriever.retrieve(question)`` does, in order:

1. **Direct lookup.** A question that names a clause ("实施方案第十二条讲了什么", "（六）",
   "第三部分", "Article 5") gets that clause from :mod:`rag.query.refs`, whatever the embeddings say.
2. **Hybrid search.** The question is embedded (dense, FAISS) and, rewritten into the
   documents' own words (:mod:`rag.query.rewrite`), searched with character-bigram BM25. The two
   rankings are fused by reciprocal-rank fusion or by a weighted sum of normalised scores.
3. **Clause title boost** and **document prior** (both optional, measured in
   ``benchmarks/retrieval_bench.py``).
4. **Merging.** Passages of one split clause collapse into one hit whose unit is the whole
   clause, so a citation always shows the clause as written.

Example::

    retriever = Retriever(load_index(path, embedder_id=embedder.id), embedder)
    for hit in retriever.search("城区人口不到300万的城市还限制落户吗？", top_k=3):
        print(hit.unit.label, hit.score)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import faiss
import numpy as np

from rag.index.embed import Embedder
from rag.index.store import Index
from rag.query import refs
from rag.query.rewrite import rewrite
from rag.records import Hit, Unit
from rag.text import bigrams

FUSIONS = ("rrf", "weighted", "dense", "lexical")


@dataclass(frozen=True)
class RetrievalOptions:
    """How retrieval ranks; the defaults are the best measured on the dev questions.

    ``fusion``: "rrf", "weighted", or a single retriever ("dense", "lexical") for comparison.
    ``candidates``: how many units each retriever contributes before fusion.
    ``dense_weight``: the dense share of the weighted sum (lexical gets the rest).
    ``title_boost``: added to a clause's fused score times the share of its title's bigrams
    found in the question. ``doc_prior``: per-document additive bias (doc_id → value).
    ``mention_boost``: added to clauses of a document the question names ("方案里…",
    "河南…", "the plan"; see :func:`rag.query.refs.mentioned_docs`).
    Boost, prior and mention bonus are fractions of the best fused score.
    """

    fusion: str = "weighted"
    rrf_k: int = 60
    candidates: int = 50
    dense_weight: float = 0.5
    title_boost: float = 0.0
    rewrite: bool = True
    rewrite_dense: bool = False
    doc_prior: Mapping[str, float] = field(default_factory=dict)
    mention_boost: float = 0.3
    direct_lookup: bool = True

    def __post_init__(self) -> None:
        if self.fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {FUSIONS}. Currently, the fusion is {self.fusion!r}")
        if self.candidates <= 0:
            raise ValueError(
                f"candidates must be greater than 0. Currently, the candidates is {self.candidates}"
            )
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be in [0, 1]. Currently, it is {self.dense_weight}")


@dataclass(frozen=True)
class Retrieval:
    """What retrieval found for one question, with the signals abstention is decided on.

    ``direct`` is true when the hits are the clauses the question named by number.
    ``dense_top`` is the best cosine similarity between the question and any candidate unit
    (−1.0 when the dense retriever did not run).
    """

    question: str
    hits: tuple[Hit, ...]
    refs: tuple[refs.ArticleRef, ...] = ()
    direct: bool = False
    dense_top: float = -1.0


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
    back to the longest suffix/prefix match when the two disagree.
    """
    ordered = sorted(parts, key=lambda u: u.part)
    if len(ordered) == 1 and ordered[0].parts == 1:
        return ordered[0]
    text = ordered[0].text
    for prev, cur in itertools.pairwise(ordered):
        overlap = max(0, prev.span[1] - cur.span[0])
        if not (0 < overlap <= len(cur.text) and text.endswith(cur.text[:overlap])):
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
    )


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


class Retriever:
    """Hybrid retrieval over one loaded index; see the module docstring."""

    def __init__(self, index: Index, embedder: Embedder | None, options: RetrievalOptions | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.options = options or RetrievalOptions()
        self.titles = {d.doc_id: d.title for d in index.manifest.documents}
        self.names = refs.DocNames(self.titles)
        self._refs: refs.RefIndex | None = None  # built on the first lookup
        self._clause_rows: dict[tuple[str, int], list[int]] = {}
        self._doc_rows: dict[str, list[int]] = {}
        for row, unit in enumerate(index.units):
            self._clause_rows.setdefault(unit.clause_key, []).append(row)
            self._doc_rows.setdefault(unit.doc_id, []).append(row)
        self._whole: dict[tuple[str, int], Unit] = {}
        self._title_grams: dict[tuple[str, int], set[str]] = {}

    # -- public ---------------------------------------------------------------------------

    def warm_up(self) -> refs.RefIndex:
        """Build the article-lookup table now rather than on the first question that names a
        clause (about 0.5 s at 100,000 units)."""
        if self._refs is None:
            self._refs = refs.RefIndex(self.index.units)
        return self._refs

    def search(self, question: str, *, top_k: int = 5, docs: Iterable[str] | None = None) -> list[Hit]:
        """The ``top_k`` best clauses for ``question``; see :meth:`retrieve`."""
        return list(self.retrieve(question, top_k=top_k, docs=docs).hits)

    def retrieve(self, question: str, *, top_k: int = 5, docs: Iterable[str] | None = None) -> Retrieval:
        """Retrieve the clauses that answer ``question``.

        Args:
            question: the user's question.
            top_k: how many clauses to return (whole clauses, not passages).
            docs: only these documents (doc ids); None for all.

        Returns:
            A Retrieval with hits best first, each a whole clause.

        Raises:
            ValueError: ``top_k`` below 1 or an unknown document id in ``docs``.
        """
        if top_k <= 0:
            raise ValueError(f"top_k must be greater than 0. Currently, the top_k is {top_k}")
        allowed = self._allowed(docs)
        found_refs = refs.parse_refs(question) if self.options.direct_lookup else ()
        if found_refs:
            direct = self._lookup(question, found_refs, allowed, top_k)
            if direct:
                return Retrieval(question, tuple(direct), found_refs, direct=True)
        hits, dense_top = self._hybrid(question, top_k, allowed)
        return Retrieval(question, tuple(hits), found_refs, direct=False, dense_top=dense_top)

    def whole_clause(self, unit: Unit) -> Unit:
        """The whole clause ``unit`` belongs to (itself unless it is one passage of several)."""
        key = unit.clause_key
        if key not in self._whole:
            rows = self._clause_rows.get(key, [])
            parts = [self.index.units[r] for r in rows] or [unit]
            self._whole[key] = merge_passages(parts)
        return self._whole[key]

    # -- stages ---------------------------------------------------------------------------

    def _allowed(self, docs: Iterable[str] | None) -> set[str] | None:
        if docs is None:
            return None
        wanted = set(docs)
        unknown = sorted(wanted - set(self._doc_rows))
        if unknown:
            known = ", ".join(sorted(self._doc_rows))
            raise ValueError(f"unknown document(s) {', '.join(unknown)}; the index has: {known}")
        return wanted

    def _lookup(
        self, question: str, found: Sequence[refs.ArticleRef], allowed: set[str] | None, top_k: int
    ) -> list[Hit]:
        """The named clauses: all of them in the first document (a chapter may exceed
        ``top_k``), then matches in other documents up to ``top_k``."""
        named = [d for d in self.names.mentioned(question) if allowed is None or d in allowed]
        scope = set(named) if named else allowed
        units = self.warm_up().lookup(found, doc_ids=scope)
        hits: list[Hit] = []
        seen: set[tuple[str, int]] = set()
        for unit in units:
            if unit.clause_key in seen or (unit.doc_id != units[0].doc_id and len(hits) >= top_k):
                continue
            seen.add(unit.clause_key)
            # Named clauses outrank anything retrieval could score, in the order lookup gave.
            hits.append(Hit(self.whole_clause(unit), 1.0 - 0.001 * len(hits), {"ref": len(hits) + 1}))
        return hits

    def _hybrid(self, question: str, top_k: int, allowed: set[str] | None) -> tuple[list[Hit], float]:
        opts = self.options
        k = max(opts.candidates, top_k)
        lexical_query = rewrite(question) if opts.rewrite else question
        dense: list[tuple[int, float]] = []
        if opts.fusion != "lexical" and self.embedder is not None:
            dense_query = lexical_query if opts.rewrite_dense else question
            dense = self._dense(self.embedder.embed([dense_query], query=True)[0], k, allowed)
        lexical = self._lexical(lexical_query, k, allowed) if opts.fusion != "dense" else []

        if opts.fusion == "weighted":
            fused = weighted(
                {"dense": dense, "lexical": lexical},
                {"dense": opts.dense_weight, "lexical": 1.0 - opts.dense_weight},
            )
        else:
            fused = rrf({"dense": [r for r, _ in dense], "lexical": [r for r, _ in lexical]}, opts.rrf_k)
        ranks: dict[int, dict[str, int]] = {}
        for name, pairs in (("dense", dense), ("lexical", lexical)):
            for rank, (row, _) in enumerate(pairs, start=1):
                ranks.setdefault(row, {})[name] = rank

        # Collapse passages into clauses: a clause scores as its best passage.
        by_clause: dict[tuple[str, int], tuple[float, int]] = {}
        for row, score in fused.items():
            key = self.index.units[row].clause_key
            if key not in by_clause or score > by_clause[key][0]:
                by_clause[key] = (score, row)
        scale = max((s for s, _ in by_clause.values()), default=0.0)
        query_grams = set(bigrams(lexical_query)) if opts.title_boost else set()
        named = set(self.names.mentioned(question)) if opts.mention_boost else set()
        scored: list[tuple[float, int]] = []
        for key, (score, row) in by_clause.items():
            unit = self.index.units[row]
            # Boost and prior are in units of the best fused score, so they mean the same
            # under RRF (scores near 1/60) and the weighted sum (scores near 1).
            if opts.title_boost:
                score += scale * opts.title_boost * self._title_share(key, unit, query_grams)
            score += scale * opts.doc_prior.get(unit.doc_id, 0.0)
            if unit.doc_id in named:
                score += scale * opts.mention_boost
            scored.append((score, row))
        scored.sort(key=lambda pair: -pair[0])

        hits = []
        for score, row in scored[:top_k]:
            unit = self.index.units[row]
            hits.append(Hit(self.whole_clause(unit), float(score), self._clause_ranks(unit, ranks)))
        dense_top = max((s for _, s in dense), default=-1.0)
        return hits, dense_top

    def _clause_ranks(self, unit: Unit, ranks: Mapping[int, Mapping[str, int]]) -> dict[str, int]:
        """Each retriever's best rank over the clause's passages."""
        best: dict[str, int] = {}
        for row in self._clause_rows.get(unit.clause_key, []):
            for name, rank in ranks.get(row, {}).items():
                best[name] = min(rank, best.get(name, rank))
        return best

    def _title_share(self, key: tuple[str, int], unit: Unit, query_grams: set[str]) -> float:
        grams = self._title_grams.get(key)
        if grams is None:
            grams = self._title_grams[key] = set(bigrams(clause_title(unit)))
        return len(grams & query_grams) / len(grams) if grams else 0.0

    def _dense(self, vector: np.ndarray, k: int, allowed: set[str] | None) -> list[tuple[int, float]]:
        if allowed is None:
            return self.index.dense_search(vector, k)
        rows = np.array([r for d in allowed for r in self._doc_rows[d]], dtype=np.int64)
        q = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        vectors = self.index.vectors
        if isinstance(vectors, faiss.IndexFlat):
            selector = faiss.IDSelectorBatch(rows)
            params = faiss.SearchParameters()
            params.sel = selector  # kept alive by ``selector`` until the search returns
            scores, found = vectors.search(q, min(k, len(rows)), params=params)
            return [(int(r), float(s)) for r, s in zip(found[0], scores[0], strict=True) if r >= 0]
        # HNSW with a selector misses neighbours; over-fetch and filter instead.
        keep = set(rows.tolist())
        wide = self.index.dense_search(vector, min(len(self.index), k * 20))
        return [(r, s) for r, s in wide if r in keep][:k]

    def _lexical(self, query: str, k: int, allowed: set[str] | None) -> list[tuple[int, float]]:
        if allowed is None:
            return self.index.lexical_search(query, k)
        rows = [r for d in allowed for r in self._doc_rows.get(d, ())]
        return self.index.lexical.search(query, k, rows=rows)
