"""How the English openings' two thresholds trade right against wrong, per English group.

Reads a ``rag eval run … --json`` result and the gold sets it was run on; for every English
question that was answered from an English quote, it asks ``english_verdict`` and
``english_figure`` of the answer's first quote (an opening where the gold names no verdict or
figure counts as wrong), once per value of ``verdict_en.COVERAGE`` and ``figures_en.MIN_SHARED``, and prints how
many openings each value gets right and wrong, per corpus group and in all. The first quote is
what the answerer quoted first, not necessarily the sentence it would open from, so these are
the rule's own figures; the pipeline's are ``rag eval``'s verdict and figure accuracy.

Usage::

    rag --index dev eval evals/dev.jsonl evals/sets --json out/dev.json
    python benchmarks/english_openings_bench.py out/dev.json evals/dev.jsonl evals/sets
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.groups import load_groups
from rag.answer import figures_en, verdict_en
from rag.text import has_han

COVERAGES = (1.0, 0.85, 0.75, 0.6)
MIN_SHARED = (1, 2, 3, 4)
_QUOTE = re.compile(r"“(.+?)”")
_HEADING = re.compile(r"^(?:(?:Yes|No) — |The figure is “[^”]*”: )?(.*?) of .*? (?:states|reads):")


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("result", type=Path, help="a `rag eval run --json` file")
    parser.add_argument("gold", type=Path, nargs="+", help="the gold files or folders it was run on")
    args = parser.parse_args()
    gold = {item.id: item for item in load_groups(args.gold)}
    rows = json.loads(args.result.read_text("utf-8"))["systems"][0]["questions"]
    verdicts: Counter[tuple[float, str, str]] = Counter()
    figures: Counter[tuple[int, str, str]] = Counter()
    for row in rows:
        item = gold.get(row["id"])
        if item is None or has_han(item.question) or row["abstained"]:
            continue
        quotes = [q for q in _QUOTE.findall(row["answer"]) if not has_han(q)]
        if not quotes:
            continue
        heading = m.group(1) if (m := _HEADING.match(row["answer"])) else ""
        group = row.get("group") or "all"
        # An opening on a question whose gold names no verdict or figure (a near miss answered,
        # a question of another kind) is wrong.
        for coverage in COVERAGES:
            verdict_en.COVERAGE = coverage
            said = verdict_en.english_verdict(item.question, quotes[0], heading)
            if said is not None:
                ok = bool(item.verdict) and said == (item.verdict == "yes")
                verdicts[(coverage, group, "right" if ok else "wrong")] += 1
        for shared in MIN_SHARED:
            figures_en.MIN_SHARED = shared
            said_figure = figures_en.english_figure(item.question, quotes[0])
            if said_figure is not None:
                ok = bool(item.figure) and _norm(item.figure or "") in _norm(said_figure)
                figures[(shared, group, "right" if ok else "wrong")] += 1
    groups = sorted({g for _, g, _ in verdicts} | {g for _, g, _ in figures})
    _table("verdicts (right / wrong) by verdict_en.COVERAGE", "coverage", COVERAGES, verdicts, groups)
    print()
    _table("figures (right / wrong) by figures_en.MIN_SHARED", "shared", MIN_SHARED, figures, groups)


def _table(title: str, name: str, values: Sequence[float], counts: Counter[Any], groups: list[str]) -> None:
    """One row per threshold value: right / wrong openings per group and in all."""
    print(title)
    print(f"{name:<8}  " + "  ".join(f"{g:>18}" for g in [*groups, "all"]))
    for value in values:
        right = [counts[(value, g, "right")] for g in groups]
        wrong = [counts[(value, g, "wrong")] for g in groups]
        cells = [f"{r} / {w}" for r, w in zip([*right, sum(right)], [*wrong, sum(wrong)], strict=True)]
        print(f"{value:<8}  " + "  ".join(f"{c:>18}" for c in cells))

if __name__ == "__main__":
    main()
