"""Numbering warnings: gaps, duplicates, out of order; run-on versus restart."""

from __future__ import annotations

from rag.ingest.clauses import parse
from rag.ingest.numerals import int_to_cn
from tests.ingest_helpers import doc


def clauses(*numbers: int) -> str:
    return "一、甲\n" + "\n".join(f"（{int_to_cn(n)}）第{n}项内容。" for n in numbers) + "\n二、乙\n（一）另项。"


def test_gap_duplicate_and_out_of_order_are_warned() -> None:
    assert parse(doc(clauses(1, 2, 4, 5, 6), "方案")).warnings == ("方案: （四） follows （二） at level （一） (gap)",)
    assert parse(doc(clauses(1, 2, 2, 3, 4), "方案")).warnings == (
        "方案: （二） follows （二） at level （一） (duplicate)",
    )
    assert parse(doc(clauses(1, 2, 4, 3, 5, 6), "方案")).warnings == (
        "方案: （四） follows （二） at level （一） (gap)",
        "方案: （三） follows （四） at level （一） (out of order)",
    )


def test_numbering_may_run_on_across_chapters_or_restart_without_warnings() -> None:
    runs_on = "一、甲\n（一）子。\n（二）子。\n二、乙\n（三）子。\n（四）子。\n三、丙\n（五）子。"
    restarts = "一、甲\n（一）子。\n（二）子。\n二、乙\n（一）子。\n（二）子。\n三、丙\n（一）子。"
    assert parse(doc(runs_on)).warnings == ()
    assert parse(doc(restarts)).warnings == ()


def test_a_restart_that_skips_one_is_warned_under_its_parent() -> None:
    text = "一、甲\n（一）子。\n（二）子。\n二、乙\n（一）子。\n（三）子。\n三、丙\n（一）子。"
    assert parse(doc(text, "文章")).warnings == ("文章: （三） follows （一） at level （一） (gap)",)


def test_a_run_that_does_not_start_at_one() -> None:
    assert parse(doc("一、甲\n（二）子。\n（三）子。\n二、乙\n（一）子。", "文章")).warnings == (
        "文章: （二） opens level （一） under 一、甲 (gap)",
    )
