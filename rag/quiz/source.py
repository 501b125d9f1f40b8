"""The clauses a quiz is built from: split passages merged back, and the trainer's selection.

The parser splits long clauses into overlapping passages that share an ordinal; a question
must be answerable from the whole clause, so the passages are merged back first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rag.quiz.items import Citation
from rag.quiz.text import is_chinese, sentences, tidy
from rag.records import Unit
from rag.retrieve.rank import merge_passages

_CN_NUMERAL = re.compile(r"^[一二三四五六七八九十百零〇]+$")


@dataclass(frozen=True)
class Clause:
    """One whole clause of a document, as questions see it."""

    doc_id: str
    title: str
    path: tuple[str, ...]
    label: str
    ordinal: int
    text: str
    kind: str = "clause"

    @cached_property
    def zh(self) -> bool:
        return is_chinese(self.text)

    @cached_property
    def heading(self) -> str:
        """The clause's own heading without its label (``"深化户籍制度改革"``), or ``""``."""
        if self.path and self.label and self.path[-1].startswith(self.label):
            head = self.path[-1][len(self.label):]
        else:
            text = tidy(self.text)
            if not (self.label and text.startswith(self.label)):
                return ""
            # A run-in heading: "（六）深化户籍制度改革。放开……" — short, ends at the first stop.
            rest = text[len(self.label):]
            stop = re.search(r"[。．.:：]", rest)
            if stop is None or stop.start() > 30:
                return ""
            head = rest[: stop.start()]
        return tidy(head).strip(" 。．.:：")

    @cached_property
    def body(self) -> str:
        """The clause text after its label and heading, tidied."""
        text = tidy(self.text)
        if self.label and text.startswith(self.label):
            text = text[len(self.label):].lstrip()
        if self.heading and text.startswith(self.heading):
            text = text[len(self.heading):].lstrip(" 。．.:：")
        return text

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        return tuple(sentences(self.body, zh=self.zh))

    @property
    def chapter(self) -> str:
        """The outermost heading: clauses under the same one are siblings."""
        return self.path[0] if len(self.path) > 1 else ""

    def citation(self) -> Citation:
        return Citation(doc=self.doc_id, title=self.title, label=self.label, path=self.path, text=self.text)

    @classmethod
    def from_citation(cls, citation: Citation) -> Clause:
        return cls(doc_id=citation.doc, title=citation.title, path=citation.path, label=citation.label,
                   ordinal=0, text=citation.text)


def merge_units(units: Iterable[Unit]) -> list[Clause]:
    """Whole clauses in document order, the passages of split clauses joined back together."""
    groups: dict[tuple[str, int], list[Unit]] = {}
    for unit in units:
        groups.setdefault(unit.clause_key, []).append(unit)
    clauses = []
    for parts in groups.values():
        parts.sort(key=lambda u: u.part)
        first = parts[0]
        clauses.append(Clause(doc_id=first.doc_id, title=first.title, path=first.path, label=first.label,
                              ordinal=first.ordinal, text=merge_passages(parts).text, kind=first.kind))
    return clauses


@dataclass(frozen=True)
class Selection:
    """Which clauses to ask about: documents (id, title or part of a title), chapters (a
    heading-path prefix such as ``"三、"`` or ``"三、加快农业转移人口市民化"``) and clause labels
    (``"（六）"``, ``"(六)"`` or ``"六"``); ``paths`` names clauses by their exact heading path (a
    label repeated under other headings is another clause). Empty fields do not restrict."""

    docs: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    paths: tuple[tuple[str, ...], ...] = ()

    def matches(self, clause: Clause) -> bool:
        return (
            (not self.paths or clause.path in self.paths)
            and (not self.docs or any(_doc_matches(d, clause) for d in self.docs))
            and (not self.chapters or any(_chapter_matches(c, clause) for c in self.chapters))
            and (not self.clauses or any(_label_matches(lbl, clause) for lbl in self.clauses))
        )


def select(clauses: Sequence[Clause], selection: Selection | None) -> list[Clause]:
    """The selected clauses that carry content a question can be asked about.

    Where a document has numbered clauses, its preambles and bare section headings are left
    out: a citation should point at a clause label.

    Raises:
        ValueError: the selection matches no clause (the message names the selection).
    """
    numbered = {c.doc_id for c in clauses if c.kind == "clause"}
    usable = [c for c in clauses if (c.kind == "clause" or c.doc_id not in numbered) and c.sentences]
    if selection is None:
        return usable
    chosen = [c for c in usable if selection.matches(c)]
    if not chosen:
        raise ValueError(f"no clause matches the selection docs={list(selection.docs)}, "
                         f"chapters={list(selection.chapters)}, clauses={list(selection.clauses)}"
                         + (f", paths={[list(p) for p in selection.paths]}" if selection.paths else ""))
    return chosen


def _doc_matches(wanted: str, clause: Clause) -> bool:
    return wanted in (clause.doc_id, clause.title) or (bool(wanted) and wanted in clause.title)


def _chapter_matches(wanted: str, clause: Clause) -> bool:
    wanted = tidy(wanted)
    if _CN_NUMERAL.match(wanted):
        wanted += "、"
    joined = " › ".join(clause.path)
    return bool(wanted) and (joined.startswith(wanted) or any(p.startswith(wanted) for p in clause.path))


def _label_matches(wanted: str, clause: Clause) -> bool:
    wanted = tidy(wanted).replace("(", "（").replace(")", "）")
    if _CN_NUMERAL.match(wanted):
        wanted = f"（{wanted}）"
    return bool(wanted) and (clause.label == wanted or (bool(clause.path) and clause.path[-1].startswith(wanted)))
