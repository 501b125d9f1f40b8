"""Conversations, feedback, knowledge bases and the retrieval test page in headless Chromium, over
the real corpus and model (the ``app`` / ``page`` fixtures of tests/conftest.py: an admin logged
in, each test on a new conversation). Screenshots go to ``artifacts/screenshots/``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import ADMIN, SHOTS, TIMEOUT_MS, Running, ask, download, open_app

pytestmark = pytest.mark.integration

QUESTION = "城区人口不到300万的城市还限制落户吗？"
SCHOOL_BUS = (
    "校车安全管理条例\n\n第一条 为了加强校车安全管理，保障乘坐校车学生的人身安全，制定本条例。\n\n"
    "第二条 校车载人不得超过核定载人数，不得以任何理由超员。\n\n"
    "第三条 校车驾驶人应当每年接受公安机关交通管理部门的审验。\n"
)


def _choose(page: Any, dropdown: str, option: str) -> None:
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option).click()


def test_a_reloaded_page_brings_the_conversation_back_and_exports_it(page: Any, app: Running, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    kept = "() => window.localStorage.getItem('policy-rag-conversation')"
    before = page.evaluate(kept)
    ask(page, QUESTION, 0)
    expect(page.locator("#transcript .answer-text").last).to_contain_text("300万")
    # Saved: the list holds this conversation, chosen (earlier tests' conversations may share its title).
    # Saving follows the answer in a step of its own; a reload before it would bring back another. The
    # same step records it in this browser's storage, which the reload reads.
    expect(page.locator("#history-list label:has(input:checked)")).to_contain_text(QUESTION[:12])
    page.wait_for_function(f"(before) => ({kept})() !== before", arg=before)

    page.reload()
    page.wait_for_selector("#history-list.loaded")
    expect(page.locator("#transcript .msg.user").first).to_contain_text(QUESTION)
    expect(page.locator("#transcript .answer-text").first).to_contain_text("300万")
    expect(page.locator("#history-list label", has_text=QUESTION[:12]).first).to_be_visible()
    page.screenshot(path=str(SHOTS / "history-01-after-reload.png"), full_page=True)

    # The restored conversation's citations still open their clauses.
    page.locator("#transcript .answer-text a.cite").first.click()
    expect(page.locator("#clause-panel .clause-text")).to_contain_text("户籍")

    page.click("#export-md")
    markdown = download(page, "#history-file a[download]", tmp_path).read_text("utf-8")
    assert markdown.startswith(f"# {QUESTION}") and "[1] 《" in markdown and "\n> " in markdown
    page.click("#export-docx")
    word = download(page, "#history-file a[download]", tmp_path)
    assert word.suffix == ".docx" and word.stat().st_size > 0

    # A new conversation, then the old one opened from the list.
    page.click("#history-new")
    expect(page.locator("#transcript .rag-chat.empty")).to_be_visible()
    page.locator("#history-list label", has_text=QUESTION[:12]).first.click()
    expect(page.locator("#transcript .answer-text").first).to_contain_text("300万")

    # Deleted: gone from the list, and after a reload too.
    count = page.locator("#history-list label").count()
    page.locator("#history-confirm input").check()
    page.click("#history-delete")
    expect(page.locator("#history-list label")).to_have_count(count - 1)
    open_app(page, app.url)
    expect(page.locator("#history-list label")).to_have_count(count - 1)


def test_a_reload_brings_back_this_browsers_conversation_not_another_tabs(open_page: Any) -> None:
    from playwright.sync_api import expect

    # Two browsers of one user: the second saves its conversation last, the first is reloaded.
    first, second = open_page(), open_page()
    ask(first, QUESTION, 0)
    expect(first.locator("#history-list label:has(input:checked)")).to_contain_text(QUESTION[:12])
    ask(second, "随迁子女上学有什么保障？", 0)
    expect(second.locator("#history-list label:has(input:checked)")).to_contain_text("随迁子女")
    first.reload()
    first.wait_for_selector("#history-list.loaded")
    expect(first.locator("#transcript .msg.user").first).to_contain_text(QUESTION)
    # A browser with nothing open gets the user's most recent conversation, as before.
    third = open_page()
    third.evaluate("() => localStorage.clear()")
    third.reload()
    third.wait_for_selector("#history-list.loaded")
    expect(third.locator("#transcript .msg.user").first).to_contain_text("随迁子女")


def test_thumbs_down_with_a_comment_shows_in_the_admin_list_and_exports(page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    question = "随迁子女上学有什么保障？"
    ask(page, question, 0)
    page.locator("#transcript .fb-btn.fb-down").last.click()
    expect(page.locator("#feedback-comment textarea")).to_be_visible()
    expect(page.locator("#feedback-note")).to_contain_text("没用")
    page.fill("#feedback-comment textarea", "没有说到中考")
    page.click("#feedback-save")
    expect(page.locator("#feedback-comment textarea")).to_be_hidden()

    page.get_by_role("tab", name="反馈").click()
    page.click("#fb-refresh")
    table = page.locator("#fb-table")
    expect(table).to_contain_text(question)
    expect(table).to_contain_text("没有说到中考")
    _choose(page, "#fb-kind", "有用")
    expect(table).not_to_contain_text("没有说到中考")
    _choose(page, "#fb-kind", "没用")
    expect(table).to_contain_text("没有说到中考")
    page.screenshot(path=str(SHOTS / "feedback-01-admin-list.png"), full_page=True)

    page.click("#fb-export")
    expect(page.locator("#fb-status")).to_contain_text("已导出")
    lines = [json.loads(x) for x in download(page, "#fb-file a[download]", tmp_path).read_text("utf-8").splitlines()]
    mine = [x for x in lines if x["question"] == question and x["feedback"]["comment"] == "没有说到中考"]
    assert mine and mine[0]["reviewed"] is False and mine[0]["feedback"]["kind"] == "down"
    assert mine[0]["feedback"]["index_built"] and mine[0]["gold"] == [] and mine[0]["cited"]


def test_a_new_knowledge_base_takes_an_upload_answers_and_is_removed(
    page: Any, app: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner
    from gradio_client import Client
    from playwright.sync_api import expect

    from rag.ask_cli import ask_command

    name = "校车测试库"
    page.get_by_role("tab", name="文件").click()
    page.fill("#kb-name input", name)
    page.click("#kb-create")
    expect(page.locator("#kb-status")).to_contain_text("已新建")
    expect(page.locator("#docs-table")).not_to_contain_text("“十四五”新型城镇化实施方案")  # the new KB is empty

    upload = tmp_path / "校车安全管理条例.txt"
    upload.write_text(SCHOOL_BUS, encoding="utf-8")
    page.set_input_files("#upload-files input[type=file]", str(upload))
    page.click("#upload-btn")
    expect(page.locator("#docs-status .msg-box")).to_contain_text("索引完成", timeout=TIMEOUT_MS)
    expect(page.locator("#docs-table")).to_contain_text("校车安全管理条例")
    page.screenshot(path=str(SHOTS / "kb-01-new-kb.png"), full_page=True)
    [folder] = [p for p in (app.settings.index_dir / "kb").iterdir() if (p / "documents" / upload.name).is_file()]
    assert folder.name.startswith("kb-") and not (app.settings.documents_dir / upload.name).exists()

    page.get_by_role("tab", name="问答").click()
    _choose(page, "#chat-kb", name)
    ask(page, "校车载人有什么限制？", 0)
    expect(page.locator("#transcript .answer-text").last).to_contain_text("核定载人数")
    expect(page.locator("#transcript .sources").last).to_contain_text("校车安全管理条例")
    page.screenshot(path=str(SHOTS / "kb-02-asked-in-kb.png"))

    # The API and `rag ask --server --index` name the knowledge base too.
    data = Client(app.url, verbose=False, auth=ADMIN).predict("校车载人有什么限制？", name, api_name="/ask")
    assert {c["doc"] for c in data["citations"]} == {"校车安全管理条例"}
    monkeypatch.setenv("RAG_UI_USER", ADMIN[0])
    monkeypatch.setenv("RAG_UI_PASSWORD", ADMIN[1])
    argv = ["--server", app.url, "--index", folder.name, "--json", "校车载人有什么限制？"]
    cli = CliRunner().invoke(ask_command, argv, obj=app.settings)
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output)["citations"][0]["doc"] == "校车安全管理条例"
    unknown = CliRunner().invoke(ask_command, ["--server", app.url, "--index", "没有这个库", "落户"], obj=app.settings)
    assert unknown.exit_code != 0 and "没有这个库" in unknown.output

    page.get_by_role("tab", name="文件").click()
    _choose(page, "#docs-kb", name)
    page.fill("#kb-name input", "校车库")
    page.click("#kb-rename")
    expect(page.locator("#kb-status")).to_contain_text("已重命名")
    page.fill("#kb-remove-name input", name)  # the old name: refused
    page.click("#kb-remove")
    expect(page.locator("#kb-status")).to_contain_text("请在确认框中输入“校车库”")
    assert folder.is_dir()
    documents_before = sorted(os.listdir(app.settings.documents_dir))
    page.fill("#kb-remove-name input", "校车库")
    page.click("#kb-remove")
    expect(page.locator("#kb-status")).to_contain_text("已删除知识库")
    expect(page.locator("#docs-table")).to_contain_text("“十四五”新型城镇化实施方案")  # back on the default KB
    assert not folder.exists() and not (app.settings.index_dir / folder.name).exists()
    assert sorted(os.listdir(app.settings.documents_dir)) == documents_before


def test_the_retrieval_test_page_shows_scores_ranks_and_the_verdict(page: Any) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="检索测试").click()
    page.fill("#probe-question textarea", QUESTION)
    page.click("#probe-go")
    expect(page.locator("#probe-verdict")).to_contain_text("可以回答")
    rows = page.locator("#probe-result tr.probe-row")
    expect(rows).to_have_count(5)
    expect(rows.first).to_contain_text("（六）")
    dense = rows.first.locator("td.dense").inner_text()
    assert "#" in dense and 0.0 < float(dense.split()[0]) <= 1.0
    page.screenshot(path=str(SHOTS / "probe-01-scores.png"), full_page=True)

    page.locator("#probe-top-k input[type=number]").fill("3")
    page.locator("#probe-top-k input[type=number]").press("Enter")
    page.locator("#probe-fusion").get_by_text("lexical", exact=True).click()
    page.click("#probe-go")
    expect(page.locator("#probe-verdict")).to_contain_text("融合方式 = lexical")
    # One retriever: the model lacks the other's signals, and the page says so.
    expect(page.locator("#probe-verdict")).to_contain_text("仅供参考")
    expect(rows).to_have_count(3)
    expect(rows.first.locator("td.dense")).to_contain_text("–")

    page.locator("#probe-fusion").get_by_text("weighted", exact=True).click()
    page.fill("#probe-question textarea", "如何烤制酸面包？")
    page.click("#probe-go")
    expect(page.locator("#probe-verdict")).to_contain_text("不回答")
