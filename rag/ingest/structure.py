"""The heading tree: which numbering patterns are heading levels in a document, and their paths.

Per document, a pattern counts as a heading level only when it occurs at least twice and its
numbers mostly run on (n → n+1, or restart at 1), as RAGFlow's laws template does; a pattern
seen once or with chaotic numbers stays running text. Levels follow the conventional ranking
编/部分 > 章 > 节 > 条 > 一、 > （一） > 1. > 1.1 > （1） > ①. A path element is the heading line,
or for an inline-titled clause its number and title up to the first 。 ("（六）深化户籍制度改革");
a title on the line below a bare number joins it ("Article 1 Subject matter").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rag.ingest.grammar import TITLE_CHARS, HeadingMatch, is_marker, is_notes_heading, is_title_like, match_heading
from rag.records import Document
from rag.text import HAN_CLASS

# Conventional rank of each family: lower is higher in the hierarchy.
_RANK = {
    "part": 10.0, "en_part": 10.0, "chapter": 11.0, "en_chapter": 11.0, "section": 12.0,
    "en_article": 12.5, "code_section": 12.6, "article": 13.0, "cn": 20.0, "paren_cn": 21.0, "dot": 22.0,
    "paren_num": 24.0, "circled": 25.0,
}
# A numbering pattern is a heading level when this share of its steps run on (unmeasured;
# RAGFlow's laws template uses the same idea).
SEQUENTIAL_SHARE = 0.5
# An English title on the line below its number: at most this long (unmeasured; the EU AI Act's
# longest section title has 12 words).
_EN_TITLE_CHARS, _EN_TITLE_WORDS = 120, 16
_MAX_ELEM = 30  # characters of an inline title kept in a path element (unmeasured)


# Families whose headings open a citable article of a statute.
ARTICLE_FAMILIES = frozenset({"article", "en_article", "code_section"})


_CONTAINERS = frozenset({"part", "chapter", "section", "en_part", "en_chapter", "en_section1"})


def _rank(family: str) -> float:
    if family.startswith("md"):
        return int(family[2:]) - 10.0  # explicit headings from the file format sit on top
    if family.startswith("decimal"):
        return 22.0 + int(family[7:]) / 10  # 1. > 1.1 > 1.1.1 > （1）
    if family.startswith("en_section"):
        return 12.5 + (int(family[10:]) - 1) / 100
    return _RANK[family]


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


def _sequential_share(numbers: Sequence[tuple[int, ...]]) -> float:
    """Share of steps that continue (n → n+1) or restart (→ 1): high for real numbering."""
    good = 0
    top = numbers[0] if numbers else (0,)
    for prev, cur in itertools.pairwise(numbers):
        if cur[-1] == 1 or follows(prev, cur) or follows(top, cur):
            good += 1
        top = max(top, cur)
    return good / max(1, len(numbers) - 1)


def _rising_share(numbers: Sequence[tuple[int, ...]]) -> float:
    return sum(1 for a, b in itertools.pairwise(numbers) if b >= a) / max(1, len(numbers) - 1)


def follows(prev: tuple[int, ...], cur: tuple[int, ...]) -> bool:
    return cur[:-1] == prev[:-1] and cur[-1] == prev[-1] + 1


def _accepted_families(cands: Sequence[tuple[int, HeadingMatch]]) -> list[str]:
    """The families that are real heading levels in this document, highest level first."""
    numbers: dict[str, list[tuple[int, ...]]] = {}
    first: dict[str, int] = {}
    for i, m in cands:
        numbers.setdefault(m.family, []).append(m.number)
        first.setdefault(m.family, i)
    titled_codes = any(m.family == "code_section" and m.rest.strip(" .") for _, m in cands)
    accepted = [
        fam for fam, nums in numbers.items()
        # Markdown headings are explicit in the file format; numbered ones must prove themselves.
        if fam.startswith("md") or (len(nums) >= 2 and _sequential_share(nums) >= SEQUENTIAL_SHARE)
        # Code sections skip numbers on purpose (1798.100, 1798.105): they must rise, and at
        # least one must carry a title, which no stray decimal does.
        or (fam == "code_section" and len(nums) >= 2 and titled_codes and _rising_share(nums) >= SEQUENTIAL_SHARE)
        # Articles of an excerpt skip numbers (第二条, 第十四条): rising is enough, as for codes.
        or (fam in ("article", "en_article") and len(nums) >= 2 and _rising_share(nums) >= SEQUENTIAL_SHARE)
    ]
    if ARTICLE_FAMILIES & set(accepted):
        # In a statute a lone 第一章 or CHAPTER III is still a container of its articles.
        accepted += [fam for fam in numbers if fam in _CONTAINERS and fam not in accepted]
    above = _sections_hold_articles(cands)
    return sorted(accepted, key=lambda fam: (_SECTION_ABOVE if fam == "en_section1" and above else _rank(fam),
                                             first[fam]))


_SECTION_ABOVE = 12.4  # between Chapter (11) and Article (12.5)


def _sections_hold_articles(cands: Sequence[tuple[int, HeadingMatch]]) -> bool:
    """Is "Section N" a container of articles (GDPR: Section 3 › Article 16)? It is when the
    heading after a Section is mostly an Article, wherever the first Section appears."""
    after = [cands[k + 1][1].family for k, (_, m) in enumerate(cands[:-1]) if m.family == "en_section1"]
    return bool(after) and 2 * sum(fam == "en_article" for fam in after) >= len(after)


def _element(m: HeadingMatch, line: str) -> str:
    """The path element for a heading line: the whole line if it is a title, else number + title.

    "（六）深化户籍制度改革。放开放宽…" → "（六）深化户籍制度改革"; a list item without a title
    ("（1）用创新培育竞争新优势，发展壮大…") keeps its first phrase.
    """
    text = line[m.offset:].strip()
    head_len = len(text) - len(m.rest)
    body = m.rest
    if m.family == "code_section":
        return f"{m.label} {body.strip(' .')}".strip()  # "Section 1798.105 Consumers' Right to Delete…"
    if m.label.startswith("SEC.") and len(body) <= _EN_TITLE_CHARS:
        # "SEC. 2 Findings and Declarations", "SEC. 5 Section 1798.105 of the Civil Code is amended
        # to read": the amending instruction is kept, it says the section below is new text.
        return f"{m.label} {body.strip(' .:')}".strip()
    if m.family == "article":
        # A Chinese article has no title unless it brackets one ("第五条【罚则】…"): its first
        # words begin a sentence ("第四条 违反本法…"), they do not name it.
        bracket = re.match(r"\s*([【\[（(][^】\]）)]{1,20}[】\]）)])", body)
        return (text[:head_len] + bracket.group(1)) if bracket else text[:head_len].strip()
    if len(text) <= TITLE_CHARS[1] and not re.search(r"[。！？]|\.\s", text):
        return text.rstrip("。.；;：: ")
    sentence = re.split(r"[。！？]|\.\s", body, maxsplit=1)[0]
    if len(sentence.strip()) <= _MAX_ELEM and not re.search(r"[，,；;]", sentence):
        return (text[:head_len] + sentence).rstrip("：: ")
    phrase = re.split(r"[，,；;：:。！？]|\.\s", body, maxsplit=1)[0]
    if len(phrase.strip()) > _MAX_ELEM:
        cut = phrase[:_MAX_ELEM]
        if not re.search(f"[{HAN_CLASS}]", cut) and " " in cut.strip():
            cut = cut.rsplit(" ", 1)[0]  # whole English words
        phrase = cut.rstrip() + "…"
    return (text[:head_len] + phrase).rstrip()


_EN_KEYWORD = re.compile(r"^(PART|CHAPTER|SECTION|ARTICLE|TITLE)\b")
_SMALL_WORDS = frozenset({"of", "the", "and", "or", "to", "for", "in", "on", "by", "a", "an", "with"})


def _sentence_case(words: str) -> str:
    """ "HIGH-RISK AI SYSTEMS" → "High-risk AI systems": short all-caps words (AI, EU) stay."""
    out = []
    for k, word in enumerate(words.split(" ")):
        keep = len(word) <= 3 and word.isupper() and word.lower() not in _SMALL_WORDS
        low = word if keep else word.lower()
        out.append(low[:1].upper() + low[1:] if k == 0 else low)
    return " ".join(out)


def tidy_element(elem: str) -> str:
    """A path element as cited: no Markdown emphasis, one space, "CHAPTER III" → "Chapter III".

    An all-capitals English heading is put in sentence case ("Chapter III High-risk AI systems").
    """
    elem = re.sub(r"\s+", " ", re.sub(r"\*{1,3}|(?<!\w)_{1,2}|\\(?=[()'\"])", "", elem)).strip()
    keyword = _EN_KEYWORD.match(elem)
    if keyword:
        elem = keyword.group(1).capitalize() + elem[keyword.end():]
        number = re.match(r"^\w+ [\w.]+\.?\s*[-–:]?\s*", elem)
        if number and elem[number.end():].isupper():
            elem = elem[:number.end()] + _sentence_case(elem[number.end():])
    return elem


def _title_below(m: HeadingMatch, lines: Sequence[Line], i: int, end: int) -> str:
    """The title on the line below a bare number ("Article 1" / "Subject matter"), or ""."""
    if m.rest.strip(" .:：") or (m.family.startswith("md") and m.number == (0,)) or i + 1 >= end:
        return ""
    below = lines[i + 1].text
    under = match_heading(below)
    if under is not None and m.md and under.family == f"md{under.md}" and under.md >= m.md:
        return under.label  # "# CHAPTER III" / "# HIGH-RISK AI SYSTEMS"
    if under is not None or is_marker(below):
        return ""
    short = len(below) <= _EN_TITLE_CHARS and len(below.split()) <= _EN_TITLE_WORDS
    english = not re.search(f"[{HAN_CLASS}]", below) and short and (
        below[:1].isupper() and not re.search(r"[.,;:!?][\"'”’)]*$", below)
    )
    return below if english or is_title_like(below) else ""


def build_tree(lines: Sequence[Line], end: int, *, title_known: bool = False) -> list[Node]:
    """Confirmed heading nodes in document order, with parents and paths."""
    cands = [(i, m) for i in range(end) if (m := match_heading(lines[i].text)) is not None]
    accepted = set(_accepted_families(cands))
    if ARTICLE_FAMILIES & accepted:
        # A statute: the article is the citable unit, and its items (（一）, 1., (a)) stay inside it.
        floor = max(_rank(fam) for fam in ARTICLE_FAMILIES & accepted)
        cands = [(i, m) for i, m in cands if m.md or _rank(m.family) <= floor]
        if "code_section" in accepted:
            # "Section 1798.120." at a line start is a reference once the code's own headings
            # ("1798.120. Title") are known; the bare number line under a heading repeats it.
            cands = [(i, m) for k, (i, m) in enumerate(cands)
                     if not m.family.startswith("en_section") or len(m.number) == 1]
            cands = [(i, m) for k, (i, m) in enumerate(cands)
                     if not (m.family == "code_section" and not m.rest.strip(" .") and k
                             and cands[k - 1][1].family == "code_section" and cands[k - 1][1].number == m.number
                             and cands[k - 1][0] == i - 1)]
        accepted = set(_accepted_families(cands))
    # A "## 一、总则" whose numbering does not hold up is still a heading: the file format says so.
    cands = [(i, m if m.family in accepted or not m.md else replace(m, family=f"md{m.md}"))
             for i, m in cands]
    if not title_known and len(cands) > 1 and cands[0][0] == 0 and cands[0][1].family == "md1" and not any(
        m.family == "md1" for _, m in cands[1:]
    ):
        cands = cands[1:]  # a lone "# 标题" on the first line is the document's title, not a part
    order = _accepted_families(cands)
    level_of = {fam: k for k, fam in enumerate(order)}
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
        node = Node(i, m, level, _element(m, lines[i].text), parent)
        title = _title_below(m, lines, i, end)
        if title:
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
