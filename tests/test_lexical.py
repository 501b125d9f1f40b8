"""The BM25 index (``rag.index.lexical``): integer-id build, document filtering by weight mask."""

from __future__ import annotations

from array import array
from pathlib import Path

import bm25s
import numpy as np
import pytest

from rag.index.lexical import LexicalIndex
from rag.ingest import clauses, clean
from rag.ingest.load import load_file
from rag.records import Unit
from rag.text import bigrams
from tests.conftest import DOCUMENTS

TEXTS = [
    "城区常住人口300万以下的城市全面取消落户限制。",
    "推进城镇基本公共服务由常住地供给，保障随迁子女受教育权利。",
    "",  # an empty unit keeps its row
    "城区常住人口300万至500万的大城市全面放宽落户条件。",
    "Article 17 Right to erasure: the data subject shall have the right to erasure.",
]


def test_build_from_ids_scores_like_before_and_keeps_rows(tmp_path: Path) -> None:
    index = LexicalIndex.build(TEXTS)
    assert index.size == len(TEXTS)
    hits = index.search("城区常住人口300万以下", 3)
    assert [r for r, _ in hits] == [0, 3, 1]  # row 1 shares only 常住
    # The same scores as bm25s indexing the bigram strings itself (how the build worked before).
    reference = bm25s.BM25()
    reference.index([bigrams(t) or ["\u0000"] for t in TEXTS], show_progress=False)
    expected = reference.get_scores([g for g in bigrams("城区常住人口300万以下") if g in reference.vocab_dict])
    assert [s for _, s in hits] == pytest.approx(sorted(expected, reverse=True)[:3])
    assert [r for r, _ in index.search("right to erasure", 5)] == [4]
    assert index.search("完全无关的词语", 5) == [] and index.search("落户", 0) == []
    index.save(tmp_path / "lex")
    again = LexicalIndex.load(tmp_path / "lex")
    assert again.search("城区常住人口300万以下", 3) == hits


def test_rows_limit_the_search_without_changing_scores() -> None:
    index = LexicalIndex.build(TEXTS)
    everything = dict(index.search("常住人口落户", 10))
    only = index.search("常住人口落户", 10, rows=[1, 3])
    assert [r for r, _ in only] == [r for r, _ in sorted(everything.items(), key=lambda p: -p[1]) if r in (1, 3)]
    assert all(score == pytest.approx(everything[row]) for row, score in only)
    assert index.search("常住人口落户", 1, rows=[3]) == [(3, pytest.approx(everything[3]))]
    assert index.search("常住人口落户", 5, rows=[]) == []


def test_empty_corpus() -> None:
    index = LexicalIndex.build([])
    assert index.size == 0 and index.search("落户", 5) == []


def test_compact_build_writes_bm25s_own_arrays_bit_for_bit() -> None:
    texts = TEXTS * 3 + [u.text for u in _corpus_units()]
    ours = LexicalIndex.build(texts)._bm25
    vocab: dict[str, int] = {"\u0000": 0}
    ids = [array("i", (vocab.setdefault(t, len(vocab)) for t in bigrams(x))) or array("i", [0]) for x in texts]
    reference = bm25s.BM25()
    reference.index((ids, vocab), create_empty_token=False, show_progress=False)
    assert ours.vocab_dict == reference.vocab_dict
    for part in ("data", "indices", "indptr"):
        got, want = ours.scores[part], reference.scores[part]
        assert got.dtype == want.dtype and np.array_equal(got, want), part
    assert ours.scores["num_docs"] == reference.scores["num_docs"] == len(texts)


def _corpus_units() -> list[Unit]:
    units: list[Unit] = []
    for path in sorted(DOCUMENTS.glob("*.txt")):
        units += clauses.parse(clean.clean(load_file(path))).units
    return units
