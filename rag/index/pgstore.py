"""The PostgreSQL + pgvector store: one index shared by several app servers.

Chosen by ``RAG_STORE=postgresql://user@host:port/db`` (see ``docs/deploy.md``). Everything the
file store keeps in ``index/<name>/`` lives in tables instead:

* ``rag_index``: one row per index name with the current *generation*, its manifest (JSON) and
  what readers need besides (:class:`rag.index.pgconn.PgState`: the table set, the next unit id,
  the BM25 statistics).
* per table set (*base*, named by the generation that created it): units with their embeddings
  (``vector(dim)``, HNSW over inner product), postings, versioned BM25 document frequencies, the
  retriever's document frequencies and the ids of removed units (:mod:`rag.index.pgwrite`).

The first build, and any that changes the embedder or the chunking, writes a new table set
(:mod:`rag.index.pgwrite`); a build that adds, changes or removes some documents updates the
published one in place (:mod:`rag.index.pgupdate`), at a cost that follows those documents. Either
way one transaction writes everything and switches ``rag_index`` to the new generation, so a
reader sees the old generation or the new one, never half of one, and a failed build leaves the
published index as it was (the transaction rolls back). Builders of one index are serialised
with a PostgreSQL advisory lock. A reader remembers the generation it loaded;
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
from contextlib import contextmanager, suppress
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
    HNSW_EF_CONSTRUCTION,
    HNSW_EF_SEARCH,
    HNSW_M,
    LOAD_ATTEMPTS,
    LOCK_POLL_SECONDS,
    NAME,
    TABLE_KINDS,
    VECTOR_INDEX_KIND,
    PgState,
    PgStoreError,
    connect,
    from_binary,
    idf,
    redact,
)
from rag.index.pgindex import PgIndex
from rag.index.pgupdate import update_base
from rag.index.pgwrite import table_names, write_base
from rag.records import Unit

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
        store.write(manifest, units, vectors)      # a new table set, published atomically
        store.update(manifest2, ["old-doc"], new_units, new_vectors)  # in place, also atomically
        index = store.load(embedder_id="builtin:multilingual-e5-small")
    """

    def __init__(self, uri: str, name: str = "default") -> None:
        if not NAME.match(name):
            raise ValueError(f"index name for PostgreSQL must match {NAME.pattern}. Currently, it is {name!r}")
        self.uri = uri
        self.name = name
        self.location = f"{redact(uri)} (index {name})"

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
        held = False
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
            held = True
            yield
        finally:
            if held:
                # Released now, not when the server gets round to ending the session: a builder
                # starting right after this one was told another build runs (a CI run, stop 41).
                with suppress(Exception):  # a broken session is released by its end
                    conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))
            conn.close()  # closing the session releases the advisory lock in any case

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
        manifest = Manifest.from_json(row[0])
        if PgState.from_row(0, row[0]) is None:
            # Tables an older policy-rag wrote (layout 1), which this one cannot read: a chunking
            # no build has, so the next `rag index` rewrites the index even with nothing changed.
            manifest = replace(manifest, chunking={**manifest.chunking, "store": "postgresql layout 1: rewrite"})
        return manifest

    def open(self, *, embedder_id: str | None = None, lexical: bool = True) -> PgIndex:
        # The BM25 index stays in the database until searched; ``lexical`` only skips the
        # retriever's document frequencies.
        return self.load(embedder_id=embedder_id, lexical=lexical)

    def publish(self, manifest: Manifest, units: Sequence[Unit], vectors: np.ndarray) -> Manifest:
        """:meth:`write` a new generation; the manifest records pgvector's HNSW as the vector index."""
        manifest = replace(manifest, faiss_kind=VECTOR_INDEX_KIND)
        self.write(manifest, units, vectors)
        return manifest

    def write(self, manifest: Manifest, units: Sequence[Unit], vectors: np.ndarray) -> int:
        """Store a whole index in new tables and publish it as a new generation; returns the generation.

        The lexical tokens are computed here from each unit's ``embed_text()`` — the text the
        file store indexes — so both stores search the same words.
        """
        if len(units) != len(vectors) or len(units) != manifest.unit_count:
            raise ValueError(
                f"index parts disagree: {len(units)} units, {len(vectors)} vectors, manifest says {manifest.unit_count}"
            )
        with self._build_session() as conn:
            old = self._locked_row(conn)
            generation = (old[0] if old else 0) + 1
            state = write_base(conn, self.name, generation, manifest, units, vectors, self.location)
            self._switch(conn, state, manifest)
            conn.autocommit = True  # VACUUM cannot run in a transaction; it lets BM25 scan the index only
            tables = table_names(self.name, state.base)
            conn.execute(f"VACUUM ANALYZE {tables['postings']}")
            conn.execute(f"ANALYZE {tables['units']}")
            self._drop_other_bases(conn, keep={state.base, self._base_of(old)})
        return generation

    def update(
        self, manifest: Manifest, replaced: Sequence[str], units: Sequence[Unit], vectors: np.ndarray
    ) -> Manifest:
        """Publish ``manifest`` as a new generation: the units of the documents ``replaced`` (changed
        or removed) deleted, ``units`` (new and changed documents) added with ``vectors``, the
        lexical statistics brought along — all in one transaction, in the published tables, so the
        cost follows the documents, not the index. Nothing changes when anything fails.

        Raises:
            IndexLoadError: nothing published, or tables an older policy-rag wrote (rebuild).
            ValueError: the parts disagree with each other or with the published index.
            PgStoreError: the server refused a row (the message names its document).
        """
        manifest = replace(manifest, faiss_kind=VECTOR_INDEX_KIND)
        if len(units) != len(vectors):
            raise ValueError(f"update parts disagree: {len(units)} units, {len(vectors)} vectors")
        with self._build_session() as conn:
            old = self._locked_row(conn)
            state = PgState.from_row(old[0], old[1]) if old else None
            if old is None or state is None:
                raise IndexLoadError(f"index {self.name!r} in {self.location} cannot be updated in place: "
                                     + ("nothing is published" if old is None else "an older policy-rag wrote it"))
            published = Manifest.from_json(old[1])
            if (published.embedder_id, published.dim) != (manifest.embedder_id, manifest.dim):
                raise ValueError(f"an update of index {self.name!r} must keep embedder {published.embedder_id!r} "
                                 f"(dimension {published.dim}); got {manifest.embedder_id!r} ({manifest.dim})")
            new = update_base(conn, self.name, state, state.generation + 1, replaced, units, vectors, self.location)
            if new.units != manifest.unit_count:
                raise ValueError(f"index {self.name!r} would hold {new.units} units after the update, the manifest "
                                 f"says {manifest.unit_count}; nothing was changed")
            self._switch(conn, new, manifest)
            conn.autocommit = True
            self._drop_other_bases(conn, keep={state.base})
        return manifest

    def known_vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors of published units by content key (``content_id(unit.embed_text())``), for the
        ``keys`` that have one: an update embeds only text the index has never seen.

        Raises:
            IndexLoadError: nothing published, or tables an older policy-rag wrote.
        """
        with connect(self.uri) as conn:
            row = self._published(conn, "generation, manifest")
            state = PgState.from_row(int(row[0]), row[1]) if row else None
            if state is None:
                raise IndexLoadError(f"index {self.name!r} in {self.location} has no tables this version reads")
            table = table_names(self.name, state.base)["units"]
            with conn.cursor(binary=True) as cur:
                found = cur.execute(f"SELECT DISTINCT ON (key) key, embedding FROM {table} WHERE key = ANY(%s)",
                                    (list(keys),)).fetchall()
        return {key: from_binary(value) for key, value in found}

    @contextmanager
    def _build_session(self) -> Iterator[Any]:
        """A connection for one build's transaction: the schema ensured, no statement limit (the
        COPY of 10^5 units, the HNSW build and VACUUM take minutes; the advisory lock bounds the
        job) and memory to build the HNSW graph in (pgvector slows down sharply once it no longer
        fits in maintenance_work_mem). Rolled back when anything fails."""
        with connect(self.uri) as conn:
            conn.execute(f"SET statement_timeout = {BUILD_STATEMENT_TIMEOUT_MS}")
            conn.execute(f"SET maintenance_work_mem = '{BUILD_MAINTENANCE_WORK_MEM}'")
            self._ensure_schema(conn)
            conn.commit()
            yield conn

    def _locked_row(self, conn: Any) -> tuple[int, dict[str, Any]] | None:
        """The published generation and manifest JSON, the row locked until the transaction ends."""
        row = conn.execute("SELECT generation, manifest FROM rag_index WHERE name = %s FOR UPDATE",
                           (self.name,)).fetchone()
        return (int(row[0]), row[1]) if row else None

    def _switch(self, conn: Any, state: PgState, manifest: Manifest) -> None:
        """Publish ``state`` with ``manifest`` and commit: readers see the new generation from now on."""
        data = {**manifest.to_json(), **state.to_json()}
        conn.execute(
            "INSERT INTO rag_index (name, generation, manifest) VALUES (%s, %s, %s) "
            "ON CONFLICT (name) DO UPDATE SET generation = EXCLUDED.generation, "
            "manifest = EXCLUDED.manifest, published_at = now()",
            (self.name, state.generation, json.dumps(data, ensure_ascii=False)),
        )
        conn.commit()
        log.info("generation %d of %s published (tables of generation %d)", state.generation, self.name, state.base)

    @staticmethod
    def _base_of(row: tuple[int, dict[str, Any]] | None) -> int | None:
        if row is None:
            return None
        state = PgState.from_row(*row)
        return state.base if state is not None else row[0]  # layout 1: one table set per generation

    def _drop_other_bases(self, conn: Any, keep: set[int | None]) -> None:
        """Drop this index's tables but those of ``keep``: readers reload before their next question,
        and one still answering from the generation just replaced keeps its tables until the next
        publication. Also drops what crashed builds left."""
        pattern = f"^rag_{self.name}_({'|'.join(TABLE_KINDS)})_([0-9]+)$"
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                            "AND tablename ~ %s", (pattern,)).fetchall()
        for (table,) in rows:
            if int(table.rsplit("_", 1)[1]) not in keep:
                conn.execute(f"DROP TABLE IF EXISTS {table}")

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

    def load(
        self, *, embedder_id: str | None = None, ef_search: int = HNSW_EF_SEARCH, lexical: bool = True,
        since: PgIndex | None = None,
    ) -> PgIndex:
        """The published generation, ready to search; read in one snapshot (a repeatable-read
        transaction), so the units, the dead ids and the document frequencies are all of it.

        ``lexical=False`` leaves the retriever's document frequencies unread (a build does not
        search). ``since``: a generation this process loaded before; when the published one was
        updated from it in place, only the units added since are read (a reader's reload).

        Raises:
            IndexLoadError: nothing published under this name, or tables an older policy-rag wrote.
            IndexMismatchError: it was built with another embedder than ``embedder_id``.
        """
        import psycopg

        with connect(self.uri) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True  # a reader may be on a read-only replica
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
                state = PgState.from_row(generation, data)
                if state is None:
                    raise IndexLoadError(f"index {self.name!r} in {self.location} was written by an older "
                                         "policy-rag; rewrite it with `rag index`")
                tables = table_names(self.name, state.base)
                try:
                    dead = [r for (r,) in conn.execute(f"SELECT id FROM {tables['dead']}").fetchall()]
                    pairs = self._units(conn, tables["units"], set(dead), since if since is not None and
                                        since.state.base == state.base else None)
                    doc_freq = Counter(dict(conn.execute(f"SELECT term, df FROM {tables['docfreq']}").fetchall())
                                       ) if lexical else None
                    conn.rollback()  # end the read-only snapshot
                    break
                except psycopg.errors.UndefinedTable:  # two publications since the row was read
                    conn.rollback()
                    if attempt + 1 == LOAD_ATTEMPTS:
                        raise IndexLoadError(f"index {self.name!r} in {self.location} keeps changing; "
                                             "try again when the builds have finished") from None
        assert state is not None  # the loop either loaded one or raised
        return PgIndex(self, state, manifest, [u for _, u in pairs], [i for i, _ in pairs], dead, doc_freq,
                       ef_search)

    @staticmethod
    def _units(conn: Any, table: str, dead: set[int], since: PgIndex | None) -> list[tuple[int, Unit]]:
        """The (id, unit) pairs of the generation, in id order, minus ``dead``. With ``since`` (a
        loaded generation of the same table set) only the units added after it are read and
        parsed; of its own units, those still present are kept."""
        if since is None:
            rows = conn.execute(f"SELECT id, unit FROM {table} ORDER BY id").fetchall()
            return [(int(i), Unit.from_json(u)) for i, u in rows if i not in dead]
        present = {i for (i,) in conn.execute(f"SELECT id FROM {table} WHERE id < %s",
                                              (since.state.next_id,)).fetchall()} - dead
        rows = conn.execute(f"SELECT id, unit FROM {table} WHERE id >= %s ORDER BY id",
                            (since.state.next_id,)).fetchall()
        kept = [(i, u) for i, u in zip(since.ids, since.units, strict=True) if i in present]
        return kept + [(int(i), Unit.from_json(u)) for i, u in rows if i not in dead]
