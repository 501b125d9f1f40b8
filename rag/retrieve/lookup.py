"""Direct lookup: a question that names a clause gets that clause, or the list of candidates.

:mod:`rag.query.refs` finds which units a reference names in each document; this module decides
what the question gets:

1. A document the question names ("工伤保险条例第十四条", "劳动法第三条", "AI Act Article 9")
   limits the lookup to it.
2. One document has the number: its units (a chapter is all its articles).
3. Several documents have it and none is named: numbering that restarts (（一） in
   every section of a paper) gives way to numbering that does not; a reference written
   in Chinese (第十四条) goes to Chinese texts, one in English (Article 14) to English
   texts, when any has it; the question's other words choose when enough of them occur in
   one document's clause only ("第十四条说的都市圈是多大范围" → the plan's （十四）); a number
   found under the kind asked in one document only (第十二条 in the only law) beats the
   fallbacks (the plan's （十二）). Otherwise the answer is the **candidates**, one per
   document, never a mix of unrelated articles.
4. A sub-citation (第（一）项, 第二款, (1)(a)) adds ``focus``: the cited range of the article's text.

Example::

    result = resolve("第十四条讲了什么", refs.parse_refs("第十四条讲了什么"), table, names, ...)
    result.candidates   # (Candidate(title="工伤保险条例", label="第十四条", preview="职工有下列情形…"), …)
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass

from rag.query import refs
from rag.query.subref import sub_span
from rag.records import Hit, Unit
from rag.text import bigrams, has_han, language, without_heading_marks

# The question's other words choose one document when its clauses hold at least this many
# times the share of those words that any other candidate's hold (unmeasured: a clear winner).
CONTENT_LEAD = 2.0
# ...and hold at least this share of them: two words in common of eighteen are no choice
# ("…网络安全主管机关还能依据第34条就同一行为再罚款吗？" of NIS 2 chose 政府信息公开条例 第三十四条 by 0.056
# against 0.028, held-out hx-21). The development's choices by content hold 0.583 (p119) and
# 0.375 (p120); between those and 0.056, unmeasured otherwise.
CONTENT_FLOOR = 0.2
PREVIEW_CHARS = 40
# Words that ask, rather than say what the clause is about (never content for the choice).
_ASKING = (
    "讲了什么", "讲的是", "说的是", "说了什么", "讲什么", "说什么", "是什么", "什么", "哪方面", "内容", "规定",
    "关于", "主要", "的", "了", "吗", "呢", "？", "?", "what", "does", "say", "about", "cover",
)


@dataclass(frozen=True)
class Candidate:
    """One document's clause for an ambiguous reference, rendered as one line:
    ``title label：preview`` (``title label: preview`` for an English text)."""

    doc_id: str
    title: str
    label: str
    preview: str
    unit: Unit

    def line(self) -> str:
        """The candidate in its text's own punctuation: "工伤保险条例 第十四条：…", "Equality Act 2010 4: …"."""
        colon = "：" if has_han(self.title + self.preview) else ": "
        return f"{self.title} {self.label.rstrip('.')}{colon}{self.preview}"


@dataclass(frozen=True)
class LookupResult:
    """Hits for the named clauses; ``candidates`` when the reference is ambiguous (then
    ``hits`` holds each candidate's clause, one per document); ``focus`` the ``[start, end)``
    of ``hits[0].unit.text`` a sub-citation names."""

    hits: tuple[Hit, ...]
    candidates: tuple[Candidate, ...] = ()
    focus: tuple[int, int] | None = None


def resolve(
    question: str,
    found: Sequence[refs.ArticleRef],
    table: refs.RefIndex,
    named: Sequence[str],
    allowed: set[str] | None,
    top_k: int,
    whole: Callable[[Unit], Unit],
    titles: dict[str, str],
    formal: Container[str] = frozenset(),
) -> LookupResult | None:
    """What a question naming ``found`` gets; None when nothing matches (search instead).

    Args:
        question: the question as asked.
        found: its references (:func:`rag.query.refs.parse_refs`).
        table: the index's reference table.
        named: documents the question names (:class:`rag.query.refs.DocNames`).
        allowed: the user's document filter (None for all).
        top_k: how many clauses beyond the first document's.
        whole: the whole clause a unit (passage) belongs to.
        titles: doc_id → title.
        formal: the formal documents (laws, regulations, notices), listed before commentary
            among candidates found alike.
    """
    scope = [d for d in named if allowed is None or d in allowed]
    matches = table.by_document(found, doc_ids=scope if scope else allowed)
    if not matches:
        return None
    if not scope and len(matches) > 1:
        matches = _narrow(question, found, matches)
    if len(matches) > 1:
        return _candidates(matches, found, whole, titles, formal)
    hits: list[Hit] = []
    seen: set[tuple[str, int]] = set()
    for unit in matches[0].units:
        if unit.clause_key in seen:
            continue
        seen.add(unit.clause_key)
        # Named clauses outrank anything retrieval could score, in the order lookup gave.
        hits.append(Hit(whole(unit), 1.0 - 0.001 * len(hits), {"ref": len(hits) + 1}))
    return LookupResult(tuple(hits), focus=_focus(found, hits))


def _narrow(question: str, found: Sequence[refs.ArticleRef], matches: list[refs.DocMatch]) -> list[refs.DocMatch]:
    """Fewer documents for an ambiguous reference, by the rules in the module docstring."""
    steady = [m for m in matches if not m.restarts]
    if steady:
        matches = steady
    # 第十四条 is written of a Chinese text, "Article 14" of an English one.
    written = "zh" if any(has_han(r.text) for r in found) else "en"
    same = [m for m in matches if language(m.units[0].text) == written]
    if same:
        matches = same
    if len(matches) > 1:
        shares = [_content_share(question, found, m.units) for m in matches]
        ranked = sorted(range(len(matches)), key=lambda i: -shares[i])
        best, second = shares[ranked[0]], shares[ranked[1]]
        if best >= CONTENT_FLOOR and best >= CONTENT_LEAD * second:
            return [matches[ranked[0]]]
    exact = [m for m in matches if m.exact]
    if len(exact) == 1:
        return exact
    return exact or matches


def _content_share(question: str, found: Sequence[refs.ArticleRef], units: Sequence[Unit]) -> float:
    """The share of the question's own words (not the reference, not the asking) in ``units``."""
    rest = question
    for ref in found:
        rest = rest.replace(ref.text, " ").replace(ref.sub.text if ref.sub else "\x00", " ")
    for word in _ASKING:
        rest = rest.replace(word, " ")
    grams = {g for piece in rest.split() for g in bigrams(piece)}
    if not grams:
        return 0.0
    text = set(bigrams(" ".join(u.text for u in units)))
    return len(grams & text) / len(grams)


def _candidates(
    matches: Sequence[refs.DocMatch],
    found: Sequence[refs.ArticleRef],
    whole: Callable[[Unit], Unit],
    titles: dict[str, str],
    formal: Container[str] = frozenset(),
) -> LookupResult:
    """One candidate per document, its first named clause: exact matches first, numbering that
    runs on before numbering that restarts, then formal texts before commentary ("item (4) of
    Part III": the State Council notice's 三（四）, then the Henan paper's)."""
    ordered = sorted(matches, key=lambda m: (not m.exact, m.restarts, m.doc_id not in formal))
    candidates: list[Candidate] = []
    hits: list[Hit] = []
    container = next((r for r in found if r.kind in ("book", "subbook", "part", "chapter", "section")), None)
    for match in ordered:
        unit = whole(match.units[0])
        label = _container_label(unit, container) if container is not None else unit.label
        candidates.append(Candidate(unit.doc_id, titles.get(unit.doc_id, unit.title), label, _preview(unit), unit))
        hits.append(Hit(unit, 1.0 - 0.001 * len(hits), {"ref": len(hits) + 1}))
    return LookupResult(tuple(hits), tuple(candidates))


def _container_label(unit: Unit, ref: refs.ArticleRef) -> str:
    """The heading of the chapter (part, section) the reference names, as the unit's path has it."""
    for head in unit.path:
        if (kind_number := refs.heading_ref(head)) is not None and kind_number[1] == ref.number:
            return head
    return unit.label


def _preview(unit: Unit) -> str:
    """The clause's first words, without its own label or Markdown heading marks."""
    text = without_heading_marks(unit.text).strip()
    if text.startswith(unit.label):
        text = text[len(unit.label):].lstrip(" 　.：:")
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"


def _focus(found: Sequence[refs.ArticleRef], hits: Sequence[Hit]) -> tuple[int, int] | None:
    sub = next((r.sub for r in found if r.sub is not None), None)
    if sub is None or not hits:
        return None
    return sub_span(hits[0].unit.text, sub)
