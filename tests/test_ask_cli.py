"""``rag ask``: plain and JSON output, a questions file, document filter, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rag.ask_cli import ask_command
from rag.index.embed import HashingEmbedder
from rag.settings import Settings
from tests.answer_fixtures import PAPER, PLAN, build_index


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(index_dir=tmp_path / "index", embedder="hashing-128", cache_dir=tmp_path / "cache")
    build_index(s.index_path, embedder=HashingEmbedder(128))
    return s


def run(settings: Settings, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(ask_command, list(args), obj=settings)
    return result.exit_code, result.output


def test_plain_output_has_answer_and_numbered_sources(settings: Settings) -> None:
    code, out = run(settings, "城区人口不到300万的城市还限制落户吗？")
    assert code == 0, out
    answer, sources = out.split("\n\n", 1)
    assert answer.startswith("否，") and answer.rstrip().endswith("]")
    assert sources.startswith("来源：")
    assert f"[1] 《{PLAN}》 三、加快农业转移人口市民化 › （六）深化户籍制度改革 · （六）" in sources


def test_json_output(settings: Settings) -> None:
    code, out = run(settings, "--json", "实施方案第十二条讲了什么")
    assert code == 0, out
    data = json.loads(out)
    assert list(data) == ["question", "answer", "abstained", "citations", "sentences"]
    assert data["citations"][0]["label"] == "（十二）"


def test_abstention_shows_possibly_related(settings: Settings) -> None:
    code, out = run(settings, "北京明天天气怎么样")
    assert code == 0
    assert out.startswith("所提供的文件中没有找到相关规定。")
    assert "可能相关" in out
    code, out = run(settings, "How do I apply for a US visa?")
    assert out.startswith("The provided documents contain no provision on this.")
    assert "Possibly related" in out


def test_questions_file_gives_one_json_line_each(settings: Settings, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "q": "实施方案第十二条讲了什么"}\n'
        "\n"
        "not json\n"
        '{"id": 7, "q": "北京明天天气怎么样"}\n'
        '{"id": "c"}\n',
        encoding="utf-8",
    )
    code, out = run(settings, "--json", "--questions", str(questions))
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", 3, 7, "c"]
    assert rows[0]["citations"][0]["label"] == "（十二）"
    assert "error" in rows[1] and "line 3" in rows[1]["error"]
    assert rows[2]["abstained"] is True
    assert '"q"' in rows[3]["error"]


def test_doc_filter_and_top_k(settings: Settings) -> None:
    code, out = run(settings, "--json", "--doc", "新特征", "--top-k", "1", "户籍制度改革阻点")
    assert code == 0, out
    data = json.loads(out)
    assert {c["doc"] for c in data["citations"]} == {PAPER}
    code, out = run(settings, "--doc", "nothing-like-it", "落户")
    assert code != 0 and "matches no document" in out
    code, out = run(settings, "--doc", "十四五", "落户")  # two titles contain it
    assert code != 0 and "several documents" in out


def test_usage_errors(settings: Settings, tmp_path: Path) -> None:
    code, out = run(settings)
    assert code != 0 and "either a QUESTION or --questions" in out
    code, out = run(settings, "--top-k", "0", "落户")
    assert code != 0 and "top_k must be greater than 0" in out
    code, out = run(settings, "--index", "missing", "落户")
    assert code != 0 and "rag index" in out


def test_format_answer_reads_the_json_a_server_returns_like_the_answer_itself() -> None:
    from rag.ask_cli import format_answer

    data = {"question": "城区人口不到300万的城市还限制落户吗？", "answer": "否。[1]", "abstained": False,
            "citations": [{"n": 1, "doc": "d", "title": "方案", "label": "（六）",
                           "path": ["三、市民化", "（六）深化户籍制度改革"], "text": "…", "score": 0.9}],
            "sentences": [{"text": "否。", "citations": [1], "supported": True},
                          {"text": "另说。", "citations": [1], "supported": False}]}
    text = format_answer(data)
    assert text.splitlines()[0] == "否。[1]"
    assert "[1] 《方案》 三、市民化 › （六）深化户籍制度改革 · （六）" in text
    assert "  - 另说。" in text and "未能在所引条款中核实" in text
