"""The totals over questions: hit@k and MRR, abstention, errors, latency percentiles, slices by
tag."""

from __future__ import annotations

import pytest

from evals.metrics import aggregate, metrics_of, percentile
from evals.records import MetricValue, QuestionResult


def test_hit_at_k_and_mrr_from_rows() -> None:
    rows = [
        QuestionResult("a", "q", (), True, rank=1),
        QuestionResult("b", "q", (), True, rank=3),
        QuestionResult("c", "q", (), True, rank=None),
        QuestionResult("d", "q", ("unanswerable",), False),  # not counted in retrieval
    ]
    m = metrics_of(rows)
    assert m["hit@1"] == MetricValue(1 / 3, 3)
    assert m["hit@3"].score == pytest.approx(2 / 3)
    assert m["hit@5"].score == pytest.approx(2 / 3)
    assert m["mrr@10"].score == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert "citation_precision" not in m  # retrieval-only system: no answer metrics



# -- abstention, latency, tags ----------------------------------------------------------------


def test_abstention_metrics() -> None:
    rows = [
        QuestionResult("u1", "q", ("unanswerable",), False, abstained=True),
        QuestionResult("u2", "q", ("unanswerable",), False, abstained=False, answer="胡说"),
        QuestionResult("a1", "q", (), True, abstained=True, citation_recall=0.0),
        QuestionResult("a2", "q", (), True, abstained=False, citation_precision=1.0, citation_recall=1.0),
        QuestionResult("a3", "q", (), True, abstained=False, citation_precision=0.5, citation_recall=1.0),
    ]
    m = metrics_of(rows)
    assert m["abstention_precision"] == MetricValue(0.5, 2)
    assert m["abstention_recall"] == MetricValue(0.5, 2)
    assert m["false_abstention"] == MetricValue(1 / 3, 3)
    assert m["citation_precision"] == MetricValue(0.75, 2)  # only answers that cite
    assert m["citation_recall"] == MetricValue(2 / 3, 3)  # a wrong abstention recalls nothing


def test_errors_are_counted_and_excluded() -> None:
    rows = [QuestionResult("a", "q", (), True, rank=1),
            QuestionResult("b", "q", (), True, error="RuntimeError: boom")]
    m = metrics_of(rows)
    assert m["hit@1"] == MetricValue(1.0, 1)
    assert m["errors"] == MetricValue(1.0, 2)


def test_latency_percentiles() -> None:
    assert percentile([], 50) is None
    assert percentile([10.0], 95) == 10.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile(list(map(float, range(1, 101))), 95) == pytest.approx(95.05)
    rows = [QuestionResult(str(i), "q", (), True, latency_ms=float(i)) for i in range(1, 11)]
    assert metrics_of(rows)["latency_p50_ms"] == MetricValue(5.5, 10)


def test_aggregate_slices_by_tag() -> None:
    rows = [
        QuestionResult("a", "q", ("number", "english"), True, rank=1),
        QuestionResult("b", "q", ("number",), True, rank=None),
        QuestionResult("c", "q", ("custom",), True, rank=2),
    ]
    totals = aggregate(rows)
    assert list(totals) == ["all", "number", "english", "custom"]
    assert totals["number"]["hit@1"] == MetricValue(0.5, 2)
    assert totals["english"]["hit@1"] == MetricValue(1.0, 1)
