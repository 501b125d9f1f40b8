"""How English statutes lay out what Chinese ones number: a title printed above its number, and an
Act's "Section N" as its citable unit.

UK and Commonwealth legislation prints a regulation's or section's title on the line above the
number whose line opens the body ("Interpretation" / "2.  In these Regulations—"); Canada's prints
it as a marginal note ("Marginal note:Application" / "2 These Regulations apply to…" on the Justice
Laws site, "Definitions" / "1 (1) The following definitions…" in its PDFs), the number followed by
nothing a heading would have, and groups its sections under unnumbered title-cased headings
("Tariff", "Flight Delay or Cancellation") above the first one's note; an Act numbered "Section 1.",
"Section 2. Definitions. As used in this Act:" with only list items below cites its sections as a
law cites its articles.
:mod:`rag.ingest.structure` asks these questions while building the heading tree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ingest.elements import EN_TITLE_CHARS
from rag.ingest.grammar import HeadingMatch, match_heading
from rag.ingest.levels import ARTICLE_FAMILIES
from rag.ingest.linetypes import MARGINAL_NOTE
from rag.ingest.numerals import letter_place
from rag.text import HAN_CLASS

# Families whose headings may carry their title on the line above, as UK and Commonwealth
# legislation prints a regulation or section: "Interpretation" / "2.  In these Regulations—".
_ABOVE_FAMILIES = ("dot", "code_section", "en_section", "en_article", "bare_section")
# A title above is short: at most this many words (the titles of the UK regulations read, e.g.
# "Prohibition on excessive payment surcharges", have 2–8; unmeasured beyond them).
ABOVE_TITLE_WORDS = 10


def titles_above(cands: Sequence[tuple[int, HeadingMatch]], lines: Sequence[str]) -> dict[int, str]:
    """The titles printed on the line above English numbered headings whose own line opens the body
    ("Citation and commencement" / "1.—(1) These Regulations may be cited as…"), by heading line;
    ``lines`` are the document's non-empty lines.

    Taken for a family only when most of its headings have one: a short line above a single
    heading may be the last line of the clause before it."""
    heads = {i for i, _ in cands}
    by_family: dict[str, list[tuple[int, str]]] = {}
    counts: dict[str, int] = {}
    for i, m in cands:
        family = m.family.rstrip("0123456789")
        if family not in _ABOVE_FAMILIES or m.md or re.search(f"[{HAN_CLASS}]", lines[i]):
            continue
        counts[family] = counts.get(family, 0) + 1
        body = m.rest.strip()
        if i < 1 or (i - 1) in heads or not body or _reads_as_title(body):
            continue
        two_up = match_heading(lines[i - 2]) if (i - 2) in heads else None
        if two_up is not None and not two_up.rest.strip(" .:—–-"):
            continue  # "PART 1" / "General": the line above is the title of the part
        above = marginal_note(lines[i - 1]) or lines[i - 1]
        if _reads_as_title(above):
            by_family.setdefault(family, []).append((i, above))
    found: dict[int, str] = {}
    for family, titled in by_family.items():
        if len(titled) >= 2 and 2 * len(titled) >= counts[family]:
            found.update(titled)
    return found


# A number opening the body: "2 These Regulations apply…", "19 (1) A large carrier must…".
_NUMBER_OPENS = re.compile(r"^(\d{1,3})([A-Z]?) (?=\(1\) [A-Z]|[A-Z])")
# A plain title above "N …" counts once this many sections show the layout by a marginal note or
# by "N (1)" (a section with subsections): a short line above one "3 Members of…" may be anything.
MIN_SHOWN = 2


def marginal_note(line: str) -> str:
    """The title a "Marginal note:…" line gives, or ""."""
    m = MARGINAL_NOTE.match(line)
    return m.group(1).strip() if m else ""


def sections_titled_above(lines: Sequence[str], taken: set[int]) -> list[tuple[int, HeadingMatch]]:
    """Sections whose number opens their body and whose title is the line above, as Canada prints
    them, by line (``lines`` non-empty; ``taken`` the lines already read as headings): under a
    marginal note any "N …"; under a short title line "N (1) …", and "N …" once ``MIN_SHOWN``
    sections show the layout. A run of them makes a family; one alone stays text."""
    shown: list[tuple[int, HeadingMatch]] = []
    plain: list[tuple[int, HeadingMatch]] = []
    for i in range(1, len(lines)):
        m = _NUMBER_OPENS.match(lines[i])
        if i in taken or (i - 1) in taken or m is None or int(m.group(1)) == 0:
            continue
        if re.search(f"[{HAN_CLASS}]", lines[i]):
            continue
        number = (int(m.group(1)), *(letter_place(ch) for ch in m.group(2)))
        found = (i, HeadingMatch("bare_section", number, m.group(1) + m.group(2), lines[i][m.end():]))
        titled = _reads_as_title(lines[i - 1])
        if marginal_note(lines[i - 1]) or (titled and lines[i][m.end():].startswith("(1) ")):
            shown.append(found)
        elif titled:
            plain.append(found)
    if len(shown) < MIN_SHOWN:
        return []
    sections = sorted(shown + plain, key=lambda pair: pair[0])
    return sorted(sections + _groups_above(lines, taken, [i for i, _ in sections]), key=lambda pair: pair[0])


# Words a title-cased English heading leaves in lower case ("Flight Delay or Cancellation").
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
                          "on", "or", "per", "the", "than", "to", "upon", "via", "with", "within", "without"})


def _groups_above(lines: Sequence[str], taken: set[int], sections: Sequence[int]) -> list[tuple[int, HeadingMatch]]:
    """The unnumbered group headings over runs of such sections ("Tariff", "Flight Delay or
    Cancellation"), by line: a title-cased line above a section's title, numbered in order
    (family ``en_group``). The last line of the section before is no heading: "Minister means
    the Minister of Transport" is not title-cased."""
    found: list[tuple[int, HeadingMatch]] = []
    for i in sections:
        j = i - 2
        if j < 1 or j in taken or marginal_note(lines[j]) or _NUMBER_OPENS.match(lines[j]):
            continue
        if _reads_as_title(lines[j]) and _title_cased(lines[j]):
            found.append((j, HeadingMatch("en_group", (len(found) + 1,), lines[j], "")))
    return found


def _title_cased(text: str) -> bool:
    """Every word capitalised but the small ones: "Communication of Information"."""
    words = [w for w in re.split(r"[\s—–-]+", text) if w[:1].isalpha()]
    return bool(words) and all(w[0].isupper() or w in _SMALL_WORDS for w in words)


def _reads_as_title(text: str) -> bool:
    """A short English line that names, not says: capitalised, no closing punctuation."""
    return (
        text[:1].isupper() and len(text.split()) <= ABOVE_TITLE_WORDS and len(text) <= EN_TITLE_CHARS
        and not re.search(f"[{HAN_CLASS}]", text) and not re.search(r"[.,;:!?—–-]$", text)
    )


# Families that may stand above or below an Act's "Section N" when its sections are the citable
# units: the containers above them, the list items inside them.
_AROUND_SECTIONS = frozenset({"en_part", "en_title", "en_chapter", "en_subpart", "paren_num", "paren_cn", "circled",
                              "dot"})


def sections_are_citable(accepted: set[str]) -> bool:
    """Are "Section N" headings an Act's citable units? When nothing else numbers the text but
    containers above them and items below (no articles they would contain, as GDPR's do; no
    "1.1" subsections, as a report's sections have)."""
    others = {f for f in accepted if not f.startswith("md")} - {"en_section1"}
    return "en_section1" in accepted and not (ARTICLE_FAMILIES & accepted) and others <= _AROUND_SECTIONS
