"""What reordering the first Chinese clauses by their nearest sentence adds to a search's latency.

For every development question, the same search is timed with ``sentence_weight`` off and on,
one right after the other (the load of a shared machine inflates both alike; the ratio is what
carries over), the sentence cache emptied before each "on" search so every clause is embedded as
the first time it is asked about. Prints p50/p95 in milliseconds of both, their ratio, and how
many sentences were embedded.

Usage::

    RAG_INDEX_DIR=/path/to/index OMP_NUM_THREADS=1 RAG_THREADS=1 \
        python benchmarks/sentence_bench.py evals/dev.jsonl evals/sets [--limit 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.groups import load_groups
from evals.harness import asked
from rag.answer.meaning import MeaningRanker
from rag.index.embed import Embedder
from rag.pipeline import Pipeline
from rag.retrieve.hybrid import SENTENCE_CHARS, SENTENCES_PER_CLAUSE
from rag.settings import Settings


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class _Counting:
    """The embedder, counting the texts it embeds as passages."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.id = inner.id
        self.dim = inner.dim
        self.passages = 0

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not query:
            self.passages += len(texts)
        return self.inner.embed(texts, query=query)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="at most this many questions (0: all)")
    args = parser.parse_args()
    pipeline = Pipeline.from_settings(Settings.from_env())
    retriever = pipeline.retriever
    on = retriever.options
    off = replace(on, sentence_weight=0.0)
    assert pipeline.embedder is not None
    counting = _Counting(pipeline.embedder)
    items = load_groups(args.gold)
    if args.limit:
        items = items[: args.limit]
    times: dict[str, list[float]] = {"off": [], "on": []}
    embedded: list[int] = []
    for item in items:
        question = asked(item)
        for name, options in (("off", off), ("on", on)):
            retriever.options = options
            retriever._sentences = MeaningRanker(  # an empty cache: the first time these clauses are read
                counting, max_sentences=SENTENCES_PER_CLAUSE, max_chars=SENTENCE_CHARS, known=retriever.query_vector
            )
            before = counting.passages
            start = time.perf_counter()
            retriever.retrieve(question, top_k=pipeline.top_k)
            times[name].append((time.perf_counter() - start) * 1000)
            if name == "on":
                embedded.append(counting.passages - before)
    retriever.options = on
    for name, values in times.items():
        print(f"sentence_weight {name:3s}: p50 {statistics.median(values):.0f} ms, p95 {_pct(values, 0.95):.0f} ms")
    ratio = statistics.median(times["on"]) / max(statistics.median(times["off"]), 1e-9)
    print(f"ratio on/off (p50): {ratio:.2f} over {len(items)} questions")
    print(f"sentences embedded per search: p50 {statistics.median(embedded)}, max {max(embedded)}, "
          f"searches that embedded any: {sum(1 for n in embedded if n)}")


if __name__ == "__main__":
    main()
