"""The quiz and evaluation pages in headless Chromium (Debian's /usr/bin/chromium via Playwright,
as in tests/test_ui_browser.py), over a small index with the hashing embedder — the pages'
flows, not the model, are under test: generate items, edit one and see the re-check, assemble a
paper and download the student and teacher Word files; run an evaluation, open a failure's
drill-down, compare two runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest

from rag.index.embed import HashingEmbedder
from rag.pipeline import Pipeline
from rag.records import Unit
from rag.settings import Settings
from tests.answer_fixtures import build_index
from tests.browser_support import SHOTS, download, free_port
from tests.quiz.quiz_helpers import DATA
from ui.app import start

pytestmark = pytest.mark.integration

TIMEOUT_MS = 120_000


@dataclass
class Running:
    url: str
    settings: Settings


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    root = tmp_path_factory.mktemp("quiz-app")
    units = [Unit.from_json(d) for d in json.loads((DATA / "quiz_plan_units.json").read_text("utf-8"))]
    embedder = HashingEmbedder(128)
    index = build_index(root / "index" / "default", units, embedder)
    settings = Settings(documents_dir=root / "documents", index_dir=root / "index", embedder=embedder.id,
                        port=free_port())
    demo, url = start(settings, Pipeline(index, embedder), quiet=True)
    try:
        yield Running(url, settings)
    finally:
        demo.close()


@pytest.fixture
def page(app: Running, browser: Any) -> Iterator[object]:
    """A page of this module's app in the session's Chromium (tests/conftest.py): one Playwright per session."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(app.url)
    page.wait_for_selector("#question textarea")
    try:
        yield page
    finally:
        context.close()


def test_generate_edit_recheck_and_download_the_paper(page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.get_by_role("tab", name="出题").click()
    page.fill("#quiz-chapters textarea", "三、")
    page.click("#quiz-go")
    expect(page.locator("#quiz-status")).to_contain_text("已生成 10 道题", timeout=TIMEOUT_MS)
    sources = page.locator("#quiz-items li.item .src").all_inner_texts()
    assert len(sources) == 10 and all("三、加快农业转移人口市民化" in s for s in sources)
    expect(page.locator("#quiz-items .key")).to_have_count(0)  # answers hidden by default
    page.locator("#quiz-show-answers input").check()
    expect(page.locator("#quiz-items .key").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "quiz-01-bank.png"), full_page=True)

    single = page.locator("#quiz-items li.item", has_text="单选题").first
    item_id = single.locator(".bank-head").get_attribute("data-id")
    assert item_id
    page.fill("#bank-id input", item_id)
    page.click("#bank-load")
    expect(page.locator("#bank-verdict")).to_contain_text("复核通过")
    key = page.input_value("#bank-answer textarea")
    assert key in ("A", "B", "C", "D")
    page.fill("#bank-answer textarea", "ABCD"[("ABCD".index(key) + 1) % 4])
    page.click("#bank-save")
    expect(page.locator("#bank-verdict")).to_contain_text("复核未通过")
    expect(page.locator(f'#quiz-items .bank-head[data-id="{item_id}"] .status.failed')).to_be_visible()
    page.screenshot(path=str(SHOTS / "quiz-02-recheck.png"), full_page=True)
    page.fill("#bank-answer textarea", key)
    page.click("#bank-save")
    expect(page.locator("#bank-verdict")).to_contain_text("复核通过")

    page.click("#paper-go")
    expect(page.locator("#paper-status")).to_contain_text("学生版")
    expect(page.locator('#paper-files a[download*="学生版"]')).to_be_visible()
    student = download(page, '#paper-files a[download*="学生版"]', tmp_path)
    teacher = download(page, '#paper-files a[download*="教师版"]', tmp_path)
    assert student.name.startswith("《“十四五”新型城镇化实施方案》培训测验-") and student.suffix == ".docx"
    student_text = "\n".join(p.text for p in docx.Document(str(student)).paragraphs)
    teacher_text = "\n".join(p.text for p in docx.Document(str(teacher)).paragraphs)
    assert "姓名：" in student_text and "答案与解析" not in student_text
    assert "答案与解析" in teacher_text and "培训测验" in teacher_text.splitlines()[0]
    page.screenshot(path=str(SHOTS / "quiz-03-paper.png"), full_page=True)


GOLD = DATA / "evalpage" / "gold.jsonl"


def test_evaluate_open_a_failure_and_compare_two_runs(page: object, tmp_path: Path) -> None:
    import re

    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.get_by_role("tab", name="评测").click()
    page.set_input_files("#eval-gold input[type=file]", str(GOLD))
    expect(page.locator('#eval-gold td.filename[aria-label="gold.jsonl"]')).to_be_visible()
    page.fill("#eval-limit input", "0")
    page.click("#eval-go")
    expect(page.locator("#eval-metrics")).to_contain_text("前五命中率", timeout=TIMEOUT_MS)
    expect(page.locator("#eval-metrics")).to_contain_text("标准条款出现在前 5 条检索结果中的问题占比")
    expect(page.locator("#eval-slices")).to_contain_text("无法回答")
    expect(page.locator("#eval-drill")).to_contain_text("引用不全或有误")  # failures only, by default
    expect(page.locator("#eval-plots img").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "eval-01-report.png"), full_page=True)

    page.click("#eval-pick input")
    page.get_by_role("option", name=re.compile(r"^g3 ")).click()
    expect(page.locator("#eval-detail .drill.fail")).to_contain_text("农民工可以申请保障性租赁住房吗")

    with page.expect_download() as info:
        page.locator('#eval-files a[download="results.json"]').click()
    run = json.loads(Path(info.value.path()).read_text("utf-8"))
    # Run A: the same run with g1's gold clause missed and uncited, so this run is better on g1.
    for q in run["systems"][0]["questions"]:
        if q["id"] == "g1":
            q.update(rank=None, citation_recall=0.0, citation_precision=0.0)
    older = tmp_path / "older.json"
    older.write_text(json.dumps(run, ensure_ascii=False), "utf-8")
    page.get_by_text("对比两次评测").click()
    page.set_input_files("#eval-run-a input[type=file]", str(older))
    expect(page.locator('#eval-run-a td.filename[aria-label="older.json"]')).to_be_visible()
    page.click("#eval-compare-go")
    expect(page.locator("#eval-comparison li.better")).to_contain_text("g1")
    expect(page.locator("#eval-comparison h4.worse")).to_contain_text("变差（0）")
    page.screenshot(path=str(SHOTS / "eval-02-compare.png"), full_page=True)


def test_an_item_whose_clause_changed_is_flagged_for_review(page: object, app: Running) -> None:
    import dataclasses

    from playwright.sync_api import Page, expect

    from rag.quiz.bank import Bank, bank_path

    assert isinstance(page, Page)
    page.get_by_role("tab", name="出题").click()
    page.fill("#quiz-clauses textarea", "（六）")
    page.click("#quiz-go")
    expect(page.locator("#quiz-status")).to_contain_text("道题", timeout=TIMEOUT_MS)
    item_id = page.locator("#quiz-items .bank-head").first.get_attribute("data-id")
    assert item_id
    # The item was made when the clause read differently: its stored clause text is an older one.
    bank = Bank(bank_path(app.settings.index_dir, app.settings.index_name))
    entry = bank.get(int(item_id))
    older = dataclasses.replace(entry.item.citation, text=entry.item.citation.text + "（旧版本中的一句话。）")
    bank.replace_item(entry.id, dataclasses.replace(entry.item, citation=older), edited=False)
    page.locator("#bank-status").get_by_text("待复核").click()
    page.click("#bank-find")
    flagged = page.locator(f'#quiz-items li.item:has(.bank-head[data-id="{item_id}"])')
    expect(flagged.locator(".status.review")).to_be_visible()
    expect(flagged).to_contain_text("条款已修改，请复核此题")
    expect(page.locator("#quiz-status")).to_contain_text("待复核")
    page.screenshot(path=str(SHOTS / "quiz-04-flagged.png"), full_page=True)
