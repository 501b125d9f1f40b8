"""Markdown source as display text: soft-wrapped paragraphs joined, escapes and emphasis removed,
struck-out text replaced by a deletion mark.

Markdown's own rules say a single line break inside a paragraph is a soft wrap and a blank line
ends the paragraph, so a Markdown file is re-flowed by them before the layout heuristics of
:mod:`rag.ingest.paragraphs` ever look at it (Pandoc's CPRA text is hard-wrapped at 72
columns, and "Section 1798.120." may start a wrapped line mid-sentence).

* ``\\(a)``, ``\\'``, ``\\"``, ``\\$`` (Pandoc escapes) → ``(a)``, ``'``, ``"``, ``$``;
* ``*italics*``, ``**bold**`` → their words (emphasis is no content; ``**Training Note:**`` and
  ``- **(a)**`` read the same without it);
* ``~~struck~~`` → :data:`DELETED_MARK`. Struck text is no longer law: it is never quoted as
  current text, and the mark tells the reader (and :class:`~rag.records.Unit.deleted`) that
  something was deleted there.

Example::

    reflow("*1798.100. General Duties of Businesses that Collect Personal\\nInformation*")
    # '1798.100. General Duties of Businesses that Collect Personal Information'
"""

from __future__ import annotations

import re

from rag.ingest.linetypes import starts_block
from rag.ingest.widths import is_wide
from rag.text import EN_FUNCTION_WORDS, has_han

DELETED_MARK = "\u2421"  # ␡ SYMBOL FOR DELETE: where struck-out text was
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"$<>|~])")
_STRUCK = re.compile(r"~~(.+?)~~", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.DOTALL)
# What is left after pairing is emphasis split by an amendment ("describe*s*", "*N*ot"): every
# star but a line-leading bullet ("* item") goes.
_STRAY_STAR = re.compile(r"(?<!^)\*|^\*(?!\s)", re.MULTILINE)
# A heading's title line is at most this long (the Package Travel Directive's longest article title
# is 108 characters; a wrapped line of prose is seldom shorter than it and unpunctuated). Unmeasured.
MAX_TITLE_LINE_CHARS = 120
_SENTENCE_END = frozenset(".,:;!?")
# A point's marker opening a line: "(1) ", "(a) ", "(iv) ".
_POINT_MARKER = re.compile(r"^\((?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})\)\s+")
# A line that opens a block of its own even without a blank line before it.
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-+*]\s|\d{1,3}[.)]\s|\||>|<!--|```|-{3,}\s*$)")


def _struck(m: re.Match[str]) -> str:
    return DELETED_MARK + ("\n" if "\n" in m.group(1) else "")


def _join(left: str, right: str) -> str:
    """A soft wrap: a space between Latin words, none between Chinese characters."""
    if not left or not right or is_wide(left[-1]) or is_wide(right[0]):
        return left + right
    return f"{left} {right}"


def _opens(previous: str, line: str) -> bool:
    """Does ``line`` open a paragraph although no blank line precedes it?

    Markdown list items and headings do; so does a line the line grammar calls a block start
    (第X条, （一）, 一、) in Chinese text, or in English after a finished sentence only: "Section
    1798.120." wrapped onto a line start mid-sentence is a reference, not a heading.
    """
    if _BLOCK_START.match(line) or previous.lstrip().startswith("#"):
        return True
    if not starts_block(line.strip()):
        return False
    return has_han(line) or previous.rstrip()[-1:] in ".:;!?"


def _is_title(line: str, following: str) -> bool:
    """Is ``line``, the first under a heading, the heading's title line, with ``following`` the
    text's first paragraph after it ("### Article 20" / "Specific obligations of the retailer
    where the organiser is established outside the European Economic Area" / "Without prejudice to
    …", as EUR-Lex's articles are often rendered)? A title is short, ends with no punctuation nor a
    function word (a wrapped sentence breaks after "in", "the", "of"), and the text after it starts
    a sentence. Joined, the title was quoted as the start of the article's first sentence."""
    words = line.split()
    if not words or len(line) > MAX_TITLE_LINE_CHARS or has_han(line) or not line[0].isupper():
        return False
    if line.rstrip()[-1] in _SENTENCE_END or words[-1].lower() in EN_FUNCTION_WORDS:
        return False
    # The text may open with a point's marker: "### Article 23" / "Amendments to Regulation (EU)
    # 2017/2394 and Directive 2009/22/EC" / "(1) In the Annex…" (two EU directives' amending articles
    # read their title as the start of their text).
    return _POINT_MARKER.sub("", following)[:1].isupper()


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, each with its soft wraps joined (list items, headings apart,
    and a heading's title line, :func:`_is_title`)."""
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        current = ""
        under_heading = False  # ``current`` is the one line right under a heading
        for line in lines:
            if not current or _opens(current, line) or (under_heading and _is_title(current, line.strip())):
                if current:
                    out.append(current)
                under_heading = current.lstrip().startswith("#")
                current = line
            else:
                under_heading = False
                current = _join(current, line.strip())
        if current:
            out.append(current)
    return out


def reflow(text: str) -> str:
    """The display text of a Markdown source: one paragraph per line (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_paragraphs(text))
    # Strikethrough may run over a paragraph break; it is resolved after the re-flow.
    text = _STRUCK.sub(_struck, text)
    text = _ESCAPE.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis: ***a*** or *a **b** c*
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return _STRAY_STAR.sub("", text)
