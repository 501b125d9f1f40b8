"""Bad input never costs what is indexed: empty replacements, moved folders, links, limits, fsync."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from rag.index.build import build_index
from rag.index.locks import BuildBusyError, build_lock
from rag.index.store import load_index
from rag.settings import Settings
from tests.conftest import CountingEmbedder

LAW = "住房租赁条例"


def _build(settings: Settings):  # type: ignore[no-untyped-def]
    return build_index(settings, lambda: CountingEmbedder(), progress=False)


def _units_of(settings: Settings, doc_id: str) -> list[str]:
    return [u.text for u in load_index(settings.index_path).units if u.doc_id == doc_id]


@pytest.mark.parametrize(
    "empty",
    ["— 1 —\n\n— 2 —\n\n- 3 -\n\n4\n", "\u200b\u200c\u200d\ufeff\u2060\n\u200b\u200b\n"],
    ids=["page-marks-only", "zero-width-only"],
)
def test_replacing_a_document_with_nothing_keeps_its_indexed_units(
    settings: Settings, docs_dir: Path, empty: str
) -> None:
    _build(settings)
    before = _units_of(settings, LAW)
    assert before
    (docs_dir / f"{LAW}.txt").write_text(empty, encoding="utf-8")
    report = _build(settings)
    assert _units_of(settings, LAW) == before
    assert LAW in report.kept_after_error and LAW not in report.removed and LAW not in report.changed
    assert any(Path(s.source).name == f"{LAW}.txt" for s in report.skipped)


def test_a_moved_documents_folder_keeps_every_document(settings: Settings, docs_dir: Path, tmp_path: Path) -> None:
    _build(settings)
    before = _units_of(settings, LAW)
    moved = tmp_path / "elsewhere" / "documents"
    moved.parent.mkdir()
    shutil.move(str(docs_dir), moved)
    moved_settings = settings.with_(documents_dir=moved)
    assert _build(moved_settings).up_to_date
    (moved / f"{LAW}.txt").write_text("— 1 —\n", encoding="utf-8")
    report = _build(moved_settings)
    assert _units_of(settings, LAW) == before
    assert report.kept_after_error == [LAW] and report.removed == []


def test_another_working_directory_keeps_every_document(
    settings: Settings, docs_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = settings.index_dir.resolve()
    _build(settings.with_(index_dir=index_dir))
    before = _units_of(settings, LAW)
    (docs_dir / f"{LAW}.txt").write_text("\u200b\u200b\n", encoding="utf-8")
    monkeypatch.chdir(docs_dir.parent)
    report = _build(settings.with_(index_dir=index_dir, documents_dir=Path(docs_dir.name)))
    assert _units_of(settings, LAW) == before
    assert report.kept_after_error == [LAW] and report.removed == []


def test_a_missing_documents_folder_removes_nothing(settings: Settings, tmp_path: Path) -> None:
    _build(settings)
    count = len(load_index(settings.index_path))
    with pytest.raises(FileNotFoundError, match="nowhere"):
        _build(settings.with_(documents_dir=tmp_path / "nowhere"))
    assert len(load_index(settings.index_path)) == count


def test_links_loops_and_fifos_are_skipped_with_reasons(settings: Settings, docs_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("第一条 机密内容不得进入索引。\n", encoding="utf-8")
    (docs_dir / "outside.txt").symlink_to(secret)
    (docs_dir / "loop_a.txt").symlink_to(docs_dir / "loop_b.txt")
    (docs_dir / "loop_b.txt").symlink_to(docs_dir / "loop_a.txt")
    (docs_dir / "broken.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(docs_dir / "pipe.txt")
    (docs_dir / "inside.txt").symlink_to(docs_dir / f"{LAW}.txt")  # indexed under its own name only
    report = _build(settings)
    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    assert "outside the documents folder" in reasons["outside.txt"]
    assert "loop" in reasons["loop_a.txt"] and "loop" in reasons["loop_b.txt"]
    assert "broken" in reasons["broken.txt"]
    assert "FIFO" in reasons["pipe.txt"] and "own name" in reasons["inside.txt"]
    assert all("\n" not in r for r in reasons.values())
    index = load_index(settings.index_path)
    assert not any("机密" in u.text for u in index.units)
    assert {d.doc_id for d in index.manifest.documents} == {LAW, "示范实施方案"}

    allowed = _build(settings.with_(follow_links=True))
    assert "outside" in allowed.added
    assert any("机密" in u.text for u in load_index(settings.index_path).units)


def test_limits_refuse_a_document_with_a_reason_and_keep_its_old_version(settings: Settings, docs_dir: Path) -> None:
    _build(settings)
    before = _units_of(settings, LAW)
    law = docs_dir / f"{LAW}.txt"
    law.write_text(law.read_text(encoding="utf-8") + "\n第四条 新增。\n", encoding="utf-8")
    report = _build(settings.with_(max_units_per_doc=2))
    assert _units_of(settings, LAW) == before
    assert any("RAG_MAX_UNITS_PER_DOC" in s.reason and "limit is 2" in s.reason for s in report.skipped)
    report = _build(settings.with_(max_doc_chars=50))
    assert any("RAG_MAX_DOC_CHARS" in s.reason for s in report.skipped)
    assert _units_of(settings, LAW) == before
    report = _build(settings)
    assert "第四条 新增。" in "\n".join(_units_of(settings, LAW)) and report.changed == [LAW]


def test_a_second_build_fails_fast_when_asked_not_to_wait(settings: Settings) -> None:
    with build_lock(settings.index_path), pytest.raises(BuildBusyError, match="another build"):
        build_index(settings, lambda: CountingEmbedder(), progress=False, lock_timeout=0)
    other = settings.with_(index_name="other")
    with build_lock(settings.index_path, max_builds=1), pytest.raises(BuildBusyError, match="BUILDS=1"):
        build_index(other, lambda: CountingEmbedder(), progress=False, lock_timeout=0)
    assert _build(other).documents == 2


def test_publish_fsyncs_files_and_directories_before_the_switch(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        synced.append(f"replace {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    _build(settings)
    live = settings.index_path.resolve()
    switch = synced.index(f"replace {settings.index_path.name}")
    before, after = synced[:switch], synced[switch + 1 :]
    for part in ("units/texts.txt", "units/columns.npz", "units", "vectors.faiss", "manifest.json.tmp"):
        assert str(live / part) in before
    assert str(live) in before and str(live.parent) in before
    assert str(live.parent) in after


def test_safety_settings_come_from_the_environment(tmp_path: Path) -> None:
    env = {"RAG_FOLLOW_LINKS": "1", "RAG_UPLOAD_DIR": str(tmp_path / "up"), "RAG_MAX_UNITS_PER_DOC": "10",
           "RAG_USERS_FILE": ""}
    s = Settings.from_env(env)
    assert s.follow_links and s.max_units_per_doc == 10 and s.users_file is None
    assert s.uploads_path == tmp_path / "up" and s.source_dirs == [Path("documents")]  # no upload yet
    (tmp_path / "up").mkdir()
    assert s.source_dirs == [Path("documents"), tmp_path / "up"]
    # By default uploads go beside the index (git ignores index/), never into the shipped documents/.
    here = Settings(index_dir=tmp_path / "idx", index_name="hr")
    assert here.uploads_path == tmp_path / "idx" / "kb" / "hr" / "documents"
    # A knowledge base the app made reads only its own folder, never the shipped documents.
    kb = Settings(index_dir=tmp_path / "idx", index_name="kb-0123abcd")
    assert kb.source_dirs == [tmp_path / "idx" / "kb" / "kb-0123abcd" / "documents"]
    with pytest.raises(ValueError, match="RAG_FOLLOW_LINKS must be a bool"):
        Settings.from_env({"RAG_FOLLOW_LINKS": "maybe"})
    with pytest.raises(ValueError, match="max_units_per_doc must be greater than 0"):
        Settings(max_units_per_doc=0)


def test_paths_given_by_the_user_are_trusted_even_as_links(settings: Settings, docs_dir: Path, tmp_path: Path) -> None:
    _build(settings)
    link = tmp_path / "docs-link"  # documents -> /data/docs is a common set-up
    link.symlink_to(docs_dir)
    report = _build(settings.with_(documents_dir=link))
    assert report.up_to_date and report.documents == 2 and not report.skipped
    file_link = tmp_path / "law-link.txt"
    file_link.symlink_to(docs_dir / f"{LAW}.txt")
    named = build_index(settings, lambda: CountingEmbedder(), [file_link], progress=False)
    assert named.added == ["law-link"] and not named.skipped
