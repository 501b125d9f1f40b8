"""HTML for a clause (its text with the citation check's spans marked, its neighbours, its PDF
page) and for a document's clause tree; every text goes through :func:`ui.markup.esc`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rag.text import HEADING_MARKS, merge_ranges
from ui.i18n import t
from ui.markup import esc, meta_html, snippet


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




# A heading mark at a line start, perhaps inside a <mark> that opens there.
_HEADING_MARKS_HTML = re.compile(rf"(?m)^((?:<mark>)?){HEADING_MARKS}")


def marked_text(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped with the given ranges in ``<mark>``, without Markdown heading marks at
    line starts (:func:`rag.text.without_heading_marks`; ranges stay offsets into ``text``)."""
    out: list[str] = []
    last = 0
    for a, b in ranges:
        out.append(esc(text[last:a]))
        out.append(f"<mark>{esc(text[a:b])}</mark>")
        last = b
    out.append(esc(text[last:]))
    return _HEADING_MARKS_HTML.sub(r"\1", "".join(out))


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
