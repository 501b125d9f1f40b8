"""The Gradio app: question page, documents, quiz and evaluation, and the ``ask`` API.

Usage::

    from rag.settings import Settings
    from ui.app import launch

    launch(Settings.from_env())        # what `rag serve` does; blocks until Ctrl-C

Scripts call the running app with ``gradio_client``::

    from gradio_client import Client
    Client("http://127.0.0.1:7860/").predict("城区人口不到300万的城市还限制落户吗？", api_name="/ask")

which returns exactly the JSON object of ``rag ask --json``.

Safety: the queue limits concurrency and length; uploads are limited to
``settings.max_file_mb`` by Gradio (``max_file_size``) and checked again by type and size before
they are copied into the documents directory; no user-supplied path is ever served
(``allowed_paths`` is not set); all document and model text is escaped (:mod:`ui.render`);
``RAG_UI_USER`` and ``RAG_UI_PASSWORD`` turn on a login.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

import gradio as gr

from rag.pipeline import Pipeline
from rag.settings import Settings
from ui.backend import Backend, NoIndexError
from ui.chat import ChatPage, build_chat, relabel
from ui.documents import DocumentsPage, build_documents, table_value
from ui.evaluation import build_evaluation
from ui.i18n import LANG_CHOICES, normalize_lang, t
from ui.labels import Labels
from ui.quiz import build_quiz_page
from ui.render import esc
from ui.style import CSS, theme

log = logging.getLogger(__name__)

QUEUE_CONCURRENCY = 2  # two cores: more parallel answers only queue inside torch
QUEUE_MAX_SIZE = 64
CACHE_LIFETIME = (3600, 3600)  # uploaded temp files are deleted after an hour


def header_html(lang: str) -> str:
    return (
        f'<div id="app-header"><h1>{esc(t("title", lang))}</h1>'
        f'<span class="sub">{esc(t("subtitle", lang))}</span></div>'
    )


def ask_json(backend: Backend, question: str) -> dict[str, Any]:
    """Answer a question; returns exactly the JSON object printed by ``rag ask --json``."""
    try:
        return backend.ask(question)
    except NoIndexError as exc:
        raise gr.Error(f"no index: {exc}") from exc
    except ValueError as exc:
        raise gr.Error(str(exc)) from exc


def build_app(settings: Settings, pipeline: Pipeline | None = None, *, backend: Backend | None = None) -> gr.Blocks:
    """The app's Blocks (not launched); ``pipeline`` defaults to one loaded from ``settings``.

    Args:
        settings: index location, upload limits, host and port.
        pipeline: an already loaded pipeline (tests, notebooks); loaded lazily when None.
        backend: a ready Backend (overrides ``pipeline``).
    """
    backend = backend or Backend(settings, pipeline)
    labels = Labels()
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
                chat: ChatPage = build_chat(backend, labels, lang)
            with gr.Tab(t("tab_docs"), id="docs", elem_id="tab-docs") as tab_docs:
                docs: DocumentsPage = build_documents(backend, labels, lang, chat.doc_filter)
            with gr.Tab(t("tab_quiz"), id="quiz", elem_id="tab-quiz") as tab_quiz:
                build_quiz_page(backend, labels, lang)
            with gr.Tab(t("tab_eval"), id="eval", elem_id="tab-eval") as tab_eval:
                build_evaluation(backend, labels, lang)
        for tab, key in (
            (tab_chat, "tab_chat"),
            (tab_docs, "tab_docs"),
            (tab_quiz, "tab_quiz"),
            (tab_eval, "tab_eval"),
        ):
            labels.add(tab, label=key)

        def switch_language(choice: str, turns: Any, opened: Any) -> list[Any]:
            new = normalize_lang(choice)
            transcript, clause = relabel(turns, opened, backend, new)
            return [new, header_html(new), transcript, clause, table_value(backend, new), *labels.updates(new)]

        switch.change(
            switch_language,
            [switch, chat.turns, chat.opened],
            [lang, header, chat.transcript, chat.clause, docs.table, *labels.components],
            api_visibility="private",
            queue=False,
        )

        def on_load(current: str) -> list[Any]:
            # Another session may have uploaded or removed documents since this page was built.
            choices = backend.doc_choices()
            return [
                gr.update(choices=choices),
                table_value(backend, current),
                gr.update(choices=choices),
                gr.update(choices=choices),
            ]

        demo.load(on_load, [lang], [chat.doc_filter, docs.table, docs.pick, docs.remove_pick], api_visibility="private")

        def ask(question: str) -> dict[str, Any]:
            """Answer a question over the indexed documents; the JSON object of `rag ask --json`."""
            return ask_json(backend, question)

        gr.api(ask, api_name="ask", concurrency_id="answer")
    demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return demo


def auth_from_env(env: Mapping[str, str] | None = None) -> Callable[[str, str], bool] | None:
    """A login check when RAG_UI_USER and RAG_UI_PASSWORD are both set; None when neither is.

    Raises:
        ValueError: only one of the two is set.
    """
    env = os.environ if env is None else env
    user, password = env.get("RAG_UI_USER", ""), env.get("RAG_UI_PASSWORD", "")
    if not user and not password:
        return None
    if not (user and password):
        raise ValueError("set both RAG_UI_USER and RAG_UI_PASSWORD to require a login, or neither")

    def check(given_user: str, given_password: str) -> bool:
        ok_user = hmac.compare_digest(given_user.encode(), user.encode())
        ok_password = hmac.compare_digest(given_password.encode(), password.encode())
        return ok_user and ok_password

    return check


def launch_options(settings: Settings, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The keyword arguments of ``Blocks.launch`` for these settings."""
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "max_file_size": int(settings.max_file_mb * 2**20),
        "auth": auth_from_env(env),
        "auth_message": "policy-rag",
        "theme": theme(),
        "css": CSS,
        "show_error": True,
        "ssr_mode": False,
        "footer_links": ["api"],
        "favicon_path": None,
    }


def start(settings: Settings, pipeline: Pipeline | None = None, **overrides: Any) -> tuple[gr.Blocks, str]:
    """Build and start the app without blocking; returns it and its local URL."""
    options = {**launch_options(settings), **overrides, "prevent_thread_lock": True}  # bad login env fails first
    backend = Backend(settings, pipeline)
    try:
        backend.pipeline()  # load the model and the index now, not on the first question
    except NoIndexError as exc:
        log.warning("starting without an index: %s", exc)
    demo = build_app(settings, backend=backend)
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
