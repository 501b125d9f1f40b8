"""Quizzes for trainers: questions with checked answer keys, each tied to one clause.

Example::

    from rag.quiz import Selection, build_quiz
    from rag.quiz.export import render

    items = build_quiz(units, n=20, seed=1, select=Selection(clauses=("（六）",)))
    gift = render(items, "gift")
"""

from rag.quiz.build import build_quiz
from rag.quiz.checks import check_item, check_quiz
from rag.quiz.draft import ChatModelDrafter, Drafter
from rag.quiz.items import DIFFICULTIES, QUIZ_TYPES, Citation, QuizItem, QuizType
from rag.quiz.source import Selection

__all__ = [
    "DIFFICULTIES",
    "QUIZ_TYPES",
    "ChatModelDrafter",
    "Citation",
    "Drafter",
    "QuizItem",
    "QuizType",
    "Selection",
    "build_quiz",
    "check_item",
    "check_quiz",
]
