"""A model directory in the user cache, built once under a lock and moved into place atomically.

Several processes (the app, a CLI build, the test suite) may ask for the same model at once:
the first builds it in a temporary sibling directory while the others wait on a ``filelock``
lock, and the finished directory appears with one ``os.replace``, so nobody ever sees half of
it. A directory counts as built when its ``verified.json`` satisfies the caller's check.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import FileLock

from rag.index.builtin.binfile import ModelBuildError

log = logging.getLogger(__name__)

RECORD = "verified.json"


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_record(model_dir: Path) -> dict[str, Any] | None:
    """The directory's ``verified.json``, or None when it is missing or unreadable."""
    try:
        data = json.loads((model_dir / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_built(
    models: Path,
    dirname: str,
    is_current: Callable[[dict[str, Any] | None], bool],
    build: Callable[[Path], dict[str, Any]],
) -> Path:
    """``models/dirname``, built by ``build(tmp_dir)`` unless its record is already current.

    ``build`` fills the temporary directory and returns the record to store as
    ``verified.json`` (or raises, and the temporary directory is removed). ``build_seconds``,
    ``model_bytes`` and ``built_at`` are added to the record here.

    Raises:
        ModelBuildError: the cache directory cannot be created, or ``build`` failed.
    """
    final = models / dirname
    if is_current(read_record(final)):
        return final
    try:
        models.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelBuildError(
            f"cannot create the model cache {models} ({exc}); point RAG_CACHE_DIR at a writable directory"
        ) from exc
    with FileLock(str(models / f".{dirname}.lock")):
        # Another process may have finished the build while this one waited for the lock.
        if is_current(read_record(final)):
            return final
        # Holding the lock, any temporary sibling is left over from an interrupted build.
        for stale in models.glob(f".{dirname}.*-*"):
            shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dirname}.tmp-", dir=models))
        # Said, because it takes a minute or more on first use and nothing else would show.
        log.info("building the model %s once, into %s (later runs reuse it) …", dirname, models)
        try:
            started = time.perf_counter()
            record = build(tmp)
            record["build_seconds"] = round(time.perf_counter() - started, 2)
            record["model_bytes"] = dir_bytes(tmp)
            record["built_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            write_json(tmp / RECORD, record)
            tmp.chmod(0o755)  # mkdtemp makes it private; these are public weights in a user cache
            if final.exists():
                # An outdated build: move it aside, then swap.
                old = Path(tempfile.mkdtemp(prefix=f".{dirname}.old-", dir=models))
                os.replace(final, old / "model")
                os.replace(tmp, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, final)
            log.info("model %s built and verified in %.0f s", dirname, record["build_seconds"])
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return final
