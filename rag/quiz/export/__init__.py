"""Quiz exports: JSON, CSV, printable Markdown, DOCX, Moodle GIFT and XML, Anki.

Example::

    path.write_bytes(render_bytes(items, "docx"))
    print(render(items, "gift"))
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rag.quiz.export.gift import read_gift, to_gift
from rag.quiz.export.markdown import to_markdown
from rag.quiz.export.moodle import read_moodle_xml, to_moodle_xml
from rag.quiz.export.tabular import from_json, to_anki, to_csv, to_json
from rag.quiz.export.word import to_docx
from rag.quiz.items import QuizItem

FORMATS = ("json", "csv", "md", "docx", "gift", "xml", "anki")
EXTENSIONS = {"json": ".json", "csv": ".csv", "md": ".md", "docx": ".docx", "gift": ".gift", "xml": ".xml",
              "anki": ".txt"}

__all__ = ["EXTENSIONS", "FORMATS", "from_json", "read_gift", "read_moodle_xml", "render", "render_bytes",
           "to_anki", "to_csv", "to_docx", "to_gift", "to_json", "to_markdown", "to_moodle_xml", "write"]


def render(items: Sequence[QuizItem], fmt: str, *, title: str | None = None) -> str:
    """A text export of the items.

    Raises:
        ValueError: an unknown format, or ``"docx"`` (binary: use ``render_bytes``).
    """
    if fmt == "docx":
        raise ValueError("docx is a binary format; use render_bytes(items, 'docx')")
    writers = {"json": lambda: to_json(items), "csv": lambda: to_csv(items),
               "md": lambda: to_markdown(items, title), "gift": lambda: to_gift(items),
               "xml": lambda: to_moodle_xml(items, title), "anki": lambda: to_anki(items)}
    if fmt not in writers:
        raise ValueError(f"format must be one of {FORMATS}. Currently, it is {fmt!r}")
    return writers[fmt]()


def render_bytes(items: Sequence[QuizItem], fmt: str, *, title: str | None = None) -> bytes:
    """Any export as the bytes of its file (UTF-8 for the text formats)."""
    if fmt == "docx":
        return to_docx(items, title)
    return render(items, fmt, title=title).encode("utf-8")


def write(items: Sequence[QuizItem], fmt: str, path: Path, *, title: str | None = None) -> None:
    Path(path).write_bytes(render_bytes(items, fmt, title=title))
