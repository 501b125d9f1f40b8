"""The heading tree: the confirmed headings of a document in order, with parents and paths.

Which numbering patterns count as heading levels is decided in :mod:`rag.ingest.levels`; the
path element each heading gives is made in :mod:`rag.ingest.elements`. A title on the line below
a bare number joins it ("Article 1 Subject matter").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rag.ingest.elements import EN_LONG_TITLE_CHARS, EN_TITLE_CHARS, EN_TITLE_WORDS, element, tidy_element
from rag.ingest.english_layout import sections_are_citable, sections_titled_above, titles_above
from rag.ingest.grammar import HeadingMatch, match_heading
from rag.ingest.levels import ARTICLE_FAMILIES, STATUTE_SECTION, accepted_families, follows, rank
from rag.ingest.linetypes import is_marker, is_notes_heading, is_title_like
from rag.records import Document
from rag.text import HAN_CLASS

__all__ = ["ARTICLE_FAMILIES", "Heading", "Line", "Node", "build_tree", "follows", "headings", "notes_start",
           "split_lines"]


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(eq=False)
class Node:
    line: int
    match: HeadingMatch
    level: int
    elem: str
    parent: Node | None
    path: tuple[str, ...] = ()
    children: list[Node] = field(default_factory=list)
    titled: bool = False  # the line below the number is the heading's title
    above: bool = False  # the line above the number is the heading's title ("Interpretation" / "2. In…")


@dataclass(frozen=True)
class Heading:
    """A confirmed heading, for viewing a document's clause tree (see :func:`headings`)."""

    level: int
    family: str
    label: str
    number: tuple[int, ...]
    path: tuple[str, ...]
    span: tuple[int, int]


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            out.append(Line(start, start + len(stripped), stripped))
        pos = end + 1
    return out


def notes_start(lines: Sequence[Line]) -> int:
    """Index of the notes heading ("注释："), or len(lines): notes are never clauses."""
    # Notes close a text; a "注：" near the top explains something and is running text.
    for i, line in enumerate(lines):
        if is_notes_heading(line.text) and i > len(lines) // 2:
            return i
    return len(lines)


_OPENING_QUOTES = "‘“'\""


def _title_below(m: HeadingMatch, lines: Sequence[Line], i: int, end: int) -> str:
    """The title on the line below a bare number ("Article 1" / "Subject matter"), or ""."""
    if m.rest.strip(" .:：") or (m.family.startswith("md") and m.number == (0,)) or i + 1 >= end:
        return ""
    if m.family == "en_group":  # "Tariff" is its own title; the line below titles its first section
        return ""
    below = lines[i + 1].text
    under = match_heading(below)
    if under is not None and m.md and under.family == f"md{under.md}" and under.md >= m.md:
        return under.label  # "# CHAPTER III" / "# HIGH-RISK AI SYSTEMS"
    if under is not None or is_marker(below):
        return ""
    short = len(below) <= EN_TITLE_CHARS and len(below.split()) <= EN_TITLE_WORDS
    if not short and len(below) <= EN_LONG_TITLE_CHARS and i + 2 < end:
        short = match_heading(lines[i + 2].text) is not None  # nothing but a title sits between two headings
    # A § section's title ends as it likes: "Purpose.", "What is the purpose of this part?" (eCFR);
    # other headings' titles end in no punctuation (below CPRA's bare "1798.194" is its first sentence).
    closing = r"[,;:!][\"'”’)]*$" if m.label.startswith("§") else r"[.,;:!?][\"'”’)]*$"
    # A title may open with a quotation mark: the Digital Services Act's "Article 4" / "‘Mere conduit’".
    english = not re.search(f"[{HAN_CLASS}]", below) and short and (
        below.lstrip(_OPENING_QUOTES)[:1].isupper() and not re.search(closing, below)
    )
    return below if english or is_title_like(below) else ""


def build_tree(lines: Sequence[Line], end: int, *, title_known: bool = False) -> list[Node]:
    """Confirmed heading nodes in document order, with parents and paths."""
    texts = [line.text for line in lines]
    cands = [(i, m) for i in range(end) if (m := match_heading(texts[i])) is not None]
    # "§382.1" alone heads a section when its title is the line below ("What is the purpose of this
    # part?"); alone in a list of references ("§ 382.9" / "§ 382.23(e)") it is none.
    cands = [(i, m) for i, m in cands
             if not (m.family == "code_section" and m.label.startswith("§") and not m.rest.strip(" .—–-:")
                     and not _title_below(m, lines, i, end))]
    if extra := sections_titled_above(texts[:end], {i for i, _ in cands}):
        # "Marginal note:Application" / "2 These Regulations apply to…": Canada's sections.
        cands = sorted([*cands, *extra], key=lambda pair: pair[0])
    accepted = set(accepted_families(cands))
    if "bare_section" in accepted and any(f.startswith("decimal") for f in accepted):
        # "1 Introduction" over "1.1 Background": a report's chapters, numbered as an Act's
        # sections are but holding subsections; its decimal headings are its structure.
        cands = [(i, m) for i, m in cands if m.family != "bare_section"]
        accepted = set(accepted_families(cands))
    if sections_are_citable(accepted):
        # "Section 2. Definitions. As used in this Act:" over "(1) …", "(2) …": an Act's sections are
        # its citable units, as articles are, and their items stay inside them with the lead-in.
        cands = [(i, replace(m, family=STATUTE_SECTION) if m.family == "en_section1" else m) for i, m in cands]
        accepted = set(accepted_families(cands))
    if ARTICLE_FAMILIES & accepted:
        # A statute: the article is the citable unit, and its items (（一）, 1., (a)) stay inside it.
        floor = max(rank(fam) for fam in ARTICLE_FAMILIES & accepted)
        # A Markdown heading numbered as an item ("## 一、融资租赁合同的认定" over 第一条, 第二条 in a
        # judicial interpretation) is a container of articles, as the file format says, not an
        # item under the article before it (which swallowed the next article).
        cands = [(i, m if rank(m.family) <= floor else replace(m, family=f"md{m.md}"))
                 for i, m in cands if m.md or rank(m.family) <= floor]
        if "code_section" in accepted:
            # "Section 1798.120." at a line start is a reference once the code's own headings
            # ("1798.120. Title") are known; the bare number line under a heading repeats it.
            cands = [(i, m) for k, (i, m) in enumerate(cands)
                     if not m.family.startswith("en_section") or len(m.number) == 1]
            cands = [(i, m) for k, (i, m) in enumerate(cands)
                     if not (m.family == "code_section" and not m.rest.strip(" .") and k
                             and cands[k - 1][1].family == "code_section" and cands[k - 1][1].number == m.number
                             and cands[k - 1][0] == i - 1)]
        accepted = set(accepted_families(cands))
    # A "## 一、总则" whose numbering does not hold up is still a heading: the file format says so.
    cands = [(i, m if m.family in accepted or not m.md else replace(m, family=f"md{m.md}"))
             for i, m in cands]
    if not title_known and len(cands) > 1 and cands[0][0] == 0 and cands[0][1].family == "md1" and not any(
        m.family == "md1" for _, m in cands[1:]
    ):
        cands = cands[1:]  # a lone "# 标题" on the first line is the document's title, not a part
    order = accepted_families(cands)
    level_of = {fam: k for k, fam in enumerate(order)}
    above = titles_above([(i, m) for i, m in cands if m.family in level_of], texts)
    nodes: list[Node] = []
    stack: list[Node] = []
    titles: set[int] = set()  # lines that are the title of the heading above them
    for i, m in cands:
        if m.family not in level_of or i in titles:
            continue
        level = level_of[m.family]
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        node = Node(i, m, level, element(m, lines[i].text), parent)
        title = _title_below(m, lines, i, end)
        if i in above:
            # "Interpretation" / "2. In these Regulations—": the path names the regulation by its
            # number and title; its text opens at the number.
            node.elem, node.above = f"{m.label} {above[i]}", True
        elif title:
            # "Article 1" / "Subject matter", "第一章" / "总则": the title sits on the next line.
            node.elem, node.titled = f"{node.elem} {title}", True
            titles.add(i + 1)
        node.elem = tidy_element(node.elem)
        node.path = (*(parent.path if parent else ()), node.elem)
        if parent:
            parent.children.append(node)
        nodes.append(node)
        stack.append(node)
    return nodes


def headings(doc: Document) -> list[Heading]:
    """The document's confirmed numbered headings, in order, with levels and paths.

    Useful for viewing the clause tree (``rag chunks``) and for reference lookup.
    """
    lines = split_lines(doc.text)
    nodes = build_tree(lines, notes_start(lines))
    return [
        Heading(n.level, n.match.family, n.match.label, n.match.number, n.path,
                (lines[n.line].start, lines[n.line].end))
        for n in nodes
    ]
