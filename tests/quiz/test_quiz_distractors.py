"""Distractors: never true in the clause, of the same form as the key."""

from __future__ import annotations

from rag.quiz.distractors import Pool, distractors
from rag.quiz.facts import Fact, facts
from rag.quiz.source import Clause
from rag.quiz.text import contains, norm
from rag.records import Unit

# ---------------------------------------------------------------------------------------------
# Distractors


def test_distractors_never_state_something_the_clause_says(units: list[Unit], clauses: dict[str, Clause]) -> None:
    import random

    pool = Pool.build(clauses.values())
    rng = random.Random(0)
    checked = 0
    for clause in clauses.values():
        for fact in facts(clause):
            for wrong in distractors(fact, pool, rng, 3):
                assert not contains(clause.text, wrong), (clause.label, fact.term, wrong)
                assert norm(wrong) != norm(fact.term)
                checked += 1
    assert checked > 100


def test_number_distractors_keep_the_unit_and_the_range(clauses: dict[str, Clause]) -> None:
    import random

    six = clauses["（六）"]
    sentence = next(s for s in six.sentences if s.startswith("全面放宽"))
    start = sentence.index("300万")
    fact = Fact(six, sentence, start, start + 4, "number", unit="万")
    wrong = distractors(fact, Pool.build(clauses.values()), random.Random(1), 3)
    assert len(wrong) == 3
    assert all(w.endswith("万") and float(w[:-1]) < 500 for w in wrong)  # "…至500万": below the upper end


def test_scope_words_are_swapped_within_their_level_group(clauses: dict[str, Clause]) -> None:
    ten = [f for f in facts(clauses["（十）"]) if f.kind == "swap" and f.term == "省级"]
    assert ten and set(ten[0].group) == {"全国", "市级", "县级"}
    swaps = {f.term for c in clauses.values() for f in facts(c) if f.kind == "swap"}
    assert "城市" in swaps and not any(f.term == "城市" and f.sentence[f.end:f.end + 1] == "群"
                                     for c in clauses.values() for f in facts(c))
