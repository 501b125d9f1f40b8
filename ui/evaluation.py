"""The evaluation page: run a gold set through the loaded pipeline and read the result like a
report — every metric and slice named and explained in the page's language, plots with
readable labels, a per-question drill-down filterable by failures, and two runs compared.

The text is made in :mod:`ui.eval_view`, the plots in :mod:`ui.eval_plots`.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import gradio as gr

from ui import eval_view as view
from ui.backend import Backend, NoIndexError
from ui.eval_plots import page_plots
from ui.i18n import t
from ui.labels import Labels
from ui.render import esc, message_html
from ui.scratch import scratch_dir

log = logging.getLogger(__name__)

# One progress line in the page's language; tqdm's English bars are not tracked.
PROGRESS = gr.Progress(track_tqdm=False)


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


def score(backend: Backend, gold: str | Sequence[str] | None, limit: float, lang: str,
          progress: Callable[..., Any] = PROGRESS) -> tuple[Any, Path] | str:
    """The run over the gold set(s) and its report directory, or an HTML message saying why not.
    Several gold files are several corpus groups: the page then shows the figures per corpus."""
    from evals.gold import GoldError
    from evals.groups import load_groups
    from evals.harness import evaluate
    from evals.report import write_report

    chosen = [gold] if isinstance(gold, str) else list(gold or [])
    paths = [Path(g) for g in chosen] or [p for p in [default_gold()] if p is not None]
    if not paths:
        return message_html(t("eval_gold", lang), "warn")
    gold_path = paths[0]
    try:
        everything = load_groups(paths)
        items = [i for i in everything if i.reviewed] or everything
        if limit and int(limit) > 0:
            items = items[: int(limit)]
        pipeline = backend.pipeline()
        corpus, systems, support = _setup(pipeline)
        progress(0.0, desc=t("eval_running_n", lang, n=len(items)))
        run = evaluate(items, corpus, systems, support=support, progress=False,
                       gold_file=" ".join(p.name for p in paths) or gold_path.name,
                       settings=backend.settings)
    except NoIndexError:
        return message_html(t("no_index", lang), "warn")
    except GoldError as exc:
        return message_html("；".join(exc.problems[:10]) or str(exc), "error")
    except ValueError as exc:
        return message_html(str(exc), "error")
    directory = scratch_dir("eval-")
    write_report(run, directory / "report")
    (directory / "report" / "results.json").write_text(json.dumps(run.to_json(), ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
    return run, directory


def run_evaluation(backend: Backend, gold: str | Sequence[str] | None, limit: float, lang: str,
                   progress: Callable[..., Any] = PROGRESS) -> Result:
    """Score the loaded pipeline on the gold set; (status, metrics HTML, plots, downloads)."""
    if not evals_available():
        return message_html(t("not_available", lang, what="evals"), "warn"), "", None, None
    scored = score(backend, gold, limit, lang, progress)
    if isinstance(scored, str):
        return scored, "", None, None
    run, directory = scored
    from evals.metrics import ALL_METRICS

    archive = shutil.make_archive(str(directory / "evaluation-report"), "zip", directory / "report")
    main = run.systems[0]
    metrics = (f"<p><b>{esc(t('eval_metrics', lang))}</b> — {len(main.questions)} / {esc(run.gold_file)}</p>"
               + view.metrics_html(run, lang, ALL_METRICS))
    plots = page_plots(main, directory / "page-plots", lang)
    report = directory / "report" / "report.md"
    return message_html(f"{t('eval_report', lang)}: {report.name}", "ok"), metrics, plots, [archive, str(report)]


def evaluate_page(backend: Backend, gold: str | None, limit: float, lang: str,
                  progress: Callable[..., Any] = PROGRESS) -> tuple[Any, ...]:
    """Everything the page shows after a run: status, metrics, slices, plots, files, the run's
    JSON (kept for the drill-down and comparisons), the failures table and the question list."""
    status, metrics, plots, files = run_evaluation(backend, gold, limit, lang, progress)
    if files is None:
        return status, metrics, "", None, None, None, _table([], lang), gr.update(choices=[], value=None)
    results = Path(files[0]).parent / "report" / "results.json"
    data = json.loads(results.read_text("utf-8"))
    from evals.metrics import ALL_METRICS
    from evals.records import EvalRun

    run = EvalRun.from_json(data)
    main = run.systems[0]
    files = [*files, str(results)]
    shown = [m for m in ALL_METRICS if not m.startswith("latency")]
    slices = view.slices_html(main, lang, shown) + view.groups_html(data["systems"][0], lang, shown)
    rows = view.drill_rows(main, lang, failures_only=True)
    choices = [(f"{q.id} {q.question[:30]}", q.id) for q in main.questions]
    return status, metrics, slices, plots, files, data, _table(rows, lang), gr.update(choices=choices, value=None)


def _table(rows: list[list[str]], lang: str) -> Any:
    return gr.update(value={"headers": view.drill_headers(lang), "data": rows or [[""] * 6]})


def drill(data: dict[str, Any] | None, failures_only: bool, lang: str) -> Any:
    """The per-question table of the page's run, all questions or only the failed ones."""
    if not data:
        return _table([], lang)
    from evals.records import EvalRun

    return _table(view.drill_rows(EvalRun.from_json(data).systems[0], lang, failures_only), lang)


def question_detail(data: dict[str, Any] | None, qid: str | None, lang: str) -> str:
    if not data or not qid:
        return ""
    from evals.records import EvalRun

    for q in EvalRun.from_json(data).systems[0].questions:
        if q.id == qid:
            return view.question_html(q, lang)
    return ""


def compare(a_file: str | None, b_file: str | None, data: dict[str, Any] | None, lang: str) -> str:
    """Run A against run B (an uploaded results.json, or this page's run), differences coloured."""
    from evals.compare import compare_runs
    from evals.records import EvalRun

    b_data = json.loads(Path(b_file).read_text("utf-8")) if b_file else data
    if not a_file or not b_data:
        return message_html(t("eval_compare_need", lang), "warn")
    try:
        run_a = EvalRun.from_json(json.loads(Path(a_file).read_text("utf-8")))
        run_b = EvalRun.from_json(b_data)
        comparison = compare_runs(run_a, run_b)
    except (ValueError, KeyError, TypeError) as exc:
        return message_html(f"{type(exc).__name__}: {exc}", "error")
    b_name = Path(b_file).name if b_file else t("eval_this_run", lang)
    return view.comparison_html(comparison, lang, Path(a_file).name, b_name)


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
    run_data = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            gold = labels.add(gr.File(label=t("eval_gold"), file_types=[".jsonl"], type="filepath",
                                      file_count="multiple", elem_id="eval-gold"), label="eval_gold")
            labels.add(gr.Markdown(t("eval_gold_help")), value="eval_gold_help")
            limit = labels.add(gr.Number(value=30, precision=0, minimum=0, label=t("eval_limit"),
                                         elem_id="eval-limit"), label="eval_limit")
            go = labels.add(gr.Button(t("eval_go"), variant="primary", elem_id="eval-go"), value="eval_go")
            status = gr.HTML("", elem_id="eval-status")
            files = labels.add(gr.File(label=t("eval_report"), file_count="multiple", interactive=False,
                                       elem_id="eval-files"), label="eval_report")
        with gr.Column(scale=2):
            metrics = gr.HTML("", elem_id="eval-metrics")
            plots = gr.Gallery(columns=1, height=640, object_fit="contain", show_label=False, elem_id="eval-plots")
    with labels.add(gr.Accordion(t("eval_slices"), open=True, elem_id="eval-slices-box"), label="eval_slices"):
        slices = gr.HTML("", elem_id="eval-slices")
    with labels.add(gr.Accordion(t("eval_drill"), open=True, elem_id="eval-drill-box"), label="eval_drill"):
        failures = labels.add(gr.Checkbox(value=True, label=t("eval_failures_only"), elem_id="eval-failures"),
                              label="eval_failures_only")
        table = gr.Dataframe(headers=view.drill_headers("zh"), interactive=False, wrap=True, elem_id="eval-drill")
        pick = labels.add(gr.Dropdown(choices=[], label=t("eval_pick"), elem_id="eval-pick"), label="eval_pick")
        detail = gr.HTML("", elem_id="eval-detail")
    with labels.add(gr.Accordion(t("eval_compare"), open=False, elem_id="eval-compare-box"), label="eval_compare"):
        with gr.Row():
            run_a = labels.add(gr.File(label=t("eval_run_a"), file_types=[".json"], type="filepath",
                                       elem_id="eval-run-a"), label="eval_run_a")
            run_b = labels.add(gr.File(label=t("eval_run_b"), file_types=[".json"], type="filepath",
                                       elem_id="eval-run-b"), label="eval_run_b")
        compare_go = labels.add(gr.Button(t("eval_compare_go"), elem_id="eval-compare-go"), value="eval_compare_go")
        comparison = gr.HTML("", elem_id="eval-comparison")
    private: dict[str, Any] = {"api_visibility": "private"}
    go.click(partial(evaluate_page, backend), [gold, limit, lang],
             [status, metrics, slices, plots, files, run_data, table, pick], concurrency_limit=1,
             concurrency_id="eval", **private)
    failures.change(drill, [run_data, failures, lang], [table], **private)
    pick.change(question_detail, [run_data, pick, lang], [detail], **private)
    compare_go.click(compare, [run_a, run_b, run_data, lang], [comparison], **private)
