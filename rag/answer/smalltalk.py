"""The reply to small talk (:mod:`rag.query.smalltalk`): what the assistant is and which documents
it holds. Nothing is claimed from a document, so the reply cites nothing and counts as declined
(an evaluator's off-topic question stays refused).

Example::

    small_talk_answer("你好，你是谁？", "hello", ["工伤保险条例", "行政处罚法"]).answer
    # "你好！我是政策文件问答助手：只根据已收录的文件回答……目前收录了2份文件：《工伤保险条例》、《行政处罚法》。……"
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.answer.records import Answer
from rag.text import language

# How many document titles a reply names before "and N more": the list asked for, and the greeting's
# (unmeasured: a line a reader takes in).
SHOWN_TITLES = 10
GREETING_TITLES = 5

_ZH = {
    "hello": "你好！我是政策文件问答助手：只根据已收录的文件回答，每句话都注明出自哪一条；"
             "文件里没有的，我会直说没有找到。{holding}请直接提问，例如“某条例第十四条讲了什么？”，或用日常的话问具体情况。",
    "documents": "{holding}可以问其中任何一份文件的内容，或按条文编号查看原文。",
    "thanks": "不客气！关于这些文件还有问题，请随时提问。",
    "task": "这个我做不了：我只根据已收录的文件回答问题，并注明出自哪一条，不做翻译、写作之类的事。{holding}"
            "可以问其中任何一份文件的内容。",
}
_EN = {
    "hello": "Hello! I answer questions from the documents in this knowledge base only, and cite the article every "
             "sentence comes from; when the documents do not say, I tell you so. {holding}Ask a question, for "
             "example “What does Article 14 say?”, or describe your situation in your own words.",
    "documents": "{holding}Ask about any of them, or look an article up by its number.",
    "thanks": "You are welcome! Ask again whenever you have a question about these documents.",
    "task": "I cannot do that: I answer questions from the documents in this knowledge base only, citing the "
            "article each sentence comes from, and do not translate or write texts. {holding}Ask about any of them.",
}


def small_talk_answer(question: str, kind: str, titles: Sequence[str]) -> Answer:
    """The reply of ``kind`` ("hello", "documents", "thanks", "task") to ``question``, naming ``titles``."""
    zh = language(question) == "zh"
    templates = _ZH if zh else _EN
    if kind not in templates:
        raise ValueError(f"unknown small talk kind {kind!r}; the kinds are {', '.join(templates)}")
    holding = _holding(titles, zh, GREETING_TITLES if kind == "hello" else SHOWN_TITLES)
    return Answer(question, templates[kind].format(holding=holding), True, (), ())


def _holding(titles: Sequence[str], zh: bool, shown_at_most: int) -> str:
    shown = list(titles[:shown_at_most])
    more = len(titles) - len(shown)
    if zh:
        if not titles:
            return "目前还没有收录任何文件。"
        listed = "、".join(f"《{t}》" for t in shown) + (f"等{len(titles)}份" if more else "")
        return f"目前收录了{len(titles)}份文件：{listed}。"
    if not titles:
        return "The knowledge base holds no documents yet. "
    listed = "; ".join(shown) + (f"; and {more} more" if more else "")
    noun = "document" if len(titles) == 1 else "documents"
    return f"The knowledge base holds {len(titles)} {noun}: {listed}. "
