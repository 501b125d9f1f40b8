"""Typed records passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses rather than dicts, so the shape of the
data is checked by mypy and a citation built today still names the same unit after a rebuild
(unit ids derive from content and position, not from insertion order).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_id(*parts: str, length: int = 16) -> str:
    """A short, stable hex id derived from the given strings."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class RawDocument:
    """What a loader read from one file, before cleaning.

    ``text`` keeps the extraction as it came; headings that the file format marks explicitly
    (Word heading styles, HTML ``<h1>``…``<h6>``, Markdown ``#``) are written as Markdown
    heading lines (``## 标题``) so the clause parser sees them whatever the format.
    """

    doc_id: str
    title: str
    source: str
    fmt: str
    text: str
    sha256: str
    # A PDF's text page by page (``text`` is them joined), so units can be given their page.
    pages: tuple[str, ...] = ()


# What a document can be (``DocumentMeta.kind``): formal texts first, then commentary (news,
# papers, speeches), and "unknown" for an empty text.
KINDS = ("law", "regulation", "policy", "commentary", "unknown")
FORMAL_KINDS = ("law", "regulation", "policy")
# Whether the text is current (``DocumentMeta.status``); "" when nobody said (not presumed in force).
STATUSES = ("", "in_force", "amended", "repealed")
NOT_CURRENT = ("amended", "repealed")


@dataclass(frozen=True)
class DocumentMeta:
    """What a document says about itself outside its clauses (its front matter and signature).

    ``title`` is the document's own title (``"工伤保险条例"``), ``issuer`` the issuing body
    (``"国务院办公厅"``), ``doc_number`` the 文号 (``"国办发〔2023〕17号"``), ``issued`` and
    ``effective`` the dates as written (``"2021年1月15日"``), ``status`` one of :data:`STATUSES`
    (``""`` when the text does not say), ``kind`` one of :data:`KINDS`, and
    ``notes`` the front-matter lines that are neither (revision history, a repository's
    "Training Note"), kept for display and never quoted as clauses.
    """

    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    issued: str = ""
    effective: str = ""
    status: str = ""
    kind: str = "unknown"
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title, "issuer": self.issuer, "doc_number": self.doc_number,
            "issued": self.issued, "effective": self.effective, "status": self.status,
            "kind": self.kind, "notes": list(self.notes),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentMeta:
        return cls(
            title=data.get("title", ""), issuer=data.get("issuer", ""),
            doc_number=data.get("doc_number", ""), issued=data.get("issued", ""),
            effective=data.get("effective", ""), status=data.get("status", ""),
            kind=data.get("kind", "unknown"), notes=tuple(data.get("notes", ())),
        )

    @property
    def formal(self) -> bool:
        """A law, regulation or policy notice (not commentary)."""
        return self.kind in FORMAL_KINDS

    @property
    def current(self) -> bool:
        """False when the text is known to be amended or repealed."""
        return self.status not in NOT_CURRENT

    def shown(self) -> dict[str, str]:
        """The fields every citation shows (no notes)."""
        return {
            "title": self.title, "kind": self.kind, "issuer": self.issuer, "doc_number": self.doc_number,
            "issued": self.issued, "effective": self.effective, "status": self.status,
        }


@dataclass(frozen=True)
class Document:
    """A cleaned document: ``text`` is the readable display text every span points into.

    ``meta`` holds what the front matter and signature say (title, issuer, dates, 文号); those
    lines stay in ``text`` for display but are never part of a unit.
    """

    doc_id: str
    title: str
    source: str
    fmt: str
    text: str
    sha256: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)


@dataclass(frozen=True)
class Unit:
    """One citable clause (or one passage of a long clause) of a document.

    ``path`` is the heading path from the outermost heading down to this clause, each element
    the heading line as written (``"三、加快农业转移人口市民化"``, ``"（六）深化户籍制度改革"``).
    ``label`` is the deepest number (``"（六）"``, ``"第十二条"``, ``"Article 5"``) or, for
    unnumbered text, the sub-heading / speaker / ``第N段`` that identifies it.
    ``ordinal`` counts clauses in document order; the passages of one split clause share it and
    are told apart by ``part`` (0-based) out of ``parts``.
    ``span`` is the ``[start, end)`` character range of ``text`` in ``Document.text``.
    """

    doc_id: str
    title: str
    path: tuple[str, ...]
    label: str
    ordinal: int
    text: str
    span: tuple[int, int]
    kind: str = "clause"  # clause | article | preamble | section | speech | paragraph
    part: int = 0
    parts: int = 1
    # The article's lead-in sentence ("职工有下列情形之一的，应当认定为工伤：") on every passage after
    # the first of a split article, so a passage holding only items still says what they are.
    lead: str = ""
    # How many places of this unit had struck-out (deleted) text, shown as "␡": not current law.
    deleted: int = 0
    # The 1-based page of a PDF on which the unit starts; 0 for other formats or when not found.
    page: int = 0

    @property
    def id(self) -> str:
        return content_id(self.doc_id, str(self.ordinal), str(self.part), self.label, self.text)

    @property
    def clause_key(self) -> tuple[str, int]:
        """Identifies the whole clause, shared by all of its passages."""
        return (self.doc_id, self.ordinal)

    def embed_text(self) -> str:
        """The text given to the embedder and the lexical index: heading path, then the text.

        The path's last element is the clause's own heading, which usually opens ``text``
        already; it is not repeated.
        """
        heads = [p for p in self.path if not self.text.startswith(p)]
        body = f"{self.lead} {self.text}" if self.lead and not self.text.startswith(self.lead) else self.text
        return " › ".join([*heads, body]) if heads else body

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "title": self.title,
            "label": self.label,
            "path": list(self.path),
            "ordinal": self.ordinal,
            "kind": self.kind,
            "part": self.part,
            "parts": self.parts,
            "text": self.text,
            "span": list(self.span),
            "lead": self.lead,
            "deleted": self.deleted,
            **({"page": self.page} if self.page else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Unit:
        return cls(
            doc_id=data["doc_id"],
            title=data["title"],
            path=tuple(data["path"]),
            label=data["label"],
            ordinal=int(data["ordinal"]),
            text=data["text"],
            span=(int(data["span"][0]), int(data["span"][1])),
            kind=data.get("kind", "clause"),
            part=int(data.get("part", 0)),
            parts=int(data.get("parts", 1)),
            lead=data.get("lead", ""),
            deleted=int(data.get("deleted", 0)),
            page=int(data.get("page", 0)),
        )


@dataclass(frozen=True)
class ParseResult:
    """The units of one document and the warnings the parser raised about its numbering."""

    units: tuple[Unit, ...]
    warnings: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()  # the heading levels detected, highest first ("第一章", "第一条")


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, with a one-line reason."""

    source: str
    reason: str


@dataclass(frozen=True)
class Hit:
    """A retrieved unit with its fused score and the per-retriever ranks and raw scores behind it
    (``scores``: each retriever's best score over the clause's passages — cosine for dense, BM25
    for lexical — shown by the app's retrieval test page)."""

    unit: Unit
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    # The document's metadata (title, kind, issuer, dates, status), attached by the retriever.
    meta: DocumentMeta | None = field(default=None, compare=False)
