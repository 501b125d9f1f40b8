"""Quiz exports: JSON, CSV, printable Markdown, DOCX, Moodle GIFT and XML, Anki.

Example::

    path.write_bytes(render_bytes(items, "docx"))
    print(render(items, "gift"))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rag.quiz.export.common import quiz_title, zh_items
from rag.quiz.export.gift import read_gift, to_gift
from rag.quiz.export.markdown import to_markdown
from rag.quiz.export.moodle import read_moodle_xml, to_moodle_xml
from rag.quiz.export.tabular import from_json, to_anki, to_csv, to_json
from rag.quiz.export.word import to_docx
from rag.quiz.items import QuizItem

FORMATS = ("json", "csv", "md", "docx", "gift", "xml", "anki")
EXTENSIONS = {"json": ".json", "csv": ".csv", "md": ".md", "docx": ".docx", "gift": ".gift", "xml": ".xml",
              "anki": ".txt"}

# The formats a paper can be printed from without its key; the LMS and flash-card formats carry
# the key by design (Moodle grades with it), so they exist only in the teacher's version.
STUDENT_FORMATS = ("docx", "md")
VERSIONS = ("student", "teacher")

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "STUDENT_FORMATS",
    "VERSIONS",
    "export_name",
    "from_json",
    "quiz_title",
    "read_gift",
    "read_moodle_xml",
    "render",
    "render_bytes",
    "to_anki",
    "to_csv",
    "to_docx",
    "to_gift",
    "to_json",
    "to_markdown",
    "to_moodle_xml",
    "write",
]


def render(items: Sequence[QuizItem], fmt: str, *, title: str | None = None, answers: bool = True) -> str:
    """A text export of the items; ``answers=False`` gives the student version.

    Raises:
        ValueError: an unknown format, ``"docx"`` (binary: use ``render_bytes``), or a student
            version of a format that always carries the key.
    """
    if not answers and fmt not in STUDENT_FORMATS:
        raise ValueError(f"a student version (no answers) exists for {STUDENT_FORMATS}, not for {fmt!r}")
    if fmt == "docx":
        raise ValueError("docx is a binary format; use render_bytes(items, 'docx')")
    writers = {"json": lambda: to_json(items), "csv": lambda: to_csv(items),
               "md": lambda: to_markdown(items, title, answers=answers), "gift": lambda: to_gift(items),
               "xml": lambda: to_moodle_xml(items, title), "anki": lambda: to_anki(items)}
    if fmt not in writers:
        raise ValueError(f"format must be one of {FORMATS}. Currently, it is {fmt!r}")
    return writers[fmt]()


def render_bytes(items: Sequence[QuizItem], fmt: str, *, title: str | None = None, answers: bool = True) -> bytes:
    """Any export as the bytes of its file (UTF-8 for the text formats)."""
    if fmt == "docx":
        return to_docx(items, title, answers=answers)
    return render(items, fmt, title=title, answers=answers).encode("utf-8")


def write(items: Sequence[QuizItem], fmt: str, path: Path, *, title: str | None = None, answers: bool = True) -> None:
    Path(path).write_bytes(render_bytes(items, fmt, title=title, answers=answers))


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def export_name(items: Sequence[QuizItem], fmt: str, *, title: str | None = None, answers: bool = True,
                day: date | None = None) -> str:
    """The file name of an export: the paper's title, the date and the version
    (``《…》培训测验-2026-12-01-学生版.docx``), with characters no file system takes replaced."""
    if fmt not in EXTENSIONS:
        raise ValueError(f"format must be one of {FORMATS}. Currently, it is {fmt!r}")
    zh = zh_items(items) if items else True
    version = ("教师版" if answers else "学生版") if zh else ("teacher" if answers else "student")
    stem = _UNSAFE.sub("_", quiz_title(items, title)).strip(" ._") or "quiz"
    return f"{stem[:80]}-{(day or date.today()).isoformat()}-{version}{EXTENSIONS[fmt]}"
