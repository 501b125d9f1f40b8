"""HTML for answers, their sources and the conversation; a clause and the clause tree are drawn by
:mod:`ui.clause_html`, the small shared pieces (``esc``, snippets, messages) are in
:mod:`ui.markup`, and their names are re-exported here.

Every piece of document or model text goes through :func:`esc` (``html.escape``) before it is
put into markup, so a document containing ``<script>`` shows the tag as text. The only markup
produced is the fixed markup of these modules; links carry their targets in ``data-``
attributes that the page's JavaScript turns into Gradio events (never URLs or paths).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.metaline import meta_line
from rag.answer.records import ABSTAIN_EN, ABSTAIN_ZH
from rag.records import NOT_CURRENT
from ui.clause_html import ClauseView, clause_html, clause_placeholder, clause_tree_html, marked_text, nav_link
from ui.i18n import t
from ui.markup import SNIPPET_CHARS, esc, message_html, meta_html, snippet, warnings_html
from ui.turns import AnswerView, CitationView, Turn

__all__ = [
    "FEEDBACK_KINDS", "SNIPPET_CHARS", "ClauseView", "answer_html", "answer_text_html", "cite_link", "clause_html",
    "clause_placeholder", "clause_tree_html", "copy_text", "esc", "feedback_bar", "marked_text", "message_html",
    "meta_html", "nav_link", "snippet", "source_item", "sources_html", "transcript_html", "turn_html", "warnings_html",
]

_MARKER = re.compile(r"\[(\d+)\]")


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
    # "Not found" stands out; a reply claiming nothing that is no refusal (small talk:
    # "你好！我是政策文件问答助手……") reads as plain text.
    refused = answer.abstained and (bool(answer.citations) or answer.answer.startswith((ABSTAIN_ZH, ABSTAIN_EN)))
    cls = "answer-text abstained" if refused else "answer-text"
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

