"""Load on the running app: concurrent ``/ask`` clients against ``rag serve`` on loopback.

Builds an index of ``documents/`` into a temporary folder, starts ``python -m rag serve`` on a
free loopback port, then lets ``--clients`` threads (one ``gradio_client.Client`` each) ask the
questions below round-robin until ``--questions`` answers or ``--seconds`` have passed, whichever
comes first. Prints errors, latency p50/p95/max and the server's memory (resident now and peak).

Usage::

    python benchmarks/load_bench.py                              # 20 clients, 200 questions, real embedder
    python benchmarks/load_bench.py --embedder hashing-256       # serving cost without the model
    python benchmarks/load_bench.py --clients 20 --questions 400 --seconds 300 --json load.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "城区常住人口300万以下的城市落户限制取消了吗？",
    "农业转移人口落户城镇需要什么条件？",
    "随迁子女在哪里上学？",
    "城市更新行动包括哪些内容？",
    "县城建设的重点任务有哪些？",
    "超大特大城市的落户政策有什么变化？",
    "深圳积分落户的分数线是多少？",  # not in the documents: an abstention
    "   ",  # an empty question: a clean error, not a crash
)
START_TIMEOUT_S = 600  # the first start converts the built-in model (measured ~13 s) and loads it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _memory_kb(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--questions", type=int, default=200, help="answers to collect in all")
    parser.add_argument("--seconds", type=float, default=300.0, help="stop after this long in any case")
    parser.add_argument("--embedder", default=None, help="RAG_EMBEDDER for the index and the server")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    from gradio_client import Client

    work = Path(tempfile.mkdtemp(prefix="policy-rag-load-"))
    env = {**os.environ, "RAG_INDEX_DIR": str(work / "index"), "OMP_NUM_THREADS": "1",
           "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    if args.embedder:
        env["RAG_EMBEDDER"] = args.embedder
    subprocess.run([sys.executable, "-m", "rag", "index", "--quiet"], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "rag", "serve", "--port", str(port)], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print(f"the server did not start (exit code {server.poll()})", file=sys.stderr)
                    return 1
                time.sleep(0.5)
        idle = _memory_kb(server.pid)
        figures = _load(Client, url, args)
        figures["server_memory_mb"] = {
            "idle_rss": round(idle["VmRSS"] / 1024),
            **{k: round(v / 1024) for k, v in (("rss_after", _memory_kb(server.pid)["VmRSS"]),
                                               ("peak_rss", _memory_kb(server.pid)["VmHWM"]))},
        }
        figures["embedder"] = args.embedder or "default"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def _load(client_cls: Any, url: str, args: argparse.Namespace) -> dict[str, Any]:
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    expected_errors = 0
    issued = 0
    stop_at = time.monotonic() + args.seconds

    def worker(worker_id: int) -> None:
        nonlocal issued, expected_errors
        client = client_cls(url, verbose=False)
        while time.monotonic() < stop_at:
            with lock:
                if issued >= args.questions:
                    return
                question = QUESTIONS[(issued + worker_id) % len(QUESTIONS)]
                issued += 1
            started = time.perf_counter()
            try:
                data = client.predict(question, api_name="/ask")
                ok = isinstance(data, dict) and "answer" in data
                key = None if ok else "malformed answer"
            except Exception as exc:  # counted, not raised: the figure is how many fail
                text = str(exc)
                if not question.strip() and "问题" in text:
                    key = None
                    with lock:
                        expected_errors += 1
                else:
                    key = f"{type(exc).__name__}: {text[:80]}"
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if key:
                    errors[key] = errors.get(key, 0) + 1

    started = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        list(pool.map(worker, range(args.clients)))
    wall = time.perf_counter() - started
    ms = np.array(latencies) * 1000 if latencies else np.zeros(1)
    return {
        "clients": args.clients,
        "requests": len(latencies),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "empty_question_refusals": expected_errors,
        "wall_s": round(wall, 1),
        "throughput_per_s": round(len(latencies) / wall, 2) if wall else 0.0,
        "latency_ms": {"p50": round(float(np.percentile(ms, 50))), "p95": round(float(np.percentile(ms, 95))),
                       "max": round(float(ms.max()))},
    }


if __name__ == "__main__":
    sys.exit(main())
