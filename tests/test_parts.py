"""A question of several parts, read part by part (rag.query.parts)."""

from __future__ import annotations

import pytest

from rag.query.parts import question_parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        # Questions written one after another.
        ("发生劳动争议，是先调解还是先仲裁？仲裁委员会多久内要作出裁决？",
         ["发生劳动争议，是先调解还是先仲裁？", "仲裁委员会多久内要作出裁决？"]),
        ("What must a provider do? And when must it register the system?",
         ["What must a provider do?", "And when must it register the system?"]),
        # Two asking pieces of one sentence; the setting before them goes with each.
        ("发生工伤以后，哪些费用由工伤保险基金出，哪些由用人单位出？",
         ["发生工伤以后，哪些费用由工伤保险基金出，", "发生工伤以后，哪些由用人单位出？"]),
    ],
)
def test_parts_are_read(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "城区人口300万以下的城市，落户限制现在取消了没有？",  # a setting, then one question
        "16岁的未成年人违法，或者是被人胁迫才违法的，处罚上有什么从轻的规定？",  # one question, two cases
        "超高层建筑还能建吗？会议和实施方案分别怎么说？",  # the second names no topic of its own
        "Which documents have to be kept for 10 years, and by whom?",  # "by whom" is no part
        "那补贴多少钱？（接上文：这个政策什么时候实施？）",  # a follow-up's context is not a part
    ],
)
def test_one_question_is_one_part(question: str) -> None:
    assert question_parts(question) == [question]
