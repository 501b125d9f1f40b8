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
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.answer.records import Draft
from rag.index.build import BuildReport
from rag.index.embed import Embedder
from rag.index.locks import BuildBusyError
from rag.index.store import DocEntry, IndexLoadError
from rag.ingest.load import FORMATS
from rag.pipeline import Pipeline
from rag.records import Unit
from rag.settings import Settings
from ui.render import ClauseView
from ui.turns import CitationView
from ui.uploads import Placed, UploadRefused, UploadStore

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES: tuple[str, ...] = tuple(FORMATS)  # the loader's formats, not a copy of them
ProgressFn = Callable[[float, str], None]
UnitsFn = Callable[[int, int], None]  # (units embedded, units to embed) of the running build


class NoIndexError(RuntimeError):
    """There is no usable index yet (or it could not be loaded); the message says why."""


class BusyError(RuntimeError):
    """Another upload or removal is re-indexing right now."""


@dataclass
class UploadResult:
    """What happened to an upload: per-file problems, and the build report if one ran."""

    saved: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (name, i18n key, values)
    report: BuildReport | None = None


def safe_name(name: str) -> str | None:
    """The file name to store an upload under, or None if it is unusable.

    Only the last path component is kept (a client can send any name), control characters and
    path separators are refused, and hidden names are refused since the loader ignores them.
    """
    base = re.split(r"[\\/]", name)[-1].strip()
    if not base or base.startswith((".", "~$")) or any(ord(ch) < 32 for ch in base):
        return None
    if len(base.encode("utf-8")) > 200:
        return None
    return base


class Backend:
    """The app's access to the pipeline and the index; thread-safe for Gradio's worker threads."""

    def __init__(
        self,
        settings: Settings,
        pipeline: Pipeline | None = None,
        *,
        pipeline_factory: Callable[[Settings, Embedder | None], Pipeline] | None = None,
        shared_embedder: Callable[[], Embedder | None] | None = None,
    ) -> None:
        self.settings = settings
        self._pipeline = pipeline
        self._factory = pipeline_factory or _default_factory
        # Another knowledge base's backend lends its loaded model, so each KB costs an index, not a model.
        self._shared_embedder = shared_embedder
        self._lock = threading.RLock()
        self._build_lock = threading.Lock()
        self._clauses: dict[tuple[str, int], ClauseView] | None = None
        self._clauses_of: object = None  # the index the clause map was made from
        self._order: dict[str, list[int]] = {}
        self._load_error: str | None = None

    # --- pipeline ------------------------------------------------------------------------

    def pipeline(self) -> Pipeline:
        """The loaded pipeline, switched to the newest index another server published (shared
        store); raises NoIndexError (with the reason) when there is no index."""
        with self._lock:
            if self._pipeline is None:
                try:
                    fresh_kb = self._shared_embedder is not None and not self.settings.store
                    if fresh_kb and not self.settings.index_path.exists():
                        raise IndexLoadError(f"no index at {self.settings.index_path}; upload documents first")
                    embedder = self._shared_embedder() if self._shared_embedder is not None else None
                    self._pipeline = self._factory(self.settings, embedder)
                except IndexLoadError as exc:
                    raise NoIndexError(str(exc)) from exc
                self._clauses = None
            elif self._pipeline.refresh():
                self._clauses = None
            return self._pipeline

    def ready(self) -> bool:
        try:
            self.pipeline()
        except NoIndexError:
            return False
        return True

    def documents(self) -> list[DocEntry]:
        try:
            return list(self.pipeline().index.manifest.documents)
        except NoIndexError:
            return []

    def doc_choices(self) -> list[tuple[str, str]]:
        """(title, doc_id) pairs for the document dropdowns."""
        return [(d.title if d.title == d.doc_id else f"{d.title}（{d.doc_id}）", d.doc_id) for d in self.documents()]

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
                self._clauses, self._order = _build_clause_map(index.units, metas)
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

    # --- metadata --------------------------------------------------------------------------

    def set_meta(self, doc_id: str, fields: Mapping[str, str | None]) -> DocEntry:
        """``rag meta --set``/``--unset`` for one document (``None`` clears a field), then the
        pipeline switches to the published index: the next answer's citations carry the change.

        Raises:
            BusyError: an upload, removal or build of this index is running.
            KeyError: no such document.
            MetaError: a bad field or value, or an index this cannot edit (the message says why).
        """
        from rag.index.metaupdate import set_meta
        from rag.index.stores import open_index

        pipeline = self.pipeline()
        if not self._build_lock.acquire(blocking=False):
            raise BusyError("an indexing job is running")
        try:
            entry = set_meta(self.settings, doc_id, fields)
            embedder_id = pipeline.embedder.id if pipeline.embedder is not None else None
            pipeline.use_index(open_index(self.settings, embedder_id=embedder_id))
        finally:
            self._build_lock.release()
        return entry

    # --- uploads and removals -----------------------------------------------------------

    def try_lock_builds(self) -> bool:
        """Take the lock uploads and removals hold (for removing the whole knowledge base)."""
        return self._build_lock.acquire(blocking=False)

    def unlock_builds(self) -> None:
        self._build_lock.release()

    def upload(
        self,
        files: Sequence[tuple[str, Path]],
        progress: ProgressFn | None = None,
        *,
        replace: bool = False,
        units: UnitsFn | None = None,
    ) -> UploadResult:
        """Stage, check and place uploaded files, then index them; a failed upload changes nothing.

        Args:
            files: (original name, temporary path) pairs as the browser sent them.
            progress: called with (fraction, message) as the work goes on.
            replace: the user asked to replace documents of the same name (the old file is kept
                as a backup until the new one is indexed).
            units: called with (units embedded, units to embed) while the build embeds.

        Raises:
            BusyError: another upload, removal or build is indexing.
        """
        result = UploadResult()
        store = UploadStore(self.settings)
        limit = self.settings.max_file_mb
        if not self._build_lock.acquire(blocking=False):
            raise BusyError("an indexing job is running")
        placed: list[Placed] = []
        try:
            with store.staging() as folder:
                if progress:
                    progress(0.02, "copy")
                incoming = 0
                for original, tmp in files:
                    name = safe_name(original)
                    try:
                        if name is None:
                            raise UploadRefused("bad_name")
                        if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
                            raise UploadRefused("bad_type", types=" ".join(ALLOWED_SUFFIXES))
                        size = tmp.stat().st_size
                        if size / 2**20 > limit:
                            raise UploadRefused("too_big", size=size / 2**20, mb=limit)
                        store.check_room(incoming + size)
                        store.stage(folder, name, tmp)
                        placed.append(store.place(folder / name, name, replace=replace))
                        incoming += size
                    except UploadRefused as refused:
                        result.rejected.append((name or original, refused.key, refused.values))
                if not placed:
                    return result
                result.report = self._rebuild(progress, units)
        except BaseException:
            for item in reversed(placed):
                store.undo(item)
            raise
        finally:
            self._build_lock.release()
        failed = set(result.report.kept_after_error) | {s.source for s in result.report.skipped}
        for item in placed:
            if item.doc_id in failed or str(item.target) in failed:
                store.undo(item)  # the index kept the old version (or has none): so does the folder
                result.rejected.append((item.name, "unreadable", {"reason": "indexing failed"}))
                continue
            store.commit(item)
            result.saved.append(item.name)
            if item.backup is not None:
                result.replaced.append(item.name)
        return result

    def remove(self, doc_id: str, progress: ProgressFn | None = None, units: UnitsFn | None = None) -> BuildReport:
        """Take a document's file out of the documents folder and re-index; put it back if that fails.

        Raises:
            KeyError: no such document in the index, or no file of that id in the documents folder.
            BusyError: another upload or removal is indexing.
        """
        if not any(d.doc_id == doc_id for d in self.documents()):
            raise KeyError(doc_id)
        store = UploadStore(self.settings)
        if not self._build_lock.acquire(blocking=False):
            raise BusyError("an indexing job is running")
        try:
            taken = store.take_out(doc_id)
            try:
                report = self._rebuild(progress, units)
            except BaseException:
                store.undo(taken)
                raise
            store.commit(taken)
            return report
        finally:
            self._build_lock.release()

    def reindex(self, progress: ProgressFn | None = None, units: UnitsFn | None = None) -> BuildReport:
        """Index the documents folder again (files added or changed outside the app), then reload.

        Raises:
            BusyError: another upload, removal or build is indexing.
        """
        if not self._build_lock.acquire(blocking=False):
            raise BusyError("an indexing job is running")
        try:
            return self._rebuild(progress, units)
        finally:
            self._build_lock.release()

    def _rebuild(self, progress: ProgressFn | None, units: UnitsFn | None = None) -> BuildReport:
        from rag.index.build import build_index
        from rag.index.embed import load_embedder

        with self._lock:
            current = self._pipeline
        embedder = current.embedder if current is not None else None
        if embedder is None and self._shared_embedder is not None:
            embedder = self._shared_embedder()

        def factory() -> Embedder:
            nonlocal embedder
            if embedder is None:
                embedder = load_embedder(self.settings)
            return embedder

        if progress:
            progress(0.1, "index")
        try:
            report = build_index(self.settings, factory, None, progress=True, lock_timeout=0, on_units=units)
        except BuildBusyError as exc:
            raise BusyError(str(exc)) from exc
        if progress:
            progress(0.9, "reload")
        fresh = self._factory(self.settings, embedder)
        with self._lock:
            self._pipeline = fresh
            self._clauses = None
        return report


def _default_factory(settings: Settings, embedder: Embedder | None) -> Pipeline:
    """A pipeline over the settings' index, reusing an already loaded embedder."""
    if embedder is None:
        return Pipeline.from_settings(settings)
    from rag.answer.llm import LLMAnswerer
    from rag.index.stores import open_index
    from rag.pipeline import retrieval_options

    index = open_index(settings, embedder_id=embedder.id)
    answerer = LLMAnswerer.from_settings(settings, embedder=embedder) if settings.llm_provider else None
    # The settings' retrieval options, as Pipeline.from_settings gives them: a rebuilt pipeline
    # (after an upload) must not drop RAG_FORMAL_BOOST / RAG_KINDS.
    return Pipeline(index, embedder, answerer, top_k=settings.top_k, options=retrieval_options(settings))


def _build_clause_map(
    units: Sequence[Unit], metas: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[dict[tuple[str, int], ClauseView], dict[str, list[int]]]:
    """Whole clauses keyed by (doc_id, ordinal), each knowing its neighbours, and each document's order."""
    from rag.retrieve.fusion import merge_passages

    groups: dict[tuple[str, int], list[Unit]] = {}
    for unit in units:
        groups.setdefault(unit.clause_key, []).append(unit)
    order: dict[str, list[int]] = {}
    merged: dict[tuple[str, int], Unit] = {}
    for key, parts in groups.items():
        merged[key] = merge_passages(parts)
        order.setdefault(key[0], []).append(key[1])
    views: dict[tuple[str, int], ClauseView] = {}
    for doc_id, ordinals in order.items():
        ordinals.sort()
        for i, ordinal in enumerate(ordinals):
            unit = merged[(doc_id, ordinal)]
            prev = merged[(doc_id, ordinals[i - 1])] if i > 0 else None
            nxt = merged[(doc_id, ordinals[i + 1])] if i + 1 < len(ordinals) else None
            views[(doc_id, ordinal)] = ClauseView(
                doc_id=doc_id,
                title=unit.title,
                path=unit.path,
                label=unit.label,
                ordinal=ordinal,
                text=unit.text,
                kind=unit.kind,
                prev=(prev.ordinal, _short(prev)) if prev else None,
                next=(nxt.ordinal, _short(nxt)) if nxt else None,
                meta=(metas or {}).get(doc_id),
                page=unit.page,
            )
    return views, order


def _short(unit: Unit) -> str:
    """A neighbour's name for its link: its heading; else its label with the heading it stands under.

    Paragraph groups of an article are labelled by paragraph numbers that restart under each
    sub-heading ("第1–4段"): without the heading, "previous" and "next" could read the same.
    """
    if unit.path and unit.label and unit.label in unit.path[-1]:
        return unit.path[-1]
    return f"{unit.label}·{unit.path[-1]}" if unit.path and unit.label else unit.label or (unit.path or ("",))[-1]
