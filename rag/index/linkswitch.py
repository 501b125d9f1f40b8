"""Publishing a file index: ``index/<name>`` is a symbolic link to the current build directory,
switched atomically (``os.replace``) to a new sibling build directory; leftovers of interrupted
builds are removed."""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

from rag.index.durable import fsync_path


def publish(index_link: Path, build_dir: Path) -> None:
    """Point ``index_link`` at ``build_dir`` atomically and remove the build it replaces."""
    old_target: Path | None = None
    if index_link.is_symlink():
        old_target = index_link.parent / os.readlink(index_link)
    elif index_link.is_dir():
        # An index directory copied in by hand: move it aside so the link can take its place.
        old_target = index_link.with_name(f".{index_link.name}.old-{uuid.uuid4().hex[:8]}")
        index_link.rename(old_target)
    tmp_link = index_link.with_name(f".{index_link.name}.link-{uuid.uuid4().hex[:8]}")
    tmp_link.symlink_to(build_dir.name)
    fsync_path(index_link.parent)  # the build directory's entry is durable before the link names it
    os.replace(tmp_link, index_link)
    fsync_path(index_link.parent)  # and the switch itself survives a power cut
    if old_target is not None and old_target.resolve() != build_dir.resolve():
        shutil.rmtree(old_target, ignore_errors=True)


def new_build_dir(index_link: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return index_link.with_name(f".{index_link.name}.build-{stamp}-{uuid.uuid4().hex[:8]}")


def remove_stale_builds(index_link: Path) -> None:
    """Delete build directories left by interrupted builds (never the live one)."""
    live = index_link.resolve() if index_link.exists() else None
    for candidate in index_link.parent.glob(f".{index_link.name}.build-*"):
        if candidate.resolve() != live:
            shutil.rmtree(candidate, ignore_errors=True)
    for candidate in index_link.parent.glob(f".{index_link.name}.link-*"):
        candidate.unlink(missing_ok=True)
