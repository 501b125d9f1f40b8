"""``rag quiz``: build a checked quiz from the documents and export it.

Usage::

    rag quiz --n 20 --format gift -o quiz.gift
    rag quiz --doc 实施方案 --chapter 三、 --types single_choice,true_false --seed 7 --format docx -o 试卷.docx
    rag quiz --clause （六） --n 5 --json
    rag quiz --format docx --student -o papers/     # 《…》培训测验-2026-12-01-学生版.docx
    rag quiz --n 30 --save --tag 第一期               # also keep the items in the index's question bank
    rag quiz --from-bank --chapter 三、 --n 20 --format docx --student -o papers/   # a paper from the bank
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.core import ParameterSource

from rag.quiz.build import build_quiz
from rag.quiz.export import FORMATS, STUDENT_FORMATS, export_name, render, render_bytes
from rag.quiz.items import DIFFICULTIES, QUIZ_TYPES, QuizItem
from rag.quiz.paper import DEFAULT_SEED, PaperSpec, assemble
from rag.quiz.source import Selection
from rag.records import Unit
from rag.settings import Settings

_ALIASES = {"single": "single_choice", "multiple": "multiple_choice", "multi": "multiple_choice",
            "tf": "true_false", "truefalse": "true_false", "blank": "fill_blank", "fill": "fill_blank",
            "short": "short_answer"}


def parse_types(value: str) -> tuple[str, ...]:
    """``"single,tf"`` → ``("single_choice", "true_false")``; unknown names are an error."""
    names = [_ALIASES.get(v.strip(), v.strip()) for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in QUIZ_TYPES]
    if unknown or not names:
        raise click.BadParameter(f"unknown type(s) {unknown or value!r}; choose from {', '.join(QUIZ_TYPES)}",
                                 param_hint="--types")
    return tuple(dict.fromkeys(names))


def load_units(documents: Path, settings: Settings) -> tuple[list[Unit], list[str]]:
    """Every document under ``documents`` loaded, cleaned and parsed; plus one line per file
    that could not be read."""
    from rag.ingest.clauses import parse
    from rag.ingest.clean import clean
    from rag.ingest.load import load_paths

    raws, skipped = load_paths([documents])
    units: list[Unit] = []
    for raw in raws:
        units.extend(parse(clean(raw), max_chars=settings.max_unit_chars, overlap=settings.overlap_chars).units)
    return units, [f"{s.source}: {s.reason}" for s in skipped]


@click.command("quiz")
@click.option("--doc", "docs", multiple=True, help="Only this document (id, title or part of the title); repeatable.")
@click.option("--chapter", "chapters", multiple=True, help="Only this chapter, e.g. 三、 or 三; repeatable.")
@click.option("--clause", "clauses", multiple=True, help="Only this clause label, e.g. （六）; repeatable.")
@click.option("--n", "n", type=click.IntRange(min=1), default=20, show_default=True, help="Number of questions.")
@click.option("--types", default=",".join(QUIZ_TYPES), show_default=True,
              help="Comma-separated types (aliases: single, multiple, tf, blank, short).")
@click.option("--difficulty", type=click.Choice(DIFFICULTIES), default="medium", show_default=True)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="The same seed gives the same quiz.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the export to this file, or into this directory under a name made from the title, "
              "the date and the version (default: standard output; required for docx).")
@click.option("--title", default=None, help="The paper's title (default: 《document》培训测验).")
@click.option("--student", is_flag=True, help=f"The student version, without answers ({', '.join(STUDENT_FORMATS)}).")
@click.option("--save", is_flag=True, help="Also save the items in the question bank beside the index.")
@click.option("--tag", "tags", multiple=True,
              help="Tag the saved items (with --from-bank: use only items with this tag); repeatable.")
@click.option("--from-bank", is_flag=True, help="Assemble the paper from the question bank instead of generating.")
@click.option("--json", "as_json", is_flag=True, help="Print the items to standard output as a JSON array.")
@click.option("--documents", type=click.Path(file_okay=False, path_type=Path), default=Path("documents"),
              show_default=True, help="The documents directory.")
@click.option("--llm/--no-llm", default=None,
              help="Draft with the configured LLM (RAG_LLM_PROVIDER); default: when one is configured.")
def quiz_command(docs: tuple[str, ...], chapters: tuple[str, ...], clauses: tuple[str, ...], n: int, types: str,
                 difficulty: str, seed: int, fmt: str, output: Path | None, title: str | None, student: bool,
                 save: bool, tags: tuple[str, ...], from_bank: bool, as_json: bool, documents: Path,
                 llm: bool | None) -> None:
    """Build a quiz whose every answer key is checked against the clause it cites."""
    from rag.quiz.draft import ChatModelDrafter

    wanted = parse_types(types)
    if fmt == "docx" and output is None and not as_json:
        raise click.UsageError("--format docx needs -o/--output FILE.docx")
    if student and fmt not in STUDENT_FORMATS:
        raise click.UsageError(f"--student needs --format {' or '.join(STUDENT_FORMATS)}: {fmt} files carry the key")
    if not documents.is_dir():
        raise click.BadParameter(f"no such directory: {documents}", param_hint="--documents")
    parent = click.get_current_context().obj
    try:
        # Under ``rag`` the group has already read the settings (with its --index/--embedder).
        settings = parent if isinstance(parent, Settings) else Settings.from_env()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    units, skipped = load_units(documents, settings)
    for line in skipped:
        click.echo(f"skipped {line}", err=True)
    drafter = ChatModelDrafter.from_settings(settings) if llm is not False else None
    if llm and drafter is None:
        raise click.UsageError("--llm needs an LLM: set RAG_LLM_PROVIDER (openai or ollama) and RAG_LLM_MODEL")
    selection = Selection(docs=docs, chapters=chapters, clauses=clauses)
    scoped = selection if docs or chapters or clauses else None
    try:
        if from_bank:
            explicit = click.get_current_context().get_parameter_source("difficulty") != ParameterSource.DEFAULT
            items = _from_bank(settings, units, PaperSpec(count=n, types=wanted, select=scoped, seed=seed,
                                                          difficulties=(difficulty,) if explicit else (), tags=tags))
        else:
            items = build_quiz(units, n=n, types=wanted, difficulty=difficulty, seed=seed, select=scoped,
                               drafter=drafter)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if from_bank and len(items) < n:
        click.echo(f"only {len(items)} of {n} questions: the question bank holds too few checked items that match",
                   err=True)
    elif len(items) < n:
        click.echo(f"only {len(items)} of {n} questions could be made: the selection has too few distinct "
                   "testable sentences", err=True)
    if save and not from_bank:
        _save(items, units, settings, difficulty, tags)
    if as_json:
        click.echo(render(items, "json"), nl=False)
    if output is not None:
        if output.is_dir():
            output = output / export_name(items, fmt, title=title, answers=not student)
        output.write_bytes(render_bytes(items, fmt, title=title, answers=not student))
        click.echo(f"wrote {len(items)} questions to {output}", err=True)
    elif not as_json:
        sys.stdout.write(render(items, fmt, title=title, answers=not student))


def _from_bank(settings: Settings, units: list[Unit], spec: PaperSpec) -> list[QuizItem]:
    """A paper from the question bank, after flagging the items whose clause has changed."""
    from rag.quiz.bank import Bank, bank_path, refresh

    path = bank_path(settings.index_dir, settings.index_name)
    if not path.is_file():
        raise ValueError(f"no question bank at {path}: save items first (rag quiz --save)")
    bank = Bank(path)
    report = refresh(bank, units)
    if report.review or report.missing or report.ambiguous:
        click.echo(f"{len(report.review)} item(s) flagged for review, {len(report.missing)} whose clause is gone "
                   f"and {len(report.ambiguous)} whose clause cannot be told apart are left out", err=True)
    return assemble(bank.all(), spec)


def _save(items: list[QuizItem], units: list[Unit], settings: Settings, difficulty: str,
          tags: tuple[str, ...]) -> None:
    from rag.quiz.bank import Bank, ClauseIndex, bank_path

    bank = Bank(bank_path(settings.index_dir, settings.index_name))
    saved = bank.save(items, difficulty=difficulty, tags=tags, clauses=ClauseIndex(units))
    click.echo(f"saved {len(saved)} questions to the question bank {bank.path}", err=True)
