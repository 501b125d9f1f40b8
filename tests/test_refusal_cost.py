"""The refusal cost per question language (evals/refusal_cost.py) over rag eval records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.refusal_cost import Cost, costs, main, system_questions


def _q(question: str, answerable: bool, abstained: bool, rank: int | None) -> dict[str, object]:
    return {"question": question, "answerable": answerable, "abstained": abstained, "rank": rank}


QUESTIONS = [
    _q("能贷多少？", False, False, None),  # unanswerable answered
    _q("几月份？", True, False, 7),  # answered, gold not in the first five
    _q("多少天？", True, True, 1),  # needless refusal
    _q("哪一年？", True, True, None),  # refused, nothing to answer from: no cost
    _q("How long?", True, False, 1),  # answered right
    _q("How much?", False, True, None),  # refused right
]


def test_costs_count_wrong_answers_and_needless_refusals_per_language() -> None:
    found = costs(QUESTIONS)
    assert found["zh"] == Cost(4, 1, 1, 1) and found["zh"].total(2) == 5 and found["zh"].total(1) == 3
    assert found["en"] == Cost(2, 0, 0, 0)


def test_a_run_s_system_is_read_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = {"systems": [{"name": "default", "questions": QUESTIONS}, {"name": "loco", "questions": QUESTIONS[:1]}]}
    assert len(system_questions(run, "loco")) == 1 and len(system_questions(run, "default")) == 6
    with pytest.raises(ValueError, match="no system 'naive'"):
        system_questions(run, "naive")
    path = tmp_path / "run.json"
    path.write_text(json.dumps(run), encoding="utf-8")
    assert main([str(path), "--system", "loco"]) == 0
    assert "zh  questions 1  unanswerable answered 1" in capsys.readouterr().out
