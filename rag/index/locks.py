"""Build locks: one build per index, and at most ``max_builds`` builds at once per index folder.

Both are ``filelock`` locks on files beside the indexes, so they hold across processes (the CLI
and the app's uploads race for the same index) and the operating system releases them when a
build is killed: a SIGKILL never leaves a stale lock behind.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

SLOT_POLL_SECONDS = 0.2  # how often a waiting build looks for a free slot (unmeasured)


class BuildBusyError(RuntimeError):
    """Another build holds the lock (or every build slot) and the caller chose not to wait."""


@contextmanager
def build_lock(index_link: Path, *, max_builds: int = 1, timeout: float = -1) -> Iterator[None]:
    """Hold the lock of ``index_link`` and one of ``max_builds`` build slots shared by every index in the same folder.

    Args:
        index_link: the index being built.
        max_builds: builds allowed at once across every index under the same directory.
        timeout: seconds to wait; negative waits forever, 0 fails at once.

    Raises:
        BuildBusyError: the lock or a slot was not free within ``timeout``.
    """
    index_link.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(index_link.with_name(f".{index_link.name}.lock"))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise BuildBusyError(f"another build of {index_link} is running") from None
    try:
        slot = _take_slot(index_link.parent, max_builds, timeout)
        try:
            yield
        finally:
            slot.release()
    finally:
        lock.release()


def _take_slot(directory: Path, max_builds: int, timeout: float) -> FileLock:
    deadline = None if timeout < 0 else time.monotonic() + timeout
    while True:
        for i in range(max_builds):
            slot = FileLock(directory / f".concurrent-builds-{i}.lock")
            try:
                slot.acquire(timeout=0)
            except Timeout:
                continue
            return slot
        if deadline is not None and time.monotonic() >= deadline:
            raise BuildBusyError(
                f"{max_builds} index build(s) are running already (RAG_MAX_CONCURRENT_BUILDS={max_builds}); "
                "try again when one has finished"
            )
        time.sleep(SLOT_POLL_SECONDS)
