"""Stop 73's mends through the real pipeline (real embedder), over its fresh pair (evals/heldout/corpus-zh38
and corpus-en39: 社区矫正法, 学校体育工作条例 and 北京市体育设施管理条例, with Directive 96/9/EC on databases and
Directive 2004/48/EC on the enforcement of intellectual property rights, indexed together) and the seeds. The
questions are lines of evals/heldout/*-s73.jsonl (ids in the comments): these tests hold what was mended
(rag.retrieve.hybrid's key share, rag.answer.asked), they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import first_cited, held_out_pipeline

pytestmark = pytest.mark.integration

ENFORCEMENT = "eu-ip-rights-enforcement-directive-2004-48"
CORRECTIONS = "社区矫正法(2019-12-28)"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh38", "corpus-en39")


def test_one_shared_court_word_does_not_lift_the_chinese_law(pipeline: Pipeline) -> None:
    # lh-24 cited 社区矫正法 first: "court" → 法院 was its one word in the Chinese law.
    answer = pipeline.ask("A brand owner got a court to seize my shop's stock as a provisional measure, but months "
                          "later they still haven't started the main lawsuit. The judge didn't set a deadline. How "
                          "long do they have to start proceedings before I can ask for the seizure to be lifted?")
    assert first_cited(answer) == (ENFORCEMENT, "Article 9"), answer.answer
    # lh-23 too: the directive's articles come before the Chinese law's.
    marketplace = pipeline.ask("Counterfeit phone cases with our logo are being sold by anonymous sellers on a big "
                               "online marketplace. Before the full trial, what can we ask the court to do against "
                               "the marketplace itself, not just the sellers?")
    assert first_cited(marketplace)[0] == ENFORCEMENT, marketplace.answer


def test_an_english_question_about_the_chinese_law_still_finds_it(pipeline: Pipeline) -> None:
    # lg-13: its glossary keys (community, hiring) are the law's words; the raise stays.
    answer = pipeline.ask("I run a small logistics firm in Hangzhou and I'm thinking of hiring a few people who are "
                          "serving community corrections. Does China's Community Corrections Law give companies like "
                          "mine any benefits for hiring them?")
    assert first_cited(answer) == (CORRECTIONS, "第四十一条"), answer.answer


def test_seed_questions_of_stop_73(seeds: Pipeline) -> None:
    # hz43-07 was refused: "哪些城市" stands in its story, and it asks a kind of city.
    answer = seeds.ask("我在省住建厅编保障性租赁住房的年度筹集计划，想先弄清楚房源该往哪些城市倾斜。实施方案说扩大保障"
                       "性租赁住房供给，是以哪类城市为重点？")
    assert not answer.abstained, answer.answer
    assert first_cited(answer)[1] == "（二十五）", answer.answer
    assert "以人口流入多的大城市为重点" in answer.answer, answer.answer
