"""Cross-lingual fusion weight and dense offset, formal-first boost and the glossary, per corpus.

Prints hit@1 / hit@5 of the answerable questions of each gold file (corpus = file name; gold by
label, else by quote) for each variant, and separately on the questions tagged ``crosslingual``,
so a weight is chosen on the corpora where it helps and checked on those where it could hurt.

Usage::

    RAG_INDEX_DIR=/path/to/index python benchmarks/language_bench.py evals/dev.jsonl evals/sets
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.fit_answerability import _gold_keys
from evals.gold import Corpus
from evals.groups import load_groups
from evals.harness import asked
from rag.index.embed import CachedEmbedder, load_embedder
from rag.index.store import load_index
from rag.retrieve.fusion import RetrievalOptions, Retriever
from rag.settings import Settings


def variants() -> dict[str, RetrievalOptions]:
    base = RetrievalOptions()
    out = {
        "before: cross 0.5 (one weight)": replace(
            base, cross_dense_weight=0.5, cross_dense_offset=0.0, cross_dense_offset_zh=0.0
        )
    }
    for offset in (0.0, 0.02, 0.04, 0.06):
        out[f"cross offset {offset}"] = replace(base, cross_dense_offset=offset, cross_dense_offset_zh=offset)
    for w in (0.7, 0.85, 1.0):
        out[f"cross {w}"] = replace(base, cross_dense_weight=w)
    for b in (0.05, 0.1, 0.2):
        out[f"default + formal {b}"] = replace(base, formal_boost=b)
    out["default, no glossary rewrite"] = replace(base, rewrite=False)
    return out


def main(paths: Sequence[Path]) -> None:
    settings = Settings.from_env()
    embedder = CachedEmbedder(load_embedder(settings))
    index = load_index(settings.index_path, embedder_id=embedder.id)
    corpus = Corpus(index.units)
    questions = []
    for item in load_groups(paths):
        keys = _gold_keys(corpus, item) if item.answerable else frozenset()
        if keys:
            questions.append((item.group, "crosslingual" in item.tags, asked(item), keys))
    groups = sorted({c for c, _, _, _ in questions})
    print("variant".ljust(34), *(g[:12].rjust(13) for g in [*groups, "crossling."]))
    for name, options in variants().items():
        retriever = Retriever(index, embedder, replace(options, answerability=False))
        found = [(c, x, [h.unit.clause_key for h in retriever.search(q, top_k=5)], k) for c, x, q, k in questions]
        cells = []
        for group in [*groups, "crossling."]:
            rows = [f for f in found if (f[1] if group == "crossling." else f[0] == group)]
            h1 = sum(1 for _, _, hits, k in rows if hits[:1] and hits[0] in k) / max(len(rows), 1)
            h5 = sum(1 for _, _, hits, k in rows if set(hits) & k) / max(len(rows), 1)
            cells.append(f"{h1:.2f}/{h5:.2f}".rjust(13))
        print(name.ljust(34), *cells, flush=True)
    print("cells: hit@1/hit@5 of answerable questions whose gold resolves;",
          {g: sum(1 for q in questions if q[0] == g) for g in groups},
          "crosslingual:", sum(1 for q in questions if q[1]))


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
