"""Formal first: what ``formal_boost`` does to retrieval, per corpus and where both kinds answer.

For each boost value, over the answerable questions of each gold file whose gold resolves
(corpus = file name), prints hit@1 / hit@5 and two figures about the rule itself:

* ``formal>comm.`` — among questions whose gold is a clause of a formal document (law,
  regulation, policy notice) and whose top five hold both the gold and commentary: how many
  rank the gold above every commentary clause (the rest are commentary cited before the
  formal text that answers);
* ``formal.gold@1`` — hit@1 of the questions whose gold is formal, in corpora that also hold
  commentary questions (the seeds);
* ``comm.gold@1`` — hit@1 of questions whose gold is commentary (news, paper, speech): what
  the boost costs when the commentary is the right answer.

Usage (an index over documents/ and evals/corpora/)::

    RAG_INDEX_NAME=meta-dev python benchmarks/formal_bench.py evals/dev.jsonl evals/sets/*.jsonl
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.fit_answerability import _gold_keys
from evals.gold import Corpus
from evals.groups import load_groups
from evals.harness import asked
from rag.index.embed import CachedEmbedder, load_embedder
from rag.index.store import load_index
from rag.retrieve.fusion import RetrievalOptions, Retriever
from rag.retrieve.kinds import is_formal
from rag.settings import Settings

BOOSTS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3)




@dataclass(frozen=True)
class Question:
    corpus: str
    text: str
    gold: frozenset[tuple[str, int]]


def main(paths: Sequence[Path]) -> None:
    settings = Settings.from_env()
    embedder = CachedEmbedder(load_embedder(settings))
    index = load_index(settings.index_path, embedder_id=embedder.id)
    kinds = {d.doc_id: d.meta.kind for d in index.manifest.documents}
    corpus = Corpus(index.units)
    questions = [
        Question(item.group, asked(item), keys)
        for item in load_groups(paths)
        if item.answerable and (keys := _gold_keys(corpus, item))
    ]
    groups = sorted({q.corpus for q in questions})
    print("boost".ljust(6), *(g[:13].rjust(14) for g in groups), "formal>comm.".rjust(14),
          "formal.gold@1".rjust(15), "comm.gold@1".rjust(14))
    mixed = {q.corpus for q in questions if not all(is_formal(kinds.get(doc, "")) for doc, _ in q.gold)}
    for boost in BOOSTS:
        retriever = Retriever(index, embedder, replace(RetrievalOptions(), formal_boost=boost, answerability=False))
        cells: dict[str, list[tuple[bool, bool]]] = {g: [] for g in groups}
        first, both, comm_gold, comm_hit, formal_gold, formal_hit = 0, 0, 0, 0, 0, 0
        for q in questions:
            ranked = [h.unit.clause_key for h in retriever.search(q.text, top_k=5)]
            cells[q.corpus].append((bool(ranked) and ranked[0] in q.gold, bool(set(ranked) & q.gold)))
            gold_formal = all(is_formal(kinds.get(doc, "")) for doc, _ in q.gold)
            if not gold_formal:
                comm_gold += 1
                comm_hit += bool(ranked) and ranked[0] in q.gold
                continue
            if q.corpus in mixed:
                formal_gold += 1
                formal_hit += bool(ranked) and ranked[0] in q.gold
            comm_ranks = [i for i, key in enumerate(ranked) if not is_formal(kinds.get(key[0], ""))]
            gold_ranks = [i for i, key in enumerate(ranked) if key in q.gold]
            if comm_ranks and gold_ranks:
                both += 1
                first += gold_ranks[0] < comm_ranks[0]
        row = []
        for g in groups:
            rows = cells[g]
            hit1, hit5 = sum(a for a, _ in rows) / len(rows), sum(b for _, b in rows) / len(rows)
            row.append(f"{hit1:.3f}/{hit5:.3f}".rjust(14))
        print(f"{boost:<6}", *row, f"{first}/{both}={first / max(both, 1):.2f}".rjust(14),
              f"{formal_hit}/{formal_gold}={formal_hit / max(formal_gold, 1):.2f}".rjust(15),
              f"{comm_hit}/{comm_gold}={comm_hit / max(comm_gold, 1):.2f}".rjust(14), flush=True)
    print("cells: hit@1/hit@5 of answerable questions whose gold resolves;",
          {g: sum(1 for q in questions if q.corpus == g) for g in groups})


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
