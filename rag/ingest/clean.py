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
  the start of a line ("①", "[12]") goes back to its sentence;
* joins a line that is only a point's marker ("(a)", "(ii)", "（一）", "3.") to the line after
  it: EUR-Lex's plain text sets each point's letter on a line of its own, and alone the letter
  is no sentence while the point's text loses its number.

Cleaning is idempotent (``clean`` of a cleaned document changes nothing) and never loses a
content character: every CJK character of the raw text outside page marks and footers survives,
in order.

Example::

    doc = clean(raw)
    doc.text.splitlines()[0]   # '“十四五”新型城镇化实施方案'
"""

from __future__ import annotations

import re
from pathlib import Path

from rag.ingest.frontmatter import front_matter
from rag.ingest.markdown import reflow
from rag.ingest.noise import collapse_tables, drop_noise, is_page_mark, is_web_footer
from rag.ingest.paragraphs import Line, join_paragraphs
from rag.ingest.spaces import normalize_line
from rag.ingest.titles import document_title
from rag.ingest.widths import DOCX_BOOKMARK, display_width
from rag.records import Document, RawDocument
from rag.text import has_han

__all__ = ["clean", "clean_text", "is_page_mark", "is_web_footer"]


def clean_text(text: str, *, one_paragraph_per_line: bool = False) -> str:
    """The display text of an extraction: one paragraph per line, noise removed.

    ``one_paragraph_per_line`` says the lines are paragraphs already (Markdown re-flowed by its
    own rules): no line is joined to the next.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    raw_lines = collapse_tables(drop_noise(text.split("\n")))
    lines: list[Line] = []
    for raw in raw_lines:
        normal = normalize_line(raw)
        if normal:
            visible = DOCX_BOOKMARK.sub("", raw).strip()
            lines.append(Line(normal, display_width(visible)))
    lines = _with_point_markers(lines)
    if one_paragraph_per_line:
        return "\n".join(line.text for line in lines)
    paragraphs = join_paragraphs(lines)
    # One pass settles real extractions; a second settles the odd line whose join decision
    # changes once its neighbours are whole paragraphs, so that cleaning stays idempotent.
    for _ in range(3):
        again = join_paragraphs([Line(p, display_width(p)) for p in paragraphs])
        if again == paragraphs:
            break
        paragraphs = again
    return "\n".join(paragraphs)


# A line that is only the marker of a point or item: "(a)", "(iv)", "(12)", "（三）", "3.".
_MARKER = r"(?:[(（](?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|\d{1,3}[.．])"
_MARKER_ONLY = re.compile(f"^{_MARKER}$", re.I)
_OPENS_WITH_MARKER = re.compile(f"^{_MARKER}", re.I)


def _with_point_markers(lines: list[Line]) -> list[Line]:
    """``lines`` with each marker-only line joined to the line after it (a space between Latin
    text, none before Chinese), unless that line opens with a marker too."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        # Not before a line that opens with a marker of its own: the CPRA's "(c)" then "(1) A
        # business…" is a subdivision heading over its paragraphs, and stays as it is.
        if _MARKER_ONLY.match(line.text) and i + 1 < len(lines) and not _OPENS_WITH_MARKER.match(lines[i + 1].text):
            nxt = lines[i + 1]
            gap = "" if line.text.startswith("（") or has_han(nxt.text[:1]) else " "
            out.append(Line(f"{line.text}{gap}{nxt.text}", line.width + nxt.width))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def clean(raw: RawDocument) -> Document:
    """Clean a loaded document for display and parsing.

    Args:
        raw: the document as the loader read it.

    Returns:
        The ``Document`` whose ``text`` is the cleaned display text (one paragraph per line);
        identity fields (id, title, source, format, hash of the file) are carried over and
        ``meta`` holds what the front matter and signature say.
    """
    markdown = raw.fmt == "md"
    text = clean_text(reflow(raw.text) if markdown else raw.text, one_paragraph_per_line=markdown)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = document_title(raw.title, Path(raw.source).stem, lines)
    return Document(
        doc_id=raw.doc_id, title=title, source=raw.source, fmt=raw.fmt,
        text=text, sha256=raw.sha256, meta=front_matter(lines, title).meta,
    )
