"""The recorded figures the regression gate guards (``evals/baseline_figures.json``).

The file holds the gate metrics of the default system on ``evals/dev.jsonl`` as last measured
(``rag eval evals/dev.jsonl --record evals/baseline_figures.json``), with the command and
settings that produced them. ``tests/test_eval_gate.py`` fails when a fresh measurement falls
below any of them; raising them is part of any change that improves them. Never edit the
numbers by hand.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.metrics import GATE_METRICS
from evals.records import EvalRun

FIGURES = Path(__file__).resolve().parent / "baseline_figures.json"
# Scores are compared after rounding to this many places, so float noise never fails the gate.
PLACES = 4


@dataclass(frozen=True)
class Shortfall:
    metric: str
    measured: float | None
    recorded: float


def figures_of(run: EvalRun, system: str | None = None) -> dict[str, Any]:
    """The gate figures of one system of ``run`` (default: the first), ready to write."""
    chosen = run.system(system) if system else run.systems[0]
    totals = chosen.totals.get("all", {})
    figures = {m: round(v.score, PLACES) for m in GATE_METRICS if (v := totals.get(m)) and v.score is not None}
    context = {m: round(v.score, PLACES) for m, v in totals.items() if v.score is not None and m not in figures}
    return {
        "gold_file": run.gold_file,
        "system": chosen.name,
        "questions": len(chosen.questions),
        "measured_at": run.created,
        "settings": {k: run.settings.get(k) for k in ("embedder", "top_k", "llm_provider")},
        "figures": figures,
        "other_metrics": context,
    }


def write_figures(run: EvalRun, path: Path, command: str) -> dict[str, Any]:
    data = {"command": command, **figures_of(run)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


def read_figures(path: Path = FIGURES) -> dict[str, float]:
    """The recorded gate figures (metric → score)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["figures"].items()}


def shortfalls(run: EvalRun, recorded: Mapping[str, float]) -> list[Shortfall]:
    """Recorded figures the run's first system no longer reaches."""
    totals = run.systems[0].totals.get("all", {})
    out = []
    for metric, floor in recorded.items():
        value = totals.get(metric)
        measured = None if value is None or value.score is None else round(value.score, PLACES)
        if measured is None or measured < round(floor, PLACES):
            out.append(Shortfall(metric, measured, floor))
    return out
