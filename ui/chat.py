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
from ui.chat_js import NAV_JS, REVEAL_JS, TRANSCRIPT_JS, nav_js
from ui.clause_panel import Opened, navigate, open_citation, pdf_html, shift_marks, show_opened
from ui.followup import understand
from ui.i18n import t
from ui.kb_backends import Backends
from ui.labels import Labels
from ui.render import clause_placeholder, transcript_html
from ui.turns import AnswerView, Turn, history_questions

# The old home of the clause panel and the scripts: other modules and tests use them from here.
__all__ = [
    "EXAMPLES",
    "NAV_JS",
    "REVEAL_JS",
    "TRANSCRIPT_JS",
    "ChatPage",
    "Opened",
    "build_chat",
    "clear",
    "kind_choices",
    "nav_js",
    "navigate",
    "open_citation",
    "pdf_html",
    "relabel",
    "respond",
    "shift_marks",
    "show_opened",
    "transcript_html",
]

log = logging.getLogger(__name__)

EXAMPLES: tuple[str, ...] = (
    "城区人口不到300万的城市还限制落户吗？",
    "老旧小区改造有什么目标？",
    "“十四五”新型城镇化实施方案第三部分讲了什么？",
    "随迁子女上学有什么保障？",
    "What does the plan say about urban renewal?",
)


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
) -> Iterator[tuple[str, list[Turn], Any]]:
    """Answer ``question`` in the context of the conversation, streaming the text if it streams.

    The question box is emptied once, when the question joins the transcript; later steps leave
    it alone (``gr.skip()``). The user may type the next question while this one is answered, and
    Gradio applies a generator's last output again when it completes — later under load —
    which, had it emptied the box, would wipe what was typed since (very likely how the browser
    test's follow-up "第十三条呢？" was lost once, and never answered)."""
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
                yield transcript_html(turns, lang), turns, gr.skip()
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
    yield transcript_html(turns, lang), turns, gr.skip()


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
