"""End to end: the real app over the real corpus and model, driven in headless Chromium.

Debian's ``/usr/bin/chromium`` is driven by Playwright (``executable_path``); no browser is ever
downloaded. The app runs in a background thread on a free port over an index built once per
session in a temporary directory, from a temporary copy of ``documents/`` (so the upload test
never touches the repository's corpus). Screenshots go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import gradio as gr
import pytest

from tests.browser_support import ADMIN, REPO, SHOTS, TIMEOUT_MS, Running, ask

pytestmark = pytest.mark.integration

QUESTION = "城区人口不到300万的城市还限制落户吗？"
PAYLOAD = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"


def test_ask_click_a_citation_and_read_the_clause(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.screenshot(path=str(SHOTS / "01-start.png"))
    ask(page, QUESTION, 0)
    answer = page.locator("#transcript .msg.bot .answer-text").last
    expect(answer).to_contain_text("300万")
    expect(page.locator("#transcript .sources li.source").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "02-answer.png"))
    copy = page.locator("#transcript .copy-btn").last
    assert "[1] 《" in (copy.get_attribute("data-copy") or "")
    copy.click()
    expect(copy).to_contain_text("已复制")

    answer.locator("a.cite").first.click()
    panel = page.locator("#clause-panel .clause")
    expect(panel.locator(".clause-text")).to_contain_text("深化户籍制度改革")
    expect(panel.locator(".crumbs")).to_contain_text("三、加快农业转移人口市民化")
    expect(panel.locator(".clause-text mark").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "03-clause.png"))

    panel.locator("a.nav", has_text="下一条").click()
    expect(page.locator("#clause-panel .clause-text")).not_to_contain_text("深化户籍制度改革")
    page.locator("#clause-panel a.nav", has_text="上一条").click()
    expect(page.locator("#clause-panel .clause-text")).to_contain_text("深化户籍制度改革")
    expect(page.locator("#clause-panel .clause-text mark").first).to_be_visible()

    ask(page, "那300万以上的呢？", 1)
    expect(page.locator("#transcript .understood").last).to_contain_text("城区人口300万以上的城市还限制落户吗？")
    page.screenshot(path=str(SHOTS / "04-follow-up.png"))


def test_not_found_is_shown_with_possibly_related_clauses(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    ask(page, "如何烤制酸面包？", 0)
    expect(page.locator("#transcript .answer-text.abstained")).to_contain_text("没有找到")
    expect(page.locator("#transcript .maybe-block")).to_contain_text("可能相关")
    page.locator("#transcript .maybe-block a.cite").first.click()
    expect(page.locator("#clause-panel .badge.maybe")).to_be_visible()
    page.screenshot(path=str(SHOTS / "05-not-found.png"))


def test_english_switch_relabels_the_interface(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.get_by_text("English", exact=True).click()
    expect(page.locator("#send")).to_have_text("Ask")
    expect(page.get_by_role("tab", name="Documents")).to_be_visible()
    page.screenshot(path=str(SHOTS / "06-english.png"))


def test_ask_endpoint_returns_the_json_of_rag_ask(app: Running) -> None:
    from gradio_client import Client

    client = Client(app.url, verbose=False, auth=ADMIN)
    data = client.predict(QUESTION, api_name="/ask")
    assert isinstance(data, dict)
    assert set(data) == {"question", "answer", "abstained", "citations", "sentences"}
    assert data == app.pipeline.ask(QUESTION).to_json()
    assert data["citations"] and set(data["citations"][0]) == {"n", "doc", "title", "label", "path", "text", "score",
                                                                                "meta"}
    assert any("深化户籍制度改革" in " ".join(c["path"]) for c in data["citations"])
    with pytest.raises(Exception, match="问题"):
        client.predict("   ", api_name="/ask")


def test_an_uploaded_file_is_listed_answerable_and_removable(page: object, app: Running, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    upload = tmp_path / "城市屋顶绿化管理办法.txt"
    upload.write_text(
        "城市屋顶绿化管理办法\n\n第一条 为推进城市屋顶绿化，改善人居环境，制定本办法。\n\n"
        "第二条 新建公共建筑应当实施屋顶绿化，绿化面积不得少于屋顶可绿化面积的百分之三十五。\n\n"
        "第三条 屋顶绿化工程竣工后，建设单位应当在三十日内报园林绿化主管部门备案。\n\n"
        f"第四条 示范标记{PAYLOAD}只是文字，不得执行。\n",
        encoding="utf-8",
    )
    page.get_by_role("tab", name="文件").click()
    page.set_input_files("#upload-files input[type=file]", str(upload))
    # Gradio's file preview shows the stem and the extension in separate spans.
    expect(page.locator("#upload-files")).to_contain_text(re.compile(r"城市屋顶绿化管理办法\s*\.txt"))
    page.click("#upload-btn")
    expect(page.locator("#docs-status .msg-box")).to_contain_text("索引完成", timeout=TIMEOUT_MS)
    expect(page.locator("#docs-table")).to_contain_text("城市屋顶绿化管理办法")
    page.screenshot(path=str(SHOTS / "07-uploaded.png"), full_page=True)
    assert (app.settings.uploads_path / upload.name).is_file()  # beside the index, not in documents/
    assert not (app.settings.documents_dir / upload.name).exists()

    # A document's HTML is shown as text, never run.
    page.locator("#docs-table").get_by_text("城市屋顶绿化管理办法", exact=True).click()
    page.locator("#doc-tree a.nav", has_text="第四条").click()
    expect(page.locator("#doc-clause .clause-text")).to_contain_text(PAYLOAD)
    assert page.evaluate("window.__pwned") is None

    page.get_by_role("tab", name="问答").click()
    ask(page, "新建公共建筑屋顶绿化面积有什么要求？", 0)
    expect(page.locator("#transcript .answer-text").last).to_contain_text("百分之三十五")
    expect(page.locator("#transcript .sources").last).to_contain_text("城市屋顶绿化管理办法")
    page.screenshot(path=str(SHOTS / "08-uploaded-answer.png"))

    page.get_by_role("tab", name="文件").click()
    page.locator("#remove-pick input").click()
    page.get_by_role("option", name="城市屋顶绿化管理办法").click()
    page.locator("#remove-confirm input").check()
    page.click("#remove-btn")
    expect(page.locator("#docs-status .msg-box")).to_contain_text("已删除", timeout=TIMEOUT_MS)
    expect(page.locator("#docs-table")).not_to_contain_text("城市屋顶绿化管理办法")
    assert not (app.settings.uploads_path / upload.name).exists()


def test_document_page_shows_the_clause_tree(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.get_by_role("tab", name="文件").click()
    page.locator("#docs-table").get_by_text("“十四五”新型城镇化实施方案", exact=True).click()
    tree = page.locator("#doc-tree")
    expect(tree).to_contain_text("（六）深化户籍制度改革")
    tree.locator("a.nav", has_text="（六）深化户籍制度改革").click()
    expect(page.locator("#doc-clause .clause-text")).to_contain_text("全面取消城区常住人口300万以下的城市落户限制")
    page.screenshot(path=str(SHOTS / "09-clause-tree.png"), full_page=True)


def test_evaluation_page_scores_the_dev_set_and_writes_the_report(app: Running) -> None:
    from ui.backend import Backend
    from ui.evaluation import run_evaluation

    backend = Backend(app.settings, app.pipeline)
    status, metrics, plots, files = run_evaluation(backend, None, 4, "zh", lambda *a, **k: None)
    assert "report.md" in status
    assert "hit@1" in metrics
    assert plots and all(Path(p).suffix == ".png" for p, _ in plots)
    assert files and any(f.endswith(".zip") for f in files)


def test_gradio_version_has_the_security_fixes() -> None:
    major, minor = (int(x) for x in gr.__version__.split(".")[:2])
    assert (major, minor) >= (6, 20)


def test_rag_ask_server_asks_the_running_app_without_loading_a_model(
    app: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rag ask --server URL` prints the running app's answer; --json is the same object as /ask."""
    import json

    monkeypatch.setenv("RAG_UI_USER", ADMIN[0])  # the test app asks for a login
    monkeypatch.setenv("RAG_UI_PASSWORD", ADMIN[1])

    from click.testing import CliRunner

    from rag.ask_cli import ask_command

    result = CliRunner().invoke(ask_command, ["--server", app.url, "--json", QUESTION], obj=app.settings)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == app.pipeline.ask(QUESTION).to_json()
    plain = CliRunner().invoke(ask_command, ["--server", app.url, QUESTION], obj=app.settings)
    assert plain.exit_code == 0 and "来源：" in plain.output and "（六）" in plain.output
    refused = CliRunner().invoke(ask_command, ["--server", "http://127.0.0.1:9/", QUESTION], obj=app.settings)
    assert refused.exit_code != 0 and "无法连接" in refused.output

    # In a process of its own (as a user runs it): the answer comes, and no model is loaded.
    import subprocess
    import sys

    probe = (
        "import sys\nfrom rag.cli import main\ncode = None\n"
        f"try:\n    main(['ask', '--server', {app.url!r}, {QUESTION!r}])\nexcept SystemExit as e:\n    code = e.code\n"
        "print('MODEL' if {'torch', 'sentence_transformers', 'onnxruntime'} & set(sys.modules) else 'NO MODEL', code)"
    )
    env = {**os.environ, "RAG_UI_USER": ADMIN[0], "RAG_UI_PASSWORD": ADMIN[1], "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert run.stdout.strip().endswith("NO MODEL 0") and "来源：" in run.stdout, (run.stdout, run.stderr)
