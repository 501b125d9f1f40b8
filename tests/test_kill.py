"""SIGKILL `python -m rag index` at random moments: the index stays loadable every time."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.index.store import load_index
from tests.conftest import DOCUMENTS, REPO

KILLS = 10


def _run(env: dict[str, str], *, kill_after: float | None = None) -> int:
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag", "--embedder", "hashing-256", "index", "--quiet"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    if kill_after is None:
        return proc.wait(timeout=300)
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    return proc.returncode


@pytest.mark.integration
def test_sigkill_at_random_moments_leaves_a_loadable_index(tmp_path: Path) -> None:
    docs = tmp_path / "documents"
    shutil.copytree(REPO / "evals/corpora/zh-laws", docs)
    for source in DOCUMENTS.glob("*.txt"):
        shutil.copy(source, docs / source.name)
    env = {**os.environ, "RAG_DOCUMENTS_DIR": str(docs), "RAG_INDEX_DIR": str(tmp_path / "index"),
           "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    index_link = tmp_path / "index" / "default"
    changing = docs / "工伤保险条例(2010-12-20).md"
    original = changing.read_text(encoding="utf-8")

    assert _run(env) == 0
    changing.write_text(original + "\n第七十八条 修改。\n", encoding="utf-8")
    started = time.perf_counter()
    assert _run(env) == 0
    full = time.perf_counter() - started  # what one incremental run takes here, start-up included

    killed = 0
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    for i in range(KILLS):
        # Every run has work to do: the document changes each time.
        changing.write_text(original + f"\n第七十巴条 修改 {i}。\n".replace("巴", "八"), encoding="utf-8")
        moment = rng.uniform(0.0, full)
        killed += _run(env, kill_after=moment) == -signal.SIGKILL
        index = load_index(index_link)  # raises if the kill left a broken index
        assert len(index) > 0, f"seed {seed}, kill {i} at {moment:.2f} s"
    assert killed >= KILLS // 2, f"only {killed} of {KILLS} runs were killed before they finished (seed {seed})"

    assert _run(env) == 0  # no stale lock: the next build runs to the end
    final = load_index(index_link)
    entry = final.document("工伤保险条例(2010-12-20)")
    assert entry.sha256 == hashlib.sha256(changing.read_bytes()).hexdigest()  # the last version is indexed
    leftovers = [p.name for p in index_link.parent.iterdir() if ".build-" in p.name or ".link-" in p.name]
    assert leftovers == [f".default.build-{os.readlink(index_link).split('.build-')[1]}"], leftovers
