"""Background index builds (ui/builds.py): they start at once, report progress, refuse a second
request, report failures, and never stop questions from being answered from the published index.

A gated fake embedder holds the build in its embedding step until the test lets it go, so
"answered during the build" is shown by order, not by timing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rag.index.build import BuildReport, build_index
from rag.index.embed import Embedder, HashingEmbedder
from rag.index.store import read_manifest
from rag.index.stores import open_index
from rag.pipeline import Pipeline
from rag.settings import Settings
from tests.conftest import CountingEmbedder
from ui import documents
from ui.appdb import app_db_path
from ui.backend import Backend, BusyError
from ui.builds import BuildWorker, failure_reason, worker_for
from ui.kb_backends import Backends
from ui.kbs import KbRegistry

NEW_DOC = "保障性租赁住房办法"
NEW_TEXT = "".join(
    f"第{n}条 第{n}项保障性租赁住房措施：新市民和青年人可以按规定申请保障性租赁住房，面积不超过七十平方米。\n\n"
    for n in range(1, 41)
)
OLD_QUESTION = "全面取消城区常住人口300万以下的城市落户限制了吗？"
NEW_QUESTION = "新市民可以申请保障性租赁住房吗？"
WAIT = 30.0  # seconds a test waits for a background build before failing (the builds take < 1 s)


class GatedEmbedder(HashingEmbedder):
    """Embeds like ``hashing-64``, but a call from any thread except the test's own (the build's)
    waits until ``gate`` is set; ``calls`` counts the build's calls."""

    def __init__(self, *, fail: bool = False) -> None:
        super().__init__(64)
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.owner = threading.get_ident()
        self.fail = fail

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if threading.get_ident() != self.owner:
            self.entered.set()
            if self.fail:
                raise RuntimeError("embedder failed mid-build (simulated)")
            if not self.gate.wait(WAIT):
                raise TimeoutError("the test never opened the gate")
        return super().embed(texts, query=query)


def _backend(settings: Settings, embedder: Embedder) -> Backend:
    build_index(settings, lambda: CountingEmbedder(64), None, progress=False)

    def factory(s: Settings, e: Embedder | None) -> Pipeline:
        assert e is not None
        return Pipeline(open_index(s, embedder_id=e.id), e)

    return Backend(settings, factory(settings, embedder), pipeline_factory=factory)


def _upload_file(tmp_path: Path, name: str = f"{NEW_DOC}.txt", text: str = NEW_TEXT) -> str:
    folder = tmp_path / "browser-upload"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _cited(backend: Backend, question: str) -> set[str]:
    return {c["doc"] for c in backend.ask(question)["citations"]}


@pytest.fixture
def gated() -> GatedEmbedder:
    return GatedEmbedder()


@pytest.fixture
def backend(settings: Settings, gated: GatedEmbedder) -> Backend:
    return _backend(settings, gated)


def test_an_upload_returns_at_once_and_questions_are_answered_from_the_old_index_meanwhile(
    backend: Backend, gated: GatedEmbedder, tmp_path: Path
) -> None:
    before = read_manifest(backend.settings.index_path)
    status, *_ = documents.upload(backend, [_upload_file(tmp_path)], "zh")
    assert "正在建立索引…" in status
    worker = worker_for(backend)
    assert gated.entered.wait(WAIT)  # the build is now held inside its embedding step
    running = worker.status()
    assert running is not None and running.running and running.kind == "upload"
    assert running.progress.step == "index" and running.progress.done == 0
    assert running.progress.total == 40  # the new document's units; the old ones keep their vectors

    asked = time.monotonic()
    assert "示范实施方案" in _cited(backend, OLD_QUESTION)
    assert NEW_DOC not in _cited(backend, NEW_QUESTION)  # not published yet
    assert time.monotonic() - asked < WAIT
    status_now = worker.status()
    assert status_now is not None and status_now.running  # answered while the build was still running
    assert read_manifest(backend.settings.index_path).built_at == before.built_at

    gated.gate.set()
    done = worker.wait(WAIT)
    assert done is not None and done.state == "done", done
    assert done.progress.done == done.progress.total == 40
    assert NEW_DOC in _cited(backend, NEW_QUESTION)  # the pipeline reloaded the published index
    html = documents.build_status_html(done, "zh")
    assert "索引完成" in html and "新增 1" in html
    assert "Indexed" in documents.build_status_html(done, "en")


def test_a_second_request_while_a_build_runs_is_refused_with_a_message_and_changes_nothing(
    backend: Backend, gated: GatedEmbedder, tmp_path: Path
) -> None:
    documents.upload(backend, [_upload_file(tmp_path)], "zh")
    assert gated.entered.wait(WAIT)
    first = worker_for(backend).status()
    other = _upload_file(tmp_path, "另一个办法.txt", "第一条 另一个办法的内容。\n")
    status, *_ = documents.upload(backend, [other], "zh")
    assert "正在建立索引，请等当前任务完成后再试" in status
    status_en, *_ = documents.remove(backend, "住房租赁条例", True, "en")
    assert "already being indexed" in status_en
    status_re, *_ = documents.reindex(backend, "zh")
    assert "请等当前任务完成后再试" in status_re
    assert worker_for(backend).status() == first  # the running job is untouched
    gated.gate.set()
    done = worker_for(backend).wait(WAIT)
    assert done is not None and done.state == "done"
    assert not (backend.settings.uploads_path / "另一个办法.txt").exists()
    assert (backend.settings.documents_dir / "住房租赁条例.txt").exists()
    # The worker refuses by itself too, not only the page.
    hold = threading.Event()
    worker_for(backend).start("reindex", lambda step, units: BuildReport(Path(".")) if hold.wait(WAIT) else None)
    with pytest.raises(BusyError, match="reindex"):
        worker_for(backend).start("reindex", lambda step, units: BuildReport(Path(".")))
    hold.set()
    assert worker_for(backend).wait(WAIT).state == "done"  # type: ignore[union-attr]


def test_a_failed_build_reports_its_reason_and_leaves_the_published_index(settings: Settings, tmp_path: Path) -> None:
    broken = GatedEmbedder(fail=True)  # the build's embedding fails; answering still works
    backend = _backend(settings, broken)
    before = read_manifest(settings.index_path)
    documents.upload(backend, [_upload_file(tmp_path)], "zh")
    done = worker_for(backend).wait(WAIT)
    assert done is not None and done.state == "failed" and done.error == "build_failed"
    html = documents.build_status_html(done, "zh")
    assert "上传失败" in html and "RuntimeError" in html and "已发布的索引保持不变" in html
    assert "RuntimeError" in documents.build_status_html(done, "en")
    assert read_manifest(settings.index_path) == before
    assert not (settings.uploads_path / f"{NEW_DOC}.txt").exists()  # the upload was rolled back
    assert "示范实施方案" in _cited(backend, OLD_QUESTION)


def test_removal_and_reindex_run_in_the_background_and_report_what_changed(
    backend: Backend, gated: GatedEmbedder, tmp_path: Path
) -> None:
    gated.gate.set()
    status, *_ = documents.remove(backend, "住房租赁条例", True, "zh")
    assert "正在建立索引…" in status
    done = worker_for(backend).wait(WAIT)
    assert done is not None and done.state == "done"
    assert "已删除 住房租赁条例" in documents.build_status_html(done, "zh")
    assert "住房租赁条例" not in [d.doc_id for d in backend.documents()]

    (backend.settings.documents_dir / f"{NEW_DOC}.txt").write_text(NEW_TEXT, "utf-8")  # placed outside the app
    (backend.settings.documents_dir / "空白.txt").write_text("\u200b\n", "utf-8")
    documents.reindex(backend, "zh")
    done = worker_for(backend).wait(WAIT)
    assert done is not None and done.state == "done"
    html = documents.build_status_html(done, "zh")
    assert "已重新索引文件目录" in html and "新增 1" in html and "未能读取：空白.txt" in html
    assert NEW_DOC in _cited(backend, NEW_QUESTION)


def test_a_removal_of_an_unknown_document_is_refused_before_any_build(backend: Backend) -> None:
    status, *_ = documents.remove(backend, "no-such-doc", True, "zh")
    assert "no-such-doc" in status
    assert worker_for(backend).status() is None


def test_progress_reports_units_per_second_and_the_time_left(settings: Settings) -> None:
    worker = BuildWorker(Backend(settings))
    seen: list[Any] = []

    def job(step: Any, units: Any) -> BuildReport:
        step(0.1, "index")
        units(0, 100)
        time.sleep(0.2)
        units(50, 100)
        seen.append(worker.status())
        return BuildReport(index_path=settings.index_path)

    worker.start("reindex", job)
    done = worker.wait(WAIT)
    assert done is not None and done.state == "done"
    progress = seen[0].progress
    assert (progress.done, progress.total) == (50, 100)
    assert 50 / 0.5 < progress.rate < 50 / 0.2 + 1  # 50 units in a little over 0.2 s
    assert progress.eta == pytest.approx(50 / progress.rate)
    lines = documents.progress_lines(seen[0], "zh")
    assert any("已嵌入 50 / 100 个单元" in line and "每秒" in line and "预计还需" in line for line in lines)
    english = documents.progress_lines(seen[0], "en")
    assert any("50 / 100 units embedded" in line and "units/s" in line for line in english)


def test_known_failures_get_their_own_reason() -> None:
    assert failure_reason(BusyError("x")) == ("busy", {})
    assert failure_reason(FileNotFoundError("documents")) == ("build_no_folder", {})
    assert failure_reason(OSError(28, "No space left on device")) == ("build_no_space", {})
    assert failure_reason(ValueError("secret internal text")) == ("build_failed", {"error": "ValueError"})


def test_each_knowledge_base_has_its_own_worker(settings: Settings, tmp_path: Path) -> None:
    build_index(settings, lambda: CountingEmbedder(64), None, progress=False)
    backends = Backends(Backend(settings), KbRegistry(app_db_path(settings), settings))
    edu = backends.create("教育")
    kb_backend = backends.get(edu.id)
    assert worker_for(kb_backend) is worker_for(kb_backend) is not worker_for(backends.default)
    documents.upload(kb_backend, [_upload_file(tmp_path)], "zh")
    done = worker_for(kb_backend).wait(WAIT)
    assert done is not None and done.state == "done", done
    assert worker_for(backends.default).status() is None
    assert NEW_DOC in _cited(kb_backend, NEW_QUESTION)
    assert NEW_DOC not in [d.doc_id for d in backends.default.documents()]


def test_a_knowledge_base_is_not_removed_while_its_background_job_is_queued_or_running(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(64), None, progress=False)
    backends = Backends(Backend(settings), KbRegistry(app_db_path(settings), settings))
    edu = backends.create("教育")
    hold = threading.Event()
    worker = worker_for(backends.get(edu.id))
    worker.start("reindex", lambda step, units: BuildReport(Path(".")) if hold.wait(WAIT) else None)
    with pytest.raises(BusyError, match="教育"):
        backends.remove(edu.id)
    hold.set()
    worker.wait(WAIT)
    assert backends.remove(edu.id).name == "教育"
