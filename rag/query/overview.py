"""Does a question ask what a whole document is about ("给我总结一下实施方案的主要内容",
"工伤保险条例讲了什么？", "What is the CPRA about?")?

Such a question names one document and nothing within it: no clause by number
(:mod:`rag.query.refs` looks those up first) and no topic of its own ("工伤保险条例关于工伤认定讲了
什么" asks about 工伤认定 and is searched). It is answered from the document's own structure —
its parts and the clause stating its purpose (``Retriever`` and :mod:`rag.answer.extractive`),
never from the one clause a search happens to put first (the plan's （五十二） in the first wave).
How many chapters or parts it has ("工伤保险条例有几章？") is answered by the same list; how many
articles ("实施方案一共有多少条？") is not.

Two documents compared as wholes ("工伤保险条例和社会保险法有什么区别？") get each one's purpose
clause side by side (:func:`asks_comparison`): neither text compares itself with the other.

Example::

    asks_overview("给我总结一下实施方案的主要内容", "给我总结一下的主要内容")   # True
    asks_overview("工伤保险条例关于工伤认定讲了什么", "关于工伤认定讲了什么")      # False
"""

from __future__ import annotations

import re

from rag.query.question import analyse

# The words that ask for an overview. Chinese: a summary, the main content, what it says, its
# parts; English: a summary, an overview or outline, what it is about or covers.
_ASK_ZH = re.compile(
    r"总结|概括|概述|梗概|简介|介绍一下|主要内容|主要讲|主要规定|讲了什么|讲的是什么|讲些什么|讲什么|说了什么|写了什么|规定了什么|"
    r"是关于什么|关于什么的|有哪些(?:章|部分|内容|方面)|包括哪[几些](?:章|部分|方面|内容)?|分为哪几|分成哪几|框架|结构|"
    r"(?:有|分为?|共有?|一共有?)(?:几|多少)(?:个)?(?:章|部分|编)"
)
_ASK_EN = re.compile(
    r"\bsummar(?:y|ies|ise|ize)\b|\boverview\b|\boutline\b|\bmain (?:points|provisions|contents?|parts)\b|"
    r"\bwhat (?:is|are)\b.*\babout\b|\bwhat does\b.*\bcover\b|\bwhat do(?:es)?\b.*\bsay\b|\bstructure\b|"
    r"\bhow many (?:chapters|parts)\b",
    re.I,
)
# What is left around those words in such a question: asking, politeness, the document's kind.
_LEFT = re.compile(
    r"你好|您好|请问|给我|帮我|请|麻烦|简单|简要|一下|地|的|了|吗|呢|啊|是|什么|哪些|内容|主要|这个|这部|这份|该|本|文件|全文|"
    r"条例|法律|法规|方案|意见|通知|办法|规定|"
    r"\b(?:please|give|me|an?|the|of|this|that|document|text|whole|briefly|brief|short|what|is|are|does|do|say|"
    r"it|in|can|you|could|i|get|tell|about|cover|law|act|regulation|plan|notice|chapters?|parts?|sections?|"
    r"how|many|has|have|there|does|hi|hello)\b",
    re.I,
)


# Two documents compared as wholes: "工伤保险条例和社会保险法有什么区别？", "How does the GDPR differ from
# the CPRA?". With no comparison either text states, each one's purpose is quoted side by side.
_COMPARE = re.compile(
    r"区别|不同|差别|差异|异同|比较|对比|\bdiffer(?:s|ence|ences)?\b|\bcompar(?:e|ed|ison)\b|\bversus\b|\bvs\.?\b",
    re.I,
)
# What is left around those words in such a question.
_LEFT_COMPARE = re.compile(
    r"和|与|跟|同|及|之间|有|什么|哪些|是|的|吗|呢|主要|\b(?:and|the|between|what|is|are|how|does|do|main|with|from|to|"
    r"of|a|an)\b",
    re.I,
)


def about_whole_documents(question: str) -> bool:
    """Does ``question`` hold any word that asks about a document as a whole (an overview or a
    comparison)? The cheap test before the documents it names are looked for."""
    return bool(_ASK_ZH.search(question) or _ASK_EN.search(question) or _COMPARE.search(question))


def compares(question: str) -> bool:
    """Does ``question`` hold a word that compares (区别, 对比, "differ")?"""
    return _COMPARE.search(question) is not None


def asks_comparison(question: str, without_names: str) -> bool:
    """Does ``question`` compare its two named documents as wholes ("工伤保险条例和社会保险法有什么区别？")?
    ``without_names`` is the question without the words naming them; a topic of its own ("…在工伤认定
    上有什么不同") is searched."""
    if not compares(question):
        return False
    rest = _LEFT_COMPARE.sub(" ", _COMPARE.sub(" ", without_names))
    return not analyse(rest).tokens


def asks_overview(question: str, without_name: str) -> bool:
    """Does ``question`` ask what its named document is about? ``without_name`` is the question
    without the words naming the document (its topic words would otherwise count as the
    question's own)."""
    if not (_ASK_ZH.search(question) or _ASK_EN.search(question)):
        return False
    rest = _LEFT.sub(" ", _ASK_EN.sub(" ", _ASK_ZH.sub(" ", without_name)))
    return not analyse(rest).tokens
