"""A PDF page rendered on the server (pypdfium2), the cited clause's text highlighted on it.

The page is drawn into a PNG in memory and sent inside the clause panel as a ``data:`` URI: no
file path is ever served. The clause is found on the page by its text: the page's text layer
and the clause are both folded and stripped of white space, the clause is matched piece by
piece from its start (a piece that extraction and cleaning wrote differently is skipped), and
the characters matched are painted with PDFium's own character boxes.

Example::

    png = render_page(Path("documents/办法.pdf"), 3, clause_text).png
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from rag.text import fold, folded_map

# 1.5 × 72 dpi = 108 dpi: a page 893 px wide, readable beside the clause without zooming, a PNG of
# about 100–300 KB for a text page. Unmeasured beyond that.
RENDER_SCALE = 1.5
# How many characters of the clause are looked up at a time, and the most pieces looked up.
PIECE_CHARS = 8
MAX_PIECES = 400
HIGHLIGHT = (255, 200, 0, 96)  # translucent yellow: the text stays readable under it


@dataclass(frozen=True)
class RenderedPage:
    """A rendered page: the PNG, and how many of the clause's characters were found on it."""

    png: bytes
    page: int
    pages: int
    matched: int

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _squashed(text: str) -> tuple[str, list[int]]:
    folded, source = folded_map(text)
    keep = [k for k, ch in enumerate(folded) if not ch.isspace()]
    return "".join(folded[k] for k in keep), [source[k] for k in keep]


def match_ranges(page_text: str, clause: str) -> list[tuple[int, int]]:
    """Character ranges of ``page_text`` holding the clause's text, in order from its start."""
    page, where = _squashed(page_text)
    wanted = "".join(fold(clause).split())
    ranges: list[tuple[int, int]] = []
    at = 0  # position in ``wanted``
    cursor = 0  # position in ``page``
    for _ in range(MAX_PIECES):
        if at >= len(wanted):
            break
        piece = wanted[at : at + PIECE_CHARS]
        found = page.find(piece, cursor)
        if found < 0:
            at += PIECE_CHARS  # written differently here (or on the next page): try the next piece
            continue
        end = found + len(piece)
        at += len(piece)
        while at < len(wanted) and end < len(page) and page[end] == wanted[at]:
            end += 1
            at += 1
        ranges.append((where[found], where[end - 1] + 1))
        cursor = end
    return ranges


def render_page(path: Path, page: int, clause: str = "", *, scale: float = RENDER_SCALE) -> RenderedPage:
    """Page ``page`` (1-based) of the PDF at ``path`` as a PNG, ``clause`` highlighted where found.

    Raises:
        ValueError: the file cannot be opened as a PDF, or it has no such page.
    """
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ValueError(f"cannot open {path.name} as a PDF: {exc}") from None
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"{path.name} has no page {page} (it has {len(pdf)})")
        sheet = pdf[page - 1]
        height = sheet.get_height()
        image = sheet.render(scale=scale).to_pil().convert("RGB")
        matched = 0
        if clause.strip():
            textpage = sheet.get_textpage()
            draw = ImageDraw.Draw(image, "RGBA")
            for start, end in match_ranges(textpage.get_text_range(), clause):
                matched += end - start
                for i in range(textpage.count_rects(start, end - start)):
                    left, bottom, right, top = textpage.get_rect(i)
                    draw.rectangle(
                        [left * scale, (height - top) * scale, right * scale, (height - bottom) * scale],
                        fill=HIGHLIGHT,
                    )
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return RenderedPage(buffer.getvalue(), page, len(pdf), matched)
    finally:
        pdf.close()
