"""Joining lines broken mid-sentence into paragraphs, one paragraph per line.

A break is kept when the next line opens a block (a heading, a speaker, a table row, a marker
such as "（上接第1版）"), or when the previous line ends a sentence (。！？；： — footnote markers
after them do not count). Otherwise the layout decides: in a fixed-width extraction (the lines
that end mid-sentence fill the column) a line that does not fill the column ends its paragraph
if it is a title, byline or one-line paragraph, a numbered heading that fills the column wraps
onto a short tail, and a lone headline after running text stands alone; in text with one
paragraph per line (DOCX, web pages) only a long line cut off mid-sentence continues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.ingest.grammar import match_heading
from rag.ingest.linetypes import (
    is_marker,
    is_notes_heading,
    is_standalone,
    is_table_row,
    is_title_like,
    opens_speaker,
    starts_block,
)
from rag.ingest.spaces import normalize_line
from rag.text import has_han

# Layout tuning. All unmeasured: chosen by reading the five seed extractions, never swept.
COLUMN_REACH = 6  # neighbours on each side that define the local column width (unmeasured)
FILLS_COLUMN = (0.85, 1.15)  # a line "fills the column" within these shares of it (unmeasured)
WRAPPED_SHARE = 0.5  # share of open-ended lines filling the column that marks a fixed-width text (unmeasured)
COLUMN_RANGE = (16, 160)  # plausible column widths in half-width cells (unmeasured)
LONG_LINE = 60  # one-paragraph-per-line text: a line this wide may continue (cells; unmeasured)
SHORT_TAIL = 0.5  # a wrapped heading's first line narrower than this share of the column is whole (unmeasured)
FULL_LINE = 0.8  # a line at least this share of the column is full (unmeasured)
SHORT_LINE = 0.7  # a line under this share of the column is a title/byline candidate (unmeasured)
WIDER = 1.3  # the next line is "wider running text" at this multiple (unmeasured)

_FINAL = set("。！？；：!?;:")
_CLOSERS = set("”’」』）)》】")
_CLOSES_SPEAKER = re.compile(r"^[^（）()]{0,20}[）)]\s*[：:]")
_LEADING_NOTE = re.compile(r"^(?:\[\d{1,3}(?:[-–,，]\d{1,3})*\]|[\u2460-\u2473])+")
_TRAILING_NOTE = re.compile(r"(?:\[\d{1,3}(?:[-–,，]\d{1,3})*\]|[\u2460-\u2473])+$")


@dataclass(frozen=True)
class Line:
    text: str  # normalised
    width: int  # display width as extracted, letter-spacing included


# An English line ends a sentence at a full stop after a word or number ("…or profession.",
# "…on 6th April 2013."), not after an abbreviation ("e.g.", "No.", "Art.") or a lone initial.
_EN_FULL_STOP = re.compile(r"[a-z0-9)\]]{2}[”’\"']?\.[”’\"')]?$")
_EN_ABBREVIATION = re.compile(
    r"\b(?:e\.g|i\.e|etc|viz|cf|vs|No|Nos|Art|Arts|Sec|Secs|para|paras|Ch|Mr|Ms|Dr|Inc|Ltd|Co|St)\.$"
)


def ends_sentence(text: str) -> bool:
    """Does the line end a sentence? Footnote markers and closing quotes after 。 do not hide it;
    an English line ends one at a full stop (a Chinese line's "." is a decimal's or a number's)."""
    if not has_han(text) and _EN_FULL_STOP.search(text.rstrip()) and not _EN_ABBREVIATION.search(text.rstrip()):
        return True
    s = _TRAILING_NOTE.sub("", text.rstrip()).rstrip()
    while s and s[-1] in _CLOSERS:
        s = s[:-1]
        if s and s[-1] in _FINAL:
            return True
    return bool(s) and s[-1] in _FINAL


def _column(lines: Sequence[Line], i: int, reach: int = COLUMN_REACH) -> float:
    """The local column width around line ``i``: the upper quartile of its neighbours' widths.

    The upper quartile, not the median, because headings and paragraph tails cluster: around
    a run of short headings most neighbours are short, but the column is still the full lines.
    """
    near = [line.width for line in lines[max(0, i - reach):i]]
    near += [line.width for line in lines[i + 1:i + 1 + reach]]
    if not near:
        return float(lines[i].width)
    near.sort()
    return float(near[min(len(near) - 1, (3 * len(near)) // 4)])


def _hard_wrapped(lines: Sequence[Line]) -> bool:
    """Is this a fixed-width extraction rather than one line per paragraph?

    The column width is taken as the upper quartile of line widths. In a fixed-width extraction
    most lines that do not end a sentence fill the column (they are cut mid-sentence); in text
    with one paragraph per line those lines are headings and titles, far narrower than the
    paragraphs around them.
    """
    widths = sorted(line.width for line in lines)
    if not widths:
        return False
    column = widths[(3 * len(widths)) // 4]
    open_ended = [line.width for line in lines if not ends_sentence(line.text) and not is_table_row(line.text)]
    sample = open_ended if len(open_ended) >= 3 else widths
    share = sum(1 for w in sample if FILLS_COLUMN[0] * column <= w <= FILLS_COLUMN[1] * column) / len(sample)
    return share >= WRAPPED_SHARE and COLUMN_RANGE[0] <= column <= COLUMN_RANGE[1]


def _heading_only(text: str) -> bool:
    """A numbered line that is only a heading (no sentence in it), e.g. "（一）人口规模巨大的城镇化"."""
    m = match_heading(text)
    # An article's line opens body text ("第一条　为了保护…促进经"), it is never a heading alone.
    if m is None or m.family == "article" or re.search(r"[。！？]", text):
        return False
    if m.family == "code_section":
        return True  # "§ 552. Public information; agency rules, opinions, …": a code's title, however long
    # "1. This Regulation lays down rules relating to the renewal of urban" opens a paragraph.
    return has_han(text) or len(text.split()) <= 8


# Families whose headings are titles and may wrap onto a second line; 第X条, （1）, ① open body
# text instead.
_TITLE_FAMILIES = ("cn", "paren_cn", "dot", "decimal", "chapter", "part", "section", "en_part", "en_title",
                   "en_chapter", "en_section", "code_section")


def _wrapping_heading(text: str, statute: bool = False) -> bool:
    m = match_heading(text)
    if statute and m is not None and m.family in _ITEM_FAMILIES:
        return False  # in a law "（三）…不能就变更" is an item of an article, not a title
    return _heading_only(text) and m is not None and m.family.startswith(_TITLE_FAMILIES)


# Families that number items inside an article when the text is a statute.
_ITEM_FAMILIES = frozenset({"cn", "paren_cn", "dot", "paren_num", "circled"})


def _is_item(text: str) -> bool:
    m = match_heading(text)
    return m is not None and m.family in _ITEM_FAMILIES


def _is_statute(lines: Sequence[Line]) -> bool:
    """Two or more lines open with 第X条: the numbered lines inside are items, not titles."""
    return sum(1 for line in lines if (m := match_heading(line.text)) is not None and m.family == "article") >= 2


@dataclass
class _State:
    opens: bool = True  # the previous line opened its paragraph
    heading: bool = False  # the paragraph is a numbered heading that may wrap
    notes: bool = False  # past "注释：": ① opens a note, it is no footnote marker
    circled_list: bool = False  # ①②③ open list items in this document, not footnotes
    item: bool = False  # the paragraph is an item of a statute's article: body text, never a title


def _keeps_break(lines: Sequence[Line], i: int, state: _State, wrapped: bool) -> bool:
    """Is the break between line ``i`` and line ``i + 1`` a real paragraph break?"""
    a, b = lines[i], lines[i + 1]
    c = lines[i + 2] if i + 2 < len(lines) else None
    if _leading_note(b.text, state):
        # A footnote marker that the line break separated from its sentence ("…之间。" /
        # "①制约…") opens no paragraph of its own; _paragraphs hands it back to its sentence.
        return ends_sentence(a.text)
    if starts_block(b.text) or (opens_speaker(b.text) and c is not None and _CLOSES_SPEAKER.match(c.text)):
        return True
    if opens_speaker(a.text):
        return False  # "张贵（南开大学…教" continues with "授）：…"
    if (is_table_row(a.text) or a.text.startswith("#") or is_marker(a.text) or is_notes_heading(a.text)
            or is_standalone(a.text)):
        return True  # a table row, a Markdown heading, a marker or "注释：" stands alone
    if ends_sentence(a.text):
        return True
    if wrapped:
        return _keeps_wrapped_break(lines, i, state)
    # One paragraph per line: only a long line cut off mid-sentence continues, and not into a
    # headline ("…科研教学等" / "第一观察").
    return (
        (state.opens and not state.item and (_heading_only(a.text) or is_title_like(a.text)))
        or a.width < LONG_LINE
        or (is_title_like(b.text) and b.width * 2 < a.width)
    )


def _keeps_wrapped_break(lines: Sequence[Line], i: int, state: _State) -> bool:
    a, b = lines[i], lines[i + 1]
    c = lines[i + 2] if i + 2 < len(lines) else None
    col = _column(lines, i)
    if state.heading:
        # A heading wraps onto a short tail ("（四）新一轮科学技术革命推动城市发展和" +
        # "治理模式发生转变"); a full line or a sentence after it is the body.
        if state.opens:
            return a.width < SHORT_TAIL * col or b.width >= FULL_LINE * col or ends_sentence(b.text)
        return a.width < FULL_LINE * col
    if not state.opens:
        return _headline_after(a, b, c, col)
    if i == 0 and (is_title_like(a.text) or a.width < SHORT_LINE * col):
        return True  # the document's title
    if a.width < SHORT_LINE * col and b.width >= WIDER * a.width:
        return True  # a one-line paragraph (title, byline) above wider running text
    if not match_heading(a.text) and is_title_like(a.text) and is_title_like(b.text) and (
        c is None or is_title_like(c.text) or starts_block(c.text) or opens_speaker(c.text)
    ):
        return True  # a block of headlines, e.g. the sub-headings of a round-table
    return _headline_after(a, b, c, col)


def _headline_after(a: Line, b: Line, c: Line | None, col: float) -> bool:
    """A short headline after a full line of running text (an article cut off mid-sentence)."""
    return (
        is_title_like(b.text) and not match_heading(a.text) and b.width < SHORT_LINE * col
        and a.width >= SHORT_LINE * col and (c is None or c.width >= WIDER * b.width)
    )


def _join(left: str, right: str) -> str:
    """Join two pieces of one paragraph: no space in Chinese, one space between Latin words."""
    a, b = left[-1], right[0]
    latin = a.isascii() and b.isascii() and (a.isalnum() or a in ".,;:!?)%") and (b.isalnum() or b in "(\"'")
    decimal = a == "." and len(left) >= 2 and left[-2].isdigit() and b.isdigit()  # "1." + "7亿"
    # In Chinese text a number split over two lines is one number: "203" + "5年".
    split_number = (a.isdigit() or b.isdigit()) and (has_han(left[-20:]) or has_han(right[:20]))
    return f"{left} {right}" if latin and not decimal and not split_number else left + right


def _leading_note(text: str, state: _State) -> re.Match[str] | None:
    """A footnote marker at the start of a line ("[1]", "①"), unless ① numbers notes or a list."""
    marker = _LEADING_NOTE.match(text)
    if marker is None or (marker.group(0)[0] != "[" and (state.notes or state.circled_list)):
        return None
    return marker


def _circled_list(lines: Sequence[Line]) -> bool:
    """Do ① and ② open lines before any notes heading? Then they number a list, not footnotes."""
    starts: set[str] = set()
    for line in lines:
        if is_notes_heading(line.text):
            break
        if line.text[:1] in "①②":
            starts.add(line.text[0])
    return starts == {"①", "②"}


def join_paragraphs(lines: Sequence[Line]) -> list[str]:
    if not lines:
        return []
    wrapped = _hard_wrapped(lines)
    statute = _is_statute(lines)
    circled = _circled_list(lines)
    paragraphs = [lines[0].text]
    joined: set[int] = set()  # paragraphs made of several lines: normalise them again
    notes = is_notes_heading(lines[0].text)
    state = _State(True, _wrapping_heading(lines[0].text, statute), notes, circled,
                   statute and _is_item(lines[0].text))
    for i in range(len(lines) - 1):
        text = lines[i + 1].text
        if _keeps_break(lines, i, state, wrapped):
            marker = _leading_note(text, state)
            if marker and marker.end() < len(text):
                paragraphs[-1] += marker.group(0)
                text = text[marker.end():]
            paragraphs.append(text)
            notes = notes or is_notes_heading(text)
            state = _State(True, _wrapping_heading(text, statute), notes, circled, statute and _is_item(text))
        else:
            paragraphs[-1] = _join(paragraphs[-1], text)
            joined.add(len(paragraphs) - 1)
            state = _State(False, state.heading, notes, circled, state.item)
    return [normalize_line(p) if k in joined else p for k, p in enumerate(paragraphs)]
