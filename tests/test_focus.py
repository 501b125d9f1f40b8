"""The sentence a long question asks in (rag/query/focus.py): read on its own by the dense search
beside the whole question, when the question sets a scene first."""

from __future__ import annotations

import pytest

from rag.query.focus import asked_sentence


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("我在化工厂上班，闻到很浓的泄漏气味。这种情况我能自己先停下手里的活跑出车间吗？",
         "这种情况我能自己先停下手里的活跑出车间吗？"),
        # The asking sentence need not be the last: a remark may follow it.
        ("I'm a bank cashier and I flagged a customer as suspicious. If the police ask the FIU, will the FIU "
         "tell them the report came from me? This is under the EU anti-money laundering rules.",
         "If the police ask the FIU, will the FIU tell them the report came from me?"),
        ("那低保呢？论文是主张城里和农村各搞各的吗？", "论文是主张城里和农村各搞各的吗？"),
    ],
)
def test_the_sentence_asked_in_after_the_scene(question: str, asked: str) -> None:
    assert asked_sentence(question) == asked


@pytest.mark.parametrize(
    "question",
    [
        "职工上下班路上出车祸算工伤吗？",  # one sentence: the whole question asks
        "我被公司罚了两百块钱。这样合法吗？",  # the asking sentence names nothing of its own
        "My employer fined me. Is that allowed?",
        "I was fined by my employer last week and I want to complain to someone.",  # nothing asked
        "他能这么扣吗？（接上文：工地班长非让我在没系安全绳的情况下爬到高处干活，我没去。）",  # a follow-up's context
    ],
)
def test_no_sentence_of_its_own(question: str) -> None:
    assert asked_sentence(question) is None
