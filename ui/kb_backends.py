"""One Backend per knowledge base, sharing one loaded model, behind the registry of :mod:`ui.kbs`.

The pages and the ``/ask`` API name a knowledge base by id or name; ``Backends.get`` gives its
Backend (created on first use, over the KB's own settings). The default knowledge base is the
app's original Backend. Removing a KB waits for nothing: it is refused while that KB is indexing.

Example::

    backends = Backends(Backend(settings), KbRegistry(app_db_path(settings), settings))
    backends.get("教育").ask("随迁子女能在当地参加中考吗？")
"""

from __future__ import annotations

import threading

from rag.index.embed import Embedder
from ui.backend import Backend, BusyError, NoIndexError
from ui.builds import worker_for
from ui.kbs import KbRegistry, KnowledgeBase


class Backends:
    """The knowledge bases of one app and their backends; thread-safe."""

    def __init__(self, default: Backend, registry: KbRegistry) -> None:
        self.default = default
        self.registry = registry
        self._lock = threading.Lock()
        self._backends: dict[str, Backend] = {registry.default_id: default}
        self._embedder: Embedder | None = None

    def shared_embedder(self) -> Embedder | None:
        """The model of the default KB's pipeline (loaded once; loaded here when it has no index)."""
        with self._lock:
            if self._embedder is None:
                try:
                    self._embedder = self.default.pipeline().embedder
                except NoIndexError:
                    from rag.index.embed import load_embedder

                    self._embedder = load_embedder(self.default.settings)
            return self._embedder

    def knowledge_bases(self) -> list[KnowledgeBase]:
        return self.registry.list()

    def choices(self) -> list[tuple[str, str]]:
        """(name, id) pairs for the knowledge-base dropdowns."""
        return [(kb.name, kb.id) for kb in self.registry.list()]

    def get(self, key: str | None) -> Backend:
        """The Backend of the knowledge base with this id or name (the default for None or "").

        Raises:
            KeyError: no such knowledge base (the message lists the known ones).
        """
        kb = self.registry.get(key)
        with self._lock:
            backend = self._backends.get(kb.id)
            if backend is None:
                backend = Backend(self.registry.settings_for(kb), shared_embedder=self.shared_embedder)
                self._backends[kb.id] = backend
            return backend

    def create(self, name: str) -> KnowledgeBase:
        return self.registry.create(name)

    def rename(self, key: str, name: str) -> KnowledgeBase:
        return self.registry.rename(key, name)

    def remove(self, key: str) -> KnowledgeBase:
        """Remove a knowledge base and forget its backend.

        Raises:
            KeyError: no such knowledge base.
            ValueError: it is the default one.
            BusyError: it is being indexed right now.
        """
        kb = self.registry.get(key)
        if kb.default:
            return self.registry.remove(kb.id)  # raises: the default is never removed
        backend = self.get(kb.id)
        job = worker_for(backend).status()
        if (job is not None and job.running) or not backend.try_lock_builds():
            raise BusyError(f"knowledge base {kb.name!r} is being indexed")
        try:
            removed = self.registry.remove(kb.id)
            with self._lock:
                self._backends.pop(kb.id, None)
            return removed
        finally:
            backend.unlock_builds()
