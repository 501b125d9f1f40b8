"""The PostgreSQL store retrieves what the embedded store retrieves: the default retrieval over
every question of evals/dev.jsonl, once on the session's file index of documents/ and once on the
same documents built into PostgreSQL by ``rag index`` (``RAG_STORE``), both with the real default
embedder; hit@1 and hit@5 must agree within 0.01. The figures are printed (``pytest -s``).

Retrieval only: the answers are the same code over the same clauses, and the answer step
doubled this test's time (198 s of a 728 s suite on two workers).
"""

from __future__ import annotations

import pytest

from evals.gold import Corpus, load_gold
from evals.harness import evaluate
from evals.systems import RetrieverSystem
from rag.index.build import build_index
from rag.index.embed import load_embedder
from rag.pipeline import Pipeline
from rag.settings import Settings
from tests.conftest import REPO

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

METRICS = ("hit@1", "hit@5", "mrr@10")
TOLERANCE = 0.01  # the "dev figures equal within 0.01"


def test_dev_figures_are_the_same_on_both_stores(real_index: Settings, pg_uri: str) -> None:
    items = load_gold(REPO / "evals" / "dev.jsonl")
    pg = real_index.with_(store=pg_uri, index_name="parity")
    report = build_index(pg, lambda: load_embedder(pg), progress=False)
    assert report.documents == 5 and not report.skipped and report.embedded == report.units

    figures: dict[str, dict[str, float]] = {}
    ranks: dict[str, list[int | None]] = {}
    for name, settings in (("files", real_index), ("postgresql", pg)):
        pipeline = Pipeline.from_settings(settings)
        corpus = Corpus(pipeline.index.units)
        system = RetrieverSystem(pipeline.retriever, corpus, name=name, description=f"the default retrieval, {name}")
        run = evaluate(items, corpus, [system], support=None, progress=False)
        totals = run.systems[0].totals["all"]
        figures[name] = {m: float(totals[m].score or 0.0) for m in METRICS}
        ranks[name] = [q.rank for q in run.systems[0].questions]

    differ = sum(a != b for a, b in zip(ranks["files"], ranks["postgresql"], strict=True))
    for name, values in figures.items():
        print(f"{name:<11} " + "  ".join(f"{m} {v:.3f}" for m, v in values.items()))
    print(f"{len(items)} questions; gold rank differs on {differ}")
    for metric in ("hit@1", "hit@5"):
        assert abs(figures["files"][metric] - figures["postgresql"][metric]) <= TOLERANCE, figures
