"""What fitting the answerability model on the whole fit plan buys over the development set alone.

Reads the signals the fit script records (``python -m evals.fit_answerability --plan
evals/answerability_sets.json --features F``) and holds every corpus group out in turn. For each
it fits two models with the script's own fit and per-language thresholds: (A) on the development
set's questions alone (the plan's first set, as the model was fitted until stop 43), (B) on every
other group of the plan. It prints each group's abstention recall and false abstention under both,
then the pooled figures of the development groups and of the held-out groups, and the worst
group. No model is written.

Usage::

    python benchmarks/fit_scope_bench.py F [--plan evals/answerability_sets.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.fit_answerability import Row, model_from, refuses
from evals.fitplan import PLAN_PATH, load_plan
from evals.groups import load_groups
from rag.retrieve.answerability import AnswerabilityModel

Counts = tuple[int, int, int, int]  # unanswerable, of them refused, answerable found, of them refused


def counts(model: AnswerabilityModel, rows: Sequence[Row]) -> Counts:
    unans = [r for r in rows if not r.answerable]
    found = [r for r in rows if r.answerable and r.found]
    return len(unans), sum(refuses(model, r) for r in unans), len(found), sum(refuses(model, r) for r in found)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole}={part / whole:.3f}" if whole else "–"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", type=Path, help="the fit script's --features file, written with --plan")
    parser.add_argument("--plan", type=Path, default=PLAN_PATH)
    args = parser.parse_args(argv)
    rows = [Row(**json.loads(line)) for line in args.features.read_text(encoding="utf-8").splitlines()]
    plan = load_plan(args.plan)
    dev_items = load_groups(list(plan[0].gold))
    dev_ids = {i.id for i in dev_items}
    dev_groups = {i.group for i in dev_items}
    dev_rows = [r for r in rows if r.qid in dev_ids]
    pooled = {(fit, kind): [0, 0, 0, 0] for fit in "AB" for kind in ("development", "held-out")}
    worst: dict[str, tuple[float, str]] = {"A": (0.0, ""), "B": (0.0, "")}
    print("group                 A: refused unanswerable / refused found    B: the same")
    for group in sorted({r.corpus for r in rows}):
        held = [r for r in rows if r.corpus == group]
        kind = "development" if group in dev_groups else "held-out"
        cells = []
        for fit, train in (("A", [r for r in dev_rows if r.corpus != group]),
                           ("B", [r for r in rows if r.corpus != group])):
            if len({r.label for r in train if r.label is not None}) < 2:
                cells.append(f"{'(nothing to fit on)':>29}")
                continue
            c = counts(model_from(train), held)
            pooled[(fit, kind)] = [a + b for a, b in zip(pooled[(fit, kind)], c, strict=True)]
            if c[2] and c[3] / c[2] > worst[fit][0]:
                worst[fit] = (c[3] / c[2], group)
            cells.append(f"{_share(c[1], c[0]):>14} {_share(c[3], c[2]):>14}")
        print(f"{group:20s}  {cells[0]}    {cells[1]}")
    for (fit, kind), (u, ur, f, fr) in pooled.items():
        print(f"{fit} {kind:11s} abstention recall {_share(ur, u)}  false abstention {_share(fr, f)}")
    for fit, (value, group) in worst.items():
        print(f"{fit} worst false abstention {value:.3f} ({group})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
