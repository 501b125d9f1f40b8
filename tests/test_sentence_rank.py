"""The first clauses reordered by their sentence nearest the question in meaning
(rag/retrieve/hybrid.py ``_by_sentences``, RetrievalOptions.sentence_weight). The keyword
embedder of tests/test_crossing.py stands in for the model; the real one is measured by
``rag eval`` (evals/README.md, "Sentences by meaning")."""

from __future__ import annotations

import pytest

from rag.answer.meaning import MeaningRanker
from rag.answer.quotes import LEADIN_CHARS, PIECE_CHARS, clause_sentences, item_pieces, sentence_pieces
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


# A penalty article: its items say what is punished, its lead-in how (RetrievalOptions.item_leadins).
PENALTY = _article(
    "第六十四条", 64,
    "第六十四条 违反本法规定，有下列行为之一的，处五百元以下罚款：\n"
    "（一）指使他人冒险作业的；\n（二）不满十四周岁的人进入禁区的。",
)
NO_FINE = _article("第十条", 10, "第十条 不满十四周岁的人不得进入禁区。")


def test_an_item_is_read_after_its_lead_in_when_asked() -> None:
    question = "不满十四周岁的人进了禁区会被罚款吗？"
    hits = [Hit(NO_FINE, 1.0), Hit(PENALTY, 0.95)]
    search = _Search(8.0)
    assert [h.unit.label for h in search._by_sentences(question, hits)] == ["第六十四条", "第十条"]
    search.options = RetrievalOptions(sentence_weight=8.0, item_leadins=False)
    assert [h.unit.label for h in search._by_sentences(question, hits)] == ["第十条", "第六十四条"]


def test_item_pieces_join_the_lead_in_opening_and_each_item() -> None:
    pieces = item_pieces(clause_sentences(PENALTY.text))
    assert pieces == [
        "违反本法规定，有下列行为之一的，处五百元以下罚款：指使他人冒险作业的；",
        "违反本法规定，有下列行为之一的，处五百元以下罚款：不满十四周岁的人进入禁区的。",
    ]
    # Items nothing announces with a colon are not a list of this lead-in.
    assert item_pieces(clause_sentences("第三条 本条例所称单位包括机关。（一）国家机关；（二）企业。")) == []
    english = (
        "The seller shall not be bound by public statements if the seller shows that:\n"
        "(a) the seller was not aware of the public statement;\n(b) the statement had been corrected."
    )
    assert item_pieces(clause_sentences(english))[1] == (
        "The seller shall not be bound by public statements if the seller shows that: the statement had been corrected."
    )


def test_a_long_lead_in_keeps_whole_sentences_or_is_cut_after_a_comma() -> None:
    first = "违反本法规定，有下列行为之一，尚不构成犯罪的，处十日以上十五日以下拘留，可以并处五百元以下罚款；"
    text = f"第六十四条 {first}情节较轻的，处警告或者五百元以下罚款：\n（二）过失引起火灾的；"
    assert item_pieces(clause_sentences(text)) == [f"{first}过失引起火灾的；"]
    long_one = "违反本法规定" + "，有下列行为之一的单位和个人" * 6 + "：\n（一）过失引起火灾的；"
    piece = item_pieces(clause_sentences(long_one))[0]
    assert piece.endswith("，过失引起火灾的；") and len(piece) <= LEADIN_CHARS + len("过失引起火灾的；")


class _FixedRanker:
    """Similarities as the real model gave them for stop 52's gp-09: the English repair article's
    nearest sentence 0.833, a Chinese tax article's 0.87 (the question is Chinese)."""

    def similarities(self, question: str, texts: list[str], **_: object) -> list[float]:
        return [0.833 if "repair" in t else 0.87 if "折旧" in t else 0.5 for t in texts]


REPAIR = Unit("eu-repair", "eu-repair", ("Article 5",), "Article 5", 5,
              "Article 5 Obligation to repair. The manufacturer shall repair goods upon the consumer's request.",
              (0, 90), "article")
DEPRECIATION = _article("第三十二条", 32,
                        "第三十二条 企业的固定资产由于技术进步等原因，确需加速折旧的，可以缩短折旧年限。")


@pytest.mark.parametrize(("offset", "first"), [(True, "Article 5"), (False, "第三十二条")])
def test_a_sentence_in_another_language_is_raised_by_the_language_gap(offset: bool, first: str) -> None:
    # "厂家能以被第三方修过为由拒绝维修吗？" (gp-09) had the tax article first: a Chinese sentence is
    # nearer in meaning to a Chinese question than an English one saying the same (cross_dense_offset_zh).
    search = _Search(20.0)
    search.options = RetrievalOptions(sentence_weight=20.0, sentence_cross_offset=offset)
    search._sentences = _FixedRanker()  # type: ignore[assignment]
    ranked = search._by_sentences("我的手机被第三方修过，厂家能以这个理由拒绝维修吗？",
                                  [Hit(REPAIR, 0.754), Hit(DEPRECIATION, 0.536)])
    assert ranked[0].unit.label == first


def test_no_raise_when_the_question_s_own_language_fused_first() -> None:
    # Held-out hy-25 (a Chinese question on 民法典's 第一千零三十七条) lost its article to the CPRA's
    # "Right to Delete" when every English clause was raised: only a retrieval the other language
    # leads is read with the gap.
    search = _Search(20.0)
    search._sentences = _FixedRanker()  # type: ignore[assignment]
    ranked = search._by_sentences("我的手机被第三方修过，厂家能以这个理由拒绝维修吗？",
                                  [Hit(DEPRECIATION, 0.8), Hit(REPAIR, 0.75)])
    assert ranked[0].unit.label == "第三十二条"
