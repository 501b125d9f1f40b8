"""Retrieval: fusion, passage merging, direct lookup, document filters, the LangChain retriever."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from langchain_core.documents import Document

from rag.index.embed import HashingEmbedder
from rag.index.store import Index
from rag.query.rewrite import expansions, formal, rewrite
from rag.records import Unit
from rag.retrieve.fusion import RetrievalOptions, Retriever, clause_title, merge_passages, rrf, weighted
from rag.retrieve.langchain import PolicyRetriever
from tests.answer_fixtures import PAPER, PLAN, REG, SIX_A, SIX_B, build_index, units


@pytest.fixture
def index(tmp_path: Path) -> Index:
    return build_index(tmp_path / "idx")


@pytest.fixture
def retriever(index: Index) -> Retriever:
    return Retriever(index, HashingEmbedder(128))


# -- fusion ---------------------------------------------------------------------------------


def test_rrf_sums_reciprocal_ranks() -> None:
    fused = rrf({"dense": [7, 3], "lexical": [3, 9]}, k=60)
    assert fused[3] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[7] == pytest.approx(1 / 61)
    assert fused[9] == pytest.approx(1 / 62)
    assert max(fused, key=lambda r: fused[r]) == 3  # found by both beats first in one


def test_rrf_rejects_negative_k() -> None:
    with pytest.raises(ValueError, match="k must be at least 0"):
        rrf({"dense": [1]}, k=-1)


def test_weighted_normalises_each_list() -> None:
    fused = weighted(
        {"dense": [(1, 0.9), (2, 0.8), (3, 0.7)], "lexical": [(2, 30.0), (4, 10.0)]},
        {"dense": 0.5, "lexical": 0.5},
    )
    assert fused[1] == pytest.approx(0.5)  # top of dense, absent from lexical
    assert fused[2] == pytest.approx(0.5 * 0.5 + 0.5)  # middle of dense, top of lexical
    assert fused[3] == pytest.approx(0.0)
    assert fused[4] == pytest.approx(0.0)
    assert weighted({"dense": [], "lexical": [(5, 2.0)]}, {"lexical": 1.0}) == {5: 1.0}


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="fusion must be one of"):
        RetrievalOptions(fusion="max")
    with pytest.raises(ValueError, match="candidates must be greater than 0"):
        RetrievalOptions(candidates=0)
    with pytest.raises(ValueError, match="dense_weight"):
        RetrievalOptions(dense_weight=1.5)


# -- merging --------------------------------------------------------------------------------


def test_passages_merge_into_the_whole_clause() -> None:
    a, b = (u for u in units() if u.label == "（六）")
    whole = merge_passages([b, a])
    assert whole.text == SIX_A + SIX_B[len("确保外地与本地农业转移人口进城落户标准一视同仁。"):]
    assert whole.text.count("一视同仁") == 1
    assert (whole.part, whole.parts) == (0, 1)
    assert whole.span == (a.span[0], b.span[1])
    assert whole.clause_key == a.clause_key


def test_merge_falls_back_to_text_overlap_when_spans_disagree() -> None:
    a, b = (u for u in units() if u.label == "（六）")
    from dataclasses import replace

    whole = merge_passages([a, replace(b, span=(0, 10))])
    assert whole.text.count("一视同仁") == 1
    assert whole.text.endswith("集体收益分配权。")


def test_passages_whose_spans_touch_are_joined_whole() -> None:
    # No overlap by the spans: a guessed text overlap would drop the second 的.
    first = Unit(doc_id="d", title="d", path=("第一条",), label="第一条", ordinal=0,
                 text="甲方应当支付的", span=(0, 7), part=0, parts=2)
    second = Unit(doc_id="d", title="d", path=("第一条",), label="第一条", ordinal=0,
                  text="的费用。", span=(7, 11), part=1, parts=2)
    assert merge_passages([second, first]).text == "甲方应当支付的的费用。"


def test_clause_title() -> None:
    six = next(u for u in units() if u.label == "（六）")
    assert clause_title(six) == "深化户籍制度改革"


# -- the retriever --------------------------------------------------------------------------


def test_hybrid_search_finds_the_clause_and_merges_passages(retriever: Retriever) -> None:
    hits = retriever.search("城区常住人口300万以下的城市落户限制", top_k=3)
    assert hits[0].unit.label == "（六）"
    assert hits[0].unit.parts == 1 and "集体收益分配权" in hits[0].unit.text  # the whole clause
    assert set(hits[0].ranks) <= {"dense", "lexical"}
    assert len({h.unit.clause_key for h in hits}) == len(hits)  # one hit per clause
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("fusion", ["rrf", "weighted", "dense", "lexical"])
def test_every_fusion_runs(index: Index, fusion: str) -> None:
    r = Retriever(index, HashingEmbedder(128), RetrievalOptions(fusion=fusion, direct_lookup=False))
    hits = r.search("城市更新改造 老旧小区", top_k=2)
    assert hits and hits[0].unit.label == "（二十六）"


def test_direct_lookup_wins_over_similarity(retriever: Retriever) -> None:
    result = retriever.retrieve("实施方案第十二条讲了什么")
    assert result.direct
    assert [h.unit.label for h in result.hits] == ["（十二）"]
    assert result.hits[0].ranks == {"ref": 1}


def test_direct_lookup_of_a_chapter_returns_all_of_it(retriever: Retriever) -> None:
    result = retriever.retrieve("第三部分讲了什么", top_k=2)
    assert [h.unit.label for h in result.hits] == ["三、", "（六）", "（十二）"]
    assert result.hits[1].unit.parts == 1  # passages merged


def test_unmatched_reference_falls_back_to_search(retriever: Retriever) -> None:
    result = retriever.retrieve("第九十九条 城市更新改造")
    assert not result.direct
    assert result.hits[0].unit.label == "（二十六）"


def test_document_filter(retriever: Retriever) -> None:
    hits = retriever.search("户籍制度改革", top_k=5, docs=[PAPER])
    assert hits and {h.unit.doc_id for h in hits} == {PAPER}
    hits = retriever.search("户籍制度改革", top_k=5, docs=[PLAN, REG])
    assert PAPER not in {h.unit.doc_id for h in hits}


def test_document_filter_applies_to_lookup(retriever: Retriever) -> None:
    assert not retriever.retrieve("（六）", docs=[PAPER]).direct


def test_bad_arguments_fail_with_the_value(retriever: Retriever) -> None:
    with pytest.raises(ValueError, match=r"top_k must be greater than 0\. Currently, the top_k is 0"):
        retriever.search("落户", top_k=0)
    with pytest.raises(ValueError, match="unknown document"):
        retriever.search("落户", docs=["nope"])


def test_lexical_only_without_embedder(index: Index) -> None:
    r = Retriever(index, None)
    result = r.retrieve("城市更新改造")
    assert result.hits[0].unit.label == "（二十六）"
    assert result.dense_top == -1.0


def test_english_function_words_do_not_rank_the_wordy_section_first(tmp_path: Path) -> None:
    # Section 2 says "the" and "of" again and again; Section 1 holds the asked word. With the
    # function words in the query BM25 prefers the wordy section.
    wordy = ("Section 2 The purpose of the title is the protection of the rights of the people of the State "
             "and the duty of the business is to the consumer of the State.")
    asked = "Section 1 A business shall reply to a verifiable request within 45 days of its receipt."
    unit_list = [
        Unit("law", "Law", ("Section 1",), "Section 1", 1, asked, (0, len(asked)), "article"),
        Unit("law", "Law", ("Section 2",), "Section 2", 2, wordy, (200, 200 + len(wordy)), "article"),
    ]
    index = build_index(tmp_path / "idx", unit_list)
    question = "What is the deadline of the reply to the request of the consumer?"
    dropped = Retriever(index, None, RetrievalOptions(answerability=False)).search(question, top_k=2)
    kept = Retriever(index, None, RetrievalOptions(answerability=False, drop_function_words=False)).search(
        question, top_k=2
    )
    assert [h.unit.label for h in dropped] == ["Section 1", "Section 2"]
    assert kept[0].unit.label == "Section 2"


def test_the_words_naming_a_document_leave_the_lexical_query(tmp_path: Path) -> None:
    # Inside 行政处罚法 "行政处罚" is in every article: searched with it, the question about entry
    # into force finds the article that says 行政处罚 most, not the one that says 施行. (Asked "从哪天起
    # 施行", the commencement rule would find it anyway: tests/test_commencement.py.)
    law = "zh-laws/行政处罚法(2021-01-22)"
    first = "第一条 为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政处罚，制定本法。"
    last = "第八十六条 本法自2021年7月15日起施行。"
    other = "第一条 为了规范工伤保险的实施，制定本条例，自公布之日起施行。"
    unit_list = [
        Unit(law, "行政处罚法(2021-01-22)", ("第一条",), "第一条", 1, first, (0, len(first)), "article"),
        Unit(law, "行政处罚法(2021-01-22)", ("第八十六条",), "第八十六条", 86, last, (500, 500 + len(last)), "article"),
        Unit("zh-laws/工伤保险条例", "工伤保险条例", ("第一条",), "第一条", 1, other, (0, len(other)), "article"),
    ]
    index = build_index(tmp_path / "idx", unit_list)
    question = "修订后的行政处罚法关于施行是怎么规定的？"
    dropped = Retriever(index, None, RetrievalOptions(answerability=False)).search(question, top_k=3)
    kept = Retriever(index, None, RetrievalOptions(answerability=False, drop_doc_names=False)).search(question, top_k=3)
    assert dropped[0].unit.label == "第八十六条"
    assert (kept[0].unit.doc_id, kept[0].unit.label) == (law, "第一条")


# -- query rewriting ------------------------------------------------------------------------


def test_colloquial_words_get_the_documents_terms() -> None:
    assert "户籍" in expansions("孩子的户口能迁过来吗")
    assert "城市更新" in rewrite("老小区改造有什么政策")
    assert "户籍" in formal("上户口")
    assert expansions("深化户籍制度改革") == []  # already in the documents' words


def test_the_words_people_use_about_the_law_get_the_statutes_terms() -> None:
    # rag/query/lay_terms.py: not one corpus's vocabulary, the law's in general.
    assert {"抛掷物品", "建筑物", "赔偿"} <= set(expansions("楼上扔东西砸伤了人，找谁赔？"))
    assert {"正当防卫", "刑事责任"} <= set(expansions("有人拿刀砍我，我反抗把他打伤了，要坐牢吗？"))
    assert "醉酒驾驶机动车" in rewrite("醉驾会判刑吗？")
    assert "饲养的动物" in formal("邻居家的狗咬了我")
    # A word statutes use themselves gets nothing: 开除 (义务教育法: 不得开除), 工资.
    assert expansions("学校能开除学生吗") == []
    assert "劳动报酬" not in expansions("工资怎么发")


def test_english_questions_get_chinese_terms() -> None:
    assert "城市更新" in expansions("What does the plan say about urban renewal?")
    assert "户籍" in expansions("Can migrants get hukou?")


def test_rewrite_helps_a_colloquial_query(index: Index) -> None:
    plain = Retriever(index, None, RetrievalOptions(rewrite=False))
    rewritten = Retriever(index, None)
    assert not plain.search("What does the plan say about urban renewal?")
    assert rewritten.search("What does the plan say about urban renewal?")[0].unit.label == "（二十六）"


# -- LangChain --------------------------------------------------------------------------------


def test_langchain_retriever_returns_documents(retriever: Retriever) -> None:
    lc = PolicyRetriever(retriever=retriever, top_k=2)
    docs = lc.invoke("实施方案第十二条讲了什么")
    assert isinstance(docs[0], Document)
    assert docs[0].metadata["label"] == "（十二）"
    assert docs[0].metadata["doc"] == PLAN
    assert docs[0].metadata["path"][-1].startswith("（十二）")
    assert set(docs[0].metadata) >= {"doc", "title", "label", "path", "score"}
    filtered = PolicyRetriever(retriever=retriever, top_k=3, docs=[PAPER]).invoke("户籍制度改革")
    assert {d.metadata["doc"] for d in filtered} == {PAPER}


def test_english_glossary_keys_match_words_not_pieces_of_words() -> None:
    # "bus" → 公交 read "business" as a bus; a stem still takes its endings.
    assert "公交" not in expansions("How many days does a business have to respond?")
    assert "公交" in expansions("Are buses free for the elderly?")
    assert "生态" in expansions("What does it say about ecological protection?")
    assert "超大特大城市" in expansions("Which megacities still restrict settlement?")
    # A whole-word key (legal_terms.WHOLE_WORDS): being fired is no fire.
    assert "火灾" not in expansions("My boss fired me while I was pregnant, is that allowed?")
    assert "火灾" in expansions("Who pays for the damage after a fire?")
    assert "火灾" in expansions("How many fires were reported?")


class _MeaningOfSection2:
    """A fake embedder by which every question means Section 2, whatever its words say."""

    id = "fixed-4"
    dim = 4

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), 4), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, 0 if query or "Section 2" in text else 1] = 1.0
        return out


def test_an_english_question_has_its_own_dense_weight_when_set(tmp_path: Path) -> None:
    words = "Section 1 A business shall reply to a verifiable consumer request within 45 days."
    meaning = "Section 2 Time limits for answers."
    unit_list = [
        Unit("law", "Law", ("Section 1",), "Section 1", 1, words, (0, len(words)), "article"),
        Unit("law", "Law", ("Section 2",), "Section 2", 2, meaning, (100, 100 + len(meaning)), "article"),
    ]
    embedder = _MeaningOfSection2()
    index = build_index(tmp_path / "idx", unit_list, embedder)
    question = "How long does a business have to reply to a consumer request?"

    def first(**options: float | None) -> str:
        retriever = Retriever(index, embedder, RetrievalOptions(answerability=False, sentence_weight=0.0, **options))
        return retriever.search(question, top_k=2)[0].unit.label

    assert first(dense_weight_en=0.0) == "Section 1"  # by its words
    assert first(dense_weight_en=1.0) == "Section 2"  # by its meaning
    assert first(dense_weight=1.0) == first(dense_weight=1.0, dense_weight_en=None)
    with pytest.raises(ValueError, match=r"dense_weight_en must be in \[0, 1\] or None\. Currently, it is 2"):
        RetrievalOptions(dense_weight_en=2)
