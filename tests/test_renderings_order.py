"""A Chinese question's English units ordered by its words' English glosses, on the first search's
scale (rag.retrieve.hybrid ``_with_renderings``, ``RetrievalOptions.render_words``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.embed import HashingEmbedder
from rag.retrieve.fusion import Retriever
from tests.answer_fixtures import build_index

QUESTION = "房东要在多少天内登记租约？"


@pytest.fixture()
def retriever(tmp_path: Path) -> Retriever:
    return Retriever(build_index(tmp_path / "idx"), HashingEmbedder(128))


def _row(retriever: Retriever, label: str) -> int:
    return next(i for i, u in enumerate(retriever.index.units) if u.label == label)


def test_the_glosses_order_the_english_units_below_the_first_english_score(retriever: Retriever) -> None:
    chinese = _row(retriever, "（十二）")
    article, section = _row(retriever, "Article 5"), _row(retriever, "Section 2.1")
    # The first search matched the Chinese clause best and, of the English ones, only Section 2.1.
    found = retriever._with_renderings(QUESTION, QUESTION, [(chinese, 5.0), (section, 1.0)], 10, None)
    assert found[0] == (chinese, 5.0)  # the Chinese units keep their scores and their lead
    english = [(r, s) for r, s in found if r in (article, section)]
    # 房东 → landlords, 登记 → register: Article 5 now leads the English units, at the best English score before.
    assert [r for r, _ in english] == [article, section]
    assert english[0][1] == pytest.approx(1.0)


def test_nothing_moves_without_an_english_unit_matched_or_a_chinese_question(retriever: Retriever) -> None:
    chinese = _row(retriever, "（十二）")
    assert retriever._with_renderings(QUESTION, QUESTION, [(chinese, 5.0)], 10, None) == [(chinese, 5.0)]
    section = _row(retriever, "Section 2.1")
    plain = [(chinese, 5.0), (section, 1.0)]
    # An English question has no Chinese words to read.
    assert retriever._with_renderings("When must a landlord register?", "landlord register", plain, 10, None) == plain
