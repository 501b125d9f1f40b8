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
it atomically (a link switch, or one transaction).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from rag.index import metafile, prepare
from rag.index.embed import Embedder, embed_passages
from rag.index.sources import Source, find_sources
from rag.index.store import (
    DocEntry,
    IndexLoadError,
    Manifest,
    now_iso,
)
from rag.index.stores import SearchIndex, Store, store_for
from rag.ingest import clauses
from rag.records import Skipped, Unit, content_id
from rag.settings import Settings

LEXICAL_TOKENIZER = "bigram"
# Units embedded per call of the embedder: the texts of one slice and its vectors are all a build
# holds besides the index (unmeasured size: the int8 embedder sorts each slice by length, and
# sorting saved at most 6 % of padded tokens on the whole corpus, notes/speed.md).
EMBED_SLICE = 4096


@dataclass
class BuildReport:
    """What one ``rag index`` run did; the CLI prints it as the summary."""

    index_path: Path
    documents: int = 0
    units: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    meta_changed: list[str] = field(default_factory=list)  # only the sidecar's metadata changed
    kept_after_error: list[str] = field(default_factory=list)
    embedded: int = 0
    reused_vectors: int = 0
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    up_to_date: bool = False
    where: str = ""  # the store's name for the index in messages: the index folder or the database


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


# What the new index holds of one document: its entry, and its units when it was parsed in this
# run (None: the published index's rows of that document are carried over as they are).
Planned = tuple[DocEntry, tuple[Unit, ...] | None]


def _plan(
    sources: Sequence[Source], published: Manifest | None, reusable: bool, settings: Settings, report: BuildReport
) -> list[Planned]:
    """Decide, from the manifest alone, which documents are new, changed, unchanged or removed;
    parse the new and changed ones. Fills ``report``'s lists."""
    prev_docs = {d.doc_id: d for d in published.documents} if published is not None else {}
    overrides = _Overrides(report.warnings)
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
        if old is not None and reusable and _same_bytes(source, old.sha256, settings):
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


def _same_bytes(source: Source, sha256: str, settings: Settings) -> bool:
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
        plan = _plan(sources, published, reusable, settings, report)

        changed = report.added or report.changed or report.removed or report.meta_changed
        if published is not None and reusable and not changed:
            report.up_to_date = True
            report.documents = len(published.documents)
            report.units = published.unit_count
            report.warnings = [w for d in published.documents for w in d.warnings] + report.warnings
            report.seconds = time.perf_counter() - started
            return report

        previous = _previous(store) if published is not None else None
        if previous is None and any(carried is None for _, carried in plan):
            # The manifest was readable but the rest of the index is not: parse everything again.
            report = BuildReport(index_path=settings.index_path, where=store.location, skipped=list(skipped))
            plan = _plan(sources, None, False, settings, report)
        units, keep_rows, entries = _assemble(plan, previous)

        # Vectors from another embedder are worthless however equal the texts are.
        same_model = previous is not None and previous.manifest.chunking.get("embedder") == settings.embedder
        if previous is not None and not same_model:
            report.warnings.append(
                f"embedder changed from {previous.manifest.embedder_id} to {settings.embedder}: re-embedding all units"
            )
        vectors, embedder_id, dim = _vectors_for(
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


class _Overrides:
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


def _vectors_for(
    units: Sequence[Unit],
    keep_rows: Sequence[int],
    previous: SearchIndex | None,
    embedder_factory: Callable[[], Embedder],
    settings: Settings,
    report: BuildReport,
    progress: bool,
    on_units: Callable[[int, int], None] | None = None,
) -> tuple[np.ndarray, str, int]:
    """Vectors for ``units``: carried-over rows and known texts reused, the rest embedded."""
    reuse: dict[int, int] = {}  # position in ``units`` -> row in the previous index
    if previous is not None:
        known: dict[str, int] = {}
        for row, unit in enumerate(previous.units):
            known.setdefault(content_id(unit.embed_text()), row)
        for pos, row in enumerate(keep_rows):
            if row >= 0:
                reuse[pos] = row
            elif (hit := known.get(content_id(units[pos].embed_text()))) is not None:
                reuse[pos] = hit
    todo = [pos for pos in range(len(units)) if pos not in reuse]

    embedder: Embedder | None = None
    if todo or previous is None:
        embedder = embedder_factory()
    embedder_id = embedder.id if embedder is not None else previous.manifest.embedder_id  # type: ignore[union-attr]
    dim = embedder.dim if embedder is not None else previous.manifest.dim  # type: ignore[union-attr]

    out = np.zeros((len(units), dim), dtype=np.float32)
    if reuse and previous is not None:
        positions = list(reuse)
        out[positions] = previous.vectors_of([reuse[p] for p in positions])
    report.reused_vectors = len(reuse)
    if todo:
        assert embedder is not None
        # tqdm shows units/s and the ETA; the embedder reports each batch as it finishes.
        bar = tqdm(total=len(todo), desc="embedding", unit="unit", disable=not progress, leave=False)
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            bar.update(n)
            if on_units is not None:
                on_units(done, len(todo))

        if on_units is not None:
            on_units(0, len(todo))
        # A slice at a time, written into ``out``: the texts and the embedder's output of a whole
        # 10^6-unit build would hold 1 GB and 3 GB more (benchmarks/scale_bench.py).
        for start in range(0, len(todo), EMBED_SLICE):
            rows = todo[start : start + EMBED_SLICE]
            out[rows] = embed_passages(embedder, [units[p].embed_text() for p in rows], advance)
        bar.close()
    report.embedded = len(todo)
    return out, embedder_id, dim
