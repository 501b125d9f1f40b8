"""Small helpers shared by the ingest tests: a document from a string, unit summaries."""

from __future__ import annotations

from rag.records import Document, Unit


def doc(text: str, title: str = "示范文件") -> Document:
    return Document(doc_id="d1", title=title, source=f"{title}.txt", fmt="txt", text=text.strip("\n"),
                    sha256="0")


def summary(units: tuple[Unit, ...]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(u.kind, u.label, u.path) for u in units]


def assert_spans(d: Document, units: tuple[Unit, ...]) -> None:
    for u in units:
        assert d.text[u.span[0]:u.span[1]] == u.text
        assert u.text == u.text.strip() and u.text
        assert (u.doc_id, u.title) == (d.doc_id, d.title)


FOOTER = "本文内容来自网络，由EESIA搜集整理，如有任何异议请联系我们，我们将酌情处理！"


def pdf(*paragraphs: str, width: int = 24) -> str:
    """Lay paragraphs out as the PDF extractions do: fixed-width lines, a blank line after each."""
    lines: list[str] = []
    for p in paragraphs:
        lines += [p[i:i + width] for i in range(0, len(p), width)]
    return "\n\n".join(lines) + "\n"
