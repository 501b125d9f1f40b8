"""Document metadata in headless Chromium over the real seed corpus and model (the ``app`` /
``page`` fixtures of tests/conftest.py: an admin logged in, each test on a new conversation):
the chat filtered by document kind, and an admin marking a document repealed on the documents
page. Screenshots go to ``artifacts/screenshots/``."""

from __future__ import annotations

import time
from typing import Any

import pytest

from rag.index.store import DocEntry, read_manifest
from tests.browser_support import SHOTS, TIMEOUT_MS, Running, ask

pytestmark = pytest.mark.integration

# The plan and the commentaries both answer this one (the plan's urban-renewal clause, the Henan
# article and the Xinhua report): unfiltered, the answer cites both kinds.
BOTH_KINDS = "老旧小区改造有什么目标？"
HUKOU = "城区人口不到300万的城市还限制落户吗？"
PLAN = "“十四五”新型城镇化实施方案"


def _choose(page: Any, dropdown: str, option: str) -> None:
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option, exact=True).click()


def _entries(app: Running) -> dict[str, DocEntry]:
    return {d.doc_id: d for d in read_manifest(app.settings.index_path).documents}


def _cited_kinds(page: Any, app: Running) -> list[str]:
    """The kind (from the index's manifest) of every source listed under the last answer."""
    by_title = {}
    for entry in _entries(app).values():
        by_title[entry.title] = by_title[entry.meta.title or entry.title] = entry.meta.kind
    answer = page.locator("#transcript .msg.bot").last
    assert answer.locator(".sources.maybe-block").count() == 0, "the answer abstained"
    titles = [t.strip().strip("《》") for t in answer.locator(".sources li.source .doc").all_inner_texts()]
    assert titles, "the answer lists no sources"
    return [by_title[t] for t in titles]


def test_the_kind_filter_keeps_the_citations_to_documents_of_that_kind(page: Any, app: Running) -> None:
    from playwright.sync_api import expect

    kinds = {d.meta.kind for d in _entries(app).values()}
    assert kinds == {"policy", "commentary"}, kinds  # the seed corpus: one plan, four commentaries

    ask(page, BOTH_KINDS, 0)
    assert set(_cited_kinds(page, app)) == {"policy", "commentary"}, "unfiltered, both kinds should answer"

    _choose(page, "#kind-filter", "解读/评论")
    ask(page, BOTH_KINDS, 1)
    assert set(_cited_kinds(page, app)) == {"commentary"}
    # The metadata line under every source says so too.
    lines = page.locator("#transcript .msg.bot").last.locator(".sources li.source .clause-meta")
    expect(lines.first).to_be_visible()
    assert all("解读/评论" in line for line in lines.all_inner_texts()), lines.all_inner_texts()
    page.screenshot(path=str(SHOTS / "meta-01-kind-filter-commentary.png"), full_page=True)

    _choose(page, "#kind-filter", "政策文件")
    ask(page, BOTH_KINDS, 2)
    assert set(_cited_kinds(page, app)) == {"policy"}


def _set_status(page: Any, app: Running, label: str, status: str | None) -> None:
    """Choose ``label`` and save, then wait until the index records ``status`` as the override
    (None: none). The page's "已保存" may still be the previous save's, so the index is what is
    waited for."""
    page.get_by_role("tab", name="文件").click()
    _choose(page, "#meta-status", label)
    page.click("#meta-save")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while _entries(app)[PLAN].override.get("status") != status:
        assert time.monotonic() < deadline, f"the index never recorded status {status!r}"
        time.sleep(0.2)


def test_an_admin_marks_a_document_repealed_and_its_next_citation_says_so(page: Any, app: Running) -> None:
    from playwright.sync_api import expect

    plan = _entries(app)[PLAN]
    assert plan.meta.status == "" and "status" not in plan.override
    page.get_by_role("tab", name="文件").click()
    page.locator("#docs-table").get_by_text(PLAN, exact=True).click()
    expect(page.locator("#meta-title input, #meta-title textarea").first).to_have_value(plan.meta.title)
    expect(page.locator("#meta-kind input")).to_have_value("政策文件")
    expect(page.locator("#meta-save")).to_be_visible()

    # A bad date is refused with the value in the message, and nothing is written.
    issued = page.locator("#meta-issued input, #meta-issued textarea").first
    issued.fill("2021-13-45")
    page.click("#meta-save")
    expect(page.locator("#meta-result")).to_contain_text("发布日期“2021-13-45”不是有效日期")
    assert _entries(app)[PLAN].override == plan.override
    issued.fill(plan.meta.issued)

    try:
        _set_status(page, app, "已废止", "repealed")
        page.screenshot(path=str(SHOTS / "meta-02-admin-edits-status.png"), full_page=True)

        page.get_by_role("tab", name="问答").click()
        ask(page, HUKOU, 0)
        answer = page.locator("#transcript .msg.bot").last
        expect(answer.locator(".answer-text")).to_contain_text(
            f"（注意：《{plan.meta.title}》已废止，所引条款不是现行规定）"
        )
        expect(answer.locator(".sources .badge.stale").first).to_contain_text("已废止")
        page.screenshot(path=str(SHOTS / "meta-03-repealed-citation.png"), full_page=True)
    finally:
        if _entries(app)[PLAN].override.get("status"):
            _set_status(page, app, "未说明", None)  # back to what the document says: the shared app as it was
    assert "status" not in _entries(app)[PLAN].override
