"""The README's pictures: one screenshot of each page, and the question page on a phone in dark mode.

Copies ``documents/`` and indexes it into a temporary folder (the default embedder, as shipped),
starts the app there with an admin account, and drives Debian's Chromium through Playwright
(``/usr/bin/chromium``; ``make browser`` installs it — never a browser download). Writes
``chat.png``, ``documents.png``, ``quiz.png``, ``evaluation.png``, ``app-retrieval-test.png``,
``app-feedback.png`` (the admin's list, after a 👎 with a note on the chat's answer) and
``phone-dark.png``.

Usage::

    python benchmarks/screenshots.py                  # into docs/img/
    python benchmarks/screenshots.py --out /tmp/shots --eval-questions 10
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rag.index.build import build_index  # noqa: E402
from rag.index.embed import load_embedder  # noqa: E402
from rag.pipeline import Pipeline  # noqa: E402
from rag.settings import Settings  # noqa: E402
from tests.browser_support import ADMIN, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, ask, free_port  # noqa: E402
from ui.app import start  # noqa: E402
from ui.auth import hash_password  # noqa: E402

QUESTION = "城区人口不到300万的城市还限制落户吗？"
TIMEOUT_MS = 600_000


def _open(browser: Any, url: str, **context: Any) -> Any:
    page = browser.new_context(locale="zh-CN", **context).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    assert page.request.post(f"{url}login", form={"username": ADMIN[0], "password": ADMIN[1]}).ok
    page.goto(url)
    page.wait_for_selector("#question textarea")
    return page


def shoot(url: str, out: Path, eval_questions: int) -> list[Path]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)  # a quiz or an evaluation takes longer than 5 s
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = _open(browser, url, viewport=DESKTOP)
        ask(page, QUESTION, 0)
        page.locator("#transcript .answer-text a.cite").first.click()
        expect(page.locator("#clause-panel mark").first).to_be_visible()
        written.append(out / "chat.png")
        page.screenshot(path=str(written[-1]))
        page.locator("#transcript .fb-btn.fb-down").last.click()
        page.fill("#feedback-comment textarea", "没有说到积分落户")
        page.click("#feedback-save")
        expect(page.locator("#feedback-comment textarea")).to_be_hidden()

        page.get_by_role("tab", name="文件").click()
        page.locator("#docs-table").get_by_text("“十四五”新型城镇化实施方案", exact=True).click()
        page.locator("#doc-tree a.nav", has_text="（六）深化户籍制度改革").click()
        expect(page.locator("#doc-clause .clause-text")).to_contain_text("户籍")
        page.evaluate("window.scrollTo(0, 0)")
        written.append(out / "documents.png")
        page.screenshot(path=str(written[-1]))

        page.get_by_role("tab", name="出题").click()
        page.fill("#quiz-chapters textarea", "三、")
        page.click("#quiz-go")
        expect(page.locator("#quiz-status")).to_contain_text("道题")
        page.locator("#quiz-show-answers input").check()
        expect(page.locator("#quiz-items .key").first).to_be_visible()
        page.wait_for_timeout(1500)  # the items are drawn again with their keys
        written.append(out / "quiz.png")
        page.screenshot(path=str(written[-1]))

        page.get_by_role("tab", name="评测").click()
        page.fill("#eval-limit input", str(eval_questions))
        page.click("#eval-go")
        expect(page.locator("#eval-metrics")).to_contain_text("前五命中率")
        page.wait_for_timeout(3000)  # the plots arrive after the table
        written.append(out / "evaluation.png")
        page.screenshot(path=str(written[-1]))

        page.get_by_role("tab", name="检索测试").click()
        page.fill("#probe-question textarea", QUESTION)
        page.click("#probe-go")
        expect(page.locator("#probe-verdict")).to_contain_text("可以回答")
        page.evaluate("window.scrollTo(0, 0)")
        written.append(out / "app-retrieval-test.png")
        page.screenshot(path=str(written[-1]))

        page.get_by_role("tab", name="反馈").click()
        page.click("#fb-refresh")
        expect(page.locator("#fb-table")).to_contain_text("没有说到积分落户")
        written.append(out / "app-feedback.png")
        page.screenshot(path=str(written[-1]))

        phone = _open(browser, url, viewport=PHONE, color_scheme="dark", has_touch=True)
        ask(phone, QUESTION, 0)
        phone.locator("#transcript .answer-text a.cite").first.tap()
        expect(phone.locator("#clause-panel mark").first).to_be_in_viewport()
        written.append(out / "phone-dark.png")
        phone.screenshot(path=str(written[-1]))
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument("--embedder", default=None, help="default: the shipped default")
    parser.add_argument("--eval-questions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rag-shots-") as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "documents", root / "documents")
        users = root / "users.toml"
        users.write_text(f'[users.{ADMIN[0]}]\nrole = "admin"\npassword = "{hash_password(ADMIN[1])}"\n', "utf-8")
        settings = Settings.from_env(embedder=args.embedder).with_(
            documents_dir=root / "documents", index_dir=root / "index", users_file=users, port=free_port()
        )
        started = time.perf_counter()
        build_index(settings, lambda: load_embedder(settings), progress=False)
        demo, url = start(settings, Pipeline.from_settings(settings), quiet=True)
        try:
            for path in shoot(url, args.out, args.eval_questions):
                print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
        finally:
            demo.close()
        print(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
