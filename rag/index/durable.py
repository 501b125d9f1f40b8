"""Durability: fsync files and directories so a power cut cannot leave the index link naming empty files."""

from __future__ import annotations

import os
from pathlib import Path


def sync_tree(directory: Path) -> None:
    """fsync every file and folder under ``directory`` (so a power cut cannot leave empty files)."""
    for dirpath, _dirnames, filenames in os.walk(directory):
        for name in filenames:
            fsync_path(Path(dirpath) / name)
        fsync_path(Path(dirpath))


def fsync_path(path: Path) -> None:
    is_dir = path.is_dir()
    try:
        fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if is_dir else 0))
    except OSError:
        if is_dir and os.name == "nt":  # Windows cannot open a directory; NTFS journals the entries
            return
        raise
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
