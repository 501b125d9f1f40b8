"""Index building: find sources → load → clean → parse → embed → store, incrementally.

A document whose content hash, chunking settings and parser code are unchanged keeps its units
and vectors; a changed or new document is parsed again, and only units whose embedding text is
new are embedded (a vector is reused whenever the same text was embedded before). Removed
documents lose their units.

Bad input never costs what is already indexed: a document that was indexed before and now fails
— at loading, or after cleaning and parsing (nothing left, over a limit) — keeps its previous
units, with a one-line reason. Documents are matched by their identity inside the documents
folder (``doc_id``, the path relative to it), never by the absolute path recorded when they were
first indexed, so a moved folder or another working directory changes nothing.

Where the index goes is the store's business (:mod:`rag.index.stores`, chosen by ``RAG_STORE``):
the build holds the store's lock (a file lock, or PostgreSQL's advisory lock shared by every
server), reads the published index, and hands the new one to ``store.publish``, which replaces
it atomically (a link switch, or one transaction). A store that updates in place (PostgreSQL)
gets only the changed documents instead (:mod:`rag.index.inplace`) when the chunking and the
embedder are unchanged.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rag.index import prepare  # tests patch build.prepare.load
from rag.index.embed import Embedder
from rag.index.inplace import update_in_place
from rag.index.plan import Planned, plan_documents
from rag.index.report import BuildReport
from rag.index.sources import find_sources
from rag.index.store import (
    DocEntry,
    IndexLoadError,
    Manifest,
    now_iso,
)
from rag.index.stores import KnowsVectors, SearchIndex, Store, UpdatesDocuments, store_for
from rag.index.vectors import EMBED_SLICE, vectors_for
from rag.ingest import clauses
from rag.records import Unit
from rag.settings import Settings

__all__ = ["EMBED_SLICE", "LEXICAL_TOKENIZER", "BuildReport", "build_index", "chunking_of", "parser_version", "prepare"]

LEXICAL_TOKENIZER = "bigram"


def parser_version() -> str:
    """A hash of every ingest module and the text toolkit: when any changes, documents are re-parsed."""
    digest = hashlib.sha256()
    ingest_dir = Path(clauses.__file__).parent
    sources = sorted(ingest_dir.rglob("*.py")) + sorted(Path(ingest_dir.parent).glob("text.py"))
    for source in sources:
        digest.update(source.relative_to(ingest_dir.parent).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def chunking_of(settings: Settings) -> dict[str, Any]:
    """What decides the units and vectors besides the documents: any change rebuilds."""
    return {
        "embedder": settings.embedder,
        "max_unit_chars": settings.max_unit_chars,
        "overlap_chars": settings.overlap_chars,
        "parser": parser_version(),
    }


def _published(store: Store) -> Manifest | None:
    """The published index's manifest (nothing else is read), or None when there is none."""
    try:
        return store.read_manifest()
    except IndexLoadError:
        return None


def _previous(store: Store) -> SearchIndex | None:
    """The published index's units and vectors, for carrying over (its lexical index is not needed)."""
    try:
        return store.open(lexical=False)
    except IndexLoadError:
        return None


def _assemble(plan: Sequence[Planned], previous: SearchIndex | None) -> tuple[list[Unit], list[int], list[DocEntry]]:
    """The new index's units in plan order, the previous row of each (-1 when new), the entries."""
    prev_rows: dict[str, list[int]] = {}
    if previous is not None:
        for row, unit in enumerate(previous.units):
            prev_rows.setdefault(unit.doc_id, []).append(row)
    units: list[Unit] = []
    keep_rows: list[int] = []
    entries: list[DocEntry] = []
    for entry, fresh in plan:
        if fresh is None:
            assert previous is not None
            rows = prev_rows.get(entry.doc_id, [])
            units.extend(previous.units[r] for r in rows)
            keep_rows.extend(rows)
        else:
            units.extend(fresh)
            keep_rows.extend([-1] * len(fresh))
        entries.append(entry)
    return units, keep_rows, entries


def build_index(
    settings: Settings,
    embedder_factory: Callable[[], Embedder],
    paths: Sequence[Path] | None = None,
    *,
    progress: bool = True,
    lock_timeout: float = -1,
    on_units: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Build or refresh the index of ``settings`` over ``paths``, in the store ``settings.store``
    chooses (:func:`rag.index.stores.store_for`: the files at ``settings.index_path``, or PostgreSQL).

    Args:
        settings: where the index lives and how to chunk.
        embedder_factory: called only when something has to be embedded, so an up-to-date
            index is checked without loading a model.
        paths: files or directories; default ``settings.documents_dir``.
        progress: show a tqdm bar while embedding.
        lock_timeout: seconds to wait for another build to finish; negative waits, 0 fails at once.
        on_units: called with (units embedded, units to embed) before embedding starts and after
            each batch (the app's progress line); not called when nothing needs embedding.

    Returns:
        A BuildReport: documents and units, what changed, warnings, skipped files, seconds.

    Raises:
        FileNotFoundError: a documents folder or path does not exist (nothing is removed).
        BuildBusyError: another build is running and ``lock_timeout`` ran out.
    """
    started = time.perf_counter()
    store = store_for(settings)
    report = BuildReport(index_path=settings.index_path, where=store.location)
    roots = list(paths) if paths else settings.source_dirs
    missing = [str(p) for p in roots if not Path(p).exists()]
    if missing:
        # Indexing "nothing" would remove every document: refuse instead.
        raise FileNotFoundError(
            f"no such documents folder or file: {', '.join(missing)} (working directory {Path.cwd()}); "
            "set RAG_DOCUMENTS_DIR or give the paths"
        )
    with store.lock(timeout=lock_timeout):
        sources, skipped = find_sources(roots, follow_links=settings.follow_links)
        report.skipped = list(skipped)
        # The manifest alone decides whether anything changed; the units and vectors of the
        # published index are read only when a new one has to be written.
        published = _published(store)
        chunking = chunking_of(settings)
        reusable = published is not None and published.chunking == chunking
        plan = plan_documents(sources, published, reusable, settings, report)

        changed = report.added or report.changed or report.removed or report.meta_changed
        if published is not None and reusable and not changed:
            report.up_to_date = True
            report.documents = len(published.documents)
            report.units = published.unit_count
            report.warnings = [w for d in published.documents for w in d.warnings] + report.warnings
            report.seconds = time.perf_counter() - started
            return report

        if published is not None and reusable and isinstance(store, UpdatesDocuments) and isinstance(
            store, KnowsVectors
        ):
            # Only what changed goes to the store; nothing of the published index is loaded.
            updated = update_in_place(store, store, published, plan, embedder_factory, settings, report,
                                      progress, on_units)
            if updated is not None:
                report.documents = len(updated.documents)
                report.units = updated.unit_count
                report.warnings = [w for d in updated.documents for w in d.warnings] + report.warnings
                report.seconds = time.perf_counter() - started
                return report
            report.reused_vectors = 0

        previous = _previous(store) if published is not None else None
        if previous is None and any(carried is None for _, carried in plan):
            # The manifest was readable but the rest of the index is not: parse everything again.
            report = BuildReport(index_path=settings.index_path, where=store.location, skipped=list(skipped))
            plan = plan_documents(sources, None, False, settings, report)
        units, keep_rows, entries = _assemble(plan, previous)

        # Vectors from another embedder are worthless however equal the texts are.
        same_model = previous is not None and previous.manifest.chunking.get("embedder") == settings.embedder
        if previous is not None and not same_model:
            report.warnings.append(
                f"embedder changed from {previous.manifest.embedder_id} to {settings.embedder}: re-embedding all units"
            )
        vectors, embedder_id, dim = vectors_for(
            units, keep_rows, previous if same_model else None, embedder_factory, settings, report, progress, on_units
        )
        previous = None  # its vectors and FAISS index are copied out; let them go before publishing
        manifest = Manifest(
            embedder_id=embedder_id,
            dim=dim,
            documents=tuple(entries),
            unit_count=len(units),
            built_at=now_iso(),
            chunking=chunking,
            lexical_tokenizer=LEXICAL_TOKENIZER,
            faiss_kind="",  # the store names its vector index when it publishes
        )
        store.publish(manifest, units, vectors)

    report.documents = len(entries)
    report.units = len(units)
    report.warnings = [w for e in entries for w in e.warnings] + report.warnings
    report.seconds = time.perf_counter() - started
    return report


