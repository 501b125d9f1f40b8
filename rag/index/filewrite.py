"""Writing a file index's parts: the FAISS index (flat or HNSW), units, document frequencies and
BM25 files, and the manifest last, everything fsynced. Also the names of those files."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np

from rag.index import docfreq
from rag.index.durable import fsync_path, sync_tree
from rag.index.lexical import LexicalIndex
from rag.index.manifest import FORMAT_VERSION, Manifest
from rag.index.unitfile import write_units
from rag.records import Unit
from rag.settings import HNSW_EF_SEARCH

MANIFEST = "manifest.json"
UNITS = "units.jsonl"  # format 1; format 2 writes the columns of rag.index.unitfile
VECTORS = "vectors.faiss"
LEXICAL_DIR = "lexical"
# HNSW graph degree: 0.6 ms per query at 10^6 units, 213 s to build (notes/speed.md).
HNSW_M = 32


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
