"""What an index says about itself: its manifest (embedder, documents with their content hashes
and metadata, unit count, build settings) and the errors of loading one. Shared by the file
store (:mod:`rag.index.store`) and the PostgreSQL store (:mod:`rag.index.pgstore`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rag.index.metafile import apply
from rag.records import DocumentMeta

# 2: the units in columns (rag/index/unitfile.py) instead of units.jsonl; format 1 is still read.
FORMAT_VERSION = 2
READS_VERSIONS = (1, 2)


class IndexLoadError(Exception):
    """The index directory is missing, unreadable, or of an unknown format."""


class IndexMismatchError(IndexLoadError):
    """The index was built with another embedder than the one asked for."""


@dataclass(frozen=True)
class DocEntry:
    """What the manifest records of one indexed document.

    ``detected`` is the metadata read from the document (:mod:`rag.ingest.frontmatter`),
    ``override`` the administrator's fields from the sidecar (:mod:`rag.index.metafile`);
    ``meta`` is the two together, what citations show. The manifest writes all three (``meta``
    for readers, the other two so an edit never needs the document parsed again).
    """

    doc_id: str
    title: str
    source: str
    fmt: str
    sha256: str
    units: int
    warnings: tuple[str, ...] = ()
    detected: DocumentMeta = field(default_factory=DocumentMeta)
    override: dict[str, str] = field(default_factory=dict)

    @property
    def meta(self) -> DocumentMeta:
        return apply(self.detected, self.override)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "fmt": self.fmt,
            "sha256": self.sha256,
            "units": self.units,
            "warnings": list(self.warnings),
            "meta": self.meta.to_json(),
            "meta_detected": self.detected.to_json(),
            "meta_override": dict(self.override),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocEntry:
        return cls(
            doc_id=data["doc_id"],
            title=data["title"],
            source=data["source"],
            fmt=data["fmt"],
            sha256=data["sha256"],
            units=int(data["units"]),
            warnings=tuple(data.get("warnings", ())),
            # An index built before metadata was stored has none: "unknown" until rebuilt.
            detected=DocumentMeta.from_json(data.get("meta_detected") or data.get("meta") or {}),
            override={str(k): str(v) for k, v in (data.get("meta_override") or {}).items()},
        )


@dataclass(frozen=True)
class Manifest:
    """The index's description of itself; see the module docstring."""

    embedder_id: str
    dim: int
    documents: tuple[DocEntry, ...]
    unit_count: int
    built_at: str
    chunking: dict[str, Any]
    lexical_tokenizer: str
    faiss_kind: str
    format_version: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        return {
            "format_version": self.format_version,
            "embedder": {"id": self.embedder_id, "dim": self.dim},
            "documents": [d.to_json() for d in self.documents],
            "unit_count": self.unit_count,
            "built_at": self.built_at,
            "chunking": self.chunking,
            "lexical_tokenizer": self.lexical_tokenizer,
            "faiss_kind": self.faiss_kind,
        }

    def document(self, doc_id: str) -> DocEntry:
        """The entry of ``doc_id``; a KeyError lists the documents the index has."""
        for entry in self.documents:
            if entry.doc_id == doc_id:
                return entry
        known = ", ".join(d.doc_id for d in self.documents)
        raise KeyError(f"no document {doc_id!r} in the index; it has: {known}")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        return cls(
            format_version=int(data["format_version"]),
            embedder_id=data["embedder"]["id"],
            dim=int(data["embedder"]["dim"]),
            documents=tuple(DocEntry.from_json(d) for d in data["documents"]),
            unit_count=int(data["unit_count"]),
            built_at=data["built_at"],
            chunking=dict(data["chunking"]),
            lexical_tokenizer=data["lexical_tokenizer"],
            faiss_kind=data["faiss_kind"],
        )
