"""Places a question names (rag.query.places) and the near miss they make when no clause names them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rag.query.places import mentions, named_places
from rag.records import Hit
from rag.retrieve.signals import figure_missing
from tests.answer_fixtures import units


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("深圳积分落户的分数线是多少？", ["深圳"]),
        ("What is the minimum wage in Shanghai?", ["上海"]),
        ("上海南站附近能落户吗？", ["上海"]),  # longest first, no overlap: not 海南
        ("北京和天津的技术合同成交额是多少？", ["北京", "天津"]),
        ("城区人口300万以下的城市还限制落户吗？", []),
    ],
)
def test_the_places_a_question_names(question: str, places: list[str]) -> None:
    assert [zh for zh, _ in named_places(question)] == places


def test_a_place_is_mentioned_in_either_language() -> None:
    assert mentions("The Shanghai municipal government sets it.", ("上海", "Shanghai"))
    assert mentions("上海市人民政府规定", ("上海", "Shanghai"))
    assert not mentions("省、自治区、直辖市人民政府规定", ("上海", "Shanghai"))


def test_a_figure_for_a_place_no_clause_names_is_missing() -> None:
    six = next(u for u in units() if u.label == "（六）")
    paid = replace(six, text="对加装电梯的，每户补贴3万元。")
    hits = [Hit(paid, 1.0, {"dense": 1})]
    assert not figure_missing("老旧小区加装电梯政府补贴多少钱？", hits)
    assert figure_missing("深圳老旧小区加装电梯政府补贴多少钱？", hits)  # the figure is not Shenzhen's
    shenzhen = replace(paid, text="深圳市对加装电梯的，每户补贴3万元。")
    assert not figure_missing("深圳老旧小区加装电梯政府补贴多少钱？", [Hit(shenzhen, 1.0, {"dense": 1})])
