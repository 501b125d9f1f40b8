"""Document kinds at retrieval time: which documents a kind filter keeps and which are formal.

The kind itself is decided once, at indexing, from what the document says
(:mod:`rag.ingest.dockind`) or what an administrator set (:mod:`rag.index.metafile`), and read
here from the index manifest. A filter names kinds (``law``, ``regulation``, ``policy``,
``commentary``) or the group ``formal`` (the first three).

Example::

    kinds = document_kinds(index.manifest.documents)   # {"工伤保险条例(2010-12-20)": "regulation", …}
    matches(kinds["工伤保险条例(2010-12-20)"], ("formal",))   # True
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from rag.index.store import DocEntry
from rag.records import FORMAL_KINDS
from rag.settings import KIND_FILTERS

FORMAL = "formal"
COMMENTARY = "commentary"
# What ``RetrievalOptions.kinds``, ``rag ask --kind`` and ``RAG_KINDS`` accept.
FILTERS = KIND_FILTERS


def document_kinds(documents: Iterable[DocEntry]) -> dict[str, str]:
    """doc_id → kind (``unknown`` for a document indexed before kinds were stored)."""
    return {d.doc_id: d.meta.kind for d in documents}


def is_formal(kind: str) -> bool:
    """A law, regulation or policy notice."""
    return kind in FORMAL_KINDS


def matches(kind: str, wanted: Collection[str]) -> bool:
    """Whether a document of ``kind`` passes a filter on ``wanted`` (empty: every document)."""
    return not wanted or kind in wanted or (FORMAL in wanted and is_formal(kind))
