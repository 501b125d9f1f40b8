"""Stop 62's mends through the real pipeline (real embedder), over its fresh pair (evals/heldout/corpus-zh27
and corpus-en28: 数据安全法 with 网络数据安全管理条例, and the eIDAS Regulation (EU) No 910/2014, indexed
together) and over the seed texts. The questions are lines of evals/probes/stop62-*.jsonl and
evals/heldout/seeds-s62.jsonl (ids in the comments), follow-ups completed as the chat completes them: these
tests hold what was mended (rag.answer.tables, rag.answer.figures, rag.answer.figures_en,
rag.query.commencement, rag.query.quantity, ui.followup), they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import held_out_pipeline
from ui.followup import contextualize

pytestmark = pytest.mark.integration

EIDAS = "eu-electronic-identification-trust-services-regulation-910-2014"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh27", "corpus-en28")


def test_a_case_the_follow_up_denies_opens_no_figure(pipeline: Pipeline) -> None:
    # pz62-15, a near miss, opened "24小时：" (the time for vulnerabilities endangering national security).
    question = contextualize(
        "那如果只是普通漏洞，不涉及国家安全和公共利益，向主管部门报告的时限是多少小时？",
        ["我们是做智能摄像头的，发现产品有个漏洞，可能危害国家安全。最晚要在多长时间内报告主管部门？"],
    )
    answer = pipeline.ask(question)
    assert not answer.answer.startswith("24小时"), answer.answer


def test_the_follow_up_s_own_recipient_is_not_timed_by_another_s(pipeline: Pipeline) -> None:
    # pe62-05, a near miss, opened "The figure is “24 hours”" (the supervisory body's time, not the customers').
    first = ("We had a security breach that has a significant impact on our trust service. How long do we have to "
             "notify the supervisory body?")
    assert pipeline.ask(first).answer.startswith("The figure is “24 hours”")
    question = contextualize("And how many hours do we have to notify the customers who are likely to be adversely "
                             "affected by it?", [first])
    assert not pipeline.ask(question).answer.startswith("The figure is"), question


def test_a_supervisory_body_s_yearly_report_is_not_the_review_clause(pipeline: Pipeline) -> None:
    # pe62-28 was answered from Article 49 (the Commission's review) alone.
    answer = pipeline.ask("By what date each year does a supervisory body have to send the Commission its report on "
                          "the previous year's activities?")
    assert (answer.citations[0].unit.doc_id, answer.citations[0].unit.label) == (EIDAS, "Article 17"), answer.answer


def test_a_table_cell_named_by_row_and_column_is_the_answer(seeds: Pipeline) -> None:
    # hz32-01 and hz32-03 were refused with the table's clause first; hz31-05 quoted a sentence of 河南's rate.
    answer = seeds.ask("我在上海上班，河南那篇文章里那张国家中心城市对比表，2020年上海的人均可支配收入是多少？")
    assert answer.answer.startswith("72232元："), answer.answer
    earlier = "河南那篇文章的国家中心城市对比表里，2020年广州的常住人口是多少？"
    question = contextualize("那天津呢？常住人口有多少？", [earlier])
    assert seeds.ask(question).answer.startswith("1386.6万人："), question
    census = seeds.ask("2010年第六次人口普查那会儿，全国的城镇化率是多少？河南那篇文章的表里好像有。")
    assert census.answer.startswith("49.68%："), census.answer


def test_a_follow_up_s_own_item_is_the_figure(seeds: Pipeline) -> None:
    # hz32-04 opened "200多人：" (自然村's, the earlier question's) for 行政村.
    earlier = "河南的村子普遍都小，那篇文章说一个自然村平均才住多少人？"
    question = contextualize("那行政村呢，平均规模有多大？", [earlier])
    answer = seeds.ask(question)
    assert answer.answer.startswith("不足1千人："), answer.answer


def test_a_count_or_a_group_the_texts_do_not_state_is_refused(seeds: Pipeline) -> None:
    # hz32-34 and hz32-37, near misses, were answered from a share and from the 60岁及以上 figure.
    pct = seeds.ask("圆桌里说长三角G60科创走廊9城共建以来PCT国际专利申请增长了163.4%，"
                    "那2023年这9个城市一共申请了多少件PCT专利？")
    assert pct.abstained, pct.answer
    aged = seeds.ask("那篇论文说我国已经进入人口老龄化加速深化阶段，那2021年全国65岁及以上人口占总人口的比重是多少？")
    assert aged.abstained, aged.answer
