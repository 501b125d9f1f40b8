"""What the browser tests share: Debian's Chromium through Playwright (never a browser
download), where screenshots go, a free port, asking a question in the page, saving a download,
and measuring the contrast of what the page shows. The fixtures built on these are in ``tests/conftest.py``."""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.pipeline import Pipeline
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = REPO / "artifacts" / "screenshots"
TIMEOUT_MS = 180_000  # two shared cores: an answer can take a while when other jobs run
ADMIN = ("admin", "browser-test-password")
PHONE = {"width": 390, "height": 844}  # an iPhone 12–15 viewport in CSS pixels
DESKTOP = {"width": 1400, "height": 1000}
# WCAG 2.x minimum contrast for body text (level AA).
MIN_CONTRAST = 4.5


@dataclass
class Running:
    url: str
    settings: Settings
    pipeline: Pipeline


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def download(page: Any, link: str, into: Path) -> Path:
    """Click the first element matching the selector ``link`` and save the download into ``into``
    under the name the page suggests."""
    with page.expect_download() as info:
        page.locator(link).first.click()
    target = into / info.value.suggested_filename
    info.value.save_as(target)
    return Path(target)


def ask(page: Any, question: str, answers_before: int) -> None:
    """Type ``question``, send it and wait for its answer (the page must hold ``answers_before``).

    Streamed text (``.answer-text.streaming``) is not the answer yet: the answer's last update
    also clears the question box, so typing the next question before it arrives would lose it.
    """
    page.fill("#question textarea", question)
    page.click("#send")
    done = "#transcript .msg.bot .answer-text:not(.streaming), #transcript .msg.bot .error"
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n", arg=[done, answers_before]
    )
    page.wait_for_function("() => document.querySelector('#question textarea').value === ''")
    errors = page.locator("#transcript .msg.bot .error")
    if errors.count():
        raise AssertionError(f"asking {question!r} failed in the page: {errors.last.inner_text()}")


def _rgb(css: str) -> tuple[float, float, float, float]:
    numbers = [float(x) for x in re.findall(r"[\d.]+", css)]
    if len(numbers) < 3:
        raise ValueError(f"not an rgb() colour: {css!r}")
    return numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast of two computed CSS colours (``rgb(…)``/``rgba(…)``; the background opaque)."""
    fr, fg, fb, alpha = _rgb(foreground)
    br, bg, bb, _ = _rgb(background)
    fr, fg, fb = (alpha * f + (1 - alpha) * b for f, b in ((fr, br), (fg, bg), (fb, bb)))
    light, dark = sorted((_luminance((fr, fg, fb)), _luminance((br, bg, bb))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def open_app(page: Any, url: str) -> None:
    """Load the app and wait until the history has loaded (it brings back the last conversation)."""
    page.goto(url)
    page.wait_for_selector("#question textarea")
    page.wait_for_selector("#history-list.loaded")
