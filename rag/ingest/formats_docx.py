"""Word documents (python-docx): heading styles become Markdown ``#`` lines, tables rows."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from rag.ingest.errors import LoadError, clean_title, size_text

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph

# python-docx reads every part of the package into memory, so the declared unpacked size is
# what a .docx costs; zipfile never returns more than the declared size, so checking it first
# is enough to defuse a zip bomb.
DOCX_MAX_UNPACKED_BYTES = 256 * 2**20
DOCX_MAX_ENTRIES = 10_000


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)


def load_docx(path: Path, data: bytes) -> tuple[str, str]:
    _check_zip(path, data)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_docx_table(block))
            else:
                level = _heading_level(block)
                text = block.text
                if level and text.strip():
                    lines.append("#" * level + " " + " ".join(text.split()))
                else:
                    lines.append(text)
        title = clean_title(document.core_properties.title)
    except Exception as e:  # python-docx / lxml errors on damaged packages
        raise LoadError(path, f"corrupt DOCX: {type(e).__name__}: {e}") from None
    return "\n".join(lines), title


def _check_zip(path: Path, data: bytes) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError(path, "an old Word .doc file named .docx; save it as .docx in Word")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            entries = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as e:
        raise LoadError(path, f"corrupt DOCX: not a valid ZIP archive, or truncated ({e})") from None
    if len(entries) > DOCX_MAX_ENTRIES:
        raise LoadError(path, f"DOCX has {len(entries)} parts, over the limit of {DOCX_MAX_ENTRIES}")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > DOCX_MAX_UNPACKED_BYTES:
        raise LoadError(path, f"DOCX unpacks to {size_text(unpacked)}, over the {size_text(DOCX_MAX_UNPACKED_BYTES)} "
                              "limit (a zip bomb?)")


def _heading_level(paragraph: Paragraph) -> int:
    """1–9 for a paragraph Word shows in its navigation pane, else 0.

    A heading is a paragraph with a heading or title style (or a style based on one), or with
    an outline level set on the paragraph or its style, as Chinese templates often do.
    """
    if level := _outline_level(paragraph._p):
        return level
    style: ParagraphStyle | None = paragraph.style
    for _ in range(10):  # base styles can form a cycle in a damaged file
        if style is None:
            return 0
        name = (style.name or "").strip()
        if m := _HEADING_STYLE.match(name):
            return int(m.group(1))
        if _TITLE_STYLE.match(name):
            return 1
        if level := _outline_level(style.element):
            return level
        style = style.base_style
    return 0


def _outline_level(element: BaseOxmlElement) -> int:
    values = element.xpath("./w:pPr/w:outlineLvl/@w:val")
    # Word stores levels 0–8 for headings and 9 for body text.
    if values and values[0].isdigit() and int(values[0]) < 9:
        return int(values[0]) + 1
    return 0


def _docx_table(table: Table) -> list[str]:
    """One line per row, cells joined by two spaces; merged cells once, nested tables inline."""
    from docx.table import Table

    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:
            if cell._tc is last:  # a merged cell is repeated for every grid column it spans
                continue
            last = cell._tc
            parts: list[str] = []
            for block in cell.iter_inner_content():
                parts.extend(_docx_table(block) if isinstance(block, Table) else [block.text])
            text = " ".join(" ".join(parts).split())
            if text:
                cells.append(text)
        if cells:
            rows.append("  ".join(cells))
    return rows
