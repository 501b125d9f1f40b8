"""References to another law's articles (rag.query.outside): searched for, not looked up."""

from __future__ import annotations

import pytest

from rag.query.docnames import DocNames
from rag.query.outside import cites_outside, outside_name
from rag.query.refparse import parse_refs

NAMES = DocNames({
    "劳动合同法实施条例(2008-09-18)": "劳动合同法实施条例(2008-09-18)",
    "消防法(2021-04-29)": "消防法(2021-04-29)",
    "民法典-合同编": "民法典-合同编",
})


@pytest.mark.parametrize(
    ("question", "outside"),
    [
        # held-out ha-28 / ha-32: the regulation is indexed, its parent law is not.
        ("我按劳动合同法第三十八条辞职了，公司还能让我赔服务期违约金吗？", True),
        ("公司说按劳动合同法第四十条多给我一个月工资，这一个月工资按哪个月的标准算？", True),
        ("依照《中华人民共和国劳动合同法》第三十八条辞职，要赔钱吗？", True),
        ("根据刑法第一百三十九条，消防责任事故怎么处理？", True),
        # The indexed texts, named or not.
        ("消防法第十条讲什么", False),
        ("劳动合同法实施条例第十条讲了什么", False),
        ("民法典第五百八十五条怎么规定违约金", False),
        ("第三十八条讲什么", False),
        # The text at hand, named by a pronoun.
        ("本条例第五条是什么意思", False),
        ("依照本法第十条的规定，谁负责？", False),
        ("按这部法第十条，单位要做什么？", False),
        # "规定" alone names no law.
        ("按照有关规定第三条怎么办", False),
        # One reference another law's, one ours: the lookup stays.
        ("劳动合同法第三十八条和消防法第十条", False),
        ("没有引用条文的问题", False),
    ],
)
def test_another_laws_article_is_told_apart(question: str, outside: bool) -> None:
    assert cites_outside(question, parse_refs(question), NAMES) is outside, question


def test_the_outside_name_is_the_run_before_the_reference() -> None:
    assert outside_name("我按劳动合同法", NAMES) == "我按劳动合同法"
    assert outside_name("我按《劳动合同法》的", NAMES) == "我按劳动合同法"
    assert outside_name("我按消防法", NAMES) is None
    assert outside_name("请问", NAMES) is None
