"""Storage stage: the persistent hybrid index under ``index/<name>/``.

An index is a directory holding ``manifest.json`` (format version, embedder id and dimension,
per-document content hashes, unit count, build time, chunking settings), the units in columns
(``units/``, :mod:`rag.index.unitfile`; format 1 had ``units.jsonl``, still read),
``vectors.faiss`` (inner product over L2-normalised vectors) and the BM25 files of
:mod:`rag.index.lexical`. Nothing is pickled.

``index/<name>`` is a symbolic link to the current build directory. A build writes a new
sibling directory and then replaces the link with ``os.replace`` (atomic on POSIX), so a reader
sees the old index or the new one, never half of one, and an interrupted build leaves the
previous index loadable. Every file and the build directory are fsynced before the link is
switched, and the parent directory after, so a power cut cannot leave the link naming empty
files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import faiss
import numpy as np

from rag.index import docfreq
from rag.index.fileindex import HNSW_FILTER_OVERFETCH, Index
from rag.index.filewrite import (
    HNSW_M,
    LEXICAL_DIR,
    MANIFEST,
    UNITS,
    VECTORS,
    finish_index,
    make_faiss,
    write_index,
)
from rag.index.lexical import LexicalIndex
from rag.index.linkswitch import new_build_dir, publish, remove_stale_builds
from rag.index.locks import build_lock
from rag.index.manifest import (
    FORMAT_VERSION,
    READS_VERSIONS,
    DocEntry,
    IndexLoadError,
    IndexMismatchError,
    Manifest,
)
from rag.index.unitfile import has_units, read_units, write_units
from rag.records import Unit
from rag.settings import HNSW_EF_SEARCH

# Re-exported: the manifest records, the loaded index, the writers and the link switch lived here first.
__all__ = [
    "FORMAT_VERSION", "HNSW_FILTER_OVERFETCH", "HNSW_M", "LEXICAL_DIR", "MANIFEST", "UNITS", "VECTORS", "DocEntry",
    "FileStore", "Index", "IndexLoadError", "IndexMismatchError", "Manifest", "finish_index", "load_index",
    "make_faiss", "new_build_dir", "now_iso", "publish", "read_manifest", "remove_stale_builds", "write_index",
]


def read_manifest(path: Path) -> Manifest:
    """The manifest of the index at ``path``; raises IndexLoadError with the reason."""
    file = path / MANIFEST
    if not file.is_file():
        raise IndexLoadError(f"no index at {path} (no {MANIFEST}); build one with `rag index`")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexLoadError(f"unreadable manifest {file}: {exc}") from exc
    version = data.get("format_version") if isinstance(data, dict) else None
    if version not in READS_VERSIONS:
        raise IndexLoadError(
            f"index {path} has format version {version!r}; this policy-rag reads versions "
            f"{', '.join(map(str, READS_VERSIONS))}. Rebuild it with `rag index`."
        )
    try:
        return Manifest.from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexLoadError(f"malformed manifest {file}: missing or bad field {exc}") from exc


def load_index(path: Path, *, embedder_id: str | None = None, lexical: bool = True) -> Index:
    """Load the index at ``path``.

    Args:
        path: the index directory (or the ``index/<name>`` link to it).
        embedder_id: when given, the embedder that will embed queries; it must be the one the
            index was built with.
        lexical: load the BM25 index too; an incremental build, which only carries units and
            vectors over, does without it (at 10^6 units it is the largest part in memory).

    Raises:
        IndexLoadError: missing, unreadable or unknown-format index.
        IndexMismatchError: the index was built with another embedder.
    """
    manifest = read_manifest(path)
    if embedder_id is not None and embedder_id != manifest.embedder_id:
        raise IndexMismatchError(
            f"index {path} was built with embedder {manifest.embedder_id!r} "
            f"(dimension {manifest.dim}), but the embedder asked for is {embedder_id!r}. "
            "Rebuild the index with `rag index` or set RAG_EMBEDDER to the index's embedder."
        )
    try:
        if has_units(path):
            units = read_units(path)
        else:  # format 1
            with (path / UNITS).open(encoding="utf-8") as fh:
                units = [Unit.from_json(json.loads(line)) for line in fh if line.strip()]
        vectors = faiss.read_index(str(path / VECTORS))
        bm25 = LexicalIndex.load(path / LEXICAL_DIR) if lexical else None
        doc_freq = docfreq.load(path) if lexical else None
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise IndexLoadError(f"index {path} is damaged: {exc}") from exc
    return Index(manifest, units, vectors, bm25, doc_freq)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FileStore:
    """The embedded store: an index directory published by an atomic link switch (module docstring).

    Example::

        store = FileStore(Path("index/default"), hnsw_threshold=200_000)
        with store.lock():
            store.publish(manifest, units, vectors)
        index = store.open(embedder_id=embedder.id)
    """

    def __init__(
        self, index_link: Path, *, hnsw_threshold: int, ef_search: int = HNSW_EF_SEARCH, max_builds: int = 1
    ) -> None:
        self.index_link = index_link
        self.location = str(index_link)
        self.hnsw_threshold = hnsw_threshold
        self.ef_search = ef_search
        self.max_builds = max_builds

    @contextmanager
    def lock(self, timeout: float = -1) -> Iterator[None]:
        """The index's file lock and a build slot (:func:`rag.index.locks.build_lock`); then the
        leftovers of interrupted builds are removed."""
        with build_lock(self.index_link, max_builds=self.max_builds, timeout=timeout):
            remove_stale_builds(self.index_link)
            yield

    def open(self, *, embedder_id: str | None = None, lexical: bool = True) -> Index:
        return load_index(self.index_link, embedder_id=embedder_id, lexical=lexical)

    def read_manifest(self) -> Manifest:
        return read_manifest(self.index_link)

    def publish(self, manifest: Manifest, units: Sequence[Unit], vectors: np.ndarray) -> Manifest:
        """FAISS (flat, or HNSW above ``hnsw_threshold``) and BM25 built, written, then switched in.

        One part at a time, each written and let go before the next is built: at 10^6 units the
        BM25 build and the HNSW graph are the two largest things a build holds
        (``benchmarks/scale_bench.py`` prints the peak of each phase).
        """
        build_dir = new_build_dir(self.index_link)
        build_dir.mkdir(parents=True)
        LexicalIndex.build((u.embed_text() for u in units), manifest.lexical_tokenizer).save(build_dir / LEXICAL_DIR)
        faiss_index, kind = make_faiss(vectors, manifest.dim, self.hnsw_threshold, ef_search=self.ef_search)
        faiss.write_index(faiss_index, str(build_dir / VECTORS))
        del faiss_index
        write_units(build_dir, units)
        docfreq.save(build_dir, docfreq.document_frequencies(u.text for u in units))
        manifest = replace(manifest, faiss_kind=kind, format_version=FORMAT_VERSION)
        finish_index(build_dir, manifest)
        publish(self.index_link, build_dir)
        return manifest
