"""Readings stop 76 added, each from a question its held-out or trap sets showed."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.answer.figures import figure
from rag.answer.options import ExtractiveOptions
from rag.answer.parties import fines_another
from rag.index.embed import HashingEmbedder
from rag.query.commencement import asked_provision, asks_commencement
from rag.query.quantity import asked
from rag.query.question import analyse
from rag.retrieve.fusion import Retriever
from rag.retrieve.options import RetrievalOptions
from rag.text import language
from tests.answer_fixtures import build_index
from ui.followup import contextualize

_ZONE = ("在城市轨道交通线路安全保护区内进行作业的单位有下列行为之一的，由城市人民政府城市公共交通主管部门责令改正，"
         "暂时停止作业，可以处5万元以下的罚款。")
_PHONOGRAMS = ("### Article 11\nTechnical adaptations\n2. Article 3(2) of Directive 93/98/EEC shall be replaced by "
               "the following: \"2. The rights of producers of phonograms shall expire 50 years after the fixation "
               "is made.")


def test_a_fine_asked_of_a_passenger_is_not_a_bodys() -> None:
    # pz76-40 (a near miss) opened "5万元以下：" with the fine of a body working in a line's protection zone.
    at = _ZONE.index("5万元以下")
    assert fines_another("按城市公共交通条例，乘客坐地铁逃票被抓住要罚多少钱？", _ZONE, at, at + 5)
    assert fines_another("乘客在地铁里吸烟要罚多少钱？", _ZONE, at, at + 5)
    # A body asked, or no party named: the figure may be the one asked.
    assert not fines_another("按城市公共交通条例，施工单位在保护区违规作业最多罚多少？", _ZONE, at, at + 5)
    assert not fines_another("在地铁保护区违规作业最多罚多少？", _ZONE, at, at + 5)


def test_an_amending_clause_opens_with_no_figure() -> None:
    # ll-37 and pe76-41 (near misses) opened "50 years" with the phonogram producers' term that
    # Directive 2001/29 writes into Directive 93/98.
    sentence = _PHONOGRAMS.split("\n")[-1]
    question = "For how many years are the rights of producers of phonograms protected after the fixation is made?"
    options = ExtractiveOptions()
    assert figure(analyse(question), sentence, options) == "50 years"  # the sentence alone
    assert figure(analyse(question), sentence, options, _PHONOGRAMS) is None  # in the clause amending another act
    amending = ("As the copyright directive amended it, for how many years are the rights of producers of phonograms "
                "protected after the fixation is made?")
    assert figure(analyse(amending), sentence, options, _PHONOGRAMS) == "50 years"


def test_a_chinese_questions_english_units_are_ordered_by_its_glosses_too(tmp_path: Path) -> None:
    # The mirror of an English question's bridged vector (RetrievalOptions.render_dense).
    embedder = HashingEmbedder(128)
    index = build_index(tmp_path / "idx")
    on = Retriever(index, embedder, RetrievalOptions(render_dense=0.25))
    vector = embedder.embed(["房东要在多少天内登记租约？"], query=True)[0]
    mixed = on._bridged("房东要在多少天内登记租约？", vector)
    assert mixed is not None
    glosses = embedder.embed(["landlords register"], query=True)[0]
    assert float(mixed @ glosses) > float(vector @ glosses)  # nearer the glosses' meaning
    assert Retriever(index, embedder, RetrievalOptions(render_dense=0.0)).options.render_dense == 0.0
    with pytest.raises(ValueError, match="render_dense"):
        RetrievalOptions(render_dense=1.5)
    assert on._bridged("今天天气怎么样？", vector) is None  # no word the English texts hold


def test_a_count_asked_after_le_names_its_unit() -> None:
    # hz45-37 (a seed near miss): "…一共开通了几条线路？" was answered from a sentence stating no count.
    lines = asked(analyse("河南那篇文章说要提升郑州国家中心城市能级，那郑州地铁现在一共开通了几条线路？"))
    assert lines.units == ("条",) and lines.counted == "线路"
    assert asked(analyse("全省已经初步形成了几个万亿级的产业集群？")).units == ("个",)
    # A story's 了几 asks nothing: "招了几位职工，…" and "打了几年工，…".
    assert "人" not in asked(analyse("我们厂招了几位残疾职工，给他们发的工资能多扣多少？")).units
    assert not asked(analyse("我在东莞打了几年工，社保关系怎么转回去？")).duration


def test_effective_as_a_quality_asks_no_date_of_effect() -> None:
    # ll-24 was answered from Directive 2001/29's date of entry into force alone.
    assert not asks_commencement("We lock our games with an activation system. When does copy protection like that "
                                 "count as 'effective' under the 2001 copyright directive?")
    assert asks_commencement("When does the GDPR become effective?")
    assert asks_commencement("When is the directive effective?")


def test_a_follow_up_on_the_commissions_report_asks_the_review() -> None:
    # ll-33 got the transposition clause alone: its earlier question asked the transposition date.
    before = ("I'm a law student. By what date did Member States have to bring in the national laws needed to comply "
              "with the 2001 copyright directive?")
    follow = contextualize("And once the Commission had sent in its first report on how the directive was working, how "
                           "often did it have to report again after that?", [before])
    assert asked_provision(before) == "transposition"
    assert asked_provision(follow) == "review"
    # A follow-up about another body's report to the Commission asks no review.
    sent = contextualize("And does each country have to send the Commission a report too?", [before])
    assert asked_provision(sent) != "review"


def test_the_glosses_reorder_a_chinese_questions_english_units_and_raise_none(tmp_path: Path) -> None:
    embedder = HashingEmbedder(128)
    retriever = Retriever(build_index(tmp_path / "idx"), embedder, RetrievalOptions(render_dense=0.25))
    question = "房东要在多少天内登记租约？"
    vector = embedder.embed([question], query=True)[0]
    english = retriever._documents_in("en")
    before = retriever._dense(vector, 10, english)
    bridged = retriever._bridged(question, vector)
    assert bridged is not None
    plain = retriever._with_other_language(vector, list(before), "zh", 10, None)
    glossed = retriever._with_other_language(vector, list(before), "zh", 10, None, lambda: bridged)
    lang = retriever._languages()
    # The English units' similarities are the ones the question's own vector gave, place by place.
    assert sorted(s for r, s in glossed if lang[r] == "en") == sorted(s for r, s in plain if lang[r] == "en")


def test_a_case_put_with_ne_asks_no_count() -> None:
    # pz61-03 ("…只是报晚了几天呢？", a follow-up putting a case) was refused when 几天 was read as asked.
    assert not asked(analyse("个体户要是没拒报，只是报晚了几天呢？")).units
    assert asked(analyse("那比2015年大了几岁？")).units == ("岁",)


def test_no_glosses_are_read_without_english_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A Chinese question over Chinese texts alone never reads CC-CEDICT's glosses (jieba and the table
    # stay unloaded): the mixed vector is made only when there are English units to order.
    import rag.retrieve.hybrid as hybrid

    units = [u for u in build_index(tmp_path / "all").units if language(u.text) == "zh"]
    retriever = Retriever(build_index(tmp_path / "zh", units), HashingEmbedder(128), RetrievalOptions())
    read: list[str] = []

    def glossed(question: str, *args: object, **kwargs: object) -> tuple[str, ...]:
        read.append(question)
        return ()

    monkeypatch.setattr(hybrid, "renderings", glossed)
    assert retriever.retrieve("房东要在多少天内登记租约？", top_k=3).hits
    assert read == []
