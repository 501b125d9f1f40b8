"""The app as a phone and a dark-mode user see it (issue 14), in Debian's Chromium through
Playwright, over the real corpus and model (the ``app`` and ``open_page`` fixtures of
``tests/conftest.py``). Screenshots go to ``artifacts/screenshots/look-*.png``.

What is checked is what a user sees: computed colours of the highlighted sentence (WCAG contrast),
whether the clause panel is in the viewport after a tap on [n], whether words break inside, which
language Gradio's own words are in, and a cited PDF page shown as an image.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import MIN_CONTRAST, PHONE, SHOTS, ask, contrast_ratio
from tests.test_load import make_pdf

pytestmark = pytest.mark.integration

QUESTION = "城区人口不到300万的城市还限制落户吗？"


def _mark_contrast(page: Any) -> float:
    """Contrast of the first highlighted span against its own background."""
    colours = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('#clause-panel mark'));"
        " return [s.color, s.backgroundColor]; }"
    )
    return contrast_ratio(colours[0], colours[1])


def _open_first_citation(page: Any) -> Any:
    from playwright.sync_api import expect

    ask(page, QUESTION, 0)
    marker = page.locator("#transcript .answer-text a.cite").first
    if (page.viewport_size or {}).get("width", 1400) < 500:
        marker.tap()  # a phone: a tap, not a click
    else:
        marker.click()
    mark = page.locator("#clause-panel .clause-text mark").first
    expect(mark).to_be_visible()
    return mark


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_on_a_phone_the_highlight_is_readable_and_the_panel_comes_into_view(
    open_page: Callable[..., Any], scheme: str
) -> None:
    from playwright.sync_api import expect

    page = open_page(viewport=PHONE, color_scheme=scheme, has_touch=True)
    assert ("dark" in (page.evaluate("document.body.className") or "")) == (scheme == "dark")
    # The title wraps by words, never one character per line.
    title = page.evaluate(
        "() => { const h = document.querySelector('#app-header h1'); const r = h.getBoundingClientRect();"
        " return [r.width, r.height, parseFloat(getComputedStyle(h).lineHeight) || 30]; }"
    )
    assert title[0] > 120 and title[1] < 2.5 * title[2], title
    mark = _open_first_citation(page)
    page.wait_for_timeout(300)  # the panel scrolls once its clause has arrived
    expect(page.locator("#clause-panel .clause")).to_be_in_viewport()
    expect(mark).to_be_in_viewport()
    ratio = _mark_contrast(page)
    page.screenshot(path=str(SHOTS / f"look-phone-{scheme}-clause.png"))
    assert ratio >= MIN_CONTRAST, f"highlight contrast {ratio:.2f} in {scheme} mode"


def test_on_a_desktop_in_dark_mode_the_highlight_is_readable(open_page: Callable[..., Any]) -> None:
    page = open_page(color_scheme="dark")
    _open_first_citation(page)
    ratio = _mark_contrast(page)
    bubble = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('#transcript .msg.user .bubble'));"
        " return [s.color, s.backgroundColor]; }"
    )
    page.screenshot(path=str(SHOTS / "look-desktop-dark.png"))
    assert ratio >= MIN_CONTRAST, ratio
    assert contrast_ratio(*bubble) >= MIN_CONTRAST, bubble


def test_an_english_answer_marks_its_whole_quote(page: Any) -> None:
    from playwright.sync_api import expect

    ask(page, "What does the plan say about urban renewal?", 0)
    answer = page.locator("#transcript .answer-text").last
    text = answer.inner_text()
    quotes = re.findall(r"“([^“”]+)”", text)  # the title's “十四五” is one too: the longest is the quote
    assert quotes, text
    quote = max(quotes, key=len).rstrip("。.")
    answer.locator("a.cite").first.click()
    expect(page.locator("#clause-panel .clause-text mark").first).to_be_visible()
    marked = page.locator("#clause-panel .clause-text mark").all_inner_texts()
    page.screenshot(path=str(SHOTS / "look-english-quote.png"))
    assert any(quote.replace("\n", "") in m.replace("\n", "") for m in marked), (quote, marked)


def test_a_clause_number_follow_up_answers_that_clause_only(page: Any) -> None:
    from playwright.sync_api import expect

    ask(page, "实施方案第十二条讲了什么？", 0)
    ask(page, "第十三条呢？", 1)
    expect(page.locator("#transcript .understood").last).to_have_text("理解为：实施方案第十三条讲了什么？")
    last = page.locator("#transcript .msg.bot").last
    sources = last.locator(".sources").inner_text()
    page.screenshot(path=str(SHOTS / "look-follow-up.png"))
    assert "（十三）" in sources and "（十二）" not in sources, sources


def test_a_question_typed_while_the_last_is_answered_is_kept(page: Any) -> None:
    # The answer's steps used to empty the question box again; the last of them arrives after
    # the user has started typing the next question (and Gradio repeats it on completion).
    page.fill("#question textarea", QUESTION)
    page.click("#send")
    page.wait_for_function("() => document.querySelectorAll('#transcript .msg.user').length > 0")
    page.fill("#question textarea", "那300万以上的呢？")
    done = "#transcript .msg.bot .answer-text:not(.streaming), #transcript .msg.bot .error"
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length > 0", arg=done)
    page.wait_for_timeout(500)  # any later update of the box has arrived
    assert page.locator("#question textarea").input_value() == "那300万以上的呢？"


def test_tabs_keep_their_width_and_the_documents_page_reads_well_on_a_phone(open_page: Callable[..., Any]) -> None:
    from playwright.sync_api import expect

    desktop = open_page()
    widths = []
    for tab in ("问答", "文件", "出题", "评测"):
        desktop.get_by_role("tab", name=tab).click()
        desktop.wait_for_timeout(300)
        widths.append(desktop.evaluate("document.querySelector('#tabs').getBoundingClientRect().width"))
    assert max(widths) - min(widths) < 2, widths

    page = open_page(viewport=PHONE)
    page.get_by_role("tab", name="文件").click()
    cell = page.locator("#docs-table tbody td").nth(1)
    expect(cell).to_have_text("txt")
    lines = cell.evaluate(
        "td => { const r = document.createRange(); r.selectNodeContents(td.querySelector('.cell-wrap') || td);"
        " return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; }"
    )
    assert lines == 1, "the format cell breaks inside the word"
    expect(page.locator("#doc-clause")).not_to_contain_text("[n]")
    assert page.locator("#doc-pick").inner_text() != page.locator("#remove-pick").inner_text()
    page.locator("#docs-table").get_by_text("“十四五”新型城镇化实施方案", exact=True).click()
    page.locator("#doc-tree a.nav", has_text="（六）深化户籍制度改革").click()
    expect(page.locator("#doc-clause .clause-text")).to_contain_text("全面取消城区常住人口300万以下的城市落户限制")
    page.wait_for_timeout(300)
    expect(page.locator("#doc-clause .clause")).to_be_in_viewport()
    page.screenshot(path=str(SHOTS / "look-phone-documents.png"))


def test_gradios_own_words_follow_the_interface_language(open_page: Callable[..., Any]) -> None:
    from playwright.sync_api import expect

    page = open_page(locale="en-US")  # an English browser: the interface is still Chinese by default
    expect(page.locator("body")).not_to_contain_text("Use via API")
    page.click("#send")  # an empty question: Gradio's notice, titled in Chinese by the style sheet
    title = page.locator(".toast-body .toast-title").first
    expect(title).to_be_visible()
    shown = title.evaluate("el => [getComputedStyle(el, '::before').content, getComputedStyle(el).fontSize]")
    assert shown == ['"提示"', "0px"], shown  # "Warning" is not shown; "提示" is
    page.get_by_role("tab", name="文件").click()
    expect(page.locator("#upload-files")).to_contain_text("将文件拖放到此处")
    expect(page.locator("#upload-files")).not_to_contain_text("Drop File")
    page.screenshot(path=str(SHOTS / "look-gradio-chinese.png"), full_page=True)

    # The other way round: a Chinese browser switched to English, with the drop zone already on
    # screen (Gradio draws its words once; ui/gradio_words.py redraws them on the switch), and back.
    english = open_page(locale="zh-CN")
    english.get_by_role("tab", name="文件").click()
    expect(english.locator("#upload-files")).to_contain_text("将文件拖放到此处")
    english.get_by_text("English", exact=True).click()
    expect(english.locator("html")).to_have_attribute("lang", "en")
    drop = english.locator("#upload-files")
    expect(drop).to_contain_text("Drop File Here")
    expect(drop).to_contain_text("Click to Upload")
    expect(drop).to_contain_text("Files to upload")
    assert not re.search(r"[\u4e00-\u9fff]", drop.inner_text())
    assert drop.locator("button.upload-container").get_attribute("aria-label") == "Click to upload or drop files"
    english.get_by_text("中文", exact=True).click()
    expect(english.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(drop).to_contain_text("将文件拖放到此处")
    expect(drop).to_contain_text("点击上传")
    expect(drop).not_to_contain_text("Drop File")
    assert drop.locator("button.upload-container").get_attribute("aria-label") == "点击上传或拖放文件"
    english.screenshot(path=str(SHOTS / "look-gradio-switched-back.png"), full_page=True)


def test_gradios_progress_line_is_chinese_while_an_answer_comes(page: Any) -> None:
    """Gradio's status tracker says "processing | 0.4s" and "queue: 1/2 |" in fixed English; the
    Chinese interface shows 处理中 / 排队 instead (ui/gradio_words.py), never the English."""
    # Every text the progress lines take while the answer comes, read after each change of the page.
    page.evaluate(
        """() => { window.progressSeen = [];
        new MutationObserver(() => document.querySelectorAll('.progress-text').forEach((e) => {
          const text = e.textContent.trim();
          if (text && !window.progressSeen.includes(text)) window.progressSeen.push(text); }))
        .observe(document.body, { childList: true, subtree: true, characterData: true }); }"""
    )
    ask(page, QUESTION, 0)
    seen: list[str] = page.evaluate("window.progressSeen")
    assert any("处理中 |" in text or "排队：" in text for text in seen), seen
    assert not [text for text in seen if re.search(r"processing|queue", text, re.I)], seen


def test_a_citation_of_a_pdf_opens_its_page(page: Any, app: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    pdf = make_pdf(
        tmp_path / "pipeline-rules.pdf",
        [
            ["某市地下管线管理办法（试行）", "第一条 为加强地下管线管理，保障城市安全运行，制定本办法。"],
            ["第二条 新建道路应当同步建设地下综合管廊，管廊覆盖率不得低于百分之四十。"],
            ["第三条 管线权属单位应当每年开展一次安全检查，并将结果报住房城乡建设主管部门。"],
        ],
    )
    page.get_by_role("tab", name="文件").click()
    page.set_input_files("#upload-files input[type=file]", str(pdf))
    page.click("#upload-btn")
    expect(page.locator("#docs-status .msg-box")).to_contain_text("索引完成")
    # The title comes from the document's own heading, not from its file name.
    expect(page.locator("#docs-table")).to_contain_text("某市地下管线管理办法（试行）")
    try:
        page.get_by_role("tab", name="问答").click()
        ask(page, "新建道路的地下综合管廊覆盖率有什么要求？", 0)
        answer = page.locator("#transcript .answer-text").last
        expect(answer).to_contain_text("百分之四十")
        answer.locator("a.cite").first.click()
        link = page.locator("#clause-panel a.pdf-link")
        expect(link).to_contain_text("第 2 页")
        link.click()
        image = page.locator("#clause-panel .pdf-page img")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.naturalWidth") > 500
        expect(page.locator("#clause-panel .clause-text")).to_contain_text("百分之四十")
        page.screenshot(path=str(SHOTS / "look-pdf-page.png"), full_page=True)
    finally:
        page.get_by_role("tab", name="文件").click()
        page.locator("#remove-pick input").click()
        page.get_by_role("option", name="某市地下管线管理办法（试行）").click()
        page.locator("#remove-confirm input").check()
        page.click("#remove-btn")
        expect(page.locator("#docs-status .msg-box")).to_contain_text("已删除")
