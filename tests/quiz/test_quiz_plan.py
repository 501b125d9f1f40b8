"""The real implementation plan: 50 items, all valid (integration)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from rag.quiz import QuizItem, Selection, build_quiz, check_quiz
from rag.quiz.checks import (
    fill_slot,
    position_counts,
    statement_of,
)
from rag.quiz.items import QUIZ_TYPES
from rag.quiz.text import contains
from rag.records import Unit
from tests.quiz.quiz_helpers import TITLE

# ---------------------------------------------------------------------------------------------
# The real implementation plan


def _validate_fifty(items: Sequence[QuizItem], plan_units: list[Unit]) -> None:
    labels = {u.label for u in plan_units if u.kind == "clause"}
    assert len(labels) == 52
    assert len(items) == 50
    assert check_quiz(items) == []
    assert {i.type for i in items} == set(QUIZ_TYPES)
    counts = position_counts(items)
    assert max(counts) - min(counts) <= 1
    for item in items:
        text = item.citation.text
        assert re.fullmatch(r"（[一二三四五六七八九十]+）", item.citation.label) and item.citation.label in labels
        assert item.citation.title == TITLE and item.citation.path[-1].startswith(item.citation.label)
        assert re.search(r"“[^”]{8,}”", item.explanation)
        for key in item.keys:
            assert contains(text, key)
        for option in item.options:
            if option not in item.keys and item.type != "true_false":
                assert not contains(text, option), (item.question, option)
        if item.type == "true_false":
            assert contains(text, statement_of(item)) is item.answer
        if item.type == "fill_blank":
            filled = fill_slot(item, str(item.answer))
            assert filled and contains(text, filled)


@pytest.mark.integration
def test_fifty_items_from_the_implementation_plan_are_all_valid(plan_units: list[Unit]) -> None:
    assert {u.label for u in plan_units if u.parts > 1}, "the plan has split clauses to merge back"
    _validate_fifty(build_quiz(plan_units, n=50, seed=0), plan_units)
    _validate_fifty(build_quiz(plan_units, n=50, seed=11, difficulty="hard"), plan_units)


@pytest.mark.integration
def test_plan_question_reads_like_a_trainers_question(plan_units: list[Unit]) -> None:
    [item] = build_quiz(plan_units, n=1, types=["single_choice"], select=Selection(clauses=("（六）",)))
    assert item.question.startswith("根据《“十四五”新型城镇化实施方案》（六）深化户籍制度改革，")
    assert re.search(r"城区常住人口(300万至)?多少万(以下|至500万|以上|的)", item.question)
