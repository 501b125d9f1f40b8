"""One document from file to units, or a one-line reason why not.

The index build and the upload check both go through here, so a file an upload accepted is one
the next build will index, and the same limits apply to both: characters per document
(``max_doc_chars``) and units per document (``max_units_per_doc``). The decision is made after
cleaning and parsing — a file that loads but has nothing left once page marks and invisible
characters are gone fails like a file that does not load.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.index.sources import Source
from rag.ingest import clauses, clean
from rag.ingest.load import LoadError, load_file
from rag.ingest.pages import assign_pages
from rag.records import DocumentMeta, RawDocument, Unit
from rag.settings import Settings


class PrepareError(ValueError):
    """A document that cannot be indexed; ``reason`` is one line."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


@dataclass(frozen=True)
class Prepared:
    """A document ready to embed: what was loaded, its units, the parser's warnings, what the
    document says about itself (title, kind, issuer, dates, status) and the title to show (its own
    heading when the file name was only a name for the file: :mod:`rag.ingest.titles`)."""

    raw: RawDocument
    units: tuple[Unit, ...]
    warnings: tuple[str, ...]
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    title: str = ""


def load(source: Source, settings: Settings) -> RawDocument:
    """Read one source, with the loader's own checks and the characters-per-document limit.

    Raises:
        PrepareError: the loader refused the file, or its text is over the limit.
    """
    try:
        raw = load_file(source.path, root=source.root, max_bytes=int(settings.max_file_mb * 2**20))
    except LoadError as exc:
        raise PrepareError(str(source.path), exc.reason) from None
    except Exception as exc:  # a loader bug or a pathological file must not end the whole run
        raise PrepareError(str(source.path), f"unexpected error: {type(exc).__name__}: {exc}"[:300]) from None
    if len(raw.text) > settings.max_doc_chars:
        raise PrepareError(
            str(source.path),
            f"too long: {len(raw.text):,} characters, the limit is {settings.max_doc_chars:,} (RAG_MAX_DOC_CHARS)",
        )
    return raw


def parse(raw: RawDocument, settings: Settings) -> Prepared:
    """Clean and parse a loaded document.

    Raises:
        PrepareError: nothing left after cleaning, or more units than ``max_units_per_doc``.
    """
    try:
        document = clean.clean(raw)
        parsed = clauses.parse(document, max_chars=settings.max_unit_chars, overlap=settings.overlap_chars)
    except Exception as exc:  # same rule as loading: one document's failure is its own
        raise PrepareError(raw.source, f"unexpected error: {type(exc).__name__}: {exc}"[:300]) from None
    units = tuple(parsed.units)
    if raw.pages:
        units = assign_pages(units, raw.pages)
    if not any(u.text.strip() for u in units):
        raise PrepareError(raw.source, "no text left after cleaning (only page marks, spaces or invisible characters)")
    if len(units) > settings.max_units_per_doc:
        raise PrepareError(
            raw.source,
            f"too many units: {len(units):,}, the limit is {settings.max_units_per_doc:,} (RAG_MAX_UNITS_PER_DOC)",
        )
    return Prepared(raw, units, tuple(parsed.warnings), document.meta, document.title)


def prepare(source: Source, settings: Settings) -> Prepared:
    """Load, clean and parse one source (the upload check)."""
    return parse(load(source, settings), settings)
