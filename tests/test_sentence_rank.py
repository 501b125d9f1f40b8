"""The first clauses reordered by their sentence nearest the question in meaning
(rag/retrieve/hybrid.py ``_by_sentences``, RetrievalOptions.sentence_weight). The keyword
embedder of tests/test_crossing.py stands in for the model; the real one is measured by
``rag eval`` (evals/README.md, "Sentences by meaning")."""

from __future__ import annotations

import pytest

from rag.answer.meaning import MeaningRanker
from rag.answer.quotes import PIECE_CHARS, sentence_pieces
from rag.records import Hit, Unit
from rag.retrieve.hybrid import HybridSearch
from rag.retrieve.options import RetrievalOptions
from tests.test_crossing import SECTION_105, KeywordEmbedder

LAW = "行政处罚法"


def _article(label: str, row: int, text: str) -> Unit:
    return Unit(LAW, LAW, ("第一章", label), label, row, text, (0, len(text)), "article")


# Both about 处罚; only the second has a sentence on minors under fourteen.
GENERAL = _article("第五条", 5, "第五条 行政处罚遵循公正、公开的原则。设定和实施行政处罚必须以事实为依据。")
MINORS = _article("第三十条", 30, "第三十条 行政处罚应当依法实施。不满十四周岁的未成年人有违法行为的，不予行政处罚。")
OTHER = _article("第六条", 6, "第六条 实施行政处罚，纠正违法行为，应当坚持处罚与教育相结合。")


class _Search(HybridSearch):
    def __init__(self, weight: float) -> None:
        self.options = RetrievalOptions(sentence_weight=weight)
        self._sentences = MeaningRanker(KeywordEmbedder())


def _hits() -> list[Hit]:
    return [Hit(GENERAL, 1.0), Hit(MINORS, 0.95), Hit(OTHER, 0.5)]


def test_the_clause_whose_sentence_answers_comes_first() -> None:
    ranked = _Search(8.0)._by_sentences("不满十四周岁的孩子违法会被处罚吗？", _hits())
    assert [h.unit.label for h in ranked[:2]] == ["第三十条", "第五条"]
    scores = [h.score for h in ranked]
    assert scores == sorted(scores, reverse=True)


def test_a_small_weight_keeps_a_clear_fused_lead() -> None:
    hits = [Hit(GENERAL, 1.0), Hit(MINORS, 0.5)]
    ranked = _Search(0.1)._by_sentences("不满十四周岁的孩子违法会被处罚吗？", hits)
    assert [h.unit.label for h in ranked] == ["第五条", "第三十条"]


def test_english_sections_are_reordered_too() -> None:
    hits = [Hit(GENERAL, 1.0), Hit(SECTION_105, 0.95), Hit(MINORS, 0.9)]
    ranked = _Search(8.0)._by_sentences("不满十四周岁的孩子违法会被处罚吗？", hits)
    assert ranked[0].unit.label == "第三十条"


def test_hits_after_the_head_keep_their_place_and_scores_stay_above_them() -> None:
    hits = [Hit(OTHER, 1.0), Hit(GENERAL, 0.99), Hit(MINORS, 0.98), Hit(OTHER, 0.2)]
    search = _Search(8.0)
    search.options = RetrievalOptions(sentence_weight=8.0, sentence_clauses=3)
    ranked = search._by_sentences("不满十四周岁的孩子违法会被处罚吗？", hits)
    assert ranked[0].unit.label == "第三十条"
    assert ranked[3] == hits[3]
    assert min(h.score for h in ranked[:3]) >= hits[3].score


@pytest.mark.parametrize("bad", [{"sentence_weight": -1.0}, {"sentence_clauses": 1}])
def test_bad_sentence_options_are_refused_with_the_value(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="sentence_"):
        RetrievalOptions(**bad)  # type: ignore[arg-type]


def test_a_long_chinese_sentence_is_also_read_in_pieces() -> None:
    sentence = (
        "定点医药机构及其工作人员应当执行实名就医和购药管理规定，核验参保人员医疗保障凭证，"
        "按照诊疗规范提供合理、必要的医药服务，不得分解住院、挂床住院，不得违反诊疗规范过度诊疗。"
    )
    pieces = sentence_pieces(sentence + "第二句很短。")
    assert pieces[0] == sentence  # the whole sentence first, then its pieces
    assert all(len(p) <= PIECE_CHARS for p in pieces[1:-1])
    assert any("挂床住院" in p and len(p) <= PIECE_CHARS for p in pieces)
    assert "".join(pieces[1:-1]) == sentence  # cut after commas, nothing lost
    assert pieces[-1] == "第二句很短。"  # a short sentence is not cut
    english = "A business shall, upon request, delete the consumer's personal information, and notify providers."
    assert sentence_pieces(english) == [english]


def test_a_question_naming_a_year_keeps_the_fused_order() -> None:
    target = _article("（二十二）", 22, "（二十二）建设城市群一体化交通网，到2025年不满十四周岁的新增里程3000公里。")
    achieved = _article("（一）", 1, "（一）城市轨道交通运营里程超过7000公里，2020年完成。")
    hits = [Hit(achieved, 1.0), Hit(target, 0.95)]
    assert _Search(8.0)._by_sentences("到2020年不满十四周岁的运营里程有多少公里？", hits) == hits
