"""References cited as the rule broken (rag.query.breach): searched for, not looked up."""

from __future__ import annotations

import pytest

from rag.query.breach import breached
from rag.query.refparse import parse_refs


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("违反本条例第十一条规定的，怎么处罚？", True),
        ("用人单位违反《保障农民工工资支付条例》第十一条规定，逾期不改正的罚多少？", True),
        ("未按照本法第二十条规定办理的，会怎样？", True),
        ("违反第十一条、第十二条的怎么罚", True),
        # One article named twice with its items: each place read in turn (the two once made sorting
        # the references raise TypeError, for any question naming them).
        ("违反第十四条第（一）项或者第十四条第（六）项的，怎么处罚？", True),
        ("第十四条第（一）项和第十四条第（六）项有什么区别？", False),
        ("工伤保险条例第十四条第（六）项是怎么规定的？（接上文：工伤保险条例第十四条第（一）项）", False),
        ("What fine may be imposed on important entities infringing Article 21 or 23?", True),
        ("Which fines apply for breaches of Articles 13 and 14?", True),
        ("What is the penalty for a violation of section 5?", True),
        # The article itself is asked about.
        ("第十一条规定了什么？", False),
        ("依照第十一条，单位应当怎么做？", False),
        ("What does Article 21 say about fines for infringements?", False),
        ("Under Article 21, must entities use encryption?", False),
        # One reference broken, another asked about: the lookup stays.
        ("违反第十一条的，第五十四条怎么罚？", False),
        ("没有引用条文的问题", False),
    ],
)
def test_a_reference_cited_as_broken_is_told_apart(question: str, cited: bool) -> None:
    assert breached(question, parse_refs(question)) is cited, question
