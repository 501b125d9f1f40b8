"""What a question can test in a sentence: a number, a scope or actor word, an enumerated
item, or a key term — each with its position, so a generator can mask or change exactly it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeAlias

from rag.quiz.source import Clause
from rag.quiz.text import words

FactKind: TypeAlias = Literal["number", "year", "swap", "item", "term"]

# Longest first, so "2950万亩" is read as 2950 + 万亩, not 2950 + 万.
_ZH_UNITS = sorted(
    ["万平方公里", "平方公里", "万千瓦", "万公里", "万吨", "万亩", "亿亩", "万套", "万户", "万个", "万辆",
     "万元", "亿元", "亿", "万", "%", "％", "个百分点", "个", "公里", "千米", "米", "年", "天", "倍",
     "小时", "分钟", "岁", "所", "家", "项", "座", "条", "人", "户", "次", "亩", "套", "吨"],
    key=len, reverse=True,
)
_EN_UNITS = sorted(["%", " percent", " per cent", " million", " billion", " years", " year", " days",
                    " months", " km", " kilometres", " kilometers", " hours", " times"], key=len, reverse=True)
_RANGE = "—–\\-－~～"
_ZH_NUMBER = re.compile(
    rf"(?<![\d.A-Za-z{_RANGE}])(\d+(?:\.\d+)?)({'|'.join(map(re.escape, _ZH_UNITS))})(?![{_RANGE}A-Za-z\d])"
)
_EN_NUMBER = re.compile(
    rf"(?<![\w.{_RANGE}])(\d+(?:\.\d+)?)({'|'.join(map(re.escape, _EN_UNITS))})(?![\w{_RANGE}])"
)

# Words that a false statement may change and a single-choice item may ask about: each group
# holds interchangeable words of the same grammatical role (a level, a city size, an actor).
ZH_SWAPS: tuple[tuple[str, ...], ...] = (
    ("全国", "省级", "市级", "县级"),
    ("超大特大城市", "大城市", "中小城市", "小城市", "县城", "小城镇"),
    ("城市", "县城"),
    ("城市群", "都市圈"),
    ("中央财政", "省级财政", "地方财政"),
    ("省级政府", "地方政府", "市县政府"),
    ("中央", "地方"),
    ("常住人口", "户籍人口"),
)
EN_SWAPS: tuple[tuple[str, ...], ...] = (
    ("national", "provincial", "municipal", "county"),
    ("central government", "local governments", "provincial governments"),
    ("cities", "counties", "towns"),
    ("urban", "rural"),
)
# jieba tags many policy words as person or place names (在城镇/nrt); only these count as nouns.
_NOUNISH = ("n", "nz", "vn", "l", "j")
# Words jieba tags as nouns that open or glue phrases rather than name things.
_NOT_TERMS = frozenset(["面向", "除个别", "符合条件", "举家", "方面", "领域", "工作", "问题", "作用", "水平",
                        "能力", "体系", "机制", "制度", "政策", "措施", "建设", "发展", "服务", "管理", "重点",
                        "基础", "条件", "情况", "形势", "质量", "规模", "比例", "标准", "全部", "所有", "各类",
                        "有关", "相关", "其他", "部分", "主要", "重要", "充分考虑"])
_MAX_ITEM = 12
_GOVERNING = words(
    "实施 推进 推动 加强 强化 聚焦 支持 鼓励 完善 健全 建立 促进 培育 发展 提高 提升 扩大 加快 开展 落实 保障 "
    "优化 引导 统筹 深化 坚持 构建 打造 增加 改善 纳入 包括 涵盖 围绕 依托 利用 推广 探索 规范 设立 部署 "
    "改造 保护 防治 形成 实现 满足 兼顾 严控 加大 做好 推行 建成 培养 吸引 整合 防止 禁止 限制 取消 放宽"
)
_FUNCTION_FLAGS = ("x", "uj", "ul", "u", "p", "c", "d", "r", "m", "f")
_LIST_ENDS = ("等", "和", "及", "以及", "与", "或")
_PIECE = re.compile(r"[^，。；：！？（）“”《》,;:!?()]+")


@dataclass(frozen=True)
class Fact:
    """One testable term in one sentence of a clause.

    ``sentence`` is the tidied sentence and ``[start, end)`` the term's place in it. ``unit``
    is a number's unit (``"万"``, ``"%"``); ``group`` holds a swap word's alternatives or an
    enumerated item's fellow items.
    """

    clause: Clause
    sentence: str
    start: int
    end: int
    kind: FactKind
    unit: str = ""
    group: tuple[str, ...] = ()

    @property
    def term(self) -> str:
        return self.sentence[self.start:self.end]

    @property
    def value(self) -> str:
        """A number's digits without the unit (``"300"``)."""
        return self.term[: len(self.term) - len(self.unit)] if self.unit else self.term


def testable(sentence: str) -> bool:
    """A sentence a question can be made from: a statement, not a question ("进展如何？"),
    not a fragment opening with punctuation or with a quotation cut in half."""
    return (
        bool(re.match(r"\w", sentence))
        and not re.search(r"[？?]$|如何|怎样|为什么", sentence)
        and sentence.count("“") == sentence.count("”")
        and sentence.count("（") == sentence.count("）")
    )


def unit_at(text: str) -> str:
    """The Chinese unit ``text`` starts with (``"万以下的"`` → ``"万"``), or ``""``."""
    return next((u for u in _ZH_UNITS if text.startswith(u)), "")


@lru_cache(maxsize=4096)
def facts(clause: Clause) -> tuple[Fact, ...]:
    """Every testable term of the clause's sentences, in text order."""
    found: list[Fact] = []
    for sentence in clause.sentences:
        if not testable(sentence):
            continue
        found.extend(_numbers(clause, sentence))
        found.extend(_swaps(clause, sentence))
        if clause.zh:
            found.extend(_items(clause, sentence))
            found.extend(_terms(clause, sentence))
    return tuple(found)


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
        if flag.startswith(_FUNCTION_FLAGS) or (word in _GOVERNING and taken):
            return taken
        if len(taken) + len(word) > limit:
            return ""  # cut inside a name ("…自主创新|示范区"): the item is not known
        taken = word + taken
    return taken


def _head_words(chunk: str, limit: int) -> str:
    """The item at the start of ``chunk``, or ``""`` where its end is unclear."""
    taken = ""
    for word, flag in tokens(chunk):
        if word in _LIST_ENDS or flag.startswith(_FUNCTION_FLAGS) or (word in _GOVERNING and taken):
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


def _numbers(clause: Clause, sentence: str) -> Iterator[Fact]:
    pattern = _ZH_NUMBER if clause.zh else _EN_NUMBER
    for m in pattern.finditer(sentence):
        if sentence.count("（", 0, m.start()) > sentence.count("）", 0, m.start()):
            continue  # inside a parenthesis: an aside, not the point of the sentence
        digits, unit = m.group(1), m.group(2)
        is_year = unit.strip() in ("年", "year", "years") and len(digits) == 4 and 1900 <= float(digits) <= 2100
        if is_year and not clause.zh:
            continue  # "2025 years" is not a year; English years stand alone and are left out
        yield Fact(clause, sentence, m.start(), m.end(), "year" if is_year else "number", unit=unit)


def _swaps(clause: Clause, sentence: str) -> Iterator[Fact]:
    groups = ZH_SWAPS if clause.zh else EN_SWAPS
    words = sorted({w for g in groups for w in g}, key=len, reverse=True)
    if clause.zh:
        bounds = word_boundaries(sentence)
        pattern = re.compile("|".join(map(re.escape, words)))
    else:
        bounds = None
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    for m in pattern.finditer(sentence):
        # "城市" inside "城市群" or "中小城市" inside "大中小城市" is not the word itself.
        if bounds is not None and not (m.start() in bounds and m.end() in bounds):
            continue
        word = m.group()
        for group in groups:
            if word.lower() in group:
                others = tuple(w for w in group if w != word.lower())
                yield Fact(clause, sentence, m.start(), m.end(), "swap", group=others)
                break


def _items(clause: Clause, sentence: str) -> Iterator[Fact]:
    for spans in enumerations(sentence):
        items = tuple(sentence[s:e] for s, e in spans)
        for (s, e), item in zip(spans, items, strict=True):
            if not re.search(r"\d", item):
                yield Fact(clause, sentence, s, e, "item", group=tuple(i for i in items if i != item))


def _terms(clause: Clause, sentence: str) -> Iterator[Fact]:
    """Runs of noun words ending in a noun (``户籍管理政务服务平台``), three to ten characters.

    A run is left out where it is likely a piece of a larger phrase: followed by a locative
    (``线上``), by a lone character (``地铁站|点``, a word jieba split), or by a verb that modifies
    the next noun (``人员职业|伤害|保障``); opened by a one-character word (``跨市|域|农业``) or by
    a governing verb jieba tagged as a noun (``优化``).
    """
    words = [*tokens(sentence), ("。", "x"), ("。", "x")]
    offset = 0
    run: list[tuple[str, str]] = []
    run_start = 0
    for n, (word, flag) in enumerate(words[:-1]):
        nounish = (flag in _NOUNISH and word not in _NOT_TERMS and not re.search(r"\d", word)
                   and not (not run and (word in _GOVERNING or len(word) == 1)))
        if nounish:
            if not run:
                run_start = offset
            run.append((word, flag))
        else:
            text = "".join(w for w, _ in run)
            after = words[n + 1][1]
            whole = (not flag.startswith("f") and not (len(word) == 1 and re.match(r"\w", word))
                     and not (flag == "v" and after in _NOUNISH))
            if run and 3 <= len(text) <= 10 and run[-1][1] in ("n", "nz", "vn") and whole:
                yield Fact(clause, sentence, run_start, run_start + len(text), "term")
            run = []
        offset += len(word)


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's part-of-speech-tagged words of a Chinese text."""
    import jieba
    import jieba.posseg

    # jieba logs its dictionary loading to stderr at DEBUG level; the library must stay quiet.
    jieba.setLogLevel(logging.WARNING)
    return tuple((p.word, p.flag) for p in jieba.posseg.cut(text))


def word_boundaries(text: str) -> frozenset[int]:
    """Character offsets at which a jieba word starts or ends."""
    bounds = {0}
    offset = 0
    for word, _ in tokens(text):
        offset += len(word)
        bounds.add(offset)
    return frozenset(bounds)
