"""Fixtures of the quiz tests: the implementation plan's units as the parser cut them."""

from __future__ import annotations

import json

import pytest

from rag.quiz import QuizItem, build_quiz
from rag.quiz.source import Clause, merge_units
from rag.records import Unit
from tests.quiz.quiz_helpers import DATA, PLAN


@pytest.fixture(scope="module")
def units() -> list[Unit]:
    """Clauses （五）…（三十二） of the implementation plan as the parser cut them; （五） is split in two."""
    return [Unit.from_json(d) for d in json.loads((DATA / "quiz_plan_units.json").read_text("utf-8"))]


@pytest.fixture(scope="module")
def clauses(units: list[Unit]) -> dict[str, Clause]:
    return {c.label: c for c in merge_units(units)}


@pytest.fixture(scope="module")
def quiz(units: list[Unit]) -> list[QuizItem]:
    return build_quiz(units, n=20, seed=3)


@pytest.fixture(scope="module")
def plan_units() -> list[Unit]:
    from rag.ingest.clauses import parse
    from rag.ingest.clean import clean
    from rag.ingest.load import load_file

    return list(parse(clean(load_file(PLAN, root=PLAN.parent)), max_chars=400, overlap=80).units)
