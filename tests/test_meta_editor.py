"""The documents page's metadata panel: admins only, bad values refused with the value in the
interface language, a good value saved as ``rag meta --set`` saves it and shown in the next citation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rag.index import metafile
from rag.index.metaupdate import set_meta
from rag.index.store import read_manifest
from rag.settings import Settings
from ui import chat, meta_editor
from ui.auth import Access, User
from ui.backend import Backend
from ui.meta_editor import FIELDS, save_meta, show_meta

PLAN = "示范实施方案"
ACCESS = Access({name: User(name, name, "-") for name in ("admin", "editor", "reader")})


def _values(backend: Backend, **changed: str) -> dict[str, str]:
    entry = next(d for d in backend.documents() if d.doc_id == PLAN)
    return {**meta_editor.shown_values(entry), **changed}


def _override(settings: Settings) -> dict[str, str]:
    return next(d for d in read_manifest(settings.index_path).documents if d.doc_id == PLAN).override


def test_the_panel_holds_the_seven_fields_of_rag_meta() -> None:
    assert set(FIELDS) == set(metafile.EDITABLE) and len(FIELDS) == len(metafile.EDITABLE)


@pytest.mark.parametrize("user", ["reader", "editor", None, "stranger"])
def test_only_an_admin_may_save(backend: Backend, settings: Settings, user: str | None) -> None:
    outcome = save_meta(backend, ACCESS, user, PLAN, _values(backend, status="repealed"))
    assert not outcome.saved and outcome.message == "只有管理员可以修改文件信息；这里只供查看。"
    assert _override(settings) == {} and not (settings.documents_dir / metafile.SIDECAR).exists()
    # Without any account there is no admin either.
    assert not save_meta(backend, Access({}), None, PLAN, _values(backend, status="repealed")).saved


def test_the_fields_are_read_only_except_for_an_admin(backend: Backend) -> None:
    for admin in (False, True):
        updates = show_meta(backend, PLAN, "zh", admin)
        boxes, save, note = updates[: len(FIELDS)], updates[len(FIELDS)], updates[len(FIELDS) + 1]
        assert {b["interactive"] for b in boxes} == {admin}
        assert save["visible"] is admin and note["visible"] is not admin
        assert boxes[FIELDS.index("kind")]["value"] == "policy" and boxes[FIELDS.index("title")]["value"] == PLAN


@pytest.mark.parametrize(
    ("field", "value", "zh", "en"),
    [
        ("status", "gone", "效力状态“gone”不可用，只能是：未说明、现行有效、已修订、已废止",
         "Status “gone” is not allowed; one of: not stated (–), in force (in_force), amended, repealed"),
        ("kind", "speech", "文件类型“speech”不可用", "Kind “speech” is not allowed"),
        ("issued", "2021-13-45", "发布日期“2021-13-45”不是有效日期", "Date issued “2021-13-45” is not a date"),
        ("effective", "明年", "施行日期“明年”不是有效日期", "Date in force “明年” is not a date"),
        ("issuer", "某" * 201, "发文机关过长（201 个字符，最多 200 个）", "Issuing body is too long (201 characters"),
    ],
)
def test_a_bad_value_is_refused_with_the_value_in_the_interface_language(
    backend: Backend, settings: Settings, field: str, value: str, zh: str, en: str
) -> None:
    for lang, expected in (("zh", zh), ("en", en)):
        outcome = save_meta(backend, ACCESS, "admin", PLAN, _values(backend, **{field: value}), lang)
        assert not outcome.saved and outcome.kind == "error"
        assert expected in outcome.message, outcome.message
    assert _override(settings) == {} and not (settings.documents_dir / metafile.SIDECAR).exists()


def test_a_good_value_is_saved_like_rag_meta_and_shown_in_the_next_citation(
    backend: Backend, settings: Settings
) -> None:
    question = "城区常住人口300万以下的城市落户限制"
    *_, (_, before, _) = chat.respond(backend, question, [], None, "zh")
    assert before[-1].answer is not None and "已废止" not in chat.transcript_html(before, "zh")

    outcome = save_meta(backend, ACCESS, "admin", PLAN, _values(backend, status="repealed", issued=" 2021-05-01 "))
    assert outcome.saved and outcome.kind == "ok"
    assert outcome.message == f"已保存《{PLAN}》的发布日期、效力状态；之后的引用按新信息显示。"
    # Persisted as `rag meta --set` persists it: the folder's sidecar and the published manifest.
    sidecar = json.loads((settings.documents_dir / metafile.SIDECAR).read_text("utf-8"))
    assert sidecar == {PLAN: {"status": "repealed", "issued": "2021-05-01"}}
    assert _override(settings) == {"status": "repealed", "issued": "2021-05-01"}

    # The app answers from the new index at once: the citation carries the status and the note.
    *_, (_, after, _) = chat.respond(backend, question, [], None, "zh")
    answer = after[-1].answer
    assert answer is not None and answer.citations and answer.citations[0].doc == PLAN
    assert answer.citations[0].meta["status"] == "repealed"
    assert f"（注意：《{PLAN}》已废止，所引条款不是现行规定）" in answer.answer

    # Unchanged values save nothing; the value the document itself says drops the override.
    assert save_meta(backend, ACCESS, "admin", PLAN, _values(backend)).message == "没有改动，未保存。"
    assert save_meta(backend, ACCESS, "admin", PLAN, _values(backend, status="")).saved
    assert _override(settings) == {"issued": "2021-05-01"}


def test_an_index_copied_elsewhere_gets_the_sidecar_of_its_own_documents_folder(
    backend: Backend, settings: Settings, tmp_path: Path
) -> None:
    """The app's copy of an index (the browser tests' ``app`` fixture) must not write into the
    folder the index was first built from."""
    copy = tmp_path / "copy"
    shutil.copytree(settings.documents_dir, copy / "documents")
    shutil.copytree(settings.index_dir, copy / "index", symlinks=True)
    moved = settings.with_(documents_dir=copy / "documents", index_dir=copy / "index")
    set_meta(moved, PLAN, {"status": "amended"})
    assert (copy / "documents" / metafile.SIDECAR).is_file()
    assert not (settings.documents_dir / metafile.SIDECAR).exists()
