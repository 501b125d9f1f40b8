"""Which store holds the index: the files under ``index/<name>/`` or a PostgreSQL database.

One setting chooses: ``RAG_STORE`` empty (the default) keeps the embedded file store (FAISS +
bm25s files, :mod:`rag.index.store`); ``RAG_STORE=postgresql://user@host:port/db`` keeps the
index in PostgreSQL with pgvector (:mod:`rag.index.pgstore`), where several app servers share it.
"""

from __future__ import annotations

from rag.index.pgstore import PgIndex, PgStore
from rag.index.store import Index, load_index
from rag.settings import Settings

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def uses_postgres(settings: Settings) -> bool:
    """Does ``settings.store`` name a PostgreSQL database?"""
    return settings.store.startswith(POSTGRES_SCHEMES)


def postgres_store(settings: Settings) -> PgStore:
    """The PostgreSQL store of ``settings`` (index name = ``settings.index_name``)."""
    if not uses_postgres(settings):
        raise ValueError(f"RAG_STORE must be empty or a postgresql:// URI. Currently, it is {settings.store!r}")
    return PgStore(settings.store, name=settings.index_name)


def open_index(settings: Settings, *, embedder_id: str | None = None) -> Index | PgIndex:
    """Load the index ``settings`` names, from whichever store holds it.

    Raises:
        IndexLoadError: no index, a damaged one, or (IndexMismatchError) another embedder's.
    """
    if uses_postgres(settings):
        return postgres_store(settings).load(embedder_id=embedder_id)
    return load_index(settings.index_path, embedder_id=embedder_id)


def is_stale(index: Index | PgIndex) -> bool:
    """Has another process published a newer index since ``index`` was loaded?

    Only a shared store can change under a running server without it knowing; the file store
    is rebuilt by this process (the app reloads after its own builds).
    """
    return isinstance(index, PgIndex) and not index.is_current()
