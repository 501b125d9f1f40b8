"""Updates in place of the PostgreSQL store (rag/index/pgupdate.py) against a real PostgreSQL server
(``pg_uri``): after documents are replaced, added and removed, the index ranks exactly like a file
index built from scratch over the same units; a reader of an older generation keeps its results
while updates commit; a row the server refuses leaves the published index as it was and the
message names the document.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from rag.index.docfreq import document_frequencies
from rag.index.embed import HashingEmbedder
from rag.index.lexical import LexicalIndex
from rag.index.manifest import IndexLoadError, Manifest
from rag.index.store import Index, make_faiss
from rag.records import Unit
from tests.conftest import LAW_TEXT, PLAN_TEXT
from tests.test_pgstore import _index_parts, _tables, _units

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

LAW_V2 = (LAW_TEXT.replace("不得违规改建房屋", "不得擅自改变房屋用途，不得违规分割出租")
          + "\n第四条 承租人应当按时支付租金。\n")
GREEN = "屋顶绿化办法"
GREEN_TEXT = ("第一条 新建公共建筑应当实施屋顶绿化，绿化面积不得少于屋顶可绿化面积的百分之三十五。\n\n"
              "第二条 本办法自公布之日起施行。\n")
QUERIES = ("落户限制", "出租人不得改建房屋", "改变房屋用途 分割出租", "屋顶绿化面积", "租金", "第二条")
EMBEDDER = HashingEmbedder(64)


def _manifest(units: list[Unit]) -> Manifest:
    return _index_parts(units)[0]


def _update(store: Any, current: list[Unit], replaced: list[str], added: list[Unit]) -> list[Unit]:
    """Apply one update in place; returns the units the index now holds, in the store's order."""
    final = [u for u in current if u.doc_id not in replaced] + added
    store.update(_manifest(final), replaced, added, EMBEDDER.embed([u.embed_text() for u in added]))
    return final


def _file_index(units: list[Unit]) -> Index:
    manifest, vectors = _index_parts(units)
    return Index(manifest, units, make_faiss(vectors, 64, hnsw_threshold=10**9)[0],
                 LexicalIndex.build([u.embed_text() for u in units]))


def _results(index: Any) -> list[Any]:
    """Every query's lexical and dense top 5, by unit (rows differ between stores), with scores."""
    out = []
    for query in QUERIES:
        lexical = [(_key(index.units[r]), round(s, 4)) for r, s in index.lexical_search(query, 5)]
        vector = EMBEDDER.embed([query], query=True)[0]
        dense = [(_key(index.units[r]), round(s, 4)) for r, s in index.dense_search(vector, 5)]
        out.append((query, lexical, dense))
    return out


def _key(unit: Unit) -> tuple[str, int, str]:
    return unit.doc_id, unit.ordinal, unit.text


def test_updates_in_place_rank_like_a_file_index_built_from_scratch(pg_uri: str) -> None:
    from rag.index.pgstore import PgStore

    store = PgStore(pg_uri, name="in_place")
    plan, law = _units("示范实施方案", PLAN_TEXT), _units("住房租赁条例", LAW_TEXT)
    units = plan + law
    store.write(_manifest(units), units, EMBEDDER.embed([u.embed_text() for u in units]))
    first = store.load()
    before = _results(first)

    units = _update(store, units, ["住房租赁条例"], _units("住房租赁条例", LAW_V2) + _units(GREEN, GREEN_TEXT))
    second = store.load()
    assert not first.is_current() and second.generation == first.generation + 1
    # The reader of generation 1 still searches generation 1: the old law, not the new units,
    # with the document frequencies and lengths of then.
    assert _results(first) == before
    assert [u.to_json() for u in second.units] == [u.to_json() for u in units]
    assert _results(second) == _results(_file_index(units))

    units = _update(store, units, ["示范实施方案"], [])  # a removal
    third = store.load()
    assert _results(second) == _results(_file_index(second.units))  # generation 2 still whole
    assert [u.to_json() for u in third.units] == [u.to_json() for u in units]
    assert _results(third) == _results(_file_index(units))
    assert third.document_frequencies() == document_frequencies(u.text for u in units)
    # A reader's reload reads only the units added since its generation: the same index as a full load,
    # one update later (generation 2) and two (generation 1, whose removed units are gone by now).
    for older in (second, first):
        reloaded = older.newer()
        assert reloaded is not None and reloaded.generation == third.generation
        assert reloaded.ids == third.ids and reloaded.dead == third.dead
        assert [u.to_json() for u in reloaded.units] == [u.to_json() for u in units]
        assert reloaded.document_frequencies() == third.document_frequencies()
        assert _results(reloaded) == _results(third)
    assert store.read_manifest().unit_count == len(third) == len(units)
    assert np.allclose(third.vectors_of(list(range(len(units)))), EMBEDDER.embed([u.embed_text() for u in units]),
                       atol=1e-6)
    # Updated in place: still the tables the first write created, no new table set.
    assert {t for (t,) in _tables(pg_uri, "rag_in_place_units_%")} == {"rag_in_place_units_1"}
    # Known vectors are found by text, for the next update to reuse.
    from rag.records import content_id

    key = content_id(units[0].embed_text())
    assert np.allclose(store.known_vectors([key, "no-such-text"])[key], EMBEDDER.embed([units[0].embed_text()])[0],
                       atol=1e-6)


def test_a_refused_row_leaves_the_published_index_as_it_was(pg_uri: str) -> None:
    from rag.index.pgstore import PgStore, PgStoreError

    store = PgStore(pg_uri, name="refused")
    units = _units("示范实施方案", PLAN_TEXT) + _units("住房租赁条例", LAW_TEXT)
    store.write(_manifest(units), units, EMBEDDER.embed([u.embed_text() for u in units]))
    reader = store.load()
    before = _results(reader)

    # The changed law goes first (its old units are already marked removed when the bad row comes),
    # then a new document whose second vector is NaN — a broken embedding the server refuses.
    added = _units("住房租赁条例", LAW_V2) + _units(GREEN, GREEN_TEXT)
    vectors = EMBEDDER.embed([u.embed_text() for u in added])
    bad = next(i for i, u in enumerate(added) if u.doc_id == GREEN) + 1
    vectors[bad, 3] = math.nan
    final = [u for u in units if u.doc_id != "住房租赁条例"] + added
    with pytest.raises(PgStoreError, match=f"document '{GREEN}'") as info:
        store.update(_manifest(final), ["住房租赁条例"], added, vectors)
    assert "NaN" in str(info.value) and "nothing was changed" in str(info.value)

    assert reader.is_current()  # no new generation
    again = store.load()
    assert [u.to_json() for u in again.units] == [u.to_json() for u in units]
    assert again.dead == [] and again.state == reader.state
    assert _results(again) == before and _results(reader) == before
    assert again.document_frequencies() == document_frequencies(u.text for u in units)
    assert store.read_manifest().documents == _manifest(units).documents

    vectors[bad, 3] = 0.0  # the same update with a good vector goes through
    store.update(_manifest(final), ["住房租赁条例"], added, vectors)
    assert _results(store.load()) == _results(_file_index(final))


def test_an_update_that_disagrees_with_the_index_changes_nothing(pg_uri: str) -> None:
    from rag.index.pgstore import PgStore

    store = PgStore(pg_uri, name="disagree")
    units = _units("示范实施方案", PLAN_TEXT)
    store.write(_manifest(units), units, EMBEDDER.embed([u.embed_text() for u in units]))
    green = _units(GREEN, GREEN_TEXT)
    wrong = _manifest(units + green + green)  # counts the new document twice
    with pytest.raises(ValueError, match="would hold"):
        store.update(wrong, [], green, EMBEDDER.embed([u.embed_text() for u in green]))
    assert store.load().generation == 1 and len(store.load()) == len(units)


def test_an_index_an_older_version_wrote_is_refused_with_the_way_out(pg_uri: str) -> None:
    import psycopg

    from rag.index.pgstore import PgStore

    store = PgStore(pg_uri, name="old_layout")
    units = _units("示范实施方案", PLAN_TEXT)
    store.write(_manifest(units), units, EMBEDDER.embed([u.embed_text() for u in units]))
    with psycopg.connect(pg_uri, autocommit=True) as conn:  # what layout 1 recorded: no "pg" state
        conn.execute("UPDATE rag_index SET manifest = manifest - 'pg' WHERE name = 'old_layout'")
    with pytest.raises(IndexLoadError, match="older policy-rag; rewrite it with `rag index`"):
        store.load()
    with pytest.raises(IndexLoadError, match="cannot be updated in place"):
        store.update(_manifest(units), [], [], np.zeros((0, 64), dtype=np.float32))
    assert store.read_manifest().chunking.get("store") == "postgresql layout 1: rewrite"

