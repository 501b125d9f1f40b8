"""Numbering warnings: gaps, duplicates and out-of-order numbers, per level and parent."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from rag.ingest.numerals import CN_NUMERALS
from rag.ingest.structure import ARTICLE_FAMILIES, Node, follows

_CN = f"[{CN_NUMERALS}]"

def level_name(node: Node) -> str:
    """How level one of this family is written: "（一）", "一、", "1.", "第一条", "Article 1"."""
    label = node.match.label
    if node.match.family.startswith("md"):
        return "#" * int(node.match.family[2:]) + " heading"
    if node.match.family == "code_section":
        return "Section 1.1"
    if node.match.family == "en_group":
        return "heading"  # Canada's unnumbered "Tariff" over its sections
    if node.match.family.startswith(("decimal", "en_section")) and len(node.match.number) > 1:
        return ".".join(["1"] * len(node.match.number))
    if re.search(r"\d", label):
        return re.sub(r"\d+", "1", label, count=1)
    if node.match.family == "circled":
        return "①"
    return re.sub(f"{_CN}+", "一", label, count=1)


def numbering_warnings(title: str, nodes: Sequence[Node]) -> list[str]:
    warnings: list[str] = []
    by_family: dict[str, list[Node]] = {}
    for node in nodes:
        if not node.match.family.startswith("md"):
            by_family.setdefault(node.match.family, []).append(node)
    for seq in by_family.values():
        name = level_name(seq[0])
        groups: list[list[Node]] = []
        for node in seq:
            if groups and groups[-1][-1].parent is node.parent:
                groups[-1].append(node)
            else:
                groups.append([node])
        if seq[0].match.family == "code_section":
            continue  # codes number sections with deliberate gaps (1798.100, 1798.105)
        if seq[0].match.family in ARTICLE_FAMILIES:
            # Articles number on through the whole statute, and may start anywhere (民法典 合同编
            # opens at 第四百六十三条): only gaps, duplicates and disorder inside the run count.
            warnings += _check_run(title, name, seq)[1 if seq[0].match.number[-1] != 1 else 0:]
        elif _runs_on(groups):
            warnings += _check_run(title, name, seq)
        else:
            for group in groups:
                warnings += _check_run(title, name, group)
    if any(node.match.family in ARTICLE_FAMILIES for node in nodes):
        # A statute may be an excerpt (CHAPTER III of the AI Act, 合同编 of the civil code): where
        # its top level starts is no gap.
        warnings = [w for w in warnings if not w.endswith("at the start (gap)")]
    return warnings


def _runs_on(groups: Sequence[Sequence[Node]]) -> bool:
    """Does numbering continue across parents (（五）→ next chapter （六）) rather than restart?"""
    runs_on = restarts = 0
    for prev, group in itertools.pairwise(groups):
        first, last = group[0].match.number, prev[-1].match.number
        if first[-1] == 1:
            restarts += 1
        elif first[:-1] == last[:-1] and first[-1] == last[-1] + 1:
            runs_on += 1
    return runs_on > restarts


def _check_run(title: str, name: str, run: Sequence[Node]) -> list[str]:
    out: list[str] = []
    first = run[0]
    if first.match.number[-1] != 1:
        where = f"under {first.parent.elem}" if first.parent else "at the start"
        out.append(f"{title}: {first.match.label} opens level {name} {where} (gap)")
    top = first.match.number
    for prev, cur in itertools.pairwise(run):
        a, c = prev.match.number, cur.match.number
        # After a swap (（二）（四）（三）（五）) the run goes on from the highest number seen, so
        # one misplaced clause yields one gap and one out-of-order warning, not a cascade.
        fine = follows(a, c) or follows(top, c) or (c[:-1] != a[:-1] and c[-1] == 1)
        if not fine:
            problem = "duplicate" if c == a else "out of order" if c < top else "gap"
            out.append(f"{title}: {cur.match.label} follows {prev.match.label} at level {name} ({problem})")
        top = max(top, c)
    return out
