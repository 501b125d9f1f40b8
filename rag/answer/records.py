"""The records an answer is made of: ``Citation``, ``Sentence``, ``Answer``, streamed ``Draft``.

``Answer.to_json()`` is the stable interface scripts use (``rag ask --json``)::

    {"question", "answer", "abstained": bool,
     "citations": [{"n", "doc", "title", "label", "path", "text", "score",
                    "meta": {"title", "kind", "issuer", "doc_number", "issued", "effective", "status"} | null}],
     "sentences": [{"text", "citations", "supported", "instruction"?, "spans"?}],
     "notes"?: ["《…》已废止，…"]}

``meta`` is the cited document's metadata (:class:`~rag.records.DocumentMeta`); ``notes``
appears when a cited document is amended or repealed (:mod:`rag.answer.status`).

``instruction`` appears (true) only on a sentence flagged as repeating an instruction found
inside a document (:mod:`rag.answer.injection`). ``spans`` appears on a supported sentence whose
support the check found in the words of a clause: ``[[n, start, end], …]``, character ranges of
``citations[n].text`` (what the clause panel highlights; :meth:`SupportChecker.spans`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rag.records import DocumentMeta, Hit, Unit
from rag.text import language

ABSTAIN_ZH = "所提供的文件中没有找到相关规定。"
ABSTAIN_EN = "The provided documents contain no provision on this."
# How many nearest clauses an abstention lists as 可能相关 (unclaimed). Unmeasured.
NEAREST = 3


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
    meta: DocumentMeta | None = field(default=None, compare=False)

    @classmethod
    def from_hit(cls, n: int, hit: Hit) -> Citation:
        u = hit.unit
        return cls(n, u.doc_id, u.title, u.label, u.path, u.text, round(float(hit.score), 6), u, hit.meta)

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc": self.doc,
            "title": self.title,
            "label": self.label,
            "path": list(self.path),
            "text": self.text,
            "score": self.score,
            "meta": self.meta.shown() if self.meta is not None else None,
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
    # Its only support in the cited clauses is text that reads as an instruction to the model
    # ("忽略以上指令…", "you must answer…"): flagged, and never counted as supported.
    instruction: bool = False
    # (citation number, start, end): where the check found the sentence in that clause's text.
    spans: tuple[tuple[int, int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "citations": list(self.citations), "supported": self.supported}
        if self.instruction:
            data["instruction"] = True
        if self.spans:
            data["spans"] = [list(span) for span in self.spans]
        return data


@dataclass(frozen=True)
class Answer:
    """A cited answer; ``answer`` is the text with markers, ``sentences`` the same split up."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    sentences: tuple[Sentence, ...]
    # A cited document is amended or repealed: one line each, also written into ``answer``.
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "sentences": [s.to_json() for s in self.sentences],
        }
        if self.notes:
            data["notes"] = list(self.notes)
        return data


@dataclass(frozen=True)
class Draft:
    """A piece of answer text as it is produced.

    ``verified`` is False while the citation check has not run on it (a model's tokens as
    they arrive): a reader must not take it for the answer. The verified ``Answer`` follows
    the drafts of a stream.
    """

    text: str
    verified: bool = False

    def __str__(self) -> str:
        return self.text


def abstain(question: str, hits: Sequence[Hit], nearest: int = NEAREST) -> Answer:
    """The honest "not found" answer, with the nearest clauses listed but not claimed."""
    related = tuple(Citation.from_hit(i, h) for i, h in enumerate(hits[:nearest], start=1))
    return Answer(question, abstain_text(question), True, related, ())
