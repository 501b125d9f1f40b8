"""Stop 58's mends through the real pipeline (real embedder), over its fresh pair (evals/heldout/corpus-zh23
and corpus-en23: 旅游法 with 旅行社条例, and Directives (EU) 2023/1791 and 2024/1275, indexed together). The
questions are lines of evals/heldout/zh-s58.jsonl, en-s58.jsonl and evals/probes/stop58-*.jsonl (ids in
the comments): these tests hold what was mended (rag.query.places, rag.query.quantity, rag.query.terms,
rag.answer.figures), they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import held_out_pipeline

pytestmark = pytest.mark.integration

LAW = "旅游法(2018-10-26)"
RULES = "旅行社条例(2020-11-29)"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh23", "corpus-en23")


@pytest.mark.parametrize(
    ("question", "doc", "label"),
    [
        # ka-01: 桂林 was read as the place whose figure is asked, and the law names no city.
        ("我报了个去桂林的跟团游，出发前两天旅行社突然打电话说人没凑够、不出团了。按规定它至少应该提前几天通知我？",
         LAW, "第六十三条"),
        # pz58-11: 最晚…提前 asks the least notice, which "至少提前三十日" states.
        ("我报了一个出境游的团，旅行社说报名人数不够，出不了团了。按旅游法，他们最晚得提前几天通知我？",
         LAW, "第六十三条"),
        # ka-29: "能降" was read as the name of what the figure measures.
        ("我们社的质保金存满三年了，这三年一次罚款都没吃过。听说可以少存一些，能降多少？", RULES, "第十七条"),
    ],
)
def test_refused_with_the_article_first_no_more(pipeline: Pipeline, question: str, doc: str, label: str) -> None:
    answer = pipeline.ask(question)
    assert not answer.abstained, answer.answer
    unit = answer.citations[0].unit
    assert (unit.doc_id, unit.label) == (doc, label), answer.answer


def test_a_share_cut_opens_with_it(pipeline: Pipeline) -> None:
    answer = pipeline.ask("我们社的质保金存满三年了，这三年一次罚款都没吃过。听说可以少存一些，能降多少？")
    assert answer.answer.startswith("50%："), answer.answer


@pytest.mark.parametrize(
    ("question", "wrong"),
    [
        # pz58-10: 第六十条's fine on the agency opened "2万元以上：" for the tour leader's own fine.
        ("我们团在国外有游客出了意外，领队既没及时处置也没上报，被旅游局查了。对领队个人最少要罚多少钱？",
         "2万元以上："),
        # pz58-26, a near miss: the capital of a domestic/inbound agency opened for an outbound one.
        ("想申请经营出境旅游业务的旅行社，注册资本最少要多少万元？", "不少于30万元："),
    ],
)
def test_no_opening_with_another_partys_or_another_cases_figure(pipeline: Pipeline, question: str, wrong: str) -> None:
    answer = pipeline.ask(question)
    assert not answer.answer.startswith(wrong), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        # pe58-26: "at least every four years" (audits) had opened for years of experience.
        "How many years of professional experience does an energy auditor need to be certified under the energy "
        "efficiency directive?",
        # pe58-31, kb-37: a quantity in kWh, a value by its name, which neither directive states.
        "What's the maximum primary energy use, in kWh per square metre per year, allowed for a zero-emission "
        "building?",
        "What power usage effectiveness (PUE) value must a new data centre achieve under the EU energy efficiency "
        "directive?",
    ],
)
def test_english_quantities_no_text_states_are_refused(pipeline: Pipeline, question: str) -> None:
    answer = pipeline.ask(question)
    assert answer.abstained, answer.answer
