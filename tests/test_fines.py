"""rag.query.fines: a fine asked, a fine stated, and the articles of its own text a clause cites."""

from __future__ import annotations

import pytest

from rag.query.fines import asks_fine, own_articles_cited, states_fine


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("有家单位把属于国家所有的档案卖给了文物贩子，对这家单位的罚款最多是多少？", True),
        ("那要是换成一个普通市民，把档案弄坏了，个人罚多少？", True),
        ("擅自销毁档案的，怎么处罚？", True),
        ("What fine can the authority impose on an undertaking?", True),
        ("Can the seller be fined for that?", True),
        ("档案形成之后满几年就得移交给县档案馆？", False),
        ("How long is the guarantee period?", False),
    ],
)
def test_a_fine_is_asked_by_its_word(question: str, asked: bool) -> None:
    assert asks_fine(question) is asked


def test_a_fine_is_stated_by_its_word() -> None:
    assert states_fine("由县级以上档案主管部门给予警告，并对单位处一万元以上十万元以下的罚款")
    assert states_fine("Member States shall lay down the rules on penalties applicable to infringements")
    assert not states_fine("由县级以上档案主管部门、有关机关对直接负责的主管人员和其他直接责任人员依法给予处分：")


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        # 档案法 第四十九条 cites its own 第四十八条's items.
        ("利用档案馆的档案，有本法第四十八条第一项、第二项、第四项违法行为之一的，由县级以上档案主管部门给予警告",
         (48,)),
        ("违反本条例第十一条、第十二条规定的，处一万元以上五万元以下的罚款", (11, 12)),
        ("有本法第五十条至第五十三条规定情形之一的", (50, 53)),
        # Another act's article is not the text's own.
        ("依照《档案法》第二十四条的规定委托档案服务时", ()),
        ("Article 19 of Regulation (EU) No 910/2014", ()),
        ("Articles 5, 6 and 7 of Directive 2002/21/EC", ()),
        ("infringements of Articles 5, 6 and 7 and Article 16(2) of this Directive", (5, 6, 7, 16)),
        ("referred to in Article 3(2)(b)", (3,)),
    ],
)
def test_the_articles_of_its_own_text_a_clause_cites(text: str, cited: tuple[int, ...]) -> None:
    assert own_articles_cited(text) == cited
