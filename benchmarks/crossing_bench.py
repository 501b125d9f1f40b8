"""What choosing sentences by meaning adds to a cross-lingual answer's latency.

For every development question whose first retrieved clause is in another language than the
question (the ones :mod:`rag.answer.crossing` answers), times the meaning ranker on its
sentences with an empty cache (the first time a clause is asked about; the question's vector is
the retriever's, as in the pipeline), beside one query
embedding on the same machine at the same moment (the load of a shared machine inflates both
alike; the ratio is what carries over). Prints p50/p95 in milliseconds and the sentence counts.

Usage::

    RAG_INDEX_DIR=/path/to/index OMP_NUM_THREADS=1 RAG_THREADS=1 \
        python benchmarks/crossing_bench.py evals/dev.jsonl evals/sets [--max-sentences 6]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.groups import load_groups
from evals.harness import asked
from rag.answer.crossing import crosses, sentences_by_meaning
from rag.answer.meaning import MAX_CHARS, MAX_SENTENCES, MeaningRanker
from rag.pipeline import Pipeline
from rag.query.question import analyse
from rag.settings import Settings


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--max-sentences", type=int, default=MAX_SENTENCES)
    parser.add_argument("--max-chars", type=int, default=MAX_CHARS)
    args = parser.parse_args()
    pipeline = Pipeline.from_settings(Settings.from_env())
    embedder = pipeline.embedder
    assert embedder is not None
    added: list[float] = []
    query: list[float] = []
    counts: list[int] = []
    for item in load_groups(args.gold):
        question = asked(item)
        hits = pipeline.retriever.search(question, top_k=pipeline.top_k)
        info = analyse(question)
        if not crosses(info, hits):
            continue
        ranker = MeaningRanker(embedder, max_sentences=args.max_sentences, max_chars=args.max_chars,
                               known=pipeline.retriever.query_vector)
        start = time.perf_counter()
        scored = sentences_by_meaning(ranker, info, hits, 3)
        added.append((time.perf_counter() - start) * 1000)
        counts.append(len(scored))
        start = time.perf_counter()
        embedder.embed([question + " "], query=True)
        query.append((time.perf_counter() - start) * 1000)
    if not added:
        print("no question crosses languages")
        return
    print(f"questions crossing languages: {len(added)}; sentences embedded p50 {statistics.median(counts)}, "
          f"max {max(counts)}")
    print(f"meaning ranker (cold cache): p50 {statistics.median(added):.0f} ms, p95 {_pct(added, 0.95):.0f} ms")
    print(f"one query embedding, same moments: p50 {statistics.median(query):.0f} ms, p95 {_pct(query, 0.95):.0f} ms")


if __name__ == "__main__":
    main()
