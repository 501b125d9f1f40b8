"""Per-question scores on hand-made outcomes: retrieval hits and rank, clause citations, ALCE,
numbers verbatim, a whole question scored."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from evals.gold import Corpus, ResolvedGold, fold
from evals.outcome import AnswerView, CitationView, Outcome, Retrieved, SentenceView
from evals.scoring import (
    alce_counts,
    answer_numbers,
    clause_citation_scores,
    gold_rank,
    is_hit,
    missing_numbers,
    score_question,
)
from evals.systems import answer_view
from tests.eval_helpers import PLAN, PLAN_TEXT, gold_item, make_corpus


@pytest.fixture
def corpus() -> Corpus:
    return make_corpus()


# -- retrieval metrics ------------------------------------------------------------------------


def test_gold_rank_counts_each_clause_once() -> None:
    gold = ResolvedGold(frozenset({("d", 5)}))
    ranked = [Retrieved(("d", 1)), Retrieved(("d", 1)), Retrieved(("d", 2)), Retrieved(("d", 5))]
    assert gold_rank(ranked, gold) == 3
    assert gold_rank(ranked, gold, depth=2) is None
    assert gold_rank([], gold) is None


def test_chunk_hits_by_quote_or_span_overlap() -> None:
    gold = ResolvedGold(frozenset({("d", 1)}), spans=(("d", 100, 300),), quotes=(fold("落户 限制"),))
    assert is_hit(Retrieved(text="……全面取消落户限制……"), gold)
    assert is_hit(Retrieved(span=("d", 250, 750)), gold)  # 50 characters of the clause
    assert not is_hit(Retrieved(span=("d", 290, 790)), gold)  # 10 characters only
    assert not is_hit(Retrieved(span=("e", 100, 300)), gold)  # another document
    short = ResolvedGold(frozenset(), spans=(("d", 10, 20),))
    assert is_hit(Retrieved(span=("d", 15, 515)), short)  # half of a short quote



# -- citations --------------------------------------------------------------------------------


def test_clause_citation_precision_and_recall() -> None:
    gold = ResolvedGold(frozenset({("d", 1), ("d", 2), ("e", 7)}),
                        groups=(frozenset({("d", 1)}), frozenset({("d", 2), ("e", 7)})))
    assert clause_citation_scores([("d", 1), ("d", 9)], gold) == (0.5, 0.5, 1, 1)
    # The second group is a quote found in two places: citing either occurrence recalls it.
    assert clause_citation_scores([("d", 1), ("e", 7)], gold) == (1.0, 1.0, 2, 2)
    assert clause_citation_scores([], gold) == (None, 0.0, 0, 0)


def _words_support(sentence: str, passages: Sequence[str]) -> bool:
    """A toy judge: every comma-separated fact of the sentence is in some passage."""
    joined = " ".join(passages)
    return all(fact in joined for fact in sentence.rstrip("。").split("，"))


def _answer(sentences: list[tuple[str, tuple[int, ...]]], passages: dict[int, str]) -> AnswerView:
    return AnswerView(
        text="".join(s + "".join(f"[{n}]" for n in c) for s, c in sentences),
        abstained=False,
        citations=tuple(CitationView(n, ("d", n), t) for n, t in passages.items()),
        sentences=tuple(SentenceView(s, c) for s, c in sentences),
    )


def test_alce_recall_and_precision() -> None:
    passages = {1: "甲乙丙", 2: "丁戊", 3: "无关的话"}
    answer = _answer(
        [
            ("甲乙，丁戊。", (1, 2)),  # needs both: both precise
            ("甲乙。", (1, 3)),  # [1] supports alone, [3] irrelevant
            ("庚辛。", (1,)),  # unsupported: not recalled, its citation not precise
            ("丁戊。", ()),  # no citation: not recalled
        ],
        passages,
    )
    assert alce_counts(answer, _words_support) == (4, 2, 5, 3)


def test_alce_counts_a_redundant_pair_as_precise() -> None:
    # Both passages support the sentence alone: neither is irrelevant (ALCE condition A).
    answer = _answer([("甲乙。", (1, 2))], {1: "甲乙", 2: "甲乙丙"})
    assert alce_counts(answer, _words_support) == (1, 1, 2, 2)


def test_numbers_verbatim() -> None:
    assert answer_numbers("到２０２５年达到 65%[1]，300万[2]") == ["2025", "65", "300"]
    assert missing_numbers("城区常住人口300万以下[1]", ["城区常住人口 300 万以下的城市"]) == []
    assert missing_numbers("达到30%[1]", ["达到300万"]) == ["30"]
    # A Chinese article named in English carries its label's number; a wrong one is a number.
    clause = ["第三十条 不满十四周岁的未成年人有违法行为的，不予行政处罚。"]
    assert missing_numbers("Article 30 (第三十条) of 《行政处罚法》 states: “不满十四周岁…”[1]", clause) == []
    assert missing_numbers("Article 31 (第三十条) of 《行政处罚法》 states: “不满十四周岁…”[1]", clause) == ["31"]
    assert missing_numbers("提高到87.5%", ["比率提高到 87.5%"]) == []
    assert missing_numbers("提高到87%", ["比率提高到 87.5%"]) == ["87"]
    assert missing_numbers("第[1]条", []) == []  # markers are not numbers
    # A statute's dotted section number is one number; "SEC. 2" holds 2.
    assert missing_numbers("Section 1798.199.100 states", ["Section 1798.199.100"]) == []
    assert missing_numbers("Section 1798.199 states", ["Section 1798.199.100"]) == ["1798.199"]
    assert missing_numbers("SEC. 2 states", ["SEC. 2 Findings"]) == []
    assert missing_numbers("Section 1798.199.20 states", ["x\nSection 1798.199.20\n1798.199.20.\nMembers"]) == []


def test_score_question_end_to_end(corpus: Corpus) -> None:
    item = gold_item("q", gold=[{"doc": PLAN, "label": "（二）"}], tags=["number"])
    gold = corpus.resolve(item)
    answer = AnswerView(
        text="到2025年常住人口城镇化率达到65%[1]。坚持租购并举[2]。",
        abstained=False,
        citations=(CitationView(1, (PLAN, 1), PLAN_TEXT.splitlines()[1]),
                   CitationView(2, (PLAN, 2), PLAN_TEXT.splitlines()[2])),
        sentences=(SentenceView("到2025年常住人口城镇化率达到65%。", (1,)), SentenceView("坚持租购并举。", (2,))),
    )
    outcome = Outcome((Retrieved((PLAN, 2)), Retrieved((PLAN, 1))), answer, 0.02)
    row = score_question(item, gold, outcome, lambda s, ps: True, corpus.name)
    assert row.rank == 2
    assert row.citation_precision == 0.5 and row.citation_recall == 1.0
    assert row.cited == ("示范实施方案 › （二）", "示范实施方案 › （三）")
    assert (row.sentences, row.sentences_supported, row.citations, row.citations_precise) == (2, 2, 2, 2)
    assert row.numbers == ("2025", "65") and row.numbers_missing == ()
    assert row.latency_ms == pytest.approx(20.0)


def test_answer_view_maps_rag_ask_json_to_clauses(corpus: Corpus) -> None:
    data = {
        "question": "q", "answer": "租购并举[1]。", "abstained": False,
        "citations": [{"n": 1, "doc": PLAN, "title": PLAN, "label": "（三）",
                       "path": ["二、重点任务", "（三）住房保障"], "text": PLAN_TEXT.splitlines()[2], "score": 0.5}],
        "sentences": [{"text": "租购并举。", "citations": [1], "supported": True}],
    }
    view = answer_view(data, corpus)
    assert view.citations[0].key == (PLAN, 2)
    assert view.cited_numbers() == (1,)
    assert "（三）住房保障" in view.citations[0].text  # headings are part of the judged passage
