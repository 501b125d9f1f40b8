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
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import faiss
import numpy as np

from rag.index import docfreq
from rag.index.durable import fsync_path, sync_tree
from rag.index.lexical import LexicalIndex
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

# Re-exported: the manifest records lived here first.
__all__ = [
    "FORMAT_VERSION", "DocEntry", "FileStore", "Index", "IndexLoadError", "IndexMismatchError", "Manifest",
    "load_index", "make_faiss", "new_build_dir", "now_iso", "publish", "read_manifest", "remove_stale_builds",
    "write_index",
]

MANIFEST = "manifest.json"
UNITS = "units.jsonl"  # format 1; format 2 writes the columns of rag.index.unitfile
VECTORS = "vectors.faiss"
LEXICAL_DIR = "lexical"
# HNSW graph degree: 0.6 ms per query at 10^6 units, 213 s to build (notes/speed.md).
HNSW_M = 32
# A search within some rows over HNSW fetches this many times k and filters (unmeasured; the
# retriever's document filter has always done so).
HNSW_FILTER_OVERFETCH = 20


class Index:
    """A loaded index: the units, their vectors in FAISS, and the BM25 index, row-aligned."""

    def __init__(
        self, manifest: Manifest, units: Sequence[Unit], vectors: faiss.Index, lexical: LexicalIndex | None,
        doc_freq: Counter[str] | None = None,
    ) -> None:
        lexical_rows = manifest.unit_count if lexical is None else lexical.size
        if not (len(units) == vectors.ntotal == lexical_rows == manifest.unit_count):
            raise IndexLoadError(
                f"index parts disagree: {len(units)} units, {vectors.ntotal} vectors, "
                f"{lexical_rows} lexical rows, manifest says {manifest.unit_count}"
            )
        self.manifest = manifest
        self.units = list(units)
        self.vectors = vectors
        self._lexical = lexical
        self._doc_freq = doc_freq

    def document_frequencies(self) -> Counter[str] | None:
        """Token → units whose text holds it, as counted at publication (None: not stored)."""
        return self._doc_freq

    @property
    def lexical(self) -> LexicalIndex:
        """The BM25 index; an index opened with ``lexical=False`` (a build's carry-over) has none."""
        if self._lexical is None:
            raise IndexLoadError("this index was opened without its lexical index (lexical=False)")
        return self._lexical

    def __len__(self) -> int:
        return len(self.units)

    def dense_search(
        self, query_vector: np.ndarray, k: int, rows: Sequence[int] | None = None
    ) -> list[tuple[int, float]]:
        """Rows and inner-product scores of the ``k`` nearest units (only among ``rows``), best first."""
        if len(self.units) == 0 or k <= 0:
            return []
        q = np.ascontiguousarray(query_vector, dtype=np.float32).reshape(1, -1)
        if q.shape[1] != self.manifest.dim:
            raise ValueError(
                f"query vector has dimension {q.shape[1]}, the index has {self.manifest.dim}"
            )
        if rows is None:
            scores, found = self.vectors.search(q, min(k, len(self.units)))
            return [(int(r), float(s)) for r, s in zip(found[0], scores[0], strict=True) if r >= 0]
        if not rows:
            return []
        if isinstance(self.vectors, faiss.IndexFlat):
            selector = faiss.IDSelectorBatch(np.asarray(rows, dtype=np.int64))
            params = faiss.SearchParameters()
            params.sel = selector  # kept alive by ``selector`` until the search returns
            scores, found = self.vectors.search(q, min(k, len(rows)), params=params)
            return [(int(r), float(s)) for r, s in zip(found[0], scores[0], strict=True) if r >= 0]
        # HNSW with a selector misses neighbours; over-fetch and filter instead.
        keep = set(rows)
        wide = self.dense_search(query_vector, min(len(self.units), k * HNSW_FILTER_OVERFETCH))
        return [(r, s) for r, s in wide if r in keep][:k]

    def lexical_search(self, query: str, k: int, rows: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """Rows and BM25 scores of the ``k`` best units for ``query`` (only among ``rows``), best first."""
        return self.lexical.search(query, k, rows=rows)

    def newer(self) -> None:
        """Always None: only the process that builds a file index publishes it, and it reloads then."""
        return None

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """The stored vectors of the given rows (reused by incremental builds)."""
        out = np.zeros((len(rows), self.manifest.dim), dtype=np.float32)
        for i, row in enumerate(rows):
            out[i] = self.vectors.reconstruct(int(row))
        return out

    def document(self, doc_id: str) -> DocEntry:
        return self.manifest.document(doc_id)


def make_faiss(
    vectors: np.ndarray, dim: int, hnsw_threshold: int, *, ef_search: int = HNSW_EF_SEARCH
) -> tuple[faiss.Index, str]:
    """Exact inner-product search, or HNSW once the index is large enough to need it.

    HNSW searches at depth ``ef_search`` (``Settings.hnsw_ef_search``); FAISS writes it into
    the index file, so a loaded index searches at the depth it was built with.
    """
    if len(vectors) >= hnsw_threshold:
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efSearch = ef_search
        index: faiss.Index = hnsw
        kind = f"hnsw{HNSW_M}"
    else:
        index = faiss.IndexFlatIP(dim)
        kind = "flat-ip"
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index, kind


def write_index(
    directory: Path, manifest: Manifest, units: Sequence[Unit], vectors: faiss.Index, lexical: LexicalIndex,
    doc_freq: Counter[str] | None = None,
) -> None:
    """Write every part of an index into ``directory`` (which must not be the live one);
    ``doc_freq`` is counted from the units when not given."""
    directory.mkdir(parents=True, exist_ok=True)
    write_units(directory, units)
    docfreq.save(directory, doc_freq if doc_freq is not None else docfreq.document_frequencies(u.text for u in units))
    faiss.write_index(vectors, str(directory / VECTORS))
    lexical.save(directory / LEXICAL_DIR)
    finish_index(directory, manifest)


def finish_index(directory: Path, manifest: Manifest) -> None:
    """Write the manifest of the parts already in ``directory``, last: a directory without one is
    an unfinished build. Every part is on disk before the manifest names them."""
    sync_tree(directory)
    manifest = replace(manifest, format_version=FORMAT_VERSION)  # the parts were written in this format
    tmp = directory / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    fsync_path(tmp)
    os.replace(tmp, directory / MANIFEST)
    fsync_path(directory)


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


def publish(index_link: Path, build_dir: Path) -> None:
    """Point ``index_link`` at ``build_dir`` atomically and remove the build it replaces."""
    old_target: Path | None = None
    if index_link.is_symlink():
        old_target = index_link.parent / os.readlink(index_link)
    elif index_link.is_dir():
        # An index directory copied in by hand: move it aside so the link can take its place.
        old_target = index_link.with_name(f".{index_link.name}.old-{uuid.uuid4().hex[:8]}")
        index_link.rename(old_target)
    tmp_link = index_link.with_name(f".{index_link.name}.link-{uuid.uuid4().hex[:8]}")
    tmp_link.symlink_to(build_dir.name)
    fsync_path(index_link.parent)  # the build directory's entry is durable before the link names it
    os.replace(tmp_link, index_link)
    fsync_path(index_link.parent)  # and the switch itself survives a power cut
    if old_target is not None and old_target.resolve() != build_dir.resolve():
        shutil.rmtree(old_target, ignore_errors=True)


def new_build_dir(index_link: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return index_link.with_name(f".{index_link.name}.build-{stamp}-{uuid.uuid4().hex[:8]}")


def remove_stale_builds(index_link: Path) -> None:
    """Delete build directories left by interrupted builds (never the live one)."""
    live = index_link.resolve() if index_link.exists() else None
    for candidate in index_link.parent.glob(f".{index_link.name}.build-*"):
        if candidate.resolve() != live:
            shutil.rmtree(candidate, ignore_errors=True)
    for candidate in index_link.parent.glob(f".{index_link.name}.link-*"):
        candidate.unlink(missing_ok=True)


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
