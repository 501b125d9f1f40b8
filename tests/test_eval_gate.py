"""The regression gate: the default system over the whole development set (evals/dev.jsonl and
evals/sets/, nine corpus groups) must not fall below the figures recorded in
evals/baseline_figures.json — overall and on the **worst** corpus group: hit@5, clause-level
citation precision, abstention recall, verdict and figure accuracy may not drop; false
abstention and the counts of wrong verdicts and wrong leading figures may not rise. Uses a real
index of the whole development corpus (default embedder, default settings).

When a change improves a figure, record the new figures in the same change:
``rag --index dev eval evals/dev.jsonl evals/sets --record evals/baseline_figures.json``
(after ``make dev-index``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.figures import FIGURES, read_figures, shortfalls
from evals.groups import load_groups
from evals.harness import evaluate, load_systems
from evals.metrics import GATE_METRICS
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent
GOLD = [REPO / "evals" / "dev.jsonl", REPO / "evals" / "sets"]


def test_recorded_figures_cover_the_gate_metrics() -> None:
    recorded = read_figures(FIGURES)
    assert set(GATE_METRICS) <= set(recorded.overall)
    assert set(GATE_METRICS) <= set(recorded.worst)
    shares = {m: v for m, v in recorded.overall.items() if not m.startswith("wrong_")}
    assert all(0.0 <= v <= 1.0 for v in shares.values())


@pytest.mark.integration
def test_default_system_does_not_regress_on_any_corpus(real_dev_index: Settings) -> None:
    settings = real_dev_index
    items = load_groups(GOLD)
    setup = load_systems(settings)
    run = evaluate(items, setup.corpus, setup.systems, support=setup.support, progress=False,
                   gold_file="evals/dev.jsonl evals/sets", settings=settings)

    short = shortfalls(run, read_figures(FIGURES))
    rows = run.systems[0].questions
    misses = [q.id for q in rows if q.answerable and (q.rank is None or q.rank > 5)]
    wrong = [q.id for q in rows if (q.verdict_ok is False and q.verdict_given)
             or (q.figure_ok is False and q.figure_given)]
    assert not short, (
        "accuracy fell below the recorded figures (evals/baseline_figures.json): "
        + "; ".join(f"{s.where} {s.metric} {s.measured} vs {s.recorded}" for s in short)
        + f". Wrong openings: {', '.join(wrong) or 'none'}. Gold clause not in the top 5 for {len(misses)}"
        f" questions. Run `rag --index dev eval evals/dev.jsonl evals/sets --report out/` to see which changed."
    )
