"""The line grammar both cleaning and parsing read: heading candidates.

Every line that *starts* with a numbering pattern is a heading candidate (:func:`match_heading`):
第X编/第X部分, 第X章, 第X节, 第X条, 一、, （一）, 1. / 1、, 1.2.3, （1）, ①, Markdown ``#``,
Part/Subpart/Chapter/Section/Article N, § N, a regulation's "§ 382.1" section, a Commonwealth
"5  Title" section. Guards drop what only looks like one: "一、二、三产业" (an enumeration),
"第三条规定的" (a cross-reference), "1.7亿" (a decimal), table rows. The other line types (speakers,
editorial markers, notes headings, table rows, title-like lines) are read in
:mod:`rag.ingest.linetypes`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from rag.ingest.numerals import CN_NUMERALS, cn_to_int, letter_place, to_int
from rag.text import HAN_CLASS, structural

_CN = f"[{CN_NUMERALS}]"

_MD = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
# Up to nine numerals: 民法典's 第一千一百六十四条 has seven.
_CN_CONTAINER = re.compile(rf"^第\s*({_CN}{{1,9}}|\d{{1,4}})\s*(编|部分|章|节|条)")
# An article an amendment inserted after another, numbered from it: 刑法's "第十七条之一 已满七十五
#周岁的人…" is an article of its own, numbered (17, 1); "第三十条之规定" stays a reference.
_INSERTED = re.compile(rf"^之\s*({_CN}{{1,3}})(?=[\s\u3000]|$)")
_CN_DUN = re.compile(rf"^({_CN}{{1,4}})\s*[、.．]")
_PAREN_CN = re.compile(rf"^[（(]\s*({_CN}{{1,4}})\s*[）)]")
_DOT = re.compile(r"^(\d{1,3})\s*[.、．](?!\d)")
_DECIMAL = re.compile(rf"^(\d{{1,3}}(?:\.\d{{1,3}})+)\.?(?=[\s{HAN_CLASS}])")
_PAREN_NUM = re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]")
_CIRCLED = re.compile(r"^([\u2460-\u2473])")
_EN_CONTAINER = re.compile(
    r"^(?:(?P<kw>(?i:part|title|chapter|section|article|sec\.|art\.))\s*|(?P<para>§)\s*)"
    r"(?P<num>\d{1,4}(?:\.\d{1,3})*|[IVXLC]{1,7})(?![\w.]*\w)\.?"
)
# A section as Commonwealth legislation prints it, number and title two spaces apart ("1  Name",
# "5A  Access to credit information"; rag.ingest.spaces keeps the two spaces).
_BARE_SECTION = re.compile(r"^(\d{1,3})([A-Z]{0,2})  (?=[A-Z][a-z])")
# The same with one space when the rest of the line is only a title, as UK Acts print a section:
# "1 Public sector duty regarding socio-economic inequalities" over "(1) An authority…". Running
# text ("2 In these Regulations—", "3 May 2021 …", a table row "1 Beijing 21.9 18.4") ends in
# punctuation, opens with a month or holds more than one number ("2 Power to amend section 1" holds one).
_BARE_TITLED = re.compile(r"^(\d{1,3})([A-Z]{0,2}) (?=[A-Z][a-z])")
_MONTHS = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
# A section title read after one space: this many words at most (unmeasured; UK section titles
# run to about ten).
BARE_TITLE_WORDS = 12
# "Subpart B—Nondiscrimination…" of a US regulation (CFR), lettered, between its PART and sections.
_SUBPART = re.compile(r"^(?i:subpart)\s+([A-Z]{1,2})(?![\w])\s*(?:[—–-]|\.|$)")
_EN_FAMILY = {"part": "en_part", "title": "en_title", "chapter": "en_chapter", "section": "en_section",
              "sec.": "en_section", "article": "en_article", "art.": "en_article"}
_EN_LABEL = {"en_part": "Part", "en_title": "Title", "en_chapter": "Chapter", "en_section": "Section",
             "en_article": "Article"}
_CN_FAMILY = {"编": "part", "部分": "part", "章": "chapter", "节": "section", "条": "article"}

# What follows "第三条" when it is a cross-reference, not the article's own heading.
_XREF_AFTER = re.compile(r"^(规定|的|之|所|中(?:规定|的|所)|第|至|到|、|和|或|及|与|，|,|。|款|项|以|起)")
# After a space only punctuation or a 款/项 reference makes "第三条" a reference: "第二条 中华人民共和国
# 境内的…" opens 工伤保险条例's 第二条 (the bare "中" guard dropped it).
_XREF_AFTER_SPACE = re.compile(r"^[\s\u3000]+(?:[、，,。；;]|第[一二三四五六七八九十]+[款项])")
_EN_XREF_AFTER = re.compile(
    r"^\s*(?:\(\w+\)\s*)*(?:(?:of|shall|applies|apply|is|are|and|or|to|in|as|above|below|"
    r"herein|hereof|may|must|has|have|was|were)\b|[,;])",
    re.IGNORECASE,
)
# A number followed by one of these is a quantity in running text ("1.7亿", "3.5万人").
_UNIT_AFTER = re.compile(r"^[亿万千百%‰％年月日倍个元人家户亩米吨度岁次项点届期号座所名台辆套]")
TABLE_SEP = " | "


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
    """The heading candidate a line starts with, or None; false headings are already excluded.
    A traditional-script line ("第 1 條") is read as its simplified form and keeps its own
    characters in the label and rest."""
    read = structural(line)
    found = _match_line(read)
    if found is None or read == line:
        return found
    at = read.find(found.label)  # the table maps one character to one: the same place in ``line``
    label = line[at:at + len(found.label)] if at >= 0 else found.label
    rest = line.rstrip()[len(line.rstrip()) - len(found.rest):] if found.rest else ""
    return replace(found, label=label, rest=rest)


def _match_line(line: str) -> HeadingMatch | None:
    stripped = line.strip()
    if not stripped or TABLE_SEP in stripped:
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
                    _match_circled, _match_english, _match_code_section, _match_subpart, _match_bare_section):
        found = matcher(s)
        if found is not None:
            return found
    return None


def _match_cn_container(s: str) -> HeadingMatch | None:
    m = _CN_CONTAINER.match(s)
    if not m:
        return None
    rest = s[m.end():]
    inserted = _INSERTED.match(rest) if m.group(2) == "条" else None
    if inserted:
        rest = rest[inserted.end():]
    spaced = rest[:1].isspace()
    if _XREF_AFTER_SPACE.match(rest) if spaced else _XREF_AFTER.match(rest):
        return None  # "第三条规定的…": a reference to an article, not its heading
    try:
        number = to_int(m.group(1))
    except ValueError:
        return None
    if inserted:
        label = m.group(0) + inserted.group(0)
        return HeadingMatch("article", (number, cn_to_int(inserted.group(1))), label, rest)
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
        number = to_int(m.group(1))
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
    if (section := _match_section_sign(s)) is not None:
        return section
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
            number = (to_int(token),)
        except (ValueError, KeyError):
            return None
    if family == "en_section":
        family = f"en_section{len(number)}"
    label = f"§ {token}" if keyword == "§" else f"{_EN_LABEL[family.rstrip('0123456789')]} {token}"
    if keyword == "sec.":
        label = f"SEC. {token}"  # a ballot measure's own sections, cited as printed
    return HeadingMatch(family, number, label, rest)


# A section a code or regulation heads with the section sign and its title: "§ 382.17 May carriers
# limit…?" (CFR), "§ 552a. Records maintained on individuals" (US Code). Numbered within a part
# or title with gaps on purpose (382.11, 382.17; 552, 552a, 553), like a code's "1798.105.", and
# read as one; a letter after the number is an inserted section, numbered one place further.
_SECTION_SIGN = re.compile(r"^§+\s*(\d{1,5}(?:\.\d{1,4}){0,2})([a-z]{0,2})(?![\w])\.?")


def _match_section_sign(s: str) -> HeadingMatch | None:
    m = _SECTION_SIGN.match(s)
    if not m:
        return None
    rest = s[m.end():]
    title = rest.lstrip(" —–-:")
    if title and not title[:1].isupper():
        return None  # "§ 5 of this title", "§ 382.17(a)": a reference
    # A number alone ("§382.1", its title on the next line, as eCFR's text prints it) is kept for
    # the clause tree to judge by the line below (rag.ingest.structure).
    number = tuple(int(p) for p in m.group(1).split("."))
    number = (*number, *(letter_place(ch) for ch in m.group(2)))
    return HeadingMatch("code_section", number, f"§ {m.group(1)}{m.group(2)}", rest)


# A codified section heading as US codes print it: "1798.105. Consumers' Right to Delete …",
# or the bare number line under it ("1798.105"). The number has a 3-5 digit title part, so
# quantities ("1.7亿", "2.5") never match.
_CODE_SECTION = re.compile(r"^(\d{3,5}\.\d{1,4}(?:\.\d{1,3})?)(?:\.?\s+(?P<title>[A-Z]\S.*)|\.?)$")


def _match_code_section(s: str) -> HeadingMatch | None:
    m = _CODE_SECTION.match(s)
    if not m:
        return None
    number = tuple(int(p) for p in m.group(1).split("."))
    return HeadingMatch("code_section", number, f"Section {m.group(1)}", s[m.end(1):])


def _match_subpart(s: str) -> HeadingMatch | None:
    m = _SUBPART.match(s)
    if not m:
        return None
    letters = m.group(1).upper()
    number = 0
    for ch in letters:
        number = number * 26 + letter_place(ch)
    return HeadingMatch("en_subpart", (number,), f"Subpart {letters}", s[m.end(1):])


def _match_bare_section(s: str) -> HeadingMatch | None:
    m = _BARE_SECTION.match(s)
    if m is None and (m := _BARE_TITLED.match(s)) is not None and not _title_only(s[m.end():]):
        return None
    if not m or int(m.group(1)) == 0:
        return None
    # "5A" (inserted after 5) is numbered (5, 1), as 第十七条之一 is (17, 1).
    number = (int(m.group(1)), *(letter_place(ch) for ch in m.group(2)[:1]))
    return HeadingMatch("bare_section", number, m.group(1) + m.group(2), s[m.end():])


def _title_only(rest: str) -> bool:
    """Is ``rest`` a section's title and nothing more: a few words, one number at most, no closing
    mark?"""
    return (
        len(rest.split()) <= BARE_TITLE_WORDS and len(re.findall(r"\d+", rest)) <= 1 and not _MONTHS.match(rest)
        and not re.search(r"[.,;:!?—–-]\s*$", rest)
    )
