"""A whole index written into a new set of PostgreSQL tables (a new *base*), published in the same
transaction: the first build, and any build that cannot update in place (another embedder or
chunking, an index an older policy-rag wrote).

Per base ``b`` (the generation that creates it): ``rag_<name>_units_<b>`` (id, document, content
key, unit JSON, BM25 length, ``vector(dim)`` with an HNSW index), ``rag_<name>_postings_<b>``
(term, unit id, tf, length), ``rag_<name>_terms_<b>`` (BM25 document frequency per token, one row
per generation range ``born``..``died``), ``rag_<name>_docfreq_<b>`` (the retriever's document
frequencies of the units' texts, :mod:`rag.index.docfreq`) and ``rag_<name>_dead_<b>`` (the ids
of units the latest update removed, which readers of the generation before it still search).
Updates then change these tables in place (:mod:`rag.index.pgupdate`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from rag.index.manifest import Manifest
from rag.index.pgconn import HNSW_EF_CONSTRUCTION, HNSW_M, TABLE_KINDS, PgState
from rag.index.pgrows import copy_units
from rag.records import Unit

log = logging.getLogger("rag.index.pgstore")


def table_names(name: str, base: int) -> dict[str, str]:
    return {kind: f"rag_{name}_{kind}_{base}" for kind in TABLE_KINDS}


def create_tables(conn: Any, tables: dict[str, str], dim: int) -> None:
    for table in tables.values():  # left over by a build that crashed mid-way
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(
        f"CREATE TABLE {tables['units']} (id integer PRIMARY KEY, doc_id text NOT NULL, key text NOT NULL, "
        f"unit jsonb NOT NULL, length integer NOT NULL, embedding vector({dim}) NOT NULL)"
    )
    # The unit's length rides along in every posting so BM25 reads one covering index.
    conn.execute(f"CREATE TABLE {tables['postings']} (term text NOT NULL, id integer NOT NULL, "
                 "tf integer NOT NULL, length integer NOT NULL)")
    conn.execute(f"CREATE TABLE {tables['terms']} (term text NOT NULL, df integer NOT NULL, born integer NOT NULL, "
                 "died integer, PRIMARY KEY (term, born))")
    conn.execute(f"CREATE TABLE {tables['docfreq']} (term text PRIMARY KEY, df integer NOT NULL)")
    # Units are never updated in place (an UPDATE of a row would insert it into the HNSW graph
    # again): a removed unit's id goes here until the next update deletes it for good.
    conn.execute(f"CREATE TABLE {tables['dead']} (id integer PRIMARY KEY)")


def write_base(
    conn: Any, name: str, generation: int, manifest: Manifest, units: Sequence[Unit], vectors: np.ndarray,
    location: str,
) -> PgState:
    """Create the tables of base ``generation``, fill and index them; returns the state to publish
    (the caller writes ``rag_index`` and commits)."""
    tables = table_names(name, generation)
    create_tables(conn, tables, manifest.dim)
    started = time.perf_counter()
    with conn.cursor() as cur:
        stats = copy_units(cur, tables["units"], tables["postings"], units, vectors, 0, location)
        with cur.copy(f"COPY {tables['terms']} (term, df, born) FROM STDIN") as copy:
            for term, n in stats.df.items():
                copy.write_row((term, n, generation))
        with cur.copy(f"COPY {tables['docfreq']} (term, df) FROM STDIN") as copy:
            for term, n in stats.text_df.items():
                copy.write_row((term, n))
    copied = time.perf_counter()
    conn.execute(f"CREATE INDEX ON {tables['postings']} (term) INCLUDE (id, tf, length)")
    conn.execute(f"CREATE INDEX ON {tables['postings']} (id)")  # an update removes a document's postings
    conn.execute(f"CREATE INDEX ON {tables['units']} (doc_id)")
    conn.execute(f"CREATE INDEX ON {tables['units']} (key)")  # vectors reused by text
    conn.execute(f"CREATE INDEX ON {tables['terms']} (died) WHERE died IS NOT NULL")
    indexed = time.perf_counter()
    conn.execute(
        f"CREATE INDEX ON {tables['units']} USING hnsw (embedding vector_ip_ops) "
        f"WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})"
    )
    log.info("base %d of %s: COPY %.1f s, btree indexes %.1f s, HNSW %.1f s", generation, name,
             copied - started, indexed - copied, time.perf_counter() - indexed)
    return PgState(generation, generation, len(units), len(units), stats.total_length)
