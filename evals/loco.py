"""Leave-one-corpus-out: each corpus group answered with what was tuned on the others.

The answerability model is the one number-heavy part the pipeline learns from the development
set (:mod:`evals.fit_answerability`). For a held-out group, it is refitted on the other groups'
questions (signals of the same searches), put into the pipeline's retriever, and the group's
questions are answered and scored as in any run. The result is one more system in the run,
``loco``, whose per-corpus rows are each measured on a corpus its model never saw; the README's
figures quote its worst row. (The retrieval weights and offsets are named constants measured
the same way by hand — see their comments — not refitted here.)

Example::

    run = evaluate(items, setup.corpus, [*setup.systems, LocoSystem(...)])   # via rag eval --loco
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evals.fit_answerability import model_from, rows_of
from evals.gold import Corpus, GoldItem
from evals.harness import run_system
from evals.metrics import aggregate
from evals.outcome import SupportFn
from evals.records import QuestionResult, SystemRun


def loco_run(
    pipeline: Any, system: Any, items: Sequence[GoldItem], corpus: Corpus, *,
    support: SupportFn | None, progress: bool = False,
) -> SystemRun:
    """``system`` (wrapping ``pipeline``) run group by group, each with the answerability model
    fitted on the other groups; the pipeline's own model is restored afterwards."""
    retriever = pipeline.retriever
    shipped = retriever.model
    embedder_id = shipped.embedder if shipped is not None else ""
    try:
        retriever.model = None
        rows = rows_of(retriever, corpus, items)
        results: list[QuestionResult] = []
        for group in sorted({i.group for i in items}):
            train = [r for r in rows if r.corpus != group]
            if len({r.label for r in train if r.label is not None}) < 2:
                raise ValueError(
                    f"cannot hold out {group!r}: the other groups lack answerable or unanswerable questions"
                )
            retriever.model = model_from(train, embedder_id)
            held = [i for i in items if i.group == group]
            results.extend(run_system(system, held, corpus, support=support, progress=progress).questions)
    finally:
        retriever.model = shipped
    order = {i.id: n for n, i in enumerate(items)}
    results.sort(key=lambda r: order[r.id])
    return SystemRun(
        "loco", "the default pipeline, each corpus answered with the answerability model fitted on the others",
        tuple(results), aggregate(results),
    )
