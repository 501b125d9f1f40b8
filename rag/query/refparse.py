"""Clause references in a question: "第十二条", "（六）", "第三部分", "Article 5" → typed ``ArticleRef``s.

Kinds are families, not spellings: ``article`` (第N条, Article/Clause N), ``item`` (（六）),
``subitem`` ((6), （１）), ``book`` (第N编 of a code), ``part`` (第N部分, Part N), ``chapter`` (第N章, 三、,
Chapter N), ``section`` (第N节, Section 2.1). See :mod:`rag.query.refs` for how they are looked up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rag.ingest.numerals import cn_to_int, letter_place, roman_to_int
from rag.query.subref import SubRef, parse_subref
from rag.text import fold, structural

_CN = "零〇一二两三四五六七八九十百千"
NUM = rf"[{_CN}]+|\d+"
# The family each Chinese container word belongs to.
_CN_KIND = {"条": "article", "章": "chapter", "部分": "part", "编": "book", "分编": "subbook", "节": "section"}
_EN_KIND = {
    "article": "article", "art": "article", "clause": "article",
    "chapter": "chapter", "part": "part", "title": "title",
    "section": "section", "sec": "section",
    "item": "item", "paragraph": "item",
}
# UK and Commonwealth instruments cite their numbered provisions by the instrument's kind:
# "regulation 4" of Regulations, "rule 4" of Rules (read as the article they are). Such a word
# names a provision, not a document (rag.query.docnames).
PROVISION_WORDS = ("regulation", "reg", "rule")
_EN_KIND.update(dict.fromkeys(PROVISION_WORDS, "article"))

# In a question, a reference may stand anywhere; these are searched, not anchored.
_Q_CN = re.compile(rf"第\s*({NUM})\s*(条|章|部分|分编|编|节)")
# An article an amendment inserted: "刑法第十七条之一" is article (17, 1), as the parser numbers it.
_Q_INSERTED = re.compile(r"之\s*([一二三四五六七八九十]{1,3})(?!分之|[规所前后间内外中上下])")
_Q_PAREN = re.compile(rf"[（(]\s*({NUM})\s*[）)]")
# A numeral after 第 is an ordinal, and one after the characters that end common words in 一 (统一, 唯一,
# 之一…) is part of the word: neither cites a part "一、" ("排第一、收入却垫底", "统一、规范", "统一（一）").
_NOT_A_PART_AFTER = "第统唯之同万单逐合划专"
_Q_DUN = re.compile(rf"(?<![{_CN}、{_NOT_A_PART_AFTER}])([{_CN}]+)、(?![{_CN}])")
# A part numbered "三、" cited bare before one of its items, as notices are cited: "三（一）" is
# item （一） of part 三, not the first （一） of the text.
_Q_BARE = re.compile(rf"(?<![{_CN}、{_NOT_A_PART_AFTER}])([{_CN}]{{1,3}})(?=\s*[（(]\s*[{_CN}]+\s*[）)])")
# Roman numerals only in capitals: "part civil servants" is not Part CIVIL. A number before "/" is
# an act's own number ("Regulation 261/2004"), not a provision of it.
# The words are _EN_KIND's, longest first ("article" before "art"), or a plural of one ("Articles
# 13 and 14", "sections 5-7"); "s 5", "ss 5 and 6" as Commonwealth lawyers cite sections (lower
# case, not after a letter, an apostrophe or a full stop: "it's 5 days", "U.S. 50"). A letter after
# the number is an inserted provision: "section 552a", "section 5A".
_Q_EN = re.compile(
    rf"(?<![\w'’.])((?i:{'|'.join(sorted(_EN_KIND, key=len, reverse=True))})|s)(s?)\.?\s*"
    r"(\d+(?:\.\d+)*(?![\d/])|[IVXLC]+\b|\(\d+\))([a-zA-Z](?![a-zA-Z]))?"
)
# The next number of a plural's list: ", 14", " and 14", " or 14", "-16", " to 16" (a range).
_Q_EN_NEXT = re.compile(
    r"(\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*[-–]\s*|\s+(?:to|through)\s+)"
    r"(\d+(?:\.\d+)*)([a-zA-Z](?![a-zA-Z]))?(?![\d/])"
)
# "subsection 5(1)", "subregulation 4(2)": the provision 5 (4), the sub-citation after it.
_Q_EN_SUB = re.compile(r"(?<![\w'’.])(?i:sub(section|regulation|rule|clause))\s+(\d+)([a-zA-Z](?![a-zA-Z]))?(?=\()")
# A range written as a plural's list ("sections 5 to 7") names every number inside it when it is
# this short; a longer one ("Articles 12 to 22") its two ends, as "第十二条至第二十二条" does.
MAX_RANGE = 5
# "§ 1798.105", "§1798.105", "§ 552a": a codified section; so is a dotted number written after "Code"
# ("Civil Code 1798.106", "Cal. Civ. Code 1798.106", "Labor Code 2802"), as US codes are cited.
_Q_SECTION_SIGN = re.compile(r"§+\s*(\d+(?:\.\d+)*)([a-z]?)(?![a-z])|\bCode\s+(\d{3,}(?:\.\d+)*)\b")
# A dotted number between 第 and 条 is such a section in Chinese ("加州民法典第1798.120条"): Chinese
# laws number their articles whole.
_Q_CN_SECTION = re.compile(r"第\s*(\d+(?:\.\d+)+)\s*[条节]")

# Kinds that hold clauses rather than name one.
CONTAINERS = frozenset({"book", "subbook", "part", "title", "chapter", "section"})

_ROMAN_DIGITS = frozenset("ivxlc")


@dataclass(frozen=True)
class ArticleRef:
    """A clause reference found in a question.

    ``number`` is a tuple so "Section 2.1" is ``(2, 1)``; Chinese references are one number.
    ``text`` is the reference as written in the question.
    """

    kind: str  # article | item | subitem | book | subbook | part | title | chapter | section
    number: tuple[int, ...]
    text: str
    sub: SubRef | None = None  # 第（一）项, 第二款, (1)(a) written right after an article
    # A container written right after another ("第三编第一分编", "第三章第二节"): inside it, not beside it.
    nested: bool = False


def to_int(token: str) -> int | None:
    """A Chinese (up to 百 and beyond), Arabic or Roman numeral as an int; None if it is none."""
    token = fold(token).strip()
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if all(c in _ROMAN_DIGITS for c in token.lower()):
        return roman_to_int(token) or None
    try:
        value = cn_to_int(token)
    except (KeyError, ValueError):
        return None
    return value if isinstance(value, int) and value > 0 else None


def _dotted(token: str) -> tuple[int, ...] | None:
    if re.fullmatch(r"\d+(?:\.\d+)*", token):
        return tuple(int(p) for p in token.split("."))
    value = to_int(token)
    return (value,) if value is not None else None


def _paren_kind(token: str) -> str:
    """（六） is an item, (6) a sub-item: documents nest the second inside the first."""
    return "subitem" if fold(token).isdigit() else "item"


def parse_refs(question: str) -> tuple[ArticleRef, ...]:
    """Every clause reference in ``question``, in the order written.

    Args:
        question: the user's question, in any language.

    Returns:
        The references; empty when the question names no clause.
    """
    found: list[tuple[int, ArticleRef]] = []
    written, question = question, structural(question)  # "第十五條" is read as 第十五条
    for m in _Q_CN.finditer(question):
        if (n := to_int(m.group(1))) is None:
            continue
        inserted = _Q_INSERTED.match(question, m.end()) if m.group(2) == "条" else None
        if inserted and (k := to_int(inserted.group(1))) is not None:
            found.append((m.start(), ArticleRef("article", (n, k), m.group(0) + inserted.group(0))))
        else:
            found.append((m.start(), ArticleRef(_CN_KIND[m.group(2)], (n,), m.group(0))))
    for m in _Q_PAREN.finditer(question):
        if (n := to_int(m.group(1))) is not None:
            found.append((m.start(), ArticleRef(_paren_kind(m.group(1)), (n,), m.group(0))))
    for m in (*_Q_DUN.finditer(question), *_Q_BARE.finditer(question)):
        if (n := to_int(m.group(1))) is not None:
            found.append((m.start(), ArticleRef("chapter", (n,), m.group(0))))
    for m in _Q_EN.finditer(question):
        kind = _EN_KIND.get(m.group(1).lower(), "section")  # "s 5" is section 5
        if m.group(2):
            found += _listed(question, m, kind)
        elif (number := _dotted(m.group(3).strip("()"))) is not None:
            # "section 552a": the section inserted after 552, numbered (552, 1) as the parser does.
            found.append((m.start(), ArticleRef(kind, _lettered(number, m.group(4)), m.group(0))))
    for m in _Q_EN_SUB.finditer(question):
        number = (int(m.group(2)),)
        found.append((m.start(), ArticleRef(_EN_KIND[m.group(1).lower()], _lettered(number, m.group(3)), m.group(0))))
    for m in _Q_SECTION_SIGN.finditer(question):
        if (number := _dotted(m.group(1) or m.group(3))) is not None:
            # "§ 552a" is the section inserted after § 552, numbered as the parser numbers it.
            letter = (letter_place(m.group(2)),) if m.group(2) else ()
            found.append((m.start(), ArticleRef("section", (*number, *letter), m.group(0))))
    for m in _Q_CN_SECTION.finditer(question):
        found.append((m.start(), ArticleRef("section", tuple(int(p) for p in m.group(1).split(".")), m.group(0))))
    if written != question:  # each reference as the question writes it (the same offsets)
        found = [(at, replace(ref, text=written[at:at + len(ref.text)])) for at, ref in found]
    return _with_subrefs(question, _outermost(found))


def _lettered(number: tuple[int, ...], letter: str | None) -> tuple[int, ...]:
    return (*number, letter_place(letter)) if letter else number


def _listed(question: str, m: re.Match[str], kind: str) -> list[tuple[int, ArticleRef]]:
    """The provisions a plural lists: "Articles 13 and 14", "ss 5, 6 and 9", "sections 5-7"; none
    for a plural with one number ("the Regulations 2012" is the instrument's year)."""
    first = _dotted(m.group(3))
    if first is None:
        return []
    found = [(m.start(), ArticleRef(kind, _lettered(first, m.group(4)), m.group(0)))]
    pos, last = m.end(), first
    while True:
        if (sub := parse_subref(question, pos)) is not None:
            pos = sub.end  # "Articles 13(1) and 14": the sub-citation is its article's
        nxt = _Q_EN_NEXT.match(question, pos)
        if nxt is None or (number := _dotted(nxt.group(2))) is None:
            break
        ranged = re.search(r"[-–]|to|through", nxt.group(1)) and len(last) == len(number) == 1
        if ranged and 1 < number[0] - last[0] < MAX_RANGE:
            # Every number inside a short range: "sections 5 to 7" names 6 too.
            found += [(nxt.start(2), ArticleRef(kind, (k,), nxt.group(2))) for k in range(last[0] + 1, number[0])]
        written = nxt.group(2) + (nxt.group(3) or "")
        found.append((nxt.start(2), ArticleRef(kind, _lettered(number, nxt.group(3)), written)))
        pos, last = nxt.end(), number
    return found if len(found) > 1 else []


def _outermost(found: list[tuple[int, ArticleRef]]) -> list[tuple[int, ArticleRef]]:
    """``found`` in the order written, without a reference inside another: the "(4)" of
    "item (4)" is that item, not a sub-item of its own."""
    spans = [(start, start + len(ref.text)) for start, ref in found]
    return sorted(
        (pair for pair, (start, end) in zip(found, spans, strict=True)
         if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)),
        key=lambda pair: pair[0],
    )


def _with_subrefs(question: str, found: list[tuple[int, ArticleRef]]) -> tuple[ArticleRef, ...]:
    """Attach the sub-citation written after an article or codified section (第十四条第（一）项,
    Art. 17(1)(a), § 1798.105(a)) to it; the item or paragraph numbers inside a sub-citation
    are not references of their own."""
    out: list[ArticleRef] = []
    covered_until = -1
    previous_end = -1
    for start, ref in found:
        if start < covered_until:
            continue  # the （一） of "第十四条第（一）项"
        end = start + len(ref.text)
        # Written right after it ("第三章第二节"), or after a space in English ("Title III Chapter 2").
        adjacent = previous_end >= 0 and not question[previous_end:start].strip()
        if adjacent and out and out[-1].kind in CONTAINERS and ref.kind in CONTAINERS:
            ref = ArticleRef(ref.kind, ref.number, ref.text, ref.sub, nested=True)
        previous_end = end
        if ref.kind in ("article", "section") and (sub := parse_subref(question, end)) is not None:
            ref = ArticleRef(ref.kind, ref.number, ref.text, sub)
            covered_until = sub.end
        out.append(ref)
    return tuple(out)
