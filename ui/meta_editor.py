"""A document's metadata on the documents page: shown for everyone, editable by admins.

For the document picked on the documents page the panel shows its title, kind, issuing body,
document number, dates and status as citations show them. Admins may change them; the change is
saved exactly as ``rag meta --set`` saves it (:func:`rag.index.metaupdate.set_meta`: the
folder's ``.meta.json`` and a new build of the index, nothing parsed or embedded) and the app
answers from the new index at once, so the next citation of that document shows it. A field set
back to what the document itself says drops the override (``rag meta --unset``). Readers and
editors see the fields read-only, and every save checks the role again. A bad value is refused
with the value in the message, in the interface language; nothing is written then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import gradio as gr

from rag.answer.metaline import KIND_LABELS_EN, KIND_LABELS_ZH, STATUS_LABELS_EN, STATUS_LABELS_ZH
from rag.index import metafile
from rag.index.store import DocEntry, IndexLoadError
from rag.records import KINDS, STATUSES
from ui.auth import Access
from ui.backend import Backend, BusyError
from ui.i18n import t
from ui.labels import Labels
from ui.render import message_html

log = logging.getLogger(__name__)

# The page's order (the brief's): the same seven fields as metafile.EDITABLE.
FIELDS = ("title", "kind", "issuer", "doc_number", "issued", "effective", "status")
_DATES = ("issued", "effective")


@dataclass(frozen=True)
class Outcome:
    """What a save did: ``kind`` is the message box's kind (ok, warn, error)."""

    saved: bool
    message: str
    kind: str


@dataclass
class MetaEditor:
    boxes: dict[str, Any]  # field name → its Textbox or Dropdown
    save: gr.Button
    note: gr.Markdown
    status: gr.HTML

    @property
    def outputs(self) -> list[Any]:
        """What showing a document updates: the fields, the save button, the note, the status."""
        return [*(self.boxes[name] for name in FIELDS), self.save, self.note, self.status]


def kind_choices(lang: str = "zh") -> list[tuple[str, str]]:
    labels = KIND_LABELS_EN if lang == "en" else KIND_LABELS_ZH
    return [(labels[k], k) for k in KINDS]


def status_choices(lang: str = "zh") -> list[tuple[str, str]]:
    labels = STATUS_LABELS_EN if lang == "en" else STATUS_LABELS_ZH
    return [(t("meta_status_none", lang), ""), *((labels[s], s) for s in STATUSES if s)]


def shown_values(entry: DocEntry) -> dict[str, str]:
    """The fields as citations show them (the document's own values with the admin's overrides)."""
    meta = entry.meta.to_json()
    return {name: str(meta[name]) for name in FIELDS}


def changes(entry: DocEntry, values: Mapping[str, Any]) -> dict[str, str | None]:
    """The edits ``values`` make: a field that differs from what is shown is set; a field set back
    to what the document says clears its override (``None``); other fields are left alone."""
    detected = entry.detected.to_json()
    out: dict[str, str | None] = {}
    for name in FIELDS:
        if name not in values:
            continue
        value = str(values[name] or "").strip()
        if value == str(detected[name]):
            if name in entry.override:
                out[name] = None
        elif entry.override.get(name) != value:
            out[name] = value
    return out


def refusal(doc_id: str, name: str, value: str, lang: str) -> str | None:
    """Why ``value`` cannot be saved as ``name`` (the rules of :func:`metafile.validate`), or None."""
    try:
        metafile.validate(doc_id, {name: value})
    except metafile.MetaError:
        field = t(f"meta_field_{name}", lang)
        if name in ("kind", "status"):
            choices = kind_choices(lang) if name == "kind" else status_choices(lang)
            if lang == "en":  # the English labels are mostly the keys themselves
                allowed = ", ".join(label if label == key else f"{label} ({key or '–'})" for label, key in choices)
            else:
                allowed = "、".join(label for label, _ in choices)
            return t("meta_bad_choice", lang, field=field, value=value, allowed=allowed)
        if name in _DATES and value.strip() and len(value.strip()) <= metafile.MAX_CHARS:
            return t("meta_bad_date", lang, field=field, value=value)
        return t("meta_too_long", lang, field=field, n=len(value.strip()), most=metafile.MAX_CHARS, value=value[:40])
    return None


def save_meta(
    backend: Backend, access: Access, username: str | None, doc_id: str | None, values: Mapping[str, Any],
    lang: str = "zh",
) -> Outcome:
    """Save an admin's edits of one document's metadata (see the module docstring)."""
    if not access.can_admin(username):
        return Outcome(False, t("meta_admin_only", lang), "error")
    if not doc_id:
        return Outcome(False, t("meta_pick_first", lang), "warn")
    entry = next((d for d in backend.documents() if d.doc_id == doc_id), None)
    if entry is None:
        return Outcome(False, t("meta_no_doc", lang, name=doc_id), "error")
    edits = changes(entry, values)
    for name, value in edits.items():
        why = refusal(doc_id, name, value, lang) if value is not None else None
        if why:
            return Outcome(False, why, "error")
    if not edits:
        return Outcome(False, t("meta_unchanged", lang), "warn")
    if backend.settings.store:
        return Outcome(False, t("meta_pg", lang), "error")
    try:
        updated = backend.set_meta(doc_id, edits)
    except BusyError:
        return Outcome(False, t("busy", lang), "warn")
    except KeyError:
        return Outcome(False, t("meta_no_doc", lang, name=doc_id), "error")
    except (metafile.MetaError, IndexLoadError):
        log.exception("saving the metadata of %s failed", doc_id)
        return Outcome(False, t("meta_failed", lang), "error")
    log.info("%s set the metadata of %s: %s", username, doc_id, edits)
    names = ("、" if lang != "en" else ", ").join(t(f"meta_field_{n}", lang) for n in FIELDS if n in edits)
    return Outcome(True, t("meta_saved", lang, title=updated.meta.title or updated.title, fields=names), "ok")


def show_meta(backend: Backend, doc_id: str | None, lang: str, admin: bool) -> list[Any]:
    """The panel for ``doc_id``: its values, editable only for an admin (empty with no document)."""
    entry = next((d for d in backend.documents() if d.doc_id == doc_id), None) if doc_id else None
    values = shown_values(entry) if entry is not None else dict.fromkeys(FIELDS, "")
    editable = admin and entry is not None
    boxes = [gr.update(value=values[name], interactive=editable) for name in FIELDS]
    return [*boxes, gr.update(visible=editable), gr.update(visible=entry is not None and not admin), ""]


def build_meta_editor(labels: Labels) -> MetaEditor:
    """The panel's components (inside an open ``gr.Blocks``), read-only until a document is picked."""
    boxes: dict[str, Any] = {}
    with gr.Accordion(t("meta_title"), open=True, elem_id="doc-meta") as accordion:
        labels.add(accordion, label="meta_title")
        note = labels.add(gr.Markdown(t("meta_admin_only"), visible=False, elem_id="meta-note"),
                          value="meta_admin_only")
        with gr.Row(equal_height=False):
            boxes["title"] = labels.add(gr.Textbox(label=t("meta_field_title"), max_lines=1, interactive=False,
                                                   elem_id="meta-title", scale=3), label="meta_field_title")
            kind = gr.Dropdown(choices=kind_choices(), value=None, label=t("meta_field_kind"), interactive=False,
                               elem_id="meta-kind", scale=1)
            boxes["kind"] = labels.add_props(
                kind, lambda lang: {"label": t("meta_field_kind", lang), "choices": kind_choices(lang)}
            )
        with gr.Row(equal_height=False):
            for name in ("issuer", "doc_number"):
                boxes[name] = labels.add(
                    gr.Textbox(label=t(f"meta_field_{name}"), max_lines=1, interactive=False,
                               elem_id=f"meta-{name.replace('_', '-')}"),
                    label=f"meta_field_{name}",
                )
        with gr.Row(equal_height=False):
            for name in _DATES:
                boxes[name] = labels.add(
                    gr.Textbox(label=t(f"meta_field_{name}"), placeholder=t("meta_date_placeholder"), max_lines=1,
                               interactive=False, elem_id=f"meta-{name}"),
                    label=f"meta_field_{name}", placeholder="meta_date_placeholder",
                )
            status = gr.Dropdown(choices=status_choices(), value=None, label=t("meta_field_status"),
                                 interactive=False, elem_id="meta-status")
            boxes["status"] = labels.add_props(
                status, lambda lang: {"label": t("meta_field_status", lang), "choices": status_choices(lang)}
            )
        save = labels.add(gr.Button(t("meta_save"), variant="primary", size="sm", visible=False, elem_id="meta-save"),
                          value="meta_save")
        box = gr.HTML("", elem_id="meta-result")
    return MetaEditor(boxes, save, note, box)


def wire_meta_editor(
    editor: MetaEditor,
    backend_of: Callable[[str | None], Backend],
    access: Access,
    lang: gr.State,
    pick: gr.Dropdown,
    kb: Any,
) -> Any:
    """Show the picked document's metadata, and save an admin's edits; returns the save event
    (after which titles and kinds may have changed)."""

    def on_pick(doc_id: str | None, lang: str, kb: str | None, request: gr.Request) -> list[Any]:
        admin = access.can_admin(request.username if request else None)
        return show_meta(backend_of(kb), doc_id, lang, admin)

    pick.change(on_pick, [pick, lang, kb], editor.outputs, api_visibility="private")

    def on_save(
        doc_id: str | None, lang: str, kb: str | None, title: str, kind: str, issuer: str, doc_number: str,
        issued: str, effective: str, status: str, request: gr.Request,
    ) -> list[Any]:
        values = {"title": title, "kind": kind, "issuer": issuer, "doc_number": doc_number, "issued": issued,
                  "effective": effective, "status": status}
        backend = backend_of(kb)
        username = request.username if request else None
        outcome = save_meta(backend, access, username, doc_id, values, lang)
        if not outcome.saved:
            kept = [gr.update() for _ in range(len(FIELDS) + 2)]  # the fields, the button, the note
            return [*kept, message_html(outcome.message, outcome.kind)]
        shown = show_meta(backend, doc_id, lang, access.can_admin(username))
        return [*shown[:-1], message_html(outcome.message, outcome.kind)]

    return editor.save.click(
        on_save, [pick, lang, kb, *(editor.boxes[name] for name in FIELDS)], editor.outputs,
        api_visibility="private", concurrency_id="index",
    )
