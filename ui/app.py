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

import base64
import binascii
import ipaddress
import logging
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from rag.pipeline import Pipeline
from rag.settings import Settings
from ui import gradio_words
from ui.appdb import app_db_path
from ui.auth import Access, ClientAddressMiddleware
from ui.backend import Backend, BusyError, NoIndexError
from ui.chat import ChatPage, build_chat, relabel
from ui.documents import DocumentsPage, build_documents, load_status, show_document, table_value
from ui.evaluation import build_evaluation
from ui.feedback import FeedbackStore
from ui.feedback_view import build_feedback_chat, build_feedback_page
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
from ui.style import CSS, theme
from ui.style_appdata import APPDATA_CSS

log = logging.getLogger(__name__)

QUEUE_CONCURRENCY = 2  # two cores: more parallel answers only queue inside torch
QUEUE_MAX_SIZE = 64
CACHE_LIFETIME = (3600, 3600)  # uploaded temp files are deleted after an hour


# Gradio's own words (the file drop zone, toasts, "Loading…") follow Gradio's locale, which it takes
# from the browser; the interface language is the app's own switch. This keeps the two the same:
# Gradio's front end exports ``changeLocale`` from its core module (its settings page uses it), so
# the page imports that module (already loaded: same instance) and sets the locale on load and on
# every switch. If a Gradio release moves it, nothing breaks: Gradio's words stay in the
# browser's language. Widgets already drawn keep the words they were drawn with, and a few words
# are fixed English in Gradio ("processing |"): ui/gradio_words.py rewrites those.
LOCALE_JS = (
    "() => {\n"
    + gradio_words.script()
    + """
  window.ragGradioLocale = async (lang) => {
    const want = lang === 'en' ? 'en' : 'zh-CN';
    const core = /\\/assets\\/core-[^\\/]*\\.js$/;
    try {
      const url = performance.getEntriesByType('resource').map((e) => e.name).find((n) => core.test(n));
      if (url) {
        const mod = await import(url);
        if (typeof mod.changeLocale === 'function') mod.changeLocale(want);
      }
    } catch (e) { console.warn('policy-rag: cannot set the Gradio locale', e); }
    window.ragGradioWords(lang);
  };
  window.ragGradioLocale('zh');
}
"""
)
SET_LOCALE_JS = "(choice) => { if (window.ragGradioLocale) window.ragGradioLocale(choice); return [choice]; }"


def header_html(lang: str) -> str:
    return (
        f'<div id="app-header"><h1>{esc(t("title", lang))}</h1>'
        f'<span class="sub">{esc(t("subtitle", lang))}</span></div>'
    )


def ask_json(backend: Backend | Backends, question: Any, kb: Any = "") -> dict[str, Any]:
    """Answer a question in knowledge base ``kb`` (id or name; "" for the default); returns exactly
    the JSON object printed by ``rag ask --json``.

    Errors reach the client as short Chinese messages, never as internal exception text.
    """
    if not isinstance(question, str) or not question.strip():
        raise gr.Error("请提供文字形式的问题。", title=t("error_title"))
    if kb is not None and not isinstance(kb, str):
        raise gr.Error(f"知识库名称应为文字，收到的是：{kb!r}", title=t("error_title"))
    if isinstance(backend, Backends):
        backends = backend
        try:
            backend = backends.get(kb or None)
        except KeyError:
            known = "、".join(name for name, _ in backends.choices())
            raise gr.Error(f"没有名为“{kb}”的知识库；现有：{known}", title=t("error_title")) from None
    elif kb:
        raise gr.Error(f"没有名为“{kb}”的知识库。", title=t("error_title"))
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


def upload_json(backend: Backend, name: Any, content_base64: Any, replace: Any = False) -> dict[str, Any]:
    """Upload one document given as base64 bytes; the upload page's checks, then a re-index.

    Returns ``{"saved", "replaced", "rejected": [{"name", "reason", …}], "documents", "units"}``.
    Errors reach the client as short Chinese messages, never as internal exception text.
    """
    if not isinstance(name, str) or not name.strip() or not isinstance(content_base64, str):
        raise gr.Error("请提供文件名和 base64 编码的文件内容。")
    limit = backend.settings.max_file_mb
    if len(content_base64) * 3 / 4 / 2**20 > limit:  # refused before decoding anything large
        raise gr.Error(f"文件超过 {limit:g} MB 的上限。")
    try:
        data = base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise gr.Error("文件内容不是有效的 base64。") from None
    with tempfile.TemporaryDirectory(prefix="rag-upload-api-") as folder:
        tmp = Path(folder) / "upload"
        tmp.write_bytes(data)
        try:
            result = backend.upload([(name, tmp)], replace=bool(replace))
        except BusyError:
            raise gr.Error("另一个索引任务正在进行，请稍后再试。") from None
        except Exception:
            log.exception("upload through the API failed")  # the upload changed nothing
            raise gr.Error("上传失败，文件目录未作任何改动。") from None
    report = result.report
    return {
        "saved": result.saved,
        "replaced": result.replaced,
        "rejected": [{"name": n, "reason": key, **{k: str(v) for k, v in values.items()}}
                     for n, key, values in result.rejected],
        "documents": report.documents if report else len(backend.documents()),
        "units": report.units if report else None,
    }


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
        "css": CSS + APPDATA_CSS,
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
