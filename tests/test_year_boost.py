"""A clause naming the year a question names is raised (RetrievalOptions.year_boost)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.embed import HashingEmbedder
from rag.records import Unit
from rag.retrieve.fusion import Retriever
from rag.retrieve.options import RetrievalOptions
from tests.answer_fixtures import build_index

DOC = "圆桌"


def _unit(ordinal: int, label: str, text: str) -> Unit:
    return Unit(DOC, DOC, (label,), label, ordinal, text, (ordinal * 1000, ordinal * 1000 + len(text)), "article")


def test_the_clause_of_the_year_asked_is_raised(tmp_path: Path) -> None:
    other = _unit(1, "（六）", "（六）城乡居民人均可支配收入比持续缩小，居民人均可支配收入稳步增长，城镇居民收入增长。")
    asked = _unit(2, "张贵", "张贵：2023年城镇居民收入51821元。")
    filler = _unit(3, "（七）", "（七）加强城市治理，推进城市更新。")
    index = build_index(tmp_path / "idx", [other, asked, filler])
    question = "2023年城镇居民人均可支配收入有多少？"
    off = Retriever(index, HashingEmbedder(128), RetrievalOptions(year_boost=0.0, answerability=False))
    on = Retriever(index, HashingEmbedder(128), RetrievalOptions(year_boost=1.0, answerability=False))
    assert off.retrieve(question, top_k=3).hits[0].unit.label == "（六）"  # more of the question's words
    assert on.retrieve(question, top_k=3).hits[0].unit.label == "张贵"
    # No year asked: nothing raised.
    plain = "城镇居民人均可支配收入有多少？"
    assert on.retrieve(plain, top_k=3).hits[0].unit.label == off.retrieve(plain, top_k=3).hits[0].unit.label

    with pytest.raises(ValueError, match="year_boost"):
        RetrievalOptions(year_boost=-0.1)
