"""rag.retrieve.ordinal: the item a follow-up names by its place in a list the question before counted (stop 63)."""

from __future__ import annotations

from rag.records import Hit, Unit
from rag.retrieve.ordinal import item_first, item_number, named_place

TRENDS = ("那第五个趋势呢？城乡关系会走到哪一步？（接上文：河南那篇文章说全省新型城镇化呈现五大趋势，"
          "第二个趋势说城镇化发展进入了什么时期？）")
FEATURES = "那第三个特点讲的是什么？（接上文：河南那篇文章总结我国城镇化有四个特点，头一个“大国城镇化”是怎么说的？）"


def _hit(label: str, doc: str = "henan", score: float = 1.0) -> Hit:
    return Hit(Unit(doc, doc, (label,), label, 1, f"{label} 正文", (0, 10), "clause"), score, {})


def test_a_follow_up_names_a_place_of_the_list_counted_before() -> None:
    assert named_place(TRENDS) == 5
    assert named_place(FEATURES) == 3
    # Not a follow-up, a place past the count, or no count before: nothing named.
    assert named_place("专家圆桌里是不是说北京是全国第一个减量发展的超大城市？") is None
    assert named_place("那第六个趋势呢？（接上文：河南那篇文章说全省新型城镇化呈现五大趋势，第二个是什么？）") is None
    assert named_place("那第二个呢？（接上文：郑州的GDP是多少？）") is None


def test_an_item_label_numbers_its_place() -> None:
    assert [item_number(x) for x in ("5.", "（3）", "（五）", "五、", "3）")] == [5, 3, 5, 5, 3]
    assert item_number("第五条") is None and item_number("Article 5") is None and item_number("前言") is None


def test_the_item_named_goes_first() -> None:
    # hz33-26 found "5." second behind the paragraph announcing the five trends.
    hits = [_hit("（三）"), _hit("5."), _hit("3."), _hit("2.")]
    assert [h.unit.label for h in item_first(TRENDS, hits)] == ["5.", "（三）", "3.", "2."]
    # Another document's "5.", or two items of that place, move nothing.
    other = [_hit("（三）"), _hit("5.", doc="plan"), _hit("3.")]
    assert [h.unit.label for h in item_first(TRENDS, other)] == ["（三）", "5.", "3."]
    two = [_hit("（三）"), _hit("5."), _hit("（五）")]
    assert [h.unit.label for h in item_first(TRENDS, two)] == ["（三）", "5.", "（五）"]
    assert [h.unit.label for h in item_first("第五个趋势是什么？", hits)] == ["（三）", "5.", "3.", "2."]
