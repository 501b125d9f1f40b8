"""The evaluation report: its plots and their labels."""

from __future__ import annotations

from pathlib import Path

from evals.metrics import aggregate
from evals.plots import Aliases, ascii_label, cn_number
from evals.records import EvalRun, QuestionResult, SystemRun
from evals.report import cited_instead_counts, write_report


def test_report_writes_plots_and_names_them(tmp_path: Path) -> None:
    rows = [
        QuestionResult("p1", "落户？", ("yes_no",), True, gold=("示范实施方案 › （二）",), rank=1,
                       retrieved=("示范实施方案 › （二）",), abstained=False, answer="否[1]",
                       cited=("示范实施方案 › （二）", "某地城镇化专家… › 张三"), citation_precision=0.5,
                       citation_recall=1.0, sentences=1, sentences_supported=1, citations=2,
                       citations_precise=1, numbers=("300",), numbers_missing=("300",), latency_ms=12.0),
        QuestionResult("p2", "目标？", ("number",), True, gold=("示范实施方案 › （三）",), rank=None,
                       abstained=True, citation_recall=0.0, latency_ms=30.0),
        QuestionResult("u1", "公积金？", ("unanswerable",), False, abstained=False, answer="可以", latency_ms=8.0),
    ]
    base = [QuestionResult(r.id, r.question, r.tags, r.answerable, rank=2 if r.answerable else None)
            for r in rows]
    run = EvalRun("g.jsonl", "now", {"embedder": "hashing-64"},
                  (SystemRun("default", "d", tuple(rows), aggregate(rows)),
                   SystemRun("naive", "n", tuple(base), aggregate(base))))
    path = write_report(run, tmp_path / "rep")
    md = path.read_text("utf-8")
    for png in ("metrics_per_tag.png", "gold_rank.png", "cited_instead.png", "latency.png", "systems.png"):
        assert (tmp_path / "rep" / png).stat().st_size > 1000
        assert f"]({png})" in md
    assert "| p2 |" in md  # a miss is listed
    assert "某地城镇化专家… › 张三" in md  # what was cited instead of the gold
    assert "D1 = " in md  # the plot legend
    assert cited_instead_counts(run.systems[0]) == {"某地城镇化专家… › 张三": 1}


def test_ascii_plot_labels() -> None:
    assert cn_number("五十二") == 52 and cn_number("十") == 10 and cn_number("二十六") == 26
    assert cn_number("一百零五") == 105 and cn_number("abc") is None
    assert ascii_label("（二十六）") == "(26)" and ascii_label("三、") == "part 3"
    assert ascii_label("第1–5段") == "para 1-5" and ascii_label("张三") == "(other)"
    assert ascii_label("（１）") == "(1)" and ascii_label("(3)") == "(3)"
    aliases = Aliases()
    assert aliases("示范实施方案 › （六）") == "D1 (6)"
    assert aliases("某地 › 张三") == "D2 (other)"
    assert aliases("某地 › 李四") == "D2 (other) 2"  # never two bars with one name
    assert aliases("某地 › 1. #7") == "D2 1. #7"
