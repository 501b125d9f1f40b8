"""Query latency: cold start and warm extractive answers, on the corpus and at 100k units.

Measures

* cold start: loading the embedding model and the index (``Pipeline.from_settings``), and the
  first answer (which pays for the model's first forward pass);
* warm latency p50 / p95 of ``Pipeline.ask`` (retrieve + gate + extractive answer + citation
  check) over the questions of ``evals/dev.jsonl``, on the corpus index;
* the same on a synthetic index of 100,000 units (random normalised vectors, texts sampled
  from the corpus's own characters and sentence shapes), written with :mod:`rag.index.store`'s own
  functions and queried with the real embedder.

Usage::

    python benchmarks/query_bench.py                    # index/default + 100k synthetic units
    python benchmarks/query_bench.py --units 20000      # a smaller synthetic index
    python benchmarks/query_bench.py --skip-synthetic
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.index.embed import Embedder, load_embedder
from rag.index.lexical import LexicalIndex
from rag.index.store import DocEntry, Manifest, load_index, make_faiss, now_iso, write_index
from rag.pipeline import Pipeline
from rag.records import Unit
from rag.settings import Settings
from rag.text import is_han

FALLBACK_QUESTIONS = [
    "城区人口不到300万的城市还限制落户吗？",
    "实施方案第十二条讲了什么",
    "What does the plan say about urban renewal?",
    "随迁子女在流入地上学有什么保障？",
    "到2025年常住人口城镇化率要达到多少？",
    "北京明天天气怎么样",
]


def questions(path: Path, limit: int) -> list[str]:
    if not path.is_file():
        return FALLBACK_QUESTIONS
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows][:limit]


def warm_latency(pipeline: Pipeline, qs: Sequence[str], rounds: int) -> list[float]:
    for q in qs[:5]:
        pipeline.ask(q)  # warm caches, the model's first passes
    out: list[float] = []
    for _ in range(rounds):
        for q in qs:
            start = time.perf_counter()
            pipeline.ask(q)
            out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: Sequence[float]) -> None:
    print(
        f"{name}: warm p50 {statistics.median(ms):.1f} ms, p95 {float(np.percentile(ms, 95)):.1f} ms, "
        f"mean {statistics.fmean(ms):.1f} ms over {len(ms)} asks"
    )


def synthetic_units(n: int, corpus_units: Sequence[Unit], seed: int = 0) -> list[Unit]:
    """``n`` units whose texts are sentences re-sampled from the corpus's characters."""
    rng = random.Random(seed)
    chars = [c for u in corpus_units for c in u.text if is_han(c)]
    units: list[Unit] = []
    per_doc = 1000
    for i in range(n):
        doc, ordinal = divmod(i, per_doc)
        sentences = []
        for _ in range(rng.randint(2, 5)):
            body = "".join(rng.choices(chars, k=rng.randint(15, 60)))
            if rng.random() < 0.3:
                body += f"{rng.randint(1, 2030)}{rng.choice('万亿个年%')}"
            sentences.append(body + rng.choice("。；。"))
        label = f"（{ordinal + 1}）"
        text = label + "".join(sentences)
        units.append(
            Unit(f"synthetic-{doc:03d}", f"合成文件{doc:03d}", (f"{doc % 8 + 1}、章", label), label,
                 ordinal, text, (0, len(text)))
        )
    return units


def build_synthetic(directory: Path, n: int, embedder: Embedder, corpus_units: Sequence[Unit]) -> float:
    """Write a synthetic index of ``n`` units with random vectors; returns the build seconds."""
    start = time.perf_counter()
    units = synthetic_units(n, corpus_units)
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n, embedder.dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    faiss_index, kind = make_faiss(vectors, embedder.dim, Settings().hnsw_threshold)
    lexical = LexicalIndex.build([u.embed_text() for u in units], "bigram")
    docs = sorted({u.doc_id for u in units})
    manifest = Manifest(
        embedder_id=embedder.id,
        dim=embedder.dim,
        documents=tuple(DocEntry(d, d, f"{d}.txt", "txt", "0" * 64, sum(1 for u in units if u.doc_id == d))
                        for d in docs),
        unit_count=n,
        built_at=now_iso(),
        chunking={"synthetic": True},
        lexical_tokenizer="bigram",
        faiss_kind=kind,
    )
    write_index(directory, manifest, units, faiss_index, lexical)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--gold", type=Path, default=Path("evals/dev.jsonl"))
    parser.add_argument("--questions", type=int, default=60, help="how many questions to time")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--units", type=int, default=100_000, help="synthetic index size")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()

    settings = Settings.from_env(index_dir=args.index_dir)
    qs = questions(args.gold, args.questions)

    start = time.perf_counter()
    embedder = load_embedder(settings)
    embedder.embed(["预热"], query=True)  # the model loads lazily, on its first text
    model_s = time.perf_counter() - start
    start = time.perf_counter()
    index = load_index(settings.index_path, embedder_id=embedder.id)
    pipeline = Pipeline(index, embedder, top_k=settings.top_k)
    pipeline.retriever.warm_up()
    index_s = time.perf_counter() - start
    start = time.perf_counter()
    pipeline.ask(qs[0])
    first_s = time.perf_counter() - start
    print(f"cold start: model {model_s:.2f} s, index {index_s:.2f} s ({len(index)} units), "
          f"first answer {first_s:.2f} s; total {model_s + index_s + first_s:.2f} s")
    report(f"corpus ({len(index)} units)", warm_latency(pipeline, qs, args.rounds))

    if args.skip_synthetic:
        return
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "synthetic"
        build_s = build_synthetic(directory, args.units, embedder, index.units)
        start = time.perf_counter()
        big = load_index(directory, embedder_id=embedder.id)
        big_pipeline = Pipeline(big, embedder, top_k=settings.top_k)
        big_pipeline.retriever.warm_up()
        load_s = time.perf_counter() - start
        print(f"synthetic index: {args.units} units built in {build_s:.1f} s, loaded in {load_s:.2f} s")
        report(f"synthetic ({args.units} units)", warm_latency(big_pipeline, qs, 1))


if __name__ == "__main__":
    main()
