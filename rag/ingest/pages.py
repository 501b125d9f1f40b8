"""The page of a PDF each unit starts on.

The loader keeps a PDF's text page by page; cleaning then joins broken lines and drops page
marks, so a unit's span points into text that no longer has page breaks. Each unit's opening is
therefore looked up in the pages themselves, both sides folded and without white space
(extraction puts spaces and line breaks where the cleaned text has none), searching forward
from the previous unit's place so that a phrase repeated in the document is found where it
belongs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from rag.records import Unit
from rag.text import fold

# How much of a unit's opening is looked up: long enough to be unique in a document (a clause
# number and the start of its sentence), short enough to fit before a page break. Unmeasured.
PROBE_CHARS = 24
SHORT_PROBE_CHARS = 8


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", fold(text))


def assign_pages(units: Sequence[Unit], pages: Sequence[str]) -> tuple[Unit, ...]:
    """``units`` with ``page`` set to the 1-based page each starts on (0 where it is not found)."""
    squashed = [_squash(p) for p in pages]
    starts: list[int] = []
    total = 0
    for s in squashed:
        starts.append(total)
        total += len(s)
    whole = "".join(squashed)
    out: list[Unit] = []
    cursor = 0
    for unit in units:
        body = _squash(unit.text)
        at = -1
        for size in (PROBE_CHARS, SHORT_PROBE_CHARS):
            probe = body[:size]
            if not probe:
                break
            at = whole.find(probe, cursor)
            if at < 0:
                at = whole.find(probe)
            if at >= 0:
                break
        if at < 0:
            out.append(unit)
            continue
        cursor = at
        out.append(replace(unit, page=bisect.bisect_right(starts, at)))
    return tuple(out)
