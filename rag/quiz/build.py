"""``build_quiz``: clauses in, checked items out.

The builder spreads items over the selected clauses (least-used clause first, in a seeded
order), asks the drafter (if any) and then the offline generators for candidates, keeps the
first candidate that passes every check and tests no sentence already tested, and finally
places single-choice keys so that A, B, C and D are used equally often.
"""

from __future__ import annotations

import dataclasses
import logging
import random
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from rag.quiz import source
from rag.quiz.checks import check_item, tested_sentences
from rag.quiz.distractors import Pool
from rag.quiz.draft import Drafter
from rag.quiz.generate import candidates
from rag.quiz.items import DIFFICULTIES, QUIZ_TYPES, QuizItem, QuizType
from rag.quiz.source import Clause, Selection, merge_units
from rag.records import Unit

_log = logging.getLogger(__name__)


def build_quiz(
    units: Iterable[Unit],
    *,
    n: int = 20,
    types: Sequence[str] = QUIZ_TYPES,
    difficulty: str = "medium",
    seed: int = 0,
    select: Selection | None = None,
    drafter: Drafter | None = None,
) -> list[QuizItem]:
    """Generate up to ``n`` checked quiz items from clause units.

    Args:
        units: the parsed units of one or more documents (all of them: clauses outside the
            selection still supply distractors). Passages of a split clause are merged.
        n: how many items to return.
        types: which question types, spread evenly in this order.
        difficulty: ``"easy"``, ``"medium"`` or ``"hard"`` — how close distractors are to the
            key and how many keys a multiple-choice item has.
        seed: the same seed over the same units gives the same quiz.
        select: which documents, chapters or clauses to ask about (default: all).
        drafter: an optional LLM drafter tried before the offline generators.

    Returns:
        Items grouped by type (in ``types`` order), then in document order. Fewer than ``n``
        when the selection does not hold enough distinct testable sentences.

    Raises:
        ValueError: a bad ``n``, type or difficulty, no units, or a selection matching nothing.

    Example::

        items = build_quiz(units, n=10, types=("single_choice", "true_false"), seed=7,
                           select=Selection(chapters=("三、",)))
    """
    if n <= 0:
        raise ValueError(f"n must be greater than 0. Currently, the n is {n}")
    unknown = [t for t in types if t not in QUIZ_TYPES]
    if unknown or not types:
        raise ValueError(f"types must be some of {QUIZ_TYPES}. Currently, they are {list(types)}")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be one of {DIFFICULTIES}. Currently, it is {difficulty!r}")
    clauses = merge_units(units)
    if not clauses:
        raise ValueError("no units to build a quiz from")
    chosen = source.select(clauses, select)  # the parameter shadows the function's name
    wanted = [t for t in QUIZ_TYPES if t in types]
    wanted.sort(key=list(types).index)
    builder = _Builder(clauses, chosen, wanted, difficulty, seed, drafter)
    return builder.run(n)


class _Builder:
    def __init__(self, clauses: list[Clause], targets: list[Clause], types: list[QuizType], difficulty: str,
                 seed: int, drafter: Drafter | None) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.types = types
        self.difficulty = difficulty
        self.drafter = drafter
        self.pool = Pool.build(clauses)
        self.doc_order = {c.doc_id: i for i, c in reversed(list(enumerate(clauses)))}
        self.targets = list(targets)
        self.rng.shuffle(self.targets)
        self.rank = {_key(c): i for i, c in enumerate(self.targets)}
        self.usage: Counter[tuple[str, int]] = Counter()
        self.tested: set[tuple[str, str]] = set()
        self.streams: dict[tuple[tuple[str, int], str, bool], Iterator[QuizItem]] = {}
        self.drafted: set[tuple[tuple[str, int], str]] = set()
        self.truth = self.rng.random() < 0.5

    def run(self, n: int) -> list[QuizItem]:
        # Short answers claim whole clauses, so they pick first, while clauses are untouched.
        order = sorted(self.types, key=lambda t: t != "short_answer")
        quota = {t: n // len(order) for t in order}
        for t in order[: n % len(order)]:
            quota[t] += 1
        picked: list[tuple[QuizItem, Clause]] = []
        exhausted: set[str] = set()
        while len(picked) < n:
            progress = False
            for qtype in order:
                if quota[qtype] == 0 or qtype in exhausted or len(picked) == n:
                    continue
                found = self._next(qtype)
                if found is None:
                    exhausted.add(qtype)
                    continue
                picked.append(found)
                quota[qtype] -= 1
                progress = True
            if not progress:
                alive = [t for t in order if t not in exhausted]
                if not alive:
                    break
                for i in range(n - len(picked)):  # hand the exhausted types' share to the others
                    quota[alive[i % len(alive)]] += 1
        picked.sort(key=lambda p: (self.types.index(p[0].type), self.doc_order[p[1].doc_id], p[1].ordinal))
        return balance_positions([item for item, _ in picked], self.rng)

    def _next(self, qtype: QuizType) -> tuple[QuizItem, Clause] | None:
        truths = (self.truth, not self.truth) if qtype == "true_false" else (True,)
        for truth in truths:
            for clause in sorted(self.targets, key=lambda c: (self.usage[_key(c)], self.rank[_key(c)])):
                item = self._from_clause(clause, qtype, truth)
                if item is not None:
                    if qtype == "true_false":
                        self.truth = not self.truth
                    self.usage[_key(clause)] += 1
                    self.tested |= {(clause.doc_id, s) for s in tested_sentences(item)}
                    return item, clause
        return None

    def _from_clause(self, clause: Clause, qtype: QuizType, truth: bool) -> QuizItem | None:
        key = _key(clause)
        if self.drafter is not None and (key, qtype) not in self.drafted:
            self.drafted.add((key, qtype))
            draft = self._draft(clause, qtype)
            if draft is not None and self._acceptable(draft, clause):
                return draft
        stream_key = (key, qtype, truth)
        if stream_key not in self.streams:
            rng = random.Random(f"{self.seed}|{clause.doc_id}|{clause.ordinal}|{qtype}|{truth}")
            self.streams[stream_key] = candidates(clause, qtype, self.pool, rng, self.difficulty, truth=truth)
        for item in self.streams[stream_key]:
            if self._acceptable(item, clause):
                return item
        return None

    def _draft(self, clause: Clause, qtype: QuizType) -> QuizItem | None:
        assert self.drafter is not None
        try:
            return self.drafter.draft(clause.citation(), qtype, difficulty=self.difficulty)
        except Exception:  # one failed draft must not end the quiz; the offline generators take over
            _log.warning("drafting a %s item for %s failed", qtype, clause.label, exc_info=True)
            return None

    def _acceptable(self, item: QuizItem, clause: Clause) -> bool:
        problems = check_item(item)
        if problems:
            _log.debug("dropped a %s item for %s: %s", item.type, clause.label, "; ".join(problems))
            return False
        return not any((clause.doc_id, s) in self.tested for s in tested_sentences(item))

def balance_positions(items: Sequence[QuizItem], rng: random.Random) -> list[QuizItem]:
    """Put single-choice keys at A, B, C, D in turn (each block of four in a seeded order)."""
    out = []
    slots: list[int] = []
    for item in items:
        if item.type == "single_choice" and len(item.options) == 4:
            if not slots:
                slots = [0, 1, 2, 3]
                rng.shuffle(slots)
            target = slots.pop()
            options = list(item.options)
            at = options.index(str(item.answer))
            options[at], options[target] = options[target], options[at]
            item = dataclasses.replace(item, options=tuple(options))
        out.append(item)
    return out


def _key(clause: Clause) -> tuple[str, int]:
    return (clause.doc_id, clause.ordinal)
