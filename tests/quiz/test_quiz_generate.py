"""One generator per question type."""

from __future__ import annotations

import re

from rag.quiz import Selection, build_quiz, check_item, check_quiz
from rag.quiz.checks import (
    fill_slot,
    meaningful_blank,
    one_change,
    statement_of,
)
from rag.quiz.facts import enumerations, unit_at
from rag.quiz.source import Clause
from rag.quiz.text import contains, norm
from rag.records import Unit
from rag.text import has_han

# ---------------------------------------------------------------------------------------------
# One generator per type


def test_single_choice_asks_for_the_number_with_four_options(units: list[Unit], clauses: dict[str, Clause]) -> None:
    [item] = build_quiz(units, n=1, types=["single_choice"], select=Selection(clauses=("（六）",)))
    assert item.question.startswith("根据《“十四五”新型城镇化实施方案》（六）深化户籍制度改革，")
    assert re.search(r"城区常住人口(300万至)?多少万", item.question) and item.question.endswith("？")
    assert len(item.options) == 4 and item.answer in item.options
    text = clauses["（六）"].text
    assert contains(text, str(item.answer))
    assert not any(contains(text, o) for o in item.options if o != item.answer)
    assert all(o.endswith("万") for o in item.options)
    assert check_item(item) == []


def test_multiple_choice_keys_are_listed_in_the_clause_and_distractors_are_not(units: list[Unit]) -> None:
    items = build_quiz(units, n=3, types=["multiple_choice"], seed=0)
    assert items
    for item in items:
        text = item.citation.text
        assert 2 <= len(item.keys) < len(item.options) >= 4
        assert all(contains(text, k) for k in item.keys)
        assert not any(contains(text, o) for o in item.options if o not in item.keys)
        assert list(item.answer) == [o for o in item.options if o in item.keys]  # in option order
        assert check_item(item) == []


def test_enumerated_items_are_found_and_trimmed() -> None:
    sentence = "聚焦智能制造、信息技术、医疗照护、家政、养老托育等用工矛盾突出的行业和网约配送、直播销售等新业态。"
    [spans] = enumerations(sentence)
    assert [sentence[a:b] for a, b in spans] == ["智能制造", "信息技术", "医疗照护", "家政", "养老托育"]
    assert enumerations("完整、准确、全面贯彻新发展理念。") == []  # adverbs are not items


def test_true_false_statements_are_copied_or_change_exactly_one_fact(units: list[Unit]) -> None:
    items = build_quiz(units, n=6, types=["true_false"], seed=0)
    assert {i.answer for i in items} == {True, False}
    assert sum(i.answer is True for i in items) == 3  # truths alternate
    for item in items:
        statement = statement_of(item)
        if item.answer is True:
            assert contains(item.citation.text, statement)
        else:
            change = one_change(statement, item.citation.text)
            assert change is not None and not contains(item.citation.text, statement)
            original, changed, _ = change
            assert original in norm(item.explanation) and changed in norm(item.explanation)
        assert item.options == ("正确", "错误")
        assert check_item(item) == []


def test_fill_blank_masks_a_term_or_the_digits_of_a_number(units: list[Unit]) -> None:
    items = build_quiz(units, n=6, types=["fill_blank"], seed=0)
    assert len(items) == 6
    for item in items:
        assert item.question.count("＿＿＿＿") == 1 and item.options == ()
        assert meaningful_blank(str(item.answer))
        filled = fill_slot(item, str(item.answer))
        assert filled and contains(item.citation.text, filled)
    numbers = [i for i in items if str(i.answer).isdigit()]
    assert numbers and all(unit_at(i.question.split("＿＿＿＿")[1]) for i in numbers)  # the unit stays printed


def test_short_answer_reference_points_quote_the_clause(units: list[Unit]) -> None:
    [item] = build_quiz(units, n=1, types=["short_answer"], select=Selection(clauses=("（十）",)))
    assert item.question == "简述《“十四五”新型城镇化实施方案》（十）“巩固提高社会保险统筹层次和参保覆盖率”的主要内容。"
    answer = str(item.answer)
    assert answer.startswith("①推进全民参保计划") and "②" in answer
    for point in re.split("[①②③④⑤⑥⑦⑧⑨⑩]", answer)[1:]:
        assert contains(item.citation.text, point.rstrip("；。"))


def test_english_clauses_get_english_questions() -> None:
    text = ("Article 5 Housing. Provincial governments shall build 300 million square metres of rental housing. "
            "Cities shall publish their plans every 5 years. The national platform shall record every contract. "
            "County governments shall report twice a year.")
    units = [Unit("law", "Housing Rules", ("Chapter 1", "Article 5 Housing"), "Article 5", 5, text, (0, len(text))),
             Unit("law", "Housing Rules", ("Chapter 1", "Article 6 Rent"), "Article 6", 6,
                  "Article 6 Rent. Rents may rise by at most 3 percent in 2 years.", (0, 60)),
             # A short answer needs a clause of two points or more, and takes all of them.
             Unit("law", "Housing Rules", ("Chapter 1", "Article 7 Repairs"), "Article 7", 7,
                  "Article 7 Repairs. Landlords shall repair heating within 3 days. "
                  "Tenants shall report damage to the landlord in writing.", (0, 120))]
    items = build_quiz(units, n=4, types=["single_choice", "true_false", "fill_blank", "short_answer"], seed=1)
    assert items and check_quiz(items) == []
    for item in items:
        assert not has_han(item.question + item.explanation), item.question
    assert any(i.question.startswith("According to Article") for i in items)
    assert any(i.question.startswith("True or false: ") for i in items if i.type == "true_false")
