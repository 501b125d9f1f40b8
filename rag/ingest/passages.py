"""Splitting a long unit into overlapping passages cut at paragraph or sentence ends."""

from __future__ import annotations

import math
import re

# How good a cut after each character is (unmeasured).
_BREAK_WEIGHT = {"\n": 3.0, "。": 2.5, "！": 2.5, "？": 2.5, "!": 2.0, "?": 2.0, "；": 1.5, ";": 1.5,
                 "，": 0.5, ",": 0.5, "、": 0.3, "：": 0.5, " ": 0.1}


# A passage is cut no earlier than this share of its target length (unmeasured).
MIN_CUT_SHARE = 0.6
# The next passage starts between these many overlaps before the cut, nearest to one (unmeasured).
NEXT_START_OVERLAPS = (0.5, 1.5)
# Break strengths above; nearness to the ideal cut costs this much per target length (unmeasured).
NEARNESS_COST = 2.0

_NOTE_AT = re.compile(r"(?:\[\d{1,3}(?:[-–,，]\d{1,3})*\]|[\u2460-\u2473])+")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _best_boundary(text: str, lo: int, hi: int, ideal: float, scale: float) -> int:
    """The position in [lo, hi] just after a break character, scored by strength and nearness."""
    best, best_score = -1, -math.inf
    for pos in range(max(lo, 1), hi + 1):
        weight = _BREAK_WEIGHT.get(text[pos - 1])
        if weight is None:
            continue
        score = weight - NEARNESS_COST * abs(pos - ideal) / max(scale, 1.0)
        if score > best_score:
            best, best_score = pos, score
    pos = best if best >= 0 else round(min(max(ideal, lo), hi))
    # A footnote marker after a sentence end belongs to that sentence: "。[1]", "。①".
    note = _NOTE_AT.match(text, pos)
    return note.end() if note and note.end() <= hi else pos


def passages(text: str, start: int, end: int, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """Overlapping spans of about ``max_chars`` covering [start, end), balanced in length."""
    spans: list[tuple[int, int]] = []
    pos = start
    while end - pos > max_chars:
        remaining = end - pos
        # Balanced lengths: the last passage is as long as the others, never a stub.
        k = math.ceil((remaining - overlap) / (max_chars - overlap))
        target = (remaining + (k - 1) * overlap) / k
        cut = _best_boundary(text, pos + max(1, int(target * MIN_CUT_SHARE)), pos + max_chars, pos + target, target)
        ideal_next = cut - overlap
        earliest, latest = (cut - int(overlap * share) for share in reversed(NEXT_START_OVERLAPS))
        nxt = _best_boundary(text, max(pos + 1, earliest), max(pos + 1, latest),
                             ideal_next, max(overlap, 1))
        if overlap == 0:
            nxt = cut
        s, e = trim(text, pos, cut)
        spans.append((s, e))
        pos = max(nxt, pos + 1)
    s, e = trim(text, pos, end)
    if s < e:
        spans.append((s, e))
    return spans
