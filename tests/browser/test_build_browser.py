"""A long upload in headless Chromium: the documents page shows the build's progress while the chat
keeps answering from the published index; the result appears when the build publishes (the
``app`` / ``page`` fixtures of tests/conftest.py). Screenshots go to ``artifacts/screenshots/``."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_support import REPO, SHOTS, TIMEOUT_MS, Running, ask

pytestmark = pytest.mark.integration

# The longest development law (526 articles): its build takes several seconds even with the bf16
# embedder (98 articles of 社会保险法 were built in 1.9 s, before a chat answer on a loaded machine).
LAW = REPO / "evals" / "corpora" / "zh-laws" / "民法典-合同编.md"
NAME = "民法典-合同编"
QUESTION = "城区人口不到300万的城市还限制落户吗？"


def test_a_long_upload_shows_progress_and_the_chat_answers_meanwhile(page: Any, app: Running) -> None:
    from playwright.sync_api import expect

    status = page.locator("#docs-status .msg-box")
    page.get_by_role("tab", name="文件").click()
    page.set_input_files("#upload-files input[type=file]", str(LAW))
    expect(page.locator("#upload-files")).to_contain_text(NAME)
    page.click("#upload-btn")
    expect(status).to_contain_text("正在建立索引…")
    expect(status).to_contain_text("已嵌入", timeout=TIMEOUT_MS)  # units embedded / total, polled from the worker
    page.screenshot(path=str(SHOTS / "30-build-progress.png"), full_page=True)

    page.get_by_role("tab", name="问答").click()
    ask(page, QUESTION, 0)
    expect(page.locator("#transcript .sources").last).to_contain_text("新型城镇化实施方案")
    # The answer came back while the build was still running (the status box still polls).
    assert "索引完成" not in (page.locator("#docs-status").text_content() or "")

    page.get_by_role("tab", name="文件").click()
    expect(status).to_contain_text("索引完成", timeout=TIMEOUT_MS)
    expect(status).to_contain_text("新增 1")
    expect(page.locator("#docs-table")).to_contain_text(NAME)
    page.screenshot(path=str(SHOTS / "31-build-done.png"), full_page=True)
    # Uploads go to the upload folder beside the index, never into the shipped documents folder.
    assert (app.settings.uploads_path / LAW.name).is_file()
    assert not (app.settings.documents_dir / LAW.name).exists()

    # Put the shared app back as it was (a removal is a background build too).
    page.locator("#remove-pick input").click()
    page.get_by_role("option", name=NAME).first.click()
    page.locator("#remove-confirm input").check()
    page.click("#remove-btn")
    expect(status).to_contain_text("已删除", timeout=TIMEOUT_MS)
    assert not (app.settings.uploads_path / LAW.name).exists()
