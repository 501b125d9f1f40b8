"""Uploads, removals, re-indexing and metadata edits of the app's knowledge base: each takes the
build lock, rebuilds the index and swaps in a pipeline over it; a failed job changes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.index.build import BuildReport
from rag.index.embed import Embedder
from rag.index.locks import BuildBusyError
from rag.index.store import DocEntry
from rag.ingest.load import FORMATS, is_hidden
from ui.backend_core import BackendCore
from ui.uploads import Placed, UploadRefused, UploadStore

ALLOWED_SUFFIXES: tuple[str, ...] = tuple(FORMATS)  # the loader's formats, not a copy of them
ProgressFn = Callable[[float, str], None]
UnitsFn = Callable[[int, int], None]  # (units embedded, units to embed) of the running build
# A stored file name is at most this many UTF-8 bytes (unmeasured; most file systems allow 255).
MAX_NAME_BYTES = 200


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
    if not base or is_hidden(base) or any(ord(ch) < 32 for ch in base):
        return None
    if len(base.encode("utf-8")) > MAX_NAME_BYTES:
        return None
    return base


class BackendJobs(BackendCore):
    """The index-changing jobs of :class:`ui.backend.Backend`; one at a time (the build lock)."""

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
