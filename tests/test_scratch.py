"""The quiz and evaluation pages' output folders are pruned, not left behind (ui/scratch.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ui import scratch
from ui.quiz_actions import write_paper


def test_old_and_surplus_scratch_folders_are_removed() -> None:
    first = scratch.scratch_dir("t-")
    os.utime(first, (time.time() - scratch.MAX_AGE_SECONDS - 5,) * 2)
    made = [scratch.scratch_dir("t-") for _ in range(scratch.MAX_FOLDERS + 5)]
    parent = first.parent
    assert not first.exists()
    assert len([p for p in parent.iterdir() if p.is_dir()]) <= scratch.MAX_FOLDERS
    assert made[-1].is_dir()


def test_quiz_exports_go_to_the_pruned_scratch_folder() -> None:
    paths = write_paper([], ["json"], "测试")
    assert paths and Path(paths[0]).parent.parent == scratch.scratch_dir("t-").parent
