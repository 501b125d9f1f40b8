"""``make_faiss``: exact search below the HNSW threshold, HNSW at the configured depth above."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from rag.index.store import make_faiss
from rag.settings import HNSW_EF_SEARCH, Settings


def test_hnsw_searches_at_the_configured_depth_also_after_a_reload(tmp_path: Path) -> None:
    vectors = np.random.default_rng(0).normal(size=(50, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    flat, kind = make_faiss(vectors, 8, hnsw_threshold=51)
    assert kind == "flat-ip" and isinstance(flat, faiss.IndexFlatIP)
    hnsw, kind = make_faiss(vectors, 8, hnsw_threshold=50, ef_search=77)
    assert kind == "hnsw32" and faiss.downcast_index(hnsw).hnsw.efSearch == 77
    faiss.write_index(hnsw, str(tmp_path / "v.faiss"))
    assert faiss.downcast_index(faiss.read_index(str(tmp_path / "v.faiss"))).hnsw.efSearch == 77
    default, _ = make_faiss(vectors, 8, hnsw_threshold=1)
    assert faiss.downcast_index(default).hnsw.efSearch == HNSW_EF_SEARCH == Settings().hnsw_ef_search
    _, rows = hnsw.search(vectors[:1], 1)
    assert rows[0][0] == 0
