"""Long clauses become overlapping passages cut at sentence ends."""

from __future__ import annotations

import itertools

from rag.ingest.clauses import parse
from rag.records import Document
from tests.ingest_helpers import assert_spans, doc

SENTENCE = "推进城市更新改造，完善基础设施和公共服务，提升城市品质。"  # 28 characters


def long_clause_doc(sentences: int) -> Document:
    return doc("一、甲\n（一）更新改造。" + SENTENCE * sentences + "\n（二）后续。短句。\n二、乙\n（三）末条。短句。")


def test_long_clause_is_split_into_overlapping_passages() -> None:
    d = long_clause_doc(40)  # about 1,130 characters
    units = parse(d, max_chars=400, overlap=80).units
    passages = [u for u in units if u.label == "（一）"]
    assert len(passages) == 4
    assert all(u.path == ("一、甲", "（一）更新改造") and u.ordinal == 0 and u.kind == "clause" for u in passages)
    assert [(u.part, u.parts) for u in passages] == [(0, 4), (1, 4), (2, 4), (3, 4)]
    assert passages[0].text.startswith("（一）更新改造。")
    assert_spans(d, tuple(passages))
    clause_start, clause_end = passages[0].span[0], passages[-1].span[1]
    assert d.text[clause_start:clause_end].endswith("提升城市品质。")
    for prev, cur in itertools.pairwise(passages):
        assert cur.span[0] < prev.span[1]  # they overlap
        assert 40 <= prev.span[1] - cur.span[0] <= 160
        assert prev.text.endswith("。")  # cut at a sentence end
    assert all(200 <= len(u.text) <= 400 for u in passages)  # balanced, no stub at the end
    # The following clause keeps counting from the split one.
    assert [u.ordinal for u in units if u.label in ("（二）", "（三）")] == [1, 2]


def test_clause_just_over_the_limit_is_halved_not_stubbed() -> None:
    d = long_clause_doc(15)  # about 430 characters
    passages = [u for u in parse(d, max_chars=400, overlap=80).units if u.label == "（一）"]
    assert len(passages) == 2
    assert min(len(u.text) for u in passages) >= 150


def test_no_overlap_means_adjacent_passages() -> None:
    d = long_clause_doc(30)
    passages = [u for u in parse(d, max_chars=300, overlap=0).units if u.label == "（一）"]
    assert all(cur.span[0] >= prev.span[1] for prev, cur in itertools.pairwise(passages))
    assert all(len(u.text) <= 300 for u in passages)


def test_a_footnote_marker_stays_with_its_sentence() -> None:
    body = "城镇化率提高到64.72%。[1]" + SENTENCE * 20
    d = doc("一、甲\n" + body + "\n二、乙\n正文。")
    for u in parse(d, max_chars=200, overlap=40).units:
        assert not u.text.startswith("[")
