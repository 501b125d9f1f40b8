"""A conversation as a Markdown or Word file, each answer with its citations in full.

Every answer is followed by its numbered sources: the document's title and id, the heading path
and label, and the whole clause text, so the file stands on its own when the index has changed.

Example::

    Path("对话.md").write_text(conversation_markdown("落户", turns), encoding="utf-8")
    conversation_docx("落户", turns, Path("对话.docx"))
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rag.text import without_heading_marks
from ui.i18n import t
from ui.turns import AnswerView, CitationView, Turn


def _source_head(c: CitationView) -> str:
    heading = c.heading() or c.label
    return f"[{c.n}] 《{c.title}》（{c.doc}） {heading}".rstrip()


def _sources_title(answer: AnswerView, lang: str) -> str:
    return t("maybe_related", lang) if answer.abstained else t("sources", lang)


def _md_quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


def conversation_markdown(title: str, turns: Sequence[Turn], lang: str = "zh") -> str:
    """The conversation as Markdown: each question, its answer, and the cited clauses quoted."""
    lines = [f"# {title}", ""]
    for number, turn in enumerate(turns, start=1):
        lines += [f"## {number}. {turn.asked}", ""]
        if turn.question and turn.question != turn.asked:
            lines += [f"*{t('understood_as', lang)}：{turn.question}*", ""]
        if turn.error is not None:
            lines += [f"{t('error', lang)}：{turn.error}", ""]
            continue
        if turn.answer is None:
            continue
        lines += [turn.answer.answer.strip(), ""]
        if turn.answer.citations:
            lines += [f"**{_sources_title(turn.answer, lang)}**", ""]
            for c in turn.answer.citations:
                lines += [f"- {_source_head(c)}", "", _md_quote(without_heading_marks(c.text)), ""]
    return "\n".join(lines).rstrip() + "\n"


def conversation_docx(title: str, turns: Sequence[Turn], path: Path, lang: str = "zh") -> Path:
    """Write the conversation as a Word document at ``path``; returns ``path``."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for number, turn in enumerate(turns, start=1):
        document.add_heading(f"{number}. {turn.asked}", level=1)
        if turn.question and turn.question != turn.asked:
            document.add_paragraph(f"{t('understood_as', lang)}：{turn.question}").runs[0].italic = True
        if turn.error is not None:
            document.add_paragraph(f"{t('error', lang)}：{turn.error}")
            continue
        if turn.answer is None:
            continue
        document.add_paragraph(turn.answer.answer.strip())
        if turn.answer.citations:
            document.add_heading(_sources_title(turn.answer, lang), level=2)
            for c in turn.answer.citations:
                document.add_paragraph(_source_head(c)).runs[0].bold = True
                document.add_paragraph(without_heading_marks(c.text).strip(), style="Quote")
    document.save(str(path))
    return path
