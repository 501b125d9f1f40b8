"""HNSW search depth: recall@10 against exact search on vectors made from real unit embeddings.

Random vectors overstate how hard and understate how easy neighbours are to find; real text
vectors crowd into a narrow cone. So the base set is built from the real corpus: every unit of
``documents/`` and ``evals/corpora/`` is embedded with the configured embedder, and each of the
``--n`` base vectors is a random mix of two real unit vectors (weights 0.5–1 and 0–0.5) plus a
little Gaussian noise, normalised. Queries are the real dev questions embedded as queries.
Prints, for each efSearch, recall@10 against flat inner-product search and p50/p95 latency, at
1 thread.

Usage::

    python benchmarks/hnsw_bench.py                  # 10^5 vectors, M=32
    python benchmarks/hnsw_bench.py --n 20000 --ef 16 64 256
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np

REPO = Path(__file__).resolve().parent.parent
NOISE = 0.05  # per-dimension noise before normalising (unmeasured: keeps mixes distinct)


def real_vectors(cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """(unit vectors, dev question vectors) from the default embedder, cached in ``cache``."""
    from evals.gold import load_gold
    from rag.index.build import build_index
    from rag.index.embed import load_embedder
    from rag.index.store import load_index
    from rag.settings import Settings

    units_file, queries_file = cache / "units.npy", cache / "queries.npy"
    if units_file.is_file() and queries_file.is_file():
        return np.load(units_file), np.load(queries_file)
    settings = Settings.from_env()
    embedder = load_embedder(settings)
    vectors = []
    with tempfile.TemporaryDirectory(prefix="hnsw-bench-") as tmp:
        for source in [REPO / "documents", *sorted((REPO / "evals" / "corpora").iterdir())]:
            run = settings.with_(documents_dir=source, index_dir=Path(tmp) / source.name)
            build_index(run, lambda: embedder, progress=True)
            index = load_index(run.index_path)
            vectors.append(index.vectors_of(range(len(index))))
    units = np.concatenate(vectors)
    questions = [item.question for item in load_gold(REPO / "evals" / "dev.jsonl")]
    queries = embedder.embed(questions, query=True)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(units_file, units)
    np.save(queries_file, queries)
    return units, queries


def mixed(units: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = units[rng.integers(0, len(units), n)]
    b = units[rng.integers(0, len(units), n)]
    wa = rng.uniform(0.5, 1.0, (n, 1)).astype(np.float32)
    wb = rng.uniform(0.0, 0.5, (n, 1)).astype(np.float32)
    out = wa * a + wb * b + rng.normal(0, NOISE, a.shape).astype(np.float32) / np.sqrt(a.shape[1])
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return np.ascontiguousarray(out, dtype=np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--m", type=int, default=32)
    parser.add_argument("--ef", type=int, nargs="+", default=[16, 64, 128, 256, 512, 1024])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "policy-rag-hnsw-bench")
    args = parser.parse_args()
    faiss.omp_set_num_threads(1)

    units, queries = real_vectors(args.cache)
    base = mixed(units, args.n)
    dim = base.shape[1]
    flat = faiss.IndexFlatIP(dim)
    flat.add(base)
    _, truth = flat.search(queries, 10)

    started = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(dim, args.m, faiss.METRIC_INNER_PRODUCT)
    hnsw.add(base)
    build_s = time.perf_counter() - started
    print(f"{args.n} vectors mixed from {len(units)} real unit vectors, {len(queries)} real dev questions, "
          f"HNSW M={args.m} built in {build_s:.1f} s (1 thread)")
    print(f"{'efSearch':>9}{'recall@10':>11}{'p50 ms':>9}{'p95 ms':>9}")
    rows = []
    for ef in args.ef:
        hnsw.hnsw.efSearch = ef
        times, found = [], []
        for q in queries:
            t0 = time.perf_counter()
            _, ids = hnsw.search(q.reshape(1, -1), 10)
            times.append(time.perf_counter() - t0)
            found.append(ids[0])
        recall = float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)]))
        p50, p95 = (1000 * float(np.percentile(times, p)) for p in (50, 95))
        rows.append({"ef_search": ef, "recall_at_10": round(recall, 4), "p50_ms": round(p50, 3)})
        print(f"{ef:>9}{recall:>11.3f}{p50:>9.2f}{p95:>9.2f}")
    times = []
    for q in queries:
        t0 = time.perf_counter()
        flat.search(q.reshape(1, -1), 10)
        times.append(time.perf_counter() - t0)
    p50, p95 = (1000 * float(np.percentile(times, p)) for p in (50, 95))
    print(f"{'flat':>9}{1.0:>11.3f}{p50:>9.2f}{p95:>9.2f}")
    print(json.dumps({"n": args.n, "m": args.m, "units": len(units), "rows": rows}))


if __name__ == "__main__":
    main()
