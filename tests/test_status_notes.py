"""Citations carry their document's metadata; an amended or repealed document is never cited as
current without a note; the kind filter and the plain output of ``rag ask``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rag.answer.base import Answer, Citation, Sentence
from rag.answer.metaline import meta_line
from rag.answer.status import status_note, with_status_notes
from rag.ask_cli import ask_command
from rag.index.embed import HashingEmbedder
from rag.pipeline import Pipeline
from rag.records import DocumentMeta, Unit
from rag.settings import Settings
from tests.answer_fixtures import PAPER, PLAN, build_index

REPEALED = DocumentMeta(title="示范实施方案", kind="policy", issuer="国务院办公厅", issued="2022年6月21日",
                        status="repealed")


def _citation(n: int, meta: DocumentMeta | None) -> Citation:
    unit = Unit("d", "示范", ("（六）",), "（六）", 6, "（六）条文。", (0, 6))
    return Citation(n, "d", "示范", "（六）", ("（六）",), "（六）条文。", 1.0, unit, meta)


def _answer(text: str, *citations: Citation, question: str = "还限制落户吗？") -> Answer:
    return Answer(question, text, False, citations, (Sentence(text, tuple(c.n for c in citations), True),))


def test_the_note_goes_right_after_the_marker_run() -> None:
    answer = _answer("全面取消落户限制。[1][2] 另有规定。[2]", _citation(1, REPEALED), _citation(2, DocumentMeta()))
    noted = with_status_notes(answer)
    note = "（注意：《示范实施方案》已废止，所引条款不是现行规定）"
    assert noted.answer == f"全面取消落户限制。[1][2]{note} 另有规定。[2]"
    assert noted.notes == ("注意：《示范实施方案》已废止，所引条款不是现行规定。",)
    assert noted.to_json()["notes"] == list(noted.notes)


def test_no_note_for_current_or_unstated_status_and_english_wording() -> None:
    plain = _answer("甲。[1]", _citation(1, DocumentMeta(status="in_force")), _citation(2, None))
    assert with_status_notes(plain) is plain and "notes" not in plain.to_json()
    amended = DocumentMeta(title="Example Act", status="amended")
    english = with_status_notes(_answer("It applies.[1]", _citation(1, amended), question="Does it apply?"))
    wording = "(Note: Example Act has been amended; the text cited may not be the current one.)"
    assert english.answer == f"It applies.[1] {wording}"
    # No marker in the text (a list of candidates): the note goes on a line of its own.
    listed = with_status_notes(_answer("见于多个文件", _citation(3, REPEALED))).answer
    assert listed.endswith("\n（注意：《示范实施方案》已废止，所引条款不是现行规定）")
    assert status_note(DocumentMeta(status=""), "x", zh=True) == ""


@pytest.fixture
def repealed_plan(tmp_path: Path) -> Pipeline:
    index = build_index(tmp_path / "i", metas={PLAN: REPEALED})
    return Pipeline(index, HashingEmbedder(128))


def test_every_citation_carries_its_documents_metadata_and_the_answer_says_repealed(repealed_plan: Pipeline) -> None:
    answer = repealed_plan.ask("城区人口不到300万的城市还限制落户吗？")
    assert not answer.abstained
    plan_citations = [c for c in answer.to_json()["citations"] if c["doc"] == PLAN]
    assert plan_citations and all(c["meta"]["status"] == "repealed" for c in plan_citations)
    assert all(c["meta"]["kind"] == "policy" and c["meta"]["issuer"] == "国务院办公厅" for c in plan_citations)
    assert "已废止" in answer.answer and answer.notes
    streamed = list(repealed_plan.stream("城区人口不到300万的城市还限制落户吗？"))[-1]
    assert isinstance(streamed, Answer) and streamed.notes == answer.notes
    lookup = repealed_plan.ask("实施方案第十二条讲了什么")
    assert "已废止" in lookup.answer


def test_kind_filter_on_the_pipeline(repealed_plan: Pipeline) -> None:
    answer = repealed_plan.ask("户籍制度改革阻点", kinds=["commentary"])
    assert {c.doc for c in answer.citations} <= {PAPER}
    with pytest.raises(ValueError, match="unknown document kind 'memo'"):
        repealed_plan.ask("户籍制度改革", kinds=["memo"])


def test_meta_line_shows_the_known_fields_in_order() -> None:
    line = meta_line(REPEALED.shown(), zh=True)
    assert line == "示范实施方案 · 政策文件 · 国务院办公厅 · 2022年6月21日发布 · 已废止"
    assert meta_line({"kind": "law", "status": "in_force", "effective": "2021-05-01"}, zh=False) == (
        "law · 2021-05-01 in force · in force"
    )
    assert meta_line(None, zh=True) == ""


def _cli(tmp_path: Path, *args: str) -> tuple[int, str]:
    settings = Settings(index_dir=tmp_path / "index", embedder="hashing-128", cache_dir=tmp_path / "cache")
    build_index(settings.index_path, embedder=HashingEmbedder(128), metas={PLAN: REPEALED})
    result = CliRunner().invoke(ask_command, list(args), obj=settings)
    return result.exit_code, result.output


def test_rag_ask_shows_metadata_notes_and_filters_by_kind(tmp_path: Path) -> None:
    code, out = _cli(tmp_path, "城区人口不到300万的城市还限制落户吗？")
    assert code == 0, out
    assert "    示范实施方案 · 政策文件 · 国务院办公厅 · 2022年6月21日发布 · 已废止" in out
    assert "注意：《示范实施方案》已废止" in out
    code, out = _cli(tmp_path, "--json", "--kind", "commentary", "户籍制度改革阻点")
    assert code == 0, out
    assert {c["doc"] for c in json.loads(out)["citations"]} <= {PAPER}
    code, out = _cli(tmp_path, "--kind", "memo", "户籍")
    assert code != 0 and "'memo' is not one of" in out
