"""The quiz page for trainers: questions generated from the chosen clauses, each citing its clause."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

import gradio as gr

from ui.backend import Backend, NoIndexError
from ui.i18n import t
from ui.labels import Labels
from ui.render import esc, message_html
from ui.scratch import scratch_dir

log = logging.getLogger(__name__)

TYPE_NAMES: dict[str, dict[str, str]] = {
    "single_choice": {"zh": "单选题", "en": "Single choice"},
    "multiple_choice": {"zh": "多选题", "en": "Multiple choice"},
    "true_false": {"zh": "判断题", "en": "True / false"},
    "fill_blank": {"zh": "填空题", "en": "Fill in the blank"},
    "short_answer": {"zh": "简答题", "en": "Short answer"},
}
DIFFICULTY_NAMES: dict[str, dict[str, str]] = {
    "easy": {"zh": "容易", "en": "Easy"},
    "medium": {"zh": "中等", "en": "Medium"},
    "hard": {"zh": "困难", "en": "Hard"},
}
EXPORT_LABELS: dict[str, str] = {
    "json": "JSON",
    "csv": "CSV",
    "md": "Markdown",
    "docx": "Word (.docx)",
    "gift": "Moodle GIFT",
    "xml": "Moodle XML",
    "anki": "Anki",
}
DEFAULT_EXPORTS = ("docx", "md", "json")


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


def _answer_text(item: Any, lang: str) -> str:
    if item.type in ("single_choice", "multiple_choice"):
        letters = item.key_letters
        return f"{letters}（{'；'.join(item.keys)}）" if letters else "；".join(item.keys)
    if item.type == "true_false":
        if lang == "en":
            return "True" if item.answer else "False"
        return "正确" if item.answer else "错误"
    return str(item.answer)


def quiz_html(items: Sequence[Any], lang: str) -> str:
    """The items with options, keys, explanations and the clause each comes from, all escaped."""
    if not items:
        return message_html(t("quiz_none", lang), "warn")
    out: list[str] = []
    for item in items:
        kind = TYPE_NAMES.get(item.type, {}).get(lang, item.type)
        options = "".join(f"<li>{esc(o)}</li>" for o in item.options)
        c = item.citation
        where = " › ".join([*c.path] if c.path else [c.label])
        out.append(
            f'<li class="item"><div><span class="badge">{esc(kind)}</span> {esc(item.question)}</div>'
            + (f'<ol class="options">{options}</ol>' if options else "")
            + f'<div class="key">{esc(t("quiz_answer", lang))}：{esc(_answer_text(item, lang))}</div>'
            + (f'<div class="expl">{esc(item.explanation)}</div>' if item.explanation else "")
            + f'<div class="src">{esc(t("quiz_source", lang))}：《{esc(c.title)}》{esc(where)}</div></li>'
        )
    return f'<div class="quiz"><ol>{"".join(out)}</ol></div>'


def write_exports(items: Sequence[Any], formats: Sequence[str], title: str) -> list[str]:
    """Write the quiz in each format into a fresh temporary directory; the file paths."""
    from rag.quiz import export

    directory = scratch_dir("policy-rag-quiz-")
    paths: list[str] = []
    for fmt in formats:
        target = directory / f"quiz{export.EXTENSIONS.get(fmt, '.' + fmt)}"
        try:
            target.write_bytes(export.render_bytes(items, fmt, title=title))
        except Exception:  # one failing format must not cost the others
            log.exception("quiz export to %s failed", fmt)
            continue
        paths.append(str(target))
    return paths


def generate(
    backend: Backend,
    docs: Sequence[str] | None,
    n: float,
    types: Sequence[str] | None,
    difficulty: str,
    seed: float,
    formats: Sequence[str] | None,
    lang: str,
) -> tuple[str, list[str] | None]:
    if not quiz_available():
        return message_html(t("not_available", lang, what="rag.quiz"), "warn"), None
    from rag.quiz import Selection, build_quiz

    try:
        units = backend.pipeline().index.units
        items = build_quiz(
            units,
            n=int(n),
            types=list(types or TYPE_NAMES),
            difficulty=difficulty,
            seed=int(seed),
            select=Selection(docs=tuple(docs)) if docs else None,
        )
    except NoIndexError:
        return message_html(t("no_index", lang), "warn"), None
    except ValueError as exc:
        return message_html(str(exc), "warn"), None
    files = write_exports(items, list(formats or []), t("tab_quiz", lang)) if items and formats else None
    return quiz_html(items, lang), files


def build_quiz_page(backend: Backend, labels: Labels, lang: gr.State) -> None:
    """The quiz page's components and events (inside an open ``gr.Blocks``)."""
    labels.add(gr.Markdown(t("quiz_intro")), value="quiz_intro")
    if not quiz_available():
        labels.add(gr.Markdown(t("not_available", what="rag.quiz")), values={"what": "rag.quiz"}, value="not_available")
        return
    from rag.quiz import DIFFICULTIES, QUIZ_TYPES

    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            docs = labels.add(
                gr.Dropdown(
                    choices=backend.doc_choices(), value=[], multiselect=True, label=t("quiz_docs"), elem_id="quiz-docs"
                ),
                label="quiz_docs",
            )
            n = labels.add(gr.Slider(1, 50, value=10, step=1, label=t("quiz_n"), elem_id="quiz-n"), label="quiz_n")

            def type_props(lang: str) -> dict[str, Any]:
                names = [(TYPE_NAMES.get(q, {}).get(lang, q), q) for q in QUIZ_TYPES]
                return {"choices": names, "label": t("quiz_types", lang)}

            def difficulty_props(lang: str) -> dict[str, Any]:
                names = [(DIFFICULTY_NAMES.get(d, {}).get(lang, d), d) for d in DIFFICULTIES]
                return {"choices": names, "label": t("quiz_difficulty", lang)}

            types = labels.add_props(
                gr.CheckboxGroup(value=list(QUIZ_TYPES), elem_id="quiz-types", **type_props("zh")), type_props
            )
            difficulty = labels.add_props(
                gr.Radio(
                    value="medium" if "medium" in DIFFICULTIES else DIFFICULTIES[0],
                    elem_id="quiz-difficulty",
                    **difficulty_props("zh"),
                ),
                difficulty_props,
            )
            seed = labels.add(
                gr.Number(value=1, precision=0, label=t("quiz_seed"), elem_id="quiz-seed"), label="quiz_seed"
            )
            formats = labels.add(
                gr.CheckboxGroup(
                    choices=[(EXPORT_LABELS.get(f, f), f) for f in export_formats()],
                    value=[f for f in DEFAULT_EXPORTS if f in export_formats()],
                    label=t("quiz_formats"),
                    elem_id="quiz-formats",
                ),
                label="quiz_formats",
            )
            go = labels.add(gr.Button(t("quiz_go"), variant="primary", elem_id="quiz-go"), value="quiz_go")
            files = labels.add(
                gr.File(label=t("quiz_download"), file_count="multiple", interactive=False), label="quiz_download"
            )
        with gr.Column(scale=2):
            shown = gr.HTML("", elem_id="quiz-items")
    go.click(
        partial(generate, backend),
        [docs, n, types, difficulty, seed, formats, lang],
        [shown, files],
        api_visibility="private",
    )
