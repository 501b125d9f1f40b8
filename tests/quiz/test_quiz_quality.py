"""Quality of items: wrong options of the key's kind, and short answers whose points are the
clause's own enumeration numbered ①②③ (never a whole clause as a lone ①)."""

from __future__ import annotations

import re

import pytest

from rag.quiz import QuizItem, build_quiz
from rag.quiz.checks import answer_points
from rag.quiz.kinds import phrase_kind, same_kind
from rag.quiz.points import clause_points, enumerated, statements
from rag.quiz.source import Clause
from rag.quiz.text import contains
from rag.records import Unit


@pytest.mark.parametrize(("phrase", "kind"), [
    ("300万", "number"), ("2025年", "number"), ("30%", "number"), ("十五", "number"),
    ("人民群众", "body"), ("党组织领导", "body"), ("农业转移人口", "body"), ("人力资源社会保障部门", "body"),
    ("supervisory authority", "body"), ("the provider", "body"),
    ("基本公共服务", "measure"), ("住房保障", "measure"), ("推进全民参保", "measure"), ("户籍制度", "measure"),
    ("risk management system", "measure"), ("conformity assessment", "measure"),
    ("县城", "other"), ("黄河", "other"), ("省级", "other"), ("", "other"),
    ("中心城市", "place"), ("西部地区", "place"),
])
def test_phrase_kind(phrase: str, kind: str) -> None:
    assert phrase_kind(phrase) == kind


def test_same_kind_refuses_only_two_known_different_kinds() -> None:
    assert not same_kind("人民群众", "公共服务")
    assert not same_kind("300万", "住房保障")
    assert same_kind("养老服务", "公共服务") and same_kind("黄河", "公共服务")


def test_no_quiz_option_is_of_another_known_kind_than_its_key(quiz: list[QuizItem]) -> None:
    checked = 0
    for item in quiz:
        if item.type not in ("single_choice", "multiple_choice") or not item.keys:
            continue
        key_kinds = {phrase_kind(k) for k in item.keys} - {"other"}
        for option in item.options:
            if option not in item.keys and key_kinds and phrase_kind(option) != "other":
                checked += 1
                assert phrase_kind(option) in key_kinds, (item.question, item.keys, option)
    assert checked, "the quiz has choice items whose options have known kinds"


def _clause(body: str, label: str = "第十条") -> Clause:
    return Clause("law", "条例", (label,), label, 10, f"{label} {body}", kind="article")


def test_enumerated_items_become_the_points() -> None:
    body = ("有下列情形之一的，应当认定为工伤：（一）在工作时间和工作场所内，因工作原因受到事故伤害的；"
            "（二）工作时间前后在工作场所内，从事与工作有关的预备性工作受到事故伤害的；（三）患职业病的。")
    assert enumerated(body) == ["在工作时间和工作场所内，因工作原因受到事故伤害的",
                                "工作时间前后在工作场所内，从事与工作有关的预备性工作受到事故伤害的", "患职业病的"]
    points, more = clause_points(_clause(body))
    assert len(points) == 3 and more == 0


def test_numbered_and_yishi_enumerations() -> None:
    assert enumerated("主要任务：1. 放开落户限制。2. 完善住房保障。") == ["放开落户限制", "完善住房保障"]
    assert enumerated("一是健全制度，二是加强监管。") == ["健全制度", "加强监管"]
    assert enumerated("只有一项（一）内容。") == []


def test_semicolon_statements_are_points_when_there_is_no_enumeration() -> None:
    found = statements(["推进全民参保计划；巩固完善工伤保险省级统筹。"])
    assert found == ["推进全民参保计划", "巩固完善工伤保险省级统筹"]


def test_a_one_statement_clause_has_no_points_and_gets_no_short_answer() -> None:
    clause = _clause("用人单位应当按时缴纳工伤保险费。")
    assert clause_points(clause) == ([], 0)
    unit = Unit("law", "条例", ("第十条",), "第十条", 10, clause.text, (0, len(clause.text)), kind="article")
    assert build_quiz([unit], n=1, types=("short_answer",)) == []


def test_short_answers_number_two_or_more_points_each_in_the_clause(units: list[Unit]) -> None:
    items = build_quiz(units, n=8, types=("short_answer",), seed=5)
    assert items
    for item in items:
        answer = str(item.answer)
        points = answer_points(answer)
        assert len(points) >= 2 and answer.startswith("①") and "②" in answer, answer
        assert all(contains(item.citation.text, p) for p in points)
        assert not re.search("①.*①", answer)
