"""A DOCX paper exam (python-docx): numbered questions by type, the answer key on a new page."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from rag.quiz.export.common import key_text, letter, quiz_title, source_line, type_name, zh_items
from rag.quiz.items import QuizItem


def to_docx(items: Sequence[QuizItem], title: str | None = None) -> bytes:
    zh = zh_items(items)
    doc = Document()
    doc.add_heading(quiz_title(items, title), level=0)
    if zh:
        doc.add_paragraph("姓名：＿＿＿＿＿＿　　单位：＿＿＿＿＿＿　　得分：＿＿＿＿")
    section = ""
    for n, item in enumerate(items, 1):
        if item.type != section:
            section = item.type
            doc.add_heading(type_name(section, zh), level=1)
        doc.add_paragraph(f"{n}. {item.question}")
        if item.type in ("single_choice", "multiple_choice"):
            for k, option in enumerate(item.options):
                p = doc.add_paragraph(f"{letter(k)}. {option}")
                p.paragraph_format.left_indent = Pt(21)
        elif item.type == "short_answer":
            for _ in range(4):  # room to write the answer by hand
                doc.add_paragraph("")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("答案与解析" if zh else "Answer key", level=1)
    for n, item in enumerate(items, 1):
        p = doc.add_paragraph()
        p.add_run(f"{n}. {key_text(item, zh)}").bold = True
        doc.add_paragraph(item.explanation)
        source = doc.add_paragraph(source_line(item, zh))
        source.runs[0].italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
