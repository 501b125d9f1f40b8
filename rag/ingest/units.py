"""Collecting units in document order: one ``add`` per clause, passages from splitting."""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.ingest.passages import passages, trim
from rag.records import Document, Unit

PREAMBLE_CN = "前言"
PREAMBLE_EN = "preamble"


@dataclass
class Builder:
    """Collects units in document order; one ``add`` per clause (passages come from splitting)."""

    doc: Document
    max_chars: int
    overlap: int
    units: list[Unit] = field(default_factory=list)
    ordinal: int = 0
    chinese: bool = True  # labels made up by the parser ("前言", "第2段") follow the text's language

    def preamble(self, start: int, end: int) -> None:
        self.add(start, end, path=(), label=PREAMBLE_CN if self.chinese else PREAMBLE_EN, kind="preamble")

    def add(self, start: int, end: int, *, path: tuple[str, ...], label: str, kind: str) -> None:
        start, end = trim(self.doc.text, start, end)
        if start >= end:
            return
        spans = passages(self.doc.text, start, end, self.max_chars, self.overlap)
        for part, (s, e) in enumerate(spans):
            self.units.append(Unit(
                doc_id=self.doc.doc_id, title=self.doc.title, path=path, label=label,
                ordinal=self.ordinal, text=self.doc.text[s:e], span=(s, e), kind=kind,
                part=part, parts=len(spans),
            ))
        self.ordinal += 1
