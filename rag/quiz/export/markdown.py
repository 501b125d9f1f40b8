"""A printable Markdown quiz: questions by type, then the answer key with explanations."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.quiz.export.common import key_text, letter, quiz_title, source_line, type_name, zh_items
from rag.quiz.items import QuizItem

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Markdown-escape text so blanks (``_____``) and brackets print as written."""
    return _SPECIAL.sub(r"\\\1", text)


def to_markdown(items: Sequence[QuizItem], title: str | None = None, *, answers: bool = True) -> str:
    """The paper; ``answers=False`` is the student version (no key)."""
    zh = zh_items(items)
    lines = [f"# {escape(quiz_title(items, title))}", ""]
    section = ""
    for n, item in enumerate(items, 1):
        if item.type != section:
            section = item.type
            lines += [f"## {type_name(section, zh)}", ""]
        lines.append(f"{n}. {escape(item.question)}")
        if item.type in ("single_choice", "multiple_choice"):
            lines += ["", *(f"    {letter(k)}. {escape(o)}  " for k, o in enumerate(item.options))]
        elif item.type == "true_false":
            lines.append("    （　　）" if zh else "    (     )")
        elif item.type == "short_answer":
            lines += ["", "    " + ("答：" if zh else "Answer:"), "", "    ", ""]
        lines.append("")
    if not answers:
        return "\n".join(lines)
    lines += ["---", "", f"## {'答案与解析' if zh else 'Answer key'}", ""]
    for n, item in enumerate(items, 1):
        lines.append(f"{n}. **{escape(key_text(item, zh))}**  ")
        lines.append(f"    {escape(item.explanation)}  ")
        lines.append(f"    *{escape(source_line(item, zh))}*  ")
        lines.append(f"    > {escape(' '.join(item.citation.text.split()))}")
        lines.append("")
    return "\n".join(lines)
