"""Laws nothing was tuned on, asked as a citizen asks, through the real pipeline (real embedder):
民法典 侵权责任编 (LawRefBook Markdown, articles past 1000) and 统计法 as the NPC publishes it (a
Word file), both from evals/heldout/corpus-npc/. The questions are lines of
evals/heldout/zh-npc.jsonl (ids in the comments), whose misses were read before the lay terms
(rag/query/lay_terms.py) were written: these tests hold what was mended (articles past 1000 and
a Word law parsed whole, the lay words on the lexical side, 好几), they measure nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.pipeline import Pipeline
from tests.conftest import pipeline_over

pytestmark = pytest.mark.integration

LAWS = Path(__file__).resolve().parent.parent / "evals" / "heldout" / "corpus-npc"
FILES = [LAWS / "民法典-侵权责任编.md", LAWS / "中华人民共和国统计法_20240913.docx"]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return pipeline_over(tmp_path_factory, "unseen-laws", LAWS, FILES)


def _first_cited(pipeline: Pipeline, question: str) -> tuple[str, str, str]:
    answer = pipeline.ask(question)
    assert answer.citations, f"refused or uncited: {answer.answer!r}"
    unit = answer.citations[0].unit
    return unit.doc_id, unit.label, answer.answer


@pytest.mark.parametrize("question, doc, label", [
    # hn-01: 楼上扔东西 → 从建筑物中抛掷物品 (the lay terms); refused before them, gold not in ten.
    ("我走在小区楼下，被楼上扔下来的东西砸伤了，物业和警察都查不出是哪一户扔的，这医药费到底找谁要？",
     "侵权责任编", "第一千二百五十四条"),
    # hn-06: a branch broken by the wind (林木折断); refused before with its article first.
    ("刮大风的时候路边大树的树枝断了，砸坏了我停在下面的车，能找谁赔？", "侵权责任编", "第一千二百五十七条"),
    # hn-20: a Word file's article, answered (统计调查表 past its 有效期).
    ("收到一张统计调查表，上面的有效期已经过了，我还必须填吗？", "统计法", "第十七条"),
])
def test_a_citizens_question_is_answered_from_the_article_that_decides_it(
    pipeline: Pipeline, question: str, doc: str, label: str
) -> None:
    cited_doc, cited_label, answer = _first_cited(pipeline, question)
    assert doc in cited_doc and cited_label == label, answer


def test_an_article_past_one_thousand_is_looked_up_by_its_number(pipeline: Pipeline) -> None:
    # 第一千一百六十五条 was once no heading at all (seven numerals): it ran on inside 第一千一百六十四条.
    _, label, answer = _first_cited(pipeline, "民法典第一千一百六十五条讲的是什么？")
    assert label == "第一千一百六十五条"
    assert "行为人因过错侵害他人民事权益造成损害的，应当承担侵权责任" in answer


def test_several_months_is_no_question_of_a_number(pipeline: Pipeline) -> None:
    # hn-17's wording: "好几个月" asked no number, yet the answer opened "一个月：".
    answer = pipeline.ask("老板欠了我们好几个月工资，把厂里的东西转移走，人也跑了，这算犯罪吗？")
    assert not answer.answer.startswith(("一个月", "几个月")), answer.answer


@pytest.mark.parametrize("question, label", [
    ("刮大风的时候路边大树的树枝断了，砸坏了我停在下面的车，能找谁赔？", "第一千二百五十七条"),
    ("从楼上往下扔东西砸到人了，谁负责？", "第一千二百五十四条"),
])
def test_the_lay_words_give_the_lexical_side_the_statutes_terms(pipeline: Pipeline, question: str, label: str) -> None:
    # The lexical retriever alone, with and without the query's rewriting: 楼上扔 / 砸到 / 树枝 are no
    # words of 侵权责任编; 建筑物 / 抛掷物品 / 林木 折断 are. (On this two-law index the dense side finds
    # these articles anyway; over the 38 held-out texts it did not.)
    from dataclasses import replace

    from rag.retrieve.fusion import Retriever

    base = pipeline.retriever
    lexical = Retriever(base.index, base.embedder, replace(base.options, fusion="lexical"))
    plain = Retriever(base.index, base.embedder, replace(base.options, fusion="lexical", rewrite=False))
    assert lexical.search(question)[0].unit.label == label
    assert label not in [h.unit.label for h in plain.search(question)[:1]]
