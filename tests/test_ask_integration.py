"""Real questions over the real corpus with the real default embedder: the cited clause is checked.

Uses the session's real index of documents/ (tests/conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.answer.base import Answer
from rag.answer.cite import ABSTAIN_EN, ABSTAIN_ZH
from rag.pipeline import Pipeline
from rag.settings import Settings
from ui.followup import contextualize

REPO = Path(__file__).resolve().parent.parent
PLAN = "“十四五”新型城镇化实施方案"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def pipeline(real_index: Settings) -> Pipeline:
    return Pipeline.from_settings(real_index)


def cited(answer: Answer) -> list[tuple[str, str]]:
    return [(c.doc, c.label) for c in answer.citations]


def test_colloquial_yes_no_question(pipeline: Pipeline) -> None:
    answer = pipeline.ask("城区人口不到300万的城市还限制落户吗？")
    assert not answer.abstained
    assert cited(answer)[0] == (PLAN, "（六）")
    assert answer.citations[0].path == ("三、加快农业转移人口市民化", "（六）深化户籍制度改革")
    assert answer.answer.startswith(("否", "不"))
    assert re.search(r"300\s*万", answer.answer)
    assert all(s.supported and s.citations for s in answer.sentences)


@pytest.mark.parametrize("question", ["实施方案第十二条讲了什么", "（十二）讲了什么", "第十二条说的是什么？"])
def test_named_clause_is_looked_up(pipeline: Pipeline, question: str) -> None:
    answer = pipeline.ask(question)
    assert cited(answer) == [(PLAN, "（十二）")]
    assert answer.answer.startswith("（十二）完善农业转移人口市民化配套政策")
    assert "非户籍常住人口" in answer.citations[0].text  # the whole clause, not a passage


def test_chapter_is_looked_up(pipeline: Pipeline) -> None:
    answer = pipeline.ask("实施方案第三部分讲了什么")
    labels = [label for _, label in cited(answer)]
    assert labels[:2] == ["三、", "（六）"] and "（十二）" in labels


def test_english_question_gets_an_english_answer_quoting_the_clause(pipeline: Pipeline) -> None:
    answer = pipeline.ask("What does the plan say about urban renewal?")
    assert not answer.abstained
    assert (PLAN, "（二十六）") in cited(answer)
    top = next(c for c in answer.citations if c.label == "（二十六）")
    assert top.path[-1] == "（二十六）有序推进城市更新改造"
    assert re.match(r"(Clause |The passage |Article \d+ \(第)", answer.answer)
    assert "“" in answer.answer and "城市更新" in answer.answer


def test_number_question_quotes_the_figure(pipeline: Pipeline) -> None:
    answer = pipeline.ask("2020年末全国常住人口城镇化率是多少？")
    assert not answer.abstained
    assert "63.89%" in answer.answer
    assert answer.answer.index("63.89%") < 20  # the figure opens the answer


@pytest.mark.parametrize(
    "question",
    ["北京明天天气怎么样", "如何申请美国签证", "个人所得税起征点是多少", "What is the minimum wage in Shanghai?"],
)
def test_off_corpus_questions_abstain(pipeline: Pipeline, question: str) -> None:
    answer = pipeline.ask(question)
    assert answer.abstained
    assert answer.answer in (ABSTAIN_ZH, ABSTAIN_EN)
    assert answer.sentences == ()
    assert len(answer.citations) <= 3  # the nearest clauses, shown as possibly related


def test_document_filter(pipeline: Pipeline) -> None:
    henan = next(d for d in pipeline.documents if "河南" in d)
    answer = pipeline.ask("城市更新怎么推进？", docs=[henan])
    assert answer.citations and {c.doc for c in answer.citations} == {henan}


def test_json_is_complete(pipeline: Pipeline) -> None:
    data = pipeline.ask("随迁子女在流入地上学有什么保障？").to_json()
    assert set(data) == {"question", "answer", "abstained", "citations", "sentences"}
    assert data["citations"][0]["label"] == "（九）"
    assert all(s["supported"] for s in data["sentences"])


# -- the answer's first words on the seeds (issue 11) ---------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "深圳积分落户分数线是多少？",  # was "500万以上：…"
        "实施方案一共有多少条？",  # was "2021：…"
        "积分落户的居住年限最长可以累计多少年？",
    ],
)
def test_no_figure_opening_that_is_not_the_quantity_asked(pipeline: Pipeline, question: str) -> None:
    answer = pipeline.ask(question)
    assert answer.abstained or not re.match(r"\D{0,6}\d[\d.,，%万亿年]*[^：]{0,6}：", answer.answer), answer.answer


@pytest.mark.parametrize(
    "question",
    ["城区常住人口500万以上的城市还限制落户吗？", "农业转移人口随迁子女能在当地参加中考吗？"],
)
def test_no_verdict_that_the_sentence_does_not_decide(pipeline: Pipeline, question: str) -> None:
    answer = pipeline.ask(question)
    assert not answer.answer.startswith(("是", "否")), answer.answer


def test_a_near_miss_asking_a_score_no_text_states_is_refused(pipeline: Pipeline) -> None:
    # The plan's （六） is about 积分落户 but states no score line, Shenzhen's or any other.
    assert pipeline.ask("深圳积分落户分数线是多少？").abstained


def test_a_term_the_texts_name_but_never_explain_is_refused(pipeline: Pipeline) -> None:
    # The plan names “两横三纵” twice ("…城镇化战略格局基本形成") and never says which axes it is.
    assert pipeline.ask("“两横三纵”城镇化战略格局具体指哪几条轴带？").abstained
    # The expert roundtable says what “大城市病” is ("“大城市病”是指…").
    explained = pipeline.ask("“大城市病”具体指的是什么？")
    assert not explained.abstained and "是指" in explained.answer, explained.answer


@pytest.mark.parametrize("question", [
    "今天天气怎么样？",
    # Longer chit-chat (stop 43): the answerability model refitted on the held-out sets weighs a
    # question's length more, and lifts these by about 0.15 — still refused.
    "周末带孩子去哪里玩比较好？推荐几个地方吧。",
    "我家猫最近不爱吃东西，是不是生病了，要不要带去医院看看？",
    "Tell me a joke about lawyers, something short and funny please.",
    "What's the best way to learn to play the guitar as an adult beginner?",
])
def test_chit_chat_is_not_answered(pipeline: Pipeline, question: str) -> None:
    assert pipeline.ask(question).abstained


def test_source_footnote_marks_never_reach_the_answer(pipeline: Pipeline) -> None:
    answer = pipeline.ask("到2050年我国城镇化率将达到多少？")
    assert "［" not in answer.answer and "[2-3]" not in answer.answer
    assert all(f"[{c.n}]" in answer.answer for c in answer.citations) or answer.abstained


def test_a_follow_up_opens_with_its_own_figure_and_a_title_s_year_opens_nothing(pipeline: Pipeline) -> None:
    # Two fresh seed questions (evals/heldout/seeds-s40.jsonl, stop 40) opened with a wrong figure:
    # the follow-up with the figure of the question before it, the other with a year in a title.
    first = "河南给郑州、洛阳和航空港实验区下放了多少项省级权限？"
    follow_up = contextualize("那给各个县（市）放了多少项权限？", [first])
    assert pipeline.ask(first).answer.startswith("295项：")
    assert pipeline.ask(follow_up).answer.startswith("255项：")
    answer = pipeline.ask("《“十四五”新型城镇化实施方案》是哪一年由哪个部门出台的？")
    assert not answer.answer.startswith("2035年"), answer.answer


def test_places_named_by_their_abbreviation_and_a_discount_no_sentence_states(pipeline: Pipeline) -> None:
    # Fresh seed questions (evals/heldout/seeds-s41.jsonl, stop 41): the roundtable's "京津优质学校在河北
    # 设立 28 所分校" names Beijing and Tianjin by 京津 (refused before); no text says what share of the
    # market rent subsidised rental housing costs (answered before with a sentence holding no figure).
    schools = pipeline.ask("北京天津的好学校，在河北一共开了多少所分校？")
    assert schools.answer.startswith("28所："), schools.answer
    assert pipeline.ask("保障性租赁住房的租金一般是市场价的几折？").abstained


def test_which_cities_is_answered_only_by_a_sentence_naming_places(pipeline: Pipeline) -> None:
    # Fresh seed near misses (seeds-s40/s41/s42): the plan says only that the reform is explored,
    # not where; the sentence on it was quoted as the answer. 城市群 are named, and still answered.
    assert pipeline.ask("电子居住证先在哪几个城市试点？").abstained
    assert pipeline.ask("新就业形态人员职业伤害保障，先在哪几个省市试点？").abstained
    groups = pipeline.ask("哪些城市群被要求稳步发展？")
    assert not groups.abstained and "哈长" in groups.answer, groups.answer
