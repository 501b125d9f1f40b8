"""The Markdown report of a run: tables, PNG plots, and the questions that went wrong.

Example::

    path = write_report(run, Path("reports/dev"))   # reports/dev/report.md + *.png
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from evals import plots
from evals.metrics import RETRIEVAL_METRICS
from evals.records import EvalRun, QuestionResult, SystemRun
from evals.tables import systems_table, tags_table

REPORT = "report.md"
TAG_PLOT_METRICS = ("hit@5", "citation_precision", "citation_recall", "alce_recall")


def cited_instead_counts(system: SystemRun) -> Counter[str]:
    """How often each clause was cited on an answerable question whose gold it is not."""
    counts: Counter[str] = Counter()
    for q in system.questions:
        if q.answerable and q.abstained is False:
            counts.update(name for name in q.cited if name not in q.gold)
    return counts


def _cell(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _misses(system: SystemRun, depth: int = 5) -> list[str]:
    rows = [q for q in system.questions if q.answerable and (q.rank is None or q.rank > depth)]
    if not rows:
        return [f"Every answerable question has its gold clause in the top {depth}."]
    lines = ["| id | question | gold | rank | retrieved first |", "|---|---|---|---|---|"]
    for q in rows:
        lines.append(f"| {q.id} | {_cell(q.question, 40)} | {_cell('; '.join(q.gold), 40)} | "
                     f"{q.rank or 'miss'} | {_cell('; '.join(q.retrieved[:3]), 50)} |")
    return lines


def _wrong_citations(system: SystemRun) -> list[str]:
    rows = [q for q in system.questions
            if q.answerable and q.abstained is False and any(c not in q.gold for c in q.cited)]
    if not rows:
        return ["No answer cited a clause outside its gold."]
    lines = ["| id | question | gold | cited instead |", "|---|---|---|---|"]
    for q in rows:
        wrong = [c for c in q.cited if c not in q.gold]
        lines.append(f"| {q.id} | {_cell(q.question, 40)} | {_cell('; '.join(q.gold), 40)} | "
                     f"{_cell('; '.join(wrong), 50)} |")
    return lines


def _abstention_errors(system: SystemRun) -> list[str]:
    wrong: list[QuestionResult] = [
        q for q in system.questions if q.abstained is not None and q.abstained == q.answerable
    ]
    if not wrong:
        return ["Every abstention was right and no unanswerable question got an answer."]
    lines = ["| id | question | expected | got |", "|---|---|---|---|"]
    for q in wrong:
        expected = "answer" if q.answerable else "abstain"
        got = "abstained" if q.abstained else _cell(q.answer or "", 60)
        lines.append(f"| {q.id} | {_cell(q.question, 40)} | {expected} | {got} |")
    return lines


def _numbers(system: SystemRun) -> list[str]:
    rows = [q for q in system.questions if q.numbers_missing]
    if not rows:
        return ["Every number in every answer occurs in a cited clause."]
    lines = ["| id | numbers not in any cited clause | answer |", "|---|---|---|"]
    for q in rows:
        lines.append(f"| {q.id} | {', '.join(q.numbers_missing)} | {_cell(q.answer or '', 60)} |")
    return lines


def write_report(run: EvalRun, directory: Path) -> Path:
    """Write ``report.md`` and its PNG plots into ``directory``; return the Markdown path.

    Args:
        run: the evaluation result.
        directory: created if missing; existing plots of the same names are replaced.

    Returns:
        The path of ``report.md``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    main = run.systems[0]
    aliases = plots.Aliases()
    images: list[tuple[str, str]] = []

    def plot(title: str, path: Path) -> None:
        images.append((title, path.name))

    plot("Metrics per tag", plots.metrics_per_tag(main, directory / "metrics_per_tag.png", TAG_PLOT_METRICS))
    plot("Rank of the gold clause", plots.gold_rank(run.systems, directory / "gold_rank.png"))
    instead = cited_instead_counts(main)
    plot("Clauses cited instead of the gold one",
         plots.cited_instead(instead, directory / "cited_instead.png", aliases))
    plot("Latency per question", plots.latency(main, directory / "latency.png"))
    if len(run.systems) > 1:
        plot("Retrieval by system", plots.systems_bars(run.systems, directory / "systems.png", RETRIEVAL_METRICS))

    n = len(main.questions)
    lines = [
        "# Evaluation report",
        "",
        f"- gold file: `{run.gold_file}` ({n} questions, "
        f"{sum(1 for q in main.questions if q.answerable)} answerable)",
        f"- created: {run.created}",
        f"- embedder: `{run.settings.get('embedder', '?')}`, index: `{run.settings.get('index_name', '?')}`, "
        f"top_k: {run.settings.get('top_k', '?')}",
        "",
        "## Systems",
        "",
        *[f"- **{s.name}** — {s.description}" for s in run.systems],
        "",
        systems_table(run, markdown=True),
        "",
        f"## Per tag ({main.name})",
        "",
        tags_table(main, markdown=True),
        "",
        "## Plots",
        "",
    ]
    for title, name in images:
        lines += [f"### {title}", "", f"![{title}]({name})", ""]
    if aliases.docs:
        lines += ["Plot legend: " + "; ".join(f"{a} = {d}" for d, a in aliases.docs.items()), ""]
    if instead:
        lines += ["Cited instead of the gold (all):", "",
                  *[f"- {name}: {count}" for name, count in instead.most_common()], ""]
    lines += [f"## Gold clause not in the top 5 ({main.name})", "", *_misses(main), ""]
    lines += [f"## Citations outside the gold ({main.name})", "", *_wrong_citations(main), ""]
    lines += [f"## Abstention errors ({main.name})", "", *_abstention_errors(main), ""]
    lines += [f"## Numbers not found verbatim ({main.name})", "", *_numbers(main), ""]
    if run.warnings:
        lines += ["## Warnings", "", *[f"- {w}" for w in run.warnings], ""]
    path = directory / REPORT
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
