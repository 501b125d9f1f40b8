"""Papers from the bank and their student and teacher versions: Word fonts, title, numbering,
no answers for students, file names from the title and the date."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from rag.quiz import QuizItem, Selection
from rag.quiz.bank import Bank
from rag.quiz.checks import check_quiz
from rag.quiz.export import export_name, read_gift, read_moodle_xml, render, render_bytes
from rag.quiz.paper import PaperSpec, assemble


@pytest.fixture
def bank(tmp_path: Path, quiz: list[QuizItem]) -> Bank:
    bank = Bank(tmp_path / "b.quizbank.sqlite")
    bank.save(quiz[:10], difficulty="easy")
    bank.save(quiz[10:], difficulty="hard", tags=("复习",))
    return bank


def _east_asia(element: object) -> str | None:
    r_fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))  # type: ignore[attr-defined]
    return None if r_fonts is None else r_fonts.get(qn("w:eastAsia"))


def test_assemble_by_type_difficulty_clause_and_count(bank: Bank) -> None:
    paper = assemble(bank.all(), PaperSpec(count=4, types=("true_false", "single_choice"), difficulties=("hard",)))
    hard = {e.item.question for e in bank.all() if e.difficulty == "hard"}
    assert 0 < len(paper) <= 4 and all(i.question in hard for i in paper)
    assert [i.type for i in paper] == sorted((i.type for i in paper), key=("true_false", "single_choice").index)
    six = assemble(bank.all(), PaperSpec(count=50, select=Selection(clauses=("（六）",))))
    assert six and all(i.citation.label == "（六）" for i in six)
    assert check_quiz(assemble(bank.all(), PaperSpec(count=50))) == []


def test_assemble_is_seeded_and_leaves_out_items_under_review(bank: Bank) -> None:
    spec = PaperSpec(count=5, seed=4)
    assert assemble(bank.all(), spec) == assemble(bank.all(), spec)
    flagged = bank.all()[0]
    bank.mark(flagged.id, "review", current_text="改过的条款")
    assert flagged.item not in assemble(bank.all(), PaperSpec(count=50))


@pytest.mark.parametrize(("kwargs", "message"), [({"count": 0}, "0"), ({"types": ("essay",)}, "essay"),
                                                 ({"difficulties": ("extreme",)}, "extreme")])
def test_paper_spec_names_the_bad_value(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PaperSpec(**kwargs)  # type: ignore[arg-type]


def test_word_student_version_has_title_fonts_numbering_and_no_answers(quiz: list[QuizItem]) -> None:
    paper = docx.Document(io.BytesIO(render_bytes(quiz, "docx", answers=False)))
    text = "\n".join(p.text for p in paper.paragraphs)
    assert paper.paragraphs[0].text == "《“十四五”新型城镇化实施方案》培训测验"
    assert "姓名：" in text and "得分：" in text
    assert all(f"{n}. {item.question}" in text for n, item in enumerate(quiz, 1))
    assert "答案与解析" not in text and "正确答案" not in text and "参考答案" not in text
    assert _east_asia(paper.styles["Normal"].element) == "宋体"
    assert _east_asia(paper.styles["Title"].element) == "黑体"
    assert _east_asia(paper.styles["Heading 1"].element) == "黑体"


def test_word_teacher_version_adds_the_key_and_the_cited_clause_in_fangsong(quiz: list[QuizItem]) -> None:
    paper = docx.Document(io.BytesIO(render_bytes(quiz, "docx")))
    text = "\n".join(p.text for p in paper.paragraphs)
    key = text.index("答案与解析")
    assert key > text.index(quiz[-1].question)
    assert all(item.citation.text in text[key:] for item in quiz)
    quotes = [r for p in paper.paragraphs for r in p.runs if r.text == quiz[0].citation.text]
    assert quotes and _east_asia(quotes[0].element) == "仿宋"


def test_student_versions_exist_only_where_a_paper_can_hide_its_key(quiz: list[QuizItem]) -> None:
    md = render(quiz, "md", answers=False)
    assert "答案与解析" not in md and quiz[0].question[:10] in md
    with pytest.raises(ValueError, match="gift"):
        render(quiz, "gift", answers=False)


def test_file_names_come_from_the_title_the_date_and_the_version(quiz: list[QuizItem]) -> None:
    day = date(2026, 12, 1)
    student = export_name(quiz, "docx", answers=False, day=day)
    assert student == "《“十四五”新型城镇化实施方案》培训测验-2026-12-01-学生版.docx"
    assert export_name(quiz, "gift", day=day).endswith("-2026-12-01-教师版.gift")
    assert export_name(quiz, "xml", title="a/b: c?", day=day) == "a_b_ c-2026-12-01-教师版.xml"


def test_lms_exports_of_a_paper_are_well_formed(bank: Bank) -> None:
    paper = assemble(bank.all(), PaperSpec(count=12))
    ET.fromstring(render(paper, "xml"))
    assert [q.question for q in read_moodle_xml(render(paper, "xml"))] == [i.question for i in paper]
    assert [q.type for q in read_gift(render(paper, "gift"))] == [i.type for i in paper]
