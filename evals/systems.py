"""Systems under evaluation: the full pipeline, and retrieval with one retriever switched off.

``PipelineSystem`` wraps anything shaped like ``rag.pipeline.Pipeline`` — ``ask(question)``
returning an answer with ``to_json()`` (the stable ``rag ask --json`` object) and
``retrieve(question)`` returning hits in rank order — and turns both into an ``Outcome``.
``RetrieverSystem`` ranks clauses with ``rag.retrieve.fusion.Retriever`` under other options (lexical
only, dense only), so the report shows what fusion buys.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evals.gold import ClauseKey, Corpus
from evals.outcome import AnswerView, CitationView, Outcome, Retrieved, SentenceView
from rag.records import Unit

DEPTH = 10


def _hits_of(result: Any) -> Sequence[Any]:
    """Hits from ``retrieve``: a list of hits, or an object carrying ``.hits``."""
    hits = getattr(result, "hits", result)
    return list(hits) if hits is not None else []


def retrieved_from_hits(hits: Sequence[Any], corpus: Corpus) -> tuple[Retrieved, ...]:
    """Hits (anything with ``.unit``) as retrieved clause items, best first."""
    out: list[Retrieved] = []
    for hit in hits:
        unit = getattr(hit, "unit", hit)
        if isinstance(unit, Unit):
            out.append(Retrieved(key=unit.clause_key, name=corpus.name(unit.clause_key)))
    return tuple(out)


def _passage(title: str, path: Sequence[str], text: str) -> str:
    # What a citation vouches for, as ALCE gives the judge a passage: its title and
    # headings, then the text.
    return "\n".join([title, *path, text])


def answer_view(answer: Any, corpus: Corpus) -> AnswerView:
    """An answer (object with ``to_json()``, or its JSON) in the harness's terms.

    A citation's clause comes from its ``unit`` when the object carries one, else from the
    document, label and path it names (what ``rag ask --json`` prints).
    """
    data: dict[str, Any] = answer.to_json() if hasattr(answer, "to_json") else dict(answer)
    objects = list(getattr(answer, "citations", ()) or ())
    citations: list[CitationView] = []
    for i, cit in enumerate(data.get("citations", [])):
        unit = getattr(objects[i], "unit", None) if i < len(objects) else None
        path = tuple(cit.get("path", ()))
        key: ClauseKey | None
        if isinstance(unit, Unit):
            key = unit.clause_key
        else:
            key = corpus.key_for(cit.get("doc", ""), cit.get("label", ""), path, cit.get("text", ""))
        name = corpus.name(key) if key is not None else f"{cit.get('doc', '')} {cit.get('label', '')}"
        citations.append(
            CitationView(int(cit["n"]), key, _passage(cit.get("title", ""), path, cit.get("text", "")), name)
        )
    sentences = tuple(
        SentenceView(str(s.get("text", "")), tuple(int(n) for n in s.get("citations", [])))
        for s in data.get("sentences", [])
    )
    return AnswerView(str(data.get("answer", "")), bool(data.get("abstained", False)), tuple(citations), sentences)


class PipelineSystem:
    """The system as users get it: ``ask`` for the answer (timed), ``retrieve`` for the ranking."""

    def __init__(self, pipeline: Any, corpus: Corpus, *, name: str = "default", description: str = "") -> None:
        self.pipeline = pipeline
        self.corpus = corpus
        self.name = name
        self.description = description or "the default pipeline: hybrid retrieval + extractive answer"
        self._retrieve: Callable[[str], Any] | None = None

    def _ranking(self, question: str) -> Sequence[Any]:
        if self._retrieve is None:
            # MRR@10 wants ten clauses; a pipeline whose retrieve takes no top_k gives its own.
            try:
                result = self.pipeline.retrieve(question, top_k=DEPTH)
                self._retrieve = lambda q: self.pipeline.retrieve(q, top_k=DEPTH)
                return _hits_of(result)
            except TypeError:
                self._retrieve = self.pipeline.retrieve
        assert self._retrieve is not None
        return _hits_of(self._retrieve(question))

    def run(self, question: str) -> Outcome:
        started = time.perf_counter()
        answer = self.pipeline.ask(question)
        seconds = time.perf_counter() - started
        retrieved = retrieved_from_hits(self._ranking(question), self.corpus)
        return Outcome(retrieved, answer_view(answer, self.corpus), seconds)


class AnswersFileSystem:
    """Answers produced elsewhere: lines of ``rag ask --json --questions`` output.

    Each line is the ``rag ask --json`` object (with the question's ``"id"``); it is matched to
    the gold question by its ``"question"`` text, which ``rag ask`` echoes. Retrieval metrics are then computed
    over the numbered sources the answer shows (its citations, in rank order), not over a
    full ranking, and there is no latency.
    """

    def __init__(self, path: Path, corpus: Corpus, *, name: str = "answers") -> None:
        self.corpus = corpus
        self.name = name
        self.description = f"answers read from {path.name}"
        self.by_question: dict[str, dict[str, Any]] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if isinstance(data, dict) and "question" in data:
                self.by_question[str(data["question"]).strip()] = data

    def run(self, question: str) -> Outcome:
        data = self.by_question.get(question.strip())
        if data is None:
            return Outcome(error="no answer for this question in the answers file")
        view = answer_view(data, self.corpus)
        retrieved = tuple(Retrieved(key=c.key, name=c.name) for c in view.citations if c.key is not None)
        return Outcome(retrieved, view, None)


class RetrieverSystem:
    """Clause retrieval only (no answer), e.g. the pipeline's retriever with fusion off."""

    def __init__(self, retriever: Any, corpus: Corpus, *, name: str, description: str) -> None:
        self.retriever = retriever
        self.corpus = corpus
        self.name = name
        self.description = description

    def run(self, question: str) -> Outcome:
        started = time.perf_counter()
        hits = self.retriever.search(question, top_k=DEPTH)
        seconds = time.perf_counter() - started
        return Outcome(retrieved_from_hits(hits, self.corpus), None, seconds)
