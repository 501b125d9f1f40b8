"""The real corpus indexed with the real default embedder: the foundation works end to end."""

from __future__ import annotations

import pytest

from rag.index.build import build_index
from rag.index.embed import load_embedder
from rag.index.store import load_index
from rag.ingest.numerals import int_to_cn
from rag.settings import DEFAULT_EMBEDDER, Settings

pytestmark = pytest.mark.integration

PLAN = "“十四五”新型城镇化实施方案"


def test_plan_has_its_52_clauses_with_their_paths(real_index: Settings) -> None:
    index = load_index(real_index.index_path, embedder_id=DEFAULT_EMBEDDER)
    assert index.manifest.embedder_id == DEFAULT_EMBEDDER and index.manifest.dim == 384
    clauses: dict[str, tuple[str, ...]] = {}
    for unit in index.units:
        if unit.doc_id == PLAN and unit.kind == "clause":
            clauses.setdefault(unit.label, unit.path)
    assert list(clauses) == [f"（{int_to_cn(n)}）" for n in range(1, 53)]
    assert clauses["（六）"] == ("三、加快农业转移人口市民化", "（六）深化户籍制度改革")
    assert clauses["（五十二）"] == ("八、保障措施", "（五十二）加强监测评估")
    chapters = {u.path[0] for u in index.units if u.doc_id == PLAN and u.path}
    assert {c.split("、")[0] for c in chapters} == {"一", "二", "三", "四", "五", "六", "七", "八"}
    assert not index.document(PLAN).warnings


def test_real_embeddings_find_the_clause_a_plain_question_means(real_index: Settings) -> None:
    index = load_index(real_index.index_path)
    embedder = load_embedder(real_index)
    vector = embedder.embed(["农民工的孩子在城里上学有什么保障？"], query=True)[0]
    top = [index.units[row] for row, _ in index.dense_search(vector, 3)]
    assert ("（九）", PLAN) in [(u.label, u.doc_id) for u in top]


def test_rerun_over_an_unchanged_corpus_loads_no_model(real_index: Settings) -> None:
    def no_model() -> object:
        raise AssertionError("an unchanged corpus must not load the embedder")

    report = build_index(real_index, no_model, progress=False)  # type: ignore[arg-type]
    assert report.up_to_date and report.documents == 5
