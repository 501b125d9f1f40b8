"""Clause parsing (the entry point): split a cleaned document into citable units with their heading paths.

The parser reads ``Document.text`` one line (= one paragraph, see :mod:`rag.ingest.clean`) at a time.

1. **Candidates.** Every line that *starts* with a numbering pattern is a heading candidate:
   第X编/第X部分, 第X章, 第X节, 第X条, 一、, （一）, 1. / 1、, 1.2.3, （1）, ①, Markdown ``#``,
   Part/Chapter/Section/Article N, § N. Guards drop what only looks like one: "一、二、三产业"
   (an enumeration), "第三条规定的" (a cross-reference), "1.7亿" (a decimal), table rows.
2. **Families.** Per document, a pattern counts as a heading level only when it occurs at least
   twice and its numbers mostly run on (n → n+1, or restart at 1), as RAGFlow's laws template
   does; a pattern seen once or with chaotic numbers stays running text. Levels follow the
   conventional ranking 编/部分 > 章 > 节 > 条 > 一、 > （一） > 1. > 1.1 > （1） > ①.
3. **Units.** The deepest headings become ``clause`` units; a heading with text of its own
   before its first child yields a ``preamble`` unit; a bare heading yields none (its words are
   in its children's paths). Text before the first heading is a ``preamble`` labelled
   ``"前言"`` (``"preamble"`` for non-Chinese documents) with an empty path, unless it is only
   the document's title block. A path element is the heading line, or for an inline-titled
   clause its number and title up to the first 。 ("（六）深化户籍制度改革"); a title on the line
   below a bare number joins it ("Article 1 Subject matter").
4. **Unnumbered documents** fall back to sub-headings (short lines without punctuation), speakers
   (``张贵（南开大学…教授）：``) and paragraphs: a speaker's remarks are one ``speech`` unit;
   other paragraphs are packed up to ``max_chars`` into ``section`` units (under a sub-heading)
   or ``paragraph`` units, labelled ``第N段`` / ``第N–M段`` counted within their sub-heading.
5. **Passages.** Units longer than ``max_chars`` are split into overlapping passages, cut at
   paragraph or sentence ends where possible; passages share label, path and ordinal.

Gaps, duplicates and out-of-order numbers are returned as warnings. Numbering may run on
across parents (the plan's （一）…（五十二）) or restart per parent; each level is judged by
what the document does at most of its parent boundaries.

Example::

    result = parse(clean(raw), max_chars=400, overlap=80)
    for unit in result.units:
        print(unit.label, " › ".join(unit.path), unit.span)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ingest.frontmatter import front_matter
from rag.ingest.linetypes import is_title_line
from rag.ingest.numbering import level_name, numbering_warnings
from rag.ingest.prose import unnumbered_units
from rag.ingest.structure import ARTICLE_FAMILIES, Line, Node, build_tree, notes_start, split_lines
from rag.ingest.units import Builder
from rag.records import Document, ParseResult
from rag.text import HAN_CLASS


def parse(doc: Document, *, max_chars: int = 400, overlap: int = 80) -> ParseResult:
    """Split a cleaned document into clause units.

    Args:
        doc: the cleaned document (``rag.ingest.clean.clean``); every span points into ``doc.text``.
        max_chars: units longer than this are split into overlapping passages.
        overlap: characters shared by consecutive passages of one unit.

    Returns:
        The units in document order and one warning per numbering gap, duplicate or
        out-of-order number.

    Raises:
        ValueError: if ``max_chars`` or ``overlap`` is out of range.
    """
    if max_chars <= 0:
        raise ValueError(f"max_chars must be greater than 0. Currently, the max_chars is {max_chars}")
    if not 0 <= overlap < max_chars:
        raise ValueError(f"overlap must be in [0, max_chars={max_chars}). Currently, the overlap is {overlap}")
    every_line = split_lines(doc.text)
    skip = front_matter([line.text for line in every_line], doc.title).skip
    # Front matter and a signature stay in the display text but belong to no unit.
    lines = [line for k, line in enumerate(every_line) if k not in skip]
    builder = Builder(doc, max_chars, overlap, chinese=_is_chinese(doc.text))
    if not lines:
        return ParseResult(())
    notes = notes_start(lines)
    nodes = build_tree(lines, notes, title_known=0 in skip)
    warnings: list[str] = []
    levels: tuple[str, ...] = ()
    if nodes:
        _numbered_units(builder, lines, nodes, notes)
        warnings = numbering_warnings(doc.title, nodes)
        first_of_level = {n.level: n for n in reversed(nodes)}  # the first node of every level
        levels = tuple(level_name(first_of_level[k]) for k in sorted(first_of_level))
    else:
        unnumbered_units(builder, lines[:notes])
    if notes < len(lines):
        label = lines[notes].text.rstrip(":：")
        builder.add(lines[notes].start, lines[-1].end, path=(label,), label=label, kind="section")
    return ParseResult(tuple(builder.units), tuple(warnings), levels)



def _is_chinese(text: str) -> bool:
    """At least a quarter of the opening characters are Chinese."""
    cjk = len(re.findall(f"[{HAN_CLASS}]", text[:2000]))
    return cjk * 4 >= min(len(text), 2000)


def _numbered_units(b: Builder, lines: Sequence[Line], nodes: Sequence[Node], end: int) -> None:
    first = nodes[0].line - nodes[0].above  # a title above the first heading is no preamble
    if not all(is_title_line(line.text) for line in lines[:first]):  # a bare title is no preamble
        b.preamble(lines[0].start, lines[first - 1].end)
    for k, node in enumerate(nodes):
        stop = nodes[k + 1].line - nodes[k + 1].above if k + 1 < len(nodes) else end
        own_text = stop > node.line + 1 + node.titled
        if node.children and not own_text:
            continue  # a bare heading: its words live on in its children's paths
        kind = "preamble" if node.children else "article" if node.match.family in ARTICLE_FAMILIES else "clause"
        b.add(lines[node.line].start, lines[stop - 1].end, path=node.path, label=node.match.label,
              kind=kind)
