"""Calibrate the support check's thresholds on paraphrases, English and Chinese.

Each line of ``benchmarks/data/support_pairs.jsonl`` is a statement a model might write about a
clause of the plan, in other words than the clause's (``{"sentence", "label"}``). The statement
is scored against its own clause (a positive) and against the five other clauses closest to it
in meaning (hard negatives): lexical overlap, and the cosine similarity of the statement
(embedded as a query) with the clause (as a passage). The script prints both distributions
and, per threshold, how many positives are accepted and how many negatives.

Usage::

    python benchmarks/support_bench.py [--index-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.answer.cite import MIN_OVERLAP, MIN_SIMILARITY, SupportChecker, content_tokens, overlap
from rag.index.embed import load_embedder
from rag.index.store import load_index
from rag.retrieve.fusion import Retriever
from rag.settings import Settings
from rag.text import bigrams

PAIRS = Path(__file__).resolve().parent / "data" / "support_pairs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=None)
    args = parser.parse_args()
    settings = Settings.from_env(index_dir=args.index_dir)
    embedder = load_embedder(settings)
    index = load_index(settings.index_path, embedder_id=embedder.id)
    retriever = Retriever(index, embedder)
    plan = next(d.doc_id for d in index.manifest.documents if "实施方案" in d.title)
    clauses = {}
    for unit in index.units:
        if unit.doc_id == plan:
            whole = retriever.whole_clause(unit)
            clauses[whole.label] = whole.text

    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    pos: list[tuple[float, float]] = []
    neg: list[tuple[float, float]] = []
    # Relative test: each candidate's similarity minus the best similarity among the six.
    pos_gap: list[float] = []
    neg_gap: list[float] = []
    checker = SupportChecker(embedder)
    verdicts: dict[bool, list[bool]] = {True: [], False: []}  # the checker as shipped
    for row in rows:
        sentence, label = row["sentence"], row["label"]
        query = embedder.embed([sentence], query=True)[0]
        hits = retriever.search(sentence, top_k=6, docs=[plan])
        others = [h.unit.label for h in hits if h.unit.label != label][:5]
        sims = []
        for other, bucket in [(label, pos)] + [(o, neg) for o in others]:
            text = clauses[other]
            sim = float(np.dot(query, embedder.embed([text])[0]))
            lex = overlap(content_tokens(sentence), set(bigrams(text)))
            bucket.append((lex, sim))
            sims.append(sim)
        top = max(sims)
        numbered = {n: clauses[lb] for n, lb in enumerate([label, *others], start=1)}
        for n in numbered:
            verdicts[n == 1].append(checker.check(f"{sentence}[{n}]", numbered).supported)
        pos_gap.append(sims[0] - top)
        neg_gap.extend(x - top for x in sims[1:])
        print(f"{label:8} pos sim {pos[-1][1]:.3f} lex {pos[-1][0]:.2f} | best neg sim "
              f"{max(s for _, s in neg[-len(others):]):.3f}  {sentence[:50]}")

    def share(values: list[tuple[float, float]], lex_min: float, sim_min: float) -> float:
        return sum(1 for lex, sim in values if lex >= lex_min or sim >= sim_min) / len(values)

    print(f"\n{len(pos)} positives, {len(neg)} hard negatives; current thresholds: overlap >= {MIN_OVERLAP}, "
          f"similarity >= {MIN_SIMILARITY}")
    pos_sims, neg_sims = [s for _, s in pos], [s for _, s in neg]
    print(f"positive similarity: min {min(pos_sims):.3f} median {float(np.median(pos_sims)):.3f}")
    print(f"negative similarity: max {max(neg_sims):.3f} median {float(np.median(neg_sims)):.3f}")
    print(f"\n  min_sim | positives accepted | negatives accepted   (overlap >= {MIN_OVERLAP:.2f} also accepts)")
    for sim_min in (0.80, 0.82, 0.84, 0.86, 0.88, 0.90):
        print(f"  {sim_min:7.2f} | {share(pos, MIN_OVERLAP, sim_min):18.3f} | {share(neg, MIN_OVERLAP, sim_min):.3f}")
    print(f"negative overlap: max {max(x for x, _ in neg):.2f}; positive overlap: max {max(x for x, _ in pos):.2f}")
    print("\n  margin | positives nearest within margin | negatives nearest within margin")
    for margin in (0.0, 0.005, 0.01, 0.02, 0.03):
        p_ok = sum(1 for g in pos_gap if g >= -margin) / len(pos_gap)
        n_ok = sum(1 for g in neg_gap if g >= -margin) / len(neg_gap)
        print(f"  {margin:6.3f} | {p_ok:31.3f} | {n_ok:.3f}")
    print(f"\nthe checker as shipped: {sum(verdicts[True])}/{len(verdicts[True])} statements supported by their "
          f"own clause, {sum(verdicts[False])}/{len(verdicts[False])} by a wrong one")


if __name__ == "__main__":
    main()
