"""The question-answering pipeline: retrieve → check answerability → answer → verify.

``Pipeline.from_settings(settings)`` loads the embedder and the index once; ``ask`` and
``retrieve`` can then be called any number of times (the CLI's ``--questions`` mode, the app).

Example::

    from rag import Pipeline, Settings

    pipeline = Pipeline.from_settings(Settings.from_env())
    answer = pipeline.ask("城区人口不到300万的城市还限制落户吗？")
    print(answer.answer)                       # 否，全面取消城区常住人口300万以下的城市落户限制…[1]
    print(answer.to_json()["citations"][0]["label"])   # （六）
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from rag.answer.base import Answer, Answerer, Citation, Draft, StreamingAnswerer, abstain
from rag.answer.cite import SupportChecker
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.meaning import MeaningRanker
from rag.answer.smalltalk import small_talk_answer
from rag.answer.status import with_status_notes
from rag.index.embed import Embedder
from rag.index.stores import SearchIndex, open_index
from rag.query.question import analyse, relevance
from rag.query.smalltalk import small_talk
from rag.records import Hit
from rag.retrieve.fusion import Retrieval, RetrievalOptions, Retriever
from rag.settings import Settings
from rag.text import bigrams, language

# A question is off the corpus when the best retrieved clause covers less than this share of
# its content words. Calibrated on evals/dev.jsonl (benchmarks/retrieval_bench.py --calibrate;
# README). The dense similarity is reported but not used: multilingual-e5-small scores
# off-corpus questions (0.85–0.91) as high as answerable ones.
MIN_COVERAGE = 0.3


@dataclass(frozen=True)
class Gate:
    """The answerability signals of one retrieval and the verdict."""

    coverage: float
    dense: float
    answerable: bool


def answerability(retrieval: Retrieval, *, min_coverage: float = MIN_COVERAGE) -> Gate:
    """Is there anything in the retrieved clauses that could answer the question?

    A named clause always is. A search is judged by the fitted answerability model
    (:mod:`rag.retrieve.answerability`) when retrieval ran one; otherwise some retrieved clause
    must hold at least ``min_coverage`` of the question's content words.
    """
    if retrieval.direct:
        return Gate(1.0, retrieval.dense_top, True)
    info = analyse(retrieval.question)
    coverage = max((relevance(info, set(bigrams(h.unit.text))) for h in retrieval.hits), default=0.0)
    verdict = retrieval.answerable
    return Gate(coverage, retrieval.dense_top, coverage >= min_coverage if verdict is None else verdict)


def candidates_answer(retrieval: Retrieval) -> Answer:
    """A reference several documents carry, none named: one line per candidate, each cited,
    none claimed ("第十四条 见于多个文件，请指明是哪一个：")."""
    zh = language(retrieval.question) == "zh"
    asked = retrieval.refs[0].text if retrieval.refs else ""
    if zh:
        head = f"{asked} 见于多个文件，请指明是哪一个："
    else:
        head = f"{asked} is in several documents; which one do you mean?"
    lines = [f"[{n}] {c.line()}" for n, c in enumerate(retrieval.candidates, start=1)]
    citations = tuple(Citation.from_hit(n, h) for n, h in enumerate(retrieval.hits, start=1))
    return Answer(retrieval.question, "\n".join([head, *lines]), True, citations, ())


def retrieval_options(settings: Settings) -> RetrievalOptions:
    """The retrieval options the settings set (``RAG_FORMAL_BOOST``, ``RAG_KINDS``); the rest default."""
    return RetrievalOptions(formal_boost=settings.formal_boost, kinds=settings.kind_filter)


class Pipeline:
    """Retriever + answerer over one loaded index; see the module docstring."""

    def __init__(
        self,
        index: SearchIndex,
        embedder: Embedder | None,
        answerer: Answerer | None = None,
        *,
        top_k: int = 5,
        options: RetrievalOptions | None = None,
    ) -> None:
        if top_k <= 0:
            raise ValueError(f"top_k must be greater than 0. Currently, the top_k is {top_k}")
        self.index = index
        self.embedder = embedder
        self.retriever = Retriever(index, embedder, options)
        meaning = MeaningRanker(embedder, known=lambda text: self.retriever.query_vector(text)) if embedder else None
        self.answerer: Answerer = answerer or ExtractiveAnswerer(SupportChecker(embedder), meaning=meaning)
        self.top_k = top_k
        self._reload = threading.Lock()

    def refresh(self) -> bool:
        """Switch to the index another server published since this one was loaded, if any.

        Called before every question. With the file store nothing can change under this process
        (it is free); with PostgreSQL it is one single-row query, and a reload when another server
        has published — an upload through one app server is answerable through every other
        without a restart. Returns whether the index changed.
        """
        with self._reload:
            fresh = self.index.newer()
            if fresh is None:
                return False
            retriever = Retriever(fresh, self.embedder, self.retriever.options)
            retriever.warm_up()
            self.index, self.retriever = fresh, retriever
            return True

    def use_index(self, index: SearchIndex) -> None:
        """Switch to ``index``, one this process has just published (a metadata edit), keeping
        the loaded model, the answerer and the retrieval options."""
        with self._reload:
            retriever = Retriever(index, self.embedder, self.retriever.options)
            retriever.warm_up()
            self.index, self.retriever = index, retriever

    @classmethod
    def from_settings(cls, settings: Settings, *, answerer: Answerer | None = None) -> Pipeline:
        """Load the embedder and the index named by ``settings``; the LLM answerer when
        ``settings.llm_provider`` is set, else the extractive one.

        Raises:
            IndexLoadError: no index, a damaged one, or one built with another embedder.
        """
        from rag.index.embed import load_embedder  # the model loads here, once

        embedder = load_embedder(settings)
        index = open_index(settings, embedder_id=embedder.id)
        if answerer is None and settings.llm_provider:
            from rag.answer.llm import LLMAnswerer

            answerer = LLMAnswerer.from_settings(settings, embedder=embedder)
        pipeline = cls(index, embedder, answerer, top_k=settings.top_k, options=retrieval_options(settings))
        pipeline.retriever.warm_up()
        return pipeline

    @property
    def vouched(self) -> Answerer:
        """The answerer for a search the answerability model judged answerable: without the
        extractive answerer's own word-overlap floors (``ExtractiveOptions.vouched_*``) — two
        gates in a row refused colloquial questions whose clause ranked first."""
        return self.answerer.vouched() if isinstance(self.answerer, ExtractiveAnswerer) else self.answerer

    @property
    def documents(self) -> dict[str, str]:
        """doc_id → title of every indexed document."""
        return dict(self.retriever.titles)

    def retrieve(
        self, question: str, *, docs: Iterable[str] | None = None, top_k: int | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[Hit]:
        """The best clauses for ``question`` (whole clauses, best first)."""
        self.refresh()
        return self.retriever.search(question, top_k=self.top_k if top_k is None else top_k, docs=docs, kinds=kinds)

    def ask(
        self, question: str, *, docs: Iterable[str] | None = None, top_k: int | None = None,
        kinds: Iterable[str] | None = None,
    ) -> Answer:
        """Answer ``question`` with verified citations, or abstain.

        Args:
            question: the question, Chinese or English.
            docs: only these documents (doc ids).
            top_k: how many clauses to retrieve (default: the settings').
            kinds: only documents of these kinds (``law``, ``regulation``, ``policy``,
                ``commentary``, ``formal``); default the settings' (``RAG_KINDS``).

        Raises:
            ValueError: an empty question, ``top_k`` below 1, an unknown document id or kind.
        """
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        self.refresh()
        if (talk := self.small_talk(question, docs)) is not None:
            return talk
        retrieval = self.retriever.retrieve(
            question, top_k=self.top_k if top_k is None else top_k, docs=docs, kinds=kinds
        )
        return self.answer(retrieval)

    def small_talk(self, question: str, docs: Iterable[str] | None = None) -> Answer | None:
        """The reply to a greeting, thanks or "which documents do you have" (:mod:`rag.query.smalltalk`),
        naming the documents in reach (``docs`` when given); None for a question."""
        kind = small_talk(question)
        if kind is None:
            return None
        wanted = set(docs) if docs is not None else None
        titles = [d.title for d in self.index.manifest.documents if wanted is None or d.doc_id in wanted]
        return small_talk_answer(question, kind, titles)

    def answer(self, retrieval: Retrieval) -> Answer:
        """Answer from a retrieval already made (the gate first, then the answerer)."""
        hits: Sequence[Hit] = retrieval.hits
        if retrieval.candidates:
            return with_status_notes(candidates_answer(retrieval))
        if not hits or not answerability(retrieval).answerable:
            return abstain(retrieval.question, hits)
        answerer = self.vouched if retrieval.answerable else self.answerer
        asked = retrieval.asked or retrieval.question
        answer = answerer.answer(asked, hits)
        if asked != retrieval.question:  # read in the index's words (年假 → 年休假), shown as asked
            answer = replace(answer, question=retrieval.question)
        return with_status_notes(answer)

    def stream(
        self, question: str, *, docs: Iterable[str] | None = None, top_k: int | None = None,
        kinds: Iterable[str] | None = None,
    ) -> Iterator[Draft | Answer]:
        """Like :meth:`ask`, but yield the answer's text as it is produced, then the verified
        ``Answer`` last. The one streaming entry point (the app uses nothing else).

        A ``StreamingAnswerer`` (a model) yields unverified ``Draft`` pieces token by token; any
        other answerer, and an abstention, yields its verified text as one ``Draft``.

        Raises:
            ValueError: an empty question, ``top_k`` below 1, an unknown document id or kind.
        """
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        self.refresh()
        if (talk := self.small_talk(question, docs)) is not None:
            yield Draft(talk.answer, verified=True)
            yield talk
            return
        retrieval = self.retriever.retrieve(
            question, top_k=self.top_k if top_k is None else top_k, docs=docs, kinds=kinds
        )
        answerable = not retrieval.candidates and bool(retrieval.hits) and answerability(retrieval).answerable
        if answerable and isinstance(self.answerer, StreamingAnswerer):
            for item in self.answerer.stream(question, retrieval.hits):
                yield with_status_notes(item) if isinstance(item, Answer) else item
            return
        answer = self.answer(retrieval)
        yield Draft(answer.answer, verified=True)
        yield answer
