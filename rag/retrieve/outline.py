"""A document's outline: its top-level parts, each with the first clause under it.

What a question asking for a whole document's content gets (:mod:`rag.query.overview`): the
chapters of a law (第一章 总则, 第二章 …), the parts of a notice (一、总体要求, 二、…), the chapters
of an English regulation — read from the heading paths the parser gave its units, at the first
level where the document divides into two or more parts. A level that every unit shares
("合同编" above its 分编) is not a division. A document that does not divide (a law without
chapters, an article of news), or divides into more than ``MAX_PARTS``, has no outline: the
question is searched as any other.

Example::

    outline(units_of_the_regulation)
    # Outline(level=0, parts=(Part("第一章 总则", 0), Part("第二章 工伤保险基金", 11), …))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.records import Unit

# More parts than this are no outline a reader takes in at a glance (unmeasured: the laws of the
# development corpora have 5–13 chapters, the notices 5–8 parts, the EU AI Act chapter 5 sections).
MAX_PARTS = 20
# Levels of the heading path looked at, from the top.
MAX_LEVEL = 3


@dataclass(frozen=True)
class Part:
    """One part: its heading as the document writes it, and the index (in the units given) of
    the first unit under it."""

    heading: str
    first: int


@dataclass(frozen=True)
class Outline:
    level: int  # the heading path's level the parts stand at
    parts: tuple[Part, ...]


def outline(units: Sequence[Unit]) -> Outline | None:
    """The outline of one document from its units in document order; None when it does not
    divide into 2 to ``MAX_PARTS`` parts."""
    body = [(i, u) for i, u in enumerate(units) if u.kind != "preamble"]
    for level in range(MAX_LEVEL):
        # A part is a heading some unit's path runs below (the last path element is the unit's
        # own heading: an article alone is no part); a unit opening the part ("三、…" and its
        # text) stands under it too.
        headings = list(dict.fromkeys(u.path[level] for _, u in body if len(u.path) > level + 1))
        known = set(headings)
        under = [(i, u.path[level]) for i, u in body
                 if len(u.path) > level + 1 or (_opens(u, level) and u.path[level] in known)]
        if len(headings) < 2:
            if len(headings) == 1 and len(under) == len(body):
                continue  # one heading over everything ("合同编"): look a level down
            return None
        if len(headings) > MAX_PARTS:
            return None
        first: dict[str, int] = {}
        for i, heading in under:
            first.setdefault(heading, i)
        return Outline(level, tuple(Part(h, first[h]) for h in headings))
    return None


def _opens(unit: Unit, level: int) -> bool:
    """Is ``unit`` the part at ``level`` itself (its own heading the last of its path)?"""
    return len(unit.path) == level + 1 and bool(unit.label) and unit.path[level].startswith(unit.label)
