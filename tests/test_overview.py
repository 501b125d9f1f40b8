"""A question asking what a whole document is about gets its outline: the purpose clause and the
heading of each part, each cited (rag/query/overview.py, rag/retrieve/outline.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.embed import HashingEmbedder
from rag.pipeline import Pipeline
from rag.query.overview import asks_comparison, asks_overview
from rag.records import Unit
from rag.retrieve.outline import Part, outline
from tests.answer_fixtures import PLAN, build_index, units

LAW = "工伤保险条例"
ARTICLES = (
    ("第一章 总则", "第一条", "为了保障因工作遭受事故伤害或者患职业病的职工获得医疗救治和经济补偿，制定本条例。"),
    ("第一章 总则", "第二条", "中华人民共和国境内的企业应当依照本条例规定参加工伤保险。"),
    ("第二章 工伤保险基金", "第七条", "工伤保险基金由用人单位缴纳的工伤保险费构成。"),
    ("第三章 工伤认定", "第十四条", "职工有下列情形之一的，应当认定为工伤：（一）因工作原因受到事故伤害的。"),
    ("第三章 工伤认定", "第十五条", "职工在工作时间和工作岗位，突发疾病死亡的，视同工伤。"),
)


def law_units() -> list[Unit]:
    out, at = [], 0
    for ordinal, (chapter, label, body) in enumerate(ARTICLES):
        text = f"{label} {body}"
        out.append(Unit(LAW, LAW, (chapter, label), label, ordinal, text, (at, at + len(text)), "article"))
        at += len(text) + 1
    return out


@pytest.mark.parametrize(("question", "without_name", "expected"), [
    ("给我总结一下实施方案的主要内容", "给我总结一下的主要内容", True),
    ("工伤保险条例讲了什么？", "讲了什么？", True),
    ("行政处罚法包括哪几章？", "包括哪几章？", True),
    ("介绍一下社会保险法", "介绍一下", True),
    ("你好，请问工伤保险条例讲了什么？", "你好，请问讲了什么？", True),
    ("What is the CPRA about?", "what is the about?", True),
    ("Give me an overview of the GDPR", "give me an overview of the", True),
    # A topic of its own is searched; a count is no overview.
    ("工伤保险条例关于工伤认定讲了什么", "关于工伤认定讲了什么", False),
    ("What does the CPRA say about deleting data?", "what does the say about deleting data?", False),
    ("实施方案一共有多少条？", "一共有多少条？", False),
    ("工伤保险条例有几章？", "有几章？", True),
    ("How many chapters does the GDPR have?", "how many chapters does the have?", True),
    ("社会保险法的立法目的是什么", "的立法目的是什么", False),
])
def test_what_asks_for_an_overview(question: str, without_name: str, expected: bool) -> None:
    assert asks_overview(question, without_name) is expected


def test_the_outline_stands_at_the_first_level_that_divides() -> None:
    found = outline(law_units())
    assert found is not None and found.level == 0
    assert found.parts == (Part("第一章 总则", 0), Part("第二章 工伤保险基金", 2), Part("第三章 工伤认定", 3))
    # One heading over everything ("合同编" above its 分编) is no division: a level down.
    book = [Unit(u.doc_id, u.title, ("合同编", *u.path), u.label, u.ordinal, u.text, u.span, u.kind)
            for u in law_units()]
    assert outline(book) == found.__class__(1, found.parts)
    # A law without chapters has no outline.
    flat = [Unit(u.doc_id, u.title, (u.label,), u.label, u.ordinal, u.text, u.span, u.kind) for u in law_units()]
    assert outline(flat) is None


def test_a_document_asked_about_as_a_whole_answers_with_its_purpose_and_parts(tmp_path: Path) -> None:
    index = build_index(tmp_path / "idx", [*units(), *law_units()])
    pipeline = Pipeline(index, HashingEmbedder(128))
    answer = pipeline.ask("工伤保险条例讲了什么？")
    assert not answer.abstained
    purpose = "第一条：为了保障因工作遭受事故伤害或者患职业病的职工获得医疗救治和经济补偿，制定本条例。[1]"
    assert answer.answer == purpose + "第一章 总则。[1]第二章 工伤保险基金。[2]第三章 工伤认定。[3]", answer.answer
    assert [c.label for c in answer.citations] == ["第一条", "第七条", "第十四条"]
    # The plan's parts (its 三、 opens the part itself), no purpose clause among its units.
    plan = pipeline.ask("给我总结一下实施方案的主要内容")
    assert plan.answer == "三、加快农业转移人口市民化。[1]五、推进新型城市建设。[2]", plan.answer
    assert {c.doc for c in plan.citations} == {PLAN}
    # A question with a topic of its own is searched as before.
    topic = pipeline.ask("工伤保险条例关于工伤认定讲了什么？")
    assert "第一章 总则" not in topic.answer


def test_a_name_is_taken_out_beside_chinese_but_not_out_of_a_longer_word() -> None:
    from rag.retrieve.hybrid import without_names

    assert without_names("GDPR讲了什么？", ["gdpr"]).strip() == "讲了什么?"  # no \b between "r" and "讲"
    assert without_names("Which copyrights does the Rights Act cover?", ["rights"]).split() == [
        "which", "copyrights", "does", "the", "act", "cover?"]


def test_an_official_number_is_taken_out_as_the_question_writes_it() -> None:
    from rag.retrieve.hybrid import without_names

    # gv-07 (stop 55): "2016" of "Directive 2016/680" matched Article 60's "6 May 2016" first.
    assert without_names("Is that profiling allowed under Directive 2016/680?", ["no.2016/680"]).split() == [
        "is", "that", "profiling", "allowed", "under", "?"]
    assert without_names("Under Regulation (EC) No 261/2004, can I", ["no.261/2004"]).split() == [
        "under", ",", "can", "i"]
    assert without_names("欧盟261号条例规定了什么", ["no.261"]).split() == ["欧盟", "条例规定了什么"]
    # Only the number named: another year of the question stays.
    assert "2016" in without_names("What did the 2016 rules say in 2016/679?", ["no.2016/679"])


def test_the_one_document_chosen_is_the_one_asked_about(tmp_path: Path) -> None:
    pipeline = Pipeline(build_index(tmp_path / "idx", [*units(), *law_units()]), HashingEmbedder(128))
    answer = pipeline.ask("这个文件主要讲了什么？", docs=[LAW])
    assert "第二章 工伤保险基金。[2]" in answer.answer, answer.answer
    assert "第二章 工伤保险基金" not in pipeline.ask("这个文件主要讲了什么？").answer  # none named, none chosen


@pytest.mark.parametrize(("question", "without_names", "expected"), [
    ("工伤保险条例和社会保险法有什么区别？", "和有什么区别？", True),
    ("劳动法和劳动合同法对比", "和对比", True),
    ("How does the GDPR differ from the CPRA?", "how does the differ from the?", True),
    ("工伤保险条例和社会保险法在工伤认定上有什么不同？", "和在工伤认定上有什么不同？", False),  # a topic of its own
    ("工伤保险条例和社会保险法都规定了什么？", "和都规定了什么？", False),  # no comparison asked
])
def test_what_compares_two_documents_as_wholes(question: str, without_names: str, expected: bool) -> None:
    assert asks_comparison(question, without_names) is expected


def test_two_documents_compared_as_wholes_are_quoted_side_by_side(tmp_path: Path) -> None:
    other = "社会保险法"
    text = "第一条 为了规范社会保险关系，维护公民参加社会保险和享受社会保险待遇的合法权益，制定本法。"
    second = [Unit(other, other, ("第一章 总则", "第一条"), "第一条", 0, text, (0, len(text)), "article"),
              Unit(other, other, ("第二章 基本养老保险", "第十条"), "第十条", 1, "第十条 职工应当参加基本养老保险。",
                   (len(text) + 1, len(text) + 18), "article")]
    pipeline = Pipeline(build_index(tmp_path / "idx", [*units(), *law_units(), *second]), HashingEmbedder(128))
    answer = pipeline.ask("工伤保险条例和社会保险法有什么区别？")
    assert answer.answer.startswith("《工伤保险条例》第一条：为了保障"), answer.answer
    assert "[1]《社会保险法》第一条：为了规范社会保险关系" in answer.answer, answer.answer
    assert [c.doc for c in answer.citations] == [LAW, other]
    assert pipeline.retriever.names.every("工伤保险条例和社会保险法有什么区别？") == {LAW: LAW, other: other}


def test_an_english_question_about_a_chinese_law_gets_its_parts_quoted(tmp_path: Path) -> None:
    pipeline = Pipeline(build_index(tmp_path / "idx", [*units(), *law_units()]), HashingEmbedder(128))
    answer = pipeline.ask("What is the Regulation on Work-Related Injury Insurance about?")
    assert answer.answer.startswith("Article 1 (第一条) of 《工伤保险条例》 states: “为了保障"), answer.answer
    assert answer.answer.endswith("Part “第一章 总则”.[1] Part “第二章 工伤保险基金”.[2] Part “第三章 工伤认定”.[3]")
