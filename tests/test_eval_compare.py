"""Comparing two evaluation runs, per question and on the command line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click
from click.testing import CliRunner

from evals.compare import compare_runs, format_comparison
from evals.metrics import aggregate
from evals.records import EvalRun, QuestionResult, SystemRun


def _run(rows: Sequence[QuestionResult], name: str = "default") -> EvalRun:
    return EvalRun("g.jsonl", "now", {"embedder": "hashing-64", "top_k": 5},
                   (SystemRun(name, "test system", tuple(rows), aggregate(rows)),))


def _pair() -> tuple[EvalRun, EvalRun]:
    before = _run([
        QuestionResult("p1", "落户？", (), True, rank=3, abstained=False, citation_recall=0.0, citation_precision=0.0),
        QuestionResult("p2", "目标？", (), True, rank=1, abstained=False, citation_recall=1.0, citation_precision=1.0),
        QuestionResult("u1", "公积金？", ("unanswerable",), False, abstained=True),
        QuestionResult("p3", "不变", (), True, rank=1, abstained=False, citation_recall=1.0, citation_precision=1.0),
    ])
    after = _run([
        QuestionResult("p1", "落户？", (), True, rank=1, abstained=False, citation_recall=1.0, citation_precision=1.0),
        QuestionResult("p2", "目标？", (), True, rank=None, abstained=True, citation_recall=0.0),
        QuestionResult("u1", "公积金？", ("unanswerable",), False, abstained=False, answer="可以贷"),
        QuestionResult("p3", "不变", (), True, rank=1, abstained=False, citation_recall=1.0, citation_precision=1.0),
    ])
    return before, after


def test_compare_lists_better_and_worse_questions() -> None:
    before, after = _pair()
    # Through JSON, as the CLI reads them.
    c = compare_runs(EvalRun.from_json(json.loads(json.dumps(before.to_json()))),
                     EvalRun.from_json(json.loads(json.dumps(after.to_json()))))
    assert [ch.id for ch in c.of("better")] == ["p1"]
    assert sorted(ch.id for ch in c.of("worse")) == ["p2", "u1"]
    p1 = c.of("better")[0]
    assert "gold rank 3 → 1" in p1.details and "citation recall 0.00 → 1.00" in p1.details
    text = format_comparison(c, "before.json", "after.json")
    assert "1 better, 2 worse, 0 mixed" in text and "p3" not in text


def test_compare_command(tmp_path: Path) -> None:
    from evals.cli import eval_group

    before, after = _pair()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(before.to_json(), ensure_ascii=False), "utf-8")
    b.write_text(json.dumps(after.to_json(), ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(eval_group, ["--compare", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert "BETTER (1)" in result.output and "WORSE (2)" in result.output
    # Registered under another group, as `rag eval …` is under `rag`.
    root = click.Group("rag", commands={"eval": eval_group})
    nested = CliRunner().invoke(root, ["eval", "--compare", str(a), str(b)])
    assert nested.exit_code == 0 and "BETTER (1)" in nested.output, nested.output
    assert "rag eval GOLD.jsonl" in CliRunner().invoke(root, ["eval"]).output  # no arguments: help
    (tmp_path / "junk.json").write_text("{}", "utf-8")
    bad = CliRunner().invoke(eval_group, ["--compare", str(a), str(tmp_path / "junk.json")])
    assert bad.exit_code != 0 and "not a rag eval result" in bad.output
