"""Feedback on answers in the chat, and the admins' feedback page.

In the chat, each answer has 👍 / 👎 / "引用有误" buttons (:func:`ui.render.feedback_bar`). A
click stores the feedback at once — with the question, the answer JSON, the index version and
the user — and opens a comment box under the conversation to add an optional note to it.

The feedback page (admins only, by the roles of :mod:`ui.auth`; checked in every handler, and
the tab is shown only to admins) lists the feedback, filtered by kind and knowledge base, and
exports it as gold questions for ``rag eval`` (:func:`ui.feedback.write_gold`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui.auth import Access
from ui.backend import NoIndexError
from ui.chat import ChatPage
from ui.feedback import KINDS, Feedback, FeedbackStore, IndexVersion, index_version, write_gold
from ui.history import answer_json
from ui.history_page import user_of
from ui.i18n import t
from ui.kb_backends import Backends
from ui.labels import Labels
from ui.render import snippet
from ui.scratch import scratch_dir
from ui.turns import Turn

log = logging.getLogger(__name__)

COLUMN_WIDTHS: list[str | int] = ["12%", "7%", "9%", "7%", "22%", "25%", "11%", "7%"]
KIND_KEYS = {"up": "fb_up", "down": "fb_down", "wrong_citation": "fb_wrong"}


def kind_choices(lang: str = "zh") -> list[tuple[str, str]]:
    return [(t("fb_all", lang), "")] + [(t(KIND_KEYS[k], lang), k) for k in KINDS]


def give_feedback(
    store: FeedbackStore, backends: Backends, user: str, kb: str | None, turns: list[Turn] | None, index: int, kind: str
) -> int:
    """Store feedback of ``kind`` on answer ``index`` of the conversation; returns its id.

    Raises:
        IndexError: no answer at that position.
        ValueError: an unknown kind.
        KeyError: an unknown knowledge base.
    """
    turns = turns or []
    if not 0 <= index < len(turns) or turns[index].answer is None:
        raise IndexError(f"no answer number {index} in this conversation of {len(turns)} turns")
    turn = turns[index]
    assert turn.answer is not None
    backend = backends.get(kb)
    kb_id = backends.registry.get(kb).id
    try:
        version = index_version(backend.pipeline().index.manifest)
    except NoIndexError:
        version = IndexVersion("", "")  # the index went away since the answer: version unknown
    return store.add(user, kb_id, kind, turn.asked, turn.question, answer_json(turn.answer), version)


def rows_value(rows: list[Feedback], names: dict[str, str], lang: str) -> dict[str, Any]:
    headers = [t(k, lang) for k in ("fb_col_time", "fb_col_user", "fb_col_kb", "fb_col_kind", "fb_col_question",
                                    "fb_col_answer", "fb_col_comment", "fb_col_index")]
    data = [
        [r.created.replace("T", " ")[:19], r.user or "—", names.get(r.kb, r.kb), t(KIND_KEYS[r.kind], lang),
         r.question, snippet(str(r.answer.get("answer", "")), 50), r.comment, r.index.built.replace("T", " ")[:19]]
        for r in rows
    ]
    return {"headers": headers, "data": data}


def admin_rows(
    store: FeedbackStore, access: Access, username: str | None, kind: str | None, kb: str | None
) -> list[Feedback] | None:
    """The feedback an admin asked for (kind and KB "" for all); None for anyone who is not an admin."""
    if not access.can_admin(username):
        return None
    return store.list(kind=kind or None, kb=kb or None)


@dataclass
class FeedbackPage:
    tab: gr.Tab
    table: gr.Dataframe


def build_feedback_chat(
    store: FeedbackStore, backends: Backends, chat: ChatPage, labels: Labels, lang: gr.State
) -> None:
    """The comment box under the conversation and the handler of the feedback buttons."""
    pending = gr.State(None)  # the id of the feedback the comment box is for
    with gr.Group(visible=False, elem_id="feedback-box") as box:
        note = gr.Markdown("", elem_id="feedback-note")
        comment = labels.add(gr.Textbox(label=t("fb_comment"), lines=2, max_lines=6, elem_id="feedback-comment"),
                             label="fb_comment")
        with gr.Row():
            save = labels.add(gr.Button(t("fb_save"), size="sm", variant="primary", elem_id="feedback-save"),
                              value="fb_save")
            close = labels.add(gr.Button(t("fb_close"), size="sm", elem_id="feedback-close"), value="fb_close")
    kb_input = chat.kb if chat.kb is not None else gr.State(None)

    def on_click(turns: list[Turn] | None, kb: str | None, lang: str, request: gr.Request,
                 evt: gr.EventData) -> tuple[Any, ...]:
        data = getattr(evt, "_data", None) or {}
        kind = data.get("feedback")
        if kind is None:
            return gr.update(), gr.update(), gr.update(), gr.update()  # a citation click
        try:
            fid = give_feedback(store, backends, user_of(request), kb, turns, int(data.get("turn", -1)), str(kind))
        except (IndexError, ValueError, KeyError) as exc:
            log.info("feedback refused: %s", exc)
            gr.Warning(t("fb_refused", lang))
            return gr.update(), gr.update(), gr.update(), gr.update()
        gr.Info(t("fb_thanks", lang))
        label = t(KIND_KEYS[str(kind)], lang)
        return fid, gr.update(visible=True), t("fb_given", lang, n=int(data["turn"]) + 1, kind=label), ""

    chat.transcript.click(on_click, [chat.turns, kb_input, lang], [pending, box, note, comment],
                          api_visibility="private", queue=False)

    def on_save(fid: int | None, text: str, lang: str, request: gr.Request) -> tuple[Any, ...]:
        if fid is None:
            return gr.update(visible=False), None
        try:
            store.set_comment(int(fid), user_of(request), text or "")
        except (KeyError, ValueError) as exc:
            log.info("comment refused: %s", exc)
            gr.Warning(t("fb_comment_refused", lang))
            return gr.update(), fid
        gr.Info(t("fb_comment_saved", lang))
        return gr.update(visible=False), None

    save.click(on_save, [pending, comment, lang], [box, pending], api_visibility="private", queue=False)
    close.click(lambda: (gr.update(visible=False), None), None, [box, pending], api_visibility="private", queue=False)


def build_feedback_page(
    demo: gr.Blocks, store: FeedbackStore, backends: Backends, access: Access, labels: Labels, lang: gr.State
) -> FeedbackPage:
    """The admins' feedback tab (inside ``demo``'s ``gr.Tabs``)."""
    with gr.Tab(t("tab_feedback"), id="feedback", elem_id="tab-feedback", visible=False) as tab:
        labels.add(tab, label="tab_feedback")
        labels.add(gr.Markdown(t("fb_intro")), value="fb_intro")
        with gr.Row(equal_height=False, elem_classes="kb-row"):
            kind = gr.Dropdown(choices=kind_choices(), value="", label=t("fb_kind"), elem_id="fb-kind")
            labels.add_props(kind, lambda lang: {"label": t("fb_kind", lang), "choices": kind_choices(lang)})
            kb = labels.add(gr.Dropdown(choices=[(t("fb_all"), ""), *backends.choices()], value="", label=t("kb"),
                                        elem_id="fb-kb"), label="kb")
            refresh = labels.add(gr.Button(t("refresh"), size="sm", elem_id="fb-refresh"), value="refresh")
            export = labels.add(gr.Button(t("fb_export"), size="sm", variant="primary", elem_id="fb-export"),
                                value="fb_export")
        status = gr.HTML("", elem_id="fb-status")
        table = gr.Dataframe(value=rows_value([], {}, "zh"), interactive=False, wrap=True, elem_id="fb-table",
                             label=t("fb_table"), column_widths=COLUMN_WIDTHS)
        labels.add(table, label="fb_table")
        download = gr.File(label=t("fb_export_file"), visible=False, interactive=False, elem_id="fb-file")
        labels.add(download, label="fb_export_file")

    def names() -> dict[str, str]:
        return {k.id: k.name for k in backends.knowledge_bases()}

    def listed(kind: str | None, kb: str | None, lang: str, request: gr.Request) -> tuple[Any, Any]:
        rows = admin_rows(store, access, request.username if request else None, kind, kb)
        if rows is None:
            return rows_value([], {}, lang), _box(t("fb_admin_only", lang), "error")
        return rows_value(rows, names(), lang), _box(t("fb_count", lang, n=len(rows)), "info")

    def exported(kind: str | None, kb: str | None, lang: str, request: gr.Request) -> tuple[Any, Any]:
        rows = admin_rows(store, access, request.username if request else None, kind, kb)
        if rows is None:
            return gr.update(value=None, visible=False), _box(t("fb_admin_only", lang), "error")
        if not rows:
            return gr.update(value=None, visible=False), _box(t("fb_none", lang), "warn")
        path = scratch_dir("feedback-") / "feedback-gold.jsonl"
        count = write_gold(rows, path)
        return gr.update(value=str(path), visible=True), _box(t("fb_exported", lang, n=count), "ok")

    for trigger in (refresh.click, kind.change, kb.change):
        trigger(listed, [kind, kb, lang], [table, status], api_visibility="private")
    export.click(exported, [kind, kb, lang], [download, status], api_visibility="private")

    def on_load(lang: str, request: gr.Request) -> tuple[Any, ...]:
        admin = access.can_admin(request.username if request else None)
        if not admin:
            return gr.update(visible=False), gr.update(), gr.update(), gr.update()
        rows = store.list()
        count = _box(t("fb_count", lang, n=len(rows)), "info")
        return (gr.update(visible=True), rows_value(rows, names(), lang), count,
                gr.update(choices=[(t("fb_all", lang), ""), *backends.choices()]))

    demo.load(on_load, [lang], [tab, table, status, kb], api_visibility="private")
    return FeedbackPage(tab, table)


def _box(text: str, kind: str) -> str:
    from ui.documents import status_html

    return status_html([text], kind)
