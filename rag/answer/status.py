"""A cited document that is amended or repealed is never cited as current without saying so.

:func:`with_status_notes` writes a note right after the first marker run that cites such a
document (``…不得拒绝。[1]（注意：《某条例》已废止，所引条款不是现行规定）``), or on a line of its own
when no sentence carries the marker, and lists the notes in ``Answer.notes``. The status comes
from the document's metadata (its front matter or the administrator's sidecar).

Example::

    with_status_notes(answer).notes   # ("《工伤保险条例》已废止，所引条款不是现行规定。",)
"""

from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.records import Answer, Citation
from rag.records import DocumentMeta
from rag.text import language

_ZH = {"amended": "已被修订，所引条款可能不是现行文本", "repealed": "已废止，所引条款不是现行规定"}
_EN = {"amended": "has been amended; the text cited may not be the current one",
       "repealed": "has been repealed; the text cited is not the law in force"}


def status_note(meta: DocumentMeta, title: str, *, zh: bool) -> str:
    """The sentence saying ``title`` is not current ("" when it is, or nobody said)."""
    if meta.current:
        return ""
    name = meta.title or title
    if zh:
        return f"注意：《{name}》{_ZH[meta.status]}。"
    return f"Note: {name} {_EN[meta.status]}."


def with_status_notes(answer: Answer) -> Answer:
    """``answer`` with a note next to each citation of an amended or repealed document."""
    zh = language(answer.question) == "zh"
    notes: list[str] = []
    text = answer.answer
    for citation in answer.citations:
        note = _note(citation, zh)
        if not note or note in notes:
            continue
        notes.append(note)
        text = _insert_after_marker(text, citation.n, f"（{note.rstrip('。')}）" if zh else f" ({note})")
    if not notes:
        return answer
    return replace(answer, answer=text, notes=tuple(notes))


def _note(citation: Citation, zh: bool) -> str:
    return status_note(citation.meta, citation.title, zh=zh) if citation.meta is not None else ""


def _insert_after_marker(text: str, n: int, note: str) -> str:
    """After the run of markers holding the first ``[n]``; on a new last line when there is none."""
    found = re.search(rf"\[{n}\](?:\[\d+\])*", text)
    if found is None:
        return f"{text}\n{note.strip()}"
    return text[: found.end()] + note + text[found.end():]
