"""Article references: parsing (Chinese numerals up to 百, Arabic, English) and exact lookup."""

from __future__ import annotations

import pytest

from rag.query.refs import ArticleRef, heading_ref, lookup, mentioned_docs, parse_refs, to_int
from tests.answer_fixtures import PAPER, PLAN, REG, units


@pytest.mark.parametrize(
    ("token", "value"),
    [("六", 6), ("十", 10), ("十二", 12), ("二十六", 26), ("五十二", 52), ("九十九", 99), ("一百", 100),
     ("一百零三", 103), ("两", 2), ("12", 12), ("１２", 12), ("IV", 4), ("iv", 4), ("XII", 12),
     ("abc", None), ("", None)],
)
def test_numerals(token: str, value: int | None) -> None:
    assert to_int(token) == value


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("第六条讲了什么", [("article", (6,))]),
        ("第十二条", [("article", (12,))]),
        ("实施方案第十二条讲了什么", [("article", (12,))]),
        ("第一百条", [("article", (100,))]),
        ("民法典第一千一百六十五条怎么规定的", [("article", (1165,))]),
        ("刑法第十七条之一讲什么", [("article", (17, 1))]),
        ("What does Title III Chapter 2 of PSD2 say?", [("title", (3,)), ("chapter", (2,))]),
        ("依照第三十条之规定", [("article", (30,))]),
        ("第 12 条是什么", [("article", (12,))]),
        ("（六）讲了什么", [("item", (6,))]),
        ("(二十六)是关于什么的", [("item", (26,))]),
        ("(6) 说了什么", [("subitem", (6,))]),
        ("第三部分讲了什么", [("part", (3,))]),
        ("第三章", [("chapter", (3,))]),
        ("第二节", [("section", (2,))]),
        ("三、讲了什么", [("chapter", (3,))]),
        ("第四部分（二）讲什么", [("part", (4,)), ("item", (2,))]),
        ("实施意见三（一）是关于什么的？", [("chapter", (3,)), ("item", (1,))]),
        ("那三（二）呢？", [("chapter", (3,)), ("item", (2,))]),
        ("统一（一）讲了什么", [("item", (1,))]),
        # An ordinal or a word in 一 before 、 cites no part 一、 (stop 64, hz34-05 was answered
        # with part 一、's first items): "排第一、", "统一、".
        ("听说重庆面积排第一、收入却垫底，人均可支配收入是多少？", []),
        ("统一、规范的户籍制度是什么", []),
        ("What does item (4) of Part III say?", [("item", (4,)), ("part", (3,))]),  # not a sub-item "(4)"
        ("What does Article 5 say?", [("article", (5,))]),
        ("What does clause 26 of the implementation plan cover?", [("article", (26,))]),
        ("See Section 2.1", [("section", (2, 1))]),
        ("Part II of the plan", [("part", (2,))]),
        ("Civil Code 1798.106", [("section", (1798, 106))]),
        ("What does Cal. Civ. Code section 1798.105 require?", [("section", (1798, 105))]),
        ("Labor Code 2802", [("section", (2802,))]),
        ("加州民法典第1798.120条规定了什么？", [("section", (1798, 120))]),
        ("the code 12 of conduct", []),  # not a codified section: too short, lower case
        ("城镇化率63.89%", []),
        # English lists (stop 33: each was no reference at all) and Commonwealth abbreviations.
        ("What do Articles 13 and 14 require?", [("article", (13,)), ("article", (14,))]),
        ("Articles 15, 16, and 17", [("article", (15,)), ("article", (16,)), ("article", (17,))]),
        ("What do sections 5-7 say?", [("section", (5,)), ("section", (6,)), ("section", (7,))]),
        ("Articles 12 to 22 of the GDPR", [("article", (12,)), ("article", (22,))]),  # long: its ends
        ("Articles 13(1) and 14", [("article", (13,)), ("article", (14,))]),
        ("Sections 1798.100 and 1798.105", [("section", (1798, 100)), ("section", (1798, 105))]),
        ("Under ss 5 and 6, who must report?", [("section", (5,)), ("section", (6,))]),
        ("What does s 5 say?", [("section", (5,))]),
        ("What does s. 12 of the Act require?", [("section", (12,))]),
        ("What does subsection 19(2) say?", [("section", (19,))]),
        ("What does subregulation 4(2) require?", [("article", (4,))]),
        ("What does section 5A say?", [("section", (5, 1))]),
        ("Does Article 5 and 30 days' notice apply?", [("article", (5,))]),  # a singular lists nothing
    ],
)
def test_parse_refs(question: str, expected: list[tuple[str, tuple[int, ...]]]) -> None:
    assert [(r.kind, r.number) for r in parse_refs(question)] == expected


@pytest.mark.parametrize(
    "question",
    ["城区人口不到300万的城市还限制落户吗？", "一、二、三产业融合发展", "第三产业占比多少", "in part civil servants",
     "What does the plan say about urban renewal?", "城镇化率达到63.89%",
     # An apostrophe's s, the U.S., an instrument's year after its plural name are no sections.
     "It's 5 days late, can I still claim?", "Do U.S. 50 states have this law?",
     "What do the Consumer Rights (Payment Surcharges) Regulations 2012 say?"],
)
def test_no_refs_in_ordinary_questions(question: str) -> None:
    assert parse_refs(question) == ()


def test_heading_ref_reads_headings_like_the_parser() -> None:
    assert heading_ref("（六）深化户籍制度改革") == ("item", (6,))
    assert heading_ref("三、加快农业转移人口市民化") == ("chapter", (3,))
    assert heading_ref("第十二条 出租人应当") == ("article", (12,))
    assert heading_ref("Article 5") == ("article", (5,))
    assert heading_ref("深化改革") is None


def _labels(question: str, doc_ids: list[str] | None = None) -> list[tuple[str, str, int]]:
    found = lookup(parse_refs(question), units(), doc_ids=doc_ids)
    return [(u.doc_id, u.label, u.part) for u in found]


def test_item_lookup_is_exact_and_returns_every_passage() -> None:
    assert _labels("（六）讲了什么") == [(PLAN, "（六）", 0), (PLAN, "（六）", 1)]


def test_article_falls_back_to_item_in_a_plan_without_articles() -> None:
    assert _labels("实施方案第十二条讲了什么", [PLAN]) == [(PLAN, "（十二）", 0)]
    assert _labels("(12)", [PLAN]) == [(PLAN, "（十二）", 0)]


def test_part_and_chapter_map_to_the_dun_chapter() -> None:
    for question in ("第三部分讲了什么", "第三章", "三、"):
        found = _labels(question, [PLAN])
        assert [label for _, label, _ in found] == ["三、", "（六）", "（六）", "（十二）"], question


def test_continuous_numbering_outranks_restarting_numbering() -> None:
    # （一） labels two clauses of the paper; the plan has none; the English doc none.
    found = _labels("（一）")
    assert {d for d, _, _ in found} == {PAPER}
    # (六) exists only in the plan.
    assert _labels("（六）")[0][0] == PLAN


def test_chapter_scopes_an_item() -> None:
    assert _labels("第二部分（一）", [PAPER]) == [(PAPER, "（一）", 0)]
    found = lookup(parse_refs("二、（一）"), units(), doc_ids=[PAPER])
    assert [u.ordinal for u in found] == [2]
    # Cited bare, as notices are: "二（一）" is the （一） of 二、, not the first （一）.
    assert [u.ordinal for u in lookup(parse_refs("二（一）讲了什么"), units(), doc_ids=[PAPER])] == [2]


def test_an_item_cited_in_its_part_of_a_text_numbered_on_is_read_by_its_place() -> None:
    # The plan numbers its items on (（六） and （十二） are the items of part 三 in the fixture):
    # "三（一）" is the first item of 三、, not the plan's （一） of part 一 — nor nothing.
    assert _labels("三（一）", [PLAN]) == [(PLAN, "（六）", 0), (PLAN, "（六）", 1)]  # both passages
    assert _labels("三（二）", [PLAN]) == [(PLAN, "（十二）", 0)]
    assert _labels("三（三）", [PLAN]) == []


def test_english_references() -> None:
    assert _labels("What does Article 5 say?") == [(REG, "Article 5", 0)]
    assert _labels("Section 2.1", [REG]) == [(REG, "Section 2.1", 0)]


def test_nothing_matches() -> None:
    assert _labels("第九十九条") == []
    assert lookup([], units()) == []
    assert lookup([ArticleRef("item", (6,), "（六）")], units(), doc_ids=[PAPER]) == []


def test_mentioned_docs() -> None:
    titles = {PLAN: PLAN, PAPER: PAPER, REG: REG}
    assert mentioned_docs("实施方案第十二条讲了什么", titles) == [PLAN]
    assert mentioned_docs("新挑战有哪些", titles) == [PAPER]
    # "新特征" is inside the paper's title ("…新特征与新挑战"), a topic rather than its name.
    assert mentioned_docs("新特征有哪些", titles) == []
    # Words every title shares name no document.
    assert mentioned_docs("新型城镇化是什么", titles) == []
    assert mentioned_docs("What does the plan say?", titles) == [PLAN]
