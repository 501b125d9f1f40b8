"""The fit plan: gold sets, each searched over an index of its own documents, that the
answerability model (and rank_bench --plan) learn from."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from evals.fit_answerability import Row, extract_plan, leave_one_corpus_out
from evals.fitplan import PLAN_PATH, FitSet, PlanError, load_plan
from evals.groups import gold_files, load_groups
from rag.retrieve.signals import Signals

REPO = Path(__file__).resolve().parent.parent


def _repo(tmp_path: Path) -> Path:
    """A repository-shaped folder: evals/ for the plan, docs/ and gold/ beside it."""
    (tmp_path / "evals").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    return tmp_path


def _write(repo: Path, sets: object) -> Path:
    path = repo / "evals" / "plan.json"
    path.write_text(json.dumps({"sets": sets}, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_plan_resolves_its_paths_against_the_repository(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "gold" / "zh-a.jsonl").write_text("", encoding="utf-8")
    plan = load_plan(_write(repo, [{"index": "a", "documents": ["docs"], "gold": ["gold/zh-a.jsonl"]}]))
    assert plan == [FitSet("a", (repo / "docs",), (repo / "gold" / "zh-a.jsonl",))]


@pytest.mark.parametrize(
    ("sets", "message"),
    [
        ([{"index": "a", "documents": ["docs"], "gold": ["gold/none.jsonl"]}], r"set 'a': no such path .*none\.jsonl"),
        ([{"index": "a", "documents": [], "gold": ["gold"]}], r"documents must be a non-empty list of paths, not \[\]"),
        ([{"documents": ["docs"], "gold": ["gold"]}], r"set 0: no index name"),
        ([{"index": "a", "documents": ["docs"], "gold": ["gold"]}] * 2, r"index 'a' is named by two sets"),
        ([], r"at least one set"),
    ],
)
def test_a_bad_plan_names_what_is_wrong(tmp_path: Path, sets: object, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        load_plan(_write(_repo(tmp_path), sets))


def test_an_unreadable_plan_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(PlanError, match=r"cannot read the fit plan .*plan\.json"):
        load_plan(path)


def test_the_shipped_plan_loads_and_its_gold_sets_parse() -> None:
    plan = load_plan(PLAN_PATH)
    assert plan[0].index == "dev" and {s.index for s in plan} >= {"seeds", "s42only"}
    items = [i for s in plan for i in load_groups(list(s.gold))]  # ids unique within each set
    groups = {i.group for i in items}
    assert "seeds" in groups and "seeds-s42" not in groups and {"en-s42", "zh-s42", "en-cpra"} <= groups
    # No gold file is learnt from twice.
    files = [f for s in plan for f in gold_files(list(s.gold))]
    assert len(files) == len(set(files))


def test_every_set_is_searched_over_its_own_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sets, two indexes built from their own documents: a question is found only in the
    index of its set, and the rows carry each file's group."""
    repo = _repo(tmp_path)
    for name in ("one", "two"):
        (repo / "docs" / name).mkdir()
    (repo / "docs" / "one" / "plan.txt").write_text(
        "一、总体要求\n（一）推进城镇化。全面取消城区常住人口300万以下的城市落户限制。\n", encoding="utf-8"
    )
    (repo / "docs" / "two" / "law.md").write_text(
        "# 某某条例\n\n第一条 为了规范停车收费，制定本条例。\n\n第二条 停车场收费标准由市人民政府制定。\n",
        encoding="utf-8",
    )
    gold = [{"doc": "law", "label": "第二条"}]
    q1 = {"id": "a1", "question": "停车场收费标准由谁定？", "gold": gold, "answerable": True}
    u1 = {"id": "a2", "question": "今天天气怎么样？", "gold": [], "answerable": False}
    (repo / "gold" / "zh-two.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (q1, u1)) + "\n",
                                                 encoding="utf-8")
    q2 = {"id": "b1", "question": "停车场收费标准由谁定？", "gold": [], "answerable": False}
    (repo / "gold" / "zh-one.jsonl").write_text(json.dumps(q2, ensure_ascii=False) + "\n", encoding="utf-8")
    plan = load_plan(_write(repo, [
        {"index": "i-one", "documents": ["docs/one"], "gold": ["gold/zh-one.jsonl"]},
        {"index": "i-two", "documents": ["docs/two"], "gold": ["gold/zh-two.jsonl"]},
    ]))
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("RAG_EMBEDDER", "hashing-128")
    monkeypatch.chdir(repo)
    rows = extract_plan(plan, progress=False)
    assert {(r.corpus, r.qid, r.answerable, r.found) for r in rows} == {
        ("zh-one", "b1", False, False), ("zh-two", "a1", True, True), ("zh-two", "a2", False, False),
    }
    assert (tmp_path / "index" / "i-one").is_dir() and (tmp_path / "index" / "i-two").is_dir()
    assert all(isinstance(r, Row) for r in rows) and set(leave_one_corpus_out(rows)) <= {"zh-one", "zh-two"}


def test_the_fit_scope_bench_compares_the_development_fit_with_the_plans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """benchmarks/fit_scope_bench.py over recorded signals: model A learns from the plan's first
    set only, model B from every other group; both are scored on each held-out group."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fit_scope_bench", REPO / "benchmarks" / "fit_scope_bench.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    repo = _repo(tmp_path)
    rng = np.random.default_rng(0)
    rows = []
    for group in ("zh-a", "zh-b", "en-c"):
        lines = []
        for n in range(40):
            qid, answerable = f"{group}-{n}", n % 4 != 0
            lines.append(json.dumps({"id": qid, "question": "问题？", "gold": [], "answerable": False}
                                    if not answerable else {"id": qid, "question": "问题？", "quote": "x"}))
            x = rng.normal(1.0 if answerable else -1.0, 1.0, len(Signals.names())).tolist()
            rows.append({"corpus": group, "qid": qid, "question": "问题？", "answerable": answerable,
                         "found": answerable, "x": x, "old_gate": answerable})
        (repo / "gold" / f"{group}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The development set (the plan's first) holds two groups, as the real one holds nine.
    sets = [{"index": "i-dev", "documents": ["docs"], "gold": ["gold/zh-a.jsonl", "gold/zh-b.jsonl"]},
            {"index": "i-c", "documents": ["docs"], "gold": ["gold/en-c.jsonl"]}]
    features = tmp_path / "f.jsonl"
    features.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert bench.main([str(features), "--plan", str(_write(repo, sets))]) == 0
    out = capsys.readouterr().out
    assert "A development" in out and "B held-out" in out and "B worst false abstention" in out
    assert {line.split()[0] for line in out.splitlines()[1:4]} == {"en-c", "zh-a", "zh-b"}
