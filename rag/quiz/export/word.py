"""A DOCX paper exam (python-docx): numbered questions by type; the teacher version adds the key
on a new page with each item's explanation and the clause it cites.

Chinese papers are set the way Chinese offices print them: 宋体 for the body, 黑体 for the
title and the section headings, 仿宋 for the quoted clauses; Word takes a Chinese font from
the ``w:eastAsia`` attribute of ``w:rFonts``, which python-docx's ``font.name`` does not set.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.run import Run

from rag.quiz.export.common import key_text, letter, quiz_title, source_line, type_name, zh_items
from rag.quiz.items import QuizItem

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
QUOTE_FONT = "仿宋"
LATIN_FONT = "Times New Roman"
_BLACK = RGBColor(0, 0, 0)


def set_fonts(target: object, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Give a style's or a run's font both a Latin and an East Asian face."""
    font = target.font  # type: ignore[attr-defined]
    font.name = latin
    element = target.element  # type: ignore[attr-defined]
    r_pr = element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), east_asia)
    r_fonts.set(qn("w:ascii"), latin)
    r_fonts.set(qn("w:hAnsi"), latin)


def _styles(doc: object) -> None:
    styles = doc.styles  # type: ignore[attr-defined]
    set_fonts(styles["Normal"], BODY_FONT)
    styles["Normal"].font.size = Pt(12)
    for name, size in (("Title", 20), ("Heading 1", 14)):
        style = styles[name]
        set_fonts(style, TITLE_FONT)
        style.font.size = Pt(size)
        style.font.color.rgb = _BLACK
        style.font.bold = True


def to_docx(items: Sequence[QuizItem], title: str | None = None, *, answers: bool = True) -> bytes:
    """The paper as DOCX bytes; ``answers=False`` is the student version (no key at all)."""
    zh = zh_items(items)
    doc = Document()
    _styles(doc)
    heading = doc.add_heading(quiz_title(items, title), level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line = doc.add_paragraph("姓名：＿＿＿＿＿＿　　单位：＿＿＿＿＿＿　　得分：＿＿＿＿" if zh
                             else "Name: ____________    Organisation: ____________    Score: ______")
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
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
    if answers:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading("答案与解析" if zh else "Answer key", level=1)
        for n, item in enumerate(items, 1):
            p = doc.add_paragraph()
            p.add_run(f"{n}. {key_text(item, zh)}").bold = True
            doc.add_paragraph(item.explanation)
            source = doc.add_paragraph(source_line(item, zh))
            source.runs[0].italic = True
            quote = doc.add_paragraph()
            quote.paragraph_format.left_indent = Pt(21)
            _quote_run(quote.add_run(item.citation.text))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _quote_run(run: Run) -> None:
    set_fonts(run, QUOTE_FONT)
    run.font.size = Pt(10.5)
