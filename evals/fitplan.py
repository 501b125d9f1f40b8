"""What the answerability model is fitted on: gold sets, each searched over its own index.

A held-out pair of laws is asked over an index of those laws alone; the development set over
the index of the seed texts and ``evals/corpora``. Fitting only on the development index would
learn one mix of texts and question styles; the plan lists every set whose questions may be
learnt from (sets already measured and reported, never a fresh one before its first run) with
the documents its index holds, so that one command rebuilds every index and refits.

The plan is JSON (``evals/answerability_sets.json``)::

    {"sets": [{"index": "dev", "documents": ["documents", "evals/corpora"],
               "gold": ["evals/dev.jsonl", "evals/sets"]}, …]}

Paths are relative to the repository root (the plan file's parent's parent).

Example::

    plan = load_plan(PLAN_PATH)
    plan[0].index, plan[0].gold      # 'dev', (Path('…/evals/dev.jsonl'), Path('…/evals/sets'))
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

PLAN_PATH = Path(__file__).with_name("answerability_sets.json")


class PlanError(ValueError):
    """A plan file that cannot be read, or an entry naming nothing usable."""


@dataclass(frozen=True)
class FitSet:
    index: str  # the index name (under RAG_INDEX_DIR) the gold questions are searched in
    documents: tuple[Path, ...]  # what that index holds
    gold: tuple[Path, ...]  # gold files or folders of them


def load_plan(path: Path = PLAN_PATH) -> list[FitSet]:
    """The sets of the plan at ``path``, their paths resolved against the repository root.

    Raises:
        PlanError: unreadable JSON, an entry missing a field, an index named twice, or a path
            that does not exist (each named).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PlanError(f"cannot read the fit plan {path}: {exc}") from exc
    root = path.resolve().parent.parent
    entries = data.get("sets") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise PlanError(f"{path}: expected {{\"sets\": [...]}} with at least one set")
    sets: list[FitSet] = []
    problems: list[str] = []
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("index"), str) or not entry["index"]:
            problems.append(f"set {n}: no index name in {entry!r}")
            continue
        name = entry["index"]
        paths: dict[str, tuple[Path, ...]] = {}
        for field in ("documents", "gold"):
            value = entry.get(field)
            if not isinstance(value, list) or not value or not all(isinstance(p, str) for p in value):
                problems.append(f"set {name!r}: {field} must be a non-empty list of paths, not {value!r}")
                continue
            paths[field] = tuple(root / p for p in value)
            problems.extend(f"set {name!r}: no such path {p}" for p in paths[field] if not p.exists())
        if len(paths) == 2:
            sets.append(FitSet(name, paths["documents"], paths["gold"]))
    names = [s.index for s in sets]
    problems.extend(f"index {n!r} is named by two sets" for n in sorted({n for n in names if names.count(n) > 1}))
    if problems:
        raise PlanError(f"{path}: " + "; ".join(problems))
    return sets
