"""The app's pipeline, loaded lazily (so the app starts before an index exists) and switched to
the newest published index; the base of :class:`ui.backend.Backend`."""

from __future__ import annotations

import threading
from collections.abc import Callable

from rag.index.embed import Embedder
from rag.index.store import DocEntry, IndexLoadError
from rag.pipeline import Pipeline
from rag.settings import Settings
from ui.clause_html import ClauseView


class NoIndexError(RuntimeError):
    """There is no usable index yet (or it could not be loaded); the message says why."""


class BackendCore:
    """The loaded pipeline and the locks the app's pages share; thread-safe for Gradio's workers."""

    def __init__(
        self,
        settings: Settings,
        pipeline: Pipeline | None = None,
        *,
        pipeline_factory: Callable[[Settings, Embedder | None], Pipeline] | None = None,
        shared_embedder: Callable[[], Embedder | None] | None = None,
    ) -> None:
        self.settings = settings
        self._pipeline = pipeline
        self._factory = pipeline_factory or default_factory
        # Another knowledge base's backend lends its loaded model, so each KB costs an index, not a model.
        self._shared_embedder = shared_embedder
        self._lock = threading.RLock()
        self._build_lock = threading.Lock()
        self._clauses: dict[tuple[str, int], ClauseView] | None = None
        self._clauses_of: object = None  # the index the clause map was made from
        self._order: dict[str, list[int]] = {}
        self._load_error: str | None = None

    def pipeline(self) -> Pipeline:
        """The loaded pipeline, switched to the newest index another server published (shared
        store); raises NoIndexError (with the reason) when there is no index."""
        with self._lock:
            if self._pipeline is None:
                try:
                    fresh_kb = self._shared_embedder is not None and not self.settings.store
                    if fresh_kb and not self.settings.index_path.exists():
                        raise IndexLoadError(f"no index at {self.settings.index_path}; upload documents first")
                    embedder = self._shared_embedder() if self._shared_embedder is not None else None
                    self._pipeline = self._factory(self.settings, embedder)
                except IndexLoadError as exc:
                    raise NoIndexError(str(exc)) from exc
                self._clauses = None
            elif self._pipeline.refresh():
                self._clauses = None
            return self._pipeline

    def ready(self) -> bool:
        try:
            self.pipeline()
        except NoIndexError:
            return False
        return True

    def documents(self) -> list[DocEntry]:
        try:
            return list(self.pipeline().index.manifest.documents)
        except NoIndexError:
            return []

    def doc_choices(self) -> list[tuple[str, str]]:
        """(title, doc_id) pairs for the document dropdowns."""
        return [(d.title if d.title == d.doc_id else f"{d.title}（{d.doc_id}）", d.doc_id) for d in self.documents()]


def default_factory(settings: Settings, embedder: Embedder | None) -> Pipeline:
    """A pipeline over the settings' index, reusing an already loaded embedder."""
    if embedder is None:
        return Pipeline.from_settings(settings)
    from rag.answer.llm import LLMAnswerer
    from rag.index.stores import open_index
    from rag.pipeline import retrieval_options

    index = open_index(settings, embedder_id=embedder.id)
    answerer = LLMAnswerer.from_settings(settings, embedder=embedder) if settings.llm_provider else None
    # The settings' retrieval options, as Pipeline.from_settings gives them: a rebuilt pipeline
    # (after an upload) must not drop RAG_FORMAL_BOOST / RAG_KINDS.
    return Pipeline(index, embedder, answerer, top_k=settings.top_k, options=retrieval_options(settings))

