"""Lexical tokenisers compared: BM25 over character bigrams vs jieba words, lexical retrieval only.

Uses the built index (``rag index``) and the answerable questions of evals/dev.jsonl; a hit is
the gold clause among the first k distinct clauses. Usage: ``python benchmarks/lexical_bench.py``.

``--scale N`` instead measures the build at N units (fast fake texts: random windows of the real
documents, ~290 characters each, as long as the corpus's units), each build in its own process
so its peak memory is its own: today's build (integer ids, the score arrays written in place by
``LexicalIndex``'s compact build) beside bm25s's own build from the same ids, and bm25s indexing
lists of bigram strings (the first build). ``python benchmarks/lexical_bench.py --scale 100000``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from evals.gold import Corpus, load_gold
from rag.index.lexical import TOKENIZERS, LexicalIndex
from rag.index.store import load_index
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent


UNIT_CHARS = 290  # mean characters of a corpus unit (notes/speed.md: 291)


def fake_texts(n: int, seed: int = 0) -> list[str]:
    text = "".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted((REPO / "documents").glob("*.txt")))
    starts = np.random.default_rng(seed).integers(0, len(text) - UNIT_CHARS, n)
    return [text[s : s + UNIT_CHARS] for s in starts.tolist()]


def build_once(how: str, n: int) -> dict[str, float]:
    """One build at ``n`` units in this process: ``ids`` (LexicalIndex) or ``strings`` (before)."""
    import bm25s

    from rag.text import bigrams

    texts = fake_texts(n)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    search: Callable[[str, int], list[tuple[int, float]]]
    if how == "ids":
        search = LexicalIndex.build(texts).search
    elif how == "bm25s-ids":
        # The same integer ids, indexed by bm25s's own build (before the compact build).
        from array import array

        vocab: dict[str, int] = {"\u0000": 0}
        ids = [array("i", (vocab.setdefault(t, len(vocab)) for t in bigrams(x))) or array("i", [0]) for x in texts]
        plain = bm25s.BM25()
        plain.index((ids, vocab), create_empty_token=False, show_progress=False)

        def by_ids(query: str, k: int) -> list[tuple[int, float]]:
            q = [plain.vocab_dict[g] for g in bigrams(query) if g in plain.vocab_dict]
            return [(int(i), 0.0) for i in np.argsort(-plain.get_scores(q))[:k]]

        search = by_ids
    else:
        bm25 = bm25s.BM25()
        bm25.index([bigrams(t) or ["\u0000"] for t in texts], show_progress=False)

        def by_strings(query: str, k: int) -> list[tuple[int, float]]:
            ids = [bm25.vocab_dict[g] for g in bigrams(query) if g in bm25.vocab_dict]
            return [(int(i), 0.0) for i in np.argsort(-bm25.get_scores(ids))[:k]]

        search = by_strings

    build_s = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times = []
    for query in texts[:200]:
        t0 = time.perf_counter()
        search(query[:20], 10)
        times.append(time.perf_counter() - t0)
    return {"build_s": build_s, "peak_mb": peak, "texts_mb": base, "p50_ms": 1000 * float(np.median(times))}


def scale(n: int, hows: tuple[str, ...] = ("strings", "bm25s-ids", "ids")) -> None:
    print(f"BM25 build at {n} units of {UNIT_CHARS} characters (each build in its own process)")
    print(f"{'build':<26}{'seconds':>9}{'peak MB':>9}{'of which texts':>15}{'query p50 ms':>14}")
    variants = (("strings", "bigram strings"), ("bm25s-ids", "ids, bm25s's build"), ("ids", "ids, compact (now)"))
    for how, label in (v for v in variants if v[0] in hows):
        # PYTHONPATH: the child must import this checkout's rag, not an installed one.
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        out = subprocess.run(
            [sys.executable, __file__, "--one", how, str(n)], check=True, capture_output=True, text=True, env=env
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{label:<26}{r['build_s']:>9.1f}{r['peak_mb']:>9.0f}{r['texts_mb']:>15.0f}{r['p50_ms']:>14.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, help="measure the build at this many fake units")
    parser.add_argument("--builds", nargs="+", default=["strings", "bm25s-ids", "ids"],
                        choices=["strings", "bm25s-ids", "ids"], help="which builds --scale compares")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(build_once(args.one[0], int(args.one[1]))))
        return
    if args.scale:
        scale(args.scale, tuple(args.builds))
        return
    index = load_index(Settings.from_env().index_path)
    corpus = Corpus(index.units)
    items = [i for i in load_gold(REPO / "evals" / "dev.jsonl") if i.answerable]
    gold = corpus.resolve_all(items)
    texts = [u.embed_text() for u in index.units]
    print(f"{'tokenizer':<10}{'hit@1':>8}{'hit@5':>8}{'build s':>9}  ({len(items)} answerable questions)")
    for name in TOKENIZERS:
        started = time.perf_counter()
        lexical = LexicalIndex.build(texts, name)
        build_s = time.perf_counter() - started
        hit1 = hit5 = 0
        for item in items:
            ranked: list[tuple[str, int]] = []
            for row, _ in lexical.search(item.question, 50):
                key = index.units[row].clause_key
                if key not in ranked:
                    ranked.append(key)
            keys = gold[item.id].keys
            hit1 += bool(ranked) and ranked[0] in keys
            hit5 += any(k in keys for k in ranked[:5])
        print(f"{name:<10}{hit1 / len(items):>8.3f}{hit5 / len(items):>8.3f}{build_s:>9.2f}")


if __name__ == "__main__":
    main()
