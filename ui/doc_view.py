"""The documents page's reading side: the table of documents, a document's clause tree, a clause."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui.backend import Backend
from ui.clause_panel import pdf_html
from ui.i18n import t
from ui.render import clause_html, clause_placeholder, clause_tree_html, warnings_html


def table_value(backend: Backend, lang: str) -> dict[str, Any]:
    headers = [t(k, lang) for k in ("col_title", "col_format", "col_units", "col_warnings")]
    rows = [
        [d.title if d.title == d.doc_id else f"{d.title}（{d.doc_id}）", d.fmt, d.units, len(d.warnings)]
        for d in backend.documents()
    ]
    return {"headers": headers, "data": rows}


def row_document(backend: Backend, evt: gr.SelectData) -> Any:
    """Selecting a row of the table picks that document."""
    index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
    documents = backend.documents()
    if isinstance(index, int) and 0 <= index < len(documents):
        return gr.update(value=documents[index].doc_id)
    return gr.update()


def viewer_placeholder(lang: str) -> str:
    """The empty clause viewer of this page (there are no answers here to click)."""
    return clause_placeholder(lang, t("doc_clause_hint", lang))


def show_document(backend: Backend, doc_id: str | None, lang: str) -> tuple[str, str, str]:
    """The clause tree and parse warnings of one document, and an empty clause viewer."""
    if not doc_id:
        return "", "", viewer_placeholder(lang)
    entry = next((d for d in backend.documents() if d.doc_id == doc_id), None)
    if entry is None:
        return "", "", viewer_placeholder(lang)
    return (
        clause_tree_html(backend.clauses(doc_id), lang),
        warnings_html(entry.warnings, lang),
        viewer_placeholder(lang),
    )


def open_clause(backend: Backend, lang: str, evt: gr.EventData) -> str:
    data = getattr(evt, "_data", None) or {}
    doc = data.get("doc")
    try:
        ordinal = int(data.get("ordinal"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return viewer_placeholder(lang)
    if data.get("page"):
        return pdf_html(backend, str(doc), ordinal, lang)
    view = backend.clause(str(doc), ordinal)
    return clause_html(view, (), lang) if view else clause_placeholder(lang, t("clause_missing", lang))
