"""The app's own small database: one SQLite file beside the indexes (``<index_dir>/app.sqlite3``).

It holds what the app learns from its users — conversations, feedback, the knowledge-base
registry — never the index itself, so rebuilding or removing an index keeps it. Each store
(:mod:`ui.history`, :mod:`ui.feedback`, :mod:`ui.kbs`) creates its own tables on first use.
WAL lets Gradio's worker threads read while one writes; every connection is short-lived.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from rag.settings import Settings

FILE_NAME = "app.sqlite3"
BUSY_TIMEOUT = 10.0  # seconds a writer waits for another (writes are single small rows)


def app_db_path(settings: Settings) -> Path:
    """Where the app database of these settings lives: in the index folder, beside the indexes."""
    return settings.index_dir / FILE_NAME


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection in WAL mode with foreign keys on; committed on success, rolled back on error, closed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
    try:
        db.row_factory = sqlite3.Row
        _wal(db)
        db.execute("PRAGMA foreign_keys=ON")
        with db:
            yield db
    finally:
        db.close()


# How long to wait between tries of switching a new database to WAL (see _wal).
WAL_RETRY_S = 0.05


def _wal(db: sqlite3.Connection) -> None:
    """WAL mode, waiting out another connection switching the same new file at once: that switch needs
    the file alone and SQLite answers "database is locked" at once instead of waiting the busy timeout.
    Two app servers starting together on one new app database (tests/test_pg_servers.py) hit it: one
    exited; four processes opening a new file together did in 12 of 40 tries."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
