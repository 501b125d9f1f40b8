"""The clause panel: the clause a citation or a link opens, its supporting sentences marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui.backend import Backend
from ui.i18n import t
from ui.render import ClauseView, clause_html, clause_placeholder
from ui.turns import Turn


@dataclass(frozen=True)
class Opened:
    """The clause shown in the panel and, when it was opened from a citation, what to highlight.

    ``marks`` are character ranges of the clause's text: the spans the citation check matched.
    """

    doc_id: str
    ordinal: int
    marks: tuple[tuple[int, int], ...] = ()
    maybe: bool = False
    by_meaning: bool = False


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def show_opened(backend: Backend, opened: Opened | None, lang: str) -> str:
    if opened is None:
        return clause_placeholder(lang)
    view = backend.clause(opened.doc_id, opened.ordinal)
    if view is None:
        return clause_placeholder(lang, t("clause_missing", lang))
    return clause_html(view, opened.marks, lang, maybe=opened.maybe, by_meaning=opened.by_meaning)


def open_citation(
    backend: Backend, turns: list[Turn] | None, lang: str, evt: gr.EventData
) -> tuple[str, Opened | None]:
    """The clause behind citation ``n`` of turn ``turn``, its supporting sentences highlighted."""
    data = getattr(evt, "_data", None) or {}
    index, n = _int(data.get("turn")), _int(data.get("n"))
    turns = turns or []
    if index is None or n is None or not 0 <= index < len(turns):
        return clause_placeholder(lang), None
    answer = turns[index].answer
    citation = answer.citation(n) if answer else None
    if answer is None or citation is None:
        return clause_placeholder(lang), None
    spans = answer.spans(n)
    meaning = answer.by_meaning(n)
    view = backend.locate(citation)
    if view is None:
        # The index changed since the answer: show the clause as the answer quoted it.
        view = ClauseView(citation.doc, citation.title, citation.path, citation.label, -1, citation.text,
                          meta=citation.meta)
        return clause_html(view, spans, lang, maybe=answer.abstained, by_meaning=meaning), None
    marks = tuple(shift_marks(spans, citation.text, view.text))
    opened = Opened(view.doc_id, view.ordinal, marks, answer.abstained, meaning)
    return clause_html(view, marks, lang, maybe=answer.abstained, by_meaning=meaning), opened


def shift_marks(spans: Sequence[tuple[int, int]], cited: str, shown: str) -> list[tuple[int, int]]:
    """Spans of the cited text as ranges of the clause shown (the same text, or a longer one holding it).

    When the shown clause no longer holds the cited text (the document changed), nothing is marked
    rather than the wrong words.
    """
    offset = 0 if shown == cited else shown.find(cited) if cited else -1
    if offset < 0:
        return []
    return [(a + offset, b + offset) for a, b in spans]


def navigate(backend: Backend, cited: Opened | None, lang: str, evt: gr.EventData) -> tuple[str, Opened | None]:
    """Open the neighbour clause a nav link names; back on the cited clause, its marks return."""
    data = getattr(evt, "_data", None) or {}
    doc, ordinal = data.get("doc"), _int(data.get("ordinal"))
    if not isinstance(doc, str) or ordinal is None:
        return clause_placeholder(lang), cited
    if data.get("page"):
        return pdf_html(backend, doc, ordinal, lang, cited), cited
    if cited is not None and (cited.doc_id, cited.ordinal) == (doc, ordinal):
        return show_opened(backend, cited, lang), cited
    return show_opened(backend, Opened(doc, ordinal), lang), cited


def pdf_html(backend: Backend, doc: str, ordinal: int, lang: str, cited: Opened | None = None) -> str:
    """The clause with its PDF page below it (the cited clause keeps its marks)."""
    rendered = backend.pdf_page(doc, ordinal)
    if rendered is None:
        return clause_placeholder(lang, t("pdf_missing", lang))
    view, image = rendered
    marks: tuple[tuple[int, int], ...] = ()
    if cited is not None and (cited.doc_id, cited.ordinal) == (doc, ordinal):
        marks = cited.marks
    return clause_html(view, marks, lang, page_image=image)
