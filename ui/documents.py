"""The documents page: what is indexed, a document's clause tree, upload and removal."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from rag.index.build import BuildReport
from ui.auth import Access
from ui.backend import ALLOWED_SUFFIXES, Backend, BusyError, ProgressFn, UnitsFn, UploadResult
from ui.builds import BuildStatus, worker_for
from ui.chat import NAV_JS, nav_js, pdf_html
from ui.i18n import t
from ui.kb_backends import Backends
from ui.labels import Labels
from ui.meta_editor import build_meta_editor, wire_meta_editor
from ui.reasons import reason_text
from ui.render import clause_html, clause_placeholder, clause_tree_html, esc, warnings_html

log = logging.getLogger(__name__)

# How often an open documents page asks for the progress of a background build (seconds): often
# enough for a moving count, one small request per open page while a build runs.
POLL_SECONDS = 1.0
_STEP = {"copy": "copying", "index": "indexing", "reload": "reloading"}


@dataclass
class DocumentsPage:
    table: gr.Dataframe
    pick: gr.Dropdown
    remove_pick: gr.Dropdown
    tree: gr.HTML
    warnings: gr.HTML
    viewer: gr.HTML
    status: gr.HTML
    outputs: tuple[Any, ...] = ()  # what a refresh updates (the first argument set of ``refresh``)
    changed: tuple[Any, ...] = ()  # the events after which the documents may have changed (the build poll)
    timer: Any = None  # polls a running build; ``load_status`` turns it on


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


def report_lines(report: BuildReport, lang: str) -> list[str]:
    lines = [
        t(
            "indexed",
            lang,
            documents=report.documents,
            units=report.units,
            added=len(report.added),
            changed=len(report.changed),
            removed=len(report.removed),
            seconds=report.seconds,
        )
    ]
    lines += [
        t("skipped", lang, source=Path(s.source).name, reason=reason_text(s.reason, lang)) for s in report.skipped
    ]
    return lines


def upload_lines(result: UploadResult, lang: str) -> list[str]:
    lines = [
        t(key, lang, name=name, **{k: reason_text(str(v), lang) if k == "reason" else v for k, v in values.items()})
        for name, key, values in result.rejected
    ]
    lines += [t("replaced", lang, name=name) for name in result.replaced]
    if result.report is not None:
        lines += report_lines(result.report, lang)
    return lines


def status_html(lines: Sequence[str], kind: str = "info") -> str:
    if not lines:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'<div class="msg-box {esc(kind)}"><ul>{items}</ul></div>'


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


def _duration(seconds: float, lang: str) -> str:
    if seconds >= 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return t("build_seconds", lang, seconds=seconds)


def progress_lines(status: BuildStatus, lang: str, now: float | None = None) -> list[str]:
    """The lines of a running build: its step, units embedded / total, units/s and the time left."""
    elapsed = (time.monotonic() if now is None else now) - status.started
    p = status.progress
    lines = [t("build_step", lang, step=t(_STEP.get(p.step, p.step), lang))]
    if p.total:
        units = t("build_units", lang, done=p.done, total=p.total)
        if p.rate and p.eta is not None:
            units += "，" if lang == "zh" else ", "
            units += t("build_rate", lang, rate=p.rate, eta=_duration(p.eta, lang))
        lines.append(units)
    lines.append(t("build_elapsed", lang, seconds=elapsed))
    return lines


def result_lines(status: BuildStatus, lang: str) -> tuple[list[str], str]:
    """The lines and box kind of a finished build: what it changed, or why it failed."""
    if status.state == "failed":
        if status.error == "busy":
            return [t("busy", lang)], "warn"
        if status.error == "not_in_docs":
            return [t("not_in_docs", lang, **status.error_values)], "warn"
        head = {"upload": "upload_failed", "remove": "remove_failed", "reindex": "reindex_failed"}[status.kind]
        return [t(head, lang), t(status.error, lang, **status.error_values)], "error"
    result = status.result
    if isinstance(result, UploadResult):
        kind = "warn" if result.rejected or (result.report and result.report.skipped) else "ok"
        return upload_lines(result, lang), kind
    assert isinstance(result, BuildReport)
    first = [t("removed_doc", lang, name=status.target)] if status.kind == "remove" else [t("reindex_done", lang)]
    return [*first, *report_lines(result, lang)], "warn" if result.skipped else "ok"


def build_status_html(status: BuildStatus | None, lang: str) -> str:
    """The status box of an index's background build: progress while it runs, then its result."""
    if status is None:
        return ""
    if status.running:
        return status_html(progress_lines(status, lang), "info building")
    lines, kind = result_lines(status, lang)
    return status_html(lines, kind)


def load_status(backend: Backend, lang: str) -> tuple[str, Any]:
    """The status box and the poll timer for a page opened while a build of ``backend`` runs."""
    status = worker_for(backend).status()
    running = status is not None and status.running
    return (build_status_html(status, lang) if running else ""), gr.Timer(active=running)


def build_documents(
    backend: Backend,
    labels: Labels,
    lang: gr.State,
    doc_filter: gr.Dropdown,
    access: Access | None = None,
    backends: Backends | None = None,
    kb: gr.Dropdown | None = None,
) -> DocumentsPage:
    """The documents page's components and events (inside an open ``gr.Blocks``).

    Upload and removal are for editors and admins (checked again in every handler); without any
    account they are disabled and the page says an admin account is needed. With ``backends``
    and ``kb`` the page works on the knowledge base ``kb`` names (uploads go to its own folder);
    the chat's document filter is then refreshed by the app, which knows the chat's KB.
    """

    def backend_of(key: str | None) -> Backend:
        if backends is None:
            return backend
        try:
            return backends.get(key)
        except KeyError:
            return backends.default

    access = access or Access({})
    editing = access.enabled
    mb = backend.settings.max_file_mb
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            table = labels.add(
                gr.Dataframe(
                    value=table_value(backend, "zh"),
                    label=t("docs_table"),
                    interactive=False,
                    wrap=True,
                    elem_id="docs-table",
                ),
                label="docs_table",
            )
            refresh_btn = labels.add(gr.Button(t("refresh"), size="sm", elem_id="docs-refresh"), value="refresh")
            pick = labels.add(
                gr.Dropdown(choices=backend.doc_choices(), value=None, label=t("pick_doc"), elem_id="doc-pick"),
                label="pick_doc",
            )
            meta = build_meta_editor(labels)
            warnings = gr.HTML("", elem_id="doc-warnings")
            tree = gr.HTML("", js_on_load=nav_js("doc-clause-col"), elem_id="doc-tree", max_height=560)
        with gr.Column(scale=2, min_width=320, elem_id="doc-clause-col"):
            labels.add(gr.Markdown(f"### {t('clause_panel')}"), value="clause_panel")
            viewer = gr.HTML(viewer_placeholder("zh"), js_on_load=NAV_JS, elem_id="doc-clause")
    with gr.Row(equal_height=False):
        with gr.Column():
            labels.add(gr.Markdown(f"### {t('upload')}"), value="upload")
            if not editing:
                labels.add(gr.Markdown(t("need_admin"), elem_id="need-admin"), value="need_admin")
            labels.add(gr.Markdown(t("upload_hint", mb=f"{mb:g}")), values={"mb": f"{mb:g}"}, value="upload_hint")
            files = labels.add(
                gr.File(
                    file_count="multiple",
                    file_types=list(ALLOWED_SUFFIXES),
                    label=t("upload_files"),
                    elem_id="upload-files",
                ),
                label="upload_files",
            )
            replace_box = labels.add(
                gr.Checkbox(False, label=t("replace_existing"), elem_id="upload-replace", interactive=editing),
                label="replace_existing",
            )
            send = labels.add(
                gr.Button(t("upload_btn"), variant="primary", elem_id="upload-btn", interactive=editing),
                value="upload_btn",
            )
        with gr.Column():
            labels.add(gr.Markdown(f"### {t('remove')}"), value="remove")
            remove_pick = labels.add(
                gr.Dropdown(choices=backend.doc_choices(), value=None, label=t("remove_pick"), elem_id="remove-pick"),
                label="remove_pick",
            )
            confirm = labels.add(
                gr.Checkbox(False, label=t("remove_confirm"), elem_id="remove-confirm"), label="remove_confirm"
            )
            drop = labels.add(
                gr.Button(t("remove_btn"), variant="stop", elem_id="remove-btn", interactive=editing),
                value="remove_btn",
            )
            reindex_btn = labels.add(
                gr.Button(t("reindex_btn"), size="sm", elem_id="reindex-btn", interactive=editing),
                value="reindex_btn",
            )
    status = gr.HTML("", elem_id="docs-status")

    filter_out = doc_filter if backends is None else gr.State([])
    outputs = [status, table, pick, remove_pick, filter_out, tree, warnings, viewer]
    kb_in = kb if kb is not None else gr.State(None)

    timer = gr.Timer(POLL_SECONDS, active=False)

    def polling(backend: Backend) -> Any:
        status = worker_for(backend).status()
        return gr.Timer(active=status is not None and status.running)

    def on_upload(
        files: Sequence[str] | None, replace: bool, lang: str, kb: str | None, request: gr.Request
    ) -> tuple[Any, ...]:
        allowed = access.can_edit(request.username if request else None)
        b = backend_of(kb)
        before = _job_id(b)
        out = upload(b, files, lang, replace=replace, allowed=allowed)
        started = _job_id(b) != before
        # The chosen files stay selected unless the build started with them (a refusal loses nothing).
        return (*out, polling(b), None if started else gr.update(), False if started else gr.update())

    def on_remove(
        doc_id: str | None, confirmed: bool, lang: str, kb: str | None, request: gr.Request
    ) -> tuple[Any, ...]:
        allowed = access.can_edit(request.username if request else None)
        b = backend_of(kb)
        before = _job_id(b)
        out = remove(b, doc_id, confirmed, lang, allowed=allowed)
        return (*out, polling(b), False if _job_id(b) != before else gr.update())

    def on_reindex(lang: str, kb: str | None, request: gr.Request) -> tuple[Any, ...]:
        allowed = access.can_edit(request.username if request else None)
        b = backend_of(kb)
        return (*reindex(b, lang, allowed=allowed), polling(b))

    send.click(
        on_upload, [files, replace_box, lang, kb_in], [*outputs, timer, files, replace_box], api_visibility="private"
    )
    drop.click(
        on_remove, [remove_pick, confirm, lang, kb_in], [*outputs, timer, confirm], api_visibility="private"
    )
    reindex_btn.click(on_reindex, [lang, kb_in], [*outputs, timer], api_visibility="private")

    def on_tick(lang: str, kb: str | None) -> tuple[Any, ...]:
        """While the build runs only the status box changes; when it is done the whole page."""
        b = backend_of(kb)
        status = worker_for(b).status()
        if status is not None and status.running:
            return (build_status_html(status, lang), *[gr.update() for _ in outputs[1:]], gr.Timer(active=True))
        return (*_refreshed(b, lang, build_status_html(status, lang)), gr.Timer(active=False))

    ticked = timer.tick(on_tick, [lang, kb_in], [*outputs, timer], api_visibility="private", queue=False)

    def on_refresh(lang: str, kb: str | None) -> tuple[Any, ...]:
        b = backend_of(kb)
        status = worker_for(b).status()
        shown = build_status_html(status, lang) if status is not None and status.running else ""
        return (*_refreshed(b, lang, shown), polling(b))

    refresh_btn.click(on_refresh, [lang, kb_in], [*outputs, timer], api_visibility="private")

    def on_row(kb: str | None, evt: gr.SelectData) -> Any:  # a partial would hide the SelectData annotation
        return row_document(backend_of(kb), evt)

    table.select(on_row, [kb_in], pick, api_visibility="private")

    def on_pick(doc_id: str | None, lang: str, kb: str | None) -> tuple[str, str, str]:
        return show_document(backend_of(kb), doc_id, lang)

    pick.change(on_pick, [pick, lang, kb_in], [tree, warnings, viewer], api_visibility="private")

    def on_nav(lang: str, kb: str | None, evt: gr.EventData) -> str:  # a partial would hide the EventData annotation
        return open_clause(backend_of(kb), lang, evt)

    tree.click(on_nav, [lang, kb_in], viewer, api_visibility="private")
    viewer.click(on_nav, [lang, kb_in], viewer, api_visibility="private")

    # Metadata (admins edit it): a saved title or kind shows in the table and the chat's filter.
    saved = wire_meta_editor(meta, backend_of, access, lang, pick, kb_in).then(
        lambda lang, kb: table_value(backend_of(kb), lang), [lang, kb_in], table, api_visibility="private"
    )
    return DocumentsPage(
        table, pick, remove_pick, tree, warnings, viewer, status, tuple(outputs), (ticked, saved), timer
    )
