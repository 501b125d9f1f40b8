"""The line types besides headings that cleaning and parsing tell apart: speakers, editorial
markers (datelines, bylines, "（上接第1版）"), notes headings, flattened table rows, title-like
lines and lines that stand as a paragraph of their own."""

from __future__ import annotations

import re

from rag.ingest.grammar import TABLE_SEP, match_heading
from rag.text import HAN_CLASS

# A title or sub-heading is 4-40 characters, a byline or author line at most 12 (both unmeasured).
TITLE_CHARS = (4, 40)
BYLINE_CHARS = 12

_SPEAKER = re.compile(rf"^([{HAN_CLASS}]{{2,4}})[（(]([^（）()。，；]{{2,40}})[）)]\s*[：:]")
_SPEAKER_OPEN = re.compile(rf"^[{HAN_CLASS}]{{2,4}}[（(][^（）()。，；：]{{2,40}}$")
_CONTINUATION = re.compile(r"^[（(](?:上|下)(?:接|转)第?\s*\d{1,3}\s*版[）)]$")
_DATELINE = re.compile(
    r"^(?:新华社|中新社|人民网|新华网|央视网|中新网|本报)[^。，,；]{0,16}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)$"
)
_BYLINE = re.compile(r"^[■●◆▲□]|^(?:新华社|本报|人民日报|中新社)?(?:特约)?记者\s")
_NOTES = re.compile(r"^(?:注释|注|附注|尾注|参考文献|References|Notes|Endnotes)\s*[:：]?$", re.IGNORECASE)
_SENTENCE_PUNCT = re.compile(r"[。，、；：！？,;:!?]")
_DIGIT = re.compile(r"\d")


def speaker(line: str) -> tuple[str, str] | None:
    """``(name, heading)`` when a line opens a speaker's remarks: "张贵（南开大学…教授）：…"."""
    m = _SPEAKER.match(line.strip())
    if not m:
        return None
    heading = m.group(0).rstrip("：: ").strip()
    return m.group(1), heading


def opens_speaker(line: str) -> bool:
    """A line that starts a speaker's introduction whose parenthesis closes on the next line."""
    return bool(_SPEAKER_OPEN.match(line.strip()))


def is_marker(line: str) -> bool:
    """An editorial marker: "（上接第1版）", a dateline "新华社北京7月16日电", a byline."""
    s = line.strip()
    return bool(_CONTINUATION.match(s) or _DATELINE.match(s) or _BYLINE.match(s))


def is_continuation(line: str) -> bool:
    """"（上接第1版）": the article above it continues from another page."""
    return bool(_CONTINUATION.match(line.strip()))


def is_notes_heading(line: str) -> bool:
    """"注释：", "参考文献", "Notes": what follows is notes, not clauses."""
    return bool(_NOTES.match(line.strip()))


def is_table_row(line: str) -> bool:
    """A flattened table row as cleaning writes it: cells joined by " | "."""
    return TABLE_SEP in line


def is_title_like(line: str) -> bool:
    """A short line of words with no sentence punctuation and no digits: a title or sub-heading."""
    s = line.strip()
    if not TITLE_CHARS[0] <= len(s) <= TITLE_CHARS[1] or _SENTENCE_PUNCT.search(s) or _DIGIT.search(s):
        return False
    if is_marker(s) or is_table_row(s) or s.startswith("#"):
        return False
    return len(re.findall(f"[{HAN_CLASS}]", s)) >= TITLE_CHARS[0]


def starts_block(line: str) -> bool:
    """Does this line open a new paragraph whatever precedes it (heading, speaker, table row…)?"""
    s = line.strip()
    return bool(
        match_heading(s) or speaker(s) or is_table_row(s) or is_notes_heading(s) or is_marker(s)
        or is_standalone(s)
    )


_STANDALONE = re.compile(
    r"^(?:<!--.*-->|-{3,}|\*{3,}|_{3,}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*|\*\*[^*]{1,40}:?\*\*.*"
    r"|[（(][^（）()]{0,40}\d{4}\s*年[^（）()]*[）)]|目\s*录)$"
)
# "Marginal note:Application": a provision's title as Canada's Justice Laws site prints it, above
# its number (rag.ingest.english_layout reads the title).
MARGINAL_NOTE = re.compile(r"^Marginal note\s*:\s*(.*)$")


def is_standalone(line: str) -> bool:
    """A line that is a paragraph of its own whatever surrounds it: an HTML comment
    (``<!-- INFO END -->``), a horizontal rule, a line that opens with a date (a law's adoption
    and amendment history, a signature date), a bracketed promulgation note, "目录", a bold
    lead (``**Training Note:**``) or a provision's marginal note (``Marginal note:Application``)."""
    s = line.strip()
    return bool(_STANDALONE.match(s) or MARGINAL_NOTE.match(s))


def is_title_line(text: str) -> bool:
    """A title, subtitle, byline or author line: "高亚宾", "■新华社记者 王优玲"."""
    short = len(text) <= BYLINE_CHARS and not re.search(r"[。！？；.!?;]", text)
    return text.startswith("#") or is_title_like(text) or is_marker(text) or short
