"""The chat page's conversation list: past conversations kept per user, reopened, deleted, exported.

After every answer the whole conversation is saved (:class:`ui.history.HistoryStore`); on page
load the user's most recent conversation comes back, so a reload loses nothing. "清空对话" starts
a new conversation (the old one stays in the list). Users are the login names of
:mod:`ui.auth`; without accounts (localhost only) every browser shares one anonymous history.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui.chat import ChatPage
from ui.export import conversation_docx, conversation_markdown
from ui.history import ConversationInfo, HistoryStore, title_of
from ui.i18n import t
from ui.kb_backends import Backends
from ui.labels import Labels
from ui.render import clause_placeholder, transcript_html
from ui.scratch import scratch_dir
from ui.turns import Turn

log = logging.getLogger(__name__)

ANONYMOUS = ""  # the user of an app without accounts


def user_of(request: gr.Request | None) -> str:
    return (request.username if request is not None else None) or ANONYMOUS


def choices(infos: list[ConversationInfo], names: dict[str, str]) -> list[tuple[str, int]]:
    """Radio choices: "title · KB · date (n)", value the conversation id."""
    return [
        (f"{info.title} · {names.get(info.kb, info.kb)} · {_when(info.updated)}（{info.turns}）", info.id)
        for info in infos
    ]


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


def file_stem(title: str) -> str:
    """A file name from a conversation's title: path separators and control characters removed."""
    stem = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", "_", title).strip(" ._") or "conversation"
    return stem[:40]


@dataclass
class HistoryPanel:
    conversation: gr.State
    listing: gr.Radio


def build_history(
    demo: gr.Blocks, store: HistoryStore, backends: Backends | None, chat: ChatPage, labels: Labels, lang: gr.State
) -> HistoryPanel:
    """The conversation list under the chat (inside ``demo``, in the chat tab)."""
    conversation = gr.State(None)
    # The conversation this browser had open, kept in its own storage: a reload brings that one back,
    # not whichever of the user's conversations another tab or device saved last.
    opened_here = gr.BrowserState(None, storage_key="policy-rag-conversation")
    default_kb = backends.registry.default_id if backends is not None else ""

    def kb_names() -> dict[str, str]:
        return {kb.id: kb.name for kb in backends.knowledge_bases()} if backends is not None else {}

    def listing(user: str, value: int | None = None) -> Any:
        # "loaded": the page has the user's list (scripts and tests wait for it after a load).
        return gr.update(choices=choices(store.list(user), kb_names()), value=value, elem_classes=["loaded"])

    with gr.Accordion(t("history"), open=True, elem_id="history") as accordion:
        labels.add(accordion, label="history")
        listing_radio = labels.add(
            gr.Radio(choices=[], value=None, label=t("history_list"), elem_id="history-list"), label="history_list"
        )
        with gr.Row():
            new_btn = labels.add(gr.Button(t("history_new"), size="sm", elem_id="history-new"), value="history_new")
            md_btn = labels.add(gr.Button(t("export_md"), size="sm", elem_id="export-md"), value="export_md")
            docx_btn = labels.add(gr.Button(t("export_docx"), size="sm", elem_id="export-docx"), value="export_docx")
            confirm = labels.add(gr.Checkbox(False, label=t("history_delete_confirm"), elem_id="history-confirm"),
                                 label="history_delete_confirm")
            delete_btn = labels.add(gr.Button(t("history_delete"), size="sm", variant="stop", elem_id="history-delete"),
                                    value="history_delete")
        download = gr.File(label=t("export_file"), visible=False, interactive=False, elem_id="history-file")
        labels.add(download, label="export_file")

    kb_component = chat.kb if chat.kb is not None else gr.State(default_kb)

    def save(turns: list[Turn] | None, current: int | None, kb: str | None,
             request: gr.Request) -> tuple[Any, Any, Any]:
        """The conversation saved, the list with it chosen, and this browser's record of it — in one
        update: a reload right after the list shows it must find the browser's record changed too (a
        clean-clone CI run reloaded between the two when they were separate steps, and the page brought
        back another test's conversation)."""
        user = user_of(request)
        try:
            saved = store.save(user, current, kb or default_kb, turns or [])
        except KeyError:  # deleted in another tab meanwhile: keep it as a new conversation
            saved = store.save(user, None, kb or default_kb, turns or [])
        except Exception:
            log.exception("saving the conversation failed")  # the answer is shown anyway
            return current, gr.update(), current
        return saved, listing(user, saved), saved

    def remembered(event: Any) -> None:
        """After ``event`` has set the conversation, this browser keeps which one it has open."""
        event.then(lambda value: value, conversation, opened_here, api_visibility="private", queue=False)

    for event in chat.asked:
        event.then(save, [chat.turns, conversation, kb_component], [conversation, listing_radio, opened_here],
                   api_visibility="private", queue=False)

    def fresh(request: gr.Request) -> tuple[Any, Any]:
        return None, listing(user_of(request))

    if chat.cleared is not None:
        remembered(chat.cleared.then(fresh, None, [conversation, listing_radio], api_visibility="private",
                                     queue=False))
    remembered(new_btn.click(lambda lang: (*_cleared(lang), None), [lang],
                             [chat.transcript, chat.turns, chat.clause, chat.opened, conversation],
                             api_visibility="private", queue=False).then(
        fresh, None, [conversation, listing_radio], api_visibility="private", queue=False))
    if chat.kb is not None:
        remembered(chat.kb.input(fresh, None, [conversation, listing_radio], api_visibility="private", queue=False))

    def doc_filter(kb: str | None, docs: tuple[str, ...] = ()) -> Any:
        if backends is None:
            return gr.update()
        try:
            choices = backends.get(kb).doc_choices()
        except KeyError:
            choices = backends.default.doc_choices()
        ids = {v for _, v in choices}
        return gr.update(choices=choices, value=[d for d in docs if d in ids])

    def empty(lang: str, user: str) -> tuple[Any, ...]:
        return (None, [], transcript_html([], lang), clause_placeholder(lang), None, listing(user), gr.update(),
                doc_filter(default_kb))

    def open_one(chosen: int | None, lang: str, request: gr.Request) -> tuple[Any, ...]:
        user = user_of(request)
        if chosen is None:
            return (gr.update(),) * 8
        try:
            found = store.load(user, int(chosen))
        except (KeyError, ValueError):
            gr.Warning(t("history_missing", lang))
            return empty(lang, user)
        turns = list(found.turns)
        known = {k.id for k in backends.knowledge_bases()} if backends is not None else set()
        kb = found.info.kb if found.info.kb in known else default_kb  # its KB may have been removed
        kb_value = gr.update(value=kb) if chat.kb is not None else gr.update()
        last_docs = turns[-1].docs if turns else ()
        return (found.info.id, turns, transcript_html(turns, lang), clause_placeholder(lang), None,
                gr.update(), kb_value, doc_filter(kb, last_docs))

    open_outputs = [conversation, chat.turns, chat.transcript, chat.clause, chat.opened, listing_radio,
                    chat.kb if chat.kb is not None else gr.State(), chat.doc_filter]
    remembered(listing_radio.input(open_one, [listing_radio, lang], open_outputs, api_visibility="private"))

    def restore(lang: str, here: Any, request: gr.Request) -> tuple[Any, ...]:
        """On page load: the user's list, and back on screen the conversation this browser had open
        when it is still the user's, else the most recent one."""
        user = user_of(request)
        infos = store.list(user)
        if not infos:
            return empty(lang, user)
        chosen = next((info.id for info in infos if str(info.id) == str(here)), infos[0].id)
        opened = open_one(chosen, lang, request)
        return (*opened[:5], listing(user, chosen), *opened[6:])

    remembered(demo.load(restore, [lang, opened_here], open_outputs, api_visibility="private"))

    def remove(chosen: int | None, confirmed: bool, current: int | None, lang: str,
               request: gr.Request) -> tuple[Any, ...]:
        user = user_of(request)
        if chosen is None or not confirmed:
            gr.Warning(t("history_pick_delete", lang))
            return (gr.update(),) * 5 + (listing(user, chosen), False)
        try:
            store.delete(user, int(chosen))
        except (KeyError, ValueError):
            gr.Warning(t("history_missing", lang))
        if current == chosen:
            return (None, [], transcript_html([], lang), clause_placeholder(lang), None, listing(user), False)
        return (gr.update(),) * 5 + (listing(user, current), False)

    remembered(delete_btn.click(remove, [listing_radio, confirm, conversation, lang],
                                [conversation, chat.turns, chat.transcript, chat.clause, chat.opened, listing_radio,
                                 confirm],
                                api_visibility="private"))

    def export(kind: str, turns: list[Turn] | None, lang: str) -> Any:
        done = [x for x in turns or [] if x.answer is not None or x.error is not None]
        if not done:
            gr.Warning(t("history_nothing", lang))
            return gr.update(value=None, visible=False)
        title = title_of(done)
        path = scratch_dir("conversation-") / f"{file_stem(title)}.{kind}"
        if kind == "md":
            path.write_text(conversation_markdown(title, done, lang), encoding="utf-8")
        else:
            conversation_docx(title, done, path, lang)
        return gr.update(value=str(path), visible=True)

    def export_md(turns: list[Turn] | None, lang: str) -> Any:
        return export("md", turns, lang)

    def export_docx(turns: list[Turn] | None, lang: str) -> Any:
        return export("docx", turns, lang)

    md_btn.click(export_md, [chat.turns, lang], download, api_visibility="private")
    docx_btn.click(export_docx, [chat.turns, lang], download, api_visibility="private")
    return HistoryPanel(conversation, listing_radio)


def _cleared(lang: str) -> tuple[Any, ...]:
    return transcript_html([], lang), [], clause_placeholder(lang), None
