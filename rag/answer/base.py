"""The answerer protocols, and the names scripts import from here.

``Answerer.answer`` gives a verified ``Answer``; ``StreamingAnswerer.stream`` yields unverified
``Draft`` pieces as they are produced and the verified ``Answer`` last. The records live in
:mod:`rag.answer.records`, the verification in :mod:`rag.answer.compose`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable

from rag.answer.compose import compose
from rag.answer.records import NEAREST, Answer, Citation, Draft, Sentence, abstain, abstain_text
from rag.records import Hit
from rag.text import language

__all__ = [
    "NEAREST",
    "Answer",
    "Answerer",
    "Citation",
    "Draft",
    "Sentence",
    "StreamingAnswerer",
    "abstain",
    "abstain_text",
    "compose",
    "language",
]


@runtime_checkable
class Answerer(Protocol):
    """Answers a question from retrieved clauses; every sentence cites one of them."""

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer: ...


@runtime_checkable
class StreamingAnswerer(Protocol):
    """Answers as it goes: unverified ``Draft`` pieces as produced, then the verified ``Answer``
    last (exactly one ``Answer``, always the final item)."""

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[Draft | Answer]: ...
