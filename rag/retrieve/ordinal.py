"""The item a follow-up names by its place in a list the question before counted.

"河南那篇文章说全省新型城镇化呈现五大趋势，第二个趋势说…？" then "那第五个趋势呢？城乡关系会走到哪一步？": the
follow-up asks the fifth of the five trends, a unit the text numbers "5." under the heading that
announces them. Its own words share little with that unit, and the search put the announcing
paragraph first and "5." second (hz33-26, a fresh seed question of stop 63; hz33-27 "那第三个特点讲的是
什么？" after "…总结我国城镇化有四个特点，头一个…" found "（3）" second behind "1.").

Only a follow-up sent with the question before it ("…（接上文：…）", :func:`rag.query.question.without_context`)
is read, only when its own words name a place ("第五个", "第三点", "第二项") and the question before
counts the list ("五大趋势", "四个特点", "三个方面") at least that long; then the one hit among the first
:data:`ITEM_REACH` of the first hit's document whose label numbers that place ("5.", "（3）", "（五）",
"五、") goes first. Anything else — two such hits, none, a place past the count — leaves the ranking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.query.carried import without_context
from rag.query.refparse import to_int
from rag.records import Hit

# How far down the hits the item named may stand: the answer's clause limit (not tuned).
ITEM_REACH = 5

_NUMERAL = r"[一二三四五六七八九十两\d]{1,3}"
# The place a follow-up's own words name: "第五个趋势", "第三点", "第二项", "头一个".
_PLACE = re.compile(rf"第({_NUMERAL})(?:个|点|项|条(?=[^例款项文]|$)|方面|大)|(头)一个")
# A count the question before announces: "五大趋势", "四个特点", "三个方面", "两项".
_COUNT = re.compile(rf"({_NUMERAL})(?:大|个|项|点|方面)")
# An item's label: "5.", "（3）", "(3)", "（五）", "五、", "3）".
_ITEM_LABEL = re.compile(rf"^\s*(?:[（(]({_NUMERAL})[)）]|({_NUMERAL})[.．、)）])\s*$")


def named_place(question: str) -> int | None:
    """The place a follow-up names in its own words, when the question before counts at least
    that many (see the module); else None."""
    own = without_context(question)
    if own == question.strip():
        return None  # no question before sent with it
    before = question.strip()[len(own):]
    place = _PLACE.search(own)
    if place is None:
        return None
    n = 1 if place.group(2) else to_int(place.group(1))
    counts = [v for m in _COUNT.finditer(before) if (v := to_int(m.group(1))) is not None]
    return n if n and any(n <= c for c in counts) else None


def item_number(label: str) -> int | None:
    """The place an item's label numbers ("5." → 5, "（三）" → 3); None for any other label."""
    m = _ITEM_LABEL.match(label)
    return to_int(m.group(1) or m.group(2)) if m else None


def item_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """``hits`` with the item the follow-up names by its place first (see the module)."""
    n = named_place(question)
    if n is None or not hits:
        return list(hits)
    doc = hits[0].unit.doc_id
    found = [i for i, h in enumerate(hits[:ITEM_REACH]) if h.unit.doc_id == doc and item_number(h.unit.label) == n]
    if len(found) != 1 or found[0] == 0:
        return list(hits)
    i = found[0]
    return [hits[i], *hits[:i], *hits[i + 1:]]
