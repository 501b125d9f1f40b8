"""What a system under evaluation returns for one question, in the harness's own terms.

Systems differ (the full pipeline answers and cites; a baseline only ranks fixed-size chunks
that are not clauses), so each is wrapped to produce an ``Outcome``: the retrieved items best
first and, when the system answers, an ``AnswerView``. Metrics are computed on these views
only, never on a system's internals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from evals.gold import ClauseKey, Span

# The support judge: does this sentence follow from these passages (taken together)?
SupportFn = Callable[[str, Sequence[str]], bool]


@dataclass(frozen=True)
class Retrieved:
    """One retrieved item: a clause (``key``) or, for chunk baselines, a span of a document."""

    key: ClauseKey | None = None
    span: Span | None = None
    text: str = ""
    name: str = ""


@dataclass(frozen=True)
class CitationView:
    """Source ``n`` of an answer's numbered list and the clause it resolves to (None: unknown)."""

    n: int
    key: ClauseKey | None
    text: str
    name: str = ""


@dataclass(frozen=True)
class SentenceView:
    text: str
    citations: tuple[int, ...] = ()


@dataclass(frozen=True)
class AnswerView:
    text: str
    abstained: bool
    citations: tuple[CitationView, ...] = ()
    sentences: tuple[SentenceView, ...] = ()

    def passages(self) -> dict[int, str]:
        return {c.n: c.text for c in self.citations}

    def cited_numbers(self) -> tuple[int, ...]:
        """Source numbers the sentences point to (the answer's real citations), in order."""
        seen: dict[int, None] = {}
        for sentence in self.sentences:
            for n in sentence.citations:
                seen.setdefault(n, None)
        return tuple(seen)


@dataclass(frozen=True)
class Outcome:
    retrieved: tuple[Retrieved, ...] = ()
    answer: AnswerView | None = None
    seconds: float | None = None
    error: str | None = None


class System(Protocol):
    """Anything the harness can run: a name, a one-line description, ``run(question)``."""

    name: str
    description: str

    def run(self, question: str) -> Outcome: ...
