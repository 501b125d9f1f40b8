"""Form rules of quiz items: what a blank may mask, options of one kind and length, balanced
answer positions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rag.quiz.items import QuizItem
from rag.quiz.text import norm, tidy, words
from rag.text import has_han

_ZH_STOP = words(
    "的 了 和 与 及 以及 等 在 是 对 为 以 将 把 并 或 其 该 这 那 有 也 都 而 被 从 由 向 于 之 上 下 中 各 个 要 "
    "可 能 应 不 及其 并且 或者 通过 进一步 加快 加强 推进 推动 完善 提高 促进 实施 建立 健全 支持 鼓励 深入 "
    "全面 有序 积极 稳步 逐步 持续 不断 着力 重点 有关 相关 方面 工作 问题 我们 他们 一个 一些"
)
_EN_STOP = words(
    "a an the and or of to in on at by for with from as is are be been was were that this these those "
    "it its their shall should will may must not no all any each other such which who whom"
)
_EDGE_CHARS = "的了和与及在是对为以将把并或其之于等"


def meaningful_blank(text: str) -> bool:
    """A blank masks a number or a content term: never a stop word, punctuation or a phrase
    that starts or ends with a function word (``的城市``)."""
    t = tidy(text)
    if not t or re.search(r"[，。；：！？、,.;:!?“”\"()（）]", t) or not re.search(r"\w", t):
        return False
    if re.search(r"\d", t):
        return True
    if has_han(t):
        return len(t) >= 2 and t not in _ZH_STOP and t[0] not in _EDGE_CHARS and t[-1] not in _EDGE_CHARS
    words = t.lower().split()
    return len(t) >= 3 and words[0] not in _EN_STOP and words[-1] not in _EN_STOP


def similar_options(options: Sequence[str]) -> bool:
    """Options of one kind (all numbers with the same unit, or all words in one script) and of
    similar length, so the key does not stand out by its form."""
    if len(options) < 2:
        return True
    lengths = [len(norm(o)) for o in options]
    if max(lengths) > 2 * min(lengths) + 4:
        return False
    numbers = [re.fullmatch(r"(\d+(?:\.\d+)?)(\D*)", norm(o)) for o in options]
    if any(numbers):
        return all(numbers) and len({m.group(2) for m in numbers if m}) == 1
    return len({has_han(o) for o in options}) == 1


def position_counts(items: Sequence[QuizItem]) -> list[int]:
    """How often the key of a four-option single-choice item is A, B, C and D."""
    counts: Counter[int] = Counter()
    for item in items:
        if item.type == "single_choice" and len(item.options) == 4 and item.answer in item.options:
            counts[item.options.index(str(item.answer))] += 1
    return [counts[i] for i in range(4)]


def positions_balanced(items: Sequence[QuizItem]) -> bool:
    counts = position_counts(items)
    return max(counts) - min(counts) <= 1
