"""Knowledge bases on the documents page: choose the one managed, and (admins) create, rename, remove.

The documents page works on the knowledge base chosen here: its table, clause tree, uploads
(into that KB's own documents folder) and removals. Creating, renaming and removing are for
admins (the roles of :mod:`ui.auth`, checked in every handler). Removing asks for a ticked
confirmation and the KB's name typed again; the default knowledge base cannot be removed.
After any change every knowledge-base dropdown of the page (chat, documents, retrieval test,
feedback) gets the new list.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui.auth import Access
from ui.backend import BusyError
from ui.chat import ChatPage
from ui.documents import DocumentsPage, load_status, refresh, status_html
from ui.i18n import t
from ui.kb_backends import Backends
from ui.kbs import KbRefused
from ui.labels import Labels

log = logging.getLogger(__name__)


@dataclass
class KbAdmin:
    kb: gr.Dropdown  # the knowledge base the documents page manages
    name: gr.Textbox
    create: gr.Button
    rename: gr.Button
    confirm_name: gr.Textbox
    remove: gr.Button
    status: gr.HTML


def build_kb_admin(backends: Backends, access: Access, labels: Labels) -> KbAdmin:
    """The knowledge-base row at the top of the documents page (inside an open ``gr.Blocks``)."""
    admin = access.enabled  # without accounts there is no admin: the buttons stay disabled
    with gr.Accordion(t("kb_manage"), open=True, elem_id="kb-admin") as accordion:
        labels.add(accordion, label="kb_manage")
        with gr.Row(equal_height=False, elem_classes="kb-row"):
            kb = labels.add(gr.Dropdown(choices=backends.choices(), value=backends.registry.default_id,
                                        label=t("kb"), elem_id="docs-kb", scale=2), label="kb")
            name = labels.add(gr.Textbox(label=t("kb_name"), placeholder=t("kb_name_placeholder"), max_lines=1,
                                         elem_id="kb-name", scale=2),
                              label="kb_name", placeholder="kb_name_placeholder")
            create = labels.add(gr.Button(t("kb_create"), size="sm", variant="primary", elem_id="kb-create",
                                          interactive=admin, scale=1), value="kb_create")
            rename = labels.add(gr.Button(t("kb_rename"), size="sm", elem_id="kb-rename", interactive=admin, scale=1),
                                value="kb_rename")
        with gr.Row(equal_height=False, elem_classes="kb-row"):
            confirm_name = labels.add(gr.Textbox(label=t("kb_remove_confirm"), max_lines=1, elem_id="kb-remove-name",
                                                 scale=3), label="kb_remove_confirm")
            remove = labels.add(gr.Button(t("kb_remove"), size="sm", variant="stop", elem_id="kb-remove",
                                          interactive=admin, scale=1), value="kb_remove")
        status = gr.HTML("", elem_id="kb-status")
    return KbAdmin(kb, name, create, rename, confirm_name, remove, status)


def kb_action(
    backends: Backends,
    access: Access,
    username: str | None,
    action: str,
    current: str | None,
    name: str,
    confirm: str,
    lang: str = "zh",
) -> tuple[bool, str, str | None]:
    """Create, rename or remove a knowledge base for an admin.

    Returns:
        (done, the page's message, the KB to select afterwards: the new or renamed one, None
        after a removal).
    """
    if not access.can_admin(username):
        return False, t("kb_admin_only", lang), None
    try:
        if action == "create":
            kb = backends.create(name)
            return True, t("kb_created", lang, name=kb.name), kb.id
        if action == "rename":
            kb = backends.rename(current or "", name)
            return True, t("kb_renamed", lang, name=kb.name), kb.id
        if action != "remove":
            raise ValueError(f"action must be create, rename or remove. Currently, it is {action!r}")
        target = backends.registry.get(current)
        if (confirm or "").strip() != target.name:
            return False, t("kb_confirm_mismatch", lang, name=target.name), None
        kb = backends.remove(target.id)
        return True, t("kb_removed", lang, name=kb.name), None
    except KeyError:
        return False, t("kb_unknown", lang, name=current), None
    except BusyError:
        return False, t("busy", lang), None
    except KbRefused as exc:
        log.info("knowledge base %s refused: %s", action, exc)
        return False, t(exc.key, lang, **exc.values), None


def wire_kb_admin(
    panel: KbAdmin, backends: Backends, access: Access, lang: gr.State, dropdowns: Sequence[gr.Dropdown],
    on_switch: Any = None,
) -> None:
    """The admin buttons' events; ``dropdowns`` are the page's other knowledge-base dropdowns.

    ``on_switch``: (fn, outputs) run with the chosen KB after it changes (the documents page refresh).
    """
    others = list(dropdowns)

    def updates(selected: str | None) -> list[Any]:
        choices = backends.choices()
        ids = {v for _, v in choices}
        keep = selected if selected in ids else backends.registry.default_id
        return [gr.update(choices=choices, value=keep)] + [gr.update(choices=choices) for _ in others]

    def act(action: str, current: str | None, name: str, confirm: str, lang: str, request: gr.Request) -> list[Any]:
        username = request.username if request else None
        done, message, selected = kb_action(backends, access, username, action, current, name, confirm, lang)
        if not done:
            return [status_html([message], "error"), *[gr.update() for _ in range(len(others) + 3)]]
        return [status_html([message], "ok"), "", "", *updates(selected)]

    outputs = [panel.status, panel.name, panel.confirm_name, panel.kb, *others]
    for button, action in ((panel.create, "create"), (panel.rename, "rename"), (panel.remove, "remove")):
        def handler(current: str | None, name: str, confirm: str, lang: str, request: gr.Request,
                    _action: str = action) -> list[Any]:
            return act(_action, current, name, confirm, lang, request)

        event = button.click(handler, [panel.kb, panel.name, panel.confirm_name, lang], outputs,
                             api_visibility="private", concurrency_id="index")
        if on_switch is not None:
            fn, switch_outputs = on_switch
            event.then(fn, [panel.kb, lang], switch_outputs, api_visibility="private")
    if on_switch is not None:
        fn, switch_outputs = on_switch
        panel.kb.input(fn, [panel.kb, lang], switch_outputs, api_visibility="private")


def wire_knowledge_bases(
    backends: Backends,
    access: Access,
    lang: gr.State,
    chat: ChatPage,
    docs: DocumentsPage,
    admin: KbAdmin,
    dropdowns: Sequence[gr.Dropdown],
) -> None:
    """Connect the KB dropdowns of every page: admin changes reach them all; the documents page
    follows its KB; an upload or removal refreshes the chat's filter when the chat is on that KB."""
    chat_kb = [chat.kb] if chat.kb is not None else []
    others = [*chat_kb, *dropdowns]

    def switch(kb: str | None, lang: str) -> tuple[Any, ...]:
        try:
            backend = backends.get(kb)
        except KeyError:
            backend = backends.default
        status, timer = load_status(backend, lang)  # that KB's running build, if any, keeps being shown
        return (status, *refresh(backend, lang)[1:], timer)

    wire_kb_admin(admin, backends, access, lang, others, on_switch=(switch, [*docs.outputs, docs.timer]))
    if chat.kb is not None:
        def chat_filter(docs_kb: str | None, chat_kb: str | None, current: list[str] | None) -> Any:
            if (docs_kb or backends.registry.default_id) != (chat_kb or backends.registry.default_id):
                return gr.update()
            try:
                choices = backends.get(chat_kb).doc_choices()
            except KeyError:
                return gr.update()
            ids = {v for _, v in choices}
            return gr.update(choices=choices, value=[d for d in current or [] if d in ids])

        for event in docs.changed:
            event.then(chat_filter, [admin.kb, chat.kb, chat.doc_filter], chat.doc_filter, api_visibility="private",
                       queue=False)
