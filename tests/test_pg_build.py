"""``rag index`` into PostgreSQL (``RAG_STORE``): incremental builds, the published generation, and a
pipeline that notices another builder's publication. A real PostgreSQL server (``pg_uri``), the
counting fake embedder for speed; the real embedder is used in tests/test_pg_servers.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rag.cli import main
from rag.index.build import build_index
from rag.index.pgstore import PgIndex
from rag.index.stores import open_index, store_for
from rag.pipeline import Pipeline
from rag.settings import Settings
from tests.conftest import CountingEmbedder

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

NEW_DOC = "屋顶绿化办法"
NEW_TEXT = "第一条 新建公共建筑应当实施屋顶绿化，绿化面积不得少于屋顶可绿化面积的百分之三十五。\n"


def test_rag_index_builds_into_postgres_incrementally(pg_uri: str, settings: Settings, docs_dir: Path) -> None:
    pg = settings.with_(store=pg_uri, index_name="incremental")
    first = CountingEmbedder()
    report = build_index(pg, lambda: first, progress=False)
    assert report.documents == 2 and report.embedded == report.units == len(first.texts) > 0
    assert report.where.startswith("postgresql://postgres@127.0.0.1:") and "incremental" in report.where
    assert not pg.index_path.exists()  # nothing went to the file store

    index = open_index(pg, embedder_id=first.id)
    assert isinstance(index, PgIndex) and index.manifest.faiss_kind.startswith("pgvector")
    build_index(settings, lambda: CountingEmbedder(), progress=False)  # the file store, same documents
    files = open_index(settings)
    assert [u.to_json() for u in index.units] == [u.to_json() for u in files.units]

    def untouched() -> CountingEmbedder:
        raise AssertionError("an up-to-date index must not load the embedder")

    assert build_index(pg, untouched, progress=False).up_to_date

    (docs_dir / f"{NEW_DOC}.txt").write_text(NEW_TEXT, encoding="utf-8")
    second = CountingEmbedder()
    report = build_index(pg, lambda: second, progress=False)
    assert report.added == [NEW_DOC] and report.reused_vectors == len(first.texts)
    assert second.texts and all("屋顶" in t for t in second.texts)  # only the new document embedded
    assert index.newer() is not None  # the reader loaded before sees that a newer generation exists
    grown = open_index(pg)
    assert NEW_DOC in {d.doc_id for d in grown.manifest.documents}
    assert grown.lexical_search("屋顶绿化面积", 1)[0][0] == next(
        i for i, u in enumerate(grown.units) if u.doc_id == NEW_DOC)

    (docs_dir / "住房租赁条例.txt").unlink()
    report = build_index(pg, lambda: CountingEmbedder(), progress=False)
    assert report.removed == ["住房租赁条例"] and report.embedded == 0
    assert {u.doc_id for u in open_index(pg).units} == {"示范实施方案", NEW_DOC}


def test_a_pipeline_answers_from_a_generation_another_builder_published(
    pg_uri: str, settings: Settings, docs_dir: Path
) -> None:
    pg = settings.with_(store=pg_uri, index_name="reload")
    embedder = CountingEmbedder()
    build_index(pg, lambda: embedder, progress=False)
    pipeline = Pipeline(open_index(pg, embedder_id=embedder.id), embedder)
    question = "新建公共建筑屋顶绿化面积有什么要求？"
    assert all(h.unit.doc_id != NEW_DOC for h in pipeline.retrieve(question))

    (docs_dir / f"{NEW_DOC}.txt").write_text(NEW_TEXT, encoding="utf-8")
    build_index(pg, lambda: embedder, progress=False)  # "another server": this pipeline is not told

    hits = pipeline.retrieve(question)
    assert hits and hits[0].unit.doc_id == NEW_DOC
    assert pipeline.refresh() is False  # already on the newest generation


def test_rag_index_and_info_name_the_database(pg_uri: str, settings: Settings, docs_dir: Path) -> None:
    env = {"RAG_STORE": pg_uri, "RAG_INDEX_NAME": "cli", "RAG_DOCUMENTS_DIR": str(docs_dir),
           "RAG_INDEX_DIR": str(settings.index_dir), "RAG_EMBEDDER": "hashing-64"}
    result = CliRunner().invoke(main, ["index", "--quiet"], env=env)
    assert result.exit_code == 0, result.output
    assert "index postgresql://postgres@127.0.0.1:" in result.output and "2 documents" in result.output
    info = CliRunner().invoke(main, ["info"], env=env)
    assert info.exit_code == 0, info.output
    assert "pgvector-hnsw" in info.output and "示范实施方案" in info.output
    assert store_for(settings.with_(store=pg_uri, index_name="cli")).read_manifest().unit_count > 0
    missing = CliRunner().invoke(main, ["info"], env={**env, "RAG_INDEX_NAME": "never_built"})
    assert missing.exit_code != 0 and "no index 'never_built'" in missing.output


def test_uploads_and_removals_through_the_app_build_into_postgres(
    pg_uri: str, settings: Settings, tmp_path: Path
) -> None:
    from ui.backend import Backend

    pg = settings.with_(store=pg_uri, index_name="app_edits")
    build_index(pg, lambda: CountingEmbedder(), progress=False)
    backend = Backend(pg, pipeline_factory=lambda s, _: Pipeline.from_settings(s))
    upload = tmp_path / "browser" / f"{NEW_DOC}.txt"
    upload.parent.mkdir()
    upload.write_text(NEW_TEXT, encoding="utf-8")

    result = backend.upload([(upload.name, upload)])
    assert result.saved == [upload.name] and result.report is not None and result.report.where.startswith("postgres")
    assert NEW_DOC in {d.doc_id for d in store_for(pg).read_manifest().documents}
    assert not pg.index_path.exists()
    assert backend.ask("新建公共建筑屋顶绿化面积有什么要求？")["citations"][0]["doc"] == NEW_DOC

    backend.remove(NEW_DOC)
    assert NEW_DOC not in {d.doc_id for d in store_for(pg).read_manifest().documents}
    assert not (pg.uploads_path / f"{NEW_DOC}.txt").exists()


def test_an_upload_updates_postgres_in_place_without_loading_the_index(
    pg_uri: str, settings: Settings, docs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.index.pgstore import PgStore

    pg = settings.with_(store=pg_uri, index_name="in_place_build")
    build_index(pg, lambda: CountingEmbedder(), progress=False)
    base = open_index(pg)
    assert isinstance(base, PgIndex)

    def no_load(*args: object, **kwargs: object) -> PgIndex:
        raise AssertionError("an update in place must not load the published index")

    (docs_dir / f"{NEW_DOC}.txt").write_text(NEW_TEXT, encoding="utf-8")
    law = docs_dir / "住房租赁条例.txt"
    changed = law.read_text(encoding="utf-8").replace("不得违规改建房屋", "不得擅自改变房屋用途")
    law.write_text(changed, encoding="utf-8")
    embedder = CountingEmbedder()
    with monkeypatch.context() as patch:
        patch.setattr(PgStore, "load", no_load)
        report = build_index(pg, lambda: embedder, progress=False)
    assert report.added == [NEW_DOC] and report.changed == ["住房租赁条例"]
    # Only the new document and the one changed article were embedded; the law's unchanged
    # articles found their stored vectors by text.
    assert embedder.texts and all("屋顶" in t or "改变房屋用途" in t for t in embedder.texts)
    assert report.reused_vectors + report.embedded == report.units

    updated = open_index(pg)
    assert isinstance(updated, PgIndex) and updated.state.base == base.state.base  # same tables
    build_index(settings, lambda: CountingEmbedder(), progress=False)  # the file store, same documents
    files = open_index(settings)
    assert sorted(u.text for u in updated.units) == sorted(u.text for u in files.units)
    for query in ("屋顶绿化面积", "改变房屋用途", "落户限制"):
        got = [(updated.units[r].text, round(s, 4)) for r, s in updated.lexical_search(query, 5)]
        assert got == [(files.units[r].text, round(s, 4)) for r, s in files.lexical_search(query, 5)], query
    assert updated.document_frequencies() == files.document_frequencies()


def test_rag_index_rewrites_an_index_an_older_version_wrote(pg_uri: str, settings: Settings) -> None:
    import psycopg

    pg = settings.with_(store=pg_uri, index_name="old_layout_build")
    build_index(pg, lambda: CountingEmbedder(), progress=False)
    with psycopg.connect(pg_uri, autocommit=True) as conn:  # what layout 1 recorded: no "pg" state
        conn.execute("UPDATE rag_index SET manifest = manifest - 'pg' WHERE name = 'old_layout_build'")
    report = build_index(pg, lambda: CountingEmbedder(), progress=False)  # nothing changed in the documents
    assert not report.up_to_date and report.units > 0
    assert len(open_index(pg)) == report.units
