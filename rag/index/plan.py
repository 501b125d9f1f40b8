"""Build planning: which documents are new, changed, unchanged or removed, decided from the
published manifest and the files' bytes; the new and changed ones are loaded and parsed here.

A document that fails to load or parse keeps its previous entry (its units are carried over),
with a one-line reason in the report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rag.index import metafile, prepare
from rag.index.manifest import DocEntry, Manifest
from rag.index.report import BuildReport
from rag.index.sources import Source
from rag.records import Skipped, Unit
from rag.settings import Settings

# What the new index holds of one document: its entry, and its units when it was parsed in this
# run (None: the published index's rows of that document are carried over as they are).
Planned = tuple[DocEntry, tuple[Unit, ...] | None]


def plan_documents(
    sources: Sequence[Source], published: Manifest | None, reusable: bool, settings: Settings, report: BuildReport
) -> list[Planned]:
    """Decide, from the manifest alone, which documents are new, changed, unchanged or removed;
    parse the new and changed ones. Fills ``report``'s lists."""
    prev_docs = {d.doc_id: d for d in published.documents} if published is not None else {}
    overrides = Overrides(report.warnings)
    plan: list[Planned] = []

    def carry_over(entry: DocEntry, source: Source) -> None:
        override = overrides.of(source, entry.override)
        if override != entry.override:
            report.meta_changed.append(entry.doc_id)
            entry = replace(entry, override=override)
        plan.append((entry, None))

    seen: dict[str, str] = {}
    for source in sources:
        if source.doc_id in seen:
            reason = f"duplicate doc_id {source.doc_id!r}, already used by {seen[source.doc_id]}; rename one"
            report.skipped.append(Skipped(str(source.path), reason))
            continue
        seen[source.doc_id] = str(source.path)
        old = prev_docs.get(source.doc_id)
        if old is not None and reusable and same_bytes(source, old.sha256, settings):
            report.unchanged.append(source.doc_id)
            carry_over(old, source)
            continue
        try:
            raw = prepare.load(source, settings)
            if old is not None and reusable and old.sha256 == raw.sha256:
                report.unchanged.append(raw.doc_id)
                carry_over(old, source)
                continue
            ready = prepare.parse(raw, settings)
        except prepare.PrepareError as error:
            report.skipped.append(Skipped(error.source, error.reason))
            if old is not None:
                carry_over(old, source)
                report.kept_after_error.append(source.doc_id)
                report.warnings.append(f"{source.doc_id}: {error.reason}; its previously indexed version is kept")
            continue
        (report.added if old is None else report.changed).append(raw.doc_id)
        entry = DocEntry(
            doc_id=raw.doc_id,
            title=ready.title or raw.title,
            source=raw.source,
            fmt=raw.fmt,
            sha256=raw.sha256,
            units=len(ready.units),
            warnings=ready.warnings,
            detected=ready.meta,
            override=overrides.of(source, old.override if old is not None else {}),
        )
        plan.append((entry, ready.units))
    report.removed = sorted(set(prev_docs) - set(seen))
    return plan


def same_bytes(source: Source, sha256: str, settings: Settings) -> bool:
    """Are the file's bytes those the manifest hashed? Read and hashed, not loaded: decoding
    and checking the text (or parsing a PDF) of every document made an unchanged re-run at 10^5
    units take 19–27 s on the busy shared cores (``benchmarks/scale_bench.py``). A file over the
    size limit is left to the loader, which refuses it with its reason."""
    try:
        if source.path.stat().st_size > settings.max_file_mb * 2**20:
            return False
        with source.path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest() == sha256
    except OSError:
        return False  # the loader says what is wrong


class Overrides:
    """The sidecar of every documents folder (:mod:`rag.index.metafile`), each read once."""

    def __init__(self, warnings: list[str]) -> None:
        self._folders: dict[Path, metafile.Sidecar] = {}
        self._warnings = warnings

    def of(self, source: Source, indexed: dict[str, str]) -> dict[str, str]:
        """The override of ``source``'s document; ``indexed`` (what the index has) when its
        sidecar entry is bad, so a typo in the sidecar never loses an administrator's edit."""
        folder = source.root if source.root is not None else source.path.parent
        if folder not in self._folders:
            self._folders[folder] = metafile.read(folder)
            self._warnings.extend(self._folders[folder].problems)
        key = source.doc_id if source.root is not None else source.path.stem
        return self._folders[folder].override(key, indexed)
