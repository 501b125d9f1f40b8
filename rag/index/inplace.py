"""An incremental build sent to the store as a change of some documents, for a store that updates
in place (PostgreSQL, :class:`rag.index.stores.UpdatesDocuments`): only the new and changed
documents' units and vectors travel, and nothing of the published index is loaded — the store
keeps the rest where it is. The file store rewrites its files instead (:mod:`rag.index.build`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rag.index.embed import Embedder
from rag.index.manifest import IndexLoadError, Manifest
from rag.index.plan import Planned
from rag.index.report import BuildReport
from rag.index.store import now_iso
from rag.index.stores import KnowsVectors, UpdatesDocuments
from rag.index.vectors import vectors_by_text
from rag.records import content_id
from rag.settings import Settings


def update_in_place(
    store: UpdatesDocuments,
    vectors_of: KnowsVectors,
    published: Manifest,
    plan: Sequence[Planned],
    embedder_factory: Callable[[], Embedder],
    settings: Settings,
    report: BuildReport,
    progress: bool,
    on_units: Callable[[int, int], None] | None = None,
) -> Manifest | None:
    """Send the documents ``plan`` parsed again (and those ``report.removed``) to the store; the
    published manifest's chunking must be the current one. Returns the manifest published, or
    None when the store cannot update this index in place (tables of an older version: the caller
    rewrites it whole)."""
    fresh = [(entry, units) for entry, units in plan if units is not None]
    units = [unit for _, doc_units in fresh for unit in doc_units]
    previous = {d.doc_id for d in published.documents}
    replaced = sorted({entry.doc_id for entry, _ in fresh if entry.doc_id in previous} | set(report.removed))
    keys = [content_id(u.embed_text()) for u in units]
    try:
        known = vectors_of.known_vectors(sorted(set(keys)))
    except IndexLoadError:
        return None
    vectors, embedder_id, dim = vectors_by_text(
        units, keys, known, embedder_factory, published, report, progress, on_units
    )
    report.reused_vectors += sum(entry.units for entry, doc_units in plan if doc_units is None)  # carried over
    entries = tuple(entry for entry, _ in plan)
    manifest = Manifest(
        embedder_id=embedder_id,
        dim=dim,
        documents=entries,
        unit_count=sum(entry.units for entry in entries),
        built_at=now_iso(),
        chunking=published.chunking,
        lexical_tokenizer=published.lexical_tokenizer,
        faiss_kind=published.faiss_kind,
    )
    return store.update(manifest, replaced, units, vectors)
