"""The points of a clause, for a short answer's reference answer numbered ①②③.

The points come from the clause's own enumeration where it has one — items （一）…, (1)…,
1. …, (a) …, 一是…二是… — and otherwise from its ；- and 。-separated statements. A clause that is one
statement has no points to number: no short answer is asked about it (a whole clause labelled
"①" with no "②" tells the trainee nothing about what to write).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.quiz.source import Clause

MAX_POINTS = 10  # ①…⑩ are the circled numbers a reference answer can use
MAX_CHARS = 300  # a reference answer longer than this is no longer a short answer (unmeasured)
_CN = "一二三四五六七八九十"
_ITEM = re.compile(
    rf"（[{_CN}]+）|\([{_CN}]+\)|\([a-z]\)\s|（\d+）|\(\d+\)|(?<![\d.．])\d+[.、．](?!\d)|(?<![{_CN}])[{_CN}]是(?=[^，。；]{{2}})"
)
_STOPS = "。；;"


def enumerated(body: str) -> list[str]:
    """The items of the clause's own numbered enumeration, each without its number (up to its
    first full stop); empty when the body does not enumerate two or more items."""
    marks = list(_ITEM.finditer(body))
    if len(marks) < 2:
        return []
    items = []
    for mark, after in zip(marks, [*marks[1:], None], strict=True):
        text = body[mark.end(): after.start() if after else len(body)]
        first = re.split("[。]", text, maxsplit=1)[0]
        items.append(first.strip().rstrip(_STOPS + "，, ").strip())
    return [i for i in items if len(i) >= 2]


def statements(sentences: Sequence[str]) -> list[str]:
    """The ；-separated statements of the clause's sentences."""
    out: list[str] = []
    for sentence in sentences:
        out.extend(p.strip().rstrip(_STOPS + "，, ").strip() for p in re.split("[；;]", sentence))
    return [p for p in out if len(p) >= 4]


def clause_points(clause: Clause) -> tuple[list[str], int]:
    """The points for a reference answer and how many more the clause has beyond them.

    Returns ``([], 0)`` when the clause has fewer than two points.
    """
    found = enumerated(clause.body) or statements(clause.sentences)
    if len(found) < 2:
        return [], 0
    chosen: list[str] = []
    for point in found[:MAX_POINTS]:
        if len(chosen) >= 2 and sum(map(len, chosen)) + len(point) > MAX_CHARS:
            break
        chosen.append(point)
    return chosen, len(found) - len(chosen)
