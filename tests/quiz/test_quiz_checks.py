"""Every check, each with an item that breaks it."""

from __future__ import annotations

import dataclasses

import pytest

from rag.quiz import Citation, QuizItem, check_item, check_quiz
from rag.quiz.checks import (
    meaningful_blank,
    one_change,
    position_counts,
    positions_balanced,
    similar_options,
)
from rag.quiz.checks import tested_sentences as evidence  # not named test_* for pytest
from rag.quiz.source import Clause
from tests.quiz.quiz_helpers import cite, fill, multiple, prefix, problems_of, single, true_false

# ---------------------------------------------------------------------------------------------
# Every check, each with an item that breaks it


def test_hand_made_valid_items_pass(clauses: dict[str, Clause]) -> None:
    assert check_item(single(clauses)) == []
    assert check_item(true_false(clauses, "推进实现失业保险省级统筹", True)) == []
    assert check_item(true_false(clauses, "推进实现失业保险全国统筹", False)) == []
    assert check_item(multiple(clauses, ("农村土地承包权", "集体林权", "宅基地使用权", "承包地经营权"),
                               ("农村土地承包权", "宅基地使用权"))) == []
    assert check_item(fill(clauses, "推进实现失业保险", "省级", "统筹")) == []


def test_check_rejects_a_key_the_clause_does_not_support(clauses: dict[str, Clause]) -> None:
    wrong = single(clauses, answer="200万")
    assert "not supported" in problems_of(wrong)
    assert "'300万' is supported" in problems_of(wrong)  # the real answer left as a distractor


def test_check_rejects_a_distractor_the_clause_states(clauses: dict[str, Clause]) -> None:
    item = single(clauses, options=("100万", "300万", "500万", "1000万"))  # 500万 is in （六） too
    assert "distractor '500万' is supported" in problems_of(item)


def test_check_rejects_a_distractor_true_elsewhere_in_the_clause(clauses: dict[str, Clause]) -> None:
    # （十） also says "做实基本医疗保险市级统筹": a trainee who knows it could pick 市级.
    item = QuizItem("single_choice", f"{prefix(clauses, '（十）')}稳步推进基本养老保险（　　）统筹。",
                    ("全国", "县级", "市级", "乡级"), "全国", cite(clauses, "（十）"),
                    "依据：“稳步推进基本养老保险全国统筹。”")
    assert "distractor '市级' is supported" in problems_of(item)
    assert check_item(dataclasses.replace(item, options=("全国", "县级", "乡级", "村级"))) == []


def test_check_rejects_options_of_different_length_or_form(clauses: dict[str, Clause]) -> None:
    item = single(clauses, options=("100万", "300万", "200万", "城区常住人口较多的城市"))
    assert "differ in length or form" in problems_of(item)


@pytest.mark.parametrize(
    ("change", "message"),
    [({"question": " "}, "question is empty"),
     ({"citation": Citation("d", "T", "（六）", ("（六）",), " ")}, "no clause text"),
     ({"options": ("100万", "300万", "200万")}, "4 options, not 3"),
     ({"options": ("100万", "300万", "100万", "1000万")}, "two options are the same"),
     ({"options": ("100万", "400万", "200万", "1000万")}, "not among the options"),
     ({"options": ("的", "和", "与", "及"), "answer": "的"}, "not a meaningful term")],
)
def test_check_rejects_malformed_single_choice(clauses: dict[str, Clause], change: dict[str, object],
                                               message: str) -> None:
    assert message in problems_of(single(clauses, **change))


def test_check_rejects_malformed_multiple_choice_and_blanks(clauses: dict[str, Clause]) -> None:
    three = multiple(clauses, ("农村土地承包权", "集体林权", "宅基地使用权"), ("农村土地承包权", "宅基地使用权"))
    assert "at least 4 options" in problems_of(three)
    all_keys = multiple(clauses, ("农村土地承包权", "集体收益分配权", "宅基地使用权", "三权"),
                        ("农村土地承包权", "集体收益分配权", "宅基地使用权", "三权"))
    assert "a wrong option" in problems_of(all_keys)
    no_blank = dataclasses.replace(fill(clauses, "推进实现失业保险", "省级", "统筹"),
                                   question=prefix(clauses, "（十）") + "推进实现失业保险什么统筹？")
    assert "has no blank" in problems_of(no_blank)


@pytest.mark.parametrize("blank", ["的", "，", "和", "等", "", "的城市"])
def test_check_rejects_a_blank_over_a_stop_word_or_punctuation(clauses: dict[str, Clause], blank: str) -> None:
    item = fill(clauses, "推进实现失业保险省级统筹", blank, "巩固完善工伤保险省级统筹")
    assert "masks no meaningful term" in problems_of(item)


@pytest.mark.parametrize(("text", "ok"), [("300", True), ("省级", True), ("医疗照护", True), ("的", False),
                                          ("，", False), ("进一步", False), ("的城市", False), ("城市和", False),
                                          ("the", False), ("provincial", True), ("", False)])
def test_meaningful_blank(text: str, ok: bool) -> None:
    assert meaningful_blank(text) is ok


@pytest.mark.parametrize(("options", "ok"), [(("100万", "300万", "200万", "1000万"), True),
                                             (("100万", "300万", "200个", "1000万"), False),
                                             (("100万", "300万", "两百万", "1000万"), False),
                                             (("家政", "信息技术", "智能制造", "医疗照护"), True),
                                             (("家政", "信息技术", "面向新生代农民工的职业技能培训", "照护"), False),
                                             (("家政", "IT", "智能制造", "医疗照护"), False)])
def test_similar_options(options: tuple[str, ...], ok: bool) -> None:
    assert similar_options(options) is ok


def test_check_rejects_a_question_that_prints_its_key(clauses: dict[str, Clause]) -> None:
    shown = fill(clauses, "推进实现失业保险", "省级", "统筹，巩固完善工伤保险省级统筹")
    assert "prints its own answer" in problems_of(shown)
    choice = single(clauses, question=prefix(clauses, "（六）") + "城区常住人口多少万（300万）以下的城市取消落户限制？")
    assert "prints its own key" in problems_of(choice)


def test_check_rejects_an_explanation_without_a_quote_of_the_clause(clauses: dict[str, Clause]) -> None:
    assert "does not quote" in problems_of(single(clauses, explanation="正确答案：300万。"))
    assert "does not quote" in problems_of(single(clauses, explanation="依据：“全面取消所有城市落户限制。”"))


def test_check_true_false_rules(clauses: dict[str, Clause]) -> None:
    assert "true statement is not in the clause" in problems_of(true_false(clauses, "推进实现失业保险全国统筹", True))
    assert "false statement is stated" in problems_of(true_false(clauses, "推进实现失业保险省级统筹", False))
    two_changes = true_false(clauses, "推进实现医疗保险省级统筹，巩固完善工伤保险全国统筹", False)
    assert "exactly one fact" in problems_of(two_changes)
    rewritten = true_false(clauses, "全国所有城市都要统一社会保险政策", False)
    assert "exactly one fact" in problems_of(rewritten)


def test_one_change_finds_the_changed_fact() -> None:
    clause = "做实基本医疗保险市级统筹，推动省级统筹。推进实现失业保险省级统筹。"
    assert one_change("推进实现失业保险全国统筹", clause) == ("省级", "全国", "推进实现失业保险省级统筹")
    assert one_change("推进实现失业保险省级统筹", clause) is None  # true, nothing changed
    assert one_change("全国统一大市场建设取得重大进展", clause) is None  # not the clause's words


def test_check_multiple_choice_rules(clauses: dict[str, Clause]) -> None:
    true_distractor = multiple(clauses, ("农村土地承包权", "集体收益分配权", "宅基地使用权", "承包地经营权"),
                               ("农村土地承包权", "宅基地使用权"))
    assert "distractor '集体收益分配权' is stated in the clause" in problems_of(true_distractor)
    one_key = multiple(clauses, ("农村土地承包权", "集体林权", "林地经营权", "承包地经营权"), ("农村土地承包权",))
    assert "2 or more keys" in problems_of(one_key)
    unsupported = multiple(clauses, ("农村土地承包权", "集体林权", "宅基地使用权", "承包地经营权"),
                           ("农村土地承包权", "集体林权"))
    assert "key '集体林权' is not in the clause" in problems_of(unsupported)


def test_check_short_answer_points_must_be_in_the_clause(clauses: dict[str, Clause]) -> None:
    good = QuizItem("short_answer", "简述（十）的主要内容。", (), "①推进全民参保计划；②稳步推进基本养老保险全国统筹。",
                    cite(clauses, "（十）"), "依据：“推进全民参保计划，实现社会保险法定人群全覆盖。”")
    assert check_item(good) == []
    bad = dataclasses.replace(good, answer="①推进全民参保计划；②全面实现养老保险省级统筹。")
    assert "not in the clause" in problems_of(bad)


def test_check_quiz_rejects_two_items_on_one_sentence(clauses: dict[str, Clause]) -> None:
    a = single(clauses)
    b = fill(clauses, "推进实现失业保险", "省级", "统筹")
    c = true_false(clauses, "巩固完善工伤保险省级统筹", True)  # the same sentence of （十） as b
    assert check_quiz([a, b]) == [] and check_item(c) == []
    assert any("same sentence" in p for p in check_quiz([a, b, c]))
    statements = QuizItem(
        "multiple_choice", f"{prefix(clauses, '（十）')}下列说法正确的有哪些？（多选）",
        ("推进全民参保计划，实现社会保险法定人群全覆盖", "稳步推进基本养老保险全国统筹",
         "推进实现失业保险全国统筹，巩固完善工伤保险省级统筹", "做实基本医疗保险县级统筹，推动省级统筹"),
        ("推进全民参保计划，实现社会保险法定人群全覆盖", "稳步推进基本养老保险全国统筹"),
        cite(clauses, "（十）"), "依据：“推进全民参保计划，实现社会保险法定人群全覆盖。”")
    assert check_item(statements) == []
    assert any("same sentence" in p for p in check_quiz([b, statements]))  # its false option came from b's
    assert evidence(a) and evidence(a).isdisjoint(evidence(b))


def test_check_quiz_rejects_unbalanced_answer_positions(clauses: dict[str, Clause]) -> None:
    at_a = [single(clauses, options=("300万", "100万", "200万", "1000万"))] * 3
    assert position_counts(at_a) == [3, 0, 0, 0] and not positions_balanced(at_a)
    assert any("unbalanced" in p for p in check_quiz(at_a))
