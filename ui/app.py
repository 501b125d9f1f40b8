"""The Gradio app: question page, documents, quiz and evaluation, and the ``ask`` API.

Usage::

    from rag.settings import Settings
    from ui.app import launch

    launch(Settings.from_env())        # what `rag serve` does; blocks until Ctrl-C

Scripts call the running app with ``gradio_client``::

    from gradio_client import Client
    Client("http://127.0.0.1:7860/").predict("城区人口不到300万的城市还限制落户吗？", api_name="/ask")

which returns exactly the JSON object of ``rag ask --json``; a second argument names a knowledge
base (``predict("问题", "社保", api_name="/ask")``; name or id, default the settings' index).

The app's own data — conversations, feedback, the knowledge-base registry — is in
``<index_dir>/app.sqlite3`` (:mod:`ui.appdb`; docs/app.md).

Editors and admins upload a document
the same way (the file's bytes in base64; the same checks as the upload page, then a re-index)::

    Client(url, auth=("editor", "…")).predict("办法.txt", base64.b64encode(data).decode(), False,
                                              api_name="/upload")
    # {"saved": ["办法.txt"], "replaced": [], "rejected": [], "documents": 12, "units": 3051}

With ``RAG_STORE`` naming a PostgreSQL database shared by several app servers, a document
uploaded through one is answerable through every other (docs/deploy.md).

Safety: the queue limits concurrency and length; uploads are limited to
``settings.max_file_mb`` by Gradio (``max_file_size``) and checked again by type and size before
they are copied into the documents directory; no user-supplied path is ever served
(``allowed_paths`` is not set); all document and model text is escaped (:mod:`ui.render`).
Roles (:mod:`ui.auth`): accounts from ``RAG_USERS_FILE`` or ``RAG_UI_USER``/``RAG_UI_PASSWORD``
turn on a rate-limited login; readers ask, editors and admins also upload and remove; with no
account the app reads only, on localhost only. Internal error text never reaches the client
(``show_error`` is off; known errors become Chinese messages).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import gradio as gr

from rag.pipeline import Pipeline
from rag.settings import Settings
from ui.app_api import ask_json, upload_json
from ui.app_launch import auth_from_env, launch_options
from ui.appdb import app_db_path
from ui.auth import Access
from ui.backend import Backend, NoIndexError
from ui.chat import ChatPage, build_chat, relabel
from ui.documents import DocumentsPage, build_documents, load_status, show_document, table_value
from ui.evaluation import build_evaluation
from ui.feedback import FeedbackStore
from ui.feedback_view import build_feedback_chat, build_feedback_page
from ui.gradio_locale import LOCALE_JS, SET_LOCALE_JS
from ui.history import HistoryStore
from ui.history_page import build_history
from ui.i18n import LANG_CHOICES, normalize_lang, t
from ui.kb_backends import Backends
from ui.kb_page import build_kb_admin, wire_knowledge_bases
from ui.kbs import KbRegistry
from ui.labels import Labels
from ui.quiz import build_quiz_page
from ui.render import esc
from ui.retrieval_page import build_retrieval_page

# The old home of the API, launch and locale names: tests and scripts import them from here.
__all__ = ["LOCALE_JS", "SET_LOCALE_JS", "ask_json", "auth_from_env", "build_app", "header_html", "launch",
           "launch_options", "start", "upload_json"]

log = logging.getLogger(__name__)

QUEUE_CONCURRENCY = 2  # two cores: more parallel answers only queue inside torch
QUEUE_MAX_SIZE = 64
CACHE_LIFETIME = (3600, 3600)  # uploaded temp files are deleted after an hour


def header_html(lang: str) -> str:
    return (
        f'<div id="app-header"><h1>{esc(t("title", lang))}</h1>'
        f'<span class="sub">{esc(t("subtitle", lang))}</span></div>'
    )


def build_app(
    settings: Settings,
    pipeline: Pipeline | None = None,
    *,
    backend: Backend | None = None,
    access: Access | None = None,
    labels: Labels | None = None,
) -> gr.Blocks:
    """The app's Blocks (not launched); ``pipeline`` defaults to one loaded from ``settings``.

    Args:
        settings: index location, upload limits, host and port.
        pipeline: an already loaded pipeline (tests, notebooks); loaded lazily when None.
        backend: a ready Backend (overrides ``pipeline``).
        access: accounts and roles; default from ``settings.users_file`` and the environment.
        labels: the registry of translatable components (a test passes one to inspect it).
    """
    backend = backend or Backend(settings, pipeline)
    access = access or Access.from_settings(settings.users_file)
    labels = labels if labels is not None else Labels()
    db = app_db_path(settings)
    backends = Backends(backend, KbRegistry(db, settings))
    history, feedback = HistoryStore(db), FeedbackStore(db)
    with gr.Blocks(title=t("title"), analytics_enabled=False, delete_cache=CACHE_LIFETIME) as demo:
        lang = gr.State("zh")
        with gr.Row(equal_height=True, elem_id="header-row"):
            header = gr.HTML(header_html("zh"), elem_id="header-html", scale=4)
            switch = gr.Radio(
                choices=LANG_CHOICES,
                value="zh",
                label=t("language"),
                elem_id="lang-switch",
                scale=1,
                min_width=240,
                container=False,
            )
            labels.add(switch, label="language")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab(t("tab_chat"), id="chat", elem_id="tab-chat") as tab_chat:
                chat: ChatPage = build_chat(backend, labels, lang, backends)
                build_feedback_chat(feedback, backends, chat, labels, lang)
                build_history(demo, history, backends, chat, labels, lang)
            with gr.Tab(t("tab_docs"), id="docs", elem_id="tab-docs") as tab_docs:
                kb_admin = build_kb_admin(backends, access, labels)
                docs: DocumentsPage = build_documents(
                    backend, labels, lang, chat.doc_filter, access, backends, kb_admin.kb
                )
            with gr.Tab(t("tab_quiz"), id="quiz", elem_id="tab-quiz") as tab_quiz:
                build_quiz_page(backend, labels, lang)
            with gr.Tab(t("tab_eval"), id="eval", elem_id="tab-eval") as tab_eval:
                build_evaluation(backend, labels, lang)
            with gr.Tab(t("tab_probe"), id="probe", elem_id="tab-probe") as tab_probe:
                probe_kb = build_retrieval_page(backends, labels, lang)
            build_feedback_page(demo, feedback, backends, access, labels, lang)
        wire_knowledge_bases(backends, access, lang, chat, docs, kb_admin, [probe_kb])
        for tab, key in (
            (tab_chat, "tab_chat"),
            (tab_docs, "tab_docs"),
            (tab_quiz, "tab_quiz"),
            (tab_eval, "tab_eval"),
            (tab_probe, "tab_probe"),
        ):
            labels.add(tab, label=key)

        def switch_language(choice: str, turns: Any, opened: Any, picked: str | None) -> list[Any]:
            new = normalize_lang(choice)
            transcript, clause = relabel(turns, opened, backend, new)
            tree, warnings, viewer = show_document(backend, picked, new)
            return [
                new,
                header_html(new),
                transcript,
                clause,
                table_value(backend, new),
                tree,
                warnings,
                viewer,
                *labels.updates(new),
            ]

        switch.change(
            switch_language,
            [switch, chat.turns, chat.opened, docs.pick],
            [lang, header, chat.transcript, chat.clause, docs.table, docs.tree, docs.warnings, docs.viewer,
             *labels.components],
            api_visibility="private",
            queue=False,
        )
        switch.change(None, [switch], None, js=SET_LOCALE_JS, api_visibility="private", queue=False)

        def on_load(current: str) -> list[Any]:
            # Another session may have uploaded or removed documents since this page was built
            # (the chat's filter is refreshed with the conversation the history brings back).
            # A build that is still running shows its progress (the poll timer starts).
            choices = backend.doc_choices()
            return [
                table_value(backend, current), gr.update(choices=choices), gr.update(choices=choices),
                *load_status(backend, current),
            ]

        demo.load(
            on_load, [lang], [docs.table, docs.pick, docs.remove_pick, docs.status, docs.timer],
            api_visibility="private",
        )

        def ask(question: str, request: gr.Request, kb: str = "") -> dict[str, Any]:
            """Answer a question over the documents of knowledge base `kb` (its name or id; empty for the
            default); the JSON object of `rag ask --json`."""
            if not access.can_ask(request.username if request else None):
                raise gr.Error("请先登录。", title=t("error_title"))
            return ask_json(backends, question, kb)

        gr.api(ask, api_name="ask", concurrency_id="answer")

        def upload(name: str, content_base64: str, replace: bool, request: gr.Request) -> dict[str, Any]:
            """Upload one document (editors and admins): its file name and its bytes in base64; `replace`
            replaces a document of the same name. Returns what was saved and rejected."""
            if not access.can_edit(request.username if request else None):
                raise gr.Error("没有上传权限：请以编辑或管理员身份登录。")
            return upload_json(backend, name, content_base64, replace)

        gr.api(upload, api_name="upload", concurrency_id="index")
    demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return demo



def start(settings: Settings, pipeline: Pipeline | None = None, **overrides: Any) -> tuple[gr.Blocks, str]:
    """Build and start the app without blocking; returns it and its local URL."""
    access = Access.from_settings(settings.users_file)
    options = {**launch_options(settings, access=access), **overrides, "prevent_thread_lock": True}
    backend = Backend(settings, pipeline)
    try:
        backend.pipeline()  # load the model and the index now, not on the first question
    except NoIndexError as exc:
        log.warning("starting without an index: %s", exc)
    demo = build_app(settings, backend=backend, access=access)
    _, url, _ = demo.launch(**options)
    return demo, str(url)


def launch(
    settings: Settings, pipeline: Pipeline | None = None, *, announce: Callable[[str], None] | None = None
) -> None:
    """Start the app on ``settings.host:settings.port`` and serve until interrupted."""
    demo, url = start(settings, pipeline, quiet=True)
    if announce is not None:
        announce(url)
    try:
        demo.block_thread()
    finally:
        demo.close()
