"""The regression gate: the default system over evals/dev.jsonl must not fall below the figures
recorded in evals/baseline_figures.json (hit@5, clause-level citation precision, abstention
recall). Uses the session's real index of documents/ (default embedder, default settings).

When a change improves a figure, record the new figures in the same change:
``rag eval evals/dev.jsonl --record evals/baseline_figures.json``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.figures import FIGURES, read_figures, shortfalls
from evals.gold import load_gold
from evals.harness import evaluate, load_systems
from evals.metrics import GATE_METRICS
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def test_recorded_figures_cover_the_gate_metrics() -> None:
    recorded = read_figures(FIGURES)
    assert set(GATE_METRICS) <= set(recorded)
    assert all(0.0 <= v <= 1.0 for v in recorded.values())


@pytest.mark.integration
def test_default_system_does_not_regress(real_index: Settings) -> None:
    settings = real_index
    items = load_gold(REPO / "evals" / "dev.jsonl")
    setup = load_systems(settings)
    run = evaluate(items, setup.corpus, setup.systems, support=setup.support, progress=False,
                   gold_file="evals/dev.jsonl", settings=settings)

    short = shortfalls(run, read_figures(FIGURES))
    misses = [q.id for q in run.systems[0].questions if q.answerable and (q.rank is None or q.rank > 5)]
    assert not short, (
        "accuracy fell below the recorded figures (evals/baseline_figures.json): "
        + "; ".join(f"{s.metric} {s.measured} < {s.recorded}" for s in short)
        + f". Gold clause not in the top 5 for: {', '.join(misses) or 'none'}."
        " Run `rag eval evals/dev.jsonl --report out/` to see which questions changed."
    )
