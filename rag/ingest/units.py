"""Collecting units in document order: one ``add`` per clause, passages from splitting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.ingest.markdown import DELETED_MARK
from rag.ingest.passages import passages, trim
from rag.records import Document, Unit

# A lead-in longer than this is cut at a phrase end: it is context, not the clause (unmeasured).
LEAD_CHARS = 120
_LEAD_END = re.compile(r"[：:](?=\s*[（(]?[一二三四五六七八九十]|\s*\n|\s*$)|[。.](?=\s)|[。]")


def lead_in(article: str) -> str:
    """The article's lead-in: its heading line up to the colon that opens its items, or its first
    sentence ("第十四条 职工有下列情形之一的，应当认定为工伤：")."""
    first = article.split("\n", 1)[0]
    if len(first) < 20 and "\n" in article:  # "### Article 6" / "Classification rules…": its heading
        return " ".join(line.strip("# ") for line in article.split("\n", 2)[:2])[:LEAD_CHARS]
    m = _LEAD_END.search(first)
    lead = first[: m.end()] if m else first
    return lead if len(lead) <= LEAD_CHARS else lead[:LEAD_CHARS].rstrip() + "…"


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
        lead = lead_in(self.doc.text[start:end]) if kind == "article" and len(spans) > 1 else ""
        for part, (s, e) in enumerate(spans):
            text = self.doc.text[s:e]
            self.units.append(Unit(
                doc_id=self.doc.doc_id, title=self.doc.title, path=path, label=label,
                ordinal=self.ordinal, text=text, span=(s, e), kind=kind,
                part=part, parts=len(spans), lead=lead if part else "", deleted=text.count(DELETED_MARK),
            ))
        self.ordinal += 1
