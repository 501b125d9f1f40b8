"""Constants and item makers shared by the quiz tests (fixtures are in conftest.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rag.quiz import Citation, QuizItem, check_item
from rag.quiz.source import Clause
from rag.quiz.wording import ZH

DATA = Path(__file__).resolve().parent.parent / "data"
REPO = DATA.parent.parent
PLAN = REPO / "documents" / "“十四五”新型城镇化实施方案.txt"
TITLE = "“十四五”新型城镇化实施方案"


def cite(clauses: dict[str, Clause], label: str) -> Citation:
    return clauses[label].citation()


def prefix(clauses: dict[str, Clause], label: str) -> str:
    return ZH.prefix(clauses[label])


def single(clauses: dict[str, Clause], **changes: object) -> QuizItem:
    """A valid single-choice item on （六）; ``changes`` break one rule at a time."""
    item = QuizItem(
        "single_choice",
        prefix(clauses, "（六）") + "全面取消城区常住人口多少万以下的城市落户限制？",
        ("100万", "300万", "200万", "1000万"),
        "300万",
        cite(clauses, "（六）"),
        "正确答案：300万。依据《“十四五”新型城镇化实施方案》（六）深化户籍制度改革："
        "“全面取消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。”",
    )
    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]


def true_false(clauses: dict[str, Clause], statement: str, answer: bool) -> QuizItem:
    return QuizItem("true_false", f"判断正误：{prefix(clauses, '（十）')}{statement}。", ("正确", "错误"), answer,
                    cite(clauses, "（十）"), "依据：“推进实现失业保险省级统筹，巩固完善工伤保险省级统筹”")


def multiple(clauses: dict[str, Clause], options: tuple[str, ...], answer: tuple[str, ...]) -> QuizItem:
    return QuizItem("multiple_choice",
                    prefix(clauses, "（六）")
                    + "文件提出“依法保障进城落户农民的……”，省略号处列举的包括下列哪些？（多选）",
                    options, answer, cite(clauses, "（六）"),
                    "依据：“依法保障进城落户农民的农村土地承包权、宅基地使用权、集体收益分配权”")


def fill(clauses: dict[str, Clause], before: str, answer: str, after: str) -> QuizItem:
    return QuizItem("fill_blank", f"{prefix(clauses, '（十）')}{before}＿＿＿＿{after}。", (), answer,
                    cite(clauses, "（十）"), "依据：“推进实现失业保险省级统筹，巩固完善工伤保险省级统筹”")


def problems_of(item: QuizItem) -> str:
    return " | ".join(check_item(item))
