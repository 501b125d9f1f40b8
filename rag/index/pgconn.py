"""The PostgreSQL store's connection, settings and SQL helpers, shared by the store (writes,
:mod:`rag.index.pgstore`) and the loaded index (searches, :mod:`rag.index.pgindex`)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

# bm25s's defaults (method "lucene"), which the file store uses: the same here so that both
# stores give the same lexical scores.
BM25_K1 = 1.5
BM25_B = 0.75
# pgvector HNSW build and search depth. benchmarks/pg_bench.py at 10^5 units (the vectors of
# hnsw_bench.py: blends of real unit embeddings, probed with the 211 real dev questions), m=16,
# ef_construction=64: recall@10 against exact search 0.850 at ef_search 40 (pgvector's default),
# 0.957 at 100, 0.982 at 200, 0.994 at 400, 1.000 at 1000; built in 57 s (a second build: 0.843,
# 0.942, 0.981, 0.994, 0.999). m=32 with
# ef_construction=128 reached 0.997 at 200 and 1.000 at 400 but took 164 s to build: not worth
# it at 400. (Blends of only 400 seed sentences — near-duplicates — gave 0.76 at 400 with m=16.)
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 64
HNSW_EF_SEARCH = 400
# Seconds a connection attempt or a single statement may take before the client gives up.
CONNECT_TIMEOUT_S = 10
STATEMENT_TIMEOUT_MS = 60_000
# In a build's session: no statement limit (the 60 s above stopped the COPY of 10^5 units,
# benchmarks/pg_bench.py), and memory for the HNSW graph of 10^5 × 384 dimensions (≈ 200 MB).
BUILD_STATEMENT_TIMEOUT_MS = 0
BUILD_MAINTENANCE_WORK_MEM = "1GB"
# How often a builder that may wait looks at the advisory lock again (unmeasured; builds take seconds).
LOCK_POLL_SECONDS = 0.2
VECTOR_INDEX_KIND = f"pgvector-hnsw{HNSW_M}"
LOAD_ATTEMPTS = 3  # a load that raced publications reads the newest generation again
NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
# The token of a unit without any (the file store uses NUL, which PostgreSQL text cannot hold:
# a noncharacter instead, which no query's bigrams contain).
EMPTY_TOKEN = "\uffff"


class PgStoreError(RuntimeError):
    """The database cannot be reached or does not hold what was asked for."""


def connect(uri: str) -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise PgStoreError(
            'RAG_STORE is a PostgreSQL URI but psycopg is missing: pip install "psycopg[binary]"'
        ) from exc
    try:
        return psycopg.connect(
            uri, connect_timeout=CONNECT_TIMEOUT_S, options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
        )
    except psycopg.OperationalError as exc:
        raise PgStoreError(f"cannot connect to PostgreSQL at {redact(uri)}: {str(exc).strip()}") from exc


def redact(uri: str) -> str:
    """The URI without its password, for messages."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", uri)


def vector_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


def from_binary(value: bytes) -> np.ndarray:
    """A vector in pgvector's binary form: two int16 (dimension, unused), then big-endian float4s.
    10x faster to read than the text form (0.36 s against 3.4 s for 2·10^4 vectors)."""
    return np.frombuffer(value, dtype=">f4", offset=4).astype(np.float32)


def operational_errors() -> tuple[type[Exception], ...]:
    import psycopg

    return (psycopg.OperationalError, psycopg.InterfaceError)


def idf(n: int, df: int) -> float:
    """Lucene's BM25 idf, as bm25s computes it (exposed for tests)."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


# How the tables of an index are laid out; recorded with every publication. Layout 1 (a whole
# table set per generation, rows numbered by position) is no longer read: `rag index` rewrites it.
LAYOUT = 2
TABLE_KINDS = ("units", "postings", "terms", "docfreq", "dead")


@dataclass(frozen=True)
class PgState:
    """What a reader needs besides the manifest: the published generation, the table set (*base*:
    the generation that created the tables, which updates then change in place), the first unit id
    not yet used (units born later have higher ids) and the BM25 statistics."""

    generation: int
    base: int
    next_id: int
    units: int
    total_length: int

    @property
    def avgdl(self) -> float:
        return self.total_length / self.units if self.units else 1.0

    def to_json(self) -> dict[str, Any]:
        """The keys stored beside the manifest in ``rag_index.manifest`` (the generation has its column)."""
        return {
            "lexical": {"n": self.units, "avgdl": self.avgdl, "total_length": self.total_length},
            "pg": {"layout": LAYOUT, "base": self.base, "next_id": self.next_id},
        }

    @classmethod
    def from_row(cls, generation: int, data: dict[str, Any]) -> PgState | None:
        """The state of a published row, or None when an older policy-rag wrote it (layout 1)."""
        pg, lexical = data.get("pg"), data.get("lexical", {})
        if not isinstance(pg, dict) or pg.get("layout") != LAYOUT:
            return None
        return cls(generation, int(pg["base"]), int(pg["next_id"]), int(lexical["n"]), int(lexical["total_length"]))
