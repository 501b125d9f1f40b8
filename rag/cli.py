"""The ``rag`` command line: a thin layer that turns library results and errors into text.

Usage::

    rag index                 # build or refresh index/default over documents/
    rag chunks 实施方案 --json  # the clause units of one document
    rag ask "城区人口不到300万的城市还限制落户吗？"
    rag meta 工伤保险条例 --set status=repealed   # correct a document's metadata
    rag quiz --n 20 --format gift -o quiz.gift
    rag eval evals/dev.jsonl
    rag serve                 # the web app on 127.0.0.1:7860
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import ClassVar

import click

from rag.settings import Settings


def _settings(ctx: click.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


class LazyGroup(click.Group):
    """Subcommands that live in other packages are imported only when they are run.

    ``rag index`` on an unchanged corpus should answer in about a second; importing the quiz,
    answer and evaluation stacks up front would cost more than the check itself.
    """

    lazy: ClassVar[dict[str, str]] = {
        "ask": "rag.ask_cli:ask_command",
        "meta": "rag.meta_cli:meta_command",
        "quiz": "rag.quiz.cli:quiz_command",
        "eval": "evals.cli:eval_group",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, attr = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup)
@click.option("--index", "index_name", default=None, help="Index name under index/ (RAG_INDEX_NAME).")
@click.option("--embedder", default=None, help="Embedder: builtin:multilingual-e5-small, a model name or path.")
@click.pass_context
def main(ctx: click.Context, index_name: str | None, embedder: str | None) -> None:
    """policy-rag: cited answers over policy documents."""
    _show_model_builds()
    try:
        ctx.obj = Settings.from_env(index_name=index_name, embedder=embedder)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def _show_model_builds() -> None:
    """Print the one-time model build's progress (logged by rag.index.builtin) on stderr.

    The first ``rag index`` or ``rag serve`` converts the built-in model for a minute or more;
    without this it would print nothing meanwhile.
    """
    import logging
    import sys

    logger = logging.getLogger("rag.index.builtin")
    if any(getattr(h, "name", "") == "rag-cli" for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name("rag-cli")
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def index_command(ctx: click.Context, paths: tuple[Path, ...], quiet: bool) -> None:
    """Build or refresh the index over PATHS (default: documents/ and the upload folder
    index/kb/<index name>/documents, RAG_UPLOAD_DIR)."""
    from rag.index.build import build_index
    from rag.index.embed import ModelLoadError, load_embedder

    settings = _settings(ctx)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.BadParameter(f"no such file or directory: {', '.join(missing)}", param_hint="PATHS")
    try:
        report = build_index(settings, lambda: load_embedder(settings), list(paths) or None, progress=not quiet)
    except FileNotFoundError as exc:  # a missing documents folder: indexing nothing would remove everything
        raise click.ClickException(str(exc)) from exc
    except ModelLoadError as exc:  # no model, or an embeddings endpoint that failed: the index is unchanged
        raise click.ClickException(f"{str(exc).rstrip('.')}. The index is unchanged.") from exc
    echo = click.echo
    uploads = settings.uploads_path
    left_out = not any(uploads.resolve().is_relative_to(p.resolve()) for p in paths)
    if paths and uploads in settings.source_dirs and left_out:
        echo(f"note: the upload folder {uploads} is not among PATHS, so its documents are not in this index; "
             "`rag index` without PATHS reads it too", err=True)
    if report.up_to_date:
        echo(f"index {report.where} is up to date: {report.documents} documents, {report.units} units")
    else:
        echo(
            f"index {report.where}: {report.documents} documents, {report.units} units "
            f"({len(report.added)} added, {len(report.changed)} changed, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed; {report.embedded} units embedded, "
            f"{report.reused_vectors} vectors reused)"
        )
    for name, docs in (("added", report.added), ("changed", report.changed), ("removed", report.removed),
                       ("metadata edited", report.meta_changed)):
        for doc in docs:
            echo(f"  {name}: {doc}")
    if report.warnings:
        echo(f"warnings ({len(report.warnings)}):")
        for warning in report.warnings:
            echo(f"  - {warning}")
    if report.skipped:
        echo(f"skipped files ({len(report.skipped)}):")
        for skipped in report.skipped:
            echo(f"  - {skipped.source}: {skipped.reason}")
    echo(f"done in {report.seconds:.1f} s")


def _find_document(settings: Settings, doc: str) -> Path:
    """A document named by path, by file stem, or by a unique part of its name."""
    direct = Path(doc)
    if direct.is_file():
        return direct
    candidates = [
        p for folder in settings.source_dirs if folder.is_dir()
        for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")
    ]
    exact = [p for p in candidates if p.stem == doc]
    if exact:
        return exact[0]
    partial = [p for p in candidates if doc in p.name]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        where = " or ".join(str(f) for f in settings.source_dirs)
        raise click.BadParameter(f"no document matches {doc!r} in {where}", param_hint="DOC")
    names = ", ".join(p.name for p in partial)
    raise click.BadParameter(f"{doc!r} matches several documents: {names}", param_hint="DOC")


@main.command("chunks")
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True,
              help="Print the document (metadata, levels, warnings) and its units as JSON.")
@click.pass_context
def chunks_command(ctx: click.Context, doc: str, as_json: bool) -> None:
    """Show how DOC (a path, file stem or unique part of a name) is split into clause units.

    The header names what the document says about itself (title, issuer, 文号, dates, kind), the
    heading levels detected (e.g. "## heading › 第一章 › 第一条"), the unit count and the
    numbering warnings.
    """
    from rag.ingest.clauses import parse
    from rag.ingest.clean import clean
    from rag.ingest.load import LoadError, load_file

    settings = _settings(ctx)
    path = _find_document(settings, doc)
    try:
        root = next((f for f in settings.source_dirs if path.is_relative_to(f)), None)
        raw = load_file(path, root=root)
    except LoadError as exc:
        raise click.ClickException(str(exc)) from exc
    document = clean(raw)
    result = parse(document, max_chars=settings.max_unit_chars, overlap=settings.overlap_chars)
    clauses = len({u.ordinal for u in result.units})
    if as_json:
        rows = [
            {
                "label": u.label,
                "path": list(u.path),
                "ordinal": u.ordinal,
                "kind": u.kind,
                "part": u.part,
                "parts": u.parts,
                "text": u.text,
                "span": list(u.span),
                "lead": u.lead,
                "deleted": u.deleted,
            }
            for u in result.units
        ]
        out = {
            "doc_id": document.doc_id,
            "meta": document.meta.to_json(),
            "levels": list(result.levels),
            "clauses": clauses,
            "warnings": list(result.warnings),
            "units": rows,
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    meta = document.meta
    facts = [meta.kind, meta.issuer, meta.doc_number, meta.issued and f"issued {meta.issued}",
             meta.effective and f"effective {meta.effective}"]
    click.echo(f"{document.doc_id}: {meta.title}  ({'; '.join(f for f in facts if f)})")
    click.echo(f"levels: {' › '.join(result.levels) or '(none: paragraphs)'}")
    click.echo(f"units: {clauses} clauses in {len(result.units)} passages; {len(result.warnings)} warnings")
    for u in result.units:
        part = f" [{u.part + 1}/{u.parts}]" if u.parts > 1 else ""
        head = " › ".join(u.path) or "(opening)"
        deleted = f", {u.deleted} deletions" if u.deleted else ""
        click.echo(f"{u.ordinal:>4} {u.label}{part}  {head}  ({len(u.text)} chars{deleted})")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


@main.command("info")
@click.pass_context
def info_command(ctx: click.Context) -> None:
    """What the index holds: embedder, documents, unit counts, warnings."""
    from rag.index.store import IndexLoadError
    from rag.index.stores import store_for

    settings = _settings(ctx)
    store = store_for(settings)
    try:
        manifest = store.read_manifest()
    except IndexLoadError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"index {store.location} (format {manifest.format_version}, built {manifest.built_at})")
    click.echo(f"embedder {manifest.embedder_id} (dim {manifest.dim}), {manifest.faiss_kind}, "
               f"lexical {manifest.lexical_tokenizer}; {manifest.unit_count} units")
    for d in manifest.documents:
        click.echo(f"  {d.doc_id}: {d.units} units, {len(d.warnings)} warnings [{d.fmt}]")


@main.command("serve")
@click.option("--host", default=None, help="Host to bind (RAG_HOST, default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (RAG_PORT, default 7860).")
@click.pass_context
def serve_command(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Start the web app (RAG_UI_USER and RAG_UI_PASSWORD turn on a login)."""
    settings = _settings(ctx).with_(**{k: v for k, v in (("host", host), ("port", port)) if v is not None})
    from rag.index.stores import store_for
    from ui.app import launch

    click.echo(f"loading the model and the index {store_for(settings).location} …")
    try:
        launch(settings, announce=lambda url: click.echo(f"policy-rag is running at {url}  (Ctrl-C to stop)"))
    except ValueError as exc:  # e.g. only one of RAG_UI_USER / RAG_UI_PASSWORD set
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:  # the port is taken
        raise click.ClickException(f"cannot serve on {settings.host}:{settings.port}: {exc}") from exc


if __name__ == "__main__":
    sys.exit(main(prog_name="rag"))
