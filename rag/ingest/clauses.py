"""Clause parsing: split a cleaned document into citable units with their heading paths.

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

import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rag.records import Document, ParseResult, Unit

# ---------------------------------------------------------------------------------------------
# Numerals

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERALS = "〇零一二两三四五六七八九十百千"
_CN_DIGIT_CHARS = "〇一二三四五六七八九"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def cn_to_int(s: str) -> int:
    """The value of a Chinese numeral: 一 → 1, 十一 → 11, 五十二 → 52, 一百零三 → 103, 两千 → 2000.

    Digit strings without units (二〇二一) read digit by digit.

    Raises:
        ValueError: if ``s`` is empty or contains anything but Chinese numerals.
    """
    s = s.strip()
    if not s or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if len(s) > 1 and not any(c in _CN_UNITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
            continue
        unit = _CN_UNITS[c]
        # "十二" has no leading digit: a bare unit means one of it.
        total += (1 if digit is None else digit) * unit
        digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """The Chinese numeral for ``0 <= n < 10000``: 11 → 十一, 52 → 五十二, 103 → 一百零三.

    Raises:
        ValueError: if ``n`` is out of range.
    """
    if not 0 <= n < 10000:
        raise ValueError(f"int_to_cn handles 0..9999, got {n}")
    if n == 0:
        return "零"
    digits = [(n // 1000) % 10, (n // 100) % 10, (n // 10) % 10, n % 10]
    units = ["千", "百", "十", ""]
    out: list[str] = []
    pending_zero = False
    for d, unit in zip(digits, units, strict=True):
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_CN_DIGIT_CHARS[d] + unit)
    text = "".join(out)
    # 10..19 are written 十, 十一 … not 一十一.
    return text[1:] if text.startswith("一十") else text


def roman_to_int(s: str) -> int:
    """A Roman numeral (either case, subtractive forms such as IV) as an int."""
    s = s.upper()
    total = 0
    for i, c in enumerate(s):
        value = _ROMAN[c]
        total += -value if i + 1 < len(s) and _ROMAN[s[i + 1]] > value else value
    return total


def _to_int(token: str) -> int:
    token = token.strip()
    if token.isdigit():
        return int(token)
    if token and all(c in _ROMAN for c in token):
        return roman_to_int(token)
    return cn_to_int(token)


# ---------------------------------------------------------------------------------------------
# Line grammar: heading candidates and the other line types both cleaning and parsing need

_CN = f"[{CN_NUMERALS}]"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MD = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
_CN_CONTAINER = re.compile(rf"^第\s*({_CN}{{1,6}}|\d{{1,4}})\s*(编|部分|章|节|条)")
_CN_DUN = re.compile(rf"^({_CN}{{1,4}})\s*[、.．]")
_PAREN_CN = re.compile(rf"^[（(]\s*({_CN}{{1,4}})\s*[）)]")
_DOT = re.compile(r"^(\d{1,3})\s*[.、．](?!\d)")
_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?(?=[\s\u3400-\u9fff])")
_PAREN_NUM = re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]")
_CIRCLED = re.compile(r"^([\u2460-\u2473])")
_EN_CONTAINER = re.compile(
    r"^(?:(?P<kw>(?i:part|chapter|section|article|sec\.|art\.))\s*|(?P<para>§)\s*)"
    r"(?P<num>\d{1,4}(?:\.\d{1,3})*|[IVXLC]{1,7})(?![\w.]*\w)\.?"
)
_EN_FAMILY = {"part": "en_part", "chapter": "en_chapter", "section": "en_section", "sec.": "en_section",
              "article": "en_article", "art.": "en_article"}
_EN_LABEL = {"en_part": "Part", "en_chapter": "Chapter", "en_section": "Section", "en_article": "Article"}
_CN_FAMILY = {"编": "part", "部分": "part", "章": "chapter", "节": "section", "条": "article"}

# What follows "第三条" when it is a cross-reference, not the article's own heading.
_XREF_AFTER = re.compile(r"^(规定|的|之|所|中|第|至|到|、|和|或|及|与|，|,|。|款|项|以|起)")
_EN_XREF_AFTER = re.compile(
    r"^\s*(?:\(\w+\)\s*)*(?:of|shall|applies|apply|is|are|and|or|to|in|as|above|below|"
    r"herein|hereof|may|must|has|have|was|were)\b|^\s*[,;]",
    re.IGNORECASE,
)
# A number followed by one of these is a quantity in running text ("1.7亿", "3.5万人").
_UNIT_AFTER = re.compile(r"^[亿万千百%‰％年月日倍个元人家户亩米吨度岁次项点届期号座所名台辆套]")
_TABLE_SEP = " | "

_SPEAKER = re.compile(rf"^([{_CJK}]{{2,4}})[（(]([^（）()。，；]{{2,40}})[）)]\s*[：:]")
_SPEAKER_OPEN = re.compile(rf"^[{_CJK}]{{2,4}}[（(][^（）()。，；：]{{2,40}}$")
_CONTINUATION = re.compile(r"^[（(](?:上|下)(?:接|转)第?\s*\d{1,3}\s*版[）)]$")
_DATELINE = re.compile(
    r"^(?:新华社|中新社|人民网|新华网|央视网|中新网|本报)[^。，,；]{0,16}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)$"
)
_BYLINE = re.compile(r"^[■●◆▲□]|^(?:新华社|本报|人民日报|中新社)?(?:特约)?记者\s")
_NOTES = re.compile(r"^(?:注释|注|附注|尾注|参考文献|References|Notes|Endnotes)\s*[:：]?$", re.IGNORECASE)
_SENTENCE_PUNCT = re.compile(r"[。，、；：！？,;:!?]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class HeadingMatch:
    """A line that starts with a numbering pattern (a candidate, not yet a confirmed heading).

    ``family`` names the pattern (``"paren_cn"`` for （一）, ``"article"`` for 第X条, ``"md2"``
    for an unnumbered ``##`` heading …); ``number`` is a tuple so 1.2.3 is ``(1, 2, 3)``;
    ``label`` is the number as written (``"（六）"``, ``"第十二条"``, ``"Article 5"``);
    ``offset`` is where the numbered text starts in the line (after any ``#`` marks) and
    ``rest`` the text after the number.
    """

    family: str
    number: tuple[int, ...]
    label: str
    rest: str
    offset: int = 0
    md: int = 0  # the Markdown level when the line is a "#" heading, else 0


@functools.lru_cache(maxsize=65536)
def match_heading(line: str) -> HeadingMatch | None:
    """The heading candidate a line starts with, or None; false headings are already excluded."""
    stripped = line.strip()
    if not stripped or _TABLE_SEP in stripped:
        return None
    lead = len(line) - len(line.lstrip())
    md = _MD.match(stripped)
    if md:
        inner = md.group(2).strip()
        inner_offset = lead + md.start(2)
        numbered = _match_numbered(inner)
        level = len(md.group(1))
        if numbered is not None:
            return replace(numbered, offset=inner_offset, md=level)
        return HeadingMatch(f"md{level}", (0,), inner, "", inner_offset, level)
    numbered = _match_numbered(stripped)
    if numbered is None:
        return None
    return HeadingMatch(numbered.family, numbered.number, numbered.label, numbered.rest, lead)


def _match_numbered(s: str) -> HeadingMatch | None:
    for matcher in (_match_cn_container, _match_cn_dun, _match_paren, _match_decimal, _match_dot,
                    _match_circled, _match_english):
        found = matcher(s)
        if found is not None:
            return found
    return None


def _match_cn_container(s: str) -> HeadingMatch | None:
    m = _CN_CONTAINER.match(s)
    if not m:
        return None
    rest = s[m.end():]
    if _XREF_AFTER.match(rest.lstrip()):
        return None  # "第三条规定的…": a reference to an article, not its heading
    try:
        number = _to_int(m.group(1))
    except ValueError:
        return None
    return HeadingMatch(_CN_FAMILY[m.group(2)], (number,), m.group(0), rest)


def _match_cn_dun(s: str) -> HeadingMatch | None:
    m = _CN_DUN.match(s)
    if not m:
        return None
    try:
        number = cn_to_int(m.group(1))
    except ValueError:
        return None
    rest = s[m.end():]
    # "一、二、三产业", "二、三产业": the numerals enumerate, they do not number a heading.
    if rest[:1] and rest[0] in CN_NUMERALS:
        return None
    if number == 0:
        return None
    return HeadingMatch("cn", (number,), m.group(0).replace(" ", ""), rest)


def _match_paren(s: str) -> HeadingMatch | None:
    m = _PAREN_CN.match(s)
    family = "paren_cn"
    if not m:
        m = _PAREN_NUM.match(s)
        family = "paren_num"
    if not m:
        return None
    try:
        number = _to_int(m.group(1))
    except ValueError:
        return None
    if number == 0:
        return None
    return HeadingMatch(family, (number,), m.group(0).replace(" ", ""), s[m.end():])


def _match_decimal(s: str) -> HeadingMatch | None:
    m = _DECIMAL.match(s)
    if not m:
        return None
    rest = s[m.end():]
    if _UNIT_AFTER.match(rest.lstrip()):
        return None
    parts = tuple(int(p) for p in m.group(1).split("."))
    if 0 in parts:
        return None
    return HeadingMatch(f"decimal{len(parts)}", parts, m.group(1), rest)


def _match_dot(s: str) -> HeadingMatch | None:
    m = _DOT.match(s)
    if not m:
        return None
    rest = s[m.end():]
    if not rest.strip() or _UNIT_AFTER.match(rest.lstrip()) or rest.lstrip()[:1].isdigit():
        return None
    number = int(m.group(1))
    if number == 0:
        return None
    return HeadingMatch("dot", (number,), m.group(0).replace(" ", ""), rest)


def _match_circled(s: str) -> HeadingMatch | None:
    m = _CIRCLED.match(s)
    if not m:
        return None
    return HeadingMatch("circled", (ord(m.group(1)) - 0x2460 + 1,), m.group(1), s[m.end():])


def _match_english(s: str) -> HeadingMatch | None:
    m = _EN_CONTAINER.match(s)
    if not m:
        return None
    rest = s[m.end():]
    if _EN_XREF_AFTER.match(rest):
        return None  # "Article 5 of the Regulation shall…"
    token = m.group("num")
    keyword = (m.group("kw") or "§").lower()
    family = "en_section" if keyword == "§" else _EN_FAMILY[keyword]
    if "." in token:
        if family not in ("en_section",):
            return None
        number = tuple(int(p) for p in token.split("."))
    else:
        try:
            number = (_to_int(token),)
        except (ValueError, KeyError):
            return None
    if family == "en_section":
        family = f"en_section{len(number)}"
    label = f"§ {token}" if keyword == "§" else f"{_EN_LABEL[family.rstrip('0123456789')]} {token}"
    return HeadingMatch(family, number, label, rest)


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
    return _TABLE_SEP in line


def is_title_like(line: str) -> bool:
    """A short line of words with no sentence punctuation and no digits: a title or sub-heading."""
    s = line.strip()
    if not 4 <= len(s) <= 40 or _SENTENCE_PUNCT.search(s) or _DIGIT.search(s):
        return False
    if is_marker(s) or is_table_row(s) or s.startswith("#"):
        return False
    return len(re.findall(f"[{_CJK}]", s)) >= 4


def starts_block(line: str) -> bool:
    """Does this line open a new paragraph whatever precedes it (heading, speaker, table row…)?"""
    s = line.strip()
    return bool(
        match_heading(s) or speaker(s) or is_table_row(s) or is_notes_heading(s) or is_marker(s)
    )


# ---------------------------------------------------------------------------------------------
# Document structure

# Conventional rank of each family: lower is higher in the hierarchy.
_RANK = {
    "part": 10.0, "en_part": 10.0, "chapter": 11.0, "en_chapter": 11.0, "section": 12.0,
    "en_article": 12.5, "article": 13.0, "cn": 20.0, "paren_cn": 21.0, "dot": 22.0,
    "paren_num": 24.0, "circled": 25.0,
}
_PREAMBLE_CN = "前言"
_PREAMBLE_EN = "preamble"
_MAX_ELEM = 30  # characters of an inline title kept in a path element


def _rank(family: str) -> float:
    if family.startswith("md"):
        return int(family[2:]) - 10.0  # explicit headings from the file format sit on top
    if family.startswith("decimal"):
        return 22.0 + int(family[7:]) / 10  # 1. > 1.1 > 1.1.1 > （1）
    if family.startswith("en_section"):
        return 12.5 + (int(family[10:]) - 1) / 100
    return _RANK[family]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


@dataclass(eq=False)
class _Node:
    line: int
    match: HeadingMatch
    level: int
    elem: str
    parent: _Node | None
    path: tuple[str, ...] = ()
    children: list[_Node] = field(default_factory=list)
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


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            out.append(_Line(start, start + len(stripped), stripped))
        pos = end + 1
    return out


def _notes_start(lines: Sequence[_Line]) -> int:
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
        if cur[-1] == 1 or _follows(prev, cur) or _follows(top, cur):
            good += 1
        top = max(top, cur)
    return good / max(1, len(numbers) - 1)


def _follows(prev: tuple[int, ...], cur: tuple[int, ...]) -> bool:
    return cur[:-1] == prev[:-1] and cur[-1] == prev[-1] + 1


def _accepted_families(cands: Sequence[tuple[int, HeadingMatch]]) -> list[str]:
    """The families that are real heading levels in this document, highest level first."""
    numbers: dict[str, list[tuple[int, ...]]] = {}
    first: dict[str, int] = {}
    for i, m in cands:
        numbers.setdefault(m.family, []).append(m.number)
        first.setdefault(m.family, i)
    accepted = [
        fam for fam, nums in numbers.items()
        # Markdown headings are explicit in the file format; numbered ones must prove themselves.
        if fam.startswith("md") or (len(nums) >= 2 and _sequential_share(nums) >= 0.5)
    ]
    return sorted(accepted, key=lambda fam: (_rank(fam), first[fam]))


def _element(m: HeadingMatch, line: str) -> str:
    """The path element for a heading line: the whole line if it is a title, else number + title.

    "（六）深化户籍制度改革。放开放宽…" → "（六）深化户籍制度改革"; a list item without a title
    ("（1）用创新培育竞争新优势，发展壮大…") keeps its first phrase.
    """
    text = line[m.offset:].strip()
    head_len = len(text) - len(m.rest)
    body = m.rest
    if m.family == "article":
        # A Chinese article has no title unless it brackets one ("第五条【罚则】…"): its first
        # words begin a sentence ("第四条 违反本法…"), they do not name it.
        bracket = re.match(r"\s*([【\[（(][^】\]）)]{1,20}[】\]）)])", body)
        return (text[:head_len] + bracket.group(1)) if bracket else text[:head_len].strip()
    if len(text) <= 40 and not re.search(r"[。！？]|\.\s", text):
        return text.rstrip("。.；;：: ")
    sentence = re.split(r"[。！？]|\.\s", body, maxsplit=1)[0]
    if len(sentence.strip()) <= _MAX_ELEM and not re.search(r"[，,；;]", sentence):
        return (text[:head_len] + sentence).rstrip("：: ")
    phrase = re.split(r"[，,；;：:。！？]|\.\s", body, maxsplit=1)[0]
    if len(phrase.strip()) > _MAX_ELEM:
        cut = phrase[:_MAX_ELEM]
        if not re.search(f"[{_CJK}]", cut) and " " in cut.strip():
            cut = cut.rsplit(" ", 1)[0]  # whole English words
        phrase = cut.rstrip() + "…"
    return (text[:head_len] + phrase).rstrip()


def _title_below(m: HeadingMatch, lines: Sequence[_Line], i: int, end: int) -> str:
    """The title on the line below a bare number ("Article 1" / "Subject matter"), or ""."""
    if m.rest.strip(" .:：") or m.family.startswith("md") or i + 1 >= end:
        return ""
    below = lines[i + 1].text
    if match_heading(below) or is_marker(below):
        return ""
    english = not re.search(f"[{_CJK}]", below) and len(below) <= 60 and len(below.split()) <= 8 and (
        below[:1].isupper() and not re.search(r"[.,;:]$", below)
    )
    return below if english or is_title_like(below) else ""


def _build_tree(lines: Sequence[_Line], end: int) -> list[_Node]:
    """Confirmed heading nodes in document order, with parents and paths."""
    cands = [(i, m) for i in range(end) if (m := match_heading(lines[i].text)) is not None]
    accepted = set(_accepted_families(cands))
    # A "## 一、总则" whose numbering does not hold up is still a heading: the file format says so.
    cands = [(i, m if m.family in accepted or not m.md else replace(m, family=f"md{m.md}"))
             for i, m in cands]
    if len(cands) > 1 and cands[0][0] == 0 and cands[0][1].family == "md1" and not any(
        m.family == "md1" for _, m in cands[1:]
    ):
        cands = cands[1:]  # a lone "# 标题" on the first line is the document's title, not a part
    order = _accepted_families(cands)
    level_of = {fam: k for k, fam in enumerate(order)}
    nodes: list[_Node] = []
    stack: list[_Node] = []
    for i, m in cands:
        if m.family not in level_of:
            continue
        level = level_of[m.family]
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        node = _Node(i, m, level, _element(m, lines[i].text), parent)
        title = _title_below(m, lines, i, end)
        if title:
            # "Article 1" / "Subject matter", "第一章" / "总则": the title sits on the next line.
            node.elem, node.titled = f"{node.elem} {title}", True
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
    lines = _lines(doc.text)
    nodes = _build_tree(lines, _notes_start(lines))
    return [
        Heading(n.level, n.match.family, n.match.label, n.match.number, n.path,
                (lines[n.line].start, lines[n.line].end))
        for n in nodes
    ]


# ---------------------------------------------------------------------------------------------
# Units


@dataclass
class _Builder:
    """Collects units in document order; one ``add`` per clause (passages come from splitting)."""

    doc: Document
    max_chars: int
    overlap: int
    units: list[Unit] = field(default_factory=list)
    ordinal: int = 0
    chinese: bool = True  # labels made up by the parser ("前言", "第2段") follow the text's language

    def preamble(self, start: int, end: int) -> None:
        self.add(start, end, path=(), label=_PREAMBLE_CN if self.chinese else _PREAMBLE_EN, kind="preamble")

    def add(self, start: int, end: int, *, path: tuple[str, ...], label: str, kind: str) -> None:
        start, end = _trim(self.doc.text, start, end)
        if start >= end:
            return
        spans = _passages(self.doc.text, start, end, self.max_chars, self.overlap)
        for part, (s, e) in enumerate(spans):
            self.units.append(Unit(
                doc_id=self.doc.doc_id, title=self.doc.title, path=path, label=label,
                ordinal=self.ordinal, text=self.doc.text[s:e], span=(s, e), kind=kind,
                part=part, parts=len(spans),
            ))
        self.ordinal += 1


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
    lines = _lines(doc.text)
    builder = _Builder(doc, max_chars, overlap, chinese=_is_chinese(doc.text))
    if not lines:
        return ParseResult(())
    notes = _notes_start(lines)
    nodes = _build_tree(lines, notes)
    warnings: list[str] = []
    if nodes:
        _numbered_units(builder, lines, nodes, notes)
        warnings = _numbering_warnings(doc.title, nodes)
    else:
        _unnumbered_units(builder, lines[:notes])
    if notes < len(lines):
        label = lines[notes].text.rstrip(":：")
        builder.add(lines[notes].start, lines[-1].end, path=(label,), label=label, kind="section")
    return ParseResult(tuple(builder.units), tuple(warnings))


def _is_title_line(text: str) -> bool:
    """A title, subtitle, byline or author line: "高亚宾", "■新华社记者 王优玲"."""
    short = len(text) <= 12 and not re.search(r"[。！？；.!?;]", text)
    return text.startswith("#") or is_title_like(text) or is_marker(text) or short


def _is_chinese(text: str) -> bool:
    """At least a quarter of the opening characters are Chinese."""
    cjk = len(re.findall(f"[{_CJK}]", text[:2000]))
    return cjk * 4 >= min(len(text), 2000)


def _numbered_units(b: _Builder, lines: Sequence[_Line], nodes: Sequence[_Node], end: int) -> None:
    first = nodes[0].line
    if not all(_is_title_line(line.text) for line in lines[:first]):  # a bare title is no preamble
        b.preamble(lines[0].start, lines[first - 1].end)
    for k, node in enumerate(nodes):
        stop = nodes[k + 1].line if k + 1 < len(nodes) else end
        own_text = stop > node.line + 1 + node.titled
        if node.children and not own_text:
            continue  # a bare heading: its words live on in its children's paths
        kind = "preamble" if node.children else "clause"
        b.add(lines[node.line].start, lines[stop - 1].end, path=node.path, label=node.match.label,
              kind=kind)


# ---------------------------------------------------------------------------------------------
# Unnumbered documents: sub-headings, speakers, paragraphs


@dataclass
class _Block:
    """A stretch under one run of sub-headings (possibly none)."""

    headings: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)


def _line_kinds(lines: Sequence[_Line]) -> list[str]:
    """"title" | "heading" | "speaker" | "marker" | "para" for each line of an unnumbered document."""
    kinds: list[str] = []
    seen_para = False
    for i, line in enumerate(lines):
        text = line.text
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        headline = is_title_like(text) or (is_continuation(nxt) and len(text) <= 40)
        if speaker(text):
            kind = "speaker"
        elif is_marker(text):
            kind = "marker"
        elif headline and not seen_para:
            kind = "title"  # the document's own title block: title, subtitle
        elif headline:
            # A title directly above "（上接第1版）" is an article's headline, even with "！".
            kind = "heading"
        else:
            kind = "para"
        seen_para = seen_para or kind in ("para", "speaker")
        kinds.append(kind)
    return kinds


def _unnumbered_units(b: _Builder, lines: Sequence[_Line]) -> None:
    kinds = _line_kinds(lines)
    structured = any(k in ("heading", "speaker") for k in kinds)
    if structured:
        opening = next(i for i, k in enumerate(kinds) if k in ("heading", "speaker"))
    else:
        opening = next((i for i, k in enumerate(kinds) if k == "para"), 0)
    if opening > 0 and not all(_is_title_line(line.text) for line in lines[:opening]):
        b.preamble(lines[0].start, lines[opening - 1].end)
    for block in _blocks(kinds, opening):
        _block_units(b, lines, kinds, block)


def _blocks(kinds: Sequence[str], start: int) -> list[_Block]:
    blocks: list[_Block] = []
    current = _Block()
    for i in range(start, len(kinds)):
        if kinds[i] == "heading":
            if current.body:
                blocks.append(current)
                current = _Block()
            current.headings.append(i)
        else:
            current.body.append(i)
    if current.headings or current.body:
        blocks.append(current)
    return blocks


def _block_units(b: _Builder, lines: Sequence[_Line], kinds: Sequence[str], block: _Block) -> None:
    heads = [lines[i].text for i in block.headings]
    speakers = [i for i in block.body if kinds[i] == "speaker"]
    paras = [i for i in block.body if not speakers or i < speakers[0]]
    # Newspaper layouts often set all sub-headings of a round-table in one column: k headings
    # followed by exactly k speakers and nothing else belong together in order.
    paired = len(heads) >= 2 and not paras and len(speakers) == len(heads)
    elem = " ".join(heads)
    if paras or (heads and not speakers):
        first = block.headings[0] if block.headings else paras[0]
        kind = "section" if heads else "paragraph"
        _paragraph_groups(b, lines, kinds, first, paras, path=(elem,) if heads else (), kind=kind)
    for k, i in enumerate(speakers):
        stop = speakers[k + 1] if k + 1 < len(speakers) else block.body[-1] + 1
        found = speaker(lines[i].text)
        if found is None:  # cannot happen: the line was classified by the same test
            continue
        name, speaker_head = found
        head = heads[k] if paired else elem
        path = (head, speaker_head) if head else (speaker_head,)
        b.add(lines[i].start, lines[stop - 1].end, path=path, label=name, kind="speech")


def _paragraph_groups(b: _Builder, lines: Sequence[_Line], kinds: Sequence[str], first: int,
                      paras: Sequence[int], *, path: tuple[str, ...], kind: str) -> None:
    """Pack whole paragraphs into units of about ``max_chars``, labelled 第N段 / 第N–M段."""
    if not paras:
        return
    head = lines[paras[0]].start - lines[first].start  # the sub-heading lines count too
    sizes = [lines[i].end - lines[i].start + 1 for i in paras]
    # Aim at equal groups: 500 characters make two groups of 250, not one of 400 and a stub.
    target = (head + sum(sizes)) / math.ceil((head + sum(sizes)) / b.max_chars)
    groups: list[list[int]] = []
    current: list[int] = []
    size = head
    for i, length in zip(paras, sizes, strict=True):
        if current and (size + length > b.max_chars or size >= target):
            groups.append(current)
            current, size = [], 0
        current.append(i)
        size += length
    if current:
        if groups and size < b.max_chars * 0.25 and _span_len(lines, groups[-1] + current) <= b.max_chars:
            groups[-1].extend(current)
        else:
            groups.append(current)
    counter = 0
    for g, group in enumerate(groups):
        numbers = []
        for i in group:
            # Markers and title lines are no paragraphs of their own, unless nothing else is.
            if kinds[i] == "para" or not any(kinds[j] == "para" for j in group):
                counter += 1
                numbers.append(counter)
        label = _paragraph_label(numbers, b.chinese)
        start = lines[first].start if g == 0 else lines[group[0]].start
        b.add(start, lines[group[-1]].end, path=path, label=label, kind=kind)


def _span_len(lines: Sequence[_Line], group: Sequence[int]) -> int:
    return lines[group[-1]].end - lines[group[0]].start


def _paragraph_label(numbers: Sequence[int], chinese: bool) -> str:
    span = str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
    return f"第{span}段" if chinese else f"para. {span}"


# ---------------------------------------------------------------------------------------------
# Passages

_BREAK_WEIGHT = {"\n": 3.0, "。": 2.5, "！": 2.5, "？": 2.5, "!": 2.0, "?": 2.0, "；": 1.5, ";": 1.5,
                 "，": 0.5, ",": 0.5, "、": 0.3, "：": 0.5}


_NOTE_AT = re.compile(r"(?:\[\d{1,3}(?:[-–,，]\d{1,3})*\]|[\u2460-\u2473])+")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _best_boundary(text: str, lo: int, hi: int, ideal: float, scale: float) -> int:
    """The position in [lo, hi] just after a break character, scored by strength and nearness."""
    best, best_score = -1, -math.inf
    for pos in range(max(lo, 1), hi + 1):
        weight = _BREAK_WEIGHT.get(text[pos - 1])
        if weight is None:
            continue
        score = weight - 2.0 * abs(pos - ideal) / max(scale, 1.0)
        if score > best_score:
            best, best_score = pos, score
    pos = best if best >= 0 else round(min(max(ideal, lo), hi))
    # A footnote marker after a sentence end belongs to that sentence: "。[1]", "。①".
    note = _NOTE_AT.match(text, pos)
    return note.end() if note and note.end() <= hi else pos


def _passages(text: str, start: int, end: int, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """Overlapping spans of about ``max_chars`` covering [start, end), balanced in length."""
    spans: list[tuple[int, int]] = []
    pos = start
    while end - pos > max_chars:
        remaining = end - pos
        # Balanced lengths: the last passage is as long as the others, never a stub.
        k = math.ceil((remaining - overlap) / (max_chars - overlap))
        target = (remaining + (k - 1) * overlap) / k
        cut = _best_boundary(text, pos + max(1, int(target * 0.6)), pos + max_chars, pos + target, target)
        ideal_next = cut - overlap
        nxt = _best_boundary(text, max(pos + 1, cut - int(overlap * 1.5)), max(pos + 1, cut - overlap // 2),
                             ideal_next, max(overlap, 1))
        if overlap == 0:
            nxt = cut
        s, e = _trim(text, pos, cut)
        spans.append((s, e))
        pos = max(nxt, pos + 1)
    s, e = _trim(text, pos, end)
    if s < e:
        spans.append((s, e))
    return spans


# ---------------------------------------------------------------------------------------------
# Numbering warnings


def _level_name(node: _Node) -> str:
    """How level one of this family is written: "（一）", "一、", "1.", "第一条", "Article 1"."""
    label = node.match.label
    if node.match.family.startswith(("decimal", "en_section")) and len(node.match.number) > 1:
        return ".".join(["1"] * len(node.match.number))
    if re.search(r"\d", label):
        return re.sub(r"\d+", "1", label, count=1)
    if node.match.family == "circled":
        return "①"
    return re.sub(f"{_CN}+", "一", label, count=1)


def _numbering_warnings(title: str, nodes: Sequence[_Node]) -> list[str]:
    warnings: list[str] = []
    by_family: dict[str, list[_Node]] = {}
    for node in nodes:
        if not node.match.family.startswith("md"):
            by_family.setdefault(node.match.family, []).append(node)
    for seq in by_family.values():
        name = _level_name(seq[0])
        groups: list[list[_Node]] = []
        for node in seq:
            if groups and groups[-1][-1].parent is node.parent:
                groups[-1].append(node)
            else:
                groups.append([node])
        if _runs_on(groups):
            warnings += _check_run(title, name, seq)
        else:
            for group in groups:
                warnings += _check_run(title, name, group)
    return warnings


def _runs_on(groups: Sequence[Sequence[_Node]]) -> bool:
    """Does numbering continue across parents (（五）→ next chapter （六）) rather than restart?"""
    runs_on = restarts = 0
    for prev, group in itertools.pairwise(groups):
        first, last = group[0].match.number, prev[-1].match.number
        if first[-1] == 1:
            restarts += 1
        elif first[:-1] == last[:-1] and first[-1] == last[-1] + 1:
            runs_on += 1
    return runs_on > restarts


def _check_run(title: str, name: str, run: Sequence[_Node]) -> list[str]:
    out: list[str] = []
    first = run[0]
    if first.match.number[-1] != 1:
        where = f"under {first.parent.elem}" if first.parent else "at the start"
        out.append(f"{title}: {first.match.label} opens level {name} {where} (gap)")
    top = first.match.number
    for prev, cur in itertools.pairwise(run):
        a, c = prev.match.number, cur.match.number
        # After a swap (（二）（四）（三）（五）) the run goes on from the highest number seen, so
        # one misplaced clause yields one gap and one out-of-order warning, not a cascade.
        fine = _follows(a, c) or _follows(top, c) or (c[:-1] != a[:-1] and c[-1] == 1)
        if not fine:
            problem = "duplicate" if c == a else "out of order" if c < top else "gap"
            out.append(f"{title}: {cur.match.label} follows {prev.match.label} at level {name} ({problem})")
        top = max(top, c)
    return out
