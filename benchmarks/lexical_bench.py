"""Lexical tokenisers compared: BM25 over character bigrams vs jieba words, lexical retrieval only.

Uses the built index (``rag index``) and the answerable questions of evals/dev.jsonl; a hit is
the gold clause among the first k distinct clauses. Usage: ``python benchmarks/lexical_bench.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

from evals.gold import Corpus, load_gold
from rag.index.lexical import TOKENIZERS, LexicalIndex
from rag.index.store import load_index
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
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
