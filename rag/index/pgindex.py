"""One loaded generation of a PostgreSQL index: the same search methods as the file store's
``Index`` (dense search with pgvector's HNSW, BM25 in SQL), and whether another server has
published a newer generation since it was loaded.

Rows are positions in ``units`` (ordered by unit id), as in the file store; the database knows
units by id. Updates of later generations go on in the same tables (:mod:`rag.index.pgupdate`),
so every search is confined to this generation: ids below its ``next_id``, not among the ids
removed by it, BM25 document frequencies valid at it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.index.manifest import DocEntry, Manifest
from rag.index.pgconn import (
    BM25_B,
    BM25_K1,
    HNSW_EF_SEARCH,
    PgState,
    connect,
    from_binary,
    operational_errors,
    vector_literal,
)
from rag.index.pgwrite import table_names
from rag.records import Unit
from rag.text import bigrams

if TYPE_CHECKING:
    from rag.index.pgstore import PgStore


class PgIndex:
    """One generation of a PostgreSQL index, with the file store ``Index``'s search methods."""

    def __init__(
        self, store: PgStore, state: PgState, manifest: Manifest, units: list[Unit], ids: list[int],
        dead: list[int], doc_freq: Counter[str] | None = None, ef_search: int = HNSW_EF_SEARCH,
    ) -> None:
        self.ef_search = int(ef_search)
        self.store = store
        self.state = state
        self.generation = state.generation
        self.manifest = manifest
        self.units = units
        self.ids = ids
        self._row_of = {unit_id: row for row, unit_id in enumerate(ids)}
        self.dead = dead
        self.tables = table_names(store.name, state.base)
        self._doc_freq = doc_freq
        self._conn: Any = None

    def __len__(self) -> int:
        return len(self.units)

    def document_frequencies(self) -> Counter[str] | None:
        """Token → units whose text holds it, stored by the build and read with the units (None
        when loaded without them: ``lexical=False``)."""
        return self._doc_freq

    def _visible(self, column: str, rows: Sequence[int] | None) -> tuple[str, list[object]]:
        """SQL conditions (and their parameters) keeping ``column`` (a unit id) to this generation's
        units, and to ``rows`` when given."""
        conditions, params = [f"{column} < %s"], list[object]([self.state.next_id])
        if self.dead:
            conditions.append(f"NOT ({column} = ANY(%s))")
            params.append(self.dead)
        if rows is not None:
            conditions.append(f"{column} = ANY(%s)")
            params.append([self.ids[r] for r in rows])
        return " AND ".join(conditions), params

    def _db(self) -> Any:
        if self._conn is None or self._conn.closed:
            self._conn = connect(self.store.uri)
            self._conn.autocommit = True
            self._conn.execute(f"SET hnsw.ef_search = {self.ef_search}")
            self._conn.execute("SET hnsw.iterative_scan = relaxed_order")
        return self._conn

    def is_current(self) -> bool:
        """Is this still the published generation (no other server has rebuilt since)?

        One indexed single-row query on this index's open connection (reopened once if the
        server dropped it): cheap enough to ask before every question.
        """
        sql = "SELECT generation FROM rag_index WHERE name = %s"
        try:
            row = self._db().execute(sql, (self.store.name,)).fetchone()
        except operational_errors():
            self.close()
            row = self._db().execute(sql, (self.store.name,)).fetchone()
        return row is not None and int(row[0]) == self.generation

    def newer(self) -> PgIndex | None:
        """The generation another server published since this one was loaded, loaded; or None."""
        if self.is_current():
            return None
        # This index's connection is left open: a question on another thread may still use it; it
        # closes when the old index is dropped.
        return self.store.load(embedder_id=self.manifest.embedder_id, ef_search=self.ef_search,
                               lexical=self._doc_freq is not None, since=self)

    def dense_search(
        self, query_vector: np.ndarray, k: int, rows: Sequence[int] | None = None
    ) -> list[tuple[int, float]]:
        """Rows and inner-product scores of the ``k`` nearest units (within ``rows``), best first."""
        if not self.units or k <= 0:
            return []
        q = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.manifest.dim:
            raise ValueError(f"query vector has dimension {q.shape[0]}, the index has {self.manifest.dim}")
        literal = vector_literal(q)
        where, params = self._visible("id", rows)
        sql = (f"SELECT id, -(embedding <#> %s::vector) AS score FROM {self.tables['units']} WHERE {where} "
               "ORDER BY embedding <#> %s::vector LIMIT %s")
        result = self._db().execute(sql, (literal, *params, literal, k)).fetchall()
        # An iterative HNSW scan (relaxed order) may return neighbours slightly out of order.
        return sorted(((self._row_of[int(i)], float(s)) for i, s in result), key=lambda rs: (-rs[1], rs[0]))

    def lexical_search(self, query: str, k: int, rows: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """BM25 (Lucene variant) in SQL; query tokens count as often as they occur, like bm25s."""
        tokens = bigrams(query)
        if not tokens or not self.units or k <= 0:
            return []
        counts = Counter(tokens)
        n = len(self.units)
        terms_t, post_t = self.tables["terms"], self.tables["postings"]
        where, extra = self._visible("p.id", rows)
        g = self.generation
        # Each query term's weight (times × idf) is computed once (a materialised CTE, a handful of
        # rows) and the per-posting sum is all float8: before, the idf was recomputed per posting in
        # numeric (the literals made it so), 240 of 246 ms of a query at 3·10^4 units.
        sql = f"""
            WITH q(term, times) AS (SELECT * FROM unnest(%s::text[], %s::int[])),
                 w(term, weight) AS MATERIALIZED (
                    SELECT q.term, q.times * ln(1 + (%s::float8 - t.df + 0.5) / (t.df + 0.5))
                    FROM q JOIN {terms_t} t ON t.term = q.term AND t.born <= {g} AND (t.died IS NULL OR t.died > {g}))
            SELECT p.id, SUM(w.weight * p.tf / (p.tf + %s::float8 * (1 - %s::float8 + %s::float8 * p.length
                                                                     / %s::float8))) AS score
            FROM w JOIN {post_t} p ON p.term = w.term
            WHERE {where}
            GROUP BY p.id ORDER BY score DESC, p.id LIMIT %s"""
        params = (list(counts), list(counts.values()), n, BM25_K1, BM25_B, BM25_B, self.state.avgdl, *extra, k)
        result = self._db().execute(sql, params).fetchall()
        # Ids and rows run in the same order, so ties break alike in both stores.
        return [(self._row_of[int(i)], float(s)) for i, s in result if s > 0]

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """The stored vectors of the given rows (reused by incremental builds), read in pgvector's
        binary form."""
        with self._db().cursor(binary=True) as cur:
            found = dict(cur.execute(f"SELECT id, embedding FROM {self.tables['units']} WHERE id = ANY(%s)",
                                     ([self.ids[int(r)] for r in rows],)).fetchall())
        out = np.zeros((len(rows), self.manifest.dim), dtype=np.float32)
        for i, row in enumerate(rows):
            out[i] = from_binary(found[self.ids[int(row)]])
        return out

    def document(self, doc_id: str) -> DocEntry:
        return self.manifest.document(doc_id)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
