# ruff: noqa: E501  (one message a line: the table reads as a glossary)
"""The re-check's problems (``rag.quiz.checks`` writes them in English, for logs and the CLI)
in Chinese for the Chinese page: the pattern of each message and its translation."""

from __future__ import annotations

import re

_ZH: tuple[tuple[str, str], ...] = (
    (r"the question is empty", "题干为空"),
    (r"the citation has no clause text", "所引条款没有正文"),
    (r"the explanation does not quote the cited clause", "解析没有引用条款原文"),
    (r"the key is not supported by the cited clause", "答案得不到所引条款的支持"),
    (r"a single-choice item has 4 options, not (.+)", r"单选题应有 4 个选项，现有 \1 个"),
    (r"the key (.+) is not a meaningful term or number", r"答案 \1 不是有意义的词语或数字"),
    (r"the distractor (.+) is supported by the clause", r"干扰项 \1 也符合条款规定（会被判为正确）"),
    (r"a multiple-choice item has at least 4 options, not (.+)", r"多选题至少应有 4 个选项，现有 \1 个"),
    (r"a multiple-choice item has 2 or more keys and a wrong option, not (.+) keys",
     r"多选题应有 2 个以上正确选项和至少 1 个错误选项，现有 \1 个正确选项"),
    (r"the key (.+) is not in the clause", r"答案 \1 不在条款中"),
    (r"the distractor (.+) is stated in the clause", r"干扰项 \1 在条款中有规定"),
    (r"two options are the same", "有两个选项相同"),
    (r"the key (.+) is not among the options", r"答案 \1 不在选项中"),
    (r"the options differ in length or form: (.+)", r"选项的长度或形式差别过大：\1"),
    (r"the question prints its own key (.+)", r"题干中已出现答案 \1"),
    (r"a true statement is not in the clause", "判为正确的说法在条款中找不到"),
    (r"a false statement is stated in the clause", "判为错误的说法恰是条款原文"),
    (r"a false statement must change exactly one fact of a clause sentence", "判为错误的说法应只改动条款句子中的一处事实"),
    (r"the blank (.+) masks no meaningful term or number", r"填空 \1 挖掉的不是有意义的词语或数字"),
    (r"the question has no blank", "题干中没有空格"),
    (r"the question prints its own answer (.+)", r"题干中已出现答案 \1"),
    (r"reference answer points not in the clause: (.+)", r"参考答案中有要点不在条款中：\1"),
)


def problem_text(problem: str, lang: str) -> str:
    """A check problem in the page's language (unknown messages stay as they are)."""
    if lang == "en":
        return problem
    for pattern, zh in _ZH:
        m = re.fullmatch(pattern, problem)
        if m:
            return m.expand(zh)
    return problem
