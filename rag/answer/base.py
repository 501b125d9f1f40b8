"""Answer records, the ``Answerer`` protocol, and turning drafted sentences into an ``Answer``.

Both answerers draft sentences with markers ``[n]`` into the numbered list of retrieved
clauses (``hits``, 1-based, rank order) and hand them to :func:`compose`, which checks each
sentence against the clauses it cites (:mod:`rag.answer.cite`), drops or flags the unsupported ones,
renumbers the citations that remain in rank order and builds the ``Answer``. When nothing
supported remains, the answer abstains and lists the nearest clauses as 可能相关, unclaimed.

``Answer.to_json()`` is the stable interface scripts use (``rag ask --json``)::

    {"question", "answer", "abstained": bool,
     "citations": [{"n", "doc", "title", "label", "path", "text", "score"}],
     "sentences": [{"text", "citations", "supported"}]}
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rag.answer.cite import ABSTAIN_EN, ABSTAIN_ZH, SupportChecker
from rag.records import Hit, Unit
from rag.text import split_sentences, strip_markers

_CJK = re.compile(r"[\u3400-\u9fff]")
NEAREST = 3


def language(text: str) -> str:
    """"zh" when the text has any Chinese character, else "en"."""
    return "zh" if _CJK.search(text) else "en"


def abstain_text(question: str) -> str:
    return ABSTAIN_ZH if language(question) == "zh" else ABSTAIN_EN


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer: the whole clause, with where it stands.

    When the answer abstained, the citations are the nearest clauses (可能相关), which no
    sentence claims.
    """

    n: int
    doc: str
    title: str
    label: str
    path: tuple[str, ...]
    text: str
    score: float
    unit: Unit = field(repr=False, compare=False)

    @classmethod
    def from_hit(cls, n: int, hit: Hit) -> Citation:
        u = hit.unit
        return cls(n, u.doc_id, u.title, u.label, u.path, u.text, round(float(hit.score), 6), u)

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc": self.doc,
            "title": self.title,
            "label": self.label,
            "path": list(self.path),
            "text": self.text,
            "score": self.score,
        }


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer, without its markers.

    ``citations``: the sources it cites (for a supported sentence, only those that support
    it); ``supporting``: the ones that support it (empty when unsupported).
    """

    text: str
    citations: tuple[int, ...]
    supported: bool
    supporting: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "citations": list(self.citations), "supported": self.supported}


@dataclass(frozen=True)
class Answer:
    """A cited answer; ``answer`` is the text with markers, ``sentences`` the same split up."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    sentences: tuple[Sentence, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "sentences": [s.to_json() for s in self.sentences],
        }


@runtime_checkable
class Answerer(Protocol):
    """Answers a question from retrieved clauses; every sentence cites one of them."""

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer: ...


def abstain(question: str, hits: Sequence[Hit], nearest: int = NEAREST) -> Answer:
    """The honest "not found" answer, with the nearest clauses listed but not claimed."""
    related = tuple(Citation.from_hit(i, h) for i, h in enumerate(hits[:nearest], start=1))
    return Answer(question, abstain_text(question), True, related, ())


def compose(
    question: str,
    drafted: Sequence[str],
    hits: Sequence[Hit],
    checker: SupportChecker,
    *,
    drop_unsupported: bool,
) -> Answer:
    """Verify drafted sentences and build the Answer.

    Args:
        question: the question, which decides the answer's language and joiner.
        drafted: sentences (or a whole text) with canonical markers into ``hits``.
        hits: the numbered sources, rank order, 1-based.
        checker: the support check.
        drop_unsupported: drop unsupported sentences (extractive) or keep them flagged (LLM).

    Returns:
        The answer with renumbered citations; an abstention when no sentence is supported.
    """
    sources = {i: _source_text(h.unit) for i, h in enumerate(hits, start=1)}
    kept: list[tuple[str, tuple[int, ...], bool, tuple[int, ...]]] = []
    for piece in drafted:
        for sentence in split_sentences(piece):
            verdict = checker.check(sentence, sources)
            if not verdict.supported and drop_unsupported:
                continue
            shown = verdict.supporting if verdict.supported else verdict.cited
            kept.append((strip_markers(sentence), shown, verdict.supported, verdict.supporting))
    if not any(supported for _, _, supported, _ in kept):
        return abstain(question, hits)

    used = sorted({n for _, shown, _, _ in kept for n in shown})
    renumber = {old: new for new, old in enumerate(used, start=1)}
    citations = tuple(Citation.from_hit(renumber[n], hits[n - 1]) for n in used)
    sentences = tuple(
        Sentence(text, tuple(renumber[n] for n in shown), supported, tuple(renumber[n] for n in supporting))
        for text, shown, supported, supporting in kept
    )
    joiner = "" if language(question) == "zh" else " "
    text = joiner.join(s.text + "".join(f"[{n}]" for n in s.citations) for s in sentences)
    return Answer(question, text, False, citations, sentences)


def _source_text(unit: Unit) -> str:
    """What a citation vouches for: the clause and the headings it stands under."""
    return "\n".join([unit.title, *unit.path, unit.text])

