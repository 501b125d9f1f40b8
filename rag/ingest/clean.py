"""Cleaning: turn an extraction into readable display text, one paragraph per line.

Two forms of the text exist, on purpose:

* ``Document.text`` (from :func:`clean`) is the **display** text every unit span points into. It
  stays readable Chinese: full-width digits and Latin letters become half-width
  ("２０２１ 年" → "2021年", "１. ７ 亿" → "1.7亿", "ＧＤＰ" → "GDP"), but Chinese punctuation
  （）、，。：；！？“” stays full-width.
* :func:`fold` is the **matching** form used by lexical search and reference lookup: NFKC,
  lower case, one kind of dash and quote, no spaces between CJK characters. It changes
  lengths, so it is never used for spans.

What :func:`clean` does to the text of a ``RawDocument``:

* drops page marks (``— 12 —``, ``- 3 -``, ``第3页``, lone page numbers) and web-collector
  boilerplate ("本文内容来自网络，由EESIA搜集整理，如有任何异议请联系我们…"), wherever it sits;
* removes spaces inserted between Chinese characters ("北 京 作 为" → "北京作为"), next to
  Chinese punctuation and between Chinese and digits, but keeps spaces between Latin words
  and a deliberate space between two Chinese phrases ("推动城市高质量发展 建设现代化人民城市");
* collapses tab-separated table cells into one row per line, cells joined by " | ";
* joins lines broken mid-sentence. A break is kept when the next line opens a block (a
  heading, a speaker, a table row, a marker such as "（上接第1版）"), or when the previous line
  ends a sentence (。！？；： — footnote markers after them do not count). Otherwise the
  layout decides: in a fixed-width extraction (the lines that end mid-sentence fill the
  column) a line that does not fill the column ends its paragraph if it is a title, byline or
  one-line paragraph, a numbered heading that fills the column wraps onto a short tail, and a
  lone headline after running text stands alone; in text with one paragraph per line (DOCX,
  web pages) only a long line cut off mid-sentence continues. Joined lines meet without a space
  between CJK characters and with one space between Latin words; a footnote marker cut off at
  the start of a line ("①", "[12]") goes back to its sentence.

Cleaning is idempotent (``clean`` of a cleaned document changes nothing) and never loses a
content character: every CJK character of the raw text outside page marks and footers survives,
in order.

Example::

    doc = clean(raw)
    doc.text.splitlines()[0]   # '“十四五”新型城镇化实施方案'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rag.ingest.clauses import (
    is_marker,
    is_notes_heading,
    is_table_row,
    is_title_like,
    match_heading,
    opens_speaker,
    starts_block,
)
from rag.records import Document, RawDocument
from rag.text import is_han

# ---------------------------------------------------------------------------------------------
# Characters

# Full-width forms that are ordinary Chinese punctuation and stay full-width for display.
_KEEP_FULLWIDTH = set("（），：；！？")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_DOCX_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_NARROW_WIDE = set("“”‘’—…·–―")


def _is_wide(ch: str) -> bool:
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


def _half_width(text: str) -> str:
    """Full-width digits, letters and ASCII symbols → half-width; Chinese punctuation stays."""
    return text.translate(_HALF_WIDTH)


# ---------------------------------------------------------------------------------------------
# Matching form

# ---------------------------------------------------------------------------------------------
# Noise lines

_PAGE_MARKS = (
    re.compile(r"^[—–―‒\-－~～]{1,2}\s*\d{1,4}\s*[—–―‒\-－~～]{1,2}$"),
    re.compile(r"^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$"),
    re.compile(r"^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
)
_LONE_NUMBER = re.compile(r"^\d{1,4}$")
_FOOTER_SOURCE = re.compile(r"(?:来自|来源于|源于|转载自|摘自)(?:互联)?网络|[搜收]集整理|网络整理")
_FOOTER_ACTION = re.compile(r"联系|删除|异议|侵权|版权")


def is_page_mark(line: str) -> bool:
    """A page number line: "— 12 —", "- 3 -", "第3页", "Page 4 of 9", "12/40"."""
    s = _half_width(line).strip()
    return any(p.match(s) for p in _PAGE_MARKS)


def is_web_footer(line: str) -> bool:
    """A web collector's boilerplate line: where the text came from plus whom to contact."""
    s = line.strip()
    return len(s) <= 150 and bool(_FOOTER_SOURCE.search(s)) and bool(_FOOTER_ACTION.search(s))


def _drop_noise(lines: list[str]) -> list[str]:
    """Remove page marks, lone page numbers and footers (blank lines stay as separators)."""
    stripped = [s.strip() for s in lines]
    keep: list[str] = []
    for i, s in enumerate(stripped):
        if s and (is_page_mark(s) or is_web_footer(s) or _is_lone_page_number(stripped, i)):
            keep.append("")
            continue
        keep.append(lines[i])
    return keep


def _is_lone_page_number(stripped: Sequence[str], i: int) -> bool:
    # A number alone on its line is a page number unless its neighbours are numbers too (a
    # flattened table column).
    if not _LONE_NUMBER.match(_half_width(stripped[i])):
        return False
    before = next((s for s in reversed(stripped[:i]) if s), "")
    after = next((s for s in stripped[i + 1:] if s), "")
    return not any(_LONE_NUMBER.match(_half_width(n)) or re.match(r"^[\d.,%\s]+$", n)
                   for n in (before, after) if n)


# ---------------------------------------------------------------------------------------------
# Tables


def _collapse_tables(lines: list[str]) -> list[str]:
    """Rows of tab-led cells (a flattened Word table) → one line per row, cells joined by " | "."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        # A lone tab is an empty cell, not a blank line.
        while j < len(lines) and lines[j].strip(" \u3000"):
            j += 1
        block = lines[i:j]
        first = next((k for k, line in enumerate(block) if line.startswith("\t")), len(block))
        if sum(1 for line in block if line.startswith("\t")) >= 2:
            # A caption may sit directly above the first row: "表1　…" then "\t…".
            out.extend(block[:first])
            out.append(_table_row(block[first:]))
        else:
            out.extend(block)
        if j < len(lines):
            out.append(lines[j])
        i = j + 1
    return out


def _table_row(block: Sequence[str]) -> str:
    cells: list[str] = []
    for line in block:
        if line.startswith("\t") or not cells:
            cells.append(line.strip())
        else:
            cells[-1] += line.strip()  # a cell continued on its own line: "面积" + "（平方千米）"
    return " | ".join(c for c in cells if c)


_SPACE_CELLS = re.compile(r"\S(?: ?\S)*")


def _space_separated_row(line: str) -> str | None:
    """A row whose cells are separated by runs of 2+ spaces (DOCX loader, PDF tables)."""
    if "\t" not in line and "  " not in line:
        return None
    cells = [c.strip() for c in re.split(r"\t+| {2,}", line.strip()) if c.strip()]
    if len(cells) < 3 or any(len(c) > 30 for c in cells) or re.search(r"[。；.;]$", line.strip()):
        return None
    # Prose with double spaces after a full stop is not a table: cells are Chinese or numbers.
    numeric = sum(1 for c in cells if re.fullmatch(r"[-+]?[\d.,%]+", c))
    if not _has_cjk(line) and numeric * 2 < len(cells):
        return None
    return " | ".join(cells)


# ---------------------------------------------------------------------------------------------
# Spaces


def _normalize_line(line: str) -> str:
    """Display normalisation of one line: widths, invisible characters and noise spaces."""
    line = _INVISIBLE.sub("", _DOCX_BOOKMARK.sub("", line))
    md = re.match(r"^\s*(#{1,6})[ \t]+", line)
    if md:  # keep the Markdown marker and its space intact
        return md.group(1) + " " + _normalize_line(line[md.end():])
    row = _space_separated_row(line)
    if row is None and is_table_row(line):
        row = line
    if row is not None:
        return " | ".join(_normalize_text(cell) for cell in row.split(" | "))
    return _normalize_text(line)


def _normalize_text(text: str) -> str:
    text = _SPACES.sub(" ", _half_width(text)).strip()
    if " " not in text:
        return text
    chinese = _has_cjk(text)
    parts = text.split(" ")
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        out += (" " if _keep_space(out, part, chinese) else "") + part
    return out


_NUMBER_HEAD = re.compile(r"^\s*第\s*[\d〇零一二两三四五六七八九十百千]+\s*(?:条|章|节|编|部分)$")
_CAPTION = re.compile(r"(?:^|[^\w])(?:附?[表图]|Table|Figure|Fig\.)\s*\d+(?:[-.]\d+)*$")


def _keep_space(left: str, right: str, chinese: bool) -> bool:
    a, b = left[-1], right[0]
    if _NUMBER_HEAD.match(left) and is_han(b):
        return True  # "第五条 省、自治区…": the space after an article's number is its layout
    if is_han(a) and is_han(b):
        # "发展 建设", "王优玲 樊曦" are deliberate; "北 京 作 为" is letter-spacing.
        return _cjk_run(left[::-1]) >= 2 and _cjk_run(right) >= 2
    if _CAPTION.search(left) and is_han(b):
        return True  # "表1 我省人口城镇化率情况": a caption number stays apart from its title
    if _is_wide(a) or _is_wide(b):
        return False
    # In Chinese text "1. 7", "2021 - 2035", "64 %" are numbers split by the extraction.
    return not (chinese and ((a.isdigit() and not b.isalnum()) or (b.isdigit() and not a.isalnum())))


def _cjk_run(text: str) -> int:
    n = 0
    for ch in text:
        if not is_han(ch):
            break
        n += 1
    return n


def _has_cjk(text: str) -> bool:
    return any(is_han(c) for c in text)


# ---------------------------------------------------------------------------------------------
# Joining lines into paragraphs

_FINAL = set("。！？；：!?;:")
_CLOSERS = set("”’」』）)》】")
_CLOSES_SPEAKER = re.compile(r"^[^（）()]{0,20}[）)]\s*[：:]")
_LEADING_NOTE = re.compile(r"^(?:\[\d{1,3}(?:[-–,，]\d{1,3})*\]|[\u2460-\u2473])+")
_TRAILING_NOTE = re.compile(r"(?:\[\d{1,3}(?:[-–,，]\d{1,3})*\]|[\u2460-\u2473])+$")


@dataclass(frozen=True)
class _Line:
    text: str  # normalised
    width: int  # display width as extracted, letter-spacing included


def ends_sentence(text: str) -> bool:
    """Does the line end a sentence? Footnote markers and closing quotes after 。 do not hide it."""
    s = _TRAILING_NOTE.sub("", text.rstrip()).rstrip()
    while s and s[-1] in _CLOSERS:
        s = s[:-1]
        if s and s[-1] in _FINAL:
            return True
    return bool(s) and s[-1] in _FINAL


def _column(lines: Sequence[_Line], i: int, reach: int = 6) -> float:
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


def _hard_wrapped(lines: Sequence[_Line]) -> bool:
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
    share = sum(1 for w in sample if 0.85 * column <= w <= 1.15 * column) / len(sample)
    return share >= 0.5 and 16 <= column <= 160


def _heading_only(text: str) -> bool:
    """A numbered line that is only a heading (no sentence in it), e.g. "（一）人口规模巨大的城镇化"."""
    m = match_heading(text)
    if m is None or re.search(r"[。！？]", text):
        return False
    # "1. This Regulation lays down rules relating to the renewal of urban" opens a paragraph.
    return _has_cjk(text) or len(text.split()) <= 8


# Families whose headings are titles and may wrap onto a second line; 第X条, （1）, ① open body
# text instead.
_TITLE_FAMILIES = ("cn", "paren_cn", "dot", "decimal", "chapter", "part", "section", "en_part",
                   "en_chapter", "en_section")


def _wrapping_heading(text: str) -> bool:
    m = match_heading(text)
    return _heading_only(text) and m is not None and m.family.startswith(_TITLE_FAMILIES)


@dataclass
class _State:
    opens: bool = True  # the previous line opened its paragraph
    heading: bool = False  # the paragraph is a numbered heading that may wrap
    notes: bool = False  # past "注释：": ① opens a note, it is no footnote marker
    circled_list: bool = False  # ①②③ open list items in this document, not footnotes


def _keeps_break(lines: Sequence[_Line], i: int, state: _State, wrapped: bool) -> bool:
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
    if is_table_row(a.text) or a.text.startswith("#") or is_marker(a.text) or is_notes_heading(a.text):
        return True  # a table row, a Markdown heading, a marker or "注释：" stands alone
    if ends_sentence(a.text):
        return True
    if wrapped:
        return _keeps_wrapped_break(lines, i, state)
    # One paragraph per line: only a long line cut off mid-sentence continues, and not into a
    # headline ("…科研教学等" / "第一观察").
    return (
        (state.opens and (_heading_only(a.text) or is_title_like(a.text))) or a.width < 60
        or (is_title_like(b.text) and b.width * 2 < a.width)
    )


def _keeps_wrapped_break(lines: Sequence[_Line], i: int, state: _State) -> bool:
    a, b = lines[i], lines[i + 1]
    c = lines[i + 2] if i + 2 < len(lines) else None
    col = _column(lines, i)
    if state.heading:
        # A heading wraps onto a short tail ("（四）新一轮科学技术革命推动城市发展和" +
        # "治理模式发生转变"); a full line or a sentence after it is the body.
        if state.opens:
            return a.width < 0.5 * col or b.width >= 0.8 * col or ends_sentence(b.text)
        return a.width < 0.8 * col
    if not state.opens:
        return _headline_after(a, b, c, col)
    if i == 0 and (is_title_like(a.text) or a.width < 0.7 * col):
        return True  # the document's title
    if a.width < 0.7 * col and b.width >= 1.3 * a.width:
        return True  # a one-line paragraph (title, byline) above wider running text
    if not match_heading(a.text) and is_title_like(a.text) and is_title_like(b.text) and (
        c is None or is_title_like(c.text) or starts_block(c.text) or opens_speaker(c.text)
    ):
        return True  # a block of headlines, e.g. the sub-headings of a round-table
    return _headline_after(a, b, c, col)


def _headline_after(a: _Line, b: _Line, c: _Line | None, col: float) -> bool:
    """A short headline after a full line of running text (an article cut off mid-sentence)."""
    return (
        is_title_like(b.text) and not match_heading(a.text) and b.width < 0.7 * col
        and a.width >= 0.7 * col and (c is None or c.width >= 1.3 * b.width)
    )


def _join(left: str, right: str) -> str:
    """Join two pieces of one paragraph: no space in Chinese, one space between Latin words."""
    a, b = left[-1], right[0]
    latin = a.isascii() and b.isascii() and (a.isalnum() or a in ".,;:!?)%") and (b.isalnum() or b in "(\"'")
    decimal = a == "." and len(left) >= 2 and left[-2].isdigit() and b.isdigit()  # "1." + "7亿"
    # In Chinese text a number split over two lines is one number: "203" + "5年".
    split_number = (a.isdigit() or b.isdigit()) and (_has_cjk(left[-20:]) or _has_cjk(right[:20]))
    return f"{left} {right}" if latin and not decimal and not split_number else left + right


def _leading_note(text: str, state: _State) -> re.Match[str] | None:
    """A footnote marker at the start of a line ("[1]", "①"), unless ① numbers notes or a list."""
    marker = _LEADING_NOTE.match(text)
    if marker is None or (marker.group(0)[0] != "[" and (state.notes or state.circled_list)):
        return None
    return marker


def _circled_list(lines: Sequence[_Line]) -> bool:
    """Do ① and ② open lines before any notes heading? Then they number a list, not footnotes."""
    starts: set[str] = set()
    for line in lines:
        if is_notes_heading(line.text):
            break
        if line.text[:1] in "①②":
            starts.add(line.text[0])
    return starts == {"①", "②"}


def _paragraphs(lines: Sequence[_Line]) -> list[str]:
    if not lines:
        return []
    wrapped = _hard_wrapped(lines)
    circled = _circled_list(lines)
    paragraphs = [lines[0].text]
    joined: set[int] = set()  # paragraphs made of several lines: normalise them again
    notes = is_notes_heading(lines[0].text)
    state = _State(True, _wrapping_heading(lines[0].text), notes, circled)
    for i in range(len(lines) - 1):
        text = lines[i + 1].text
        if _keeps_break(lines, i, state, wrapped):
            marker = _leading_note(text, state)
            if marker and marker.end() < len(text):
                paragraphs[-1] += marker.group(0)
                text = text[marker.end():]
            paragraphs.append(text)
            notes = notes or is_notes_heading(text)
            state = _State(True, _wrapping_heading(text), notes, circled)
        else:
            paragraphs[-1] = _join(paragraphs[-1], text)
            joined.add(len(paragraphs) - 1)
            state = _State(False, state.heading, notes, circled)
    return [_normalize_line(p) if k in joined else p for k, p in enumerate(paragraphs)]


# ---------------------------------------------------------------------------------------------
# Entry point


def clean_text(text: str) -> str:
    """The display text of an extraction: one paragraph per line, noise removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    raw_lines = _collapse_tables(_drop_noise(text.split("\n")))
    lines: list[_Line] = []
    for raw in raw_lines:
        normal = _normalize_line(raw)
        if normal:
            visible = _DOCX_BOOKMARK.sub("", raw).strip()
            lines.append(_Line(normal, display_width(visible)))
    paragraphs = _paragraphs(lines)
    # One pass settles real extractions; a second settles the odd line whose join decision
    # changes once its neighbours are whole paragraphs, so that cleaning stays idempotent.
    for _ in range(3):
        again = _paragraphs([_Line(p, display_width(p)) for p in paragraphs])
        if again == paragraphs:
            break
        paragraphs = again
    return "\n".join(paragraphs)


def clean(raw: RawDocument) -> Document:
    """Clean a loaded document for display and parsing.

    Args:
        raw: the document as the loader read it.

    Returns:
        The ``Document`` whose ``text`` is the cleaned display text (one paragraph per line);
        identity fields (id, title, source, format, hash of the file) are carried over.
    """
    return Document(
        doc_id=raw.doc_id, title=raw.title, source=raw.source, fmt=raw.fmt,
        text=clean_text(raw.text), sha256=raw.sha256,
    )
