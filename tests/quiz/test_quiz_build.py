"""The quiz as a whole: determinism, checks, balance, spread."""

from __future__ import annotations

from rag.quiz import QuizItem, Selection, build_quiz, check_quiz
from rag.quiz.checks import (
    position_counts,
)
from rag.quiz.items import QUIZ_TYPES
from rag.records import Unit

# ---------------------------------------------------------------------------------------------
# The quiz as a whole


def test_same_seed_gives_the_same_quiz(units: list[Unit]) -> None:
    first = [i.to_json() for i in build_quiz(units, n=15, seed=42)]
    again = [i.to_json() for i in build_quiz(units, n=15, seed=42)]
    other = [i.to_json() for i in build_quiz(units, n=15, seed=43)]
    assert first == again
    assert first != other


def test_quiz_passes_every_check(quiz: list[QuizItem]) -> None:
    assert len(quiz) == 20
    assert check_quiz(quiz) == []
    assert [i.type for i in quiz] == sorted((i.type for i in quiz), key=QUIZ_TYPES.index)  # grouped by type
    assert set(i.type for i in quiz) == set(QUIZ_TYPES)


def test_single_choice_answer_positions_are_balanced(units: list[Unit]) -> None:
    items = build_quiz(units, n=12, types=["single_choice"], seed=5)
    counts = position_counts(items)
    assert sum(counts) == len(items) >= 8 and max(counts) - min(counts) <= 1


def test_types_are_spread_evenly(units: list[Unit]) -> None:
    items = build_quiz(units, n=10, types=["fill_blank", "true_false"], seed=2)
    assert [i.type for i in items] == ["fill_blank"] * 5 + ["true_false"] * 5


def test_small_selection_returns_fewer_items_rather_than_repeating_a_sentence(units: list[Unit]) -> None:
    items = build_quiz(units, n=40, select=Selection(clauses=("（六）",)))
    assert 0 < len(items) < 40
    assert check_quiz(items) == []
    assert {i.citation.label for i in items} == {"（六）"}
