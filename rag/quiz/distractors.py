"""Plausible wrong answers for a fact, taken from the same document.

A wrong option is worth asking only if a trainee who skimmed the document could pick it: a
measure listed in a sibling clause, another number the document uses with the same unit, the
same sentence with a changed level or actor. A candidate is never another true statement of
the clause itself: anything that occurs in the clause's text is refused.
"""

from __future__ import annotations

import math
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from rag.quiz.facts import Fact, facts
from rag.quiz.kinds import same_kind
from rag.quiz.source import Clause
from rag.quiz.text import contains, norm


@dataclass(frozen=True)
class Entry:
    """A term seen somewhere in a document, with the clause it came from."""

    text: str
    ordinal: int
    chapter: str
    context: frozenset[str] = frozenset()  # character bigrams of the sentence it came from


@dataclass
class Pool:
    """Every number, enumerated item and key term of the documents, by document.

    Built from all clauses, not only the selected ones: a sibling clause's measure is a good
    wrong answer even when the trainer asks about one chapter only.
    """

    numbers: dict[tuple[str, str], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    items: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    terms: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    clause_count: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    term_clauses: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(cls, clauses: Iterable[Clause]) -> Pool:
        pool = cls()
        for clause in clauses:
            pool.clause_count[clause.doc_id] += 1
            for fact in facts(clause):
                entry = Entry(fact.term, clause.ordinal, clause.chapter, bigrams(fact.sentence))
                if fact.kind in ("number", "year"):
                    pool.numbers[(clause.doc_id, fact.unit)].append(entry)
                elif fact.kind == "item":
                    pool.items[clause.doc_id].append(entry)
                elif fact.kind == "term":
                    pool.terms[clause.doc_id].append(entry)
                    pool.term_clauses[(clause.doc_id, fact.term)].add(clause.ordinal)
        return pool

    def spread(self, doc_id: str, term: str) -> float:
        """Share of the document's clauses that use ``term`` (common terms make poor blanks)."""
        return len(self.term_clauses.get((doc_id, term), ())) / max(self.clause_count.get(doc_id, 1), 1)


def distractors(fact: Fact, pool: Pool, rng: random.Random, k: int, *, difficulty: str = "medium",
                avoid: str = "") -> list[str]:
    """Up to ``k`` wrong answers of the same kind and form as ``fact.term`` (a body for a body,
    a measure for a measure: ``rag.quiz.kinds``).

    ``avoid`` is the question text: a candidate shown there would give itself away.
    """
    if fact.kind in ("number", "year"):
        found = _numbers(fact, pool, rng, difficulty)
    elif fact.kind == "swap":
        found = list(fact.group)
        rng.shuffle(found)
    elif fact.kind == "item":
        found = _ranked(fact, pool.items.get(fact.clause.doc_id, []), rng, difficulty)
    else:
        found = _ranked(fact, pool.terms.get(fact.clause.doc_id, []), rng, difficulty)
    chosen: list[str] = []
    for candidate in found:
        if len(chosen) == k:
            break
        if (usable(candidate, fact, avoid) and same_kind(candidate, fact.term)
                and all(norm(candidate) != norm(c) for c in chosen)):
            chosen.append(candidate)
    return chosen


def usable(candidate: str, fact: Fact, avoid: str = "") -> bool:
    """A wrong answer must differ from the key, not occur in the clause, and not be shown."""
    key, cand = norm(fact.term), norm(candidate)
    return (
        bool(cand)
        and cand not in key
        and key not in cand
        and not contains(fact.clause.text, candidate)
        and not contains(avoid, candidate)
    )


_RELATED = 0.06  # bigram overlap above which two sentences are about the same matter


def bigrams(text: str) -> frozenset[str]:
    """Overlapping character pairs, the cheapest measure of what a Chinese sentence is about."""
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _ranked(fact: Fact, entries: Sequence[Entry], rng: random.Random, difficulty: str) -> list[str]:
    """Terms from other clauses, the most plausible first: a sibling clause's (same chapter),
    the same head noun (``…平台`` for ``…平台``), a similar length."""
    key = fact.term
    context = bigrams(fact.sentence)
    scored: list[tuple[float, str]] = []
    for entry in entries:
        if entry.ordinal == fact.clause.ordinal or abs(len(entry.text) - len(key)) > 2:
            continue
        sibling = bool(fact.clause.chapter) and entry.chapter == fact.clause.chapter
        same_head = entry.text[-1] == key[-1]
        # A term said in a similar sentence is a measure of the same sort ("供水、供电" next to
        # "防灾", not "黄河" next to "文化公园").
        overlap = len(context & entry.context) / max(len(context | entry.context), 1)
        if difficulty != "easy" and sibling + same_head + (overlap >= _RELATED) < 2:
            continue  # no temptation: a trainee would rule it out without reading the document
        if fact.kind == "term" and difficulty != "easy" and not same_head:
            continue  # a term is tempting only as the same kind of thing (…平台 for …平台)
        score = rng.random()  # ties broken by the seed, never by dict order
        if difficulty != "easy":
            score += 2.0 * sibling + 1.0 * same_head + 8.0 * overlap - 0.5 * abs(len(entry.text) - len(key))
        scored.append((score, entry.text))
    scored.sort(key=lambda s: -s[0])
    return [text for _, text in scored]


def _numbers(fact: Fact, pool: Pool, rng: random.Random, difficulty: str) -> list[str]:
    """Other numbers the document gives in the same unit, then round numbers near the key."""
    key = float(fact.value)
    low, high = _range_bounds(fact)
    same_doc = sorted({e.text for e in pool.numbers.get((fact.clause.doc_id, fact.unit), [])})
    plausible = [t for t in same_doc if _plausible(key, float(t[: len(t) - len(fact.unit)]), fact, difficulty)]
    rng.shuffle(plausible)
    if difficulty == "hard":
        plausible.sort(key=lambda t: abs(math.log(max(float(t[: len(t) - len(fact.unit)]), 1e-9) / max(key, 1e-9))))
    nearby = [v + fact.unit for v in _nearby(fact, difficulty)]
    rng.shuffle(nearby)
    # "300万至500万": a lower bound above the upper one gives itself away.
    return [t for t in plausible + nearby if low < float(t[: len(t) - len(fact.unit)]) < high]


_RANGE_WORDS = "至到—–-～~"


def _range_bounds(fact: Fact) -> tuple[float, float]:
    """The open interval a number must stay in when it is one end of a range ("300万至500万")."""
    low, high = -math.inf, math.inf
    after = re.match(rf"[{_RANGE_WORDS}](\d+(?:\.\d+)?)", fact.sentence[fact.end:])
    if after:
        high = float(after.group(1))
    before = re.search(rf"(\d+(?:\.\d+)?)\D{{0,4}}[{_RANGE_WORDS}]$", fact.sentence[: fact.start])
    if before:
        low = float(before.group(1))
    return low, high


def _plausible(key: float, other: float, fact: Fact, difficulty: str) -> bool:
    if other == key or other <= 0:
        return False
    if fact.kind == "year":
        return abs(other - key) <= (20 if difficulty == "easy" else 10)
    if fact.unit in ("%", "％") and other > 100:
        return False
    ratio = max(other, key) / max(min(other, key), 1e-9)
    return difficulty == "easy" or ratio <= (3 if difficulty == "hard" else 6)


_FACTORS = {
    "easy": (0.1, 10, 0.2, 5, 0.5, 2),
    "medium": (0.5, 2, 1.5, 2 / 3, 1 / 3, 3, 4 / 3),
    "hard": (0.75, 1.25, 0.5, 1.5, 2 / 3, 4 / 3, 0.9, 1.1),
}
_PERCENT_FACTORS = {
    "easy": (0.5, 1.5, 0.3, 0.7),
    "medium": (0.8, 1.2, 0.7, 1.3, 0.6),
    "hard": (0.9, 1.1, 0.95, 1.05, 0.85, 1.15),
}
_YEAR_STEPS = {"easy": (5, 10, 15), "medium": (2, 3, 5, 10), "hard": (1, 2, 3, 5)}


def _nearby(fact: Fact, difficulty: str) -> list[str]:
    """Round numbers near the key, written with as many digits as the key is."""
    text = fact.value
    key = float(text)
    decimals = len(text.split(".")[1]) if "." in text else 0
    if fact.kind == "year":
        values = [key + s for step in _YEAR_STEPS[difficulty] for s in (step, -step)]
    elif fact.unit in ("%", "％", " percent", " per cent"):
        values = [key * f for f in _PERCENT_FACTORS[difficulty]]
        values = [v for v in values if 0 < v < 100]
    elif decimals == 0 and key < 10:
        # 1亿 → 2亿, 3亿: halving a small count gives fractions nobody would write.
        values = [key + s for s in (1, 2, 3, 4, -1, -2) if key + s > 0]
    else:
        values = [key * f for f in _FACTORS[difficulty]]
    out: list[str] = []
    for value in values:
        shown = _round_like(value, text, decimals, exact=fact.kind == "year")
        if shown != text and shown not in out and float(shown) > 0:
            out.append(shown)
    return out


def _round_like(value: float, key: str, decimals: int, *, exact: bool) -> str:
    if decimals:
        return f"{Decimal(value).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)}"
    if exact:
        return str(round(value))
    significant = max(len(key.rstrip("0")), 1)
    magnitude = math.floor(math.log10(abs(value))) if value else 0
    quantum = Decimal(1).scaleb(magnitude - significant + 1)
    return str(int(Decimal(value).quantize(quantum, ROUND_HALF_UP))) if quantum >= 1 else str(round(value))
