"""Loading stage: one file on disk → one ``RawDocument``.

``load_file`` reads a .txt, .md, .pdf, .docx or .html/.htm file and raises ``LoadError`` with a
one-line reason for anything it cannot turn into text; ``load_paths`` walks files and
directories and turns every such failure into a ``Skipped`` record so one bad file never stops
an indexing run.

Example::

    docs, skipped = load_paths([Path("documents")])
    for s in skipped:
        log.warning("%s: %s", s.source, s.reason)
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from rag.ingest.decode import decode_text
from rag.ingest.errors import LoadError, one_line, size_text
from rag.ingest.formats_docx import load_docx
from rag.ingest.formats_html import load_html
from rag.ingest.formats_pdf import load_pdf, load_pdf_pages
from rag.records import RawDocument, Skipped

_log = logging.getLogger(__name__)

MAX_BYTES = 50 * 2**20

MAX_BYTES = 50 * 2**20

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".pdf": "pdf", ".docx": "docx",
           ".html": "html", ".htm": "html"}
_SUPPORTED = ", ".join(sorted(FORMATS))

__all__ = [
    "FORMATS", "HIDDEN_PREFIXES", "MAX_BYTES", "LoadError", "decode_text", "is_hidden", "load_file", "load_paths",
]


def load_file(path: Path, *, root: Path | None = None, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read one supported file into a ``RawDocument``.

    Args:
        path: the file to read.
        root: the documents directory ``path`` lies under; ``doc_id`` is the path relative to
            it without the extension (``"地方/河南/实施方案"``). Without it, the file's stem.
        max_bytes: files larger than this are refused before they are read.

    Returns:
        The document with its text (headings as Markdown ``#`` lines), title, format and the
        SHA-256 of its bytes. Line endings are normalised to ``\\n``.

    Raises:
        LoadError: unsupported extension, unreadable, empty, too large, binary, undecodable,
            corrupt or encrypted file, or a PDF without a text layer.
        ValueError: ``path`` is not under ``root``.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        hint = " (save old .doc files as .docx)" if path.suffix.lower() == ".doc" else ""
        raise LoadError(path, f"unsupported extension {path.suffix or '(none)'!r}{hint}; "
                              f"supported: {_SUPPORTED}")
    doc_id = _doc_id(path, root)
    data = _read(path, max_bytes)
    pages: tuple[str, ...] = ()
    if fmt == "pdf":  # the pages are kept: units are given the page they start on
        page_list, meta_title = load_pdf_pages(path, data)
        pages = tuple(p.replace("\r\n", "\n").replace("\r", "\n") for p in page_list)
        text = "\n\n".join(page_list)
    else:
        text, meta_title = _EXTRACTORS[fmt](path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError(path, _NO_TEXT.get(fmt, "empty file (only whitespace)"))
    title = meta_title if meta_title and _is_meaningful_title(meta_title) else path.stem
    return RawDocument(doc_id=doc_id, title=title, source=str(path), fmt=fmt, text=text,
                       sha256=hashlib.sha256(data).hexdigest(), pages=pages)


def load_paths(
    paths: Sequence[Path], *, max_bytes: int = MAX_BYTES
) -> tuple[list[RawDocument], list[Skipped]]:
    """Load every supported file under ``paths``, skipping the ones that fail.

    Directories are walked recursively in sorted order, leaving out hidden files and
    directories (``.name``, and Office's ``~$name`` lock files); a directory is the ``root``
    for the ids of the files under it. A file reached twice is loaded once; a second file with
    an id already taken (``a.txt`` next to ``a.pdf``) is skipped rather than overwriting the
    first.

    Args:
        paths: files and directories, in the order their documents should come out.
        max_bytes: per-file size limit, as for ``load_file``.

    Returns:
        The loaded documents and a ``Skipped`` record with a one-line reason for every file
        that could not be loaded (including unsupported extensions found in a directory).
    """
    docs: list[RawDocument] = []
    skipped: list[Skipped] = []
    seen_files: set[Path] = set()
    seen_ids: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        files: list[tuple[Path, Path | None]]
        if path.is_dir():
            files = [(f, path) for f in _walk(path)]
        elif path.exists():
            files = [(path, None)]
        else:
            skipped.append(Skipped(str(path), "no such file or directory"))
            continue
        for file, root in files:
            key = Path(os.path.realpath(file))  # unlike resolve(), never raises on a symlink loop
            if key in seen_files:
                continue
            seen_files.add(key)
            try:
                doc = load_file(file, root=root, max_bytes=max_bytes)
            except LoadError as e:
                skipped.append(Skipped(e.source, e.reason))
                continue
            except Exception as e:  # a bug or a pathological file must not end the whole run
                _log.warning("unexpected error loading %s", file, exc_info=True)
                skipped.append(Skipped(str(file), one_line(f"unexpected error: {type(e).__name__}: {e}")))
                continue
            if doc.doc_id in seen_ids:
                skipped.append(Skipped(str(file), f"duplicate doc_id {doc.doc_id!r}, already used by "
                                                  f"{seen_ids[doc.doc_id]}; rename one of them"))
                continue
            seen_ids[doc.doc_id] = str(file)
            docs.append(doc)
    return docs, skipped


# ---------------------------------------------------------------------------------------------
# Files


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory``, hidden ones left out, sorted by relative path."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames[:] = [d for d in dirnames if not is_hidden(d)]
        found.extend(Path(dirpath) / f for f in filenames if not is_hidden(f))
    yield from sorted(found, key=lambda f: f.relative_to(directory).parts)


# Dot files and "~$方案.docx", the lock file Word leaves beside an open document (hidden on
# Windows), are not documents: the walk skips them and the upload page refuses such names.
HIDDEN_PREFIXES = (".", "~$")


def is_hidden(name: str) -> bool:
    """A file or folder name the loader leaves out (``.name``, Word's ``~$name``)."""
    return name.startswith(HIDDEN_PREFIXES)


def _doc_id(path: Path, root: Path | None) -> str:
    if root is None:
        return path.stem
    try:
        rel = path.relative_to(root)
    except ValueError:
        try:
            rel = path.resolve().relative_to(Path(root).resolve())
        except ValueError:
            raise ValueError(f"{path} is not under root {root}") from None
    return rel.with_suffix("").as_posix()


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        st = path.stat()
        if not path.is_file():
            raise LoadError(path, "not a regular file")
        if st.st_size == 0:
            raise LoadError(path, "empty file (0 bytes)")
        if st.st_size > max_bytes:
            raise LoadError(path, f"too large: {size_text(st.st_size)}, the limit is {size_text(max_bytes)}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except PermissionError:
        raise LoadError(path, "unreadable: permission denied") from None
    except OSError as e:
        raise LoadError(path, f"unreadable: {e.strerror or e}") from None
    # The size may have changed between stat() and the read.
    if not data:
        raise LoadError(path, "empty file (0 bytes)")
    if len(data) > max_bytes:
        raise LoadError(path, f"too large: {size_text(len(data))}, the limit is {size_text(max_bytes)}")
    return data




_JUNK_TITLE = re.compile(
    r"""^(?:
        microsoft\s+(?:word|excel|powerpoint)\b.*   # "Microsoft Word - 方案.doc" from PDF printers
      | (?:untitled|无标题|未命名|新建).*
      | (?:document|doc|文档|title|标题|none|null|unknown|anonymous|untitled)\s*\d*
      | .*\.(?:docx?|wps|pdf|txt|rtf|html?|xlsx?|pptx?)   # a file name, not a title
      | [\W\d_]*                                          # only digits and punctuation
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def _is_meaningful_title(title: str) -> bool:
    return bool(title) and len(title) <= 200 and not _JUNK_TITLE.match(title)


_NO_TEXT = {
    "pdf": "no extractable text (scanned PDF? OCR is not supported)",
    "docx": "no text in the document",
    "html": "no text in the page once markup is removed",
}


def _load_plain(path: Path, data: bytes) -> tuple[str, str]:
    return decode_text(data, path), ""


_EXTRACTORS: dict[str, Callable[[Path, bytes], tuple[str, str]]] = {
    "txt": _load_plain,
    "md": _load_plain,
    "pdf": load_pdf,
    "docx": load_docx,
    "html": load_html,
}
