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
(``allowed_paths`` is not set); all document and model text is escaped (:mod:`ui.render`).
Roles (:mod:`ui.auth`): accounts from ``RAG_USERS_FILE`` or ``RAG_UI_USER``/``RAG_UI_PASSWORD``
turn on a rate-limited login; readers ask, editors and admins also upload and remove; with no
account the app reads only, on localhost only. Internal error text never reaches the client
(``show_error`` is off; known errors become Chinese messages).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Mapping
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from rag.pipeline import Pipeline
from rag.settings import Settings
from ui.auth import Access, ClientAddressMiddleware
from ui.backend import Backend, NoIndexError
from ui.chat import ChatPage, build_chat, relabel
from ui.documents import DocumentsPage, build_documents, show_document, table_value
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


# Gradio's own words (the file drop zone, toasts, "Loading…") follow Gradio's locale, which it takes
# from the browser; the interface language is the app's own switch. This keeps the two the same:
# Gradio's front end exports ``changeLocale`` from its core module (its settings page uses it), so
# the page imports that module (already loaded: same instance) and sets the locale on load and on
# every switch. If a Gradio release moves it, nothing breaks: Gradio's words stay in the
# browser's language.
LOCALE_JS = """
() => {
  window.ragGradioLocale = async (lang) => {
    const want = lang === 'en' ? 'en' : 'zh-CN';
    const core = /\\/assets\\/core-[^\\/]*\\.js$/;
    try {
      const url = performance.getEntriesByType('resource').map((e) => e.name).find((n) => core.test(n));
      if (!url) return;
      const mod = await import(url);
      if (typeof mod.changeLocale === 'function') mod.changeLocale(want);
    } catch (e) { console.warn('policy-rag: cannot set the Gradio locale', e); }
  };
  window.ragGradioLocale('zh');
}
"""
SET_LOCALE_JS = "(choice) => { if (window.ragGradioLocale) window.ragGradioLocale(choice); return [choice]; }"


def header_html(lang: str) -> str:
    return (
        f'<div id="app-header"><h1>{esc(t("title", lang))}</h1>'
        f'<span class="sub">{esc(t("subtitle", lang))}</span></div>'
    )


def ask_json(backend: Backend, question: Any) -> dict[str, Any]:
    """Answer a question; returns exactly the JSON object printed by ``rag ask --json``.

    Errors reach the client as short Chinese messages, never as internal exception text.
    """
    if not isinstance(question, str) or not question.strip():
        raise gr.Error("请提供文字形式的问题。", title=t("error_title"))
    try:
        return backend.ask(question)
    except NoIndexError as exc:
        log.warning("ask without an index: %s", exc)
        raise gr.Error("还没有可用的索引，请管理员先建立索引。", title=t("error_title")) from None
    except ValueError as exc:
        log.info("ask refused: %s", exc)
        raise gr.Error("无法回答这个问题：问题或文件范围无效。", title=t("error_title")) from None
    except Exception:
        log.exception("ask failed")
        raise gr.Error("内部错误，请稍后再试。", title=t("error_title")) from None


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
                docs: DocumentsPage = build_documents(backend, labels, lang, chat.doc_filter, access)
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
            # Another session may have uploaded or removed documents since this page was built.
            choices = backend.doc_choices()
            return [
                gr.update(choices=choices),
                table_value(backend, current),
                gr.update(choices=choices),
                gr.update(choices=choices),
            ]

        demo.load(on_load, [lang], [chat.doc_filter, docs.table, docs.pick, docs.remove_pick], api_visibility="private")

        def ask(question: str, request: gr.Request) -> dict[str, Any]:
            """Answer a question over the indexed documents; the JSON object of `rag ask --json`."""
            if not access.can_ask(request.username if request else None):
                raise gr.Error("请先登录。", title=t("error_title"))
            return ask_json(backend, question)

        gr.api(ask, api_name="ask", concurrency_id="answer")
    demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return demo


def auth_from_env(env: Mapping[str, str] | None = None) -> Callable[[str, str], bool] | None:
    """The login check of the accounts in the environment (``RAG_UI_USER``/``RAG_UI_PASSWORD``); None without.

    Raises:
        ValueError: only one of the two is set.
    """
    access = Access.from_settings(None, env)
    return access.login if access.enabled else None


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def launch_options(
    settings: Settings, env: Mapping[str, str] | None = None, access: Access | None = None
) -> dict[str, Any]:
    """The keyword arguments of ``Blocks.launch`` for these settings.

    Raises:
        ValueError: no account is configured but the host is not a loopback address (the app
            would be open to the network), or the accounts are misconfigured.
    """
    access = access or Access.from_settings(settings.users_file, env)
    if not access.enabled and not _loopback(settings.host):
        raise ValueError(
            f"serving on {settings.host} needs accounts: set RAG_USERS_FILE (or RAG_UI_USER and "
            "RAG_UI_PASSWORD); without accounts the app is served on 127.0.0.1 only"
        )
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "max_file_size": int(settings.max_file_mb * 2**20),
        "auth": access.login if access.enabled else None,
        "auth_message": "policy-rag",
        "theme": theme(),
        "css": CSS,
        "show_error": False,  # internal exception text stays in the log; gr.Error messages still show
        "ssr_mode": False,
        "footer_links": [],  # no "Use via API" in the page: the API is documented in the README
        "js": LOCALE_JS,
        "favicon_path": None,
        "app_kwargs": {"middleware": [Middleware(ClientAddressMiddleware)]},  # the login limit needs the address
    }


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
