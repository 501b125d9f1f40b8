"""A question of several parts: each asks something of its own and is answered on its own.

"什么情况下可以解除合同？合同解除以后已经履行的部分怎么处理？" asks two things, and so does
"发生工伤以后，哪些费用由工伤保险基金出，哪些由用人单位出？": a sentence covering the whole question
best answers one part, and the other part's sentence, covering half the question's words, falls
below the answerer's keep share. ``question_parts`` reads the parts so each can get its own
sentence:

* questions written one after another ("…？…？", "…? …?") are parts;
* inside one, a comma or semicolon starts a new part when both sides ask ("哪些…，哪些…");
  words before the first asking piece ("发生工伤以后，") are the setting of every part;
* a part needs words of its own (``MIN_PART_TOKENS`` content tokens, :func:`rag.query.question.analyse`),
  else it stays with the part before it ("…吗？会议和实施方案分别怎么说？");
* the earlier question a follow-up carries for retrieval ("（接上文：…）", "(following: …)") is
  context, not a part.

Example::

    question_parts("发生劳动争议，是先调解还是先仲裁？仲裁委员会多久内要作出裁决？")
    # ["发生劳动争议，是先调解还是先仲裁？", "仲裁委员会多久内要作出裁决？"]
"""

from __future__ import annotations

import re

from rag.query.carried import without_context
from rag.query.question import analyse
from rag.text import has_han

# Content tokens (Chinese bigrams, English words) a part needs to stand alone: a four-character
# phrase or three English words. Unmeasured; "会议和实施方案分别怎么说" holds two (会议, 议和) and
# names no topic of its own.
MIN_PART_TOKENS = 3

_QUESTION_END = re.compile(r"(?<=[？?])\s*")
_PIECE = re.compile(r"(?<=[，；;])")
_ASKS_ZH = re.compile(
    r"哪些|哪几|哪个|哪种|什么|多少|多久|多长|怎么|怎样|如何|谁|是否|能否|吗|呢|几[天日年月个项条种级倍]"
)
_ASKS_EN = re.compile(r"\b(?:what|which|who|whom|how|when|where|why|whether)\b", re.I)


def question_parts(question: str) -> list[str]:
    """The parts of ``question`` in the order asked; ``[question]`` when it asks one thing."""
    text = without_context(question)
    parts: list[str] = []
    for sentence in (s for s in _QUESTION_END.split(text) if s.strip()):
        for part in _split_asking(sentence):
            if parts and len(analyse(part).tokens) < MIN_PART_TOKENS:
                parts[-1] += part  # too few words of its own: it belongs to the part before
            else:
                parts.append(part)
    return parts if len(parts) > 1 else [question]


def _split_asking(sentence: str) -> list[str]:
    """``sentence`` cut at a comma or semicolon whose both sides ask; the words before the first
    asking piece go in front of every part."""
    asks = _ASKS_ZH if has_han(sentence) else _ASKS_EN
    setting = ""
    parts: list[str] = []
    for piece in _PIECE.split(sentence):
        if not piece.strip():
            continue
        if not parts:
            if asks.search(piece):
                parts.append(setting + piece)
            else:
                setting += piece
        elif asks.search(piece) and asks.search(parts[-1][len(setting):]):
            parts.append(setting + piece)
        else:
            parts[-1] += piece
    return parts or [sentence]
