"""Checks every item must pass, on the item alone, so drafts from an LLM are held to the same
rules as the offline generators' items.

``check_item`` returns the problems of one item (empty when it passes); ``check_quiz`` adds
the rules about a set: no two items test the same sentence, answer positions are balanced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.quiz.evidence import (
    answer_points,
    fill_slot,
    one_change,
    quotes_clause,
    statement_of,
    tested_sentences,
)
from rag.quiz.form import meaningful_blank, position_counts, positions_balanced, similar_options
from rag.quiz.items import QuizItem
from rag.quiz.source import Clause
from rag.quiz.text import contains, norm, tidy
from rag.quiz.wording import EN, ZH

__all__ = [
    "answer_points", "check_item", "check_quiz", "fill_slot", "meaningful_blank", "one_change", "position_counts",
    "positions_balanced", "quotes_clause", "similar_options", "statement_of", "tested_sentences",
]


def check_item(item: QuizItem) -> list[str]:
    """The rules one item breaks; an empty list means the item may be used."""
    problems: list[str] = []
    clause = Clause.from_citation(item.citation)
    if not item.question.strip():
        problems.append("the question is empty")
    if not clause.text.strip():
        problems.append("the citation has no clause text")
        return problems
    if not quotes_clause(item):
        problems.append("the explanation does not quote the cited clause")
    if not tested_sentences(item):
        problems.append("the key is not supported by the cited clause")
    checker = {"single_choice": _single, "multiple_choice": _multiple, "true_false": _true_false,
               "fill_blank": _fill, "short_answer": _short}[item.type]
    problems.extend(checker(item, clause))
    return problems


def check_quiz(items: Sequence[QuizItem]) -> list[str]:
    """Every item's problems (prefixed ``Q<n>``) plus the rules that span items."""
    problems = [f"Q{n}: {p}" for n, item in enumerate(items, 1) for p in check_item(item)]
    seen: dict[tuple[str, str], int] = {}
    for n, item in enumerate(items, 1):
        for sentence in tested_sentences(item):
            key = (item.citation.doc, sentence)
            if key in seen:
                problems.append(f"Q{n} tests the same sentence as Q{seen[key]}: {sentence[:30]}…")
            else:
                seen[key] = n
    if not positions_balanced(items):
        problems.append(f"single-choice answer positions are unbalanced: {position_counts(items)}")
    return problems


# ---------------------------------------------------------------------------------------------
# Rules on one item


def _single(item: QuizItem, clause: Clause) -> list[str]:
    problems = _choice_form(item)
    if len(item.options) != 4:
        problems.append(f"a single-choice item has 4 options, not {len(item.options)}")
    key = str(item.answer)
    if not meaningful_blank(key):
        problems.append(f"the key {key!r} is not a meaningful term or number")
    for option in item.options:
        if option == key:
            continue
        # Stricter than "completes the blank truly": a distractor the clause states anywhere is
        # another true statement of the clause, and a trainee who knows it would be marked wrong.
        if contains(clause.text, option):
            problems.append(f"the distractor {option!r} is supported by the clause")
    return problems


def _multiple(item: QuizItem, clause: Clause) -> list[str]:
    problems = _choice_form(item)
    keys = item.keys
    if len(item.options) < 4:
        problems.append(f"a multiple-choice item has at least 4 options, not {len(item.options)}")
    if not 2 <= len(keys) < len(item.options):
        problems.append(f"a multiple-choice item has 2 or more keys and a wrong option, not {len(keys)} keys")
    for key in keys:
        if not contains(clause.text, key):
            problems.append(f"the key {key!r} is not in the clause")
    for option in item.options:
        if option not in keys and contains(clause.text, option):
            problems.append(f"the distractor {option!r} is stated in the clause")
    return problems


def _choice_form(item: QuizItem) -> list[str]:
    problems = []
    if len(set(map(norm, item.options))) != len(item.options):
        problems.append("two options are the same")
    missing = [k for k in item.keys if k not in item.options]
    if missing:
        problems.append(f"the key {missing} is not among the options")
    if not similar_options(item.options):
        problems.append(f"the options differ in length or form: {list(item.options)}")
    shown = [k for k in item.keys if _given_away(item.question, k)]
    if shown:
        problems.append(f"the question prints its own key {shown}")
    return problems


def _true_false(item: QuizItem, clause: Clause) -> list[str]:
    statement = statement_of(item)
    if item.answer is True:
        return [] if contains(clause.text, statement) else ["a true statement is not in the clause"]
    if contains(clause.text, statement):
        return ["a false statement is stated in the clause"]
    if one_change(statement, clause.text) is None:
        return ["a false statement must change exactly one fact of a clause sentence"]
    return []


def _fill(item: QuizItem, clause: Clause) -> list[str]:
    problems = []
    answer = str(item.answer)
    if not meaningful_blank(answer):
        problems.append(f"the blank {answer!r} masks no meaningful term or number")
    if not any(m in item.question for m in (ZH.fill_blank, EN.fill_blank)):
        problems.append("the question has no blank")
    if _given_away(item.question, answer):
        problems.append(f"the question prints its own answer {answer!r}")
    return problems


def _short(item: QuizItem, clause: Clause) -> list[str]:
    points = answer_points(str(item.answer))
    missing = [p for p in points if not contains(clause.text, p)]
    return [f"reference answer points not in the clause: {missing}"] if missing or not points else []



def _given_away(question: str, key: str) -> bool:
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return re.search(rf"(?<![\d.]){re.escape(key)}(?![\d.])", tidy(question)) is not None
    return contains(question, key)

