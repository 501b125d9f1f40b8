"""Index builds in the background: one worker per index, progress while it embeds, the result after.

An upload, a removal or a re-index on the documents page starts a job here and returns at once;
the job runs the Backend's own ``upload`` / ``remove`` / ``reindex`` (staging, rollback and the
build lock stay theirs) in a thread. Questions keep being answered from the published index
meanwhile — the Backend swaps in the new pipeline only once the build has published. The page
polls :meth:`BuildWorker.status` until the job is done and then shows its result: added,
changed, removed, skipped with reasons, or why it failed (the published index is then as it was).

One job per index at a time: a second request while one runs is refused with
:class:`~ui.backend.BusyError` (the page says so and keeps the chosen files), never dropped
silently. Builds of different knowledge bases also share ``RAG_MAX_CONCURRENT_BUILDS`` slots;
a job that finds them taken fails with the "busy" reason and changes nothing.

Example::

    worker = worker_for(backend)
    worker.start("upload", lambda step, units: backend.upload(files, step, units=units))
    worker.status().progress.done        # units embedded so far
"""

from __future__ import annotations

import errno
import itertools
import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from rag.index.build import BuildReport
from rag.index.sbert import ModelLoadError
from ui.backend import Backend, BusyError, ProgressFn, UnitsFn, UploadResult

log = logging.getLogger(__name__)

Kind = Literal["upload", "remove", "reindex"]
State = Literal["running", "done", "failed"]
Job = Callable[[ProgressFn, UnitsFn], UploadResult | BuildReport]
_IDS = itertools.count(1)


@dataclass(frozen=True)
class Progress:
    """How far the embedding of one build is: units done of total, their rate and the time left."""

    step: str = "copy"  # the Backend's step key: copy, index, reload
    done: int = 0
    total: int = 0
    rate: float | None = None  # units per second since embedding started
    eta: float | None = None  # seconds left at that rate


@dataclass(frozen=True)
class BuildStatus:
    """One job of a worker as the page shows it."""

    id: int
    kind: Kind
    target: str  # the removed document's id; empty otherwise
    state: State
    started: float
    finished: float | None = None
    progress: Progress = field(default_factory=Progress)
    result: UploadResult | BuildReport | None = None
    error: str = ""  # the i18n key of the failure's reason
    error_values: dict[str, Any] = field(default_factory=dict)

    @property
    def running(self) -> bool:
        return self.state == "running"


def failure_reason(exc: BaseException) -> tuple[str, dict[str, Any]]:
    """The i18n key (and its fields) of why a build failed; internal text stays in the log."""
    if isinstance(exc, BusyError):
        return "busy", {}
    if isinstance(exc, KeyError):
        return "not_in_docs", {"name": str(exc.args[0]) if exc.args else ""}
    if isinstance(exc, FileNotFoundError):
        return "build_no_folder", {}
    if isinstance(exc, ModelLoadError):
        return "build_no_model", {}
    if isinstance(exc, MemoryError):
        return "build_no_memory", {}
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "build_no_space", {}
    return "build_failed", {"error": type(exc).__name__}


class BuildWorker:
    """The background builds of one Backend (one index); thread-safe."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._lock = threading.Lock()
        self._status: BuildStatus | None = None
        self._thread: threading.Thread | None = None
        self._embedding_since: float | None = None

    def status(self) -> BuildStatus | None:
        """The running job, else the last one finished (None before the first)."""
        with self._lock:
            return self._status

    def start(self, kind: Kind, job: Job, target: str = "") -> BuildStatus:
        """Run ``job(step, units)`` in a background thread and return its first status at once.

        Raises:
            BusyError: a job of this index is still running (nothing was started).
        """
        with self._lock:
            if self._status is not None and self._status.running:
                raise BusyError(f"a {self._status.kind} of this index is running (job {self._status.id})")
            status = BuildStatus(next(_IDS), kind, target, "running", time.monotonic())
            self._status = status
            self._embedding_since = None
            thread = threading.Thread(target=self._run, args=(status.id, job), name=f"build-{status.id}", daemon=True)
            self._thread = thread
        thread.start()
        return status

    def wait(self, timeout: float | None = None) -> BuildStatus | None:
        """Wait for the running job (tests, scripts); returns its status."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.status()

    def _update(self, job_id: int, **changes: Any) -> None:
        with self._lock:
            if self._status is not None and self._status.id == job_id:
                self._status = replace(self._status, **changes)

    def _run(self, job_id: int, job: Job) -> None:
        def step(_fraction: float, key: str) -> None:
            with self._lock:
                if self._status is not None and self._status.id == job_id:
                    self._status = replace(self._status, progress=replace(self._status.progress, step=key))

        def units(done: int, total: int) -> None:
            now = time.monotonic()
            with self._lock:
                if self._status is None or self._status.id != job_id:
                    return
                if self._embedding_since is None or done == 0:
                    self._embedding_since = now
                elapsed = now - self._embedding_since
                rate = done / elapsed if done and elapsed > 0 else None
                eta = (total - done) / rate if rate else None
                progress = replace(self._status.progress, step="index", done=done, total=total, rate=rate, eta=eta)
                self._status = replace(self._status, progress=progress)

        try:
            result = job(step, units)
        except BaseException as exc:  # a crashed build must not leave the page polling forever
            key, values = failure_reason(exc)
            if key == "build_failed":
                log.exception("background build %d failed", job_id)
            else:
                log.warning("background build %d failed: %s", job_id, exc)
            self._update(job_id, state="failed", finished=time.monotonic(), error=key, error_values=values)
            if not isinstance(exc, Exception):
                raise
            return
        self._update(job_id, state="done", finished=time.monotonic(), result=result)


_WORKERS: weakref.WeakKeyDictionary[Backend, BuildWorker] = weakref.WeakKeyDictionary()
_WORKERS_LOCK = threading.Lock()


def worker_for(backend: Backend) -> BuildWorker:
    """The one worker of ``backend`` (made on first use)."""
    with _WORKERS_LOCK:
        worker = _WORKERS.get(backend)
        if worker is None:
            worker = _WORKERS[backend] = BuildWorker(backend)
        return worker
