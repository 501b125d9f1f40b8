"""The quiz page for trainers: generate checked items into the question bank, preview them
(answers hidden until asked for), edit / regenerate / delete / tag one item and see its
re-check, search the bank, and assemble a paper into student and teacher files.

The actions live in :mod:`ui.quiz_actions`, the HTML in :mod:`ui.quiz_view`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

import gradio as gr

from ui import quiz_actions as act
from ui.backend import Backend, NoIndexError
from ui.i18n import t
from ui.labels import Labels
from ui.quiz_view import DIFFICULTY_NAMES, TYPE_NAMES, quiz_html
from ui.render import message_html

log = logging.getLogger(__name__)

EXPORT_LABELS: dict[str, str] = {"json": "JSON", "csv": "CSV", "md": "Markdown", "docx": "Word (.docx)",
                                 "gift": "Moodle GIFT", "xml": "Moodle XML", "anki": "Anki"}
DEFAULT_EXPORTS = ("docx",)

__all__ = ["build_quiz_page", "export_formats", "generate", "quiz_available", "quiz_html"]


def quiz_available() -> bool:
    try:
        import rag.quiz  # noqa: F401
    except ImportError:
        return False
    return True


def export_formats() -> list[str]:
    """The formats rag.quiz.export can write."""
    try:
        from rag.quiz import export
    except ImportError:
        return []
    return list(export.FORMATS)


def generate(backend: Backend, docs: Sequence[str] | None, n: float, types: Sequence[str] | None, difficulty: str,
             seed: float, formats: Sequence[str] | None, lang: str) -> tuple[str, list[str] | None]:
    """A quiz over whole documents with its teacher files (the page's first version; scripts use it)."""
    from rag.quiz import Selection, build_quiz

    try:
        units = backend.pipeline().index.units
        items = build_quiz(units, n=int(n), types=list(types or TYPE_NAMES), difficulty=difficulty, seed=int(seed),
                           select=Selection(docs=tuple(docs)) if docs else None)
    except NoIndexError:
        return message_html(t("no_index", lang), "warn"), None
    except ValueError as exc:
        return message_html(str(exc), "warn"), None
    files = act.write_paper(items, list(formats or []), None, student=False) if items and formats else None
    return quiz_html(items, lang), files


def _choices(names: dict[str, dict[str, str]], keys: Sequence[str], lang: str) -> list[tuple[str, str]]:
    return [(names.get(k, {}).get(lang, k), k) for k in keys]


def build_quiz_page(backend: Backend, labels: Labels, lang: gr.State) -> None:
    """The quiz page's components and events (inside an open ``gr.Blocks``)."""
    labels.add(gr.Markdown(t("quiz_intro")), value="quiz_intro")
    if not quiz_available():
        labels.add(gr.Markdown(t("not_available", what="rag.quiz")), values={"what": "rag.quiz"}, value="not_available")
        return
    from rag.quiz import DIFFICULTIES, QUIZ_TYPES
    from rag.quiz.bank import STATUSES
    from rag.quiz.paper import DEFAULT_SEED

    def text(key: str, elem_id: str, lines: int = 1, **kw: Any) -> gr.Textbox:
        return labels.add(gr.Textbox(label=t(key), lines=lines, elem_id=elem_id, **kw), label=key)

    def checks(names: dict[str, dict[str, str]], keys: Sequence[str], key: str, elem_id: str,
               value: Sequence[str]) -> gr.CheckboxGroup:
        def props(lang: str) -> dict[str, Any]:
            return {"choices": _choices(names, keys, lang), "label": t(key, lang)}

        return labels.add_props(gr.CheckboxGroup(value=list(value), elem_id=elem_id, **props("zh")), props)

    status_names = {s: {"zh": t(f"status_{s}", "zh"), "en": t(f"status_{s}", "en")} for s in STATUSES}
    ids = gr.State([])
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            docs = labels.add(gr.Dropdown(choices=backend.doc_choices(), value=[], multiselect=True,
                                          label=t("quiz_docs"), elem_id="quiz-docs"), label="quiz_docs")
            chapters = text("quiz_chapters", "quiz-chapters")
            clauses = text("quiz_clauses", "quiz-clauses")
            n = labels.add(gr.Slider(1, 50, value=10, step=1, label=t("quiz_n"), elem_id="quiz-n"), label="quiz_n")
            types = checks(TYPE_NAMES, QUIZ_TYPES, "quiz_types", "quiz-types", QUIZ_TYPES)

            def difficulty_props(lang: str) -> dict[str, Any]:
                return {"choices": _choices(DIFFICULTY_NAMES, DIFFICULTIES, lang), "label": t("quiz_difficulty", lang)}

            difficulty = labels.add_props(gr.Radio(value="medium", elem_id="quiz-difficulty",
                                                   **difficulty_props("zh")), difficulty_props)
            seed = labels.add(gr.Number(value=DEFAULT_SEED, precision=0, label=t("quiz_seed"), elem_id="quiz-seed"),
                              label="quiz_seed")
            go = labels.add(gr.Button(t("quiz_go"), variant="primary", elem_id="quiz-go"), value="quiz_go")
        with gr.Column(scale=2):
            status = gr.HTML("", elem_id="quiz-status")
            show = labels.add(gr.Checkbox(value=False, label=t("quiz_show_answers"), elem_id="quiz-show-answers"),
                              label="quiz_show_answers")
            shown = gr.HTML("", elem_id="quiz-items")
    with labels.add(gr.Accordion(t("bank_title"), open=True, elem_id="bank"), label="bank_title"):
        with gr.Row():
            query = text("bank_search", "bank-search")
            tags_filter = text("bank_tags", "bank-tags-filter")
            statuses = checks(status_names, STATUSES, "bank_status", "bank-status", ())
            find = labels.add(gr.Button(t("bank_find"), elem_id="bank-find"), value="bank_find")
        with gr.Row():
            item_id = labels.add(gr.Number(value=None, precision=0, label=t("bank_item_id"), elem_id="bank-id"),
                                 label="bank_item_id")
            load = labels.add(gr.Button(t("bank_load"), elem_id="bank-load"), value="bank_load")
        question = text("bank_question", "bank-question", lines=2)
        options = text("bank_options", "bank-options", lines=4)
        key = text("bank_answer", "bank-answer")
        explanation = text("bank_explanation", "bank-explanation", lines=2)
        tags = text("bank_tags", "bank-tags")
        with gr.Row():
            save = labels.add(gr.Button(t("bank_save"), variant="primary", elem_id="bank-save"), value="bank_save")
            again = labels.add(gr.Button(t("bank_regenerate"), elem_id="bank-regenerate"), value="bank_regenerate")
            delete = labels.add(gr.Button(t("bank_delete"), variant="stop", elem_id="bank-delete"), value="bank_delete")
            set_tags = labels.add(gr.Button(t("bank_set_tags"), elem_id="bank-set-tags"), value="bank_set_tags")
        verdict = gr.HTML("", elem_id="bank-verdict")
    with labels.add(gr.Accordion(t("paper_title"), open=True, elem_id="paper"), label="paper_title"), gr.Row():
        with gr.Column():
            title = text("paper_name", "paper-title")
            count = labels.add(gr.Slider(1, 100, value=20, step=1, label=t("paper_count"), elem_id="paper-count"),
                               label="paper_count")
            paper_types = checks(TYPE_NAMES, QUIZ_TYPES, "quiz_types", "paper-types", QUIZ_TYPES)
            levels = checks(DIFFICULTY_NAMES, DIFFICULTIES, "paper_difficulties", "paper-difficulties", ())
            paper_tags = text("bank_tags", "paper-tags")
            formats = labels.add(gr.CheckboxGroup(
                choices=[(EXPORT_LABELS.get(f, f), f) for f in export_formats()],
                value=[f for f in DEFAULT_EXPORTS if f in export_formats()],
                label=t("quiz_formats"), elem_id="paper-formats"), label="quiz_formats")
            make = labels.add(gr.Button(t("paper_go"), variant="primary", elem_id="paper-go"), value="paper_go")
        with gr.Column():
            paper_status = gr.HTML("", elem_id="paper-status")
            files = labels.add(gr.File(label=t("quiz_download"), file_count="multiple", interactive=False,
                                       elem_id="paper-files"), label="quiz_download")
            preview = gr.HTML("", elem_id="paper-preview")

    private: dict[str, Any] = {"api_visibility": "private"}
    scope = [docs, chapters, clauses]
    editor = [question, options, key, explanation, tags, verdict]
    go.click(partial(act.generate, backend), [*scope, n, types, difficulty, seed, show, lang],
             [status, shown, ids], **private)
    show.change(partial(act.show, backend), [ids, show, lang], [shown], **private)
    find.click(partial(act.search, backend), [query, tags_filter, statuses, *scope, show, lang],
               [status, shown, ids], **private)
    load.click(partial(act.load, backend), [item_id, lang], editor, **private)
    refresh_list = {"fn": partial(act.show, backend), "inputs": [ids, show, lang], "outputs": [shown], **private}
    save.click(partial(act.save_edit, backend), [item_id, question, options, key, explanation, lang], editor,
               **private).then(**refresh_list)
    again.click(partial(act.regenerate_item, backend), [item_id, seed, lang], editor, **private).then(**refresh_list)
    delete.click(partial(act.delete_item, backend), [item_id, lang], editor, **private).then(**refresh_list)
    set_tags.click(partial(act.tag_item, backend), [item_id, tags, lang], [verdict], **private).then(**refresh_list)
    paper_inputs = [*scope, title, count, paper_types, levels, paper_tags, seed, formats, lang]
    make.click(partial(act.paper, backend), paper_inputs, [paper_status, preview, files], **private)
