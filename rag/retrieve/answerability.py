"""Is a search result worth answering from? One logistic model over :class:`Signals`, all corpora.

The coefficients live in ``answerability.json`` beside this module, written by
``python -m evals.fit_answerability`` (leave-one-corpus-out; the file records the version,
the training sets and the held-out figures). The model is the standardised logistic
``p = σ(b + Σ wᵢ (xᵢ − μᵢ) / sᵢ)`` over the features its file names (``features``: signals of
:class:`Signals` by name, or products of them such as ``coverage*same_language``); the question
is answered when ``p ≥ threshold`` — the threshold of the question's language when the file
names one (``thresholds``, e.g. ``{"zh": 0.68, "en": 0.74}``), else ``threshold``.

A clause named by number (a lookup that matched) is answerable by construction and does not go
through the model. The model holds for the embedder it was fitted with (``embedder``: dense
similarities of another model live on another scale), and for the embedders it lists in
``also_fits``: runtimes of the same model whose vectors reproduce that one's (written by the
fitter from ``rag.index.embed.SAME_VECTORS``); under any other the retriever runs none.

Example::

    model = AnswerabilityModel.load()
    model.probability(retrieval.signals)   # 0.93
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.retrieve.signals import Signals

MODEL_PATH = Path(__file__).with_name("answerability.json")


class ModelFileError(ValueError):
    """The coefficients file does not fit the signals this code computes."""


@dataclass(frozen=True)
class AnswerabilityModel:
    """A fitted logistic model; see the module docstring."""

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    thresholds: tuple[tuple[str, float], ...] = ()  # (question language, its threshold)
    embedder: str = ""  # the embedder id the signals were computed with
    also_fits: tuple[str, ...] = ()  # embedders whose vectors reproduce ``embedder``'s

    def fits(self, embedder_id: str | None) -> bool:
        """Does this model apply to searches made with ``embedder_id``?"""
        return embedder_id is not None and (embedder_id == self.embedder or embedder_id in self.also_fits)

    def __post_init__(self) -> None:
        unknown = [f for f in self.features if not Signals.knows(f)]
        if unknown or not self.features:
            raise ModelFileError(f"model features {self.features} are not among the signals {Signals.names()}")
        sizes = {len(self.mean), len(self.scale), len(self.coef)}
        if sizes != {len(self.features)}:
            raise ModelFileError(f"model arrays have lengths {sorted(sizes)}, expected {len(self.features)}")

    def probability(self, signals: Signals) -> float:
        z = self.intercept
        for x, m, s, w in zip(signals.select(self.features), self.mean, self.scale, self.coef, strict=True):
            z += w * (x - m) / (s or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def threshold_for(self, language: str | None) -> float:
        """The threshold for a question in ``language`` ("zh" / "en"); ``threshold`` for others."""
        return dict(self.thresholds).get(language or "", self.threshold)

    def answerable(self, signals: Signals, language: str | None = None) -> bool:
        return self.probability(signals) >= self.threshold_for(language)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "thresholds": dict(self.thresholds),
            "embedder": self.embedder,
            "also_fits": list(self.also_fits),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnswerabilityModel:
        return cls(
            version=str(data["version"]),
            features=tuple(data["features"]),
            mean=tuple(float(v) for v in data["mean"]),
            scale=tuple(float(v) for v in data["scale"]),
            coef=tuple(float(v) for v in data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data.get("threshold", 0.5)),
            thresholds=tuple((str(k), float(v)) for k, v in sorted(data.get("thresholds", {}).items())),
            embedder=str(data.get("embedder", "")),
            also_fits=tuple(str(e) for e in data.get("also_fits", ())),
        )

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> AnswerabilityModel:
        """The model in ``path`` (the shipped one by default).

        Raises:
            ModelFileError: the file is missing, unreadable or fits other signals.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelFileError(f"cannot read the answerability model {path}: {exc}") from exc
        return cls.from_json(data.get("model", data))
