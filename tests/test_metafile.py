"""Document metadata in the index: stored with it, overridden by the sidecar, edited without loss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.index.build import build_index
from rag.index.metafile import SIDECAR, MetaError, apply, read, set_fields, validate
from rag.index.metaupdate import set_meta
from rag.index.store import load_index
from rag.records import DocumentMeta
from rag.settings import Settings
from tests.conftest import CountingEmbedder

PLAN = "示范实施方案"
LAW = "住房租赁条例"


def _build(settings: Settings, emb: CountingEmbedder | None = None):  # type: ignore[no-untyped-def]
    emb = emb or CountingEmbedder()
    return build_index(settings, lambda: emb, progress=False), emb


def _meta(settings: Settings, doc: str) -> DocumentMeta:
    return load_index(settings.index_path).document(doc).meta


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "news"}, "kind 'news' is not one of"),
        ({"status": "abolished"}, "status 'abolished' is not one of"),
        ({"issued": "2021-02-30"}, "issued '2021-02-30' is not a date"),
        ({"effective": "next year"}, "effective 'next year' is not a date"),
        ({"colour": "red"}, "unknown field 'colour'"),
        ({"title": 3}, "title must be text, got 3"),
        ({"issuer": "国" * 201}, "issuer is 201 characters"),
    ],
)
def test_bad_values_are_refused_with_the_value(fields: dict[str, object], message: str) -> None:
    with pytest.raises(MetaError, match=message):
        validate("doc", fields)


def test_good_values_pass_and_apply_over_what_was_detected() -> None:
    given = {"kind": "law", "status": "repealed", "issued": "2021年1月15日", "effective": "2021-05-01"}
    fields = validate("doc", given)
    detected = DocumentMeta(title="某条例", kind="regulation", issuer="国务院")
    shown = apply(detected, fields)
    assert (shown.kind, shown.status, shown.issuer, shown.effective) == ("law", "repealed", "国务院", "2021-05-01")
    assert not shown.current and shown.formal


def test_the_index_stores_each_documents_metadata(settings: Settings) -> None:
    _build(settings)
    assert _meta(settings, LAW).kind == "regulation"  # "本条例", 第X条
    assert _meta(settings, PLAN).kind == "policy"  # the title ends in 方案
    manifest = json.loads((settings.index_path / "manifest.json").read_text(encoding="utf-8"))
    entry = next(d for d in manifest["documents"] if d["doc_id"] == LAW)
    assert entry["meta"]["kind"] == "regulation" and entry["meta_override"] == {}


def test_a_sidecar_overrides_without_re_embedding(settings: Settings, docs_dir: Path) -> None:
    _, first = _build(settings)
    edit = {LAW: {"status": "repealed", "issuer": "某市人民政府"}}
    (docs_dir / SIDECAR).write_text(json.dumps(edit), encoding="utf-8")
    report, emb = _build(settings)
    assert not report.up_to_date and report.meta_changed == [LAW] and emb.texts == []
    meta = _meta(settings, LAW)
    assert (meta.status, meta.issuer, meta.kind) == ("repealed", "某市人民政府", "regulation")
    assert len(load_index(settings.index_path)) == len(first.texts)
    again, _ = _build(settings)
    assert again.up_to_date


def test_a_bad_sidecar_entry_keeps_what_was_indexed(settings: Settings, docs_dir: Path) -> None:
    (docs_dir / SIDECAR).write_text(json.dumps({LAW: {"status": "repealed"}}), encoding="utf-8")
    _build(settings)
    (docs_dir / SIDECAR).write_text(json.dumps({LAW: {"status": "gone"}, PLAN: {"kind": "law"}}), encoding="utf-8")
    report, _ = _build(settings)
    assert any("status 'gone'" in w for w in report.warnings)
    assert _meta(settings, LAW).status == "repealed"  # the last good edit stays
    assert _meta(settings, PLAN).kind == "law"  # the good entry is applied
    (docs_dir / SIDECAR).write_text("{not json", encoding="utf-8")
    report, _ = _build(settings)
    assert any("not readable as JSON" in w for w in report.warnings)
    assert _meta(settings, LAW).status == "repealed" and _meta(settings, PLAN).kind == "law"
    assert len(load_index(settings.index_path)) > 0


def test_read_and_set_fields(tmp_path: Path) -> None:
    assert read(tmp_path).entries == {}
    set_fields(tmp_path, "a", {"kind": "law", "status": "amended"})
    set_fields(tmp_path, "b", {"title": "乙"})
    assert set_fields(tmp_path, "a", {"status": None}) == {"kind": "law"}
    assert read(tmp_path).entries == {"a": {"kind": "law"}, "b": {"title": "乙"}}
    with pytest.raises(MetaError, match="kind 'memo'"):
        set_fields(tmp_path, "a", {"kind": "memo"})
    assert read(tmp_path).entries["a"] == {"kind": "law"}  # nothing written on a refusal
    assert not list(tmp_path.glob(f"{SIDECAR}.tmp-*"))


def test_set_meta_publishes_at_once_and_survives_a_rebuild(settings: Settings, docs_dir: Path) -> None:
    _build(settings)
    before = load_index(settings.index_path)
    entry = set_meta(settings, LAW, {"status": "repealed", "effective": "2020-01-01"})
    assert entry.meta.status == "repealed"
    after = load_index(settings.index_path)
    assert after.document(LAW).meta.status == "repealed" and after.document(LAW).detected.status == ""
    assert [u.id for u in after.units] == [u.id for u in before.units]
    assert after.vectors.ntotal == before.vectors.ntotal
    assert json.loads((docs_dir / SIDECAR).read_text(encoding="utf-8"))[LAW]["status"] == "repealed"
    report, emb = _build(settings)
    assert report.up_to_date and emb.texts == []
    with pytest.raises(MetaError, match="status 'old'"):
        set_meta(settings, LAW, {"status": "old"})
    with pytest.raises(KeyError, match="no document 'nope'"):
        set_meta(settings, "nope", {"status": "repealed"})
    assert load_index(settings.index_path).document(LAW).meta.effective == "2020-01-01"


def test_set_meta_on_a_postgresql_store_says_how_instead(settings: Settings) -> None:
    pg = settings.with_(store="postgresql://rag:secret@db.example/rag")
    with pytest.raises(MetaError, match=r"in PostgreSQL \(db.example/rag\); edit .*\.meta\.json and run `rag index`"):
        set_meta(pg, LAW, {"status": "repealed"})
