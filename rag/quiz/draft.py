"""The optional LLM drafting hook: a ``Drafter`` proposes an item for a clause; the builder
checks it like any other and falls back to the offline generators when it fails.

Example::

    from langchain_openai import ChatOpenAI
    items = build_quiz(units, n=10, drafter=ChatModelDrafter(ChatOpenAI(model="gpt-4o-mini")))
"""

from __future__ import annotations

import json
from typing import Any, Protocol, runtime_checkable

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.output_parsers import JsonOutputParser

from rag.quiz.items import Answer, Citation, QuizItem, QuizType
from rag.quiz.source import Clause
from rag.quiz.wording import wording
from rag.settings import Settings


@runtime_checkable
class Drafter(Protocol):
    """Drafts one item of ``qtype`` answerable from the cited clause, or returns ``None``."""

    def draft(self, citation: Citation, qtype: QuizType, *, difficulty: str) -> QuizItem | None: ...


_SHAPES_ZH: dict[str, str] = {
    "single_choice": '"options": 四个选项, "answer": 正确选项的原文',
    "multiple_choice": '"options": 四个选项, "answer": 所有正确选项原文组成的数组（至少两个）',
    "true_false": '"options": ["正确", "错误"], "answer": true 或 false',
    "fill_blank": '"options": [], "answer": 空格处的原文；题干用＿＿＿＿表示空格',
    "short_answer": '"options": [], "answer": 参考答案，写成“①……；②……。”，每一点都是条款原文',
}
_SHAPES_EN: dict[str, str] = {
    "single_choice": '"options": four options, "answer": the text of the correct option',
    "multiple_choice": '"options": four options, "answer": array of every correct option (two or more)',
    "true_false": '"options": ["True", "False"], "answer": true or false',
    "fill_blank": '"options": [], "answer": the masked words; mark the blank as _____',
    "short_answer": '"options": [], "answer": reference answer as "(1) … (2) …", each point quoting the clause',
}

SYSTEM_ZH = """你为公务员培训出题。只能依据给出的一条条款出题，题目必须能仅凭这条条款作答，答案必须与原文一致。
规则：
1. 题干以“{prefix}”开头（判断题在前面加“判断正误：”）。
2. 错误选项要似是而非（例如其他条款的措施、文件中的其他数字、改变层级或主体），但不得是本条款中的任何真实表述。
3. 判断题如为错误表述，只改动一个事实（一个数字、一个层级如省级→全国、一个主体），其余与原文一字不差。
4. 填空只挖去有意义的术语或数字，不挖虚词或标点。
5. explanation 必须用“”引用条款原文。
只输出一个 JSON 对象：{{"question": ..., {shape}, "explanation": ...}}"""

SYSTEM_EN = """You write training questions for civil servants from ONE policy clause. Every question must be
answerable from that clause alone and its key must match the clause's wording.
Rules:
1. Start the question with "{prefix}" (true/false items start with "True or false: " first).
2. Wrong options must be plausible (another clause's measure, another number, a changed level or
   actor) but never a true statement of this clause.
3. A false true/false statement changes exactly one fact and copies everything else verbatim.
4. A blank masks a meaningful term or number, never a function word or punctuation.
5. The explanation quotes the clause in “curly quotes”.
Output one JSON object only: {{"question": ..., {shape}, "explanation": ...}}"""


def build_messages(citation: Citation, qtype: QuizType, difficulty: str) -> list[BaseMessage]:
    """The drafting prompt, in the clause's language."""
    clause = Clause.from_citation(citation)
    w = wording(clause)
    shapes, system = (_SHAPES_ZH, SYSTEM_ZH) if w.zh else (_SHAPES_EN, SYSTEM_EN)
    where = " › ".join([f"《{citation.title}》", *citation.path])
    ask = (f"题型：{qtype}；难度：{difficulty}\n条款（{where}）：\n{citation.text}" if w.zh
           else f"Type: {qtype}; difficulty: {difficulty}\nClause ({where}):\n{citation.text}")
    return [SystemMessage(system.format(prefix=w.prefix(clause), shape=shapes[qtype])), HumanMessage(ask)]


class ChatModelDrafter:
    """Drafts items with any LangChain chat model; a reply that is not the asked JSON is ``None``."""

    def __init__(self, model: BaseChatModel) -> None:
        self.model = model
        self._parser = JsonOutputParser()

    def draft(self, citation: Citation, qtype: QuizType, *, difficulty: str) -> QuizItem | None:
        reply = self.model.invoke(build_messages(citation, qtype, difficulty))
        try:
            data = self._parser.invoke(reply)
        except ValueError:  # OutputParserException: the model did not answer in JSON
            return None
        return item_from_draft(data, citation, qtype)

    @classmethod
    def from_settings(cls, settings: Settings) -> ChatModelDrafter | None:
        """The configured chat model's drafter, or ``None`` when no LLM is configured."""
        if not settings.llm_provider:
            return None
        from rag.answer.llm import chat_model  # imports the provider's client only when one is configured

        return cls(chat_model(settings))


def item_from_draft(data: Any, citation: Citation, qtype: QuizType) -> QuizItem | None:
    """A drafted JSON object as an item citing ``citation`` (the model never sets the citation)."""
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        return None
    raw = data.get("answer")
    answer: Answer
    if qtype == "true_false":
        if not isinstance(raw, bool):
            return None
        answer = raw
    elif qtype == "multiple_choice":
        if not isinstance(raw, list):
            return None
        answer = tuple(str(a) for a in raw)
    elif isinstance(raw, str | int | float) and not isinstance(raw, bool):
        answer = str(raw)
    else:
        return None
    options = data.get("options") or []
    if not isinstance(options, list):
        return None
    explanation = data.get("explanation")
    if not isinstance(explanation, str):
        explanation = json.dumps(explanation, ensure_ascii=False) if explanation else ""
    return QuizItem(qtype, data["question"], tuple(str(o) for o in options), answer, citation, explanation)
