"""Writing a batch of units into the PostgreSQL store's tables: the units with their vectors and
the lexical postings, tokenised once, with what the batch adds to the lexical statistics. Shared
by a whole new index (:mod:`rag.index.pgwrite`) and an update of some documents
(:mod:`rag.index.pgupdate`), so both tokenise and store alike.

A row the server refuses (a vector holding NaN, a text PostgreSQL cannot hold) fails the whole
transaction; the error names the unit's document, read from the line number PostgreSQL reports.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rag.index import docfreq
from rag.index.pgconn import EMPTY_TOKEN, PgStoreError, vector_literal
from rag.records import Unit, content_id
from rag.text import bigrams

_COPY_LINE = re.compile(r"\bline (\d+)\b")


@dataclass
class Statistics:
    """What a batch of units adds to (or, removed, takes from) the lexical statistics."""

    units: int = 0
    total_length: int = 0  # BM25 document lengths (tokens of ``embed_text``) summed
    df: Counter[str] = field(default_factory=Counter)  # BM25: units whose embed_text holds the token
    text_df: Counter[str] = field(default_factory=Counter)  # rag.index.docfreq: units whose text holds it


def unit_terms(unit: Unit) -> tuple[int, Counter[str]]:
    """The BM25 length and term frequencies of one unit (its ``embed_text``, as the file store)."""
    tokens = bigrams(unit.embed_text()) or [EMPTY_TOKEN]
    return len(tokens), Counter(tokens)


def statistics_of(units: Sequence[Unit]) -> Statistics:
    """The statistics of units already stored (those an update removes)."""
    stats = Statistics(units=len(units), text_df=docfreq.document_frequencies(u.text for u in units))
    for unit in units:
        length, counts = unit_terms(unit)
        stats.total_length += length
        stats.df.update(counts.keys())
    return stats


def copy_units(
    cur: Any, units_table: str, postings_table: str, units: Sequence[Unit], vectors: np.ndarray, first_id: int,
    location: str,
) -> Statistics:
    """COPY ``units`` (ids from ``first_id``) and their postings; returns what they add.

    Raises:
        PgStoreError: the server refused a row; the message names its document and unit.
    """
    stats = Statistics(units=len(units), text_df=docfreq.document_frequencies(u.text for u in units))
    lengths: list[int] = []
    ends: list[int] = []  # the COPY's last line of each unit, to name a refused row's document
    # Postings first: each unit is tokenised once, its length kept for the units table.
    with _naming_bad_rows(units, "postings", location, ends), \
            cur.copy(f"COPY {postings_table} (term, id, tf, length) FROM STDIN") as copy:
        for i, unit in enumerate(units):
            length, counts = unit_terms(unit)
            stats.df.update(counts.keys())
            lengths.append(length)
            for term, tf in counts.items():
                copy.write_row((term, first_id + i, tf, length))
            ends.append((ends[-1] if ends else 0) + len(counts))
    stats.total_length = sum(lengths)
    with _naming_bad_rows(units, "units", location, list(range(1, len(units) + 1))), \
            cur.copy(f"COPY {units_table} (id, doc_id, key, unit, length, embedding) FROM STDIN") as copy:
        for i, unit in enumerate(units):
            copy.write_row((first_id + i, unit.doc_id, content_id(unit.embed_text()),
                            json.dumps(unit.to_json(), ensure_ascii=False), lengths[i], vector_literal(vectors[i])))
    return stats


@contextmanager
def _naming_bad_rows(units: Sequence[Unit], what: str, location: str, ends: list[int]) -> Iterator[None]:
    """Turn the server's refusal of a COPY row into a PgStoreError naming the unit's document;
    ``ends`` holds the COPY's last line of each unit."""
    import psycopg

    try:
        yield
    except psycopg.errors.DataError as exc:
        match = _COPY_LINE.search(exc.diag.context or "")
        at = bisect_left(ends, int(match.group(1))) if match else len(units)
        if at < len(units):
            where = f"document {units[at].doc_id!r} (unit {units[at].label or units[at].ordinal})"
        else:
            where = "one of the documents " + ", ".join(repr(d) for d in dict.fromkeys(u.doc_id for u in units))
        reason = (exc.diag.message_primary or str(exc)).strip()
        raise PgStoreError(
            f"PostgreSQL refused the {what} of {where} in {location}: {reason}; "
            "nothing was changed, the published index is as it was"
        ) from exc
