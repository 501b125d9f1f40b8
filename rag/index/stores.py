"""Which store holds the index: the files under ``index/<name>/`` or a PostgreSQL database.

One setting chooses: ``RAG_STORE`` empty (the default) keeps the embedded file store (FAISS +
bm25s files, :class:`rag.index.store.FileStore`); ``RAG_STORE=postgresql://user@host:port/db``
keeps the index in PostgreSQL with pgvector (:class:`rag.index.pgstore.PgStore`), where several
app servers share it. Everything above this module — ``rag index``, the app's uploads and
removals, ``rag ask``/``serve``/``eval`` — talks to a :class:`Store` and a :class:`SearchIndex`
and never asks which one it has.

A store does four things, each a one-method protocol: :class:`Locks` (one builder at a time),
:class:`Opens` (load the published index), :class:`Publishes` (replace it atomically with a new
one) and :class:`ReadsManifest` (what is published, without loading it). A store that can also
replace some documents in place (PostgreSQL) :class:`UpdatesDocuments` and :class:`KnowsVectors`
(the stored vector of a text), and the build then sends it only what changed. A loaded index searches
(:class:`DenseSearch`, :class:`LexicalSearch`), hands its vectors to the next incremental build
(:class:`StoredVectors`) and tells a long-running server when another one has published
(:class:`Reloads`).

Example::

    store = store_for(settings)
    with store.lock(timeout=-1):
        store.publish(manifest, units, vectors)
    index = store.open(embedder_id=embedder.id)
    index.dense_search(query_vector, 10)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

import numpy as np

from rag.index.pgstore import PgStore
from rag.index.store import FileStore, Manifest
from rag.records import Unit
from rag.settings import Settings

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class DenseSearch(Protocol):
    def dense_search(
        self, query_vector: np.ndarray, k: int, rows: Sequence[int] | None = None
    ) -> list[tuple[int, float]]:
        """Rows and inner-product scores of the ``k`` nearest units (only among ``rows``), best first."""
        ...


class LexicalSearch(Protocol):
    def lexical_search(self, query: str, k: int, rows: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """Rows and BM25 scores of the ``k`` best units for ``query`` (only among ``rows``), best first."""
        ...


class StoredVectors(Protocol):
    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """The stored vectors of ``rows``, so an incremental build embeds only what is new."""
        ...


class Reloads(Protocol):
    def newer(self) -> SearchIndex | None:
        """The index another process has published since this one was loaded, or None."""
        ...


class DocumentFrequencies(Protocol):
    def document_frequencies(self) -> Counter[str] | None:
        """Token (``rag.text.bigrams``) → how many units' texts hold it, when the store kept the
        table; None and the retriever counts them itself."""
        ...


class SearchIndex(DenseSearch, LexicalSearch, StoredVectors, Reloads, DocumentFrequencies, Protocol):
    """A loaded index of either store: the manifest and the units, row-aligned with the searches."""

    manifest: Manifest
    units: list[Unit]

    def __len__(self) -> int: ...


class Locks(Protocol):
    def lock(self, timeout: float = -1) -> AbstractContextManager[None]:
        """Hold the build lock of this index; ``timeout`` seconds (negative waits, 0 fails at once).

        Raises:
            BuildBusyError: another build holds it after ``timeout``.
        """
        ...


class Opens(Protocol):
    def open(self, *, embedder_id: str | None = None, lexical: bool = True) -> SearchIndex:
        """The published index. Raises IndexLoadError (IndexMismatchError for another embedder's).

        ``lexical=False``: the caller will not search it lexically (an incremental build reads
        only units and vectors), so a store may leave its lexical index unread.
        """
        ...


class Publishes(Protocol):
    def publish(self, manifest: Manifest, units: Sequence[Unit], vectors: np.ndarray) -> Manifest:
        """Replace the published index with this one, atomically; returns the manifest as stored."""
        ...


class ReadsManifest(Protocol):
    def read_manifest(self) -> Manifest:
        """The published index's manifest, nothing else loaded. Raises IndexLoadError."""
        ...


class Store(Locks, Opens, Publishes, ReadsManifest, Protocol):
    """Where one named index lives; ``location`` names it in messages (no password)."""

    location: str


@runtime_checkable
class UpdatesDocuments(Protocol):
    def update(
        self, manifest: Manifest, replaced: Sequence[str], units: Sequence[Unit], vectors: np.ndarray
    ) -> Manifest:
        """Publish ``manifest``: the units of documents ``replaced`` (changed or removed) gone,
        ``units`` with ``vectors`` added, atomically, at a cost that follows those documents.
        Raises IndexLoadError when the published index cannot be updated in place."""
        ...


@runtime_checkable
class KnowsVectors(Protocol):
    def known_vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The published vectors of the texts whose ``content_id(embed_text())`` is among ``keys``.
        Raises IndexLoadError when the published index cannot be updated in place."""
        ...


def uses_postgres(settings: Settings) -> bool:
    """Does ``settings.store`` name a PostgreSQL database?"""
    return settings.store.startswith(POSTGRES_SCHEMES)


def postgres_store(settings: Settings) -> PgStore:
    """The PostgreSQL store of ``settings`` (index name = ``settings.index_name``)."""
    if not uses_postgres(settings):
        raise ValueError(f"RAG_STORE must be empty or a postgresql:// URI. Currently, it is {settings.store!r}")
    return PgStore(settings.store, name=settings.index_name)


def store_for(settings: Settings) -> Store:
    """The store ``settings`` chooses: PostgreSQL when ``RAG_STORE`` is a URI, else the files."""
    if uses_postgres(settings):
        return postgres_store(settings)
    return FileStore(
        settings.index_path,
        hnsw_threshold=settings.hnsw_threshold,
        ef_search=settings.hnsw_ef_search,
        max_builds=settings.max_concurrent_builds,
    )


def open_index(settings: Settings, *, embedder_id: str | None = None) -> SearchIndex:
    """Load the index ``settings`` names, from whichever store holds it.

    Raises:
        IndexLoadError: no index, a damaged one, or (IndexMismatchError) another embedder's.
    """
    return store_for(settings).open(embedder_id=embedder_id)
