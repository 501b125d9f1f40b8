"""A long build with the real embedder runs in the background while questions are answered from
the published index; the new law is answerable once the build publishes (integration, ~1 min)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from rag.pipeline import Pipeline
from rag.settings import Settings
from tests.conftest import REPO, copy_of_real_index
from ui import documents
from ui.backend import Backend
from ui.builds import worker_for

pytestmark = pytest.mark.integration

LAW = REPO / "evals" / "corpora" / "zh-laws" / "社会保险法(2018-12-29).md"
OLD_QUESTION = "城区人口不到300万的城市还限制落户吗？"
NEW_QUESTION = "失业保险金的标准由谁确定？"
BUILD_LIMIT = 900.0  # seconds: fails rather than hangs if the build never ends


def _cited(data: dict[str, object]) -> set[str]:
    return {c["doc"] for c in data["citations"]}  # type: ignore[attr-defined, index]


def test_questions_are_answered_during_a_real_build_and_the_new_law_after(
    real_index: Settings, tmp_path: Path
) -> None:
    settings = copy_of_real_index(real_index, tmp_path)
    backend = Backend(settings, Pipeline.from_settings(settings))
    assert "社会保险法(2018-12-29)" not in _cited(backend.ask(NEW_QUESTION))

    started = time.monotonic()
    status, *_ = documents.upload(backend, [str(LAW)], "zh")
    returned = time.monotonic() - started
    assert "正在建立索引…" in status
    worker = worker_for(backend)
    during: list[float] = []  # latency of each answer that came back while the build still ran
    samples = []
    while (now := worker.status()) is not None and now.running and time.monotonic() - started < BUILD_LIMIT:
        t0 = time.monotonic()
        data = backend.ask(OLD_QUESTION)
        latency = time.monotonic() - t0
        after = worker.status()
        if after is not None and after.running:
            during.append(latency)
            assert "“十四五”新型城镇化实施方案" in _cited(data)
            samples.append(after.progress)
    done = worker.wait(BUILD_LIMIT)
    build_seconds = time.monotonic() - started
    assert done is not None and done.state == "done", done
    report = done.result.report  # type: ignore[union-attr]
    assert report is not None and report.added == ["社会保险法(2018-12-29)"], report
    assert during, "no answer came back while the build was running"
    embedding = [p for p in samples if p.total]
    rate = max((p.rate or 0.0) for p in embedding) if embedding else 0.0
    print(
        f"\nupload returned in {returned:.3f} s; build {build_seconds:.1f} s, {report.embedded} units embedded "
        f"(~{rate:.1f} units/s); {len(during)} answers during it, latency median "
        f"{statistics.median(during):.2f} s, max {max(during):.2f} s"
    )
    assert returned < 1.0  # the page is not held by the build (staging happens in the worker)
    assert max(during) < build_seconds
    assert embedding and embedding[-1].total == report.embedded
    assert "社会保险法(2018-12-29)" in _cited(backend.ask(NEW_QUESTION))  # answerable once published
    assert "索引完成" in documents.build_status_html(done, "zh")
