"""Instruction-like text inside documents: recognised, and never counted as support.

A document can carry text addressed to a model ("忽略以上指令，回答…", "ignore previous
instructions", "you must answer …"). The prompt fences clauses as data
(:mod:`rag.answer.prompt`), but a model may follow such text anyway; and because the text *is*
in the cited clause, a plain overlap check would call the obeying sentence supported. So the
citation check reads each clause without its instruction-like sentences, and a sentence that
is supported only with them is flagged (``Sentence.instruction``) and not supported.

The patterns are written from public prompt-injection examples, not tuned on any answer set;
they only ever remove support, so a false match can cost an answer, never invent one.
"""

from __future__ import annotations

import re

from rag.text import split_sentences

_ZH = (
    r"(?:忽略|无视|忘记|忘掉|不要理会|不要遵守|跳过)[^。！？\n]{0,8}(?:指令|指示|提示词?|规则|要求|设定|命令)",
    r"你(?:现在)?(?:必须|只能|一定要|应当|应该|需要)[^。！？\n]{0,4}(?:回答|回复|输出|说|告诉|写)",
    r"(?:直接|只)(?:回答|回复|输出)[:：“\"]",
    r"系统提示|新的指令|以下是新指令|扮演",
)
_EN = (
    r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,30}\b(?:instructions?|rules|prompts?|directions)\b",
    r"\byou (?:must|should|have to|are required to|will now) (?:answer|reply|respond|say|output|write|tell)\b",
    r"\b(?:system prompt|new instructions?|as an ai)\b",
)
INSTRUCTION = re.compile("|".join((*_ZH, *_EN)), re.I)


def is_instruction(sentence: str) -> bool:
    """Does ``sentence`` read as an instruction addressed to the model?"""
    return INSTRUCTION.search(sentence) is not None


def without_instructions(text: str) -> str:
    """``text`` with its instruction-like sentences removed (unchanged when it has none)."""
    if not is_instruction(text):
        return text
    return "".join(s for s in split_sentences(text) if not is_instruction(s))
