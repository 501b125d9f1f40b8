"""The documents page: what is indexed, a document's clause tree, upload and removal."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui.auth import Access
from ui.backend import ALLOWED_SUFFIXES, Backend
from ui.builds import worker_for
from ui.chat_js import NAV_JS, nav_js
from ui.doc_actions import _job_id, _refreshed, refresh, reindex, remove, upload
from ui.doc_status import (
    build_status_html,
    load_status,
    progress_lines,
    report_lines,
    result_lines,
    status_html,
    upload_lines,
)
from ui.doc_view import open_clause, row_document, show_document, table_value, viewer_placeholder
from ui.i18n import t
from ui.kb_backends import Backends
from ui.labels import Labels
from ui.meta_editor import build_meta_editor, wire_meta_editor

# The old home of the page's helpers: other modules and tests import them from here.
__all__ = [
    "POLL_SECONDS",
    "DocumentsPage",
    "build_documents",
    "build_status_html",
    "load_status",
    "open_clause",
    "progress_lines",
    "refresh",
    "reindex",
    "remove",
    "report_lines",
    "result_lines",
    "row_document",
    "show_document",
    "status_html",
    "table_value",
    "upload",
    "upload_lines",
    "viewer_placeholder",
]

log = logging.getLogger(__name__)

# How often an open documents page asks for the progress of a background build (seconds): often
# enough for a moving count, one small request per open page while a build runs.
POLL_SECONDS = 1.0


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
