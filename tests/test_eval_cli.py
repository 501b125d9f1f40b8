"""`rag eval` on a tiny hashing index."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from evals.records import EvalRun


def test_eval_command_on_a_tiny_index(settings: object, tmp_path: Path) -> None:
    from evals.cli import eval_group
    from rag.index.build import build_index
    from rag.index.embed import HashingEmbedder
    from rag.settings import Settings

    assert isinstance(settings, Settings)
    build_index(settings, lambda: HashingEmbedder(64), progress=False)
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"id": "a", "question": "城区常住人口300万以下的城市还限制落户吗？",
         "gold": [{"doc": "示范实施方案", "label": "（三）"}], "answerable": True, "tags": ["yes_no"]},
        {"id": "b", "question": "出租人能不能改建房屋？", "quote": "不得违规改建房屋", "answerable": True, "tags": []},
        {"id": "c", "question": "公积金最高能贷多少？", "gold": [], "answerable": False, "tags": ["unanswerable"]},
        {"id": "d", "question": "草稿问题", "quote": "不得违规改建房屋", "answerable": True, "reviewed": False},
    ]
    gold.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    out, rep = tmp_path / "run.json", tmp_path / "rep"
    result = CliRunner().invoke(
        eval_group, [str(gold), "--json", str(out), "--report", str(rep), "--baselines", "--quiet"], obj=settings
    )
    assert result.exit_code == 0, result.output
    assert "hit@5" in result.output and "per tag (default)" in result.output
    run = EvalRun.from_json(json.loads(out.read_text("utf-8")))
    assert [s.name for s in run.systems] == ["default", "naive", "lexical", "dense"]
    assert [q.id for q in run.systems[0].questions] == ["a", "b", "c"]  # the unreviewed one skipped
    assert run.systems[0].totals["all"]["hit@5"].n == 2
    assert (rep / "report.md").exists() and (rep / "systems.png").exists()

    broken = tmp_path / "broken.jsonl"
    line = {"id": "x", "question": "q", "quote": "索引里没有这句话"}
    broken.write_text(json.dumps(line, ensure_ascii=False), "utf-8")
    failed = CliRunner().invoke(eval_group, [str(broken), "--quiet"], obj=settings)
    assert failed.exit_code != 0 and "x: quote '索引里没有这句话' is in no clause" in failed.output

    # Answers made elsewhere (`rag ask --json --questions`) are scored the same way.
    from rag.pipeline import Pipeline

    pipeline = Pipeline.from_settings(settings)
    answers = tmp_path / "answers.jsonl"
    answers.write_text("\n".join(json.dumps({"id": x["id"], **pipeline.ask(str(x["question"])).to_json()},
                                             ensure_ascii=False) for x in lines[:3]), "utf-8")
    scored = CliRunner().invoke(eval_group, [str(gold), "--answers", str(answers), "--quiet", "--json", str(out)],
                                obj=settings)
    assert scored.exit_code == 0, scored.output
    again = EvalRun.from_json(json.loads(out.read_text("utf-8")))
    assert again.systems[0].name == "answers"
    assert [q.abstained for q in again.systems[0].questions] == [q.abstained for q in run.systems[0].questions]
    assert [q.cited for q in again.systems[0].questions] == [q.cited for q in run.systems[0].questions]

    drafted = tmp_path / "drafts.jsonl"
    result = CliRunner().invoke(eval_group, ["draft", "--out", str(drafted), "--no-llm"], obj=settings)
    assert result.exit_code == 0, result.output
    assert all(json.loads(line)["reviewed"] is False for line in drafted.read_text("utf-8").splitlines())
