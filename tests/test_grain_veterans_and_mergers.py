"""Stop 74's mends through the real pipeline (real embedder), over its fresh pair (evals/heldout/corpus-zh39
and corpus-en40: 粮食安全保障法, 退役士兵安置条例 and 北京市志愿服务促进条例, with Directives 93/13/EEC and
2005/56/EC, indexed together) and over the seed texts. The questions are lines of evals/heldout/*-s74.jsonl and
evals/probes/stop74-*.jsonl (ids in the comments): these tests hold what was mended (rag.answer.govlevel with
rag.answer.verdict, rag.answer.asked, rag.answer.quotes, rag.answer.figures_en, rag.query.quantity,
rag.query.question, rag.query.terms); they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import first_cited, held_out_pipeline

pytestmark = pytest.mark.integration

GRAIN = "粮食安全保障法(2023-12-29)"
VETERANS = "退役士兵安置条例(2011-10-29)"
MERGERS = "eu-cross-border-mergers-directive-2005-56"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh39", "corpus-en40")


def test_a_provinces_duty_opens_no_verdict_for_a_county(pipeline: Pipeline) -> None:
    # pz74-03 opened "是" with 第十九条: the provinces and the State keep seed reserves, not a county.
    answer = pipeline.ask("我们县农业农村局的人说，按粮食安全保障法，县政府也必须建立自己的种子储备制度，是这样吗？")
    assert first_cited(answer) == (GRAIN, "第十九条"), answer.answer
    assert not answer.answer.startswith(("是", "否")), answer.answer
    assert "省级以上人民政府应当建立种子储备制度" in answer.answer, answer.answer


def test_fines_and_shares_are_answered(pipeline: Pipeline) -> None:
    # li-06 (a county named in the condition), li-08 (a fine asked of "他") and pz74-24 (a share of a wage
    # asked as "…的多少给我发生活费") were refused with their article first.
    for question, cited, stated in (
        ("我们是一家粮食贸易公司，要是县里宣布进入粮食应急状态，我们拒不服从政府调度、情节严重的话，公司最高可能被罚多少钱？",
         (GRAIN, "第六十九条"), "二百万元"),
        ("邻居跟我家闹矛盾，半夜把我家地里刚出的麦苗铲了一大片，情节挺严重，农业农村部门最多能罚他多少？",
         (GRAIN, "第七十条"), "五倍以下罚款"),
        ("我是政府安排工作的退役士兵，接收单位不是因为我的原因一直没让我上岗。按退役士兵安置条例，单位按本单位同等条件人员平均"
         "工资的多少给我发生活费？", (VETERANS, "第三十八条"), "80%"),
    ):
        answer = pipeline.ask(question)
        assert not answer.abstained and first_cited(answer) == cited, (question, answer.answer)
        assert stated in answer.answer, (question, answer.answer)


def test_a_bare_reference_is_never_the_quote(pipeline: Pipeline) -> None:
    # lj-30 and pe74-33 were answered with "(g) Article 13(4)." alone, an item of Article 16's list.
    for question in (
        "我在一家荷兰公司上班，公司要被并入一家比利时公司。按照欧盟2005/56号跨境合并指令，合并生效以后，我的劳动合同会自动转到合并后的公司吗？",
        "我们母公司持有一家荷兰子公司全部有表决权的股份，现在要通过跨境合并把它吸收进来。按欧盟跨境合并指令，被吸收的这家子公司还需要开股东大会批准合并方案吗？",
    ):
        answer = pipeline.ask(question)
        assert "“(g) Article 13(4).”" not in answer.answer, (question, answer.answer)
        assert answer.abstained or first_cited(answer)[0] == MERGERS, (question, answer.answer)


def test_a_sum_no_article_states_is_refused(pipeline: Pipeline) -> None:
    # Near misses lj-34 and pe74-44 were answered from Article 2 of 93/13 and Article 5 of 2005/56.
    for question in (
        "A gym keeps using an unfair automatic-renewal clause even after being told to stop. How large a fine can "
        "the authorities impose on it under the unfair terms directive?",
        "I voted against our company's cross-border merger. How much cash per share am I entitled to as a "
        "dissenting minority shareholder?",
    ):
        assert pipeline.ask(question).abstained, question


def test_seed_questions_of_stop_74(seeds: Pipeline) -> None:
    # hz44-10 was refused: "要不要参保" in its story made it yes/no, "目标是什么" a number question.
    goal = seeds.ask("我在社保经办窗口，天天有打零工、跑外卖的人来问要不要参保。"
                     "实施方案在提高社会保险参保覆盖率这块，定的总体目标是什么？")
    assert not goal.abstained and first_cited(goal)[1] == "（十）", goal.answer
    assert "实现社会保险法定人群全覆盖" in goal.answer, goal.answer
    # hz44-12 was refused: "公平性强调…" was not read as explaining the quoted 公平性.
    fairness = seeds.ask("其中“公平性”具体是强调不同群体之间在哪几方面要平等？")
    assert not fairness.abstained and first_cited(fairness)[1] == "3.", fairness.answer
    assert "身份平等、机会同等、服务均等" in fairness.answer, fairness.answer
