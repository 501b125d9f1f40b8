"""Clauses merged from passages, and the trainer's selection."""

from __future__ import annotations

import pytest

from rag.quiz import Selection, build_quiz
from rag.quiz.source import Clause, merge_units, select
from rag.records import Unit

# ---------------------------------------------------------------------------------------------
# Clauses and selection


def test_split_clause_is_merged_back_without_repeating_the_overlap(units: list[Unit],
                                                                  clauses: dict[str, Clause]) -> None:
    first, second = [u for u in units if u.label == "（五）"]
    assert second.span[0] < first.span[1], "the fixture's （五） passages overlap"
    merged = clauses["（五）"].text
    assert merged == first.text + second.text[first.span[1] - second.span[0]:]
    assert len(merged) == second.span[1] - first.span[0]


def test_passages_without_usable_spans_are_joined_on_their_overlap() -> None:
    parts = [Unit("d", "T", ("（一）甲",), "（一）", 1, "ABCDEFG", (0, 99), part=0, parts=2),
             Unit("d", "T", ("（一）甲",), "（一）", 1, "EFGHIJ", (5, 7), part=1, parts=2)]
    assert merge_units(reversed(parts))[0].text == "ABCDEFGHIJ"


def test_selection_by_document_chapter_and_clause(clauses: dict[str, Clause]) -> None:
    every = list(clauses.values())
    assert {c.label for c in select(every, Selection(chapters=("三、",)))} == {
        "（六）", "（七）", "（八）", "（九）", "（十）", "（十一）", "（十二）"}
    assert {c.label for c in select(every, Selection(chapters=("三",)))} == {
        c.label for c in select(every, Selection(chapters=("三、加快农业转移人口市民化",)))}
    assert [c.label for c in select(every, Selection(clauses=("(六)",)))] == ["（六）"]
    assert [c.label for c in select(every, Selection(clauses=("六",), docs=("新型城镇化实施方案",)))] == ["（六）"]
    with pytest.raises(ValueError, match="另一个文件"):
        select(every, Selection(docs=("另一个文件",)))


def test_run_in_heading_and_body_are_told_apart(clauses: dict[str, Clause]) -> None:
    six = clauses["（六）"]
    assert six.heading == "深化户籍制度改革"
    assert six.body.startswith("放开放宽除个别超大城市外的落户限制")
    assert "300万" in six.body  # the PDF's "300 万" is tidied for display


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"n": 0}, "the n is 0"), ({"types": ["essay"]}, "essay"), ({"difficulty": "extreme"}, "extreme")],
)
def test_build_quiz_rejects_bad_arguments_naming_the_value(units: list[Unit], kwargs: dict[str, object],
                                                           message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_quiz(units, **kwargs)  # type: ignore[arg-type]


def test_build_quiz_needs_units() -> None:
    with pytest.raises(ValueError, match="no units"):
        build_quiz([])
