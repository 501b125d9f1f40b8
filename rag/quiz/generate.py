"""Offline generators, one per question type: each turns a clause's facts into candidate items.

Generators propose; ``checks`` decides. A generator yields candidates in a seeded order and
may yield ones that fail a check — the builder then takes the next one.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from rag.quiz.distractors import Pool, distractors, usable
from rag.quiz.facts import Fact, FactKind, enumerations, facts, testable, tokens
from rag.quiz.items import QuizItem
from rag.quiz.points import clause_points
from rag.quiz.source import Clause
from rag.quiz.text import contains
from rag.quiz.wording import wording

_DELIMS = re.compile(r"[，；：,;:]")
_TRAILING = "，；：。！？,;:.!?、 "
# Which facts make the best questions of each type, best first; ties are broken by the seed.
_PRIORITY: dict[str, tuple[FactKind, ...]] = {
    "single_choice": ("number", "item", "year", "swap", "term"),
    "fill_blank": ("number", "item", "swap", "term", "year"),
    "true_false": ("number", "swap", "year"),
}
_MAX_TERM_SPREAD = 0.25  # a term used in more clauses than this is too common to test
_MIN_LEAD = 6  # characters before a question word ("多少") so the question says what it asks
_MAX_STEM = 100  # characters: a longer stem is a wall of text nobody reads in an exam


def window(sentence: str, start: int, end: int, *, min_len: int = 16, max_len: int = 70,
           end_at_fact: bool = False) -> tuple[str, int, int]:
    """The comma-delimited pieces of ``sentence`` around ``[start, end)``, at least ``min_len``
    characters where the sentence allows and at most ``max_len`` where the fact's own piece
    allows; returns the text and the fact's span in it."""
    cuts = [0, *(m.end() for m in _DELIMS.finditer(sentence)), len(sentence)]
    pieces = [(cuts[n], cuts[n + 1]) for n in range(len(cuts) - 1) if cuts[n] < cuts[n + 1]]
    i = next(n for n, (a, b) in enumerate(pieces) if a <= start < b)
    j = next(n for n, (a, b) in enumerate(pieces) if a < end <= b)
    lo, hi = pieces[i][0], pieces[j][1]
    while len(sentence[lo:hi].rstrip(_TRAILING)) < min_len:
        if not end_at_fact and j + 1 < len(pieces) and pieces[j + 1][1] - lo <= max_len:
            j += 1
            hi = pieces[j][1]
        elif i > 0 and hi - pieces[i - 1][0] <= max_len:
            i -= 1
            lo = pieces[i][0]
        else:
            break
    text = sentence[lo:hi].rstrip(_TRAILING)
    lead = len(text) - len(text.lstrip("—-– "))
    return text[lead:], start - lo - lead, end - lo - lead


def ordered_facts(clause: Clause, kinds: tuple[FactKind, ...], pool: Pool, rng: random.Random) -> list[Fact]:
    """The clause's facts of the given kinds, by kind priority, shuffled within a kind."""
    found = [f for f in facts(clause) if f.kind in kinds
             and not (f.kind == "term" and pool.spread(clause.doc_id, f.term) > _MAX_TERM_SPREAD)]
    rng.shuffle(found)
    found.sort(key=lambda f: kinds.index(f.kind))
    return found


def single_choice(clause: Clause, pool: Pool, rng: random.Random, difficulty: str) -> Iterator[QuizItem]:
    """Four options, one key: a masked number is asked with 多少, anything else with a blank."""
    w = wording(clause)
    for fact in ordered_facts(clause, _PRIORITY["single_choice"], pool, rng):
        numeric = fact.kind in ("number", "year") and w.zh
        if numeric:
            text, s, e = window(fact.sentence, fact.start, fact.end, end_at_fact=True)
            # "如哪一年？" asks nothing: a question word needs the words that lead up to it.
            numeric = len(text[:s]) >= _MIN_LEAD
        if numeric:
            stem = w.number_question(text[:s], text[s + len(fact.value):], fact.unit, year=fact.kind == "year")
            question = f"{w.prefix(clause)}{stem}？"
        else:
            text, s, e = window(fact.sentence, fact.start, fact.end)
            question = w.lead(clause, f"{text[:s]}{w.choice_blank}{text[e:]}{w.stop}")
        if len(text) > _MAX_STEM or contains(question, fact.term):
            continue  # an unreadable wall of text, or the key printed in its own question
        wrong = distractors(fact, pool, rng, 3, difficulty=difficulty, avoid=question)
        if len(wrong) < 3:
            continue
        options = [fact.term, *wrong]
        rng.shuffle(options)
        yield QuizItem("single_choice", question, tuple(options), fact.term, clause.citation(),
                       w.answer_is(fact.term) + w.quote(clause, fact.sentence))


def fill_blank(clause: Clause, pool: Pool, rng: random.Random, difficulty: str) -> Iterator[QuizItem]:
    """One blank over a term or a number's digits (the unit stays printed: 300万 → ＿＿＿＿万)."""
    w = wording(clause)
    for fact in ordered_facts(clause, _PRIORITY["fill_blank"], pool, rng):
        text, s, _ = window(fact.sentence, fact.start, fact.end)
        if len(text) > _MAX_STEM:
            continue
        answer = fact.value if fact.kind in ("number", "year") else fact.term
        question = w.lead(clause, f"{text[:s]}{w.fill_blank}{text[s + len(answer):]}{w.stop}")
        if contains(question.replace(w.fill_blank, ""), answer) and fact.kind not in ("number", "year"):
            continue
        yield QuizItem("fill_blank", question, (), answer, clause.citation(),
                       w.answer_is(fact.term) + w.quote(clause, fact.sentence))


def true_false(clause: Clause, pool: Pool, rng: random.Random, difficulty: str, *, truth: bool) -> Iterator[QuizItem]:
    """A statement from the clause, or the same statement with one fact changed (a number, a
    level, an actor) and nothing else."""
    w = wording(clause)
    for fact in ordered_facts(clause, _PRIORITY["true_false"], pool, rng):
        text, s, e = window(fact.sentence, fact.start, fact.end, min_len=14, max_len=60)
        if len(text) > _MAX_STEM:
            continue
        if truth:
            statement, explanation = text, w.true_false(True)
        else:
            wrong = distractors(fact, pool, rng, 1, difficulty=difficulty, avoid=text)
            if not wrong:
                continue
            statement = text[:s] + wrong[0] + text[e:]
            explanation = w.true_false(False, fact.term, wrong[0])
        yield QuizItem("true_false", w.tf_lead + w.lead(clause, statement + w.stop), w.tf_options, truth,
                       clause.citation(), explanation + w.quote(clause, fact.sentence))


def multiple_choice(clause: Clause, pool: Pool, rng: random.Random, difficulty: str) -> Iterator[QuizItem]:
    """Items listed in one of the clause's enumerations among items of other clauses' lists;
    failing that, true statements of the clause among statements with one fact changed."""
    yield from _listed(clause, pool, rng, difficulty)
    yield from _statements(clause, pool, rng, difficulty)


def _keys_wanted(difficulty: str, available: int, rng: random.Random) -> int:
    wanted = {"easy": 2, "medium": rng.choice((2, 3)), "hard": 3}[difficulty]
    return min(wanted, available)


def _listed(clause: Clause, pool: Pool, rng: random.Random, difficulty: str) -> Iterator[QuizItem]:
    w = wording(clause)
    for sentence in clause.sentences:
        for spans in enumerations(sentence):
            lo, hi = spans[0][0], spans[-1][1]
            # Enough words around the ellipsis to say what the list is about.
            text, s, e = window(sentence, lo, hi, min_len=hi - lo + 14, max_len=hi - lo + 50)
            masked = text[:s] + w.ellipsis + text[e:]
            question = w.multiple_choice(clause, masked)
            items = [sentence[a:b] for a, b in spans]
            keys = rng.sample(items, _keys_wanted(difficulty, len(items), rng))
            if any(contains(question, k) for k in keys):
                continue
            fact = Fact(clause, sentence, spans[0][0], spans[0][1], "item")
            wrong = [c for c in distractors(fact, pool, rng, 8, difficulty=difficulty, avoid=question)
                     if all(usable(c, Fact(clause, sentence, a, b, "item")) for a, b in spans)]
            wrong = wrong[: 4 - len(keys)]
            if len(keys) + len(wrong) < 4:
                continue
            options = [*keys, *wrong]
            rng.shuffle(options)
            answer = tuple(o for o in options if o in keys)
            yield QuizItem("multiple_choice", question, tuple(options), answer, clause.citation(),
                           w.answer_is("、".join(answer) if w.zh else ", ".join(answer)) + w.quote(clause, sentence))


def _statements(clause: Clause, pool: Pool, rng: random.Random, difficulty: str) -> Iterator[QuizItem]:
    """Four statements from four different sentences, of similar length: true ones copied from
    the clause, false ones with one fact changed."""
    w = wording(clause)
    changeable: dict[str, Fact] = {}
    for fact in ordered_facts(clause, ("number", "swap", "year"), pool, rng):
        changeable.setdefault(fact.sentence, fact)
    true_k = _keys_wanted(difficulty, 2, rng)
    false_facts = list(changeable.values())[: 4 - true_k]
    if len(false_facts) < 4 - true_k:
        return
    options: list[tuple[str, bool, str]] = []  # (statement, correct, why it is wrong)
    for fact in false_facts:
        text, s, e = window(fact.sentence, fact.start, fact.end, min_len=14, max_len=40)
        wrong = distractors(fact, pool, rng, 1, difficulty=difficulty, avoid=text)
        if not wrong:
            return
        changed = text[:s] + wrong[0] + text[e:]
        options.append((changed, False, w.wrong_statement(changed, fact.term, wrong[0])))
    used = {f.sentence for f in false_facts}
    rest = [t for sent in clause.sentences if sent not in used and (t := _opening(sent))]
    rng.shuffle(rest)
    options += [(text, True, "") for text in rest[:true_k]]
    if len(options) < 4:
        return
    rng.shuffle(options)
    answer = tuple(o for o, ok, _ in options if ok)
    notes = "".join(note for _, ok, note in options if not ok)
    yield QuizItem("multiple_choice", w.statements(clause), tuple(o for o, _, _ in options), answer,
                   clause.citation(), notes + w.quote(clause, "".join(f.sentence for f in false_facts)))


def _opening(sentence: str, max_len: int = 40) -> str:
    """The longest run of whole pieces from the start of ``sentence`` within ``max_len``, if it
    can stand as a statement (not a bare "按照……方式" phrase that needs what follows)."""
    cuts = [m.start() for m in _DELIMS.finditer(sentence)] + [len(sentence)]
    fitting = [c for c in cuts if c <= max_len]
    if not fitting:
        return ""
    text = sentence[: fitting[-1]].rstrip(_TRAILING)
    if not testable(text):
        return ""
    first = tokens(text)[:1]
    if first and first[0][1] == "p" and len(fitting) < 2:
        return ""
    return text if len(text) >= 12 else ""


def short_answer(clause: Clause, pool: Pool, rng: random.Random, difficulty: str) -> Iterator[QuizItem]:
    """The clause's points — its own enumeration, else its statements — numbered ①②③; none
    for a clause that makes a single point."""
    w = wording(clause)
    chosen, more = clause_points(clause)
    if not chosen:
        return
    # The reference answer already copies the clause; the explanation names the source.
    yield QuizItem("short_answer", w.short_answer(clause), (), w.points(chosen), clause.citation(),
                   w.quote(clause, chosen[0]) + w.more_points(len(chosen) - 1 + more))


def candidates(clause: Clause, qtype: str, pool: Pool, rng: random.Random, difficulty: str,
               *, truth: bool = True) -> Iterator[QuizItem]:
    """Candidate items of one type for one clause, in the order the builder should try them."""
    if qtype == "true_false":
        return true_false(clause, pool, rng, difficulty, truth=truth)
    generators = {"single_choice": single_choice, "multiple_choice": multiple_choice,
                  "fill_blank": fill_blank, "short_answer": short_answer}
    return generators[qtype](clause, pool, rng, difficulty)
