"""Follow-up questions: an elliptical question is completed from the previous one.

After "城区人口不到300万的城市还限制落户吗？" a user asks "那300万以上的呢？". Retrieval needs the
whole question, so the new one is rewritten before it reaches the pipeline:

* a quantity in the follow-up replaces the quantity of the previous question
  (→ "城区人口300万以上的城市还限制落户吗？");
* otherwise the follow-up's topic is put in front of the previous question
  (“那县城呢？” → “关于县城：……”).

A question that stands on its own is passed through unchanged. The UI shows the rewritten
question, so the user sees how the follow-up was understood.

Example::

    >>> contextualize("那300万以上的呢？", ["城区人口不到300万的城市还限制落户吗？"])
    '城区人口300万以上的城市还限制落户吗？'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ZH_LEAD = re.compile(r"^(?:那么|那如果|那对于|那|如果是|要是|还有|另外|对于|至于)\s*")
_ZH_TAIL = re.compile(r"(?:的情况|情况)?(?:呢|怎么样|怎样|如何)?\s*[？?。！!]*\s*$")
_EN_LEAD = re.compile(r"^(?:and\s+)?(?:what|how)\s+about\s+|^and\s+(?:for\s+)?|^what\s+if\s+", re.IGNORECASE)
_EN_TAIL = re.compile(r"\s*[?？.!]*\s*$")
_ZH_PRONOUN = re.compile(r"^(?:它|这个|这|该|其|此)")
# A quantity with its comparison words: 不到300万的, 300万以上的, 超过50%, 2025年.
_QTY = re.compile(
    r"(?:不到|不足|低于|少于|小于|超过|高于|多于|大于|达到|满)?"
    r"\d+(?:\.\d+)?\s*(?:万|亿|千|百)?(?:人|元|平方米|公里|年|个|%|％)?"
    r"(?:及以上|及以下|以上|以下|以内|左右)?的?"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PREFIX = re.compile(r"^关于[^：:]{1,30}[：:]")
_EN_PREFIX = re.compile(r"^Regarding [^:]{1,60}: ")
# A follow-up is short; a long question carries its own topic.
MAX_FOLLOWUP_CHARS = 16
MAX_FOLLOWUP_WORDS = 6


def is_chinese(text: str) -> bool:
    return len(_CJK.findall(text)) >= max(1, len(text.strip()) // 4)


def is_followup(question: str) -> bool:
    """True when the question leans on the one before it ("那…呢", "what about …")."""
    q = question.strip()
    if not q:
        return False
    if is_chinese(q):
        if len(q) > MAX_FOLLOWUP_CHARS:
            return False
        return bool(_ZH_LEAD.match(q)) or bool(re.search(r"呢\s*[？?]?\s*$", q)) or bool(_ZH_PRONOUN.match(q))
    words = q.split()
    if len(words) > MAX_FOLLOWUP_WORDS:
        return False
    return bool(_EN_LEAD.match(q))


def _core(question: str) -> str:
    """The follow-up without its "那 … 呢？" / "what about …?" frame."""
    q = question.strip()
    lead, tail = (_ZH_LEAD, _ZH_TAIL) if is_chinese(q) else (_EN_LEAD, _EN_TAIL)
    return tail.sub("", lead.sub("", q)).strip(" ，,")


def _quantity(text: str) -> re.Match[str] | None:
    return _QTY.search(text)


def _substitute_quantity(core: str, previous: str) -> str | None:
    """The previous question with its quantity replaced by the follow-up's, if that is all it adds."""
    new = _quantity(core)
    old = _quantity(previous)
    if new is None or old is None:
        return None
    # The follow-up may repeat words of the previous question ("城区人口500万以上的城市"), but
    # anything new beyond the quantity means it is not only a change of quantity.
    for rest in (core[: new.start()], core[new.end() :]):
        if rest.strip(" ，,") and rest.strip(" ，,") not in previous:
            return None
    replacement = new.group(0)
    if old.group(0).endswith("的") and not replacement.endswith("的"):
        replacement += "的"
    elif replacement.endswith("的") and not old.group(0).endswith("的"):
        replacement = replacement[:-1]
    return previous[: old.start()] + replacement + previous[old.end() :]


def contextualize(question: str, history: Sequence[str]) -> str:
    """The question as the pipeline should see it, given the earlier (already completed) questions.

    Args:
        question: what the user typed.
        history: the earlier questions of the conversation as they were understood, oldest first.

    Returns:
        ``question`` itself when it stands alone or there is no history, else the completed question.
    """
    q = question.strip()
    if not history or not is_followup(q):
        return q
    previous = history[-1].strip()
    core = _core(q)
    if not core:
        return previous
    substituted = _substitute_quantity(core, previous)
    if substituted is not None:
        return substituted
    if is_chinese(q) and _ZH_PRONOUN.match(q):
        # "这个政策什么时候实施？": keep the question whole and give it the earlier topic.
        return f"{q}（接上文：{_PREFIX.sub('', previous)}）"
    if is_chinese(previous):
        base = _PREFIX.sub("", previous)
        return f"关于{core}：{base}"
    base = _EN_PREFIX.sub("", previous)
    return f"Regarding {core}: {base}"
