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

import codecs
import hashlib
import io
import logging
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rag.records import RawDocument, Skipped

if TYPE_CHECKING:
    from bs4.element import PageElement, Tag
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_log = logging.getLogger(__name__)

MAX_BYTES = 50 * 2**20
# python-docx reads every part of the package into memory, so the declared unpacked size is
# what a .docx costs; zipfile never returns more than the declared size, so checking it first
# is enough to defuse a zip bomb.
DOCX_MAX_UNPACKED_BYTES = 256 * 2**20
DOCX_MAX_ENTRIES = 10_000

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".pdf": "pdf", ".docx": "docx",
           ".html": "html", ".htm": "html"}
_SUPPORTED = ", ".join(sorted(FORMATS))


class LoadError(ValueError):
    """A file that cannot be loaded; ``str()`` is one line naming the file and the reason."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = _one_line(reason)
        super().__init__(f"{self.source}: {self.reason}")


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
    text, meta_title = _EXTRACTORS[fmt](path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError(path, _NO_TEXT.get(fmt, "empty file (only whitespace)"))
    title = meta_title if meta_title and _is_meaningful_title(meta_title) else path.stem
    return RawDocument(doc_id=doc_id, title=title, source=str(path), fmt=fmt, text=text,
                       sha256=hashlib.sha256(data).hexdigest())


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
                skipped.append(Skipped(str(file), _one_line(f"unexpected error: {type(e).__name__}: {e}")))
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
        dirnames[:] = [d for d in dirnames if not _hidden(d)]
        found.extend(Path(dirpath) / f for f in filenames if not _hidden(f))
    yield from sorted(found, key=lambda f: f.relative_to(directory).parts)


def _hidden(name: str) -> bool:
    # "~$方案.docx" is the lock file Word leaves beside an open document (hidden on Windows).
    return name.startswith((".", "~$"))


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
            raise LoadError(path, f"too large: {_size(st.st_size)}, the limit is {_size(max_bytes)}")
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
        raise LoadError(path, f"too large: {_size(len(data))}, the limit is {_size(max_bytes)}")
    return data


def _size(n: int) -> str:
    if n < 2**10:
        return f"{n} bytes"
    if n < 2**20:
        return f"{n / 2**10:.1f} KB"
    return f"{n / 2**20:.1f} MB"


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def _clean_title(raw: object) -> str:
    return " ".join(str(raw).replace("\x00", "").split()) if raw else ""


# ---------------------------------------------------------------------------------------------
# Text encodings

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 100_000  # characters looked at by the plausibility checks; enough to judge a file


def decode_text(data: bytes, source: str | Path, *, declared: str | None = None) -> str:
    """Decode the bytes of a text file: BOM, UTF-8, declared charset, GB18030, then detection.

    UTF-8 with a few broken sequences (≤1% of its non-ASCII bytes) is kept as UTF-8, the broken
    bytes shown as U+FFFD, rather than misread as GB18030.

    ``declared`` is an encoding the file names for itself (an HTML ``<meta charset>``); it is
    used only if it decodes the bytes strictly. Valid UTF-8 wins over it: pages that declare
    gb2312 but are saved as UTF-8 are common, and UTF-8 is almost never valid by accident.

    Raises:
        LoadError: binary content, or no encoding gives plausible text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_not_binary(data.decode(codec), source)
            except UnicodeDecodeError:
                raise LoadError(source, f"starts with a {codec.upper()} byte-order mark but is not "
                                        f"valid {codec.upper()}") from None
    if b"\x00" in data:
        raise LoadError(source, "binary file (contains NUL bytes), not text")
    for codec in filter(None, ("utf-8", _codec(declared))):
        try:
            return _check_not_binary(data.decode(codec), source)
        except (UnicodeDecodeError, LookupError):
            pass
    if _nearly_utf8(data):
        return _check_not_binary(data.decode("utf-8", errors="replace"), source)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_chinese_text(text):
            return _check_not_binary(text, source)
    from charset_normalizer import from_bytes  # slow to import; only the odd file gets here

    best = from_bytes(data).best()
    if best is not None:
        return _check_not_binary(str(best), source)
    raise LoadError(source, "cannot tell the text encoding (tried UTF-8, GB18030 and detection); "
                            "save it as UTF-8")


def _nearly_utf8(data: bytes) -> bool:
    """UTF-8 with a handful of broken sequences, as a file cut mid-character has.

    Decoded as GB18030, such a file would pass for Chinese text and come out as mojibake
    ("涓枃"); a GBK file, by contrast, breaks UTF-8 at nearly every non-ASCII byte pair.
    """
    non_ascii = len(data.translate(None, bytes(range(0x80))))  # delete ASCII, count the rest
    broken = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    return broken <= 0.01 * non_ascii


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared charset, widened the way browsers widen it."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # GB2312 and GBK pages routinely use characters only their superset has.
    return {"gb2312": "gb18030", "gbk": "gb18030", "latin-1": "cp1252",
            "iso8859-1": "cp1252"}.get(codec, codec)


def _is_common(ch: str) -> bool:
    """ASCII, CJK ideographs, CJK and full-width punctuation, general punctuation."""
    o = ord(ch)
    return (o < 0x80 or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F or 0x2460 <= o <= 0x24FF or o in (0xB7, 0xD7, 0xF7))


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _looks_like_chinese_text(text: str) -> bool:
    """Whether a strict GB18030 decoding is plausibly what the author wrote.

    GB18030 accepts most byte sequences, so Latin-1 or Big5 bytes often decode without error
    into rare characters. Real GBK documents are mostly common characters, and nearly all of
    their non-ASCII characters are in the GB2312 core.
    """
    sample = text[:_SAMPLE]
    if not sample or sum(map(_is_common, sample)) < 0.95 * len(sample):
        return False
    wide = [ch for ch in sample if ord(ch) >= 0x80]
    return sum(map(_in_gb2312, wide)) >= 0.9 * len(wide)


def _check_not_binary(text: str, source: str | Path) -> str:
    sample = text[:_SAMPLE]
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if control > 0.05 * len(sample):
        raise LoadError(source, "binary file (mostly control characters), not text")
    return text.removeprefix("\ufeff")


# ---------------------------------------------------------------------------------------------
# Formats: each returns (text, title metadata or "")

_NO_TEXT = {
    "pdf": "no extractable text (scanned PDF? OCR is not supported)",
    "docx": "no text in the document",
    "html": "no text in the page once markup is removed",
}


def _load_plain(path: Path, data: bytes) -> tuple[str, str]:
    return decode_text(data, path), ""


def _load_pdf(path: Path, data: bytes) -> tuple[str, str]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        raise LoadError(path, "corrupt PDF: not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise LoadError(path, "encrypted PDF: a password is needed to open it")
        title = ""
        try:
            title = _clean_title(reader.metadata.title if reader.metadata else "")
        except Exception:  # broken metadata must not cost us the text
            _log.debug("unreadable PDF metadata in %s", path, exc_info=True)
        pages: list[str] = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append((page.extract_text() or "").lstrip("\n").rstrip())
            except Exception as e:
                raise LoadError(path, f"corrupt PDF: page {number}: {type(e).__name__}: {e}") from None
    except LoadError:
        raise
    except (DependencyError, FileNotDecryptedError) as e:
        raise LoadError(path, f"encrypted PDF: {e}") from None
    except Exception as e:  # pypdf raises many types on damaged files; all mean the same here
        # A download cut short loses the trailer, which is the common case worth naming.
        reason = "corrupt PDF (truncated: no %%EOF marker)" if b"%%EOF" not in data[-2048:] else "corrupt PDF"
        raise LoadError(path, f"{reason}: {type(e).__name__}: {e}") from None
    return "\n\n".join(pages), title


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)


def _load_docx(path: Path, data: bytes) -> tuple[str, str]:
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
        title = _clean_title(document.core_properties.title)
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
        raise LoadError(path, f"DOCX unpacks to {_size(unpacked)}, over the {_size(DOCX_MAX_UNPACKED_BYTES)} "
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


_DROP = frozenset({"script", "style", "nav", "noscript", "template", "head", "iframe", "object", "svg",
                   "canvas"})
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
                    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
                    "form", "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary",
                    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML collapses these, but not U+3000 or &nbsp;
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# Browsers drop a source line break between two CJK characters instead of showing a space.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")


def _load_html(path: Path, data: bytes) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    declared = _META_CHARSET.search(data[:4096])
    text = decode_text(data, path, declared=declared.group(1).decode("ascii") if declared else None)
    try:
        soup = BeautifulSoup(text, "html.parser")
        title = _clean_title(soup.title.get_text(" ", strip=True) if soup.title else "")
        raw = _html_text(soup)
    except RecursionError:
        raise LoadError(path, "HTML nested too deeply to read") from None
    # U+3000 is kept: Chinese pages indent paragraphs with it, as the .txt documents do.
    lines = (line.strip(" \t\xa0") for line in raw.split("\n"))
    return "\n".join(line for line in lines if line.strip()), title


def _html_text(root: Tag) -> str:
    """The visible text of ``root``'s children: blocks on their own lines, headings as Markdown.

    The walk keeps its own stack (and never edits the tree, which costs bs4 time proportional
    to the subtree per edit), so a maliciously deep page cannot exhaust Python's recursion
    limit or take quadratic time.
    """
    from bs4.element import NavigableString, PreformattedString, Tag

    out: list[str] = []
    # (node, inside <pre>)
    stack: list[tuple[PageElement | str, bool]] = [(child, False) for child in reversed(root.contents)]
    while stack:
        node, pre = stack.pop()
        if isinstance(node, NavigableString):
            # Comments, doctype, CDATA and processing instructions are not visible text.
            if not isinstance(node, PreformattedString):
                out.append(str(node) if pre else _HTML_SPACE.sub(" ", _CJK_BREAK.sub("", str(node))))
        elif isinstance(node, str):  # a line break queued after a block's children
            out.append(node)
        elif isinstance(node, Tag) and node.name not in _DROP and not _invisible(node):
            if node.name == "br":
                out.append("\n")
            elif level := _HEADINGS.get(node.name, 0):
                head = " ".join(_html_text(node).split())
                out.append(f"\n{'#' * level} {head}\n" if head else "\n")
            elif node.name == "tr":
                cells = (" ".join(_html_text(c).split()) for c in node.find_all(["td", "th"], recursive=False))
                out.append("\n" + "  ".join(c for c in cells if c) + "\n")
            else:
                if node.name in _BLOCK:
                    out.append("\n")
                    stack.append(("\n", pre))
                inner = pre or node.name == "pre"
                stack.extend((child, inner) for child in reversed(node.contents))
    return "".join(out)


def _invisible(tag: Tag) -> bool:
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style


_EXTRACTORS: dict[str, Callable[[Path, bytes], tuple[str, str]]] = {
    "txt": _load_plain,
    "md": _load_plain,
    "pdf": _load_pdf,
    "docx": _load_docx,
    "html": _load_html,
}
