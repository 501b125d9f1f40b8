"""Article references: "第十二条", "（六）", "第三部分", "Article 5" → the units they name.

A question that names a clause is answered from that clause, whatever the embeddings say, so
the matching here is exact: a reference is parsed into a typed ``ArticleRef`` (kind + number),
every heading on a unit's path is parsed the same way, and the two are compared as numbers.

Kinds are families, not spellings: ``article`` (第N条, Article/Clause N), ``item`` (（六）),
``subitem`` ((6), （１）), ``book`` (第N编 of a code), ``part`` (第N部分, Part N), ``chapter`` (第N章, 三、,
Chapter N), ``section`` (第N节, Section 2.1). Headings are read with the clause parser's own
grammar (:func:`rag.ingest.grammar.match_heading`). A reference that finds nothing of its kind falls
back to the kind a civil servant means by it in a document numbered otherwise: the plan has
no 第N条, so "实施方案第十二条" is its （十二）; it has no 第N章 or 第N部分, so "第三章" and
"第三部分" are its 三、.

Example::

    refs = parse_refs("实施方案第十二条讲了什么")   # (ArticleRef(kind="article", number=(12,), ...),)
    units = lookup(refs, index.units, doc_ids=mentioned_docs("实施方案第十二条讲了什么", titles))
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.ingest.grammar import match_heading
from rag.ingest.numerals import cn_to_int, roman_to_int
from rag.query.docnames import DocNames, mentioned_docs
from rag.query.subref import SubRef, parse_subref
from rag.records import Unit
from rag.text import fold

__all__ = [
    "ArticleRef", "DocMatch", "DocNames", "RefIndex", "heading_ref", "lookup", "mentioned_docs", "parse_refs", "to_int",
]

_CN = "零〇一二两三四五六七八九十百"
_NUM = rf"[{_CN}]+|\d+"
# The family each Chinese container word belongs to.
_CN_KIND = {"条": "article", "章": "chapter", "部分": "part", "编": "book", "分编": "subbook", "节": "section"}
_EN_KIND = {
    "article": "article", "art": "article", "clause": "article",
    "chapter": "chapter", "part": "part",
    "section": "section", "sec": "section",
    "item": "item", "paragraph": "item",
}
# When a document has no unit of the asked kind, try these in order.
_FALLBACK = {
    "article": ("article", "item"),
    "item": ("item", "article", "subitem"),
    "subitem": ("subitem", "item", "article"),
    "chapter": ("chapter", "part"),
    "part": ("part", "chapter"),
    "book": ("book", "part"),
    "subbook": ("subbook",),
    "section": ("section", "chapter"),
}

# In a question, a reference may stand anywhere; these are searched, not anchored.
_Q_CN = re.compile(rf"第\s*({_NUM})\s*(条|章|部分|分编|编|节)")
_Q_PAREN = re.compile(rf"[（(]\s*({_NUM})\s*[）)]")
_Q_DUN = re.compile(rf"(?<![{_CN}、])([{_CN}]+)、(?![{_CN}])")
# Roman numerals only in capitals: "part civil servants" is not Part CIVIL.
_Q_EN = re.compile(
    r"\b((?i:article|art|clause|chapter|part|section|sec|item|paragraph))\.?\s*"
    r"(\d+(?:\.\d+)*|[IVXLC]+\b)"
)
# "§ 1798.105", "§1798.105": a codified section.
_Q_SECTION_SIGN = re.compile(r"§+\s*(\d+(?:\.\d+)*)")

_BOOK = re.compile(rf"\s*第\s*(?:{_NUM})\s*编")
_CONTAINERS = frozenset({"book", "subbook", "part", "chapter", "section"})
_SUBBOOK = re.compile(rf"^\s*#*\s*第\s*({_NUM})\s*分编")
# The books of the Civil Code (《中华人民共和国民法典》, 2020) in its own order. A book published on
# its own carries its name without its number ("# 合同编"), yet a reader asks for "第三编".
CIVIL_CODE_BOOKS = {"总则编": 1, "物权编": 2, "合同编": 3, "人格权编": 4, "婚姻家庭编": 5, "继承编": 6, "侵权责任编": 7}
# The parser's heading families (rag.ingest.grammar.match_heading) → reference kinds.
_FAMILY_KIND = {
    "part": "part", "en_part": "part",
    "chapter": "chapter", "en_chapter": "chapter", "cn": "chapter",
    "section": "section", "en_section": "section", "decimal": "section",
    "article": "article", "en_article": "article",
    "paren_cn": "item",
    "paren_num": "subitem",
}

_ROMAN_DIGITS = frozenset("ivxlc")


@dataclass(frozen=True)
class ArticleRef:
    """A clause reference found in a question.

    ``number`` is a tuple so "Section 2.1" is ``(2, 1)``; Chinese references are one number.
    ``text`` is the reference as written in the question.
    """

    kind: str  # article | item | subitem | book | subbook | part | chapter | section
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
    for m in _Q_CN.finditer(question):
        if (n := to_int(m.group(1))) is not None:
            found.append((m.start(), ArticleRef(_CN_KIND[m.group(2)], (n,), m.group(0))))
    for m in _Q_PAREN.finditer(question):
        if (n := to_int(m.group(1))) is not None:
            found.append((m.start(), ArticleRef(_paren_kind(m.group(1)), (n,), m.group(0))))
    for m in _Q_DUN.finditer(question):
        if (n := to_int(m.group(1))) is not None:
            found.append((m.start(), ArticleRef("chapter", (n,), m.group(0))))
    for m in _Q_EN.finditer(question):
        if (number := _dotted(m.group(2))) is not None:
            found.append((m.start(), ArticleRef(_EN_KIND[m.group(1).lower()], number, m.group(0))))
    for m in _Q_SECTION_SIGN.finditer(question):
        if (number := _dotted(m.group(1))) is not None:
            found.append((m.start(), ArticleRef("section", number, m.group(0))))
    return _with_subrefs(question, sorted(found, key=lambda pair: pair[0]))


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
        if start == previous_end and out and out[-1].kind in _CONTAINERS and ref.kind in _CONTAINERS:
            ref = ArticleRef(ref.kind, ref.number, ref.text, ref.sub, nested=True)
        previous_end = end
        if ref.kind in ("article", "section") and (sub := parse_subref(question, end)) is not None:
            ref = ArticleRef(ref.kind, ref.number, ref.text, sub)
            covered_until = sub.end
        out.append(ref)
    return tuple(out)


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


def _unit_refs(unit: Unit) -> list[tuple[str, tuple[int, ...], int]]:
    """(kind, number, depth) of the label and each path element; the label counts as deepest."""
    out: list[tuple[str, tuple[int, ...], int]] = []
    for depth, head in enumerate(unit.path):
        if (ref := heading_ref(head)) is not None:
            out.append((*ref, depth))
    if (ref := heading_ref(unit.label)) is not None:
        out.append((*ref, len(unit.path)))
    return out


_Key = tuple[str, str, tuple[int, ...]]  # (doc_id, kind, number)


class RefIndex:
    """The units of an index by the numbers they carry, built once, so a lookup costs the
    same at 100,000 units as at 200.

    A unit is *named* by the number of its own clause (its label or deepest heading) and lies
    *within* every container (part, chapter, section) on its path.
    """

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = list(units)
        self._own: dict[_Key, list[int]] = {}
        self._within: dict[_Key, list[int]] = {}
        self._docs: dict[str, None] = {}  # document order of first appearance
        labels: dict[str, dict[tuple[str, tuple[int, ...]], set[int]]] = {}
        for row, unit in enumerate(self.units):
            self._docs.setdefault(unit.doc_id)
            refs = _unit_refs(unit)
            deepest = max((d for _, _, d in refs), default=-1)
            for kind, number, depth in refs:
                key = (unit.doc_id, kind, number)
                if kind in _CONTAINERS:
                    self._within.setdefault(key, []).append(row)
                if depth == deepest:
                    self._own.setdefault(key, []).append(row)
                    if depth == len(unit.path) and kind not in _CONTAINERS:
                        labels.setdefault(unit.doc_id, {}).setdefault((kind, number), set()).add(unit.ordinal)
        # Numbering that restarts (the paper's （一） in every section) names several clauses.
        self._restarts = {d: any(len(o) > 1 for o in by.values()) for d, by in labels.items()}

    def lookup(self, refs: Sequence[ArticleRef], *, doc_ids: Iterable[str] | None = None) -> list[Unit]:
        """See :func:`lookup`."""
        matches = self.by_document(refs, doc_ids=doc_ids)
        matches.sort(key=lambda m: m.restarts)  # stable: documents keep index order within a tier
        return [u for m in matches for u in m.units]

    def by_document(self, refs: Sequence[ArticleRef], *, doc_ids: Iterable[str] | None = None) -> list[DocMatch]:
        """The units the references name, one :class:`DocMatch` per document that has any,
        in index order."""
        if not refs:
            return []
        allowed = set(doc_ids) if doc_ids is not None else None
        chapters = [r for r in refs if r.kind in _CONTAINERS and not r.nested]
        inner = [r for r in refs if r.kind in _CONTAINERS and r.nested]
        specific = [r for r in refs if r.kind not in _CONTAINERS]
        out: list[DocMatch] = []
        for doc in self._docs:
            if allowed is not None and doc not in allowed:
                continue
            pool: set[int] | None = None
            if chapters and (specific or inner):
                pool = {row for r in chapters for row in self._named(doc, r, None)[0]}
            rows: list[int] = []
            exact = True
            for ref in inner:  # "第三编第一分编": each container inside the one before
                named, as_asked = self._named(doc, ref, pool)
                exact = exact and as_asked
                pool = set(named)
            if inner and not specific:
                rows = sorted(pool or ())
            for ref in specific or ([] if inner else chapters):
                named, as_asked = self._named(doc, ref, pool)
                exact = exact and as_asked
                rows.extend(r for r in named if r not in rows)
            if rows:
                found = tuple(sorted((self.units[r] for r in rows), key=_order))
                out.append(DocMatch(doc, exact, self._restarts.get(doc, False), found))
        return out

    def _named(self, doc: str, ref: ArticleRef, pool: set[int] | None) -> tuple[list[int], bool]:
        """Rows the reference names in ``doc`` (within ``pool``), trying the fallback kinds in
        order, and whether they were found under the kind asked (not a fallback)."""
        for kind in _FALLBACK[ref.kind]:
            table = self._within if kind in _CONTAINERS else self._own
            rows = [r for r in table.get((doc, kind, ref.number), []) if pool is None or r in pool]
            if rows:
                return rows, kind == ref.kind
        return [], False


@dataclass(frozen=True)
class DocMatch:
    """What a reference names in one document: ``exact`` when found under the kind asked
    (第十四条 as an article, not the plan's （十四）); ``restarts`` when the document's numbering
    restarts, so one number names several clauses there."""

    doc_id: str
    exact: bool
    restarts: bool
    units: tuple[Unit, ...]


def lookup(
    refs: Sequence[ArticleRef], units: Sequence[Unit], *, doc_ids: Iterable[str] | None = None
) -> list[Unit]:
    """The units the references name, grouped by document, in document order within each.

    Within a document the kinds in ``_FALLBACK`` are tried in order and the first that finds
    anything wins. A chapter reference together with another ("第四部分（二）") means the
    clause inside that chapter. Documents whose numbering runs on without restarting (the
    plan's （一）…（五十二）, where a number names one clause) come before documents whose
    numbering restarts per section and where the same reference names several clauses.
    (For repeated lookups over one index, build a :class:`RefIndex` once.)

    Args:
        refs: from :func:`parse_refs`.
        units: the index's units (the passages of a split clause are all returned).
        doc_ids: restrict to these documents (from :func:`mentioned_docs` or a user filter).

    Returns:
        Matching units; empty when nothing matches.
    """
    return RefIndex(units).lookup(refs, doc_ids=doc_ids)


def _order(unit: Unit) -> tuple[int, int]:
    return (unit.ordinal, unit.part)
