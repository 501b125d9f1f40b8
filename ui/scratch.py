"""Scratch folders for the files a page hands to Gradio (quiz exports, evaluation reports).

Gradio copies a returned file into its own cache after the handler returns, so the folder cannot
be deleted inside the handler. Instead every folder lives under one per-process parent that is
pruned whenever a new folder is made (older than ``MAX_AGE_SECONDS``, or beyond the newest
``MAX_FOLDERS``) and removed when the process exits: the pages no longer leave ``mkdtemp``
folders behind.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import time
from pathlib import Path

MAX_AGE_SECONDS = 3600.0  # as long as Gradio keeps its own cached copies (ui.app.CACHE_LIFETIME)
MAX_FOLDERS = 20  # at most this many recent exports kept at once (unmeasured)

_lock = threading.Lock()
_parent: Path | None = None


def scratch_dir(prefix: str) -> Path:
    """A fresh folder for one page's output files; old ones are pruned."""
    global _parent
    with _lock:
        if _parent is None or not _parent.is_dir():
            _parent = Path(tempfile.mkdtemp(prefix="policy-rag-ui-"))
            atexit.register(shutil.rmtree, _parent, True)
        _prune(_parent)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=_parent))


def _prune(parent: Path) -> None:
    folders = sorted((p for p in parent.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    now = time.time()
    for i, folder in enumerate(folders):
        if i >= MAX_FOLDERS - 1 or now - folder.stat().st_mtime > MAX_AGE_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
