"""Stop 60's mends through the real pipeline (real embedder), over its fresh pair (evals/heldout/corpus-zh25
and corpus-en25: 档案法 with its 实施条例, and Directives (EU) 2019/771 and 2019/1152, indexed together) and
over the seed texts. The questions are lines of evals/heldout/zh-s60.jsonl, seeds-s60.jsonl and
evals/probes/stop60-*.jsonl (ids in the comments): these tests hold what was mended (rag.query.fines with
rag.retrieve.hybrid, rag.query.commencement, rag.query.quantity, rag.answer.verdict), they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import held_out_pipeline

pytestmark = pytest.mark.integration

LAW = "档案法(2020-06-20)"
REGULATION = "档案法实施条例(2024-01-12)"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh25", "corpus-en25")


def test_the_fine_for_a_listed_act_is_the_clause_citing_the_list(pipeline: Pipeline) -> None:
    # ke-09: the act is listed in 第四十八条 (a 处分), fined in 第四十九条 "有本法第四十八条第三项、第五项…".
    answer = pipeline.ask("有家单位把自己保管的一批属于国家所有的档案卖给了文物贩子，被查出来了。"
                          "对这家单位的罚款最多是多少？")
    assert not answer.abstained, answer.answer
    assert (answer.citations[0].unit.doc_id, answer.citations[0].unit.label) == (LAW, "第四十九条"), answer.answer
    # The list itself is still what a question about the acts reads.
    listed = pipeline.ask("把属于国家所有的档案卖掉的，对直接责任人员怎么处理？")
    assert "第四十八条" in [c.unit.label for c in listed.citations[:3]], listed.answer


def test_a_repeal_asked_is_dated_by_the_sentence_before(pipeline: Pipeline) -> None:
    # pz60-12 was refused with 第五十二条 first: "《…档案法实施办法》同时废止" takes its date from the sentence before.
    answer = pipeline.ask("原来那个《档案法实施办法》是从哪天起废止的？")
    assert (answer.citations[0].unit.doc_id, answer.citations[0].unit.label) == (REGULATION, "第五十二条")
    assert "2024年3月1日" in answer.answer and "同时废止" in answer.answer, answer.answer


def test_a_permission_is_no_duty(pipeline: Pipeline) -> None:
    # pz60-22 opened "是，": 可以…异地备份 with 重要's 要 read as a duty.
    answer = pipeline.ask("档案法是否要求档案馆必须对重要电子档案进行异地备份保管？")
    assert not answer.answer.startswith("是"), answer.answer


def test_seed_questions_of_stop_60(seeds: Pipeline) -> None:
    # hz30-01: "2.2万余人" is a number of people (refused with 叶堂林 first).
    answer = seeds.ask("我在北京市级机关上班，单位也在往通州搬。圆桌里叶堂林说，到2024年初市级机关第二批搬迁完成后，"
                       "副中心行政办公区一共入驻了多少人？")
    assert answer.answer.startswith("2.2万余人："), answer.answer


def test_the_measures_to_comply_with_a_directive_are_its_transposition(pipeline: Pipeline) -> None:
    # kf-25 found Article 21 nowhere in its first ten.
    answer = pipeline.ask("根据欧盟关于透明和可预测工作条件的指令（2019/1152），"
                          "成员国最迟应在哪一天之前采取必要措施以遵守该指令？")
    assert answer.citations[0].unit.label == "Article 21" and "1 August 2022" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        # pe60-27 and kf-35: Article 3's national option ("…not exceeding 30 days") states no period asked.
        "How many days does a seller have to finish a repair under the sale of goods directive?",
        "I just bought a jacket online and changed my mind. How many days do I have to send it back without giving a "
        "reason under the sale of goods directive?",
        # pz60-27: the question's own 二十五年 is no answer to "最长…多少年".
        "涉及国家安全的档案可以晚于二十五年开放，那最长能推迟到形成后多少年？",
        # pz60-30 and kf-38: neither figure offered is stated.
        "国有企业向档案主管部门报送本单位档案工作情况，是每年报一次还是半年报一次？",
        "My employer keeps calling me in for shifts at the last minute. Under Directive 2019/1152, is the minimum "
        "notice before a shift 24 hours or 48 hours?",
    ],
)
def test_near_misses_of_stop_60_are_refused(pipeline: Pipeline, question: str) -> None:
    assert pipeline.ask(question).abstained
