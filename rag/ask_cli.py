"""``rag ask``: answer a question (or a file of questions) with cited clauses.

Usage::

    rag ask "城区人口不到300万的城市还限制落户吗？"
    rag ask --json "实施方案第十二条讲了什么"
    rag ask --doc 实施方案 --top-k 3 "What does the plan say about urban renewal?"
    rag ask --json --questions questions.jsonl > answers.jsonl   # lines {"id", "q"}
    rag ask --server http://127.0.0.1:7860/ "职工上下班路上出车祸算工伤吗？"  # a running app answers
    rag ask --server http://127.0.0.1:7860/ --index 社保 "…"   # in the app's knowledge base 社保 (name or id)
    rag ask --kind law --kind regulation "用人单位不缴工伤保险费怎么办？"

``--json`` prints ``Answer.to_json()``: ``{"question", "answer", "abstained", "citations":
[{"n", "doc", "title", "label", "path", "text", "score", "meta"}], "sentences": [{"text",
"citations", "supported"}], "notes"?}``; with ``--questions`` one such object per line, with its
"id". Each source line shows the document's metadata: title · kind · issuing body · date ·
status.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from rag.answer.base import Answer, language
from rag.answer.metaline import meta_line
from rag.settings import KIND_FILTERS, Settings


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


def format_answer(answer: Answer | dict[str, Any]) -> str:
    """The answer, then the numbered source list (title, heading path, label).

    Takes an ``Answer`` or its JSON (``Answer.to_json()``, as a running app returns it).
    """
    data = answer.to_json() if isinstance(answer, Answer) else answer
    zh = language(str(data.get("question", ""))) == "zh"
    lines = [str(data.get("answer", "")), ""]
    if data.get("abstained"):
        head = "可能相关（未作为回答依据）：" if zh else "Possibly related (not used as a source):"
    else:
        head = "来源：" if zh else "Sources:"
    citations = data.get("citations") or []
    if citations:
        lines.append(head)
    for c in citations:
        path_list = list(c.get("path") or [])
        path = " › ".join(path_list) if path_list else c.get("label", "")
        label = f" · {c['label']}" if c.get("label") and path_list and path_list[-1] != c["label"] else ""
        lines.append(f"[{c.get('n')}] 《{c.get('title', '')}》 {path}{label}")
        facts = meta_line(c.get("meta"), zh=zh)
        if facts:
            lines.append(f"    {facts}")
    notes = data.get("notes") or []
    if notes:
        lines.append("")
        lines.extend(str(n) for n in notes)
    unsupported = [s for s in data.get("sentences") or [] if not s.get("supported", True)]
    if unsupported:
        lines.append("")
        lines.append("注意：以下句子未能在所引条款中核实：" if zh else "Note: not verified against the cited clauses:")
        lines.extend(f"  - {s.get('text', '')}" for s in unsupported)
    return "\n".join(lines).rstrip()


class ServerAsker:
    """Asks a running app (``rag serve``) through its ``/ask`` API instead of loading the model.

    Credentials come from RAG_UI_USER / RAG_UI_PASSWORD when the app asks for a login.
    """

    def __init__(self, url: str, settings: Settings) -> None:
        import os

        from gradio_client import Client

        user, password = os.environ.get("RAG_UI_USER"), os.environ.get("RAG_UI_PASSWORD")
        auth = (user, password) if user and password else None
        try:
            self._client = Client(url, auth=auth, verbose=False)
        except Exception as exc:  # connection refused, not a Gradio app, wrong login
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise click.ClickException(f"无法连接到 {url}（cannot reach the app）: {reason}") from exc

    def ask(self, question: str, kb: str = "") -> dict[str, Any]:
        """The app's answer in knowledge base ``kb`` (its name or id; "" for the app's default)."""
        result = self._client.predict(question, kb, api_name="/ask")
        if not isinstance(result, dict):
            raise click.ClickException(f"the app answered {type(result).__name__}, not an answer object")
        return result


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
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KIND_FILTERS),
              help="Only documents of this kind (formal = law, regulation and policy); repeatable (RAG_KINDS).")
@click.option("--index", "index_name", default=None,
              help="Index name under index/ (RAG_INDEX_NAME); with --server, the app's knowledge base (name or id).")
@click.option("--server", "server", default=None, metavar="URL",
              help="Ask a running app (rag serve) at URL instead of loading the model here.")
@click.pass_context
def ask_command(
    ctx: click.Context,
    question: str | None,
    as_json: bool,
    questions_file: Path | None,
    docs: tuple[str, ...],
    top_k: int | None,
    kinds: tuple[str, ...],
    index_name: str | None,
    server: str | None,
) -> None:
    """Answer QUESTION from the indexed documents, citing the clauses it comes from."""
    from rag.index.store import IndexLoadError
    from rag.pipeline import Pipeline

    if (question is None) == (questions_file is None):
        raise click.UsageError("give either a QUESTION or --questions FILE.jsonl")
    settings = _settings(ctx, index_name, top_k)
    if server is not None:
        if docs or top_k is not None or kinds:
            raise click.UsageError("--doc, --top-k and --kind apply to a local index, not with --server")
        asker = ServerAsker(server, settings)
        kb = index_name or ""
        if questions_file is not None:
            with questions_file.open(encoding="utf-8") as fh:
                _answer_lines(lambda text: asker.ask(text, kb), fh, sys.stdout)
            return
        try:
            data = asker.ask(question or "", kb)
        except click.ClickException:
            raise
        except Exception as exc:  # the app's gr.Error (unknown knowledge base, no index …) as one line
            raise click.ClickException(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        click.echo(json.dumps(data, ensure_ascii=False) if as_json else format_answer(data))
        return
    try:
        pipeline = Pipeline.from_settings(settings)
    except IndexLoadError as exc:
        raise click.ClickException(f"无法读取索引（cannot load the index）: {exc}") from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    doc_ids = resolve_docs(docs, pipeline.documents)
    kind_filter = kinds or None  # none given: the settings' (RAG_KINDS)

    if questions_file is not None:
        with questions_file.open(encoding="utf-8") as fh:
            _answer_lines(lambda text: pipeline.ask(text, docs=doc_ids, kinds=kind_filter).to_json(), fh, sys.stdout)
        return
    try:
        answer = pipeline.ask(question or "", docs=doc_ids, kinds=kind_filter)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        click.echo(format_answer(answer))


def _answer_lines(ask: Callable[[str], dict[str, Any]], lines: TextIO, out: TextIO) -> None:
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
            result: dict[str, Any] = {"id": qid, **ask(text)}
        except ValueError as exc:
            result = {"id": qid if qid is not None else number, "error": f"line {number}: {exc}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
