"""Compare two runs question by question: what got better, what got worse.

A question is compared on what a reader cares about, in this order: whether the abstention
decision was right, the rank of the gold clause, clause-level citation recall and precision,
sentence support (ALCE recall) and numbers not found in a cited clause. It is "better" when
something improved and nothing regressed, "worse" when the reverse, "mixed" when both.

Example::

    report = compare_runs(EvalRun.from_json(a), EvalRun.from_json(b))
    print(format_comparison(report))
"""

from __future__ import annotations

from dataclasses import dataclass

from evals.metrics import ALL_METRICS
from evals.records import EvalRun, QuestionResult
from evals.tables import fmt


@dataclass(frozen=True)
class Change:
    id: str
    question: str
    verdict: str  # better | worse | mixed
    details: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    system: str
    changes: tuple[Change, ...]
    only_in_a: tuple[str, ...]
    only_in_b: tuple[str, ...]
    totals: tuple[tuple[str, str, str], ...]  # metric, a, b (overall)

    def of(self, verdict: str) -> list[Change]:
        return [c for c in self.changes if c.verdict == verdict]


def _rank(r: QuestionResult) -> float:
    return float(r.rank) if r.rank else float("inf")


def _fmt_rank(r: QuestionResult) -> str:
    return str(r.rank) if r.rank else "miss"


def question_delta(a: QuestionResult, b: QuestionResult) -> tuple[list[str], list[str]]:
    """(improvements, regressions) from run A to run B on one question."""
    better: list[str] = []
    worse: list[str] = []

    def note(improved: bool, text: str) -> None:
        (better if improved else worse).append(text)

    if a.error != b.error:
        note(b.error is None, f"error: {a.error or 'none'} → {b.error or 'none'}")
    if a.abstained is not None and b.abstained is not None and a.abstained != b.abstained:
        right_b = b.abstained != b.answerable
        note(right_b, f"{'abstained' if a.abstained else 'answered'} → "
                      f"{'abstained' if b.abstained else 'answered'}")
    if b.answerable and _rank(a) != _rank(b):
        note(_rank(b) < _rank(a), f"gold rank {_fmt_rank(a)} → {_fmt_rank(b)}")
    for field, label in (("citation_recall", "citation recall"), ("citation_precision", "citation precision")):
        va, vb = getattr(a, field), getattr(b, field)
        if va is not None and vb is not None and abs(va - vb) > 1e-9:
            note(vb > va, f"{label} {va:.2f} → {vb:.2f}")
    sa = a.sentences_supported / a.sentences if a.sentences else None
    sb = b.sentences_supported / b.sentences if b.sentences else None
    if sa is not None and sb is not None and abs(sa - sb) > 1e-9:
        note(sb > sa, f"supported sentences {sa:.2f} → {sb:.2f}")
    if len(a.numbers_missing) != len(b.numbers_missing):
        note(len(b.numbers_missing) < len(a.numbers_missing),
             f"numbers not in a cited clause {len(a.numbers_missing)} → {len(b.numbers_missing)}")
    return better, worse


def compare_runs(a: EvalRun, b: EvalRun, system: str | None = None) -> Comparison:
    """Question-by-question comparison of one system (default: the first of run A)."""
    name = system or a.systems[0].name
    run_a, run_b = a.system(name), b.system(name)
    rows_a = {q.id: q for q in run_a.questions}
    rows_b = {q.id: q for q in run_b.questions}
    changes: list[Change] = []
    for qid, qa in rows_a.items():
        qb = rows_b.get(qid)
        if qb is None:
            continue
        better, worse = question_delta(qa, qb)
        if better or worse:
            verdict = "mixed" if better and worse else "better" if better else "worse"
            changes.append(Change(qid, qb.question, verdict, tuple(better + worse)))
    totals = []
    all_a, all_b = run_a.totals.get("all", {}), run_b.totals.get("all", {})
    for metric in ALL_METRICS:
        va, vb = fmt(metric, all_a.get(metric)), fmt(metric, all_b.get(metric))
        if va != "–" or vb != "–":
            totals.append((metric, va, vb))
    return Comparison(
        system=name,
        changes=tuple(changes),
        only_in_a=tuple(sorted(set(rows_a) - set(rows_b))),
        only_in_b=tuple(sorted(set(rows_b) - set(rows_a))),
        totals=tuple(totals),
    )


def format_comparison(c: Comparison, a_name: str = "A", b_name: str = "B") -> str:
    lines = [f"system {c.system}: {len(c.of('better'))} better, {len(c.of('worse'))} worse, "
             f"{len(c.of('mixed'))} mixed"]
    for verdict in ("better", "worse", "mixed"):
        chosen = c.of(verdict)
        if not chosen:
            continue
        lines += ["", f"{verdict.upper()} ({len(chosen)}):"]
        lines += [f"  {ch.id}  {ch.question}\n      " + "; ".join(ch.details) for ch in chosen]
    if c.only_in_a or c.only_in_b:
        lines += ["", f"only in {a_name}: {', '.join(c.only_in_a) or '-'}; "
                      f"only in {b_name}: {', '.join(c.only_in_b) or '-'}"]
    width = max((len(m) for m, _, _ in c.totals), default=6)
    lines += ["", f"{'metric'.ljust(width)}  {a_name:>8}  {b_name:>8}"]
    lines += [f"{m.ljust(width)}  {va:>8}  {vb:>8}" for m, va, vb in c.totals]
    return "\n".join(lines)
