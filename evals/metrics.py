"""The metrics, per question and in total. Pure functions over gold and outcomes.

Retrieval
    hit@k — some retrieved item among the first k matches the gold; MRR@10 — 1/rank of the
    first match within ten. A clause item matches when its clause is a gold clause; several
    passages of one clause count once. A chunk (baseline) matches when it contains a gold quote
    or overlaps a gold span by at least half the quote / min(50 chars, half the clause).
Clause-level citations (answerable questions)
    precision = cited clauses that are gold / cited clauses; recall = gold references (a label,
    or a quote with all its occurrences) with a cited clause / gold references.
ALCE (Gao et al. 2023), judged by a support function
    a sentence is recalled when its cited passages together support it; a citation is precise
    unless it is irrelevant — the sentence is supported, the citation alone does not support
    it, and the others without it still do (so citations of unsupported sentences are not
    precise). Recall and precision are averaged per answer, as in ALCE.
Numbers verbatim
    an answer passes when every Arabic number in it occurs in a cited clause.
Abstention
    precision = abstentions on unanswerable questions / abstentions; recall = abstentions on
    unanswerable / unanswerable; false-abstention rate = abstentions on answerable / answerable.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from evals.gold import TAGS
from evals.records import MetricValue, QuestionResult, Totals
from evals.scoring import (
    RANK_DEPTH,
    alce_counts,
    answer_numbers,
    clause_citation_scores,
    gold_rank,
    is_hit,
    missing_numbers,
    score_question,
)

__all__ = [
    "ALL_METRICS", "ANSWER_METRICS", "COUNT_METRICS", "GATE_METRICS", "GROUP_PREFIX", "LATENCY_METRICS",
    "LOWER_IS_BETTER", "RANK_DEPTH", "RETRIEVAL_METRICS", "aggregate", "alce_counts", "answer_numbers",
    "clause_citation_scores", "gold_rank", "group_slices", "in_slice", "is_hit", "metrics_of", "missing_numbers",
    "percentile", "score_question", "slices", "worst_of",
]

# Metrics in the order tables show them; "gate" metrics are the ones the CI test guards.
RETRIEVAL_METRICS = ("hit@1", "hit@3", "hit@5", "mrr@10")
ANSWER_METRICS = (
    "citation_precision", "citation_recall", "alce_recall", "alce_precision", "numbers_verbatim",
    "abstention_precision", "abstention_recall", "false_abstention", "offtopic_abstention",
    "near_miss_abstention", "verdict_accuracy", "wrong_verdicts", "figure_accuracy", "wrong_figures",
)
LATENCY_METRICS = ("latency_p50_ms", "latency_p95_ms")
ALL_METRICS = (*RETRIEVAL_METRICS, *ANSWER_METRICS, *LATENCY_METRICS, "errors")
# The gate (tests/test_eval_gate.py) holds these overall and on the worst corpus group.
GATE_METRICS = (
    "hit@5", "citation_precision", "abstention_recall", "false_abstention", "verdict_accuracy",
    "figure_accuracy", "wrong_verdicts", "wrong_figures",
)
# Counts, not shares: the gate holds them at zero (a wrong opening is worse than none).
COUNT_METRICS = ("wrong_verdicts", "wrong_figures", "errors")
# Higher is better for every metric except these.
LOWER_IS_BETTER = frozenset({"false_abstention", "latency_p50_ms", "latency_p95_ms", *COUNT_METRICS})
GROUP_PREFIX = "corpus:"

# -- totals -----------------------------------------------------------------------------------


def _mean(values: Sequence[float]) -> MetricValue:
    return MetricValue(sum(values) / len(values) if values else None, len(values))


def _ratio(hits: int, total: int) -> MetricValue:
    return MetricValue(hits / total if total else None, total)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100) by linear interpolation between closest ranks."""
    return float(np.percentile(values, q)) if len(values) else None


def metrics_of(rows: Sequence[QuestionResult]) -> dict[str, MetricValue]:
    """All metrics over ``rows`` (one slice of one system)."""
    ok = [r for r in rows if r.error is None]
    answerable = [r for r in ok if r.answerable]
    out: dict[str, MetricValue] = {}
    for k in (1, 3, 5):
        out[f"hit@{k}"] = _mean([1.0 if r.rank is not None and r.rank <= k else 0.0 for r in answerable])
    out["mrr@10"] = _mean([1.0 / r.rank if r.rank else 0.0 for r in answerable])

    judged = [r for r in ok if r.abstained is not None]
    if judged:
        ans_judged = [r for r in judged if r.answerable]
        out["citation_precision"] = _mean(
            [r.citation_precision for r in ans_judged if r.citation_precision is not None]
        )
        out["citation_recall"] = _mean([r.citation_recall for r in ans_judged if r.citation_recall is not None])
        answered = [r for r in judged if not r.abstained]
        out["alce_recall"] = _mean([r.sentences_supported / r.sentences for r in answered if r.sentences])
        out["alce_precision"] = _mean([r.citations_precise / r.citations for r in answered if r.citations])
        out["numbers_verbatim"] = _mean([0.0 if r.numbers_missing else 1.0 for r in answered if r.numbers])
        abstained = [r for r in judged if r.abstained]
        unanswerable = [r for r in judged if not r.answerable]
        out["abstention_precision"] = _ratio(sum(1 for r in abstained if not r.answerable), len(abstained))
        out["abstention_recall"] = _ratio(sum(1 for r in unanswerable if r.abstained), len(unanswerable))
        out["false_abstention"] = _ratio(sum(1 for r in ans_judged if r.abstained), len(ans_judged))
        for tag in ("offtopic", "near_miss"):
            asked = [r for r in unanswerable if tag in r.tags]
            out[f"{tag}_abstention"] = _ratio(sum(1 for r in asked if r.abstained), len(asked))
        verdicts = [r for r in judged if r.answerable and r.verdict_ok is not None]
        out["verdict_accuracy"] = _ratio(sum(1 for r in verdicts if r.verdict_ok), len(verdicts))
        figures = [r for r in judged if r.answerable and r.figure_ok is not None]
        out["figure_accuracy"] = _ratio(sum(1 for r in figures if r.figure_ok), len(figures))
        out["wrong_verdicts"] = MetricValue(
            float(sum(1 for r in judged if r.verdict_ok is False and r.verdict_given)), len(judged)
        )
        out["wrong_figures"] = MetricValue(
            float(sum(1 for r in judged if r.figure_ok is False and r.figure_given)), len(judged)
        )
    latencies = [r.latency_ms for r in ok if r.latency_ms is not None]
    if latencies:
        out["latency_p50_ms"] = MetricValue(percentile(latencies, 50), len(latencies))
        out["latency_p95_ms"] = MetricValue(percentile(latencies, 95), len(latencies))
    out["errors"] = MetricValue(float(len(rows) - len(ok)), len(rows))
    return out


def slices(rows: Sequence[QuestionResult]) -> list[str]:
    """"all", then ``corpus:<group>`` for each corpus group (when there are several), then the
    known tags in their documented order, then any other tag."""
    present = {t for r in rows for t in r.tags}
    extra = sorted(present - set(TAGS))
    groups = sorted({r.group for r in rows if r.group})
    by_group = [GROUP_PREFIX + g for g in groups] if len(groups) > 1 else []
    return ["all", *by_group, *[t for t in TAGS if t in present], *extra]


def in_slice(row: QuestionResult, name: str) -> bool:
    """Is ``row`` in the slice ``name`` ("all", ``corpus:<group>`` or a tag)?"""
    if name == "all":
        return True
    if name.startswith(GROUP_PREFIX):
        return row.group == name[len(GROUP_PREFIX):]
    return name in row.tags


def aggregate(rows: Sequence[QuestionResult]) -> Totals:
    """Metrics overall (``"all"``), per corpus group and per tag."""
    return {name: metrics_of([r for r in rows if in_slice(r, name)]) for name in slices(rows)}


def group_slices(totals: Totals) -> list[str]:
    """The ``corpus:<group>`` slices of some totals, in order."""
    return [name for name in totals if name.startswith(GROUP_PREFIX)]


def worst_of(totals: Totals, metric: str) -> tuple[float, str] | None:
    """The worst corpus group's score on ``metric`` and the group's name; None when unmeasured."""
    scored = [
        (v.score, name[len(GROUP_PREFIX):])
        for name in group_slices(totals)
        if (v := totals[name].get(metric)) is not None and v.score is not None
    ]
    if not scored:
        return None
    return max(scored) if metric in LOWER_IS_BETTER else min(scored)
