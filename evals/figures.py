"""The recorded figures the regression gate guards (``evals/baseline_figures.json``).

The file holds the gate metrics (:data:`evals.metrics.GATE_METRICS`) of the default system as
last measured over the whole development set — overall, per corpus group and for the **worst**
group — with the command and settings that produced them::

    rag eval evals/dev.jsonl evals/sets --record evals/baseline_figures.json

``tests/test_eval_gate.py`` fails when a fresh measurement is worse than the record overall or
on the worst group (a share lower, a false-abstention rate or a count of wrong openings
higher). Raising the figures is part of any change that improves them. Never edit the numbers
by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.metrics import COUNT_METRICS, GATE_METRICS, GROUP_PREFIX, LOWER_IS_BETTER, group_slices, worst_of
from evals.records import EvalRun, Totals

FIGURES = Path(__file__).resolve().parent / "baseline_figures.json"
# Scores are compared after rounding to this many places, so float noise never fails the gate.
PLACES = 4
# A share may fall (or a false-abstention rate rise) by this many questions of its own count
# before the gate fails: the built-in embedder's vectors differ in their last bits between CPUs
# with and without bfloat16 units (README "Embedder"), and a question on the edge of the top 5 or
# of the answerability threshold can flip. Measured: the same tree and index command on two
# machines gave en-cpra false abstention 0.2087 and 0.2174 (one question of 115), hit@5 0.9304
# and 0.9217 (one), overall false abstention 0.0935 and 0.0962 (two of 759). Half a question more
# absorbs the rounding of the recorded share. The counts of wrong verdicts and wrong leading
# figures get no slack.
SLACK_QUESTIONS = 2


@dataclass(frozen=True)
class Shortfall:
    where: str  # "all" or "worst"
    metric: str
    measured: float | None
    recorded: float


@dataclass(frozen=True)
class Recorded:
    """The gate figures of the file: overall, and the worst group's (with its name)."""

    overall: dict[str, float]
    worst: dict[str, tuple[float, str]]


def _overall(totals: Totals) -> dict[str, float]:
    all_ = totals.get("all", {})
    return {m: round(v.score, PLACES) for m in GATE_METRICS if (v := all_.get(m)) and v.score is not None}


def _worst(totals: Totals) -> dict[str, tuple[float, str]]:
    return {m: (round(w[0], PLACES), w[1]) for m in GATE_METRICS if (w := worst_of(totals, m)) is not None}


def figures_of(run: EvalRun, system: str | None = None) -> dict[str, Any]:
    """The gate figures of one system of ``run`` (default: the first), ready to write."""
    chosen = run.system(system) if system else run.systems[0]
    totals = chosen.totals
    context = {
        m: round(v.score, PLACES) for m, v in totals.get("all", {}).items()
        if v.score is not None and m not in GATE_METRICS
    }
    groups = {
        name.split(":", 1)[1]: {m: round(v.score, PLACES) for m, v in totals[name].items()
                                if m in GATE_METRICS and v.score is not None}
        for name in group_slices(totals)
    }
    return {
        "gold_file": run.gold_file,
        "system": chosen.name,
        "questions": len(chosen.questions),
        "measured_at": run.created,
        "settings": {k: run.settings.get(k) for k in ("embedder", "top_k", "llm_provider")},
        "figures": _overall(totals),
        "worst": {m: {"score": s, "corpus": g} for m, (s, g) in _worst(totals).items()},
        "groups": groups,
        "other_metrics": context,
    }


def write_figures(run: EvalRun, path: Path, command: str) -> dict[str, Any]:
    data = {"command": command, **figures_of(run)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


def read_figures(path: Path = FIGURES) -> Recorded:
    """The recorded gate figures."""
    data = json.loads(path.read_text(encoding="utf-8"))
    overall = {str(k): float(v) for k, v in data["figures"].items()}
    worst = {str(k): (float(v["score"]), str(v["corpus"])) for k, v in data.get("worst", {}).items()}
    return Recorded(overall, worst)


def _worse(metric: str, measured: float | None, recorded: float, count: int = 0, slack_questions: int = 0) -> bool:
    """Is ``measured`` worse than ``recorded`` by more than ``slack_questions`` of ``count`` (the
    questions the figure is a share of)?"""
    if measured is None:
        return True
    slack = (slack_questions + 0.5) / count if slack_questions and count and metric not in COUNT_METRICS else 0.0
    if metric in LOWER_IS_BETTER:
        return measured > round(recorded + slack, PLACES)
    return measured < round(recorded - slack, PLACES)


def _count(totals: Totals, slice_name: str, metric: str) -> int:
    value = totals.get(slice_name, {}).get(metric)
    return value.n if value is not None else 0


def shortfalls(run: EvalRun, recorded: Recorded, slack_questions: int = SLACK_QUESTIONS) -> list[Shortfall]:
    """Recorded figures (overall or worst group) the run's first system no longer reaches, by more
    than ``slack_questions`` questions of the figure's own count (:data:`SLACK_QUESTIONS`)."""
    totals = run.systems[0].totals
    overall, worst = _overall(totals), _worst(totals)
    out = [
        Shortfall("all", m, overall.get(m), floor)
        for m, floor in recorded.overall.items()
        if _worse(m, overall.get(m), floor, _count(totals, "all", m), slack_questions)
    ]
    for m, (floor, _group) in recorded.worst.items():
        measured = worst.get(m)
        value = None if measured is None else measured[0]
        count = _count(totals, GROUP_PREFIX + measured[1], m) if measured else 0
        if _worse(m, value, floor, count, slack_questions):
            where = f"worst ({measured[1]})" if measured else "worst"
            out.append(Shortfall(where, m, value, floor))
    return out
