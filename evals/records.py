"""Typed evaluation results: what one system did on one question, and the totals of a run.

Every metric is reported as ``{"score": float | None, "n": int}`` — the value and how many
questions (or sentences) it was computed over — so a reader sees at once whether 1.0 means
"always" or "once out of one". ``score`` is None when nothing was there to measure.
A run serialises to JSON (``rag eval --json``) and reads back for ``--compare``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

FORMAT = "policy-rag-eval/1"


@dataclass(frozen=True)
class MetricValue:
    score: float | None
    n: int

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "n": self.n}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MetricValue:
        score = data.get("score")
        return cls(None if score is None else float(score), int(data.get("n", 0)))


@dataclass(frozen=True)
class QuestionResult:
    """One system's result on one question, with every per-question metric.

    Retrieval: ``rank`` is the 1-based rank of the first retrieved item matching the gold
    among the first ten (None: not found). Answers (None for retrieval-only systems):
    ``cited`` are the clauses the answer's markers point to; ``citation_precision`` /
    ``citation_recall`` compare them with the gold clauses; ``sentences`` … ``citations_precise``
    are the ALCE counts; ``numbers`` / ``numbers_missing`` the Arabic numbers of the answer and
    those no cited clause contains.
    """

    id: str
    question: str
    tags: tuple[str, ...]
    answerable: bool
    gold: tuple[str, ...] = ()
    rank: int | None = None
    retrieved: tuple[str, ...] = ()
    abstained: bool | None = None
    answer: str | None = None
    cited: tuple[str, ...] = ()
    cited_gold: int = 0
    gold_groups: int = 0
    gold_groups_cited: int = 0
    citation_precision: float | None = None
    citation_recall: float | None = None
    sentences: int = 0
    sentences_supported: int = 0
    citations: int = 0
    citations_precise: int = 0
    numbers: tuple[str, ...] = ()
    numbers_missing: tuple[str, ...] = ()
    latency_ms: float | None = None
    error: str | None = None
    # The corpus group of the question, and its answer's opening judged against the gold facts
    # (evals/facts.py): what it opened with, and whether that was right (None: not judged).
    group: str = ""
    verdict_given: str | None = None
    figure_given: str | None = None
    verdict_ok: bool | None = None
    figure_ok: bool | None = None

    @property
    def answered(self) -> bool:
        return self.abstained is False and self.error is None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for f in fields(self):
            if isinstance(data[f.name], tuple):
                data[f.name] = list(data[f.name])
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuestionResult:
        # Unknown keys (written by a newer version) are ignored; lists come back as tuples.
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known
        }
        return cls(**values)


Totals = dict[str, dict[str, MetricValue]]  # slice ("all" or a tag) → metric → value


@dataclass(frozen=True)
class SystemRun:
    """One system over the whole gold set."""

    name: str
    description: str
    questions: tuple[QuestionResult, ...]
    totals: Totals = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "totals": {s: {m: v.to_json() for m, v in ms.items()} for s, ms in self.totals.items()},
            "questions": [q.to_json() for q in self.questions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SystemRun:
        return cls(
            name=data["name"],
            description=data.get("description", ""),
            questions=tuple(QuestionResult.from_json(q) for q in data.get("questions", [])),
            totals={s: {m: MetricValue.from_json(v) for m, v in ms.items()}
                    for s, ms in data.get("totals", {}).items()},
        )


@dataclass(frozen=True)
class EvalRun:
    """A whole ``rag eval`` run: the gold file, the settings, one SystemRun per system."""

    gold_file: str
    created: str
    settings: dict[str, Any]
    systems: tuple[SystemRun, ...]
    warnings: tuple[str, ...] = ()

    def system(self, name: str) -> SystemRun:
        for run in self.systems:
            if run.name == name:
                return run
        known = ", ".join(s.name for s in self.systems)
        raise KeyError(f"no system {name!r} in this run; it has: {known}")

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "gold_file": self.gold_file,
            "created": self.created,
            "settings": self.settings,
            "warnings": list(self.warnings),
            "systems": [s.to_json() for s in self.systems],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EvalRun:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a rag eval result (format {data.get('format')!r}, expected {FORMAT!r})")
        return cls(
            gold_file=data.get("gold_file", ""),
            created=data.get("created", ""),
            settings=dict(data.get("settings", {})),
            systems=tuple(SystemRun.from_json(s) for s in data.get("systems", [])),
            warnings=tuple(data.get("warnings", [])),
        )
