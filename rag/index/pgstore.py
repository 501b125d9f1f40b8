"""The PostgreSQL + pgvector store: one index shared by several app servers.

Chosen by ``RAG_STORE=postgresql://user@host:port/db`` (see ``docs/deploy.md``). Everything the
file store keeps in ``index/<name>/`` lives in tables instead:

* ``rag_index``: one row per index name with the current *generation* and its manifest (JSON).
* per generation ``g``: ``rag_<name>_units_<g>`` (row, unit JSON, token count, the embedding as
  ``vector(dim)`` with an HNSW index over inner product), ``rag_<name>_terms_<g>`` (document
  frequency per lexical token) and ``rag_<name>_postings_<g>`` (token, row, term frequency).

A build writes a whole new generation inside one transaction and switches ``rag_index`` to it in
the same transaction, so a reader sees the old generation or the new one, never half of one, and
an interrupted build leaves nothing behind (the transaction rolls back). Builders of one index
are serialised with a PostgreSQL advisory lock. A reader remembers the generation it loaded;
:meth:`PgStore.current_generation` tells it when another server published a newer one.

Lexical search is BM25 computed in SQL with the same tokeniser (``rag.text.bigrams``) and the
same formula as the file store's bm25s index (Lucene variant, k1 = 1.5, b = 0.75), so the two
stores rank alike.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import numpy as np

from rag.index.locks import BuildBusyError
from rag.index.manifest import IndexLoadError, IndexMismatchError, Manifest
from rag.index.pgconn import (
    BM25_B,
    BM25_K1,
    BUILD_MAINTENANCE_WORK_MEM,
    BUILD_STATEMENT_TIMEOUT_MS,
    EMPTY_TOKEN,
    HNSW_EF_CONSTRUCTION,
    HNSW_EF_SEARCH,
    HNSW_M,
    LOAD_ATTEMPTS,
    LOCK_POLL_SECONDS,
    NAME,
    VECTOR_INDEX_KIND,
    PgStoreError,
    connect,
    idf,
    redact,
    vector_literal,
)
from rag.index.pgindex import PgIndex
from rag.records import Unit
from rag.text import bigrams

# Re-exported: the tests and benchmarks name these through the store.
__all__ = [
    "BM25_B", "BM25_K1", "HNSW_EF_CONSTRUCTION", "HNSW_EF_SEARCH", "HNSW_M", "VECTOR_INDEX_KIND", "PgIndex",
    "PgStore", "PgStoreError", "idf",
]
log = logging.getLogger(__name__)


class PgStore:
    """The tables of one named index in one PostgreSQL database.

    Example::

        store = PgStore("postgresql://rag@db:5432/rag", name="default")
        store.write(manifest, units, vectors)      # a new generation, published atomically
        index = store.load(embedder_id="builtin:multilingual-e5-small")
    """

    def __init__(self, uri: str, name: str = "default") -> None:
        if not NAME.match(name):
            raise ValueError(f"index name for PostgreSQL must match {NAME.pattern}. Currently, it is {name!r}")
        self.uri = uri
        self.name = name
        self.location = f"{redact(uri)} (index {name})"

    def _table(self, kind: str, generation: int) -> str:
        return f"rag_{self.name}_{kind}_{generation}"

    def _ensure_schema(self, conn: Any) -> None:
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS rag_index (name text PRIMARY KEY, generation bigint NOT NULL, "
            "manifest jsonb NOT NULL, published_at timestamptz NOT NULL DEFAULT now())"
        )

    @contextmanager
    def lock(self, timeout: float = -1) -> Iterator[None]:
        """One builder of this index at a time, across every machine that shares the database.

        A PostgreSQL advisory lock held by a session of its own: the server releases it when the
        session ends, so a killed builder never leaves it behind.

        Args:
            timeout: seconds to wait; negative waits, 0 fails at once.

        Raises:
            BuildBusyError: another builder holds it after ``timeout`` seconds.
        """
        key = f"rag-build:{self.name}"
        conn = connect(self.uri)
        try:
            conn.autocommit = True
            if timeout < 0:
                conn.execute("SET statement_timeout = 0")  # waiting is what was asked for
                conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
            else:
                deadline = time.monotonic() + timeout
                while not conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (key,)).fetchone()[0]:
                    if time.monotonic() >= deadline:
                        raise BuildBusyError(f"another build of index {self.name!r} in {self.location} is running")
                    time.sleep(LOCK_POLL_SECONDS)
            yield
        finally:
            conn.close()  # closing the session releases the advisory lock

    def current_generation(self) -> int | None:
        """The generation readers should use now, or None when nothing was published."""
        with connect(self.uri) as conn:
            row = self._published(conn, "generation")
            return int(row[0]) if row else None

    def read_manifest(self) -> Manifest:
        """The published manifest, nothing else read. Raises IndexLoadError when there is none."""
        with connect(self.uri) as conn:
            row = self._published(conn, "manifest")
        if row is None:
            raise IndexLoadError(f"no index {self.name!r} in {self.location}; build one with `rag index`")
        return Manifest.from_json(row[0])

    def open(self, *, embedder_id: str | None = None, lexical: bool = True) -> PgIndex:
        # ``lexical`` changes nothing here: the lexical index stays in the database until searched.
        return self.load(embedder_id=embedder_id)

    def publish(self, manifest: Manifest, units: Sequence[Unit], vectors: np.ndarray) -> Manifest:
        """:meth:`write` a new generation; the manifest records pgvector's HNSW as the vector index."""
        manifest = replace(manifest, faiss_kind=VECTOR_INDEX_KIND)
        self.write(manifest, units, vectors)
        return manifest

    def write(self, manifest: Manifest, units: Sequence[Unit], vectors: np.ndarray) -> int:
        """Store a whole index as a new generation and publish it; returns the generation.

        The lexical tokens are computed here from each unit's ``embed_text()`` — the text the
        file store indexes — so both stores search the same words.
        """
        if len(units) != len(vectors) or len(units) != manifest.unit_count:
            raise ValueError(
                f"index parts disagree: {len(units)} units, {len(vectors)} vectors, manifest says {manifest.unit_count}"
            )
        with connect(self.uri) as conn:
            # A build is a bounded job under the advisory lock: its statements (the COPY of 10^5
            # units, the HNSW build, VACUUM) may take minutes, so this session — and only this one —
            # has no statement limit; and the HNSW graph is built in memory (pgvector slows down
            # sharply once it no longer fits in maintenance_work_mem).
            conn.execute(f"SET statement_timeout = {BUILD_STATEMENT_TIMEOUT_MS}")
            conn.execute(f"SET maintenance_work_mem = '{BUILD_MAINTENANCE_WORK_MEM}'")
            self._ensure_schema(conn)
            conn.commit()
            row = conn.execute("SELECT generation FROM rag_index WHERE name = %s", (self.name,)).fetchone()
            old = int(row[0]) if row else None
            generation = (old or 0) + 1
            units_t, terms_t, post_t = (self._table(k, generation) for k in ("units", "terms", "postings"))
            for table in (units_t, terms_t, post_t):  # left over by a build that crashed mid-way
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute(
                f"CREATE TABLE {units_t} (row integer PRIMARY KEY, unit jsonb NOT NULL, "
                f"length integer NOT NULL, embedding vector({manifest.dim}) NOT NULL)"
            )
            # The unit's length rides along in every posting so BM25 reads one covering index.
            conn.execute(
                f"CREATE TABLE {post_t} (term text NOT NULL, row integer NOT NULL, tf integer NOT NULL, "
                "length integer NOT NULL)"
            )
            conn.execute(f"CREATE TABLE {terms_t} (term text PRIMARY KEY, df integer NOT NULL)")
            df: Counter[str] = Counter()
            lengths: list[int] = []
            started = time.perf_counter()
            with conn.cursor() as cur:
                # Postings first: each unit is tokenised once, its length kept for the units table.
                with cur.copy(f"COPY {post_t} (term, row, tf, length) FROM STDIN") as copy:
                    for i, unit in enumerate(units):
                        tokens = bigrams(unit.embed_text()) or [EMPTY_TOKEN]
                        counts = Counter(tokens)
                        df.update(counts.keys())
                        lengths.append(len(tokens))
                        for term, tf in counts.items():
                            copy.write_row((term, i, tf, len(tokens)))
                with cur.copy(f"COPY {units_t} (row, unit, length, embedding) FROM STDIN") as copy:
                    for i, unit in enumerate(units):
                        copy.write_row((i, json.dumps(unit.to_json(), ensure_ascii=False), lengths[i],
                                        vector_literal(vectors[i])))
                with cur.copy(f"COPY {terms_t} (term, df) FROM STDIN") as copy:
                    for term, n in df.items():
                        copy.write_row((term, n))
            total_length = sum(lengths)
            copied = time.perf_counter()
            conn.execute(f"CREATE INDEX ON {post_t} (term) INCLUDE (row, tf, length)")
            postings_indexed = time.perf_counter()
            conn.execute(
                f"CREATE INDEX ON {units_t} USING hnsw (embedding vector_ip_ops) "
                f"WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})"
            )
            hnsw_built = time.perf_counter()
            data = manifest.to_json()
            data["lexical"] = {"avgdl": total_length / max(1, len(units)), "n": len(units)}
            conn.execute(
                "INSERT INTO rag_index (name, generation, manifest) VALUES (%s, %s, %s) "
                "ON CONFLICT (name) DO UPDATE SET generation = EXCLUDED.generation, "
                "manifest = EXCLUDED.manifest, published_at = now()",
                (self.name, generation, json.dumps(data, ensure_ascii=False)),
            )
            conn.commit()
            conn.autocommit = True  # VACUUM cannot run in a transaction; it lets BM25 scan the index only
            conn.execute(f"VACUUM ANALYZE {post_t}")
            conn.execute(f"ANALYZE {units_t}")
            conn.autocommit = False
            log.info("generation %d of %s: COPY %.1f s, postings index %.1f s, HNSW %.1f s, commit + VACUUM %.1f s",
                     generation, self.name, copied - started, postings_indexed - copied, hnsw_built - postings_indexed,
                     time.perf_counter() - hnsw_built)
            # Readers reload before their next question; one still answering from the generation
            # just replaced keeps its tables until the next publication, so only older ones go.
            for table in self._generation_tables(conn, below=old if old is not None else generation):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.commit()
        return generation

    def _generation_tables(self, conn: Any, *, below: int) -> list[str]:
        """This index's per-generation tables of generations before ``below`` (crashed builds' too)."""
        pattern = f"^rag_{self.name}_(units|terms|postings)_([0-9]+)$"
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                            "AND tablename ~ %s", (pattern,)).fetchall()
        return [t for (t,) in rows if int(t.rsplit("_", 1)[1]) < below]

    def _published(self, conn: Any, columns: str) -> tuple[Any, ...] | None:
        """This index's row of ``rag_index`` (None when nothing was published). No DDL: a reader
        may be on a read-only replica."""
        import psycopg

        try:
            row = conn.execute(f"SELECT {columns} FROM rag_index WHERE name = %s", (self.name,)).fetchone()
        except psycopg.errors.UndefinedTable:
            conn.rollback()
            return None
        return tuple(row) if row is not None else None

    def load(self, *, embedder_id: str | None = None, ef_search: int = HNSW_EF_SEARCH) -> PgIndex:
        """The published generation, ready to search.

        Raises:
            IndexLoadError: nothing published under this name.
            IndexMismatchError: it was built with another embedder than ``embedder_id``.
        """
        import psycopg

        with connect(self.uri) as conn:
            for attempt in range(LOAD_ATTEMPTS):
                row = self._published(conn, "generation, manifest")
                if row is None:
                    raise IndexLoadError(f"no index {self.name!r} in {self.location}; build one with `rag index`")
                generation, data = int(row[0]), row[1]
                manifest = Manifest.from_json(data)
                if embedder_id is not None and embedder_id != manifest.embedder_id:
                    raise IndexMismatchError(
                        f"index {self.name!r} in PostgreSQL was built with embedder {manifest.embedder_id!r}, "
                        f"but the embedder asked for is {embedder_id!r}. Rebuild it with `rag index`."
                    )
                try:
                    rows = conn.execute(f"SELECT unit FROM {self._table('units', generation)} ORDER BY row").fetchall()
                    break
                except psycopg.errors.UndefinedTable:  # two publications since the row was read
                    conn.rollback()
                    if attempt + 1 == LOAD_ATTEMPTS:
                        raise IndexLoadError(f"index {self.name!r} in {self.location} keeps changing; "
                                             "try again when the builds have finished") from None
        units = [Unit.from_json(r[0]) for r in rows]
        lexical = data.get("lexical", {})
        return PgIndex(self, generation, manifest, units, float(lexical.get("avgdl", 1.0)), ef_search)
