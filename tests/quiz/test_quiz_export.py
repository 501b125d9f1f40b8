"""Exports: JSON, GIFT, Moodle XML, DOCX, Markdown, CSV, Anki."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest

from rag.quiz import QuizItem
from rag.quiz.export import (
    FORMATS,
    from_json,
    read_gift,
    read_moodle_xml,
    render,
    render_bytes,
    to_anki,
    to_csv,
    to_gift,
    to_json,
    to_markdown,
    to_moodle_xml,
)
from rag.quiz.export.gift import escape
from rag.quiz.source import Clause
from tests.quiz.quiz_helpers import cite, prefix, single

# ---------------------------------------------------------------------------------------------
# Exports


def test_json_is_exactly_the_issue_shape_and_round_trips(quiz: list[QuizItem]) -> None:
    data = json.loads(to_json(quiz))
    for row in data:
        assert list(row) == ["type", "question", "options", "answer", "citation", "explanation"]
        assert list(row["citation"]) == ["doc", "title", "label", "path", "text"]
        expected = {"single_choice": str, "multiple_choice": list, "true_false": bool, "fill_blank": str,
                    "short_answer": str}[row["type"]]
        assert isinstance(row["answer"], expected)
        if row["type"] == "single_choice":
            assert row["answer"] in row["options"]
    assert from_json(to_json(quiz)) == quiz


def _choices(item: QuizItem) -> tuple[str, ...]:
    """The options an LMS file stores: true/false items have their own fixed pair."""
    return item.options if item.type in ("single_choice", "multiple_choice") else ()


def test_gift_round_trip(quiz: list[QuizItem]) -> None:
    read = read_gift(to_gift(quiz))
    assert len(read) == len(quiz)
    for item, back in zip(quiz, read, strict=True):
        assert (back.type, back.question, back.options) == (item.type, item.question, _choices(item))
        if item.type == "short_answer":
            assert str(item.answer) in back.feedback
        else:
            assert back.answer == item.answer
            assert back.feedback == item.explanation


def test_gift_escapes_its_special_characters(clauses: dict[str, Clause]) -> None:
    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    tricky = single(clauses, question="比例 = 1:2 {#注} ~ 约等于？\\ 换行\n第二行",
                    options=("100万", "300万", "2=00万", "1000万"))
    text = to_gift([tricky])
    assert "\\=" in text and "\\{\\#注\\}" in text and "1\\:2" in text
    [back] = read_gift(text)
    assert back.question == tricky.question and back.options == tricky.options and back.answer == "300万"


def test_gift_fill_blank_also_accepts_the_number_with_its_unit(clauses: dict[str, Clause]) -> None:
    item = QuizItem("fill_blank", prefix(clauses, "（六）") + "全面取消城区常住人口＿＿＿＿万以下的城市落户限制。", (),
                    "300", cite(clauses, "（六）"), "依据：“全面取消城区常住人口300万以下的城市落户限制”")
    assert "=300\n\t=300万\n" in to_gift([item])


def test_moodle_xml_round_trip(quiz: list[QuizItem], clauses: dict[str, Clause]) -> None:
    items = [*quiz, single(clauses, question="a < b & c > d？", options=("<1", "300万", "&2", "1000万"))]
    text = to_moodle_xml(items)
    root = ET.fromstring(text)
    assert root.tag == "quiz" and root[0].get("type") == "category"
    read = read_moodle_xml(text)
    assert len(read) == len(items)
    for item, back in zip(items, read, strict=True):
        assert (back.type, back.question, back.options) == (item.type, item.question, _choices(item))
        if item.type == "short_answer":
            assert str(item.answer) in str(back.answer)
        else:
            assert back.answer == item.answer
        assert back.feedback == item.explanation
    with pytest.raises(ValueError, match="not a Moodle XML"):
        read_moodle_xml("<html/>")


def test_docx_exam_holds_every_question_and_the_key(quiz: list[QuizItem], tmp_path: Path) -> None:
    path = tmp_path / "exam.docx"
    path.write_bytes(render_bytes(quiz, "docx"))
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    for n, item in enumerate(quiz, 1):
        assert f"{n}. {item.question}" in text
        for option in item.options if item.type != "true_false" else ():
            assert option in text
    assert text.index("答案与解析") > text.index(quiz[-1].question)


def test_markdown_prints_the_answer_key_after_all_questions(quiz: list[QuizItem]) -> None:
    md = to_markdown(quiz)
    key = md.index("## 答案与解析")
    assert md.startswith("# 《“十四五”新型城镇化实施方案》培训测验")
    assert all(md.index(f"\n{n}. ") < key for n in range(1, len(quiz) + 1))
    assert "## 单选题" in md and "## 简答题" in md
    assert "    A. " in md[:key] and "**" in md[key:]


def test_csv_has_one_row_per_item_with_letters_and_answer(quiz: list[QuizItem]) -> None:
    text = to_csv(quiz)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == len(quiz)
    for item, row in zip(quiz, rows, strict=True):
        assert row["question"] == item.question and row["label"] == item.citation.label
        if item.type == "single_choice":
            assert row["key"] == item.key_letters and row[f"option_{item.key_letters}"] == item.answer


def test_anki_tsv_has_front_back_and_tags(quiz: list[QuizItem]) -> None:
    text = to_anki(quiz)
    lines = text.splitlines()
    assert lines[:4] == ["#separator:tab", "#html:true", "#columns:Front\tBack\tTags", "#tags column:3"]
    rows = list(csv.reader(io.StringIO("\n".join(lines[4:])), delimiter="\t"))
    assert len(rows) == len(quiz) and all(len(r) == 3 for r in rows)
    for item, row in zip(quiz, rows, strict=True):
        assert {f"quiz::{item.type}", f"clause::{item.citation.label}", "policy-rag"} <= set(row[2].split())
        assert item.question.split("，")[0] in row[0] and row[1]


def test_render_rejects_unknown_formats(quiz: list[QuizItem]) -> None:
    with pytest.raises(ValueError, match="pdf"):
        render(quiz, "pdf")
    with pytest.raises(ValueError, match="render_bytes"):
        render(quiz, "docx")
    assert all(render_bytes(quiz, f) for f in FORMATS)
