"""``rag quiz``."""

from __future__ import annotations

import json
from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner

from rag.quiz.bank import Bank, bank_path
from rag.quiz.cli import quiz_command
from rag.quiz.export import (
    read_gift,
)
from rag.quiz.paper import DEFAULT_SEED
from rag.settings import Settings
from tests.quiz.quiz_helpers import DATA

# ---------------------------------------------------------------------------------------------
# The command


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(quiz_command, ["--documents", str(DATA / "quiz_docs"), *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_prints_the_items_as_json() -> None:
    code, out, _ = _run("--n", "5", "--json", "--seed", "1")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 5 and all(set(d) == {"type", "question", "options", "answer", "citation", "explanation"}
                                  for d in data)
    assert all(d["citation"]["title"] == "示例实施方案" for d in data)


def test_cli_writes_a_gift_file(tmp_path: Path) -> None:
    out = tmp_path / "quiz.gift"
    code, _, err = _run("--n", "4", "--types", "single,tf", "--format", "gift", "-o", str(out))
    assert code == 0 and "wrote 4 questions" in err
    assert {q.type for q in read_gift(out.read_text("utf-8"))} == {"single_choice", "true_false"}


def test_cli_selects_a_clause_and_reports_a_short_quiz() -> None:
    code, out, err = _run("--clause", "（一）", "--n", "30", "--json")
    assert code == 0 and "only" in err
    assert {d["citation"]["label"] for d in json.loads(out)} == {"（一）"}


def test_cli_runs_under_a_group_with_its_settings() -> None:
    group = click.Group()
    group.add_command(quiz_command)
    result = CliRunner().invoke(group, ["quiz", "--documents", str(DATA / "quiz_docs"), "--n", "2", "--json"],
                                obj=Settings())
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--types", "essay"], "essay"), (["--format", "docx"], "needs -o"),
     (["--clause", "（九十九）"], "no clause matches"), (["--n", "0"], "0")],
)
def test_cli_errors_name_the_bad_value(args: list[str], message: str) -> None:
    code, out, err = _run(*args)
    assert code != 0 and message in out + err


def test_cli_writes_the_student_version_into_a_directory_under_the_papers_name(tmp_path: Path) -> None:
    code, _, err = _run("--n", "4", "--format", "docx", "--student", "-o", str(tmp_path))
    assert code == 0, err
    [path] = tmp_path.glob("*.docx")
    assert path.name.startswith("《示例实施方案》培训测验-") and path.name.endswith("-学生版.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "答案与解析" not in text


def test_cli_refuses_a_student_version_of_an_lms_format() -> None:
    code, out, err = _run("--format", "gift", "--student")
    assert code != 0 and "--student" in out + err


def test_cli_saves_the_items_in_the_bank_beside_the_index(tmp_path: Path) -> None:
    group = click.Group()
    group.add_command(quiz_command)
    settings = Settings(index_dir=tmp_path, index_name="kb")
    result = CliRunner().invoke(group, ["quiz", "--documents", str(DATA / "quiz_docs"), "--n", "3", "--json",
                                        "--save", "--tag", "第一期"], obj=settings)
    assert result.exit_code == 0, result.output
    entries = Bank(bank_path(tmp_path, "kb")).all()
    assert len(entries) == 3 and all(e.tags == ("第一期",) for e in entries)


def test_cli_and_ui_share_the_seed_default() -> None:
    seed = next(p for p in quiz_command.params if p.name == "seed")
    assert seed.default == DEFAULT_SEED


def test_cli_assembles_a_paper_from_the_bank(tmp_path: Path) -> None:
    group = click.Group()
    group.add_command(quiz_command)
    settings = Settings(index_dir=tmp_path, index_name="kb")
    docs = ["quiz", "--documents", str(DATA / "quiz_docs")]
    missing = CliRunner().invoke(group, [*docs, "--from-bank", "--json"], obj=settings)
    assert missing.exit_code != 0 and "no question bank" in missing.output
    saved = CliRunner().invoke(group, [*docs, "--n", "6", "--save", "--json", "--seed", "2"], obj=settings)
    made = {d["question"] for d in json.loads(saved.stdout)}
    paper = CliRunner().invoke(group, [*docs, "--from-bank", "--n", "4", "--types", "single,tf,blank,short,multi",
                                       "--json"], obj=settings)
    assert paper.exit_code == 0, paper.output
    questions = [d["question"] for d in json.loads(paper.stdout)]
    assert 0 < len(questions) <= 4 and set(questions) <= made
    assert len(Bank(bank_path(tmp_path, "kb")).all()) == 6  # assembling saves nothing new
