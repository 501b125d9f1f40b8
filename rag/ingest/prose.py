"""Unnumbered documents: sub-headings, speakers and paragraphs.

A speaker's remarks (``张贵（南开大学…教授）：``) are one ``speech`` unit; other paragraphs are
packed up to ``max_chars`` into ``section`` units (under a sub-heading) or ``paragraph`` units,
labelled ``第N段`` / ``第N–M段`` counted within their sub-heading.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from rag.ingest.linetypes import TITLE_CHARS, is_continuation, is_marker, is_title_like, is_title_line, speaker
from rag.ingest.structure import Line
from rag.ingest.units import Builder

# A last paragraph group under this share of max_chars joins the one before (unmeasured).
STUB_SHARE = 0.25


@dataclass
class _Block:
    """A stretch under one run of sub-headings (possibly none)."""

    headings: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)


def _line_kinds(lines: Sequence[Line]) -> list[str]:
    """"title" | "heading" | "speaker" | "marker" | "para" for each line of an unnumbered document."""
    kinds: list[str] = []
    seen_para = False
    for i, line in enumerate(lines):
        text = line.text
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        headline = is_title_like(text) or (is_continuation(nxt) and len(text) <= TITLE_CHARS[1])
        if speaker(text):
            kind = "speaker"
        elif is_marker(text):
            kind = "marker"
        elif headline and not seen_para:
            kind = "title"  # the document's own title block: title, subtitle
        elif headline:
            # A title directly above "（上接第1版）" is an article's headline, even with "！".
            kind = "heading"
        else:
            kind = "para"
        seen_para = seen_para or kind in ("para", "speaker")
        kinds.append(kind)
    return kinds


def unnumbered_units(b: Builder, lines: Sequence[Line]) -> None:
    kinds = _line_kinds(lines)
    structured = any(k in ("heading", "speaker") for k in kinds)
    if structured:
        opening = next(i for i, k in enumerate(kinds) if k in ("heading", "speaker"))
    else:
        opening = next((i for i, k in enumerate(kinds) if k == "para"), 0)
    if opening > 0 and not all(is_title_line(line.text) for line in lines[:opening]):
        b.preamble(lines[0].start, lines[opening - 1].end)
    for block in _blocks(kinds, opening):
        _block_units(b, lines, kinds, block)


def _blocks(kinds: Sequence[str], start: int) -> list[_Block]:
    blocks: list[_Block] = []
    current = _Block()
    for i in range(start, len(kinds)):
        if kinds[i] == "heading":
            if current.body:
                blocks.append(current)
                current = _Block()
            current.headings.append(i)
        else:
            current.body.append(i)
    if current.headings or current.body:
        blocks.append(current)
    return blocks


def _block_units(b: Builder, lines: Sequence[Line], kinds: Sequence[str], block: _Block) -> None:
    heads = [lines[i].text for i in block.headings]
    speakers = [i for i in block.body if kinds[i] == "speaker"]
    paras = [i for i in block.body if not speakers or i < speakers[0]]
    # Newspaper layouts often set all sub-headings of a round-table in one column: k headings
    # followed by exactly k speakers and nothing else belong together in order.
    paired = len(heads) >= 2 and not paras and len(speakers) == len(heads)
    elem = " ".join(heads)
    if paras or (heads and not speakers):
        first = block.headings[0] if block.headings else paras[0]
        kind = "section" if heads else "paragraph"
        _paragraph_groups(b, lines, kinds, first, paras, path=(elem,) if heads else (), kind=kind)
    for k, i in enumerate(speakers):
        stop = speakers[k + 1] if k + 1 < len(speakers) else block.body[-1] + 1
        found = speaker(lines[i].text)
        if found is None:  # cannot happen: the line was classified by the same test
            continue
        name, speaker_head = found
        head = heads[k] if paired else elem
        path = (head, speaker_head) if head else (speaker_head,)
        b.add(lines[i].start, lines[stop - 1].end, path=path, label=name, kind="speech")


def _paragraph_groups(b: Builder, lines: Sequence[Line], kinds: Sequence[str], first: int,
                      paras: Sequence[int], *, path: tuple[str, ...], kind: str) -> None:
    """Pack whole paragraphs into units of about ``max_chars``, labelled 第N段 / 第N–M段."""
    if not paras:
        return
    head = lines[paras[0]].start - lines[first].start  # the sub-heading lines count too
    sizes = [lines[i].end - lines[i].start + 1 for i in paras]
    # Aim at equal groups: 500 characters make two groups of 250, not one of 400 and a stub.
    target = (head + sum(sizes)) / math.ceil((head + sum(sizes)) / b.max_chars)
    groups: list[list[int]] = []
    current: list[int] = []
    size = head
    for i, length in zip(paras, sizes, strict=True):
        if current and (size + length > b.max_chars or size >= target):
            groups.append(current)
            current, size = [], 0
        current.append(i)
        size += length
    if current:
        if groups and size < b.max_chars * STUB_SHARE and _span_len(lines, groups[-1] + current) <= b.max_chars:
            groups[-1].extend(current)
        else:
            groups.append(current)
    counter = 0
    for g, group in enumerate(groups):
        numbers = []
        for i in group:
            # Markers and title lines are no paragraphs of their own, unless nothing else is.
            if kinds[i] == "para" or not any(kinds[j] == "para" for j in group):
                counter += 1
                numbers.append(counter)
        label = _paragraph_label(numbers, b.chinese)
        start = lines[first].start if g == 0 else lines[group[0]].start
        b.add(start, lines[group[-1]].end, path=path, label=label, kind=kind)


def _span_len(lines: Sequence[Line], group: Sequence[int]) -> int:
    return lines[group[-1]].end - lines[group[0]].start


def _paragraph_label(numbers: Sequence[int], chinese: bool) -> str:
    span = str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
    return f"第{span}段" if chinese else f"para. {span}"
