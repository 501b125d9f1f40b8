"""Uploads are staged, checked and placed atomically; a failed upload or removal changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rag.index.build import build_index
from rag.index.store import load_index
from rag.pipeline import Pipeline
from rag.settings import Settings
from tests.conftest import LAW_TEXT, REPO, CountingEmbedder
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
    assert not (backend.settings.uploads_path / "大.txt").exists()


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


def test_an_upload_through_the_api_leaves_the_checkout_clean_and_is_answerable(
    docs_dir: Path, tmp_path: Path
) -> None:
    """Issue 14: uploads were written into the tracked documents/ folder of the checkout."""
    import base64

    from ui.app import upload_json

    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copytree(docs_dir, checkout / "documents")
    shutil.copy(REPO / ".gitignore", checkout / ".gitignore")
    _git(checkout, "init", "-q")
    _git(checkout, "add", "-A")
    _git(checkout, "commit", "-q", "-m", "shipped documents")
    # The defaults a clone runs with (documents/, index/), relative to the checkout.
    settings = Settings(documents_dir=checkout / "documents", index_dir=checkout / "index", embedder="hashing-64",
                        cache_dir=tmp_path / "cache")
    build_index(settings, lambda: CountingEmbedder(64), None, progress=False)
    backend = Backend(settings, pipeline_factory=lambda s, _: Pipeline.from_settings(s))

    data = base64.b64encode(GOOD.encode("utf-8")).decode("ascii")
    assert upload_json(backend, "住房保障办法.txt", data)["saved"] == ["住房保障办法.txt"]
    assert _git(checkout, "status", "--porcelain", "--untracked-files=all") == ""
    assert (settings.uploads_path / "住房保障办法.txt").is_file()
    assert "住房保障办法" in {c["doc"] for c in backend.ask("新市民可以申请保障性租赁住房吗？")["citations"]}

    # `rag index` without paths (what `make run` does) reads the upload folder too: nothing is dropped.
    report = build_index(settings, lambda: CountingEmbedder(64), None, progress=False)
    assert report.up_to_date and report.documents == 3
    # A replacement of an uploaded document stays in the upload folder; still nothing in git.
    new = base64.b64encode((GOOD + "第三条 申请人应当如实填报。\n").encode("utf-8")).decode("ascii")
    assert upload_json(backend, "住房保障办法.txt", new, True)["replaced"] == ["住房保障办法.txt"]
    assert _git(checkout, "status", "--porcelain", "--untracked-files=all") == ""


def test_a_document_uploaded_into_the_documents_folder_before_keeps_working(backend: Backend, tmp_path: Path) -> None:
    """Uploads of older versions live in documents/: still indexed, refused as a new name, replaced
    where they are (one file, one id), removable; a twin name in the upload folder is refused."""
    docs, uploads = backend.settings.documents_dir, backend.settings.uploads_path
    assert LAW in {d.doc_id for d in backend.documents()}
    result = backend.upload([(f"{LAW}.md", _file(tmp_path, f"{LAW}.md", GOOD))])
    assert [(k, v) for _, k, v in result.rejected] == [("twin", {"other": f"{LAW}.txt"})]
    result = backend.upload([(f"{LAW}.txt", _file(tmp_path, f"{LAW}.txt", GOOD))], replace=True)
    assert result.replaced == [f"{LAW}.txt"] and result.report is not None and result.report.changed == [LAW]
    assert (docs / f"{LAW}.txt").read_text(encoding="utf-8") == GOOD
    assert not (uploads / f"{LAW}.txt").exists()
    left = sorted(p.name for p in docs.iterdir() if p.name != ".backup")
    assert left == sorted(["示范实施方案.txt", f"{LAW}.txt"])  # no .part file left behind
    assert _no_leftovers(docs) and _no_leftovers(uploads)
    backend.upload([("新办法.txt", _file(tmp_path, "新办法.txt", GOOD.replace("新市民", "青年")))])
    result = backend.upload([("新办法.md", _file(tmp_path, "新办法.md", GOOD))])
    assert [(k, v) for _, k, v in result.rejected] == [("twin", {"other": "新办法.txt"})]
    backend.remove(LAW)
    backend.remove("新办法")
    assert not (docs / f"{LAW}.txt").exists() and not (uploads / "新办法.txt").exists()
    assert {d.doc_id for d in backend.documents()} == {"示范实施方案"}
