"""A document's title: its own heading when the file name is only a name for the file.

A file's name is a poor title when it was chosen for the disk — ``rooftop-rules.txt``,
``某市屋顶绿化管理办法.txt`` for a text whose heading reads 某市屋顶绿化管理办法（试行）. The heading
is taken when it is a title line (short, no closing punctuation, not a clause heading) and

* the file name has no Chinese character while the heading has (a name made for the disk), or
  is one English word with no space while the heading names an English instrument ("… Regulations
  2012", "… Act 2010"), or
* the heading holds the file name whole (the heading says more: （试行）, a year).

Otherwise the file name stays: a heading that says something else (a newspaper's kicker
"优化空间格局　增添发展动能" above an article filed under its real title) is not the title. A title
from the file's own metadata (PDF, DOCX) is kept when the document's opening lines print it; one
they do not print is the tool's, not the document's (the development PDF of 劳动法 was printed from
a web editor and its metadata says "Markdown在线编辑器，Markdown免费转Word/Html/Pdf - 在线工具"), and
the file name and heading decide as above.

Example::

    document_title("rooftop-rules", "rooftop-rules", ["# 某市屋顶绿化管理办法（试行）", "第一条 …"])
    # '某市屋顶绿化管理办法（试行）'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ingest.dockind import title_kind
from rag.ingest.grammar import match_heading
from rag.text import bigrams, fold, has_han

# A title line is at most this long (the longest title in the corpus and the law collection is
# under 60 characters; unmeasured beyond that).
MAX_TITLE_CHARS = 100
_MD = re.compile(r"^#{1,6}\s+")
# A metadata title is the document's when at least this share of its character bigrams appear in
# the opening lines (a printed title: all of them; the web editor's page title on the 劳动法 PDF:
# none); the opening is the first OPENING_LINES non-empty lines.
MIN_PRINTED_SHARE = 0.5
OPENING_LINES = 10


def heading_title(lines: Sequence[str]) -> str:
    """The document's first line when it reads as a title, else ""."""
    if not lines:
        return ""
    first = _MD.sub("", lines[0].strip()).strip()
    if not first or len(first) > MAX_TITLE_CHARS or re.search(r"[。；;，,：:！!？?]$", first):
        return ""
    if match_heading(first) is not None:
        return ""  # "第一章 总则", "一、总体要求": the first clause, not the document's name
    return first


# An English statute names itself in its short-title clause: 'This measure shall be known and may be
# cited as "The California Privacy Rights Act of 2020."', 'This Act may be cited as the "…"'.
_CITED_AS = re.compile(
    r"\b(?:known|cited)\s+as\s+(?:the\s+)?[\"“]\s*([A-Za-z][^\"”]{3,120}?)[.,]?\s*[\"”]", re.IGNORECASE
)


def short_title(lines: Sequence[str]) -> str:
    """The name an English text gives itself in its opening short-title clause, else ""."""
    m = _CITED_AS.search(" ".join(lines))
    return m.group(1).strip() if m else ""


def document_title(title: str, stem: str, lines: Sequence[str]) -> str:
    """The title to show and cite for a document.

    Args:
        title: the title the loader found (the file's metadata, else its stem).
        stem: the file name without its extension.
        lines: the cleaned text's non-empty lines.
    """
    if title != stem:
        if printed_in(title, lines[:OPENING_LINES]):
            return title  # the file's own metadata named it
        title = stem
    heading = heading_title(lines)
    if not heading:
        short = "" if has_han(stem) else short_title(lines[:OPENING_LINES])
        return short or title
    if (not has_han(stem) and has_han(heading)) or fold(stem) in fold(heading):
        return heading
    if not has_han(stem) and " " not in stem.strip() and not has_han(heading) and title_kind(heading):
        # "uk-surcharges.txt" over "The Consumer Rights (Payment Surcharges) Regulations 2012": a
        # name made for the disk, under a heading that names the instrument.
        return heading
    return title


def printed_in(title: str, lines: Sequence[str]) -> bool:
    """True when ``lines`` print ``title`` (most of its character bigrams, folded)."""
    grams = set(bigrams(fold(title)))
    if not grams:
        return True  # a one-character title: nothing to check it by
    opening = set(bigrams(fold(" ".join(lines))))
    return len(grams & opening) / len(grams) >= MIN_PRINTED_SHARE
