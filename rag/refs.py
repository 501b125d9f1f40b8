"""Article references: "第十二条", "（六）", "第三部分", "Article 5" → the units they name.

A question that names a clause is answered from that clause, whatever the embeddings say, so
the matching here is exact: a reference is parsed into a typed ``ArticleRef`` (kind + number),
every heading on a unit's path is parsed the same way, and the two are compared as numbers.

Kinds are families, not spellings: ``article`` (第N条, Article/Clause N), ``item`` (（六）),
``subitem`` ((6), （１）), ``part`` (第N编, 第N部分, Part N), ``chapter`` (第N章, 三、,
Chapter N), ``section`` (第N节, Section 2.1). Headings are read with the clause parser's own
grammar (:func:`rag.clauses.match_heading`). A reference that finds nothing of its kind falls
back to the kind a civil servant means by it in a document numbered otherwise: the plan has
no 第N条, so "实施方案第十二条" is its （十二）; it has no 第N章 or 第N部分, so "第三章" and
"第三部分" are its 三、.

Example::

    refs = parse_refs("实施方案第十二条讲了什么")   # (ArticleRef(kind="article", number=(12,), ...),)
    units = lookup(refs, index.units, doc_ids=mentioned_docs("实施方案第十二条讲了什么", titles))
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rag.clauses import cn_to_int, match_heading
from rag.clean import fold
from rag.records import Unit

_CN = "零〇一二两三四五六七八九十百"
_NUM = rf"[{_CN}]+|\d+"
# The family each Chinese container word belongs to.
_CN_KIND = {"条": "article", "章": "chapter", "部分": "part", "编": "part", "节": "section"}
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
    "section": ("section", "chapter"),
}

# In a question, a reference may stand anywhere; these are searched, not anchored.
_Q_CN = re.compile(rf"第\s*({_NUM})\s*(条|章|部分|编|节)")
_Q_PAREN = re.compile(rf"[（(]\s*({_NUM})\s*[）)]")
_Q_DUN = re.compile(rf"(?<![{_CN}、])([{_CN}]+)、(?![{_CN}])")
# Roman numerals only in capitals: "part civil servants" is not Part CIVIL.
_Q_EN = re.compile(
    r"\b((?i:article|art|clause|chapter|part|section|sec|item|paragraph))\.?\s*"
    r"(\d+(?:\.\d+)*|[IVXLC]+\b)"
)

_CONTAINERS = frozenset({"part", "chapter", "section"})
# The parser's heading families (rag.clauses.match_heading) → reference kinds.
_FAMILY_KIND = {
    "part": "part", "en_part": "part",
    "chapter": "chapter", "en_chapter": "chapter", "cn": "chapter",
    "section": "section", "en_section": "section", "decimal": "section",
    "article": "article", "en_article": "article",
    "paren_cn": "item",
    "paren_num": "subitem",
}

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass(frozen=True)
class ArticleRef:
    """A clause reference found in a question.

    ``number`` is a tuple so "Section 2.1" is ``(2, 1)``; Chinese references are one number.
    ``text`` is the reference as written in the question.
    """

    kind: str  # article | item | subitem | part | chapter | section
    number: tuple[int, ...]
    text: str


def to_int(token: str) -> int | None:
    """A Chinese (up to 百 and beyond), Arabic or Roman numeral as an int; None if it is none."""
    token = fold(token).strip()
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if all(c in _ROMAN for c in token.lower()):
        return _roman(token.lower())
    try:
        value = cn_to_int(token)
    except (KeyError, ValueError):
        return None
    return value if isinstance(value, int) and value > 0 else None


def _roman(token: str) -> int | None:
    total = 0
    for i, c in enumerate(token):
        value = _ROMAN[c]
        total += -value if i + 1 < len(token) and _ROMAN[token[i + 1]] > value else value
    return total or None


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
    return tuple(ref for _, ref in sorted(found, key=lambda pair: pair[0]))


def heading_ref(heading: str) -> tuple[str, tuple[int, ...]] | None:
    """The kind and number a heading line or label opens with: "（六）深化…" → ("item", (6,)).

    Uses the clause parser's own heading grammar, so a reference and a heading are read alike.
    """
    match = match_heading(heading)
    if match is None or match.family.startswith("md"):
        return None
    # "en_section2", "decimal3": the parser suffixes the depth of dotted numbers.
    kind = _FAMILY_KIND.get(match.family.rstrip("0123456789"))
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


def _matches(unit: Unit, kind: str, number: tuple[int, ...]) -> bool:
    """Does the unit's own clause (its label / deepest heading) or, for containers, an
    enclosing heading carry this number?"""
    refs = _unit_refs(unit)
    if not refs:
        return False
    if kind in _CONTAINERS:
        # A chapter contains its clauses: any enclosing heading of the kind counts.
        return any(k == kind and n == number for k, n, _ in refs)
    deepest = max(d for _, _, d in refs)
    return any(k == kind and n == number and d == deepest for k, n, d in refs)


def lookup(
    refs: Sequence[ArticleRef], units: Sequence[Unit], *, doc_ids: Iterable[str] | None = None
) -> list[Unit]:
    """The units the references name, grouped by document, in document order within each.

    Within a document the kinds in ``_FALLBACK`` are tried in order and the first that finds
    anything wins. A chapter reference together with another ("第四部分（二）") means the
    clause inside that chapter. Documents whose numbering runs on without restarting (the
    plan's （一）…（五十二）, where a number names one clause) come before documents whose
    numbering restarts per section and where the same reference names several clauses.

    Args:
        refs: from :func:`parse_refs`.
        units: the index's units (the passages of a split clause are all returned).
        doc_ids: restrict to these documents (from :func:`mentioned_docs` or a user filter).

    Returns:
        Matching units; empty when nothing matches.
    """
    if not refs:
        return []
    allowed = set(doc_ids) if doc_ids is not None else None
    by_doc: dict[str, list[Unit]] = {}
    for unit in units:
        if allowed is None or unit.doc_id in allowed:
            by_doc.setdefault(unit.doc_id, []).append(unit)

    chapters = [r for r in refs if r.kind in _CONTAINERS]
    specific = [r for r in refs if r.kind not in _CONTAINERS]
    ranked: list[tuple[int, list[Unit]]] = []  # (restarts, units)
    for doc_units in by_doc.values():
        pool = doc_units
        if chapters and specific:
            pool = [u for r in chapters for u in _named(pool, r)]
        hits: list[Unit] = []
        for ref in specific or chapters:
            hits.extend(u for u in _named(pool, ref) if u not in hits)
        if hits:
            ranked.append((int(_restarts(doc_units)), sorted(hits, key=_order)))
    ranked.sort(key=lambda pair: pair[0])  # stable: documents keep index order within a tier
    return [u for _, found in ranked for u in found]


def _named(pool: Sequence[Unit], ref: ArticleRef) -> list[Unit]:
    """The units of ``pool`` the reference names, trying the fallback kinds in order."""
    for kind in _FALLBACK[ref.kind]:
        found = [u for u in pool if _matches(u, kind, ref.number)]
        if found:
            return found
    return []


def _restarts(doc_units: Sequence[Unit]) -> bool:
    """Does the same clause number label two different clauses in this document?"""
    seen: dict[tuple[str, tuple[int, ...]], int] = {}
    for unit in doc_units:
        if (ref := heading_ref(unit.label)) is None or ref[0] in _CONTAINERS:
            continue
        if seen.setdefault(ref, unit.ordinal) != unit.ordinal:
            return True
    return False


def _order(unit: Unit) -> tuple[int, int]:
    return (unit.ordinal, unit.part)


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_QUOTES = re.compile(r"[\s\"'“”‘’《》〈〉「」『』()（）:：,，、.。·\-—]")
# English names a reader gives the kinds of documents in this corpus.
_EN_DOC_WORDS = {
    "plan": ("方案", "规划"), "programme": ("方案", "规划"), "program": ("方案",),
    "round-table": ("圆桌",), "roundtable": ("圆桌",), "round table": ("圆桌",),
    "henan": ("河南",), "paper": ("新特征",), "conference": ("人民城市",),
}


class DocNames:
    """Which documents a question names, from the strings only one title contains.

    Built once per index: every Chinese substring (two characters or more) and every word of
    four letters or more of a title that no other title contains. "实施方案第十二条" names the
    plan because "实施方案" is in its title alone; "城镇化" is in every title and names none.
    """

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = dict(titles)
        pieces: dict[str, set[str]] = {}
        for doc, title in titles.items():
            pieces[doc] = _pieces(title)
        # A piece is distinctive when one title alone has it (linear in the titles' length).
        counts = Counter(p for ps in pieces.values() for p in ps)
        self._owner = {p: doc for doc, ps in pieces.items() for p in ps if counts[p] == 1}

    def mentioned(self, question: str) -> list[str]:
        """The best-named document(s), or [] when the question names none."""
        best: dict[str, int] = {}
        for piece in _pieces(question):
            if (doc := self._owner.get(piece)) is not None:
                # A shared English word counts as much as two Chinese characters.
                best[doc] = max(best.get(doc, 0), 2 if piece.isascii() else len(piece))
        lower = question.lower()
        for word, marks in _EN_DOC_WORDS.items():
            if re.search(rf"\b{re.escape(word)}\b", lower):
                for doc, title in self.titles.items():
                    if any(m in title for m in marks):
                        best[doc] = max(best.get(doc, 0), 2)
        if not best:
            return []
        top = max(best.values())
        return [doc for doc, score in best.items() if score == top]


def _pieces(text: str) -> set[str]:
    """Every Chinese substring of two characters or more, and every word of four letters or more."""
    folded = _QUOTES.sub("", fold(text))
    cjk = {
        run[i:j] for run in _CJK_RUN.findall(folded) for i in range(len(run)) for j in range(i + 2, len(run) + 1)
    }
    return cjk | set(re.findall(r"[a-z]{4,}", folded))


def mentioned_docs(question: str, titles: Mapping[str, str]) -> list[str]:
    """The documents ``question`` names among ``titles`` (see :class:`DocNames`)."""
    return DocNames(titles).mentioned(question)
