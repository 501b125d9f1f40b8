"""The record of one index build: what ``rag index`` did, for the CLI summary and the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rag.records import Skipped


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
