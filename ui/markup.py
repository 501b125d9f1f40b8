"""The small pieces of HTML every page uses: escaping (:func:`esc`, ``html.escape``: document or
model text never becomes markup), snippets, a document's metadata line, messages and warnings."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from rag.answer.metaline import meta_line
from rag.records import NOT_CURRENT
from ui.i18n import t

SNIPPET_CHARS = 80


def esc(text: object) -> str:
    """Text → HTML text (quotes escaped too, so it is safe inside attribute values)."""
    return html.escape(str(text), quote=True)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rstrip() + "…"


def meta_html(meta: Mapping[str, str] | None, lang: str) -> str:
    """The document's title · kind · issuing body · date · status; a status that is not current stands out."""
    line = meta_line(meta, zh=lang != "en")
    if not line:
        return ""
    stale = " stale" if meta and meta.get("status") in NOT_CURRENT else ""
    return f'<div class="clause-meta{stale}">{esc(line)}</div>'


def warnings_html(warnings: Sequence[str], lang: str = "zh") -> str:
    if not warnings:
        return f'<div class="warnings none">{esc(t("no_warnings", lang))}</div>'
    items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
    return f'<div class="warnings"><div class="sources-title">{esc(t("warnings", lang))}</div><ul>{items}</ul></div>'


def message_html(text: str, kind: str = "info") -> str:
    return f'<div class="msg-box {esc(kind)}">{esc(text)}</div>'
