"""The quiz and evaluation pages in headless Chromium (Debian's /usr/bin/chromium via Playwright,
as in tests/test_ui_browser.py), over a small index with the hashing embedder — the pages'
flows, not the model, are under test: generate items, edit one and see the re-check, assemble a
paper and download the student and teacher Word files; run an evaluation, open a failure's
drill-down, compare two runs."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from rag.index.embed import HashingEmbedder
from rag.pipeline import Pipeline
from rag.records import Unit
from rag.settings import Settings
from tests.answer_fixtures import build_index
from tests.quiz.quiz_helpers import DATA
from ui.app import start

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 120_000
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@dataclass
class Running:
    url: str
    settings: Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    root = tmp_path_factory.mktemp("quiz-app")
    units = [Unit.from_json(d) for d in json.loads((DATA / "quiz_plan_units.json").read_text("utf-8"))]
    embedder = HashingEmbedder(128)
    index = build_index(root / "index" / "default", units, embedder)
    settings = Settings(documents_dir=root / "documents", index_dir=root / "index", embedder=embedder.id,
                        port=_free_port())
    demo, url = start(settings, Pipeline(index, embedder), quiet=True)
    try:
        yield Running(url, settings)
    finally:
        demo.close()


@pytest.fixture
def page(app: Running) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        try:
            yield page
        finally:
            context.close()
            browser.close()


def _download(page: object, name_part: str, into: Path) -> Path:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    link = page.locator(f'#paper-files a[download*="{name_part}"]').first
    with page.expect_download() as info:
        link.click()
    target = into / info.value.suggested_filename
    info.value.save_as(target)
    return target


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
    student = _download(page, "学生版", tmp_path)
    teacher = _download(page, "教师版", tmp_path)
    assert student.name.startswith("《“十四五”新型城镇化实施方案》培训测验-") and student.suffix == ".docx"
    student_text = "\n".join(p.text for p in docx.Document(str(student)).paragraphs)
    teacher_text = "\n".join(p.text for p in docx.Document(str(teacher)).paragraphs)
    assert "姓名：" in student_text and "答案与解析" not in student_text
    assert "答案与解析" in teacher_text and "培训测验" in teacher_text.splitlines()[0]
    page.screenshot(path=str(SHOTS / "quiz-03-paper.png"), full_page=True)
