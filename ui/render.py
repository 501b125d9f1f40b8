"""HTML for answers, sources, clauses and clause trees.

Every piece of document or model text goes through :func:`esc` (``html.escape``) before it is
put into markup, so a document containing ``<script>`` shows the tag as text. The only markup
produced here is the fixed markup of this module; links carry their targets in ``data-``
attributes that the page's JavaScript turns into Gradio events (never URLs or paths).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rag.answer.metaline import meta_line
from rag.records import NOT_CURRENT
from rag.text import merge_ranges
from ui.i18n import t
from ui.turns import AnswerView, CitationView, Turn

_MARKER = re.compile(r"\[(\d+)\]")
SNIPPET_CHARS = 80


def esc(text: object) -> str:
    """Text → HTML text (quotes escaped too, so it is safe inside attribute values)."""
    return html.escape(str(text), quote=True)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rstrip() + "…"


# --- answers -------------------------------------------------------------------------------


def cite_link(turn: int, n: int, *, cls: str = "cite") -> str:
    return f'<a class="{cls}" href="#" role="button" data-turn="{turn}" data-n="{n}">[{n}]</a>'


def _unsupported_ranges(answer: AnswerView) -> list[tuple[int, int]]:
    """Where the sentences flagged as unsupported sit in the answer text."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for sentence in answer.sentences:
        text = sentence.text.strip()
        if not text:
            continue
        at = answer.answer.find(text, start)
        if at < 0:
            at = answer.answer.find(text)
        if at < 0:
            continue
        start = at + len(text)
        if not sentence.supported:
            ranges.append((at, at + len(text)))
    return ranges


def answer_text_html(answer: AnswerView, turn: int, lang: str = "zh") -> str:
    """The answer text escaped, its ``[n]`` markers as citation links, unverified sentences flagged."""
    text = answer.answer
    known = {c.n for c in answer.citations}
    flagged = _unsupported_ranges(answer)
    title = esc(t("unsupported", lang))

    def body(piece: str) -> str:
        out: list[str] = []
        last = 0
        for m in _MARKER.finditer(piece):
            out.append(esc(piece[last : m.start()]))
            n = int(m.group(1))
            # A marker pointing at no source is shown as text, never as a dead link.
            out.append(cite_link(turn, n) if n in known else esc(m.group(0)))
            last = m.end()
        out.append(esc(piece[last:]))
        return "".join(out)

    parts: list[str] = []
    last = 0
    for a, b in flagged:
        if a < last:
            continue
        parts.append(body(text[last:a]))
        parts.append(f'<span class="unsupported" title="{title}">{body(text[a:b])}</span>')
        last = b
    parts.append(body(text[last:]))
    return "".join(parts)


def meta_html(meta: Mapping[str, str] | None, lang: str) -> str:
    """The document's title · kind · issuing body · date · status; a status that is not current stands out."""
    line = meta_line(meta, zh=lang != "en")
    if not line:
        return ""
    stale = " stale" if meta and meta.get("status") in NOT_CURRENT else ""
    return f'<div class="clause-meta{stale}">{esc(line)}</div>'


def source_item(c: CitationView, turn: int, lang: str, *, maybe: bool = False) -> str:
    badge = f'<span class="badge maybe">{esc(t("maybe_related", lang))}</span>' if maybe else ""
    if c.meta and c.meta.get("status") in NOT_CURRENT:
        badge += f'<span class="badge stale">{esc(meta_line({"status": c.meta["status"]}, zh=lang != "en"))}</span>'
    heading = c.heading()
    return (
        f'<li class="source{" maybe" if maybe else ""}">'
        f'<a class="cite src" href="#" role="button" data-turn="{turn}" data-n="{c.n}">'
        f'<span class="n">[{c.n}]</span> <span class="doc">《{esc(c.title)}》</span>'
        f"{f' <span class=path>{esc(heading)}</span>' if heading else ''}</a>{badge}"
        f'<div class="snippet">{esc(snippet(c.text))}</div>{meta_html(c.meta, lang)}</li>'
    )


def sources_html(answer: AnswerView, turn: int, lang: str = "zh") -> str:
    """The numbered source list under an answer; for an abstention, the nearest clauses as 可能相关."""
    if not answer.citations:
        return ""
    if answer.abstained:
        items = "".join(source_item(c, turn, lang, maybe=True) for c in answer.citations)
        return (
            f'<div class="sources maybe-block"><div class="sources-title">{esc(t("maybe_related", lang))}</div>'
            f'<div class="note">{esc(t("maybe_related_note", lang))}</div><ol>{items}</ol></div>'
        )
    items = "".join(source_item(c, turn, lang) for c in answer.citations)
    return f'<div class="sources"><div class="sources-title">{esc(t("sources", lang))}</div><ol>{items}</ol></div>'


def copy_text(answer: AnswerView, lang: str = "zh") -> str:
    """The answer as plain text with its numbered sources, for the clipboard."""
    lines = [answer.answer.strip(), ""]
    title = t("maybe_related", lang) if answer.abstained else t("sources", lang)
    if answer.citations:
        lines.append(f"{title}:" if lang == "en" else f"{title}：")
        for c in answer.citations:
            heading = c.heading()
            lines.append(f"[{c.n}] 《{c.title}》" + (f" {heading}" if heading else ""))
    return "\n".join(lines).strip() + "\n"


def answer_html(answer: AnswerView, turn: int, lang: str = "zh") -> str:
    cls = "answer-text abstained" if answer.abstained else "answer-text"
    copy = esc(copy_text(answer, lang))
    return (
        f'<div class="{cls}">{answer_text_html(answer, turn, lang)}</div>'
        f"{sources_html(answer, turn, lang)}"
        f'<div class="actions"><button class="copy-btn" type="button" data-copy="{copy}" '
        f'data-done="{esc(t("copied", lang))}">{esc(t("copy", lang))}</button>{feedback_bar(turn, lang)}</div>'
    )


# Words, not 👍/👎: without an emoji font (Debian's default) the emoji are empty boxes.
FEEDBACK_KINDS = (("up", "fb_up"), ("down", "fb_down"), ("wrong_citation", "fb_wrong"))


def feedback_bar(turn: int, lang: str = "zh") -> str:
    """The 有用 / 没用 / 引用有误 buttons of an answer (the page's script turns a click into an event)."""
    buttons = "".join(
        f'<button class="fb-btn fb-{kind}" type="button" data-turn="{turn}" data-kind="{kind}">'
        f"{esc(t(key, lang))}</button>"
        for kind, key in FEEDBACK_KINDS
    )
    return f'<span class="feedback" role="group" aria-label="{esc(t("fb_title", lang))}">{buttons}</span>'


def turn_html(turn: Turn, index: int, lang: str = "zh") -> str:
    user = f'<div class="msg user"><div class="bubble">{esc(turn.asked)}</div></div>'
    understood = ""
    if turn.clean and turn.question and turn.question != turn.asked.strip():
        understood = f'<div class="understood">{esc(t("understood_as", lang))}：{esc(turn.question)}</div>'
    if turn.error is not None:
        body = f'<div class="error">{esc(t("error", lang))}：{esc(turn.error)}</div>'
    elif turn.answer is not None:
        body = answer_html(turn.answer, index, lang)
    elif turn.partial:
        # Streamed model text has not been through the citation check yet: say so.
        body = (
            f'<div class="unverified-note">{esc(t("unverified", lang))}</div>'
            f'<div class="answer-text streaming" data-verified="false">{esc(turn.partial)}</div>'
        )
    else:
        body = f'<div class="pending">{esc(t("thinking", lang))}</div>'
    return f'{user}<div class="msg bot"><div class="bubble">{understood}{body}</div></div>'


def transcript_html(turns: Sequence[Turn], lang: str = "zh") -> str:
    """The whole conversation, or the welcome text when it is empty."""
    if not turns:
        return f'<div class="rag-chat empty"><div class="welcome">{esc(t("welcome", lang))}</div></div>'
    body = "".join(turn_html(turn, i, lang) for i, turn in enumerate(turns))
    return f'<div class="rag-chat">{body}</div>'


# --- clauses -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClauseView:
    """A whole clause (its passages merged) with the ordinals of its neighbours."""

    doc_id: str
    title: str
    path: tuple[str, ...]
    label: str
    ordinal: int
    text: str
    kind: str = "clause"
    prev: tuple[int, str] | None = None  # (ordinal, label) of the previous clause
    next: tuple[int, str] | None = None
    meta: Mapping[str, str] | None = None  # the document's metadata (DocumentMeta.shown())
    page: int = 0  # the PDF page the clause starts on (0: not a PDF, or not found)

    def heading(self) -> str:
        parts = list(self.path)
        if self.label and not any(p.startswith(self.label) for p in parts):
            parts.append(self.label)
        return " › ".join(parts)




def marked_text(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped with the given ranges in ``<mark>``."""
    out: list[str] = []
    last = 0
    for a, b in ranges:
        out.append(esc(text[last:a]))
        out.append(f"<mark>{esc(text[a:b])}</mark>")
        last = b
    out.append(esc(text[last:]))
    return "".join(out)


def nav_link(doc_id: str, ordinal: int, label: str, cls: str = "nav") -> str:
    return f'<a class="{cls}" href="#" role="button" data-doc="{esc(doc_id)}" data-ordinal="{ordinal}">{label}</a>'


def clause_html(
    view: ClauseView,
    marks: Sequence[tuple[int, int]] = (),
    lang: str = "zh",
    *,
    maybe: bool = False,
    by_meaning: bool = False,
    page_image: str = "",
) -> str:
    """The full clause: document, heading path, text with ``marks`` highlighted, neighbours.

    ``marks`` are character ranges of ``view.text``: the spans the citation check matched
    (this module never decides what supports an answer); ``by_meaning`` says that a sentence
    rests on the clause by meaning alone, with no words to mark. A clause of a PDF links to its
    page; ``page_image`` (a ``data:`` URI made by :mod:`ui.pdf_pages`) shows that page below it.
    """
    ranges = merge_ranges([(max(0, a), min(len(view.text), b)) for a, b in marks if a < b])
    notes = ([t("supporting", lang)] if ranges else []) + ([t("supporting_meaning", lang)] if by_meaning else [])
    note = "".join(f'<div class="clause-note">{esc(n)}</div>' for n in notes)
    badge = f'<span class="badge maybe">{esc(t("maybe_related", lang))}</span>' if maybe else ""
    prev = (
        nav_link(view.doc_id, view.prev[0], f"← {esc(t('prev_clause', lang))} {esc(snippet(view.prev[1], 24))}")
        if view.prev
        else "<span></span>"
    )
    nxt = (
        nav_link(view.doc_id, view.next[0], f"{esc(t('next_clause', lang))} {esc(snippet(view.next[1], 24))} →")
        if view.next
        else "<span></span>"
    )
    crumbs = "".join(f'<span class="crumb">{esc(p)}</span>' for p in view.heading().split(" › ") if p)
    pdf = ""
    if view.page > 0 and view.ordinal >= 0:
        pdf = (
            f'<a class="pdf-link" href="#" role="button" data-doc="{esc(view.doc_id)}" '
            f'data-ordinal="{view.ordinal}" data-page="{view.page}">{esc(t("pdf_open", lang, page=view.page))}</a>'
        )
    figure = ""
    if page_image.startswith("data:image/png;base64,"):
        figure = (
            f'<div class="pdf-page"><div class="pdf-caption">{esc(t("pdf_caption", lang, page=view.page))}</div>'
            f'<img alt="{esc(t("pdf_caption", lang, page=view.page))}" src="{esc(page_image)}"></div>'
        )
    return (
        f'<div class="clause" data-doc="{esc(view.doc_id)}" data-ordinal="{view.ordinal}">'
        f'<div class="clause-doc">《{esc(view.title)}》{badge}{pdf}</div>{meta_html(view.meta, lang)}'
        f'<div class="crumbs">{crumbs}</div>'
        f'<div class="clause-text">{marked_text(view.text, ranges)}</div>{note}'
        f'<div class="clause-nav">{prev}{nxt}</div>{figure}</div>'
    )


def clause_placeholder(lang: str = "zh", message: str | None = None) -> str:
    return f'<div class="clause empty"><div class="hint">{esc(message or t("clause_hint", lang))}</div></div>'


# --- clause tree ---------------------------------------------------------------------------


@dataclass
class _Node:
    title: str
    clause: ClauseView | None = None
    children: dict[str, _Node] = field(default_factory=dict)


def _own_heading(view: ClauseView) -> bool:
    """Whether the clause's own heading is the last element of its path."""
    return bool(view.path) and bool(view.label) and (view.label in view.path[-1])


def clause_tree_html(views: Sequence[ClauseView], lang: str = "zh") -> str:
    """A document's clauses as nested headings; every clause is a link that opens it."""
    root = _Node("")
    for view in views:
        path = list(view.path) if _own_heading(view) else [*view.path, view.label or str(view.ordinal)]
        node = root
        for part in path:
            node = node.children.setdefault(part, _Node(part))
        if node.clause is None:
            node.clause = view
        else:  # two clauses at one path (e.g. repeated labels): keep both
            node.children.setdefault(f"{view.label}#{view.ordinal}", _Node(view.label, view))

    def render(node: _Node) -> str:
        title = esc(snippet(node.title, 48))
        if node.clause is not None:
            body = node.clause.text
            body = body[len(node.title) :].lstrip("。．.：: \n") if body.startswith(node.title) else body
            extra = "" if len(node.title) > 12 or not body else f' <span class="snip">{esc(snippet(body, 40))}</span>'
            head = nav_link(node.clause.doc_id, node.clause.ordinal, f"{title}{extra}", cls="nav tree-link")
        else:
            head = f'<span class="tree-head">{title}</span>'
        if not node.children:
            return f'<li class="leaf">{head}</li>'
        kids = "".join(render(child) for child in node.children.values())
        return f"<li><details open><summary>{head}</summary><ul>{kids}</ul></details></li>"

    body = "".join(render(child) for child in root.children.values())
    return f'<div class="clause-tree"><ul>{body}</ul></div>'


def warnings_html(warnings: Sequence[str], lang: str = "zh") -> str:
    if not warnings:
        return f'<div class="warnings none">{esc(t("no_warnings", lang))}</div>'
    items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
    return f'<div class="warnings"><div class="sources-title">{esc(t("warnings", lang))}</div><ul>{items}</ul></div>'


def message_html(text: str, kind: str = "info") -> str:
    return f'<div class="msg-box {esc(kind)}">{esc(text)}</div>'
