"""The cost of a run's refusals and wrong answers, per question language (the rule that chose
``evals.fit_answerability.LANGUAGE_BUDGETS``).

    python -m evals.refusal_cost RUN.json [RUN.json …] [--system loco] [--wrong-weight 2]

Reads the JSON ``rag eval --json`` writes. Per question language (Chinese when the question has
a Han character), it counts unanswerable questions answered, answerable ones answered without
their gold clause in the first five (both wrong answers), and answerable ones refused with their
gold clause there (needless refusals); the cost is ``wrong_weight`` × wrong answers + needless
refusals. Run it on each budget's ``--loco`` development run and seeds' own-index run
(evals/README.md, "Stop 35").

Example::

    python -m evals.refusal_cost dev.json --system loco
    # zh  questions 613  unanswerable answered 4  answered, gold not in top 5 10  needless refusals 26  cost 54
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.text import language

# Gold within this many retrieved clauses: the answer was there to be given (the fit script's TOP_K).
FOUND_WITHIN = 5


@dataclass(frozen=True)
class Cost:
    questions: int
    unanswerable_answered: int
    answered_not_found: int
    needless_refusals: int

    def total(self, wrong_weight: float) -> float:
        return wrong_weight * (self.unanswerable_answered + self.answered_not_found) + self.needless_refusals


def costs(questions: Iterable[Mapping[str, Any]]) -> dict[str, Cost]:
    """Per question language, the counts of :class:`Cost` over ``rag eval`` question records."""
    by_lang: dict[str, list[Mapping[str, Any]]] = {}
    for q in questions:
        by_lang.setdefault(language(q["question"]), []).append(q)
    out: dict[str, Cost] = {}
    for lang, qs in sorted(by_lang.items()):

        def found(q: Mapping[str, Any]) -> bool:
            return q["rank"] is not None and q["rank"] <= FOUND_WITHIN

        out[lang] = Cost(
            len(qs),
            sum(1 for q in qs if not q["answerable"] and not q["abstained"]),
            sum(1 for q in qs if q["answerable"] and not q["abstained"] and not found(q)),
            sum(1 for q in qs if q["answerable"] and q["abstained"] and found(q)),
        )
    return out


def system_questions(run: Mapping[str, Any], system: str) -> list[Mapping[str, Any]]:
    """The question records of ``system`` in a ``rag eval --json`` run ("default": the first).

    Raises:
        ValueError: the run has no such system.
    """
    systems = run["systems"]
    if system == "default":
        return list(systems[0]["questions"])
    for s in systems:
        if s["name"] == system:
            return list(s["questions"])
    raise ValueError(f"no system {system!r} in the run; it has {[s['name'] for s in systems]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, help="JSON written by rag eval --json")
    parser.add_argument("--system", default="default", help="system of the run (default, loco, …)")
    parser.add_argument("--wrong-weight", type=float, default=2.0, help="a wrong answer's cost in refusals")
    args = parser.parse_args(argv)
    for path in args.runs:
        run = json.loads(path.read_text(encoding="utf-8"))
        try:
            questions = system_questions(run, args.system)
        except ValueError as exc:
            parser.error(f"{path}: {exc}")
        for lang, c in costs(questions).items():
            print(f"{path.name}  {args.system}  {lang}  questions {c.questions}  unanswerable answered "
                  f"{c.unanswerable_answered}  answered, gold not in top {FOUND_WITHIN} {c.answered_not_found}  "
                  f"needless refusals {c.needless_refusals}  cost {c.total(args.wrong_weight):g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
