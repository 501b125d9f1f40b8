"""Uploads are staged, checked and placed atomically; a failed upload or removal changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rag.index.store import load_index
from rag.settings import Settings
from tests.conftest import LAW_TEXT
from ui.backend import Backend

LAW = "住房租赁条例"
GOOD = "第一条 为做好保障性租赁住房工作，制定本办法。\n\n第二条 新市民可以申请保障性租赁住房。\n"


def _file(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "browser-upload"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _law_units(backend: Backend) -> list[str]:
    return [u.text for u in load_index(backend.settings.index_path).units if u.doc_id == LAW]


def _no_leftovers(folder: Path) -> bool:
    staging, backup = folder / ".staging", folder / ".backup"
    return not (staging.exists() and any(staging.iterdir())) and not (backup.exists() and any(backup.iterdir()))


def test_an_upload_never_overwrites_an_existing_document_unasked(backend: Backend, tmp_path: Path) -> None:
    original = (backend.settings.documents_dir / f"{LAW}.txt").read_bytes()
    units = _law_units(backend)
    result = backend.upload([(f"{LAW}.txt", _file(tmp_path, f"{LAW}.txt", GOOD))])
    assert [(n, k) for n, k, _ in result.rejected] == [(f"{LAW}.txt", "exists")]
    assert result.saved == [] and result.replaced == [] and result.report is None
    assert (backend.settings.documents_dir / f"{LAW}.txt").read_bytes() == original
    assert _law_units(backend) == units


def test_an_explicit_replacement_indexes_the_new_version_and_drops_the_backup(backend: Backend, tmp_path: Path) -> None:
    new = LAW_TEXT + "\n第四条 承租人应当按时支付租金。\n"
    result = backend.upload([(f"{LAW}.txt", _file(tmp_path, f"{LAW}.txt", new))], replace=True)
    assert result.replaced == [f"{LAW}.txt"] and result.report is not None and result.report.changed == [LAW]
    assert "承租人应当按时支付租金" in "".join(_law_units(backend))
    assert _no_leftovers(backend.settings.documents_dir)


def test_a_replacement_that_cannot_be_indexed_changes_nothing(backend: Backend, tmp_path: Path) -> None:
    original = (backend.settings.documents_dir / f"{LAW}.txt").read_bytes()
    units = _law_units(backend)
    for bad in ("— 1 —\n— 2 —\n", "\u200b\u200b\u200b\n"):
        result = backend.upload([(f"{LAW}.txt", _file(tmp_path, f"{LAW}.txt", bad))], replace=True)
        assert [(n, k) for n, k, _ in result.rejected] == [(f"{LAW}.txt", "unreadable")]
        assert "no text left after cleaning" in result.rejected[0][2]["reason"]
    assert (backend.settings.documents_dir / f"{LAW}.txt").read_bytes() == original
    assert _law_units(backend) == units
    assert _no_leftovers(backend.settings.documents_dir)


def test_an_upload_never_writes_through_a_symbolic_link(backend: Backend, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("不能被覆盖的文件", encoding="utf-8")
    (backend.settings.documents_dir / "公告.txt").symlink_to(outside)
    result = backend.upload([("公告.txt", _file(tmp_path, "公告.txt", GOOD))])
    assert [k for _, k, _ in result.rejected] == ["is_link"]
    assert outside.read_text(encoding="utf-8") == "不能被覆盖的文件"
    result = backend.upload([("公告.txt", _file(tmp_path, "公告.txt", GOOD))], replace=True)
    assert [k for _, k, _ in result.rejected] == ["is_link"]
    assert outside.read_text(encoding="utf-8") == "不能被覆盖的文件"
    assert (backend.settings.documents_dir / "公告.txt").is_symlink()


def test_a_failed_build_rolls_the_upload_back(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any) -> Any:
        raise RuntimeError("the embedder died")

    monkeypatch.setattr(backend, "_rebuild", broken)
    with pytest.raises(RuntimeError, match="embedder died"):
        backend.upload([("住房保障办法.txt", _file(tmp_path, "住房保障办法.txt", GOOD))])
    assert not (backend.settings.documents_dir / "住房保障办法.txt").exists()
    original = (backend.settings.documents_dir / f"{LAW}.txt").read_bytes()
    with pytest.raises(RuntimeError):
        backend.upload([(f"{LAW}.txt", _file(tmp_path, f"{LAW}.txt", GOOD))], replace=True)
    assert (backend.settings.documents_dir / f"{LAW}.txt").read_bytes() == original
    with pytest.raises(RuntimeError):
        backend.remove(LAW)
    assert (backend.settings.documents_dir / f"{LAW}.txt").read_bytes() == original
    assert _no_leftovers(backend.settings.documents_dir)


def test_uploads_go_to_the_upload_folder_within_its_storage_limit(settings: Settings, tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    backend = Backend(settings.with_(upload_dir=uploads, max_upload_total_mb=0.001))  # about 1 KB
    result = backend.upload([("住房保障办法.txt", _file(tmp_path, "住房保障办法.txt", GOOD))])
    assert result.saved == ["住房保障办法.txt"] and (uploads / "住房保障办法.txt").is_file()
    assert not (settings.documents_dir / "住房保障办法.txt").exists()
    assert {"住房保障办法", LAW} <= {d.doc_id for d in backend.documents()}
    big = _file(tmp_path, "大文件.txt", GOOD * 20)
    result = backend.upload([("大文件.txt", big)])
    assert [k for _, k, _ in result.rejected] == ["storage_full"]
    assert not (uploads / "大文件.txt").exists()


def test_the_upload_api_takes_base64_and_applies_the_same_checks(backend: Backend) -> None:
    import base64

    import gradio as gr

    from ui.app import upload_json

    data = base64.b64encode(GOOD.encode("utf-8")).decode("ascii")
    result = upload_json(backend, "保障房办法.txt", data)
    assert result["saved"] == ["保障房办法.txt"] and not result["rejected"]
    assert result["documents"] == 3 and "保障房办法" in {d.doc_id for d in backend.documents()}
    assert upload_json(backend, "保障房办法.txt", data)["rejected"] == [{"name": "保障房办法.txt", "reason": "exists"}]
    assert upload_json(backend, ".hidden.txt", data)["rejected"][0]["reason"] == "bad_name"
    assert upload_json(backend, "脚本.exe", data)["rejected"][0]["reason"] == "bad_type"
    with pytest.raises(gr.Error, match="base64"):
        upload_json(backend, "坏.txt", "不是base64!")
    with pytest.raises(gr.Error, match="文件名"):
        upload_json(backend, "", data)
    small = Backend(backend.settings.with_(max_file_mb=0.001))
    with pytest.raises(gr.Error, match="MB"):
        upload_json(small, "大.txt", base64.b64encode(b"x" * 4096).decode("ascii"))
    assert not (backend.settings.documents_dir / "大.txt").exists()
