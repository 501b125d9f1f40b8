"""Index round trip, incremental updates, crash safety and compatibility errors (fake embedder)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rag.index import build as build_module
from rag.index import store as store_module
from rag.index.build import build_index
from rag.index.lexical import LexicalIndex
from rag.index.store import FORMAT_VERSION, IndexLoadError, IndexMismatchError, load_index
from rag.settings import Settings
from tests.conftest import CountingEmbedder


def test_round_trip_keeps_units_vectors_and_manifest(settings: Settings) -> None:
    emb = CountingEmbedder()
    report = build_index(settings, lambda: emb, progress=False)
    assert report.documents == 2 and report.units == len(emb.texts) > 0
    assert not report.skipped

    index = load_index(settings.index_path, embedder_id=emb.id)
    assert len(index) == report.units
    m = index.manifest
    assert m.format_version == FORMAT_VERSION and m.embedder_id == emb.id and m.dim == 64
    assert {d.doc_id for d in m.documents} == {"示范实施方案", "住房租赁条例"}
    assert all(len(d.sha256) == 64 for d in m.documents)

    labels = {u.label for u in index.units}
    assert {"（三）", "第三条"} <= labels
    row = next(i for i, u in enumerate(index.units) if u.label == "（三）")
    dense = index.dense_search(emb.embed([index.units[row].embed_text()])[0], 3)
    assert dense[0][0] == row and dense[0][1] == pytest.approx(1.0, abs=1e-4)
    lexical = index.lexical_search("城区常住人口300万以下", 3)
    assert lexical and lexical[0][0] == row


def test_metadata_is_json_not_pickle(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    live = settings.index_path.resolve()
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["unit_count"] > 0 and manifest["embedder"]["id"] == "hashing-64"
    assert not list(live.rglob("*.pkl")) and not list(live.rglob("*.pickle"))


def test_rerun_with_nothing_changed_embeds_nothing(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    calls: list[str] = []

    def factory() -> CountingEmbedder:
        calls.append("loaded")
        return CountingEmbedder()

    report = build_index(settings, factory, progress=False)
    assert report.up_to_date and calls == [] and report.units > 0


def test_rerun_with_nothing_changed_reads_only_the_manifest(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    units = load_index(settings.index_path).units

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the unchanged re-run loaded the index")

    monkeypatch.setattr(store_module, "load_index", refuse)
    # Nor are the documents loaded (decoded, checked, parsed): their bytes are hashed.
    monkeypatch.setattr(build_module.prepare, "load", refuse)
    report = build_index(settings, lambda: CountingEmbedder(), progress=False)
    assert report.up_to_date and report.units == len(units) and report.documents == 2
    assert sorted(report.unchanged) == ["住房租赁条例", "示范实施方案"]


def test_changed_document_build_leaves_the_lexical_index_unread(
    settings: Settings, docs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    loads: list[Path] = []
    real_load = LexicalIndex.load

    def counting(directory: Path) -> LexicalIndex:
        loads.append(directory)
        return real_load(directory)

    monkeypatch.setattr(LexicalIndex, "load", staticmethod(counting))
    law = docs_dir / "住房租赁条例.txt"
    law.write_text(law.read_text(encoding="utf-8") + "\n第四条 承租人应当按时支付租金。\n", encoding="utf-8")
    report = build_index(settings, lambda: CountingEmbedder(), progress=False)
    assert report.changed == ["住房租赁条例"] and report.unchanged == ["示范实施方案"]
    assert loads == []  # the carry-over read units and vectors only
    index = load_index(settings.index_path)
    row = index.lexical_search("按时支付租金", 1)[0][0]
    assert loads and index.units[row].label == "第四条"


def test_a_readable_manifest_over_damaged_units_rebuilds_everything(settings: Settings, docs_dir: Path) -> None:
    first = build_index(settings, lambda: CountingEmbedder(), progress=False)
    shutil.rmtree(settings.index_path.resolve() / "units")
    law = docs_dir / "住房租赁条例.txt"
    law.write_text(law.read_text(encoding="utf-8") + "\n第四条 承租人应当按时支付租金。\n", encoding="utf-8")
    emb = CountingEmbedder()
    report = build_index(settings, lambda: emb, progress=False)
    # Nothing carried from the damaged index: both documents parsed and embedded again.
    assert sorted(report.added) == ["住房租赁条例", "示范实施方案"]
    assert report.units == first.units + 1 == len(emb.texts) == len(load_index(settings.index_path))


def test_changed_document_is_reembedded_alone(settings: Settings, docs_dir: Path) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    law = docs_dir / "住房租赁条例.txt"
    law.write_text(law.read_text(encoding="utf-8") + "\n第四条 承租人应当按时支付租金。\n", encoding="utf-8")
    emb = CountingEmbedder()
    report = build_index(settings, lambda: emb, progress=False)
    assert report.changed == ["住房租赁条例"] and report.unchanged == ["示范实施方案"]
    # Only the new clause's text is new; every other vector is reused.
    assert emb.texts and all("租金" in t for t in emb.texts)
    index = load_index(settings.index_path)
    assert "第四条" in {u.label for u in index.units}


def test_added_and_removed_documents(settings: Settings, docs_dir: Path) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    (docs_dir / "住房租赁条例.txt").unlink()
    (docs_dir / "新文件.txt").write_text("一、总则\n\n（一）目的。保障公平。\n\n（二）范围。适用于全市。\n",
                                        encoding="utf-8")
    report = build_index(settings, lambda: CountingEmbedder(), progress=False)
    assert report.removed == ["住房租赁条例"] and report.added == ["新文件"]
    docs = {u.doc_id for u in load_index(settings.index_path).units}
    assert docs == {"示范实施方案", "新文件"}


def test_interrupted_build_leaves_previous_index_loadable(settings: Settings, docs_dir: Path) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    before = [u.id for u in load_index(settings.index_path).units]
    (docs_dir / "新文件.txt").write_text("一、总则\n\n" + "（一）目的。保障公平。\n\n" * 1, encoding="utf-8")
    (docs_dir / "示范实施方案.txt").write_text("一、改动\n\n（一）全新内容。完全不同的条款。\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="simulated"):
        build_index(settings, lambda: CountingEmbedder(fail_after=0), progress=False)
    assert [u.id for u in load_index(settings.index_path).units] == before
    # The next successful build cleans up the abandoned build directory.
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    leftovers = [p for p in settings.index_dir.iterdir() if ".build-" in p.name and p != settings.index_path.resolve()]
    assert leftovers == []


def test_loading_with_another_embedder_names_both(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    with pytest.raises(IndexMismatchError) as err:
        load_index(settings.index_path, embedder_id="builtin:multilingual-e5-small")
    assert "hashing-64" in str(err.value) and "builtin:multilingual-e5-small" in str(err.value)


def test_unknown_format_version_is_a_clear_error(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    manifest_path = settings.index_path.resolve() / "manifest.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    data["format_version"] = 99
    manifest_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IndexLoadError, match=r"format version 99.*versions 1, 2.*Rebuild it with `rag index`"):
        load_index(settings.index_path)


def test_a_format_1_index_with_units_jsonl_is_still_read_and_rewritten_as_format_2(
    settings: Settings, docs_dir: Path
) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    live = settings.index_path.resolve()
    units = load_index(settings.index_path).units
    with (live / "units.jsonl").open("w", encoding="utf-8") as fh:
        for unit in units:
            fh.write(json.dumps(unit.to_json(), ensure_ascii=False) + "\n")
    shutil.rmtree(live / "units")
    data = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    data["format_version"] = 1
    (live / "manifest.json").write_text(json.dumps(data), encoding="utf-8")

    old = load_index(settings.index_path)
    assert old.units == units and old.manifest.format_version == 1
    law = docs_dir / "住房租赁条例.txt"
    law.write_text(law.read_text(encoding="utf-8") + "\n第四条 承租人应当按时支付租金。\n", encoding="utf-8")
    report = build_index(settings, lambda: CountingEmbedder(), progress=False)
    assert report.unchanged == ["示范实施方案"] and report.embedded == 1
    new = load_index(settings.index_path)
    assert new.manifest.format_version == FORMAT_VERSION == 2 and len(new) == len(units) + 1
    assert not (settings.index_path.resolve() / "units.jsonl").exists()


def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexLoadError, match="rag index"):
        load_index(tmp_path / "nowhere")


def test_changing_the_embedder_reembeds_everything(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    other = CountingEmbedder(dim=32)
    report = build_index(settings.with_(embedder="hashing-32"), lambda: other, progress=False)
    assert report.embedded == report.units == len(other.texts)
    assert any("embedder changed" in w for w in report.warnings)
    assert load_index(settings.index_path).manifest.dim == 32


def test_bad_files_are_skipped_and_indexed_documents_kept(settings: Settings, docs_dir: Path) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    (docs_dir / "空文件.txt").write_bytes(b"")
    (docs_dir / "二进制.txt").write_bytes(bytes(range(256)) * 8)
    (docs_dir / "表格.xlsx").write_bytes(b"PK\x03\x04")
    # A document that was indexed and is now damaged keeps its previous units.
    (docs_dir / "住房租赁条例.txt").write_bytes(b"\x00\x01\x02" * 100)
    report = build_index(settings, lambda: CountingEmbedder(), progress=False)
    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    assert set(reasons) == {"空文件.txt", "二进制.txt", "表格.xlsx", "住房租赁条例.txt"}
    assert all(reasons.values())
    assert report.kept_after_error == ["住房租赁条例"]
    labels = {u.label for u in load_index(settings.index_path).units}
    assert "第三条" in labels

