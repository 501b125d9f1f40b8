"""``rag meta``: the document metadata the index holds, and an administrator's corrections.

Usage::

    rag meta                                   # every document: kind, status, title, issuer, dates
    rag meta 工伤保险条例 --json                 # one document: detected, overridden, shown
    rag meta 工伤保险条例 --set status=repealed --set effective=2004-01-01
    rag meta 工伤保险条例 --unset status         # back to what the document says

``--set``/``--unset`` write the sidecar ``<documents folder>/.meta.json`` and publish the index
with the new metadata at once (nothing is parsed or embedded again); the next ``rag index``
keeps it. A value that is not allowed is refused with the value in the message.
"""

from __future__ import annotations

import json
from typing import Any

import click

from rag.index.store import DocEntry
from rag.settings import Settings


def _settings(ctx: click.Context) -> Settings:
    settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings.from_env()
    return settings


def _pick(entries: tuple[DocEntry, ...], name: str) -> DocEntry:
    exact = [e for e in entries if e.doc_id == name]
    if exact:
        return exact[0]
    partial = [e for e in entries if name in e.doc_id or name in e.title]
    if len(partial) != 1:
        problem = "matches no document" if not partial else "matches several documents"
        known = "; ".join(e.doc_id for e in entries)
        raise click.BadParameter(f"{name!r} {problem}. Indexed documents: {known}", param_hint="DOC")
    return partial[0]


def _pairs(values: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep:
            raise click.BadParameter(f"{value!r} is not FIELD=VALUE (e.g. status=repealed)", param_hint="--set")
        out[name.strip()] = text
    return out


def _describe(entry: DocEntry) -> str:
    m = entry.meta
    facts = [m.kind, m.status or "status not stated", m.issuer, m.doc_number, m.issued, m.effective]
    edited = f"  [set by admin: {', '.join(sorted(entry.override))}]" if entry.override else ""
    return f"{entry.doc_id}: {m.title}  ({'; '.join(f for f in facts if f)}){edited}"


@click.command("meta")
@click.argument("doc", required=False)
@click.option("--set", "set_values", multiple=True, metavar="FIELD=VALUE",
              help="Override a field: title, issuer, doc_number, issued, effective, status, kind.")
@click.option("--unset", "unset", multiple=True, metavar="FIELD", help="Drop an override (the detected value returns).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def meta_command(ctx: click.Context, doc: str | None, set_values: tuple[str, ...], unset: tuple[str, ...],
                 as_json: bool) -> None:
    """Show or correct the metadata of the indexed documents."""
    from rag.index.metafile import MetaError
    from rag.index.metaupdate import set_meta
    from rag.index.store import IndexLoadError, read_manifest

    settings = _settings(ctx)
    try:
        manifest = read_manifest(settings.index_path)
    except IndexLoadError as exc:
        raise click.ClickException(str(exc)) from exc
    if doc is None:
        if set_values or unset:
            raise click.UsageError("name the document (DOC) whose metadata to change")
        if as_json:
            every = {d.doc_id: d.meta.to_json() for d in manifest.documents}
            click.echo(json.dumps(every, ensure_ascii=False, indent=2))
        else:
            for entry in manifest.documents:
                click.echo(_describe(entry))
        return
    entry = _pick(manifest.documents, doc)
    if set_values or unset:
        fields: dict[str, Any] = {**_pairs(set_values), **{name: None for name in unset}}
        try:
            entry = set_meta(settings, entry.doc_id, fields)
        except (MetaError, IndexLoadError) as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        out = {"doc_id": entry.doc_id, "meta": entry.meta.to_json(), "detected": entry.detected.to_json(),
               "override": entry.override}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        click.echo(_describe(entry))
