"""Character widths: full-width forms to half-width for display, and display widths."""

from __future__ import annotations

import re
import unicodedata

# Full-width forms that are ordinary Chinese punctuation and stay full-width for display.
_KEEP_FULLWIDTH = set("（），：；！？")
DOCX_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_NARROW_WIDE = set("“”‘’—…·–―")


def is_wide(ch: str) -> bool:
    """Chinese text or punctuation: spaces next to it are extraction noise."""
    return unicodedata.east_asian_width(ch) in "WF" or ch in _NARROW_WIDE or 0x2460 <= ord(ch) <= 0x24FF


# East Asian wide and full-width ranges (the "W" and "F" classes, a few rare blocks aside)
# plus the punctuation Chinese type sets full-width; a regex counts them at C speed.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
    "“”‘’—…·–―]"
)
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULLWIDTH}


def display_width(text: str) -> int:
    """Width in half-width cells as laid out on the page: CJK, full-width forms, “” and — count 2."""
    return len(text) + len(_WIDE.findall(text))


def half_width(text: str) -> str:
    """Full-width digits, letters and ASCII symbols → half-width; Chinese punctuation stays."""
    return text.translate(_HALF_WIDTH)
