"""A LangChain ``BaseRetriever`` over the index, so the retriever plugs into users' own chains.

Each returned ``Document`` is one whole clause (split passages merged back), with metadata
``doc`` (document id), ``title``, ``label``, ``path`` (list of headings) and ``score``, plus
``ranks`` (the rank each retriever gave it; ``{"ref": 1}`` for a clause named in the question).

Example::

    from rag import Pipeline, PolicyRetriever

    retriever = PolicyRetriever.from_pipeline(Pipeline.from_settings(settings), top_k=4)
    docs = retriever.invoke("城区人口不到300万的城市还限制落户吗？")
    docs[0].metadata["label"]   # '（六）'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.records import Hit
from rag.retrieve.fusion import Retriever

if TYPE_CHECKING:
    from rag.pipeline import Pipeline


def hit_to_document(hit: Hit) -> Document:
    u = hit.unit
    return Document(
        page_content=u.text,
        metadata={
            "doc": u.doc_id,
            "title": u.title,
            "label": u.label,
            "path": list(u.path),
            "score": float(hit.score),
            "ranks": dict(hit.ranks),
        },
    )


class PolicyRetriever(BaseRetriever):
    """LangChain retriever: article lookup + hybrid search over a policy-rag index."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Retriever
    top_k: int = 5
    docs: list[str] | None = None

    @classmethod
    def from_pipeline(cls, pipeline: Pipeline, **kwargs: Any) -> PolicyRetriever:
        return cls(retriever=pipeline.retriever, **kwargs)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.retriever.search(query, top_k=self.top_k, docs=self.docs)
        return [hit_to_document(h) for h in hits]
