"""The quiz builder: generators per type, every check, determinism, the LLM hook, the exports
and ``rag quiz``; the integration test builds 50 items from the real implementation plan."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from rag.quiz import Citation, QuizItem, Selection, build_quiz, check_item, check_quiz
from rag.quiz.checks import (
    fill_slot,
    meaningful_blank,
    one_change,
    position_counts,
    positions_balanced,
    similar_options,
    statement_of,
)
from rag.quiz.checks import tested_sentences as evidence  # not named test_* for pytest
from rag.quiz.cli import quiz_command
from rag.quiz.distractors import Pool, distractors
from rag.quiz.draft import ChatModelDrafter, build_messages, item_from_draft
from rag.quiz.export import (
    FORMATS,
    from_json,
    read_gift,
    read_moodle_xml,
    render,
    render_bytes,
    to_anki,
    to_csv,
    to_gift,
    to_json,
    to_markdown,
    to_moodle_xml,
)
from rag.quiz.export.gift import escape
from rag.quiz.facts import Fact, enumerations, facts, unit_at
from rag.quiz.items import QUIZ_TYPES
from rag.quiz.source import Clause, merge_units, select
from rag.quiz.text import contains, norm
from rag.quiz.wording import ZH
from rag.records import Unit
from rag.settings import Settings

DATA = Path(__file__).resolve().parent / "data"
REPO = DATA.parent.parent
PLAN = REPO / "documents" / "“十四五”新型城镇化实施方案.txt"
TITLE = "“十四五”新型城镇化实施方案"


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
                  "Article 6 Rent. Rents may rise by at most 3 percent in 2 years.", (0, 60))]
    items = build_quiz(units, n=4, types=["single_choice", "true_false", "fill_blank", "short_answer"], seed=1)
    assert items and check_quiz(items) == []
    for item in items:
        assert not re.search(r"[\u4e00-\u9fff]", item.question + item.explanation), item.question
    assert any(i.question.startswith("According to Article") for i in items)
    assert any(i.question.startswith("True or false: ") for i in items if i.type == "true_false")


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


# ---------------------------------------------------------------------------------------------
# Distractors


def test_distractors_never_state_something_the_clause_says(units: list[Unit], clauses: dict[str, Clause]) -> None:
    import random

    pool = Pool.build(clauses.values())
    rng = random.Random(0)
    checked = 0
    for clause in clauses.values():
        for fact in facts(clause):
            for wrong in distractors(fact, pool, rng, 3):
                assert not contains(clause.text, wrong), (clause.label, fact.term, wrong)
                assert norm(wrong) != norm(fact.term)
                checked += 1
    assert checked > 100


def test_number_distractors_keep_the_unit_and_the_range(clauses: dict[str, Clause]) -> None:
    import random

    six = clauses["（六）"]
    sentence = next(s for s in six.sentences if s.startswith("全面放宽"))
    start = sentence.index("300万")
    fact = Fact(six, sentence, start, start + 4, "number", unit="万")
    wrong = distractors(fact, Pool.build(clauses.values()), random.Random(1), 3)
    assert len(wrong) == 3
    assert all(w.endswith("万") and float(w[:-1]) < 500 for w in wrong)  # "…至500万": below the upper end


def test_scope_words_are_swapped_within_their_level_group(clauses: dict[str, Clause]) -> None:
    ten = [f for f in facts(clauses["（十）"]) if f.kind == "swap" and f.term == "省级"]
    assert ten and set(ten[0].group) == {"全国", "市级", "县级"}
    swaps = {f.term for c in clauses.values() for f in facts(c) if f.kind == "swap"}
    assert "城市" in swaps and not any(f.term == "城市" and f.sentence[f.end:f.end + 1] == "群"
                                     for c in clauses.values() for f in facts(c))


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


# ---------------------------------------------------------------------------------------------
# The LLM drafting hook


def _draft_json(question: str, answer: str) -> str:
    return json.dumps({"question": question, "options": ["100万", "300万", "200万", "1000万"], "answer": answer,
                       "explanation": "依据原文：“全面取消城区常住人口300万以下的城市落户限制”"}, ensure_ascii=False)


def test_llm_draft_that_passes_the_checks_is_used(units: list[Unit], clauses: dict[str, Clause]) -> None:
    question = prefix(clauses, "（六）") + "全面取消城区常住人口多少万以下的城市落户限制？"
    model = FakeListChatModel(responses=[f"```json\n{_draft_json(question, '300万')}\n```"])
    [item] = build_quiz(units, n=1, types=["single_choice"], select=Selection(clauses=("（六）",)),
                        drafter=ChatModelDrafter(model))
    assert item.question == question and item.answer == "300万"
    assert item.citation == clauses["（六）"].citation()  # the citation is never the model's


def test_llm_draft_with_a_wrong_key_is_replaced_by_an_offline_item(units: list[Unit],
                                                                  clauses: dict[str, Clause]) -> None:
    question = prefix(clauses, "（六）") + "全面取消城区常住人口多少万以下的城市落户限制？"
    model = FakeListChatModel(responses=[_draft_json(question, "200万")])
    [item] = build_quiz(units, n=1, types=["single_choice"], select=Selection(clauses=("（六）",)),
                        drafter=ChatModelDrafter(model))
    assert check_item(item) == [] and item.answer != "200万"


def test_a_failing_drafter_does_not_stop_the_quiz(units: list[Unit]) -> None:
    class Broken:
        def draft(self, citation: Citation, qtype: str, *, difficulty: str) -> QuizItem | None:
            raise RuntimeError("model unavailable")

    items = build_quiz(units, n=3, seed=1, drafter=Broken())  # type: ignore[arg-type]
    assert len(items) == 3 and check_quiz(items) == []


def test_malformed_drafts_are_none(clauses: dict[str, Clause]) -> None:
    c = cite(clauses, "（六）")
    assert item_from_draft("not json", c, "single_choice") is None
    assert item_from_draft({"question": "q", "answer": "yes"}, c, "true_false") is None
    assert item_from_draft({"question": "q", "answer": "A"}, c, "multiple_choice") is None
    assert item_from_draft({"question": "q", "answer": ["A"], "options": "A"}, c, "multiple_choice") is None
    tf = item_from_draft({"question": "q", "answer": True, "explanation": "e"}, c, "true_false")
    assert tf is not None and tf.answer is True
    model = FakeListChatModel(responses=["I cannot do that."])
    assert ChatModelDrafter(model).draft(c, "single_choice", difficulty="medium") is None


def test_drafting_prompt_names_the_clause_and_its_prefix(clauses: dict[str, Clause]) -> None:
    system, human = build_messages(cite(clauses, "（六）"), "fill_blank", "hard")
    assert prefix(clauses, "（六）") in str(system.content) and "＿＿＿＿" in str(system.content)
    assert "全面取消城区常住人口" in str(human.content) and "hard" in str(human.content)


def test_no_drafter_without_a_configured_llm() -> None:
    assert ChatModelDrafter.from_settings(Settings()) is None


# ---------------------------------------------------------------------------------------------
# Exports


def test_json_is_exactly_the_issue_shape_and_round_trips(quiz: list[QuizItem]) -> None:
    data = json.loads(to_json(quiz))
    for row in data:
        assert list(row) == ["type", "question", "options", "answer", "citation", "explanation"]
        assert list(row["citation"]) == ["doc", "title", "label", "path", "text"]
        expected = {"single_choice": str, "multiple_choice": list, "true_false": bool, "fill_blank": str,
                    "short_answer": str}[row["type"]]
        assert isinstance(row["answer"], expected)
        if row["type"] == "single_choice":
            assert row["answer"] in row["options"]
    assert from_json(to_json(quiz)) == quiz


def _choices(item: QuizItem) -> tuple[str, ...]:
    """The options an LMS file stores: true/false items have their own fixed pair."""
    return item.options if item.type in ("single_choice", "multiple_choice") else ()


def test_gift_round_trip(quiz: list[QuizItem]) -> None:
    read = read_gift(to_gift(quiz))
    assert len(read) == len(quiz)
    for item, back in zip(quiz, read, strict=True):
        assert (back.type, back.question, back.options) == (item.type, item.question, _choices(item))
        if item.type == "short_answer":
            assert str(item.answer) in back.feedback
        else:
            assert back.answer == item.answer
            assert back.feedback == item.explanation


def test_gift_escapes_its_special_characters(clauses: dict[str, Clause]) -> None:
    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    tricky = single(clauses, question="比例 = 1:2 {#注} ~ 约等于？\\ 换行\n第二行",
                    options=("100万", "300万", "2=00万", "1000万"))
    text = to_gift([tricky])
    assert "\\=" in text and "\\{\\#注\\}" in text and "1\\:2" in text
    [back] = read_gift(text)
    assert back.question == tricky.question and back.options == tricky.options and back.answer == "300万"


def test_gift_fill_blank_also_accepts_the_number_with_its_unit(clauses: dict[str, Clause]) -> None:
    item = QuizItem("fill_blank", prefix(clauses, "（六）") + "全面取消城区常住人口＿＿＿＿万以下的城市落户限制。", (),
                    "300", cite(clauses, "（六）"), "依据：“全面取消城区常住人口300万以下的城市落户限制”")
    assert "=300\n\t=300万\n" in to_gift([item])


def test_moodle_xml_round_trip(quiz: list[QuizItem], clauses: dict[str, Clause]) -> None:
    items = [*quiz, single(clauses, question="a < b & c > d？", options=("<1", "300万", "&2", "1000万"))]
    text = to_moodle_xml(items)
    root = ET.fromstring(text)
    assert root.tag == "quiz" and root[0].get("type") == "category"
    read = read_moodle_xml(text)
    assert len(read) == len(items)
    for item, back in zip(items, read, strict=True):
        assert (back.type, back.question, back.options) == (item.type, item.question, _choices(item))
        if item.type == "short_answer":
            assert str(item.answer) in str(back.answer)
        else:
            assert back.answer == item.answer
        assert back.feedback == item.explanation
    with pytest.raises(ValueError, match="not a Moodle XML"):
        read_moodle_xml("<html/>")


def test_docx_exam_holds_every_question_and_the_key(quiz: list[QuizItem], tmp_path: Path) -> None:
    path = tmp_path / "exam.docx"
    path.write_bytes(render_bytes(quiz, "docx"))
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    for n, item in enumerate(quiz, 1):
        assert f"{n}. {item.question}" in text
        for option in item.options if item.type != "true_false" else ():
            assert option in text
    assert text.index("答案与解析") > text.index(quiz[-1].question)


def test_markdown_prints_the_answer_key_after_all_questions(quiz: list[QuizItem]) -> None:
    md = to_markdown(quiz)
    key = md.index("## 答案与解析")
    assert md.startswith("# 《“十四五”新型城镇化实施方案》培训测验")
    assert all(md.index(f"\n{n}. ") < key for n in range(1, len(quiz) + 1))
    assert "## 单选题" in md and "## 简答题" in md
    assert "    A. " in md[:key] and "**" in md[key:]


def test_csv_has_one_row_per_item_with_letters_and_answer(quiz: list[QuizItem]) -> None:
    text = to_csv(quiz)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == len(quiz)
    for item, row in zip(quiz, rows, strict=True):
        assert row["question"] == item.question and row["label"] == item.citation.label
        if item.type == "single_choice":
            assert row["key"] == item.key_letters and row[f"option_{item.key_letters}"] == item.answer


def test_anki_tsv_has_front_back_and_tags(quiz: list[QuizItem]) -> None:
    text = to_anki(quiz)
    lines = text.splitlines()
    assert lines[:4] == ["#separator:tab", "#html:true", "#columns:Front\tBack\tTags", "#tags column:3"]
    rows = list(csv.reader(io.StringIO("\n".join(lines[4:])), delimiter="\t"))
    assert len(rows) == len(quiz) and all(len(r) == 3 for r in rows)
    for item, row in zip(quiz, rows, strict=True):
        assert {f"quiz::{item.type}", f"clause::{item.citation.label}", "policy-rag"} <= set(row[2].split())
        assert item.question.split("，")[0] in row[0] and row[1]


def test_render_rejects_unknown_formats(quiz: list[QuizItem]) -> None:
    with pytest.raises(ValueError, match="pdf"):
        render(quiz, "pdf")
    with pytest.raises(ValueError, match="render_bytes"):
        render(quiz, "docx")
    assert all(render_bytes(quiz, f) for f in FORMATS)


# ---------------------------------------------------------------------------------------------
# The command


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(quiz_command, ["--documents", str(DATA / "quiz_docs"), *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_prints_the_items_as_json() -> None:
    code, out, _ = _run("--n", "5", "--json", "--seed", "1")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 5 and all(set(d) == {"type", "question", "options", "answer", "citation", "explanation"}
                                  for d in data)
    assert all(d["citation"]["title"] == "示例实施方案" for d in data)


def test_cli_writes_a_gift_file(tmp_path: Path) -> None:
    out = tmp_path / "quiz.gift"
    code, _, err = _run("--n", "4", "--types", "single,tf", "--format", "gift", "-o", str(out))
    assert code == 0 and "wrote 4 questions" in err
    assert {q.type for q in read_gift(out.read_text("utf-8"))} == {"single_choice", "true_false"}


def test_cli_selects_a_clause_and_reports_a_short_quiz() -> None:
    code, out, err = _run("--clause", "（一）", "--n", "30", "--json")
    assert code == 0 and "only" in err
    assert {d["citation"]["label"] for d in json.loads(out)} == {"（一）"}


def test_cli_runs_under_a_group_with_its_settings() -> None:
    group = click.Group()
    group.add_command(quiz_command)
    result = CliRunner().invoke(group, ["quiz", "--documents", str(DATA / "quiz_docs"), "--n", "2", "--json"],
                                obj=Settings())
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--types", "essay"], "essay"), (["--format", "docx"], "needs -o"),
     (["--clause", "（九十九）"], "no clause matches"), (["--n", "0"], "0")],
)
def test_cli_errors_name_the_bad_value(args: list[str], message: str) -> None:
    code, out, err = _run(*args)
    assert code != 0 and message in out + err


# ---------------------------------------------------------------------------------------------
# The real implementation plan


@pytest.fixture(scope="module")
def plan_units() -> list[Unit]:
    from rag.ingest.clauses import parse
    from rag.ingest.clean import clean
    from rag.ingest.load import load_file

    return list(parse(clean(load_file(PLAN, root=PLAN.parent)), max_chars=400, overlap=80).units)


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
