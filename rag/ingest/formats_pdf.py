"""PDF text layers (pypdf)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from rag.ingest.errors import LoadError, clean_title

_log = logging.getLogger(__name__)


def load_pdf(path: Path, data: bytes) -> tuple[str, str]:
    """The PDF's text (its pages joined by blank lines) and its metadata title."""
    pages, title = load_pdf_pages(path, data)
    return "\n\n".join(pages), title


def load_pdf_pages(path: Path, data: bytes) -> tuple[list[str], str]:
    """The text of each page of a PDF and its metadata title.

    Raises:
        LoadError: not a PDF, encrypted, or damaged.
    """
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
            title = clean_title(reader.metadata.title if reader.metadata else "")
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
    return pages, title
