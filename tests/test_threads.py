"""The thread setting (``RAG_THREADS``, ``rag.index.threads``)."""

from __future__ import annotations

import sys

import faiss
import pytest

from rag.index import threads
from rag.settings import Settings


def test_default_is_one_thread_on_small_machines_and_half_the_cores_above() -> None:
    assert [threads.default_threads(c) for c in (1, 2, 3, 4, 8, 64)] == [1, 1, 1, 2, 4, threads.MAX_AUTO_THREADS]


def test_setting_from_the_environment_and_its_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env({"RAG_THREADS": "3"}).threads == 3
    assert Settings.from_env({}).threads == 0  # automatic
    with pytest.raises(ValueError, match="the threads is -1"):
        Settings(threads=-1)
    with pytest.raises(ValueError, match="the hnsw_ef_search is 0"):
        Settings(hnsw_ef_search=0)
    monkeypatch.setattr(threads, "available_cpus", lambda: 16)
    assert threads.resolve_threads(0) == 8 and threads.resolve_threads(2) == 2


def test_apply_threads_sets_faiss_and_a_loaded_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    class FakeTorch:
        @staticmethod
        def set_num_threads(n: int) -> None:
            seen.append(n)

    monkeypatch.setitem(sys.modules, "torch", FakeTorch)
    before = faiss.omp_get_max_threads()
    try:
        threads.apply_threads(1)
        assert faiss.omp_get_max_threads() == 1 and seen == [1]
    finally:
        faiss.omp_set_num_threads(before)
