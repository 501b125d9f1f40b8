"""What a question asks for, through the real pipeline (real embedder), over stop 56's fresh pair
(evals/heldout/corpus-zh21 and corpus-en21: 著作权法 with its 实施条例, and Directives (EU) 2019/944
and 2018/2001, indexed together). The questions are lines of evals/heldout/zh-s56.jsonl and
en-s56.jsonl (ids in the comments): these tests hold what was mended (rag.query.question._NUMBER_EN,
rag.query.quantity, rag.answer.figures_en, rag.answer.crossing, rag.retrieve.options.Retrieval), they
measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import held_out_pipeline

pytestmark = pytest.mark.integration

RENEWABLES = "eu-renewable-energy-directive-2018-2001"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh21", "corpus-en21")


@pytest.mark.parametrize(
    "question",
    [
        # gx-38, gx-36, gx-34: a sum or a size asked by its noun or its unit, which neither directive states;
        # each was answered from a clause stating other numbers.
        "What fine does a fuel supplier have to pay if it falls short of the 14 % renewable transport obligation?",
        "What feed-in tariff, in cents per kWh, am I guaranteed for the rooftop solar power I export to the grid "
        "under the renewables directive?",
        "A new electricity supplier wants a security deposit before it will take me on as a household customer. "
        "What's the maximum deposit it can ask for under the EU electricity market directive?",
        # gw-40: "有没有上限，最长能签几年？" asks the years, which neither Chinese text states.
        "我跟出版社签了一份二十年的专有出版合同，法律对出版合同的期限有没有上限，最长能签几年？",
        # gw-43: off-topic, no word of it in any text; answered from the biofuel crops at 0.86.
        "今晚想做红烧排骨，酱油和冰糖大概各放多少合适？",
    ],
)
def test_what_no_text_states_is_refused(pipeline: Pipeline, question: str) -> None:
    answer = pipeline.ask(question)
    assert answer.abstained, answer.answer


def test_a_change_asked_opens_with_its_percentage_points(pipeline: Pipeline) -> None:
    # gx-31 opened "The figure is “40 %”" (waste heat counted up to 40 % of the increase).
    answer = pipeline.ask(
        "I'm drafting our ministry's heating strategy. By how much each year, on average, should a country try "
        "to raise the renewable share in heating and cooling if it does use waste heat?"
    )
    assert "40 %" not in answer.answer.split(":")[0], answer.answer
    unit = answer.citations[0].unit
    assert (unit.doc_id, unit.label) == (RENEWABLES, "Article 23"), answer.answer


def test_the_moment_of_an_event_answers_when(pipeline: Pipeline) -> None:
    # gw-32 was refused with 实施条例 第三十条 ("应当在报纸、期刊刊登该作品时附带声明") first.
    answer = pipeline.ask(
        "我给杂志投了一篇稿子，不希望登出来以后被其他报刊随便转载、摘编。这个“不得转载”的声明应该什么时候、怎么做？"
    )
    assert not answer.abstained, answer.answer
    assert "刊登该作品时附带声明" in answer.answer, answer.answer
    assert answer.citations[0].label == "第三十条"
