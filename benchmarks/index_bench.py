"""Index build benchmark: units/s, build time, size on disk and peak memory.

Runs each scenario in a fresh subprocess so peak RSS belongs to that scenario alone:
the corpus in documents/, and the corpus replicated 20 times (each copy's text made distinct
so no vector is reused), for today's default embedder (OpenVINO bf16) and the torch float32
one it replaced, side by side (ONNX Runtime int8 with ``--embedders``). Usage::

    python benchmarks/index_bench.py [--copies 20] [--embedders builtin:multilingual-e5-small-int8]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EMBEDDERS = ("builtin:multilingual-e5-small", "builtin:multilingual-e5-small-bf16")


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.resolve().rglob("*") if p.is_file())


def scenario(copies: int, workdir: Path) -> dict[str, float]:
    """Build an index over ``copies`` copies of documents/ and measure it (in this process)."""
    from rag.index.build import build_index
    from rag.index.embed import load_embedder
    from rag.settings import Settings

    docs = workdir / "documents"
    docs.mkdir()
    for i in range(copies):
        for src in sorted((REPO / "documents").glob("*.txt")):
            text = src.read_text(encoding="utf-8")
            # A copy marker keeps texts distinct so the build really embeds every unit.
            marked = text if i == 0 else text.replace("。", f"。〔副本{i}〕", 1)
            (docs / f"{src.stem}-{i:02d}.txt").write_text(marked, encoding="utf-8")
    settings = Settings.from_env(documents_dir=docs, index_dir=workdir / "index")
    started = time.perf_counter()
    embedder = load_embedder(settings)
    embedder.embed(["warm up"])
    load_s = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    report = build_index(settings, lambda: embedder, progress=False)
    build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    started = time.perf_counter()
    rerun = build_index(settings, lambda: embedder, progress=False)
    rerun_s = time.perf_counter() - started
    assert rerun.up_to_date
    return {
        "documents": report.documents,
        "units": report.units,
        "model_load_s": load_s,
        "build_s": build_s,
        "units_per_s": report.units / build_s,
        "units_per_cpu_s": report.units / build_cpu,
        "unchanged_rerun_s": rerun_s,
        "index_mb": _dir_size(settings.index_path) / 2**20,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--embedders", nargs="+", default=list(EMBEDDERS))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one scenario
    args = parser.parse_args()
    if args.one is not None:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(scenario(args.one, Path(tmp))))
        return
    print(f"{'embedder':<36}{'scenario':<14}{'docs':>6}{'units':>8}{'build s':>9}{'units/s':>9}{'/CPU-s':>8}"
          f"{'rerun s':>9}{'model s':>9}{'index MB':>10}{'peak MB':>9}")
    for embedder, copies in [(e, c) for c in (1, args.copies) for e in args.embedders]:
        # PYTHONPATH: this checkout's rag, not an installed one.
        env = {**os.environ, "RAG_EMBEDDER": embedder, "PYTHONPATH": str(REPO)}
        out = subprocess.run([sys.executable, __file__, "--one", str(copies)], check=True,
                             capture_output=True, text=True, env=env).stdout
        r = json.loads(out.strip().splitlines()[-1])
        name = "corpus" if copies == 1 else f"corpus x{copies}"
        print(f"{embedder:<36}{name:<14}{r['documents']:>6}{r['units']:>8}{r['build_s']:>9.1f}{r['units_per_s']:>9.1f}"
              f"{r['units_per_cpu_s']:>8.1f}{r['unchanged_rerun_s']:>9.2f}{r['model_load_s']:>9.1f}{r['index_mb']:>10.2f}{r['peak_rss_mb']:>9.0f}")


if __name__ == "__main__":
    main()
