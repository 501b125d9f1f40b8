"""Run systems over a gold set and score them: the engine behind ``rag eval``.

Example::

    from evals.harness import evaluate, load_systems
    from evals.gold import load_gold

    items = load_gold(Path("evals/dev.jsonl"))
    setup = load_systems(Settings.from_env(), baselines=True)
    run = evaluate(items, setup.corpus, setup.systems, support=setup.support)
    print(run.system("default").totals["all"]["hit@5"])
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tqdm import tqdm

from evals.gold import Corpus, GoldItem
from evals.metrics import aggregate, score_question
from evals.outcome import Outcome, SupportFn, System
from evals.records import EvalRun, QuestionResult, SystemRun
from rag.settings import Settings

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setup:
    """Everything one evaluation needs, loaded once."""

    corpus: Corpus
    systems: tuple[System, ...]
    support: SupportFn | None
    settings: Settings


def load_systems(settings: Settings, *, baselines: bool = False) -> Setup:
    """The default pipeline (and with ``baselines`` the naive, lexical and dense systems).

    Raises:
        IndexLoadError: no index for ``settings`` (run ``rag index`` first), or one built with
            another embedder.
    """
    from evals.baselines import (
        NaiveChunkSystem,
        fusion_baselines,
        indexed_roots,
        load_documents,
        missing_documents,
    )
    from evals.support import cite_support
    from evals.systems import PipelineSystem
    from rag.pipeline import Pipeline

    pipeline = Pipeline.from_settings(settings)
    corpus = Corpus(pipeline.index.units)
    systems: list[System] = [PipelineSystem(pipeline, corpus)]
    if baselines:
        if pipeline.embedder is None:
            raise ValueError("the naive baseline needs an embedder; the pipeline has none")
        # The naive baseline chunks the same documents the index holds (all of a development
        # index's folders, not only documents/).
        documents = [(d.doc_id, d.source) for d in pipeline.index.manifest.documents]
        roots = indexed_roots(documents, settings.documents_dir, (settings.index_dir.resolve().parent,))
        texts = load_documents(roots)
        missing = missing_documents([doc_id for doc_id, _ in documents], texts)
        if missing:
            # Its figures would be those of fewer documents than the index holds (every answer
            # "missed"): it is left out, said, and the other systems run.
            _log.warning(
                "naive baseline left out: %d of the index's %d documents are not readable from here "
                "(e.g. %r, source %r; looked in %s): run rag eval from the folder rag index ran in",
                len(missing), len(documents), missing[0], dict(documents)[missing[0]],
                ", ".join(str(r) for r in roots),
            )
        else:
            systems.append(NaiveChunkSystem(texts, pipeline.embedder))
        systems.extend(fusion_baselines(pipeline, corpus))
    return Setup(corpus, tuple(systems), cite_support(pipeline.embedder), settings)


def asked(item: GoldItem) -> str:
    """The question as the app sends it to the pipeline: a follow-up completed from the
    questions before it (the chat's own rewriting, :func:`ui.followup.contextualize`)."""
    if not item.history:
        return item.question
    from ui.followup import contextualize

    understood: list[str] = []
    for earlier in item.history:
        understood.append(contextualize(earlier, understood))
    return contextualize(item.question, understood)


def run_system(
    system: System,
    items: Sequence[GoldItem],
    corpus: Corpus,
    *,
    support: SupportFn | None,
    progress: bool = True,
) -> SystemRun:
    """One system over every item; a question that raises is recorded as an error, not fatal."""
    resolved = corpus.resolve_all(items)
    rows: list[QuestionResult] = []
    for item in tqdm(items, desc=f"eval {system.name}", unit="q", disable=not progress, leave=False):
        try:
            outcome = system.run(asked(item))
        except Exception as exc:  # one bad question must not lose the other results
            _log.warning("%s on %s failed: %s", system.name, item.id, exc)
            outcome = Outcome(error=f"{type(exc).__name__}: {exc}")
        rows.append(score_question(item, resolved[item.id], outcome, support, corpus.name))
    return SystemRun(system.name, system.description, tuple(rows), aggregate(rows))


def evaluate(
    items: Sequence[GoldItem],
    corpus: Corpus,
    systems: Sequence[System],
    *,
    support: SupportFn | None = None,
    progress: bool = True,
    gold_file: str = "",
    settings: Settings | None = None,
) -> EvalRun:
    """Score every system on every question.

    Args:
        items: the gold questions (validated by ``load_gold``).
        corpus: the index's clauses, against which the gold resolves.
        systems: what to evaluate; the first is "the" system, the rest are compared with it.
        support: the sentence-support judge for the ALCE metrics (None: ALCE not computed).
        progress: a tqdm bar per system.
        gold_file, settings: recorded in the result so a run says what produced it.

    Returns:
        The run, with per-question rows and totals overall and per tag.

    Raises:
        GoldError: a gold reference the index does not resolve (all of them listed).
    """
    corpus.resolve_all(items)  # fail before spending minutes on the systems
    warnings = [f"{i.id}: not reviewed yet" for i in items if not i.reviewed]
    runs = [run_system(s, items, corpus, support=support, progress=progress) for s in systems]
    return EvalRun(
        gold_file=gold_file,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        settings=settings.to_json() if settings is not None else {},
        systems=tuple(runs),
        warnings=tuple(warnings),
    )
