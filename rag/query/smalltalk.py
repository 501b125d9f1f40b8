"""Is a message small talk to the assistant rather than a question about the documents?

"你好", "谢谢", "你是谁？", "你能做什么？", "知识库里有哪些文件？", "Hi! Who are you and what can you do?" —
each piece of the message (split at punctuation) must be one of these; a message with anything
else in it ("你好，工伤怎么认定？") is a question and is searched. The pipeline answers small talk
by saying what it is and which documents it holds (:mod:`rag.answer.smalltalk`), instead of
"the documents do not say" beside clauses that share a word with "你好".

Example::

    small_talk("你好，你是谁？")      # "hello"
    small_talk("有哪些文件？")        # "documents"
    small_talk("你好，工伤怎么认定？")  # None
"""

from __future__ import annotations

import re

# What each kind of piece says. "documents" asks what the assistant holds; the rest greet,
# thank, or ask who it is and what it does.
_KINDS = {
    "documents": re.compile(
        r"(?:知识库|资料库|文件库|你|您|这里|系统|里面|目前)?(?:里|中)?(?:都|一共|总共)?(?:有|收录了?|包含|能查)(?:哪些|什么|几份|多少)"
        r"(?:文件|文档|资料|法规|法律|政策|材料)(?:呢|啊|呀)?"
        r"|(?:what|which) (?:documents|files|texts|laws|regulations) (?:do you have|are (?:there|in (?:the|your) "
        r"(?:knowledge base|index|library))|can you (?:search|answer from))"
        r"|list (?:the|your|all) (?:documents|files)",
        re.I,
    ),
    "hello": re.compile(
        r"你好|您好|嗨|哈喽|哈啰|早上好|上午好|中午好|下午好|晚上好|在吗|在不在|你是谁|您是谁|你叫什么(?:名字)?|你是什么|"
        r"你能做什么|你会做什么|你可以做什么|你能干什么|你会什么|你有什么用|怎么用|如何使用|有什么功能|"
        r"hi|hello|hey|good (?:morning|afternoon|evening)|how are you(?: today| doing)?|who are you|what are you|"
        r"what can you do|what do you do|how do i use (?:this|you)|help",
        re.I,
    ),
    "thanks": re.compile(
        r"谢谢(?:你|您)?|多谢|感谢(?:你|您)?|谢了|好的|好|明白了|知道了|再见|拜拜|"
        r"thanks?(?: you)?(?: very much| so much| a lot)?|thank you|ok(?:ay)?|got it|bye|goodbye",
        re.I,
    ),
}
_PIECES = re.compile(r"[，,。．.！!？?；;：:、~～…]+|\s+and\s+", re.I)
_FILLER = re.compile(
    r"^(?:(?:请问|请|那|那么|呀|啊|呢|哦|嗯)|(?:so|please|oh|well)\b\s*)+|(?:呀|啊|呢|吧|哦|嘛|呐|\s+there|\s+please)+$",
    re.I,
)


def small_talk(message: str) -> str | None:
    """"documents", "hello" or "thanks" when every piece of ``message`` is small talk (the first
    kind found in this order); None for anything else."""
    pieces = [_FILLER.sub("", " ".join(p.split())).strip() for p in _PIECES.split(message.strip())]
    pieces = [p for p in pieces if p]
    if not pieces:
        return None
    kinds: list[str] = []
    for piece in pieces:
        kind = next((k for k, pattern in _KINDS.items() if pattern.fullmatch(piece)), None)
        if kind is None:
            return None
        kinds.append(kind)
    return next(k for k in _KINDS if k in kinds)
