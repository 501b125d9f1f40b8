"""The evaluation page without a model: metric and slice names with explanations in both
languages, the failure drill-down, two runs compared with the changes marked, the plots with
Chinese titles, and the page's wiring."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import gradio as gr
import pytest

from evals.gold import TAGS
from evals.metrics import ALL_METRICS, aggregate
from evals.records import EvalRun, QuestionResult, SystemRun
from rag.settings import Settings
from ui import eval_view as view
from ui.backend import Backend
from ui.eval_plots import cjk_font, page_plots
from ui.evaluation import build_evaluation, compare, drill, question_detail
from ui.labels import Labels


def _q(qid: str, rank: int | None, *, answerable: bool = True, abstained: bool = False,
       recall: float | None = 1.0, tags: tuple[str, ...] = ("number",)) -> QuestionResult:
    return QuestionResult(id=qid, question=f"问题{qid}", tags=tags, answerable=answerable,
                          gold=("实施方案 （六）",) if answerable else (), rank=rank, retrieved=("实施方案 （六）",),
                          abstained=abstained, answer=None if abstained else "回答。[1]",
                          cited=() if abstained else ("实施方案 （六）",), citation_precision=recall,
                          citation_recall=recall, sentences=1, sentences_supported=1, latency_ms=120.0)


def _run(rows: list[QuestionResult]) -> EvalRun:
    return EvalRun(gold_file="dev.jsonl", created="2026-12-01", settings={},
                   systems=(SystemRun("pipeline", "", tuple(rows), aggregate(rows)),))


RUN_A = _run([_q("a1", 1), _q("a2", None, recall=0.0), _q("u1", None, answerable=False, abstained=False,
                                                           recall=None, tags=("unanswerable",))])
RUN_B = _run([_q("a1", 1), _q("a2", 1), _q("u1", None, answerable=False, abstained=True, recall=None,
                                           tags=("unanswerable",))])


def test_every_metric_and_slice_has_a_name_and_an_explanation_in_both_languages() -> None:
    for metric in ALL_METRICS:
        for lang in ("zh", "en"):
            assert view.metric_name(metric, lang) != metric and view.metric_help(metric, lang)
    for tag in ("all", *TAGS):
        for lang in ("zh", "en"):
            assert view.slice_name(tag, lang) != tag and view.slice_help(tag, lang)
    assert view.slice_name("corpus:laws", "zh") == "语料：laws"


def test_tables_show_chinese_names_not_raw_identifiers() -> None:
    html = view.metrics_html(RUN_A, "zh", ALL_METRICS)
    assert "前五命中率" in html and "标准条款出现在前 5 条" in html
    assert ">hit@5<" not in html and ">mrr@10<" not in html
    slices = view.slices_html(RUN_A.systems[0], "en", ("hit@5", "citation_precision"))
    assert "Unanswerable" in slices and "Hit at 5" in slices and ">unanswerable<" not in slices


def test_the_drilldown_lists_failures_with_their_verdict() -> None:
    data = RUN_A.to_json()
    failures = drill(data, True, "zh")["value"]["data"]
    assert [r[0] for r in failures] == ["a2", "u1"]
    assert [r[2] for r in failures] == ["未检索到标准条款", "应拒答却作答"]
    assert len(drill(data, False, "zh")["value"]["data"]) == 3
    detail = question_detail(data, "a2", "en")
    assert "Gold clause not retrieved" in detail and 'class="drill fail"' in detail


def test_two_runs_compared_with_the_differences_marked(tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    a.write_text(json.dumps(RUN_A.to_json(), ensure_ascii=False), "utf-8")
    html = compare(str(a), None, RUN_B.to_json(), "zh")
    assert '<tr class="better">' in html and "前五命中率" in html
    assert "变好（2）" in html and "a2" in html and "u1" in html
    assert "请上传" in compare(None, None, None, "zh")


def test_page_plots_have_titles_in_the_pages_language(tmp_path: Path) -> None:
    plots = page_plots(RUN_A.systems[0], tmp_path, "zh")
    assert len(plots) == 3 and all(Path(p).stat().st_size > 1000 for p, _ in plots)
    captions = [c for _, c in plots]
    if cjk_font():
        assert captions[0] == "主要指标（全部问题）"
    else:  # no CJK font: English rather than empty boxes
        assert captions[0] == "Main metrics (all questions)"
    assert page_plots(RUN_A.systems[0], tmp_path / "en", "en")[2][1] == "Rank of the gold clause"


@pytest.mark.filterwarnings("ignore")
def test_the_page_builds(tmp_path: Path) -> None:
    with gr.Blocks():
        build_evaluation(Backend(Settings(index_dir=tmp_path)), Labels(), gr.State("zh"))


def test_per_corpus_groups_of_the_harness_are_shown_when_present() -> None:
    system = RUN_A.systems[0].to_json()
    assert view.groups_html(system, "zh", ("hit@5",)) == ""
    system["corpora"] = {"laws": {"hit@5": {"score": 0.5, "n": 4}, "answer_correct": {"score": 0.75, "n": 4}},
                         "policies": {"hit@5": {"score": 1.0, "n": 2}}}
    html = view.groups_html(system, "zh", ("hit@5",))
    assert "各语料" in html and "laws" in html and "前五命中率" in html and "答案正确率" in html
    assert "75.0%" in html and "50.0%" in html


def test_per_corpus_slices_of_a_run_over_several_gold_files_get_their_own_table() -> None:
    rows = [replace(_q("a1", 1), group="zh-law"), replace(_q("a2", None, recall=0.0), group="en-cpra")]
    system = _run(rows).systems[0].to_json()
    html = view.groups_html(system, "zh", ("hit@5",))
    assert "各语料" in html and "zh-law" in html and "en-cpra" in html and "100.0%" in html


def test_comparison_details_read_in_chinese() -> None:
    assert view.detail_text("gold rank miss → 1", "zh") == "标准条款排名 未命中 → 1"
    assert view.detail_text("answered → abstained", "zh") == "作答 → 拒答"
    assert view.detail_text("citation recall 0.00 → 1.00", "en") == "citation recall 0.00 → 1.00"
