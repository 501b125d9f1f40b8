"""The app's own small database: one SQLite file beside the indexes (``<index_dir>/app.sqlite3``).

It holds what the app learns from its users — conversations, feedback, the knowledge-base
registry — never the index itself, so rebuilding or removing an index keeps it. Each store
(:mod:`ui.history`, :mod:`ui.feedback`, :mod:`ui.kbs`) creates its own tables on first use.
WAL lets Gradio's worker threads read while one writes; every connection is short-lived.
"""

from __future__ import annotations

import sqlite3
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
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        with db:
            yield db
    finally:
        db.close()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
