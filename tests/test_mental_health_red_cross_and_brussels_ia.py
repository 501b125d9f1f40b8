"""Stop 68's mends through the real pipeline (real embedder), over its fresh pair (evals/heldout/corpus-zh33
and corpus-en34: 精神卫生法, 红十字会法 and 上海市精神卫生条例, with Regulation (EU) No 1215/2012, Brussels Ia,
indexed together). The questions are lines of evals/heldout/*-s68.jsonl and
evals/probes/stop68-*.jsonl (ids in the comments): these tests hold what was mended (rag.query.commencement,
rag.query.smalltalk, rag.query.quantity, rag.query.question, ui.followup), they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import first_cited, held_out_pipeline
from ui.followup import contextualize

pytestmark = pytest.mark.integration

BRUSSELS = "eu-brussels-ia-jurisdiction-judgments-civil-commercial-matters-regulation-1215-2012"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh33", "corpus-en34")


def test_dates_asked_of_other_things_than_the_act_find_their_own_article(pipeline: Pipeline) -> None:
    # kx-29 (a delegated act's objection period, asked after "When …,") and kx-26 (which proceedings the act
    # applies to) got the last article alone.
    period = pipeline.ask("When the Commission changes the standard certificate forms in the annexes by a delegated "
                          "act, how long do the European Parliament and the Council have to object before the change "
                          "takes effect?")
    assert first_cited(period) == (BRUSSELS, "Article 78") and "two months" in period.answer, period.answer
    started = pipeline.ask("We started a lawsuit against an Italian supplier in a Spanish court back in November "
                           "2014, and my colleague says the recast Regulation doesn't apply to our case. From what "
                           "date must proceedings have been started for the recast to apply?")
    assert first_cited(started) == (BRUSSELS, "Article 66"), started.answer


def test_when_two_articles_applied_is_the_last_articles_exception(pipeline: Pipeline) -> None:
    # pe68-11 got Articles 75 and 76 alone, read as a transposition question.
    answer = pipeline.ask("I know most of Brussels Ia applied from 10 January 2015, but the articles on Member "
                          "States' communications and notifications to the Commission, Articles 75 and 76, started "
                          "earlier. From what date did those two articles apply?")
    assert first_cited(answer) == (BRUSSELS, "Article 81") and "10 January 2014" in answer.answer, answer.answer


def test_a_translation_asked_is_declined(pipeline: Pipeline) -> None:
    # kw-40 was answered from the article on translations of judgments.
    answer = pipeline.ask("帮我把这句话翻成英文：明天的会议改到下午三点。")
    assert answer.abstained and not answer.citations, answer.answer



def test_a_counselling_firms_staff_and_its_registration_are_answered(pipeline: Pipeline) -> None:
    # kw-28 (几个…咨询师: people counted) and its follow-up kw-29 (which body registers it) were refused.
    staff = "我想在上海开一家心理咨询工作室，按上海的规定至少得有几个合格的咨询师？"
    answer = pipeline.ask(staff)
    assert not answer.abstained and "三名以上" in answer.answer, answer.answer
    body = pipeline.ask(contextualize("那开这种工作室要去哪个部门登记？我们打算做营利性的。", [staff]))
    assert not body.abstained and "工商行政管理部门" in body.answer, body.answer


def test_a_long_follow_up_finds_the_article_of_the_other_party(pipeline: Pipeline) -> None:
    # pe68-17 was sent alone and found the policyholder's article nowhere in five.
    before = ("We're an insurance company based in Munich. One of our home-insurance policyholders has moved to Spain "
              "and stopped paying his premiums. Can we sue him in Munich, where we're based?")
    question = ("And the other way round: if he wants to sue us over a claim we refused to pay, can he do that in "
                "Spain, where he now lives?")
    answer = pipeline.ask(contextualize(question, [before]))
    assert first_cited(answer) == (BRUSSELS, "Article 11"), answer.answer
