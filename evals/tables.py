"""Plain-text and Markdown tables of a run's totals (the CLI table and the report's tables)."""

from __future__ import annotations

from collections.abc import Sequence

from evals.metrics import ALL_METRICS, COUNT_METRICS, GROUP_PREFIX, group_slices, in_slice, worst_of
from evals.records import EvalRun, MetricValue, SystemRun

# The per-tag table shows the metrics a reader compares across slices; all of them would not
# fit a terminal.
TAG_COLUMNS = (
    "hit@1", "hit@5", "mrr@10", "citation_precision", "citation_recall", "alce_recall",
    "numbers_verbatim", "abstention_recall", "false_abstention",
)
SHORT = {
    "citation_precision": "cit_P", "citation_recall": "cit_R", "alce_recall": "alce_R",
    "alce_precision": "alce_P", "numbers_verbatim": "num_ok", "abstention_precision": "abst_P",
    "abstention_recall": "abst_R", "false_abstention": "false_abst", "latency_p50_ms": "p50_ms",
    "latency_p95_ms": "p95_ms", "offtopic_abstention": "offtopic", "near_miss_abstention": "near_miss",
    "verdict_accuracy": "verdict", "wrong_verdicts": "wrong_v", "figure_accuracy": "figure",
    "wrong_figures": "wrong_f",
}
# The per-corpus table: retrieval, citations, abstention both ways, and the answer's opening.
GROUP_COLUMNS = (
    "hit@1", "hit@5", "mrr@10", "citation_precision", "abstention_recall", "offtopic_abstention",
    "near_miss_abstention", "false_abstention", "verdict_accuracy", "wrong_verdicts",
    "figure_accuracy", "wrong_figures",
)


def fmt(metric: str, value: MetricValue | None) -> str:
    if value is None or value.score is None:
        return "–"
    if metric.endswith("_ms"):
        return f"{value.score:.0f}"
    if metric in COUNT_METRICS:
        return f"{value.score:.0f}"
    return f"{value.score:.3f}"


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        pairs = zip(cells, widths, strict=True)
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(pairs))

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def systems_table(run: EvalRun, *, markdown: bool = False, slice_: str = "all") -> str:
    """Every metric (rows) for every system (columns), over one slice."""
    header = ["metric", *[s.name for s in run.systems]]
    rows = []
    for metric in ALL_METRICS:
        cells = [fmt(metric, s.totals.get(slice_, {}).get(metric)) for s in run.systems]
        if all(c == "–" for c in cells):
            continue
        rows.append([metric, *cells])
    n_row = ["questions", *[str(sum(1 for q in s.questions if in_slice(q, slice_)))
                            for s in run.systems]]
    return _grid(header, [n_row, *rows], markdown)


def tags_table(system: SystemRun, *, markdown: bool = False) -> str:
    """The main metrics (columns) per slice (rows) of one system."""
    columns = [m for m in TAG_COLUMNS if any(system.totals[s].get(m) for s in system.totals)]
    header = ["slice", "n", *[SHORT.get(m, m) for m in columns]]
    rows = []
    for name, metrics in system.totals.items():
        n = sum(1 for q in system.questions if in_slice(q, name))
        rows.append([name, str(n), *[fmt(m, metrics.get(m)) for m in columns]])
    return _grid(header, rows, markdown)


def groups_table(system: SystemRun, *, markdown: bool = False) -> str:
    """The main figures (columns) per corpus group (rows) of one system, and the worst group."""
    names = group_slices(system.totals)
    header = ["corpus", "n", *[SHORT.get(m, m) for m in GROUP_COLUMNS]]
    rows = []
    for name in [*names, "all"]:
        metrics = system.totals[name]
        n = sum(1 for q in system.questions if in_slice(q, name))
        rows.append([name.removeprefix(GROUP_PREFIX), str(n), *[fmt(m, metrics.get(m)) for m in GROUP_COLUMNS]])
    worst = ["worst", ""]
    for m in GROUP_COLUMNS:
        w = worst_of(system.totals, m)
        worst.append("–" if w is None else fmt(m, MetricValue(w[0], 0)))
    rows.append(worst)
    return _grid(header, rows, markdown)


def systems_by_group_table(run: EvalRun, metrics: Sequence[str] = ("hit@1", "hit@5"), *,
                           markdown: bool = False) -> str:
    """Retrieval figures of every system (columns) per corpus group (rows)."""
    names = group_slices(run.systems[0].totals)
    header = ["corpus", *[f"{s.name} {SHORT.get(m, m)}" for s in run.systems for m in metrics]]
    rows = [
        [name.removeprefix(GROUP_PREFIX),
         *[fmt(m, s.totals.get(name, {}).get(m)) for s in run.systems for m in metrics]]
        for name in [*names, "all"]
    ]
    return _grid(header, rows, markdown)
