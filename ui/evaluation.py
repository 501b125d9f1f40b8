"""The evaluation page: run a gold set through the loaded pipeline, see metrics and plots, download the report."""

from __future__ import annotations

import json
import logging
import shutil
from functools import partial
from pathlib import Path
from typing import Any

import gradio as gr

from ui.backend import Backend, NoIndexError
from ui.i18n import t
from ui.labels import Labels
from ui.render import message_html
from ui.scratch import scratch_dir

log = logging.getLogger(__name__)

PROGRESS = gr.Progress(track_tqdm=True)


def evals_available() -> bool:
    try:
        import evals.harness
        import evals.report  # noqa: F401
    except ImportError:
        return False
    return True


def default_gold() -> Path | None:
    """The dev gold set shipped with the evals package, if it is there."""
    try:
        import evals
    except ImportError:
        return None
    path = Path(evals.__file__).resolve().parent / "dev.jsonl"
    return path if path.is_file() else None


Result = tuple[str, str, list[tuple[str, str]] | None, list[str] | None]


def run_evaluation(
    backend: Backend, gold: str | None, limit: float, lang: str, progress: gr.Progress = PROGRESS
) -> Result:
    """Score the loaded pipeline on the gold set; (status, metrics Markdown, plots, downloads)."""
    if not evals_available():
        return message_html(t("not_available", lang, what="evals"), "warn"), "", None, None
    from evals.gold import GoldError, load_gold
    from evals.harness import evaluate
    from evals.report import write_report
    from evals.tables import systems_table, tags_table

    gold_path = Path(gold) if gold else default_gold()
    if gold_path is None:
        return message_html(t("eval_gold", lang), "warn"), "", None, None
    try:
        everything = load_gold(gold_path)
        items = [i for i in everything if i.reviewed] or everything
        if limit and int(limit) > 0:
            items = items[: int(limit)]
        pipeline = backend.pipeline()
        corpus, systems, support = _setup(pipeline)
        progress(0.0, desc=t("eval_running", lang))
        run = evaluate(
            items, corpus, systems, support=support, progress=True, gold_file=gold_path.name, settings=backend.settings
        )
    except NoIndexError:
        return message_html(t("no_index", lang), "warn"), "", None, None
    except (GoldError, ValueError) as exc:
        return message_html(str(exc), "error"), "", None, None
    directory = scratch_dir("policy-rag-eval-")
    report = write_report(run, directory / "report")
    (directory / "report" / "results.json").write_text(
        json.dumps(run.to_json(), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    archive = shutil.make_archive(str(directory / "evaluation-report"), "zip", directory / "report")
    main = run.systems[0]
    metrics = (
        f"**{t('eval_metrics', lang)}** — {len(main.questions)} / {gold_path.name}\n\n"
        f"{systems_table(run, markdown=True)}\n\n{tags_table(main, markdown=True)}"
    )
    plots = [(str(p), p.stem.replace("_", " ")) for p in sorted((directory / "report").glob("*.png"))]
    return message_html(f"{t('eval_report', lang)}: {report.name}", "ok"), metrics, plots, [archive, str(report)]


def _setup(pipeline: Any) -> tuple[Any, tuple[Any, ...], Any]:
    """Corpus, systems and support judge over the app's already loaded pipeline (no second model load)."""
    from evals.gold import Corpus
    from evals.support import cite_support
    from evals.systems import PipelineSystem

    corpus = Corpus(pipeline.index.units)
    return corpus, (PipelineSystem(pipeline, corpus),), cite_support(pipeline.embedder)


def build_evaluation(backend: Backend, labels: Labels, lang: gr.State) -> None:
    """The evaluation page's components and events (inside an open ``gr.Blocks``)."""
    labels.add(gr.Markdown(t("eval_intro")), value="eval_intro")
    if not evals_available():
        labels.add(gr.Markdown(t("not_available", what="evals")), values={"what": "evals"}, value="not_available")
        return
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            gold = labels.add(
                gr.File(label=t("eval_gold"), file_types=[".jsonl"], type="filepath", elem_id="eval-gold"),
                label="eval_gold",
            )
            limit = labels.add(
                gr.Number(value=30, precision=0, minimum=0, label=t("eval_limit"), elem_id="eval-limit"),
                label="eval_limit",
            )
            go = labels.add(gr.Button(t("eval_go"), variant="primary", elem_id="eval-go"), value="eval_go")
            status = gr.HTML("")
            files = labels.add(
                gr.File(label=t("eval_report"), file_count="multiple", interactive=False), label="eval_report"
            )
        with gr.Column(scale=2):
            metrics = gr.Markdown("", elem_id="eval-metrics")
            plots = gr.Gallery(columns=2, height=560, object_fit="contain", show_label=False, elem_id="eval-plots")
    go.click(
        partial(run_evaluation, backend),
        [gold, limit, lang],
        [status, metrics, plots, files],
        api_visibility="private",
        concurrency_limit=1,
        concurrency_id="eval",
    )
