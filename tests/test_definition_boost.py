"""A clause defining the term a question quotes is raised (RetrievalOptions.definition_boost)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.embed import HashingEmbedder
from rag.query.terms import defined_term, defines
from rag.records import Unit
from rag.retrieve.fusion import Retriever
from rag.retrieve.options import RetrievalOptions
from tests.answer_fixtures import build_index

LAW, RULES = "税收征收管理法", "税收征收管理法实施细则"


def _unit(doc: str, ordinal: int, label: str, text: str) -> Unit:
    return Unit(doc, doc, (label,), label, ordinal, text, (ordinal * 1000, ordinal * 1000 + len(text)), "article")


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("我还欠着税没交，打算把商铺卖掉，欠税达到多少钱就算“数额较大”？", "数额较大"),
        ("这算不算可以把追征期延长到五年的“特殊情况”？", "特殊情况"),
        ("“大城市病”具体指的是什么？", "大城市病"),
        ("公司招聘启事写了“男性优先”，会被罚款吗？", None),  # quoted, but its reach is not asked
        ("欠税达到多少钱就算数额较大？", None),  # nothing quoted
    ],
)
def test_the_term_whose_reach_is_asked(question: str, term: str | None) -> None:
    assert defined_term(question) == term


def test_a_clause_defines_a_term_by_so_called_or_by_what_it_means() -> None:
    assert defines("数额较大", "税收征管法第四十九条所称欠缴税款数额较大，是指欠缴税款5万元以上。")
    assert defines("特殊困难", "纳税人有下列情形之一的，属于税收征管法第三十一条所称特殊困难：")
    assert defines("大城市病", "“大城市病”是指人口向大城市过度集中所引发的一系列问题。")
    assert not defines("数额较大", "欠缴税款数额较大的纳税人在处分其不动产或者大额资产之前，应当向税务机关报告。")


def test_the_clause_defining_the_quoted_term_is_raised(tmp_path: Path) -> None:
    uses = _unit(LAW, 1, "第四十九条",
                 "第四十九条 欠缴税款数额较大的纳税人在处分其不动产或者大额资产之前，应当向税务机关报告。")
    defining = _unit(RULES, 2, "第七十七条",
                     "第七十七条 税收征管法第四十九条所称欠缴税款数额较大，是指欠缴税款5万元以上。")
    filler = _unit(LAW, 3, "第五十条", "第五十条 欠缴税款的纳税人因怠于行使到期债权，税务机关可以依法行使代位权。")
    others = [_unit(LAW, 4 + i, f"第{n}条", f"第{n}条 {text}") for i, (n, text) in enumerate([
        ("八十", "纳税人对税务机关作出的决定不服的，可以依法申请行政复议。"),
        ("八十一", "税务人员利用职务上的便利，收受财物的，依法给予行政处分。"),
    ])]
    index = build_index(tmp_path / "idx", [uses, defining, filler, *others])
    question = "欠税的纳税人处分不动产前要报告，欠税达到多少就算“数额较大”？"
    # Without the sentence reorder: the hashing embedder's sentence similarities are noise.
    off = Retriever(index, HashingEmbedder(128),
                    RetrievalOptions(definition_boost=0.0, sentence_weight=0.0, answerability=False))
    on = Retriever(index, HashingEmbedder(128),
                   RetrievalOptions(definition_boost=1.0, sentence_weight=0.0, answerability=False))
    assert off.retrieve(question, top_k=3).hits[0].unit.label == "第四十九条"  # more of the question's words
    assert on.retrieve(question, top_k=3).hits[0].unit.label == "第七十七条"
    plain = "欠税的纳税人处分不动产前要报告吗？"  # no term asked: nothing raised
    assert on.retrieve(plain, top_k=3).hits[0].unit.label == off.retrieve(plain, top_k=3).hits[0].unit.label

    with pytest.raises(ValueError, match="definition_boost"):
        RetrievalOptions(definition_boost=1.5)
