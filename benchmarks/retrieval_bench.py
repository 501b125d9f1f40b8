"""Retrieval ablation and abstention calibration over a gold set.

Prints hit@1 / hit@5 / MRR@10 of each retrieval variant (dense only, lexical only, RRF,
weighted sums, with and without query rewriting, clause-title boost and document prior) on the
answerable questions, and with ``--calibrate`` the abstention signals of every question and
the thresholds that separate answerable from unanswerable ones.

Usage::

    python benchmarks/retrieval_bench.py                         # evals/dev.jsonl, index/default
    python benchmarks/retrieval_bench.py --gold benchmarks/data/own_questions.jsonl
    python benchmarks/retrieval_bench.py --index-dir /tmp/idx --calibrate
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.gold import Corpus, GoldItem, ResolvedGold, load_gold
from rag.answer.extractive import ExtractiveAnswerer
from rag.index.embed import Embedder, load_embedder
from rag.index.store import Index, load_index
from rag.pipeline import answerability
from rag.query.question import analyse
from rag.retrieve.fusion import RetrievalOptions, Retriever
from rag.settings import Settings


class CachedEmbedder:
    """Embeds each query once however many variants ask for it."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.id = inner.id
        self.dim = inner.dim
        self._cache: dict[tuple[str, bool], np.ndarray] = {}

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        missing = [t for t in texts if (t, query) not in self._cache]
        if missing:
            for text, vec in zip(missing, self.inner.embed(missing, query=query), strict=True):
                self._cache[(text, query)] = vec
        return np.stack([self._cache[(t, query)] for t in texts])


def variants(index: Index) -> dict[str, RetrievalOptions]:
    """A ladder from each retriever alone to the default, then one change at a time."""
    base = RetrievalOptions()
    raw = replace(base, rewrite=False, direct_lookup=False, mention_boost=0.0)
    formal = {d.doc_id: 0.05 for d in index.manifest.documents if "方案" in d.title}
    out = {
        "dense only": replace(raw, fusion="dense"),
        "lexical only (BM25 bigrams)": replace(raw, fusion="lexical"),
        "RRF k=60": replace(raw, fusion="rrf"),
        "weighted 0.5": raw,
        "weighted + rewrite": replace(raw, rewrite=True),
        "weighted + rewrite + lookup": replace(raw, rewrite=True, direct_lookup=True),
        "RRF + rewrite + lookup + mention": replace(base, fusion="rrf"),
        "default (weighted + all)": base,
        "default, RRF k=10": replace(base, fusion="rrf", rrf_k=10),
    }
    for w in (0.3, 0.4, 0.6, 0.7):
        out[f"default, dense weight {w:.1f}"] = replace(base, dense_weight=w)
    for c in (20, 100):
        out[f"default, {c} candidates"] = replace(base, candidates=c)
    for boost in (0.05, 0.1, 0.2):
        out[f"default + title boost {boost}"] = replace(base, title_boost=boost)
    out["default + rewritten dense query"] = replace(base, rewrite_dense=True)
    out["default + plan prior 0.05"] = replace(base, doc_prior=formal)
    for m in (0.0, 0.1, 0.5):
        out[f"default, mention boost {m}"] = replace(base, mention_boost=m)
    return out


def ranks(retriever: Retriever, items: Sequence[GoldItem], gold: dict[str, ResolvedGold]) -> list[int | None]:
    out: list[int | None] = []
    for item in items:
        hits = retriever.search(item.question, top_k=10)
        keys = [h.unit.clause_key for h in hits]
        found = [i for i, k in enumerate(keys, start=1) if k in gold[item.id].keys]
        out.append(found[0] if found else None)
    return out


def summary(found: Sequence[int | None]) -> str:
    n = len(found)
    h1 = sum(1 for r in found if r == 1) / n
    h5 = sum(1 for r in found if r is not None and r <= 5) / n
    mrr = sum(1.0 / r for r in found if r is not None) / n
    return f"hit@1 {h1:.3f}  hit@5 {h5:.3f}  MRR@10 {mrr:.3f}  (n={n})"


def calibrate(retriever: Retriever, items: Sequence[GoldItem]) -> None:
    """Print each question's abstention signals and the separation a threshold grid achieves.

    Signals: ``coverage`` (share of the question's content words in the best retrieved
    clause; the pipeline's gate), ``sentence`` (relevance of the best sentence the extractive
    answerer would quote), and whether a number question's chosen sentences hold a number.
    """
    answerer = ExtractiveAnswerer()
    rows: list[tuple[GoldItem, bool, float, float, bool]] = []
    for item in items:
        retrieval = retriever.retrieve(item.question, top_k=5)
        gate = answerability(retrieval, min_coverage=0.0)
        info = analyse(item.question)
        chosen = answerer.select(info, retrieval.hits) if retrieval.hits else []
        best = chosen[0].relevance if chosen else 0.0
        numberless = info.wants_number and not any(re.search(r"\d", c.text) for c in chosen)
        rows.append((item, retrieval.direct, gate.coverage, best, numberless))
    print("\nunanswerable questions (coverage, best sentence, number question without a number):")
    for item, _, cov, best, numberless in rows:
        if not item.answerable:
            print(f"  {item.id:6} cov {cov:.2f}  sent {best:.2f}  {numberless!s:5}  {item.question}")
    print("\nanswerable questions that a strict setting would refuse:")
    for item, direct, cov, best, numberless in rows:
        if item.answerable and not direct and (cov < 0.4 or best < 0.4 or numberless):
            print(f"  {item.id:6} cov {cov:.2f}  sent {best:.2f}  {numberless!s:5}  {item.question}")
    print("\n  min_cov min_sent numbers | abstain recall (unanswerable) | false abstention (answerable)")
    unans = [r for r in rows if not r[0].answerable]
    ans = [r for r in rows if r[0].answerable]
    for min_cov in (0.2, 0.25, 0.3, 0.34, 0.4):
        for min_sent in (0.2, 0.25, 0.3, 0.34, 0.4):
            for numbers in (False, True):
                recall = sum(_abstains(r, min_cov, min_sent, numbers) for r in unans) / max(1, len(unans))
                false = sum(_abstains(r, min_cov, min_sent, numbers) for r in ans) / max(1, len(ans))
                print(f"  {min_cov:7.2f} {min_sent:8.2f} {numbers!s:7} | {recall:28.3f} | {false:.3f}")


def _abstains(row: tuple[GoldItem, bool, float, float, bool], min_cov: float, min_sent: float, numbers: bool) -> bool:
    _, direct, cov, best, numberless = row
    if direct:
        return False
    return cov < min_cov or best < min_sent or (numbers and numberless)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("evals/dev.jsonl"))
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--index", default=None, help="index name")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--only", default=None, help="run only variants whose name contains this")
    args = parser.parse_args()

    settings = Settings.from_env(index_dir=args.index_dir, index_name=args.index)
    embedder = CachedEmbedder(load_embedder(settings))
    index = load_index(settings.index_path, embedder_id=embedder.id)
    items = load_gold(args.gold)
    gold = Corpus(index.units).resolve_all(items)
    answerable = [i for i in items if i.answerable]
    print(f"{args.gold}: {len(answerable)} answerable of {len(items)} questions; {len(index)} units")
    for name, options in variants(index).items():
        if args.only and args.only not in name:
            continue
        found = ranks(Retriever(index, embedder, options), answerable, gold)
        print(f"{name:32} {summary(found)}")
    if args.calibrate:
        calibrate(Retriever(index, embedder), items)


if __name__ == "__main__":
    main()
