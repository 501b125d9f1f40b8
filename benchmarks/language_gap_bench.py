"""How far a question's own language sits above the other, by the language of its gold.

For every answerable question whose gold clauses are in one language: the best dense similarity of
the question to a unit in its own language minus the best to a unit in the other, before any raise
(``RetrievalOptions.cross_dense_offset`` / ``cross_dense_offset_zh``). A raise for the other
language's units must pass this gap when the gold is in the other language and stay under it when
the gold is in the question's own: the medians and quartiles per (question, gold) language pair
say how much room each direction leaves.

Usage::

    RAG_INDEX_DIR=index RAG_INDEX_NAME=dev python benchmarks/language_gap_bench.py evals/dev.jsonl evals/sets
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.fit_answerability import _gold_keys
from evals.gold import Corpus
from evals.groups import load_groups
from evals.harness import asked
from rag.index.embed import load_embedder
from rag.index.store import load_index
from rag.retrieve.fusion import RetrievalOptions, Retriever
from rag.settings import Settings
from rag.text import language


def gaps(paths: Sequence[Path]) -> dict[tuple[str, str], list[float]]:
    """(question language, gold language) → the gap of each such question."""
    settings = Settings.from_env()
    embedder = load_embedder(settings)
    index = load_index(settings.index_path, embedder_id=embedder.id)
    retriever = Retriever(index, embedder, RetrievalOptions(answerability=False))
    corpus = Corpus(index.units)
    rows_lang = retriever._languages()
    docs_of: dict[str, set[str]] = {}
    for doc, rows in retriever._doc_rows.items():
        docs_of.setdefault(rows_lang[rows[0]], set()).add(doc)
    out: dict[tuple[str, str], list[float]] = {}
    for item in load_groups(paths):
        keys = _gold_keys(corpus, item) if item.answerable else frozenset()
        gold = {rows_lang[retriever._doc_rows[doc][0]] for doc, _ in keys}
        if len(gold) != 1:
            continue
        question = asked(item)
        own = language(question)
        other = "en" if own == "zh" else "zh"
        if own not in docs_of or other not in docs_of:
            continue
        vector = embedder.embed([question], query=True)[0]
        best_own = retriever._dense(vector, 1, docs_of[own])[0][1]
        best_other = retriever._dense(vector, 1, docs_of[other])[0][1]
        out.setdefault((own, gold.pop()), []).append(best_own - best_other)
    return out


def main() -> None:
    found = gaps([Path(p) for p in sys.argv[1:]])
    print("question gold      n   q1      median  q3")
    for (own, gold), values in sorted(found.items()):
        q1, median, q3 = statistics.quantiles(values, n=4) if len(values) > 1 else (values[0],) * 3
        print(f"{own:8} {gold:6} {len(values):4}  {q1:+.3f}  {median:+.3f}  {q3:+.3f}")


if __name__ == "__main__":
    main()
