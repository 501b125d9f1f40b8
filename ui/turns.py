"""The conversation as the UI keeps it: typed views of the answer JSON, one ``Turn`` per question.

The UI reads answers through the stable JSON of ``rag ask --json`` (issue 3), so it depends on
that contract only, not on the pipeline's internal classes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CitationView:
    """One numbered source of an answer: ``text`` is the whole clause."""

    n: int
    doc: str
    title: str
    label: str
    path: tuple[str, ...]
    text: str
    score: float
    meta: Mapping[str, str] | None = None  # the document's metadata (DocumentMeta.shown())

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CitationView:
        return cls(
            n=int(data["n"]),
            doc=str(data.get("doc", "")),
            title=str(data.get("title", "")),
            label=str(data.get("label", "")),
            path=tuple(str(p) for p in data.get("path") or ()),
            text=str(data.get("text", "")),
            score=float(data.get("score") or 0.0),
            meta={str(k): str(v) for k, v in meta.items()} if isinstance(meta := data.get("meta"), dict) else None,
        )

    def heading(self) -> str:
        """Heading path and label as one line: 三、… › （六）深化户籍制度改革."""
        parts = list(self.path)
        if self.label and not any(p.startswith(self.label) for p in parts):
            parts.append(self.label)
        return " › ".join(parts)


@dataclass(frozen=True)
class SentenceView:
    """An answer sentence, the citation numbers after it, whether they support it, and where.

    ``spans``: (citation number, start, end) — the characters of that citation's text where the
    citation check found the sentence.
    """

    text: str
    citations: tuple[int, ...]
    supported: bool
    spans: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SentenceView:
        return cls(
            text=str(data.get("text", "")),
            citations=tuple(int(n) for n in data.get("citations") or ()),
            supported=bool(data.get("supported", True)),
            spans=tuple((int(n), int(a), int(b)) for n, a, b in data.get("spans") or ()),
        )


@dataclass(frozen=True)
class AnswerView:
    """``rag ask --json`` as a typed value."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[CitationView, ...]
    sentences: tuple[SentenceView, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AnswerView:
        return cls(
            question=str(data.get("question", "")),
            answer=str(data.get("answer", "")),
            abstained=bool(data.get("abstained", False)),
            citations=tuple(CitationView.from_json(c) for c in data.get("citations") or ()),
            sentences=tuple(SentenceView.from_json(s) for s in data.get("sentences") or ()),
        )

    def citation(self, n: int) -> CitationView | None:
        return next((c for c in self.citations if c.n == n), None)

    def spans(self, n: int) -> list[tuple[int, int]]:
        """Where the citation check found the answer's sentences in source ``n``'s text."""
        return sorted((a, b) for s in self.sentences if s.supported for m, a, b in s.spans if m == n)

    def by_meaning(self, n: int) -> bool:
        """A supported sentence rests on source ``n`` by meaning alone (no words found to mark)."""
        return any(s.supported and n in s.citations and not any(m == n for m, _, _ in s.spans) for s in self.sentences)


@dataclass
class Turn:
    """One question and its answer (or the error that stopped it).

    ``asked`` is what the user typed, ``question`` what the pipeline was asked (a follow-up
    completed from the conversation), shown to the user only when ``clean`` (a sentence, not the
    topic-prefixed form meant for retrieval); ``partial`` holds streamed text until the answer is done.
    """

    asked: str
    question: str
    clean: bool = True
    answer: AnswerView | None = None
    error: str | None = None
    partial: str = ""
    docs: tuple[str, ...] = field(default_factory=tuple)


def history_questions(turns: Sequence[Turn]) -> list[str]:
    """The understood questions of the turns that got an answer, oldest first."""
    return [turn.question for turn in turns if turn.answer is not None]
