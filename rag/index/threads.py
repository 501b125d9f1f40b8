"""One thread count for torch, ONNX Runtime and FAISS (``Settings.threads`` / ``RAG_THREADS``).

Measured on 2 shared cores with another process busy (``/work/shared/notes/speed.md``):
OpenMP threads spin at every barrier while the other core is taken, so 2 threads made one query
embedding take 250–950 ms against 17 ms with 1, embedding throughput 4.9 against 7.8 passages/s,
and one flat FAISS search over 10^4 vectors 32 ms against 0.33 ms. On a quiet machine 1 thread
cost almost nothing at query time (ask 24–27 ms against 22–24 ms). Hence 1 thread per process on
machines of up to 2 cores. On larger machines half the cores, at most ``MAX_AUTO_THREADS``, so
that a second process (a build beside the app) still finds free cores: unmeasured, no larger
machine was available.
"""

from __future__ import annotations

import os
import sys

MAX_AUTO_THREADS = 8  # unmeasured: BERT-small batches of 16 stop scaling well before this


def available_cpus() -> int:
    """The cores this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_threads(cpus: int | None = None) -> int:
    """1 on machines of up to 2 cores; half the cores (at most ``MAX_AUTO_THREADS``) above."""
    cpus = available_cpus() if cpus is None else cpus
    if cpus <= 2:
        return 1
    return min(MAX_AUTO_THREADS, cpus // 2)


def resolve_threads(setting: int) -> int:
    """``setting`` itself, or the machine's default when it is 0 (automatic)."""
    if setting < 0:
        raise ValueError(f"threads must be 0 (automatic) or more. Currently, the threads is {setting}")
    return setting or default_threads()


def apply_threads(threads: int) -> None:
    """Set FAISS's OpenMP pool, and torch's when torch is loaded, to ``threads``.

    ONNX Runtime takes its count per session (``OnnxEmbedder``); torch is not imported here,
    because the default embedder does not need it and it costs seconds to load.
    """
    import faiss

    faiss.omp_set_num_threads(threads)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)
