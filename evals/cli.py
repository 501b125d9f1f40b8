"""``rag eval``: measure citation accuracy on a gold set, compare runs, draft questions.

Usage::

    rag eval evals/dev.jsonl                              # table: overall and per tag
    rag eval evals/dev.jsonl --json out/run.json          # + per-question results and totals
    rag eval evals/dev.jsonl --report out/report          # + Markdown report with PNG plots
    rag eval evals/dev.jsonl --baselines --report out/r   # + naive LangChain, lexical, dense
    rag eval --compare out/before.json out/after.json     # questions that got better / worse
    rag eval draft --doc 实施方案 --out evals/drafts.jsonl  # candidate questions, unreviewed

``eval_group`` is registered into the ``rag`` command; ``python -m evals.cli`` runs it alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from evals.gold import GoldError, GoldItem
from evals.harness import Setup
from evals.records import EvalRun
from rag.settings import Settings


class _EvalGroup(click.Group):
    """A group whose default command is ``run``: ``rag eval FILE`` needs no sub-command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


def _settings(ctx: click.Context) -> Settings:
    settings = ctx.find_object(Settings)
    if settings is None:
        try:
            settings = Settings.from_env()
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    return settings


@click.group("eval", cls=_EvalGroup, invoke_without_command=True)
@click.pass_context
def eval_group(ctx: click.Context) -> None:
    """Evaluate cited answers on a gold set: rag eval GOLD.jsonl [--json OUT] [--report DIR]
    [--baselines]; rag eval --compare A.json B.json; rag eval draft.

    Run `rag eval run --help` for every option of the evaluation.
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def _select(items: list[GoldItem], tags: tuple[str, ...], limit: int | None, unreviewed: bool) -> list[GoldItem]:
    chosen = [i for i in items if unreviewed or i.reviewed]
    waiting = [i.id for i in chosen if i.answerable and not i.gold and not i.quotes]
    if waiting:
        raise click.UsageError(
            f"these unreviewed questions have no gold yet (add 'gold' or 'quote'): {', '.join(waiting)}"
        )
    if tags:
        chosen = [i for i in chosen if set(tags) & set(i.tags)]
    return chosen[:limit] if limit else chosen


@eval_group.command("run")
@click.argument("gold", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write per-question results and totals to this JSON file.")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write report.md and PNG plots into this directory.")
@click.option("--baselines", is_flag=True,
              help="Also run the naive LangChain chunk pipeline and lexical-only / dense-only retrieval.")
@click.option("--answers", "answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score answers already made (lines of `rag ask --json --questions`) instead of running "
                   "the pipeline.")
@click.option("--compare", nargs=2, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Compare two --json results (A then B) instead of evaluating.")
@click.option("--system", default=None, help="With --compare: which system to compare (default: the first).")
@click.option("--tag", "tags", multiple=True, help="Only questions with this tag (repeatable).")
@click.option("--limit", type=int, default=None, help="Only the first N questions.")
@click.option("--include-unreviewed", is_flag=True, help="Also score drafted lines marked reviewed: false.")
@click.option("--top-k", type=int, default=None, help="Clauses retrieved per question (RAG_TOP_K).")
@click.option("--record", "record_to", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the gate figures (hit@5, citation precision, abstention recall) to this file, "
                   "e.g. evals/baseline_figures.json.")
@click.option("--loco", is_flag=True,
              help="Also answer each corpus group with the answerability model fitted on the other groups "
                   "(leave-one-corpus-out; needs several groups).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def run_command(
    ctx: click.Context,
    gold: tuple[Path, ...],
    json_out: Path | None,
    report_dir: Path | None,
    baselines: bool,
    answers_file: Path | None,
    compare: tuple[Path, Path] | None,
    system: str | None,
    tags: tuple[str, ...],
    limit: int | None,
    include_unreviewed: bool,
    top_k: int | None,
    record_to: Path | None,
    loco: bool,
    quiet: bool,
) -> None:
    """Evaluate GOLD (JSONL files, or folders of them) and print the metrics, overall, per
    corpus group (one per file; dev and seeds-new are "seeds") and per tag."""
    if compare:
        _compare(compare, system)
        return
    if not gold:
        raise click.UsageError("give a gold file (e.g. evals/dev.jsonl evals/sets) or --compare A.json B.json")
    from evals.groups import load_groups
    from evals.harness import evaluate, load_systems
    from evals.tables import groups_table, systems_by_group_table, systems_table, tags_table
    from rag.index.store import IndexLoadError

    settings = _settings(ctx)
    if top_k is not None:
        try:
            settings = settings.with_(top_k=top_k)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--top-k") from exc
    try:
        items = _select(load_groups(list(gold)), tags, limit, include_unreviewed)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from exc
    if not items:
        raise click.ClickException("no question left to evaluate (check --tag / --limit)")
    try:
        setup = _answers_setup(settings, answers_file) if answers_file else load_systems(settings, baselines=baselines)
        run = evaluate(items, setup.corpus, setup.systems, support=setup.support, progress=not quiet,
                       gold_file=" ".join(map(str, gold)), settings=settings)
        if loco:
            run = _with_loco(run, setup, items, progress=not quiet)
    except IndexLoadError as exc:
        raise click.ClickException(f"{exc}\nBuild the index first: rag index") from exc
    except GoldError as exc:
        raise click.ClickException(f"the gold does not match the index: {exc}") from exc

    click.echo(systems_table(run))
    click.echo("")
    if len({i.group for i in items}) > 1:
        for shown in [run.systems[0], *[s for s in run.systems if s.name == "loco"]]:
            click.echo(f"per corpus ({shown.name}):")
            click.echo(groups_table(shown))
            click.echo("")
        if len(run.systems) > 1:
            click.echo("per corpus, every system:")
            click.echo(systems_by_group_table(run))
            click.echo("")
    click.echo(f"per tag ({run.systems[0].name}):")
    click.echo(tags_table(run.systems[0]))
    if run.warnings:
        click.echo(f"\n{len(run.warnings)} warning(s); first: {run.warnings[0]}")
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(run.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        click.echo(f"\nresults: {json_out}")
    if report_dir is not None:
        from evals.report import write_report

        click.echo(f"report: {write_report(run, report_dir)}")
    if record_to is not None:
        if tags or limit or include_unreviewed:
            raise click.UsageError("--record needs the whole reviewed gold set (no --tag / --limit)")
        from evals.figures import write_figures

        names = " ".join(map(str, gold))
        index = f" --index {settings.index_name}" if settings.index_name != "default" else ""
        command = f"rag{index} eval {names} --record {record_to}" + (f" --top-k {top_k}" if top_k else "")
        recorded = write_figures(run, record_to, command)
        click.echo(f"gate figures {recorded['figures']}, worst {recorded['worst']} → {record_to}")


def _with_loco(run: EvalRun, setup: Setup, items: list[GoldItem], *, progress: bool) -> EvalRun:
    from dataclasses import replace

    from evals.loco import loco_run

    if len({i.group for i in items}) < 2:
        raise click.UsageError("--loco needs gold files of at least two corpus groups")
    system = setup.systems[0]
    pipeline = getattr(system, "pipeline", None)
    if pipeline is None:
        raise click.UsageError("--loco needs the pipeline (not --answers)")
    try:
        extra = loco_run(pipeline, system, items, setup.corpus, support=setup.support, progress=progress)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    return replace(run, systems=(*run.systems, extra))


def _answers_setup(settings: Settings, path: Path) -> Setup:
    """Score a file of answers: the index for the gold, the embedder for the support judge."""
    from evals.gold import Corpus
    from evals.support import cite_support
    from evals.systems import AnswersFileSystem
    from rag.index.embed import load_embedder
    from rag.index.stores import open_index

    embedder = load_embedder(settings)
    corpus = Corpus(open_index(settings, embedder_id=embedder.id).units)
    try:
        system = AnswersFileSystem(path, corpus)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--answers") from exc
    return Setup(corpus, (system,), cite_support(embedder), settings)


def _read_run(path: Path) -> EvalRun:
    try:
        return EvalRun.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(f"{path}: {exc}") from exc


def _compare(paths: tuple[Path, Path], system: str | None) -> None:
    from evals.compare import compare_runs, format_comparison

    a, b = _read_run(paths[0]), _read_run(paths[1])
    try:
        comparison = compare_runs(a, b, system)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    click.echo(format_comparison(comparison, paths[0].name, paths[1].name))


@eval_group.command("draft")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("evals/drafts.jsonl"),
              show_default=True, help="Where to write the drafted questions (JSONL).")
@click.option("--doc", "docs", multiple=True, help="Only this document (id or unique part of it; repeatable).")
@click.option("--per-clause", type=click.IntRange(1, 20), default=3, show_default=True)
@click.option("--llm/--no-llm", "use_llm", default=None,
              help="Ask the configured chat model (default: when RAG_LLM_PROVIDER is set).")
@click.pass_context
def draft_command(
    ctx: click.Context, out: Path, docs: tuple[str, ...], per_clause: int, use_llm: bool | None
) -> None:
    """Propose candidate questions per clause into a file marked unreviewed."""
    from evals.draft import draft_questions, write_jsonl
    from evals.gold import Corpus
    from rag.index.store import IndexLoadError
    from rag.index.stores import open_index

    settings = _settings(ctx)
    try:
        index = open_index(settings)
    except IndexLoadError as exc:
        raise click.ClickException(f"{exc}\nBuild the index first: rag index") from exc
    model = None
    if use_llm or (use_llm is None and settings.llm_provider):
        if not settings.llm_provider:
            raise click.UsageError("--llm needs RAG_LLM_PROVIDER (openai or ollama) and RAG_LLM_MODEL")
        from rag.answer.llm import chat_model

        model = chat_model(settings)
    try:
        rows = draft_questions(Corpus(index.units), docs=docs or None, model=model, per_clause=per_clause)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--doc") from exc
    count = write_jsonl(rows, out)
    click.echo(f"{count} drafted question(s) → {out} (marked \"reviewed\": false; edit, check the gold, "
               f"then set it to true)")


@eval_group.command("articles")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--all", "show_all", is_flag=True, help="A line for every law, not only those with a difference.")
def articles_command(paths: tuple[Path, ...], show_all: bool) -> None:
    """Check that every 第N条 a law's lines open with is one article unit, in order (files or folders
    of .md/.txt laws); exits 1 when some law's articles are not all whole units."""
    from evals.articles import check, laws

    checked = failed = articles = 0
    for path, root in laws(paths):
        try:
            result = check(path, root)
        except (OSError, ValueError) as exc:
            click.echo(f"{path}: not read ({exc})")
            failed += 1
            continue
        if not result.expected:
            continue  # no 第N条 line: a notice, an index, nothing to check
        checked += 1
        articles += result.expected
        if result.problem:
            failed += 1
        if result.problem or show_all:
            click.echo(f"{result.path}: {result.expected} article lines, {result.parsed} article units"
                       + (f" — {result.problem}" if result.problem else ""))
    click.echo(f"{checked} law(s) with article lines, {articles} articles; {failed} with articles not all whole units")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    eval_group()
