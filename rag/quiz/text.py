"""Text helpers shared by the quiz modules: language, tidying, comparison form, sentences.

Clause texts come from PDF extractions: spaces around numbers (``300 万``), line breaks inside
sentences, full-width digits. Questions show a tidied text; support checks compare a folded
form with all whitespace removed, so neither the noise nor the tidying can make a true key
look unsupported.
"""

from __future__ import annotations

import re

from rag.text import HAN, HAN_CLASS

_LATIN = re.compile(r"[A-Za-z]")
# Full-width punctuation and CJK characters: a space next to one is extraction noise.
_WIDE = f"{HAN_CLASS}\u3000-\u303f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026"
_SPACE_NEXT_TO_WIDE = re.compile(f"(?<=[{_WIDE}])\\s+|\\s+(?=[{_WIDE}])")
_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()})
# A lone line break is usually a PDF line wrap, so only a blank line ends a sentence.
_ZH_SENTENCE_END = re.compile(r"(?<=[。！？；])|\n\s*\n")
_EN_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z0-9\"“(])|\n\s*\n")


def is_chinese(text: str) -> bool:
    """Whether ``text`` is mainly Chinese (so questions about it are asked in Chinese)."""
    cjk = len(HAN.findall(text))
    latin = len(_LATIN.findall(text))
    return cjk > 0 and cjk >= latin / 4


def tidy(text: str) -> str:
    """Display form: one line, no spaces next to CJK characters or full-width punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    return _SPACE_NEXT_TO_WIDE.sub("", text)


def norm(text: str) -> str:
    """Comparison form: whitespace removed, full-width letters and digits folded, lower case."""
    return re.sub(r"\s+", "", text).translate(_FULLWIDTH).casefold()


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` once both are in comparison form."""
    n = norm(needle)
    return bool(n) and n in norm(haystack)


def sentences(text: str, *, zh: bool) -> list[str]:
    """Tidied sentences; in Chinese a ``；`` ends a sentence too (each carries one measure)."""
    pattern = _ZH_SENTENCE_END if zh else _EN_SENTENCE_END
    parts = (tidy(p) for p in pattern.split(text.replace("\r", "")))
    return [p for p in parts if p and re.search(r"\w", p)]


def words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string (long CJK lists stay readable)."""
    return frozenset(text.split())
