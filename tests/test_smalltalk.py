"""Small talk gets what the assistant is and which documents it holds, never "the documents do not
say" beside clauses sharing a word with "你好" (rag/query/smalltalk.py, rag/answer/smalltalk.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.answer.base import Answer, Draft
from rag.answer.smalltalk import small_talk_answer
from rag.index.embed import HashingEmbedder
from rag.pipeline import Pipeline
from rag.query.smalltalk import small_talk
from tests.answer_fixtures import PLAN, REG, build_index


@pytest.mark.parametrize(("message", "kind"), [
    ("你好", "hello"), ("你好，你是谁？", "hello"), ("您好呀", "hello"), ("你能做什么？", "hello"),
    ("Hi! How are you today?", "hello"), ("Who are you and what can you do?", "hello"),
    ("知识库里有哪些文件？", "documents"), ("你有哪些法律？", "documents"),
    ("What documents do you have?", "documents"), ("Hi there, please list your documents", "documents"),
    ("谢谢", "thanks"), ("Thanks!", "thanks"), ("好的，谢谢", "thanks"),
    # Anything besides small talk is a question.
    ("你好，工伤怎么认定？", None), ("今天天气怎么样？", None), ("好的，那工伤呢？", None),
    ("What can you do to help me with my claim?", None), ("Help me find the fine for speeding", None),
])
def test_what_is_small_talk(message: str, kind: str | None) -> None:
    assert small_talk(message) == kind


def test_the_reply_names_the_documents_and_claims_nothing() -> None:
    titles = [f"条例{i}" for i in range(12)]
    listed = small_talk_answer("有哪些文件？", "documents", titles)
    assert listed.abstained and not listed.citations
    assert listed.answer.startswith("目前收录了12份文件：《条例0》、《条例1》") and "《条例9》等12份。" in listed.answer
    hello = small_talk_answer("Hello", "hello", ["Housing Regulation"])
    assert "The knowledge base holds 1 document: Housing Regulation." in hello.answer
    assert small_talk_answer("你好", "hello", []).answer.count("目前还没有收录任何文件") == 1
    with pytest.raises(ValueError, match="'weather'"):
        small_talk_answer("你好", "weather", titles)


def test_the_pipeline_answers_small_talk_before_searching(tmp_path: Path) -> None:
    pipeline = Pipeline(build_index(tmp_path / "idx"), HashingEmbedder(128))
    answer = pipeline.ask("你好，你是谁？")
    assert answer.abstained and not answer.citations  # no 可能相关 clauses for a greeting
    assert f"《{PLAN}》" in answer.answer and f"《{REG}》" in answer.answer
    only = pipeline.ask("有哪些文件？", docs=[REG])
    assert f"《{REG}》" in only.answer and PLAN not in only.answer
    draft, last = list(pipeline.stream("谢谢"))
    assert isinstance(draft, Draft) and isinstance(last, Answer)
    assert draft.text == last.answer == "不客气！关于这些文件还有问题，请随时提问。"
    assert not pipeline.ask("你好，户籍制度改革有什么要求？").answer.startswith("你好！")
