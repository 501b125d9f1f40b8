"""``rag ask``: answer a question (or a file of questions) with cited clauses.

Usage::

    rag ask "城区人口不到300万的城市还限制落户吗？"
    rag ask --json "实施方案第十二条讲了什么"
    rag ask --doc 实施方案 --top-k 3 "What does the plan say about urban renewal?"
    rag ask --json --questions questions.jsonl > answers.jsonl   # lines {"id", "q"}

``--json`` prints ``Answer.to_json()``: ``{"question", "answer", "abstained", "citations":
[{"n", "doc", "title", "label", "path", "text", "score"}], "sentences": [{"text",
"citations", "supported"}]}``; with ``--questions`` one such object per line, with its "id".
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from rag.answer.base import Answer, language
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.pipeline import Pipeline


def resolve_docs(wanted: Sequence[str], documents: dict[str, str]) -> list[str] | None:
    """Document ids for ``--doc`` values: an exact id, or a part of one id or title."""
    if not wanted:
        return None
    out: list[str] = []
    for name in wanted:
        if name in documents:
            out.append(name)
            continue
        matches = [d for d, title in documents.items() if name in d or name in title]
        if len(matches) != 1:
            known = "; ".join(documents)
            problem = "matches no document" if not matches else "matches several documents"
            raise click.BadParameter(f"{name!r} {problem}. Indexed documents: {known}", param_hint="--doc")
        out.append(matches[0])
    return out


def format_answer(answer: Answer) -> str:
    """The answer, then the numbered source list (title, heading path, label)."""
    zh = language(answer.question) == "zh"
    lines = [answer.answer, ""]
    if answer.abstained:
        head = "可能相关（未作为回答依据）：" if zh else "Possibly related (not used as a source):"
    else:
        head = "来源：" if zh else "Sources:"
    if answer.citations:
        lines.append(head)
    for c in answer.citations:
        path = " › ".join(c.path) if c.path else c.label
        label = f" · {c.label}" if c.label and c.path and c.path[-1] != c.label else ""
        lines.append(f"[{c.n}] 《{c.title}》 {path}{label}")
    unsupported = [s for s in answer.sentences if not s.supported]
    if unsupported:
        lines.append("")
        lines.append("注意：以下句子未能在所引条款中核实：" if zh else "Note: not verified against the cited clauses:")
        lines.extend(f"  - {s.text}" for s in unsupported)
    return "\n".join(lines).rstrip()


def _settings(ctx: click.Context, index_name: str | None, top_k: int | None) -> Settings:
    base = ctx.obj if isinstance(ctx.obj, Settings) else Settings.from_env()
    changes: dict[str, Any] = {}
    if index_name:
        changes["index_name"] = index_name
    if top_k is not None:
        changes["top_k"] = top_k
    try:
        return base.with_(**changes)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


@click.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@click.option(
    "--questions", "questions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='A JSONL file of {"id", "q"} lines; writes one JSON answer per line.',
)
@click.option("--doc", "docs", multiple=True, help="Only this document (id or part of its name); repeatable.")
@click.option("--top-k", type=int, default=None, help="How many clauses to retrieve (RAG_TOP_K, default 5).")
@click.option("--index", "index_name", default=None, help="Index name under index/ (RAG_INDEX_NAME).")
@click.pass_context
def ask_command(
    ctx: click.Context,
    question: str | None,
    as_json: bool,
    questions_file: Path | None,
    docs: tuple[str, ...],
    top_k: int | None,
    index_name: str | None,
) -> None:
    """Answer QUESTION from the indexed documents, citing the clauses it comes from."""
    from rag.index.store import IndexLoadError
    from rag.pipeline import Pipeline

    if (question is None) == (questions_file is None):
        raise click.UsageError("give either a QUESTION or --questions FILE.jsonl")
    settings = _settings(ctx, index_name, top_k)
    try:
        pipeline = Pipeline.from_settings(settings)
    except IndexLoadError as exc:
        raise click.ClickException(f"无法读取索引（cannot load the index）: {exc}") from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    doc_ids = resolve_docs(docs, pipeline.documents)

    if questions_file is not None:
        with questions_file.open(encoding="utf-8") as fh:
            _answer_lines(pipeline, fh, sys.stdout, doc_ids)
        return
    try:
        answer = pipeline.ask(question or "", docs=doc_ids)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        click.echo(format_answer(answer))


def _answer_lines(pipeline: Pipeline, lines: TextIO, out: TextIO, doc_ids: list[str] | None) -> None:
    """One JSON answer per input line; a bad line gets an {"id", "error"} line, never a stop."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        qid: Any = None
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("the line is not a JSON object")
            qid = row.get("id", number)
            text = row.get("q", row.get("question"))
            if not isinstance(text, str):
                raise ValueError('missing "q" (the question text)')
            result: dict[str, Any] = {"id": qid, **pipeline.ask(text, docs=doc_ids).to_json()}
        except ValueError as exc:
            result = {"id": qid if qid is not None else number, "error": f"line {number}: {exc}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
