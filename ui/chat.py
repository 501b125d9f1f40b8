"""The question page: conversation, citation links, the clause panel, document filter, examples."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import gradio as gr

from rag.answer.metaline import KIND_LABELS_EN, KIND_LABELS_ZH
from rag.answer.records import Draft
from ui.backend import Backend, NoIndexError
from ui.followup import understand
from ui.i18n import t
from ui.kb_backends import Backends
from ui.labels import Labels
from ui.render import ClauseView, clause_html, clause_placeholder, transcript_html
from ui.turns import AnswerView, Turn, history_questions

log = logging.getLogger(__name__)

EXAMPLES: tuple[str, ...] = (
    "城区人口不到300万的城市还限制落户吗？",
    "老旧小区改造有什么目标？",
    "“十四五”新型城镇化实施方案第三部分讲了什么？",
    "随迁子女上学有什么保障？",
    "What does the plan say about urban renewal?",
)

# On a phone the clause panel stands below the conversation: a click that opens a clause scrolls
# the panel into view when it is not (mostly) on screen already — at once, and again when the
# clause arrives (the page may have been too short to scroll that far before).
REVEAL_JS = """
function revealPanel(id) {
  const panel = document.getElementById(id);
  if (!panel) return;
  const box = panel.getBoundingClientRect();
  const view = window.innerHeight || document.documentElement.clientHeight;
  if (box.top < 0 || box.top > view * 0.6) panel.scrollIntoView({block: 'start'});
}
function askReveal(id) { window.ragReveal = id; revealPanel(id); }
"""

# Clicks on a citation marker or a source become a Gradio event carrying (turn, n); the copy
# button copies the answer with its sources. Nothing in the markup is a URL.
TRANSCRIPT_JS = REVEAL_JS + """
function copyFallback(text) {
  const ta = document.createElement('textarea');
  ta.value = text; ta.setAttribute('readonly', ''); ta.style.position = 'fixed'; ta.style.opacity = '0';
  document.body.appendChild(ta); ta.select();
  try { document.execCommand('copy'); } catch (e) {}
  ta.remove();
}
element.addEventListener('click', (ev) => {
  const copy = ev.target.closest('.copy-btn');
  if (copy) {
    ev.preventDefault();
    const text = copy.dataset.copy || '';
    const done = () => {
      const old = copy.textContent;
      copy.textContent = '✓ ' + (copy.dataset.done || '');
      setTimeout(() => { copy.textContent = old; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => { copyFallback(text); done(); });
    } else { copyFallback(text); done(); }
    return;
  }
  const fb = ev.target.closest('.fb-btn');
  if (fb) {
    ev.preventDefault();
    trigger('click', {turn: fb.dataset.turn, feedback: fb.dataset.kind});
    return;
  }
  const a = ev.target.closest('a.cite');
  if (!a) return;
  ev.preventDefault();
  element.querySelectorAll('a.cite.active').forEach((x) => x.classList.remove('active'));
  a.classList.add('active');
  trigger('click', {turn: a.dataset.turn, n: a.dataset.n});
  askReveal('clause-col');
});
// After each answer, scroll the conversation so the newest question is at the top of the view.
watch('value', () => {
  const box = element.querySelector('.rag-chat');
  const asked = element.querySelectorAll('.msg.user');
  if (box && asked.length) { box.scrollTop = asked[asked.length - 1].offsetTop - box.offsetTop - 8; }
});
"""

def nav_js(reveal: str | None = None) -> str:
    """Links to a clause by (document, ordinal) — the neighbours in the clause panel, the clause
    tree — as Gradio events; ``reveal``: the id of the panel to bring into view after a click.
    A panel using this script scrolls itself into view when its new content arrives after such
    a click (``window.ragReveal`` names the panel waiting for it)."""
    after = f"askReveal({reveal!r});" if reveal else ""
    return (
        REVEAL_JS
        + """
watch('value', () => {
  const id = window.ragReveal;
  if (id && element.closest('#' + id)) { window.ragReveal = null; revealPanel(id); }
});
element.addEventListener('click', (ev) => {
  const a = ev.target.closest('a.nav, a.pdf-link');
  if (!a) return;
  ev.preventDefault();
  trigger('click', {doc: a.dataset.doc, ordinal: a.dataset.ordinal, page: a.dataset.page || null});
"""
        + after
        + "\n});\n"
    )


NAV_JS = nav_js()


@dataclass(frozen=True)
class Opened:
    """The clause shown in the panel and, when it was opened from a citation, what to highlight.

    ``marks`` are character ranges of the clause's text: the spans the citation check matched.
    """

    doc_id: str
    ordinal: int
    marks: tuple[tuple[int, int], ...] = ()
    maybe: bool = False
    by_meaning: bool = False


@dataclass
class ChatPage:
    transcript: gr.HTML
    clause: gr.HTML
    question: gr.Textbox
    doc_filter: gr.Dropdown
    kind_filter: gr.Dropdown
    turns: gr.State
    opened: gr.State
    kb: gr.Dropdown | None = None  # the knowledge base asked (None: the app has one)
    asked: tuple[Any, ...] = ()  # the events that answer a question (history saves after them)
    cleared: Any = None  # the event of the clear button


def kind_choices(lang: str = "zh") -> list[tuple[str, str]]:
    """The kind filter's choices: every kind, formal texts as one, "" for all."""
    labels = KIND_LABELS_EN if lang == "en" else KIND_LABELS_ZH
    kinds = ("formal", "law", "regulation", "policy", "commentary")
    return [(t("kind_all", lang), ""), *((labels[k], k) for k in kinds)]


def respond(
    backend: Backend, question: str, turns: list[Turn] | None, docs: Sequence[str] | None, lang: str,
    kind: str | None = None,
) -> Iterator[tuple[str, list[Turn], str]]:
    """Answer ``question`` in the context of the conversation, streaming the text if it streams."""
    turns = list(turns or [])
    asked = (question or "").strip()
    if not asked:
        gr.Warning(t("empty_question", lang), title=t("warning_title", lang))
        yield transcript_html(turns, lang), turns, question
        return
    understood = understand(asked, history_questions(turns))
    turn = Turn(asked=asked, question=understood.question, clean=understood.clean, docs=tuple(docs or ()))
    turns.append(turn)
    yield transcript_html(turns, lang), turns, ""
    try:
        for item in backend.stream(turn.question, list(docs) if docs else None, [kind] if kind else None):
            if isinstance(item, Draft):
                # Shown marked unverified until the answer (checked) replaces it.
                turn.partial += item.text
                yield transcript_html(turns, lang), turns, ""
            else:
                turn.answer = AnswerView.from_json(item)
    except NoIndexError:
        turn.error = t("no_index", lang)
    except ValueError as exc:
        turn.error = str(exc)
    except Exception:  # the page must stay usable whatever went wrong
        log.exception("answering %r failed", turn.question)
        turn.error = t("internal_error", lang)  # the exception text stays in the log
    turn.partial = ""
    yield transcript_html(turns, lang), turns, ""


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def show_opened(backend: Backend, opened: Opened | None, lang: str) -> str:
    if opened is None:
        return clause_placeholder(lang)
    view = backend.clause(opened.doc_id, opened.ordinal)
    if view is None:
        return clause_placeholder(lang, t("clause_missing", lang))
    return clause_html(view, opened.marks, lang, maybe=opened.maybe, by_meaning=opened.by_meaning)


def open_citation(
    backend: Backend, turns: list[Turn] | None, lang: str, evt: gr.EventData
) -> tuple[str, Opened | None]:
    """The clause behind citation ``n`` of turn ``turn``, its supporting sentences highlighted."""
    data = getattr(evt, "_data", None) or {}
    index, n = _int(data.get("turn")), _int(data.get("n"))
    turns = turns or []
    if index is None or n is None or not 0 <= index < len(turns):
        return clause_placeholder(lang), None
    answer = turns[index].answer
    citation = answer.citation(n) if answer else None
    if answer is None or citation is None:
        return clause_placeholder(lang), None
    spans = answer.spans(n)
    meaning = answer.by_meaning(n)
    view = backend.locate(citation)
    if view is None:
        # The index changed since the answer: show the clause as the answer quoted it.
        view = ClauseView(citation.doc, citation.title, citation.path, citation.label, -1, citation.text,
                          meta=citation.meta)
        return clause_html(view, spans, lang, maybe=answer.abstained, by_meaning=meaning), None
    marks = tuple(shift_marks(spans, citation.text, view.text))
    opened = Opened(view.doc_id, view.ordinal, marks, answer.abstained, meaning)
    return clause_html(view, marks, lang, maybe=answer.abstained, by_meaning=meaning), opened


def shift_marks(spans: Sequence[tuple[int, int]], cited: str, shown: str) -> list[tuple[int, int]]:
    """Spans of the cited text as ranges of the clause shown (the same text, or a longer one holding it).

    When the shown clause no longer holds the cited text (the document changed), nothing is marked
    rather than the wrong words.
    """
    offset = 0 if shown == cited else shown.find(cited) if cited else -1
    if offset < 0:
        return []
    return [(a + offset, b + offset) for a, b in spans]


def navigate(backend: Backend, cited: Opened | None, lang: str, evt: gr.EventData) -> tuple[str, Opened | None]:
    """Open the neighbour clause a nav link names; back on the cited clause, its marks return."""
    data = getattr(evt, "_data", None) or {}
    doc, ordinal = data.get("doc"), _int(data.get("ordinal"))
    if not isinstance(doc, str) or ordinal is None:
        return clause_placeholder(lang), cited
    if data.get("page"):
        return pdf_html(backend, doc, ordinal, lang, cited), cited
    if cited is not None and (cited.doc_id, cited.ordinal) == (doc, ordinal):
        return show_opened(backend, cited, lang), cited
    return show_opened(backend, Opened(doc, ordinal), lang), cited


def pdf_html(backend: Backend, doc: str, ordinal: int, lang: str, cited: Opened | None = None) -> str:
    """The clause with its PDF page below it (the cited clause keeps its marks)."""
    rendered = backend.pdf_page(doc, ordinal)
    if rendered is None:
        return clause_placeholder(lang, t("pdf_missing", lang))
    view, image = rendered
    marks: tuple[tuple[int, int], ...] = ()
    if cited is not None and (cited.doc_id, cited.ordinal) == (doc, ordinal):
        marks = cited.marks
    return clause_html(view, marks, lang, page_image=image)


def clear(lang: str) -> tuple[str, list[Turn], str, None]:
    return transcript_html([], lang), [], clause_placeholder(lang), None


def _example(text: str) -> str:
    return text


def build_chat(backend: Backend, labels: Labels, lang: gr.State, backends: Backends | None = None) -> ChatPage:
    """The question page's components and events (inside an open ``gr.Blocks``); with ``backends``,
    a dropdown chooses the knowledge base every question and citation goes to."""

    def pick(kb: str | None) -> Backend:
        if backends is None:
            return backend
        try:
            return backends.get(kb)
        except KeyError:  # removed meanwhile: the answer says there is no index rather than failing
            return backends.default

    turns = gr.State([])
    opened = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            transcript = gr.HTML(
                transcript_html([]),
                js_on_load=TRANSCRIPT_JS,
                elem_id="transcript",
            )
            with gr.Row(equal_height=True, elem_id="ask-row"):
                question = labels.add(
                    gr.Textbox(
                        label=t("question"),
                        placeholder=t("question_placeholder"),
                        lines=1,
                        max_lines=4,
                        scale=6,
                        show_label=False,
                        container=False,
                        elem_id="question",
                        autofocus=True,
                    ),
                    label="question",
                    placeholder="question_placeholder",
                )
                send = labels.add(
                    gr.Button(t("send"), variant="primary", scale=1, min_width=80, elem_id="send"), value="send"
                )
                reset = labels.add(gr.Button(t("clear"), scale=1, min_width=80, elem_id="clear"), value="clear")
            kb = None
            if backends is not None:
                kb = labels.add(
                    gr.Dropdown(choices=backends.choices(), value=backends.registry.default_id, label=t("kb"),
                                elem_id="chat-kb"),
                    label="kb",
                )
            doc_filter = labels.add(
                gr.Dropdown(
                    choices=backend.doc_choices(),
                    value=[],
                    multiselect=True,
                    label=t("doc_filter"),
                    elem_id="doc-filter",
                ),
                label="doc_filter",
            )
            kind_filter = labels.add(
                gr.Dropdown(choices=kind_choices(), value="", label=t("kind_filter"), elem_id="kind-filter"),
                label="kind_filter",
            )
            examples_title = labels.add(gr.Markdown(t("examples"), elem_classes="examples-title"), value="examples")
            with gr.Row(elem_id="examples"):
                example_buttons = [gr.Button(q, size="sm", elem_classes="example") for q in EXAMPLES]
        with gr.Column(scale=2, min_width=320, elem_id="clause-col"):
            panel_title = labels.add(gr.Markdown(f"### {t('clause_panel')}"), value="clause_panel")
            clause = gr.HTML(clause_placeholder(), js_on_load=NAV_JS, elem_id="clause-panel")
    del examples_title, panel_title

    def run(
        question: str, turns: list[Turn] | None, docs: Sequence[str] | None, lang: str, kind: str | None = None,
        kb: str | None = None,
    ) -> Iterator[tuple[str, list[Turn], str]]:
        yield from respond(pick(kb), question, turns, docs, lang, kind)

    ask_inputs = [question, turns, doc_filter, lang, kind_filter, *([kb] if kb is not None else [])]
    ask_outputs = [transcript, turns, question]
    asked = [
        send.click(run, ask_inputs, ask_outputs, api_visibility="private", concurrency_id="answer"),
        question.submit(run, ask_inputs, ask_outputs, api_visibility="private", concurrency_id="answer"),
    ]
    for button, text in zip(example_buttons, EXAMPLES, strict=True):
        asked.append(button.click(partial(_example, text), None, question, api_visibility="private", queue=False).then(
            run, ask_inputs, ask_outputs, api_visibility="private", concurrency_id="answer"
        ))
    cleared = reset.click(clear, [lang], [transcript, turns, clause, opened], api_visibility="private", queue=False)

    # Gradio finds the EventData parameter by its annotation, which a partial hides.
    def on_citation(
        turns: list[Turn] | None, lang: str, kb: str | None, evt: gr.EventData
    ) -> tuple[Any, Any]:
        if "feedback" in (getattr(evt, "_data", None) or {}):
            return gr.update(), gr.update()  # a feedback button, handled by ui.feedback_view
        return open_citation(pick(kb), turns, lang, evt)

    def on_nav(cited: Opened | None, lang: str, kb: str | None, evt: gr.EventData) -> tuple[str, Opened | None]:
        return navigate(pick(kb), cited, lang, evt)

    kb_input = kb if kb is not None else gr.State(None)
    transcript.click(on_citation, [turns, lang, kb_input], [clause, opened], api_visibility="private")
    clause.click(on_nav, [opened, lang, kb_input], [clause, opened], api_visibility="private")
    if kb is not None:
        # Another knowledge base: its documents in the filter, and a new conversation.
        def on_kb(kb: str | None, lang: str) -> tuple[Any, ...]:
            return (gr.update(choices=pick(kb).doc_choices(), value=[]), *clear(lang))

        kb.input(on_kb, [kb, lang], [doc_filter, transcript, turns, clause, opened], api_visibility="private",
                 queue=False)
    return ChatPage(transcript, clause, question, doc_filter, kind_filter, turns, opened, kb, tuple(asked),
                    cleared)


def relabel(turns: list[Turn] | None, opened: Opened | None, backend: Backend, lang: str) -> tuple[str, str]:
    """The transcript and the clause panel again, in the new language."""
    return transcript_html(turns or [], lang), show_opened(backend, opened, lang)
