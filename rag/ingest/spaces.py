"""Display normalisation of one line: widths, invisible characters and noise spaces."""

from __future__ import annotations

import re

from rag.ingest.linetypes import is_table_row
from rag.ingest.noise import space_separated_row
from rag.ingest.widths import DOCX_BOOKMARK, half_width, is_wide
from rag.text import has_han, is_han

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Zero-width characters, soft hyphens and bidirectional controls (U+202E "right-to-left
# override" reverses what a reader sees without changing what is matched).
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")

# A Chinese line holding these is running prose, where a space between two characters is where a
# PDF's line broke ("制定 并公开飞行检查方案", "党 的二十大" in the State Council notice of the
# development corpora: 81 such spaces, none deliberate); titles, bylines and headings hold none.
_SENTENCE_MARKS = ("，", "。")


def normalize_line(line: str) -> str:
    """Display normalisation of one line: widths, invisible characters and noise spaces."""
    line = _INVISIBLE.sub("", DOCX_BOOKMARK.sub("", line))
    md = re.match(r"^\s*(#{1,6})[ \t]+", line)
    if md:  # keep the Markdown marker and its space intact
        return md.group(1) + " " + normalize_line(line[md.end():])
    row = space_separated_row(line)
    if row is None and is_table_row(line):
        row = line
    if row is not None:
        return " | ".join(_normalize_text(cell) for cell in row.split(" | "))
    return _normalize_text(line)


# A section as Commonwealth legislation prints it: number, two spaces or a tab, title ("1  Name",
# "5A  Access to credit information"). The wide space is what tells it from running text ("2 In
# these Regulations…"), so it is kept as two spaces (rag.ingest.grammar reads it).
_SECTION_LEAD = re.compile(r"^\s*(\d{1,3}[A-Z]{0,2})(?:\t|[ \u00a0]{2,})(?=[A-Z][a-z])")


def _normalize_text(text: str) -> str:
    lead = _SECTION_LEAD.match(text) if not has_han(text) else None
    if lead is not None:
        return f"{lead.group(1)}  {_normalize_text(text[lead.end():])}"
    text = _SPACES.sub(" ", half_width(text)).strip()
    if " " not in text:
        return text
    chinese = has_han(text)
    prose = chinese and any(mark in text for mark in _SENTENCE_MARKS)
    parts = text.split(" ")
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        out += (" " if _keep_space(out, part, chinese, prose) else "") + part
    return out


_NUMBER_HEAD = re.compile(
    r"^\s*第\s*[\d〇零一二两三四五六七八九十百千]+\s*(?:条(?:之[一二三四五六七八九十]+)?|章|节|编|部分)$"
)
_CAPTION = re.compile(r"(?:^|[^\w])(?:附?[表图]|Table|Figure|Fig\.)\s*\d+(?:[-.]\d+)*$")


def _keep_space(left: str, right: str, chinese: bool, prose: bool = False) -> bool:
    a, b = left[-1], right[0]
    if _NUMBER_HEAD.match(left) and is_han(b):
        return True  # "第五条 省、自治区…": the space after an article's number is its layout
    if is_han(a) and is_han(b):
        # "发展 建设", "王优玲 樊曦" are deliberate outside prose; "北 京 作 为" is letter-spacing.
        return not prose and _cjk_run(left[::-1]) >= 2 and _cjk_run(right) >= 2
    if _CAPTION.search(left) and is_han(b):
        return True  # "表1 我省人口城镇化率情况": a caption number stays apart from its title
    if (a in _CLOSING_QUOTES and _ascii(b)) or (b in _OPENING_QUOTES and _ascii(a)):
        return True  # "the term “trader” means": curly quotes around English words keep their spaces
    if not chinese and ((a in _DASHES and _ascii(b)) or (b in _DASHES and _ascii(a))):
        return True  # "the Regulation — in force", an English dash set with spaces
    if is_wide(a) or is_wide(b):
        return False
    # In Chinese text "1. 7", "2021 - 2035", "64 %" are numbers split by the extraction.
    return not (chinese and ((a.isdigit() and not b.isalnum()) or (b.isdigit() and not a.isalnum())))


# Curly quotes and dashes count as wide (Chinese sets them full-width, and spaces next to them are
# extraction noise there); next to an ASCII character they are English punctuation.
_OPENING_QUOTES = "“‘"
_CLOSING_QUOTES = "”’"
_DASHES = "—–"


def _ascii(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def _cjk_run(text: str) -> int:
    n = 0
    for ch in text:
        if not is_han(ch):
            break
        n += 1
    return n
