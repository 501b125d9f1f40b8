"""Noise lines and tables: page marks, web-collector footers, flattened table rows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ingest.grammar import match_heading
from rag.ingest.widths import half_width
from rag.text import has_han

# A web footer is one short line; a space-separated table row has at least 3 cells of at most
# 30 characters each, as prose split by double spaces has longer pieces (all unmeasured).
FOOTER_CHARS = 150
MIN_CELLS, CELL_CHARS = 3, 30

_PAGE_MARKS = (
    re.compile(r"^[—–―‒\-－~～]{1,2}\s*\d{1,4}\s*[—–―‒\-－~～]{1,2}$"),
    re.compile(r"^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$"),
    re.compile(r"^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
)
# The Official Journal's running header on every page of an EU act's PDF, either way round:
# "L 119/40 EN Official Journal of the European Union 4.5.2016", "4.5.2016 EN Official Journal of the
# European Union L 119/41"; it lands inside the sentence the page break cut.
_OJ_HEADER = re.compile(
    r"^(?:[LC]\s?\d{1,4}/\d{1,4}\s+[A-Z]{2}\s+Official Journal of the European Union\s+\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{1,2}\.\d{1,2}\.\d{4}\s+[A-Z]{2}\s+Official Journal of the European Union\s+[LC]\s?\d{1,4}/\d{1,4})$"
)
_LONE_NUMBER = re.compile(r"^\d{1,4}$")
_FOOTER_SOURCE = re.compile(r"(?:来自|来源于|源于|转载自|摘自)(?:互联)?网络|[搜收]集整理|网络整理")
_FOOTER_ACTION = re.compile(r"联系|删除|异议|侵权|版权")


def is_page_mark(line: str) -> bool:
    """A page number line: "— 12 —", "- 3 -", "第3页", "Page 4 of 9", "12/40", or the Official
    Journal's header ("L 119/40 EN Official Journal of the European Union 4.5.2016")."""
    s = half_width(line).strip()
    return any(p.match(s) for p in _PAGE_MARKS) or _OJ_HEADER.match(s) is not None


def is_web_footer(line: str) -> bool:
    """A web collector's boilerplate line: where the text came from plus whom to contact."""
    s = line.strip()
    return len(s) <= FOOTER_CHARS and bool(_FOOTER_SOURCE.search(s)) and bool(_FOOTER_ACTION.search(s))


def drop_noise(lines: list[str]) -> list[str]:
    """Remove page marks, lone page numbers and footers (blank lines stay as separators)."""
    stripped = [s.strip() for s in lines]
    keep: list[str] = []
    for i, s in enumerate(stripped):
        if s and (is_page_mark(s) or is_web_footer(s) or _is_lone_page_number(stripped, i)):
            keep.append("")
            continue
        keep.append(lines[i])
    return keep


def _is_lone_page_number(stripped: Sequence[str], i: int) -> bool:
    # A number alone on its line is a page number unless its neighbours are numbers too (a
    # flattened table column).
    if not _LONE_NUMBER.match(half_width(stripped[i])):
        return False
    before = next((s for s in reversed(stripped[:i]) if s), "")
    after = next((s for s in stripped[i + 1:] if s), "")
    return not any(_LONE_NUMBER.match(half_width(n)) or re.match(r"^[\d.,%\s]+$", n)
                   for n in (before, after) if n)


# ---------------------------------------------------------------------------------------------
# Tables


def collapse_tables(lines: list[str]) -> list[str]:
    """Rows of tab-led cells (a flattened Word table) → one line per row, cells joined by " | "."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        # A lone tab is an empty cell, not a blank line.
        while j < len(lines) and lines[j].strip(" \u3000"):
            j += 1
        block = lines[i:j]
        first = next((k for k, line in enumerate(block) if line.startswith("\t")), len(block))
        if sum(1 for line in block if line.startswith("\t")) >= 2:
            # A caption may sit directly above the first row: "表1　…" then "\t…".
            out.extend(block[:first])
            out.append(_table_row(block[first:]))
        else:
            out.extend(block)
        if j < len(lines):
            out.append(lines[j])
        i = j + 1
    return out


def _table_row(block: Sequence[str]) -> str:
    cells: list[str] = []
    for line in block:
        if line.startswith("\t") or not cells:
            cells.append(line.strip())
        else:
            cells[-1] += line.strip()  # a cell continued on its own line: "面积" + "（平方千米）"
    return " | ".join(c for c in cells if c)


_SPACE_CELLS = re.compile(r"\S(?: ?\S)*")


def space_separated_row(line: str) -> str | None:
    """A row whose cells are separated by runs of 2+ spaces (DOCX loader, PDF tables)."""
    if "\t" not in line and "  " not in line:
        return None
    head = match_heading(line.strip())
    if head is not None and head.family in ("part", "chapter", "section", "article"):
        return None  # "第一章  总  则": a spaced heading, not three cells
    cells = [c.strip() for c in re.split(r"\t+| {2,}", line.strip()) if c.strip()]
    if len(cells) < MIN_CELLS or any(len(c) > CELL_CHARS for c in cells) or re.search(r"[。；.;]$", line.strip()):
        return None
    # Prose with double spaces after a full stop is not a table: cells are Chinese or numbers.
    numeric = sum(1 for c in cells if re.fullmatch(r"[-+]?[\d.,%]+", c))
    if not has_han(line) and numeric * 2 < len(cells):
        return None
    return " | ".join(cells)
