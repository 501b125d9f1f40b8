"""Stop 70's mends through the real pipeline (real embedder), over its fresh pair (evals/heldout/corpus-zh35
and corpus-en36: 医师法, 职业教育法 and 北京市实施《职业教育法》办法, with Directive 2005/29/EC on unfair
commercial practices and Directive 2006/54/EC on equal treatment, indexed together) and over the seed texts.
The questions are lines of evals/heldout/*-s70.jsonl, seeds-s70.jsonl and evals/probes/stop70-*.jsonl (ids
in the comments): these tests hold what was mended (rag.answer.verdict, rag.answer.figures,
rag.answer.asked), they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import first_cited, held_out_pipeline
from ui.followup import contextualize

pytestmark = pytest.mark.integration

DOCTORS = "医师法(2021-08-20)"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh35", "corpus-en36")


def test_a_free_clinic_the_article_exempts_gets_no_yes(pipeline: Pipeline) -> None:
    # pz70-04 opened "是" from 第十八条's rule; its second paragraph exempts 义诊.
    answer = pipeline.ask("我是市医院的执业医师，这个周末要跟志愿者团队去外省山区搞义诊。按医师法，"
                          "我得先去办变更执业地点的注册手续吗？")
    assert first_cited(answer) == (DOCTORS, "第十八条"), answer.answer
    assert not answer.answer.startswith("是"), answer.answer


def test_the_assistants_exam_does_not_answer_the_doctors(pipeline: Pipeline) -> None:
    # pz70-08 opened "是" from 第十条 (the 执业助理医师 exam).
    answer = pipeline.ask("我是临床医学专科毕业，在医院跟着执业医师实践满一年了，还没考助理医师。按医师法，"
                          "我能直接报考执业医师资格考试吗？")
    assert not answer.answer.startswith("是"), answer.answer


def test_a_follow_up_on_the_suspension_does_not_open_with_the_cycle(pipeline: Pipeline) -> None:
    # la-07 opened "三年：" (the 考核's cycle the earlier question asked).
    before = "我在社区卫生服务中心当医生，听说医生要定期考核，这个考核多长时间一轮？"
    answer = pipeline.ask(contextualize("那要是考核没通过，会被停多长时间不让看病？", [before]))
    assert first_cited(answer) == (DOCTORS, "第四十二条"), answer.answer
    assert not answer.answer.startswith("三年"), answer.answer
    # The suspension's sentence leads; it opens with no figure, the cycle's 三年 being quoted after it.
    assert "三个月至六个月" in answer.answer.split("[1]")[0], answer.answer


def test_seed_questions_of_stop_70(seeds: Pipeline) -> None:
    # hz40-20 (a near miss) opened "2024年：", the half-year of an air-quality figure.
    dated = seeds.ask("圆桌里曾刚说京津冀城市群制发了《京津冀生态协同专题工作组工作规则》来强化大气污染联防联控，"
                      "这个工作规则是哪一年印发的？")
    assert not dated.answer.startswith("2024"), dated.answer
    # hz40-36 (a near miss) was answered with the one sentence stating the 89.18% it restates.
    restated = seeds.ask("那篇论文说全国建制镇的生活垃圾处理率只有89.18%，那乡（不含镇）一级的生活垃圾处理率是多少？")
    assert restated.abstained, restated.answer
