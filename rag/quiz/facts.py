"""What a question can test in a sentence: a number, a scope or actor word, an enumerated
item, or a key term — each with its position, so a generator can mask or change exactly it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeAlias

from rag.postag import tokens, word_boundaries
from rag.quiz.enumerations import GOVERNING, enumerations
from rag.quiz.source import Clause

__all__ = ["EN_SWAPS", "ZH_SWAPS", "Fact", "FactKind", "enumerations", "facts", "testable", "tokens", "unit_at",
           "word_boundaries"]

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
                   and not (not run and (word in GOVERNING or len(word) == 1)))
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
