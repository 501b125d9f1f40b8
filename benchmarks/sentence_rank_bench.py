"""How reordering the first clauses by their sentence nearest the question ranks the gold first.

Searches every answerable development question with the reorder off
(``RetrievalOptions.sentence_weight`` 0), keeps those whose gold clause is among the first five,
and records for each of those five its fused score and its nearest sentence's similarity to the
question (whole sentences, or sentences and their pieces: ``rag.answer.quotes.sentence_pieces``).
Then, without searching again, it prints hit@1 of the reordered five per corpus group

- by weight, for each condition (always; when the question is Chinese; when the five clauses are
  Chinese), the floor ``sentence_floor`` and a named year as in the shipped search;
- leave-one-corpus-out: for each group, the weight the other groups choose (best worst-group
  hit@1, then best mean) and the held-out group's hit@1 with it.

These are the tables of evals/README.md, "Sentences by meaning".

Usage::

    RAG_INDEX_DIR=/path/to/dev-index python benchmarks/sentence_rank_bench.py evals/dev.jsonl evals/sets
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.fit_answerability import _gold_keys
from evals.gold import Corpus
from evals.groups import load_groups
from evals.harness import asked
from rag.answer.quotes import clause_sentences, sentence_pieces
from rag.index.embed import load_embedder
from rag.index.stores import open_index
from rag.query.question import analyse
from rag.retrieve.fusion import RetrievalOptions, Retriever
from rag.settings import Settings
from rag.text import has_han

HEAD = 5
WEIGHTS = (0.0, 2.0, 3.0, 5.0, 8.0, 12.0, 16.0, 20.0, 30.0)


@dataclass(frozen=True)
class Clause:
    score: float
    nearest: float
    chinese: bool
    gold: bool


@dataclass(frozen=True)
class Question:
    group: str
    chinese: bool
    year: bool
    clauses: tuple[Clause, ...]


def collect(paths: Sequence[Path], split: Callable[[str], list[str]]) -> list[Question]:
    settings = Settings.from_env()
    embedder = load_embedder(settings)
    index = open_index(settings, embedder_id=embedder.id)
    retriever = Retriever(index, embedder, RetrievalOptions(answerability=False, sentence_weight=0.0))
    corpus = Corpus(index.units)
    cache: dict[str, np.ndarray] = {}
    out: list[Question] = []
    for item in load_groups(paths):
        if not item.answerable:
            continue
        question = asked(item)
        found = retriever.retrieve(question, top_k=HEAD)
        keys = _gold_keys(corpus, item)
        if found.direct or not any(h.unit.clause_key in keys for h in found.hits):
            continue
        query = embedder.embed([question], query=True)[0]
        clauses = []
        for hit in found.hits[:HEAD]:
            sentences = split(hit.unit.text)[:40] or [hit.unit.text]
            todo = [s for s in dict.fromkeys(sentences) if s not in cache]
            if todo:
                cache.update(zip(todo, embedder.embed(todo, query=False), strict=True))
            nearest = max(float(np.dot(query, cache[s])) for s in sentences)
            clauses.append(Clause(hit.score, nearest, has_han(hit.unit.text), hit.unit.clause_key in keys))
        out.append(Question(item.group, has_han(question), bool(analyse(question).years), tuple(clauses)))
    return out


def first_is_gold(q: Question, weight: float, when: str, floor: float) -> bool:
    head = list(q.clauses)
    reorder = {"always": True, "question Chinese": q.chinese, "clauses Chinese": all(c.chinese for c in head)}[when]
    top = head[0].score or 1.0
    head = [c for c in head if c.score >= floor * top]
    if not reorder or q.year or len(head) < 2:
        return q.clauses[0].gold
    peak = max(c.nearest for c in head)
    return max(head, key=lambda c: c.score / top + weight * (c.nearest - peak)).gold


def share(questions: Sequence[Question], weight: float, when: str, floor: float) -> float:
    return sum(first_is_gold(q, weight, when, floor) for q in questions) / len(questions)


def chosen(others: Sequence[Sequence[Question]], when: str, floor: float) -> float:
    """The weight the ``others`` groups choose: best worst-group hit@1, then best mean."""

    def score(w: float) -> tuple[float, float]:
        per = [share(g, w, when, floor) for g in others]
        return (round(min(per), 3), sum(per) / len(per))

    return max(WEIGHTS, key=score)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--floor", type=float, default=0.7)
    args = parser.parse_args()
    for name, split in (("whole sentences", clause_sentences), ("sentences and pieces", sentence_pieces)):
        questions = collect(args.gold, split)
        groups = sorted({q.group for q in questions})
        by_group = {g: [q for q in questions if q.group == g] for g in groups}
        print(f"\n== {name}: {len(questions)} questions with the gold in the first {HEAD}, floor {args.floor}")
        for when in ("always", "question Chinese", "clauses Chinese"):
            print(f"-- reorder when: {when}")
            print("weight  all    " + "  ".join(f"{g[:12]:>12}" for g in groups))
            for w in WEIGHTS:
                row = "  ".join(f"{share(by_group[g], w, when, args.floor):12.3f}" for g in groups)
                print(f"{w:6.1f}  {share(questions, w, when, args.floor):.3f}  {row}")
            held, hits = [], 0
            for g in groups:
                w = chosen([by_group[h] for h in groups if h != g], when, args.floor)
                got = share(by_group[g], w, when, args.floor)
                hits += round(got * len(by_group[g]))
                held.append(f"{g}: weight {w:g} -> {got:.3f}")
            print(f"held out: all {hits / len(questions):.3f}; " + "; ".join(held))


if __name__ == "__main__":
    main()
