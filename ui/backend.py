"""What the pages call: the pipeline, the clauses of the index, uploads and removals.

One ``Backend`` per app. It loads the pipeline lazily (so the app starts even before an index
exists), answers questions, looks clauses up by document and ordinal for the clause panel and
the clause tree, and rebuilds the index after an upload or a removal — then swaps in a new
pipeline over the new index, reusing the loaded embedder.

Example::

    backend = Backend(Settings.from_env())
    data = backend.ask("城区人口不到300万的城市还限制落户吗？")   # the JSON of `rag ask --json`
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rag.answer.records import Draft
from ui.backend_core import NoIndexError, default_factory
from ui.backend_jobs import (
    ALLOWED_SUFFIXES,
    BackendJobs,
    BusyError,
    ProgressFn,
    UnitsFn,
    UploadResult,
    safe_name,
)
from ui.clause_html import ClauseView
from ui.clause_map import build_clause_map
from ui.turns import CitationView

__all__ = [
    "ALLOWED_SUFFIXES", "Backend", "BusyError", "NoIndexError", "ProgressFn", "UnitsFn", "UploadResult",
    "default_factory", "safe_name",
]

log = logging.getLogger(__name__)


class Backend(BackendJobs):
    """The app's access to the pipeline and the index; thread-safe for Gradio's worker threads.

    Questions and clause lookups here; the pipeline itself in :class:`ui.backend_core.BackendCore`;
    uploads, removals, re-indexing and metadata edits in :class:`ui.backend_jobs.BackendJobs`.
    """

    def ask(self, question: str, docs: Sequence[str] | None = None) -> dict[str, Any]:
        """The JSON of ``rag ask --json`` for ``question``.

        Raises:
            NoIndexError: no index yet.
            ValueError: an empty question or an unknown document id.
        """
        answer = self.pipeline().ask(question, docs=list(docs) if docs else None)
        return answer.to_json()

    def stream(
        self, question: str, docs: Sequence[str] | None = None, kinds: Sequence[str] | None = None
    ) -> Iterator[Draft | dict[str, Any]]:
        """``Pipeline.stream``: text pieces as they are produced (``Draft``, unverified until the
        answer comes), then the answer JSON last.

        Raises:
            NoIndexError: no index yet.
            ValueError: an empty question or an unknown document id.
        """
        only_docs, only_kinds = (list(docs) if docs else None), (list(kinds) if kinds else None)
        for item in self.pipeline().stream(question, docs=only_docs, kinds=only_kinds):
            yield item if isinstance(item, Draft) else item.to_json()

    # --- clauses -------------------------------------------------------------------------

    def _clause_map(self) -> dict[tuple[str, int], ClauseView]:
        with self._lock:
            index = self.pipeline().index
            if self._clauses is None or self._clauses_of is not index:  # another server may have published
                metas = {d.doc_id: d.meta.shown() for d in index.manifest.documents}
                self._clauses, self._order = build_clause_map(index.units, metas)
                self._clauses_of = index
            return self._clauses

    def clause(self, doc_id: str, ordinal: int) -> ClauseView | None:
        """The whole clause ``ordinal`` of ``doc_id`` with its neighbours, or None."""
        try:
            return self._clause_map().get((doc_id, ordinal))
        except NoIndexError:
            return None

    def clauses(self, doc_id: str) -> list[ClauseView]:
        """Every clause of one document in order."""
        try:
            clauses = self._clause_map()
        except NoIndexError:
            return []
        return [clauses[(doc_id, o)] for o in self._order.get(doc_id, [])]

    def locate(self, citation: CitationView) -> ClauseView | None:
        """The indexed clause a citation names (by document, heading path and label, then text)."""
        candidates = self.clauses(citation.doc)
        for view in candidates:
            if view.path == citation.path and view.label == citation.label and view.text == citation.text:
                return view
        for view in candidates:
            if view.path == citation.path and view.label == citation.label:
                return view
        for view in candidates:
            if citation.text and (citation.text in view.text or view.text in citation.text):
                return view
        return None

    def pdf_file(self, doc_id: str) -> Path | None:
        """The PDF file of an indexed document, found by its id in the documents or upload folder."""
        entry = next((d for d in self.documents() if d.doc_id == doc_id), None)
        if entry is None or entry.fmt != "pdf":
            return None
        for folder in self.settings.source_dirs:
            for suffix in (".pdf", ".PDF"):
                candidate = folder / f"{doc_id}{suffix}"
                if candidate.is_file() and folder.resolve() in candidate.resolve().parents:
                    return candidate
        return None

    def pdf_page(self, doc_id: str, ordinal: int) -> tuple[ClauseView, str] | None:
        """The clause and its PDF page rendered with the clause's text highlighted (a ``data:`` URI).

        None when the clause is not in the index, has no page, or its file cannot be rendered.
        """
        from ui.pdf_pages import render_page

        view = self.clause(doc_id, ordinal)
        path = self.pdf_file(doc_id) if view is not None and view.page > 0 else None
        if view is None or path is None:
            return None
        try:
            return view, render_page(path, view.page, view.text).data_uri()
        except ValueError as exc:
            log.warning("cannot render %s page %d: %s", path, view.page, exc)
            return None

