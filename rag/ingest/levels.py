"""Which numbering patterns are heading levels in a document, and in which order.

A pattern counts as a heading level only when it occurs at least twice and its numbers mostly
run on (n → n+1, or restart at 1), as RAGFlow's laws template does; a pattern seen once or with
chaotic numbers stays running text. Levels follow the conventional ranking 编/部分 > 章 > 节 >
条 > 一、 > （一） > 1. > 1.1 > （1） > ①.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from rag.ingest.grammar import HeadingMatch

# An Act's "Section N" when its sections are its citable units (rag.ingest.structure decides).
STATUTE_SECTION = "statute_section"

# Conventional rank of each family: lower is higher in the hierarchy.
_RANK = {
    # EU acts: PART › TITLE › CHAPTER › Section › Article (PSD2's TITLE III › CHAPTER 1).
    # US regulations: PART › Subpart › § section.
    "part": 10.0, "en_part": 10.0, "en_title": 10.5, "chapter": 11.0, "en_chapter": 11.0, "en_subpart": 11.5,
    "section": 12.0, "en_article": 12.5, "code_section": 12.6, "bare_section": 12.6,
    # Canada's unnumbered group headings over its sections ("Tariff" / "Marginal note:…" / "3 A carrier…").
    "en_group": 12.2, STATUTE_SECTION: 12.6,
    "article": 13.0, "cn": 20.0, "paren_cn": 21.0, "dot": 22.0, "paren_num": 24.0, "circled": 25.0,
}
# A numbering pattern is a heading level when this share of its steps run on (unmeasured;
# RAGFlow's laws template uses the same idea).
SEQUENTIAL_SHARE = 0.5

# Families whose headings open a citable article of a statute.
ARTICLE_FAMILIES = frozenset({"article", "en_article", "code_section", "bare_section", STATUTE_SECTION})


_CONTAINERS = frozenset({"part", "chapter", "section", "en_part", "en_title", "en_chapter", "en_subpart",
                         "en_section1"})


def rank(family: str) -> float:
    if family.startswith("md"):
        return int(family[2:]) - 10.0  # explicit headings from the file format sit on top
    if family.startswith("decimal"):
        return 22.0 + int(family[7:]) / 10  # 1. > 1.1 > 1.1.1 > （1）
    if family.startswith("en_section"):
        return 12.5 + (int(family[10:]) - 1) / 100
    return _RANK[family]


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
    """Is ``cur`` the number after ``prev``: 3 → 4, 1.2 → 1.3, and back up a level, 1.2.3 → 1.3
    or 第十七条之一 (17, 1) → 第十八条 (18,)?"""
    prev = prev[: len(cur)]
    return cur[:-1] == prev[:-1] and cur[-1] == prev[-1] + 1


def accepted_families(cands: Sequence[tuple[int, HeadingMatch]]) -> list[str]:
    """The families that are real heading levels in this document, highest level first."""
    numbers: dict[str, list[tuple[int, ...]]] = {}
    first: dict[str, int] = {}
    for i, m in cands:
        numbers.setdefault(m.family, []).append(m.number)
        first.setdefault(m.family, i)
    # A section sign heads a section as a title does ("§382.1" over its title line, kept only then).
    titled_codes = any(m.family == "code_section" and (m.rest.strip(" .") or m.label.startswith("§")) for _, m in cands)
    accepted = [
        fam for fam, nums in numbers.items()
        # Markdown headings are explicit in the file format; numbered ones must prove themselves.
        if fam.startswith("md") or (len(nums) >= 2 and _sequential_share(nums) >= SEQUENTIAL_SHARE)
        # Code sections skip numbers on purpose (1798.100, 1798.105): they must rise, and at
        # least one must carry a title, which no stray decimal does.
        or (fam == "code_section" and len(nums) >= 2 and titled_codes and _rising_share(nums) >= SEQUENTIAL_SHARE)
        # Articles of an excerpt skip numbers (第二条, 第十四条), a compilation its repealed sections:
        # rising is enough, as for codes.
        or (fam in ("article", "en_article", "bare_section") and len(nums) >= 2
            and _rising_share(nums) >= SEQUENTIAL_SHARE)
    ]
    if ARTICLE_FAMILIES & set(accepted):
        # In a statute a lone 第一章 or CHAPTER III is still a container of its articles.
        accepted += [fam for fam in numbers if fam in _CONTAINERS and fam not in accepted]
    above = _sections_hold_articles(cands)
    return sorted(accepted, key=lambda fam: (_SECTION_ABOVE if fam == "en_section1" and above else rank(fam),
                                             first[fam]))


_SECTION_ABOVE = 12.4  # between Chapter (11) and Article (12.5)


def _sections_hold_articles(cands: Sequence[tuple[int, HeadingMatch]]) -> bool:
    """Is "Section N" a container of articles (GDPR: Section 3 › Article 16)? It is when the
    heading after a Section is mostly an Article, wherever the first Section appears."""
    after = [cands[k + 1][1].family for k, (_, m) in enumerate(cands[:-1]) if m.family == "en_section1"]
    return bool(after) and 2 * sum(fam == "en_article" for fam in after) >= len(after)
