"""Index build and query at scale (10^5–10^6 units) with a fast fake embedder: time and memory.

Embedding is the whole cost of a real build (benchmarks/index_bench.py); this benchmark measures
everything else at sizes the real model would need days for. It writes ``--scale`` units as
synthetic laws (``UNITS_PER_DOC`` articles each, every article a window of the real documents'
text, about as long as a corpus unit), then runs each step in its own process so that each peak
resident memory (``ru_maxrss``) is that step's alone:

* ``build``: ``rag index`` (find, load, clean, parse, embed, publish) with vectors from a seeded
  random generator per text (:class:`FastFakeEmbedder`, 384 dimensions like the default model);
  the peak of each phase (parsing, embedding, publishing) from a sampler of the process's RSS;
* ``rerun``: the same build again, nothing changed (should read the manifest and stop);
* ``change``: one document edited, the build again (only that document is parsed and embedded);
* ``query``: the index loaded as the app loads it (``load_index`` + ``Pipeline`` + warm-up), then
  warm extractive answers p50/p95 over the dev questions, the question embedded by the fake
  embedder (``--query-embedder default`` loads the real model instead: add its 4–17 ms).

Above ``RAG_HNSW_THRESHOLD`` (200,000) the vectors go into HNSW at ``RAG_HNSW_EF_SEARCH``.

Usage::

    python benchmarks/scale_bench.py --scale 100000
    nice python benchmarks/scale_bench.py --scale 1000000 --steps build rerun query
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
UNITS_PER_DOC = 500  # a large law (民法典 has 1,260 articles); 2,000 documents at 10^6 units
ARTICLE_CHARS = 280  # about a corpus unit (mean 291 characters, notes/speed.md), under max_unit_chars
FAKE_DIM = 384  # the default model's dimension, so FAISS holds as much as it would
STEPS = ("build", "rerun", "change", "query")


class FastFakeEmbedder:
    """Unit vectors from a generator seeded by the text's CRC-32: deterministic, ~10 µs a text."""

    id = f"fake-random-{FAKE_DIM}"
    dim = FAKE_DIM

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = np.random.default_rng(zlib.crc32(text.encode())).standard_normal(self.dim)
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class PhasePeaks:
    """Samples RSS every 50 ms and keeps the highest value seen in each named phase; past
    ``limit_mb`` it prints the phase and ends the process (the machine is shared)."""

    def __init__(self, limit_mb: float = 0.0) -> None:
        self.limit_mb = limit_mb
        self.phase = "start"
        self.peaks: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.mark()

    def mark(self) -> None:
        now = rss_mb()
        self.peaks[self.phase] = max(self.peaks.get(self.phase, 0.0), now)
        if self.limit_mb and now > self.limit_mb:
            print(json.dumps({"error": f"RSS {now:.0f} MB passed --max-rss-mb {self.limit_mb:.0f} in phase "
                              f"{self.phase}", "phase_peak_mb": {k: round(v) for k, v in self.peaks.items()}}),
                  flush=True)
            os._exit(3)

    def enter(self, phase: str) -> None:
        self.mark()
        # On stderr as it happens, so a run stopped half-way still shows how far it got.
        print(f"{time.strftime('%H:%M:%S')} {self.phase} done, peak {self.peaks.get(self.phase, 0):.0f} MB; "
              f"{phase} starts", file=sys.stderr, flush=True)
        self.phase = phase
        self.mark()

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        self.mark()
        return {k: round(v) for k, v in self.peaks.items()}


def write_documents(folder: Path, n_units: int, seed: int = 0) -> int:
    """``n_units`` articles in laws of ``UNITS_PER_DOC`` articles; returns the number of files."""
    from rag.ingest.numerals import int_to_cn

    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(" ".join(p.read_text(encoding="utf-8").split()).replace(" ", "")
                   for p in sorted((REPO / "documents").glob("*.txt")))
    # No article-like numbering inside a body: it would be parsed as another article.
    text = text.replace("第", "笫").replace("条", "项")
    rng = np.random.default_rng(seed)
    docs = (n_units + UNITS_PER_DOC - 1) // UNITS_PER_DOC
    for d in range(docs):
        count = min(UNITS_PER_DOC, n_units - d * UNITS_PER_DOC)
        starts = rng.integers(0, len(text) - ARTICLE_CHARS, count).tolist()
        lines = [f"合成法规第{d:04d}号", ""]
        lines += [f"第{int_to_cn(i + 1)}条　{text[s : s + ARTICLE_CHARS]}" for i, s in enumerate(starts)]
        (folder / f"law-{d:04d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return docs


def settings_for(work: Path) -> Any:
    from rag.settings import Settings

    return Settings.from_env(documents_dir=work / "documents", index_dir=work / "index",
                             embedder=FastFakeEmbedder.id)


def step_build(work: Path, limit_mb: float) -> dict[str, Any]:
    from rag.index import store as store_module
    from rag.index.build import build_index

    settings = settings_for(work)
    phases = PhasePeaks(limit_mb)
    phases.enter("find+parse")
    publish = store_module.FileStore.publish

    def timed_publish(self: Any, *args: Any, **kwargs: Any) -> Any:
        phases.enter("publish")
        return publish(self, *args, **kwargs)

    store_module.FileStore.publish = timed_publish  # type: ignore[method-assign]

    def on_units(done: int, total: int) -> None:
        if done == 0:
            phases.enter("embed")

    started, cpu = time.perf_counter(), time.process_time()
    report = build_index(settings, FastFakeEmbedder, progress=False, on_units=on_units)
    build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    size = sum(p.stat().st_size for p in settings.index_path.resolve().rglob("*") if p.is_file())
    return {"units": report.units, "documents": report.documents, "build_s": build_s,
            "units_per_s": report.units / build_s, "cpu_s": build_cpu, "index_mb": size / 2**20,
            "phase_peak_mb": phases.stop(), "peak_mb": peak_mb()}


def step_rerun(work: Path) -> dict[str, Any]:
    from rag.index.build import build_index

    started = time.perf_counter()
    report = build_index(settings_for(work), FastFakeEmbedder, progress=False)
    assert report.up_to_date, "the re-run found changes"
    return {"rerun_s": time.perf_counter() - started, "peak_mb": peak_mb()}


def step_change(work: Path) -> dict[str, Any]:
    from rag.index.build import build_index

    doc = sorted((work / "documents").glob("*.txt"))[0]
    doc.write_text(doc.read_text(encoding="utf-8") + "\n第九百九十九条　本法自公布之日起施行。\n", encoding="utf-8")
    started = time.perf_counter()
    report = build_index(settings_for(work), FastFakeEmbedder, progress=False)
    return {"change_s": time.perf_counter() - started, "changed": len(report.changed),
            "embedded": report.embedded, "peak_mb": peak_mb()}


def step_query(work: Path, query_embedder: str, n_questions: int) -> dict[str, Any]:
    from rag.index.embed import load_embedder
    from rag.index.store import load_index
    from rag.pipeline import Pipeline

    settings = settings_for(work)
    embedder: Any = FastFakeEmbedder()
    if query_embedder != "fake":
        embedder = load_embedder(settings.with_(embedder=query_embedder))
        embedder.embed(["预热"], query=True)
    base = rss_mb()
    started = time.perf_counter()
    index = load_index(settings.index_path)
    load_s = time.perf_counter() - started
    pipeline = Pipeline(index, embedder, top_k=settings.top_k)
    pipeline.retriever.warm_up()
    ready_s = time.perf_counter() - started
    gold = REPO / "evals" / "dev.jsonl"
    qs = [json.loads(line)["question"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    qs = qs[:n_questions]
    started = time.perf_counter()
    pipeline.ask(qs[0])
    first_s = time.perf_counter() - started
    for q in qs[:5]:
        pipeline.ask(q)
    ms = []
    for q in qs:
        t0 = time.perf_counter()
        pipeline.ask(q)
        ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    return {"load_s": load_s, "ready_s": ready_s, "first_answer_s": first_s, "faiss": index.manifest.faiss_kind,
            "p50_ms": statistics.median(ms), "p95_ms": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))],
            "asks": len(ms), "index_rss_mb": rss_mb() - base, "peak_mb": peak_mb()}


def run_step(step: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),
           "RAG_THREADS": os.environ.get("RAG_THREADS", "1")}
    cmd = [sys.executable, __file__, "--one", step, str(work), "--query-embedder", args.query_embedder,
           "--questions", str(args.questions), "--max-rss-mb", str(args.max_rss_mb)]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env).stdout  # stderr: progress, passed on
    lines = out.strip().splitlines()
    result: dict[str, Any] = json.loads(lines[-1]) if lines else {"error": "the step printed nothing (crashed)"}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100_000, help="units in the index")
    parser.add_argument("--steps", nargs="+", default=list(STEPS), choices=STEPS)
    parser.add_argument("--query-embedder", default="fake", help="fake, or a RAG_EMBEDDER name for the questions")
    parser.add_argument("--questions", type=int, default=100, help="dev questions to time")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--max-rss-mb", type=float, default=7500.0, help="end the build past this RSS (0: never)")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # internal: run one step here
    args = parser.parse_args()
    if args.one:
        step, work = args.one[0], Path(args.one[1])
        steps: dict[str, Callable[[], dict[str, Any]]] = {
            "build": lambda: step_build(work, args.max_rss_mb), "rerun": lambda: step_rerun(work),
            "change": lambda: step_change(work),
            "query": lambda: step_query(work, args.query_embedder, args.questions),
        }
        print(json.dumps(steps[step]()))
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="policy-rag-scale-"))
    try:
        if not (work / "documents").is_dir():
            started = time.perf_counter()
            docs = write_documents(work / "documents", args.scale)
            print(f"{args.scale} units in {docs} synthetic laws written in {time.perf_counter() - started:.0f} s",
                  flush=True)
        for step in args.steps:
            result = run_step(step, work, args)
            print(f"{step}: {json.dumps(result, ensure_ascii=False)}", flush=True)
            if "error" in result:
                break
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
