"""The kind and number a heading line opens with, read with the clause parser's own grammar, so
a reference in a question and a heading in a document are read alike."""

from __future__ import annotations

import functools
import re

from rag.ingest.grammar import match_heading
from rag.query.refparse import NUM, to_int

_BOOK = re.compile(rf"\s*第\s*(?:{NUM})\s*编")
_SUBBOOK = re.compile(rf"^\s*#*\s*第\s*({NUM})\s*分编")
# The books of the Civil Code (《中华人民共和国民法典》, 2020) in its own order. A book published on
# its own carries its name without its number ("# 合同编"), yet a reader asks for "第三编".
CIVIL_CODE_BOOKS = {"总则编": 1, "物权编": 2, "合同编": 3, "人格权编": 4, "婚姻家庭编": 5, "继承编": 6, "侵权责任编": 7}
# The parser's heading families (rag.ingest.grammar.match_heading) → reference kinds.
_FAMILY_KIND = {
    "part": "part", "en_part": "part", "en_title": "title",
    "chapter": "chapter", "en_chapter": "chapter", "cn": "chapter",
    "section": "section", "en_section": "section", "decimal": "section", "code_section": "section",
    "statute_section": "section",
    "article": "article", "en_article": "article",
    "paren_cn": "item",
    "paren_num": "subitem",
}


@functools.lru_cache(maxsize=65536)
def heading_ref(heading: str) -> tuple[str, tuple[int, ...]] | None:
    """The kind and number a heading line or label opens with: "（六）深化…" → ("item", (6,)).

    Uses the clause parser's own heading grammar, so a reference and a heading are read alike.
    """
    book = CIVIL_CODE_BOOKS.get(heading.strip().lstrip("#").strip())
    if book is not None:
        return ("book", (book,))
    if (sub := _SUBBOOK.match(heading)) is not None and (n := to_int(sub.group(1))) is not None:
        return ("subbook", (n,))  # 民法典 合同编's 第一分编 通则
    match = match_heading(heading)
    if match is None or match.family.startswith("md"):
        return None
    # "en_section2", "decimal3": the parser suffixes the depth of dotted numbers.
    kind = _FAMILY_KIND.get(match.family.rstrip("0123456789"))
    if kind == "part" and _BOOK.match(heading):
        kind = "book"  # 民法典's 第三编 合同: a book of a code, not the 第三部分 of a plan
    return (kind, match.number) if kind is not None else None
