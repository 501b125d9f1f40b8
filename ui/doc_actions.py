"""What the documents page's buttons start: upload, removal and re-indexing in the background."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from rag.index.build import BuildReport
from ui.backend import Backend, BusyError, ProgressFn, UnitsFn, UploadResult
from ui.builds import worker_for
from ui.doc_status import build_status_html, status_html
from ui.doc_view import table_value, viewer_placeholder
from ui.i18n import t


def _refreshed(backend: Backend, lang: str, status: str) -> tuple[Any, ...]:
    choices = backend.doc_choices()
    return (
        status,
        table_value(backend, lang),
        gr.update(choices=choices, value=None),
        gr.update(choices=choices, value=None),
        gr.update(choices=choices, value=[]),
        "",
        "",
        viewer_placeholder(lang),
    )


def refresh(backend: Backend, lang: str) -> tuple[Any, ...]:
    return _refreshed(backend, lang, "")


def _job_id(backend: Backend) -> int:
    """The id of the backend's latest background job (0 before the first): a new id means one started."""
    status = worker_for(backend).status()
    return status.id if status is not None else 0


def _started(backend: Backend, lang: str) -> tuple[Any, ...]:
    return _refreshed(backend, lang, build_status_html(worker_for(backend).status(), lang))


def upload(
    backend: Backend,
    files: Sequence[str] | None,
    lang: str,
    *,
    replace: bool = False,
    allowed: bool = True,
) -> tuple[Any, ...]:
    """Start staging, checking, placing and indexing the uploaded files in the background
    (``allowed``: the user's role may edit); returns at once with "正在建立索引…"."""
    if not allowed:
        return _refreshed(backend, lang, status_html([t("no_permission", lang)], "error"))
    if not files:
        return _refreshed(backend, lang, status_html([t("no_files", lang)], "warn"))
    pairs = [(Path(f).name, Path(f)) for f in files]

    def job(step: ProgressFn, units: UnitsFn) -> UploadResult:
        return backend.upload(pairs, step, replace=replace, units=units)

    try:
        worker_for(backend).start("upload", job)
    except BusyError:
        return _refreshed(backend, lang, status_html([t("build_busy", lang)], "warn"))
    return _started(backend, lang)


def remove(
    backend: Backend,
    doc_id: str | None,
    confirmed: bool,
    lang: str,
    *,
    allowed: bool = True,
) -> tuple[Any, ...]:
    """Start deleting the chosen document's file and re-indexing in the background (``allowed``:
    the user's role may edit); returns at once with "正在建立索引…"."""
    if not allowed:
        return _refreshed(backend, lang, status_html([t("no_permission", lang)], "error"))
    if not doc_id or not confirmed:
        return _refreshed(backend, lang, status_html([t("pick_to_remove", lang)], "warn"))
    if not any(d.doc_id == doc_id for d in backend.documents()):
        return _refreshed(backend, lang, status_html([t("not_in_docs", lang, name=doc_id)], "warn"))

    def job(step: ProgressFn, units: UnitsFn) -> BuildReport:
        return backend.remove(doc_id, step, units)

    try:
        worker_for(backend).start("remove", job, target=doc_id)
    except BusyError:
        return _refreshed(backend, lang, status_html([t("build_busy", lang)], "warn"))
    return _started(backend, lang)


def reindex(backend: Backend, lang: str, *, allowed: bool = True) -> tuple[Any, ...]:
    """Start indexing the documents folder again in the background (files changed outside the app)."""
    if not allowed:
        return _refreshed(backend, lang, status_html([t("no_permission", lang)], "error"))
    try:
        worker_for(backend).start("reindex", lambda step, units: backend.reindex(step, units))
    except BusyError:
        return _refreshed(backend, lang, status_html([t("build_busy", lang)], "warn"))
    return _started(backend, lang)
