"""Stop 61's mends through the real pipeline (real embedder), over its fresh pair (evals/heldout/corpus-zh26
and corpus-en27: 统计法 with its 实施条例, and the crowdfunding Regulation (EU) 2020/1503, indexed together)
and over the seed texts. The questions are lines of evals/probes/stop61-*.jsonl and evals/heldout/seeds-s61.jsonl
(ids in the comments): these tests hold what was mended (rag.answer.verdict, rag.answer.figures_en,
rag.answer.asked, rag.query.crossnames with the commencement opening), they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import held_out_pipeline

pytestmark = pytest.mark.integration

REGULATION = "统计法实施条例(2017-05-28)"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh26", "corpus-en27")


def test_an_english_duty_question_gets_no_verdict_from_another_duty(pipeline: Pipeline) -> None:
    # pz61-32 opened "Yes —" from 统计法 第十一条's duty of secrecy (its 个人 before 应当).
    answer = pipeline.ask("Does a private individual filling in a Chinese statistical survey form have to stamp it "
                          "with a seal, like companies do?")
    assert not answer.answer.startswith(("Yes", "No")), answer.answer


def test_the_implementing_regulation_named_in_lower_case_is_the_one_dated(pipeline: Pipeline) -> None:
    # pz61-35 opened with the law's "2010年1月1日" (第五十三条 first, the regulation's 第五十五条 eighth).
    answer = pipeline.ask("When did China's implementing regulations of the statistics law take effect?")
    assert (answer.citations[0].unit.doc_id, answer.citations[0].unit.label) == (REGULATION, "第五十五条")
    assert answer.answer.startswith("The date is “2017年8月1日”"), answer.answer


def test_another_party_s_time_opens_no_figure(pipeline: Pipeline) -> None:
    # pe61-42, a near miss, opened "30 calendar days": the provider's suspension, not the project owner's notice.
    answer = pipeline.ask("Within how many days must a project owner tell the platform about a change to the "
                          "information in its key investment information sheet?")
    assert "30 calendar days" not in answer.answer.split(":")[0], answer.answer
    assert not answer.answer.startswith("The figure is"), answer.answer


def test_a_fee_asked_is_a_sum(pipeline: Pipeline) -> None:
    # pe61-40, a near miss, was answered with Article 12's list of what an application contains.
    answer = pipeline.ask("How much is the application fee for getting authorised as a crowdfunding service provider?")
    assert answer.abstained, answer.answer


def test_the_nation_s_rate_is_not_opened_with_the_province_s(seeds: Pipeline) -> None:
    # hz31-05 opened "38.52%：" (河南's rate of 2010) for the nation's.
    answer = seeds.ask("2010年第六次人口普查那会儿，全国的城镇化率是多少？河南那篇文章的表里好像有。")
    assert not answer.answer.startswith("38.52%"), answer.answer
