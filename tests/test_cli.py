"""The rag command line on small fixtures, with the hashing embedder (fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rag.cli import main
from tests.conftest import DOCUMENTS


@pytest.fixture
def env(tmp_path: Path, docs_dir: Path) -> dict[str, str]:
    return {
        "RAG_DOCUMENTS_DIR": str(docs_dir),
        "RAG_INDEX_DIR": str(tmp_path / "index"),
        "RAG_EMBEDDER": "hashing-64",
        "RAG_CACHE_DIR": str(tmp_path / "cache"),
    }


def test_chunks_json_of_the_real_plan_has_52_clauses() -> None:
    result = CliRunner().invoke(main, ["chunks", "实施方案", "--json"],
                                env={"RAG_DOCUMENTS_DIR": str(DOCUMENTS)})
    assert result.exit_code == 0, result.output
    units = json.loads(result.stdout)["units"]
    assert set(units[0]) >= {"label", "path", "ordinal", "text", "span"}
    clauses = list(dict.fromkeys(u["label"] for u in units if u["kind"] == "clause"))
    assert len(clauses) == 52 and clauses[0] == "（一）" and clauses[-1] == "（五十二）"
    six = next(u for u in units if u["label"] == "（六）")
    assert six["path"] == ["三、加快农业转移人口市民化", "（六）深化户籍制度改革"]
    assert six["text"].startswith("（六）深化户籍制度改革。")


def test_chunks_of_a_regulation_names_its_levels_units_metadata_and_warnings() -> None:
    corpus = Path(__file__).resolve().parents[1] / "evals" / "corpora" / "zh-laws"
    result = CliRunner().invoke(main, ["chunks", str(corpus / "工伤保险条例(2010-12-20).md")],
                                env={"RAG_DOCUMENTS_DIR": str(DOCUMENTS)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "工伤保险条例(2010-12-20): 工伤保险条例  (regulation; 国务院; 中华人民共和国国务院令第375号")
    assert lines[1] == "levels: 第一章 › 第一条"
    assert lines[2].startswith("units: 67 clauses in ") and lines[2].endswith("; 0 warnings")
    data = json.loads(CliRunner().invoke(main, ["chunks", str(corpus / "工伤保险条例(2010-12-20).md"), "--json"],
                                         env={"RAG_DOCUMENTS_DIR": str(DOCUMENTS)}).stdout)
    assert data["meta"]["title"] == "工伤保险条例" and data["clauses"] == 67 and data["warnings"] == []
    assert [u["label"] for u in data["units"] if u["part"] == 0][:3] == ["第一条", "第二条", "第三条"]


def test_chunks_of_an_unknown_document_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["chunks", "不存在的文件"], env={"RAG_DOCUMENTS_DIR": str(DOCUMENTS)})
    assert result.exit_code == 2 and "no document matches '不存在的文件'" in result.output


def test_index_prints_a_summary_and_then_is_up_to_date(env: dict[str, str], docs_dir: Path) -> None:
    (docs_dir / "坏文件.txt").write_bytes(b"\x00\xff" * 64)
    runner = CliRunner()
    first = runner.invoke(main, ["index", "--quiet"], env=env)
    assert first.exit_code == 0, first.output
    assert "2 documents" in first.output and "2 added" in first.output
    assert "skipped files (1)" in first.output and "坏文件.txt" in first.output
    second = runner.invoke(main, ["index", "--quiet"], env=env)
    assert second.exit_code == 0 and "up to date" in second.output


def test_index_reads_the_upload_folder_and_chunks_finds_an_upload(env: dict[str, str], tmp_path: Path) -> None:
    uploads = tmp_path / "index" / "kb" / "default" / "documents"  # where the app puts uploads
    uploads.mkdir(parents=True)
    text = "第一条 新市民可以申请保障性租赁住房。\n\n第二条 申请人应当如实填报。\n"
    (uploads / "住房保障办法.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["index", "--quiet"], env=env)
    assert result.exit_code == 0 and "3 documents" in result.output, result.output
    chunks = runner.invoke(main, ["chunks", "住房保障办法"], env=env)
    assert chunks.exit_code == 0 and "第一条" in chunks.output, chunks.output
    only = runner.invoke(main, ["index", "--quiet", env["RAG_DOCUMENTS_DIR"]], env=env)
    assert only.exit_code == 0 and f"the upload folder {uploads} is not among PATHS" in only.output


def test_info_without_an_index_says_how_to_build_one(env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["info"], env=env)
    assert result.exit_code == 1 and "rag index" in result.output


def test_bad_setting_from_the_environment_names_the_value(env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["info"], env={**env, "RAG_TOP_K": "zero"})
    assert result.exit_code == 2 and "RAG_TOP_K" in result.output and "'zero'" in result.output
