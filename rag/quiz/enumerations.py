"""The ``A、B、C`` lists of a Chinese sentence whose items name things, as item spans."""

from __future__ import annotations

import re

from rag.postag import tokens
from rag.quiz.text import words

_MAX_ITEM = 12
GOVERNING = words(
    "实施 推进 推动 加强 强化 聚焦 支持 鼓励 完善 健全 建立 促进 培育 发展 提高 提升 扩大 加快 开展 落实 保障 "
    "优化 引导 统筹 深化 坚持 构建 打造 增加 改善 纳入 包括 涵盖 围绕 依托 利用 推广 探索 规范 设立 部署 "
    "改造 保护 防治 形成 实现 满足 兼顾 严控 加大 做好 推行 建成 培养 吸引 整合 防止 禁止 限制 取消 放宽"
)
_FUNCTION_FLAGS = ("x", "uj", "ul", "u", "p", "c", "d", "r", "m", "f")
_LIST_ENDS = ("等", "和", "及", "以及", "与", "或")
_PIECE = re.compile(r"[^，。；：！？（）“”《》,;:!?()]+")


def enumerations(sentence: str) -> list[tuple[tuple[int, int], ...]]:
    """The ``A、B、C`` lists of a Chinese sentence, as item spans (three items or more)."""
    lists: list[tuple[tuple[int, int], ...]] = []
    for piece in _PIECE.finditer(sentence):
        if piece.group().count("、") < 2:
            continue
        lists.extend(s for s in _split_items(piece.group(), piece.start()) if _is_noun_list(sentence, s))
    return lists


def _split_items(piece: str, base: int) -> list[tuple[tuple[int, int], ...]]:
    chunks: list[tuple[int, str]] = []
    offset = 0
    for text in piece.split("、"):
        chunks.append((base + offset, text))
        offset += len(text) + 1
    # A long chunk ends one list and may open the next: "养老托育等用工矛盾突出的行业和网约配送".
    runs: list[list[tuple[int, str]]] = []
    current = [chunks[0]]
    for chunk in chunks[1:]:
        current.append(chunk)
        if len(chunk[1]) > _MAX_ITEM:
            runs.append(current)
            current = [chunk]
    runs.append(current)
    return [spans for run in runs if (spans := _run_items(run))]


def _run_items(run: list[tuple[int, str]]) -> tuple[tuple[int, int], ...]:
    middle = run[1:-1]
    if not middle or any(not 2 <= len(c) <= _MAX_ITEM for _, c in middle):
        return ()
    # The first and last chunks run into the surrounding phrase ("聚焦智能制造", "养老托育等
    # 用工矛盾突出的行业"); an item is rarely much longer than the ones in the middle.
    limit = max(len(c) for _, c in middle) + 1
    start0, first = run[0]
    head = _tail_words(first, limit)
    shared = {c[0] for _, c in middle}
    if len(shared) == 1 and head and first.endswith(shared.pop() + head):
        head = first[-len(head) - 1:]  # "以水定城、以水定地": the shared "以" belongs to every item
    start_last, last = run[-1]
    tail = _head_words(last, limit)
    spans = [(start0 + len(first) - len(head), start0 + len(first))]
    spans += [(s, s + len(c)) for s, c in middle]
    spans.append((start_last, start_last + len(tail)))
    spans = [(s, e) for s, e in spans if e - s >= 2]
    return tuple(spans) if len(spans) >= 3 else ()


def _tail_words(chunk: str, limit: int) -> str:
    """The item at the end of ``chunk``, or ``""`` where its start is unclear."""
    taken = ""
    for word, flag in reversed(tokens(chunk)):
        # A governing verb before the item ends it ("深入实施|京津冀协同发展"); jieba tags many
        # words inside items as verbs too ("智能制造", "休闲农业", "自主创新"), so only these count.
        if flag.startswith(_FUNCTION_FLAGS) or (word in GOVERNING and taken):
            return taken
        if len(taken) + len(word) > limit:
            return ""  # cut inside a name ("…自主创新|示范区"): the item is not known
        taken = word + taken
    return taken


def _head_words(chunk: str, limit: int) -> str:
    """The item at the start of ``chunk``, or ``""`` where its end is unclear."""
    taken = ""
    for word, flag in tokens(chunk):
        if word in _LIST_ENDS or flag.startswith(_FUNCTION_FLAGS) or (word in GOVERNING and taken):
            return taken
        if len(taken) + len(word) > limit:
            return ""
        taken += word
    return taken


def _is_noun_list(sentence: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """Items that name things (each holds a noun, most do not open with a verb, none is a
    的-phrase, no negation before the first): lists of adverbs (完整、准确、全面), actions
    (应对挑战、释放动力) or conditions (不符合…、存在…的…) are not items to recognise."""
    if spans[0][0] > 0 and sentence[spans[0][0] - 1] in "不非未无":
        return False
    verb_led = 0
    for start, end in spans:
        item = sentence[start:end]
        found = tokens(item)
        if "的" in item or not any(flag.startswith(("n", "vn", "j", "l")) for _, flag in found):
            return False
        verb_led += found[0][1] == "v"
    return verb_led * 2 < len(spans)  # "应对挑战、释放动力" are actions, not things
