"""Typed records of a quiz: an item and the clause it is answered from.

The JSON form of an item is fixed by the issue (``QuizItem.to_json``); everything that reads
or writes quizzes goes through these records, never through loose dicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, cast

QuizType: TypeAlias = Literal["single_choice", "multiple_choice", "true_false", "fill_blank", "short_answer"]
Answer: TypeAlias = str | tuple[str, ...] | bool

QUIZ_TYPES: tuple[QuizType, ...] = ("single_choice", "multiple_choice", "true_false", "fill_blank", "short_answer")
DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Citation:
    """The clause an item is answered from: document id and title, label, heading path, text."""

    doc: str
    title: str
    label: str
    path: tuple[str, ...]
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "title": self.title, "label": self.label, "path": list(self.path),
                "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        return cls(doc=str(data["doc"]), title=str(data["title"]), label=str(data["label"]),
                   path=tuple(str(p) for p in data["path"]), text=str(data["text"]))


@dataclass(frozen=True)
class QuizItem:
    """One question with its key.

    ``answer`` is the correct option's text (single choice), the correct options' texts in
    option order (multiple choice), a boolean (true/false), the masked text (fill in the blank)
    or the reference answer (short answer). ``options`` is empty for the last two.
    """

    type: QuizType
    question: str
    options: tuple[str, ...]
    answer: Answer
    citation: Citation
    explanation: str

    def __post_init__(self) -> None:
        if self.type not in QUIZ_TYPES:
            raise ValueError(f"type must be one of {QUIZ_TYPES}. Currently, it is {self.type!r}")
        expected = {"true_false": bool, "multiple_choice": tuple}.get(self.type, str)
        if not isinstance(self.answer, expected):
            raise ValueError(f"a {self.type} answer must be a {expected.__name__}. "
                             f"Currently, it is {self.answer!r}")

    @property
    def keys(self) -> tuple[str, ...]:
        """The option texts that are correct (empty for true/false, blanks and short answers)."""
        if self.type == "single_choice":
            return (cast(str, self.answer),)
        if self.type == "multiple_choice":
            return cast(tuple[str, ...], self.answer)
        return ()

    @property
    def key_letters(self) -> str:
        """``"B"``, ``"AC"``: the positions of the correct options, as printed."""
        return "".join(chr(ord("A") + self.options.index(k)) for k in self.keys if k in self.options)

    def to_json(self) -> dict[str, Any]:
        answer: Any = list(self.answer) if isinstance(self.answer, tuple) else self.answer
        return {"type": self.type, "question": self.question, "options": list(self.options),
                "answer": answer, "citation": self.citation.to_json(), "explanation": self.explanation}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuizItem:
        raw = data["answer"]
        answer: Answer = tuple(str(a) for a in raw) if isinstance(raw, list) else raw
        return cls(type=data["type"], question=str(data["question"]),
                   options=tuple(str(o) for o in data.get("options", ())), answer=answer,
                   citation=Citation.from_json(data["citation"]), explanation=str(data["explanation"]))
