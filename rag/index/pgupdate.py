"""Some documents of a PostgreSQL index replaced in place, in the caller's transaction: the cost
follows the documents changed, not the index (``benchmarks/pg_bench.py --upload``).

Readers keep searching the generation they loaded while an update commits, and never see half of
one: units are only inserted (ids above every id of earlier generations) or listed as dead, never
changed; BM25 document frequencies are versioned rows (``born``..``died``); a reader of generation
``g`` searches ids below its ``next_id`` minus the dead ids it loaded, with the document
frequencies valid at ``g``. Rows that only generations before the published one can see are
deleted by the next update, so a reader still answering from the generation just replaced
finishes its question (the same rule as the tables of a replaced base).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from rag.index.pgconn import PgState, PgStoreError
from rag.index.pgrows import Statistics, copy_units, statistics_of
from rag.index.pgwrite import table_names
from rag.records import Unit


def update_base(
    conn: Any, name: str, state: PgState, generation: int, replaced: Sequence[str], units: Sequence[Unit],
    vectors: np.ndarray, location: str,
) -> PgState:
    """Remove the units of the documents ``replaced``, add ``units`` with ``vectors``, and bring the
    lexical statistics to generation ``generation``; returns the state to publish (the caller
    writes ``rag_index`` and commits, or rolls everything back)."""
    t = table_names(name, state.base)
    # Rows no reader of the published generation can see: gone for good.
    purged = [r for (r,) in conn.execute(f"DELETE FROM {t['dead']} RETURNING id").fetchall()]
    if purged:
        conn.execute(f"DELETE FROM {t['units']} WHERE id = ANY(%s)", (purged,))
        conn.execute(f"DELETE FROM {t['postings']} WHERE id = ANY(%s)", (purged,))
    conn.execute(f"DELETE FROM {t['terms']} WHERE died IS NOT NULL")

    removed = Statistics()
    if replaced:
        rows = conn.execute(
            f"INSERT INTO {t['dead']} (id) SELECT id FROM {t['units']} WHERE doc_id = ANY(%s) RETURNING id",
            (list(replaced),),
        ).fetchall()
        if rows:
            gone = conn.execute(f"SELECT unit FROM {t['units']} WHERE id = ANY(%s)", ([r for (r,) in rows],))
            removed = statistics_of([Unit.from_json(u) for (u,) in gone.fetchall()])
    with conn.cursor() as cur:
        added = copy_units(cur, t["units"], t["postings"], units, vectors, state.next_id, location)
    _update_terms(conn, t["terms"], generation, added.df, removed.df, location)
    _update_docfreq(conn, t["docfreq"], added.text_df, removed.text_df)
    return PgState(
        generation=generation,
        base=state.base,
        next_id=state.next_id + len(units),
        units=state.units - removed.units + added.units,
        total_length=state.total_length - removed.total_length + added.total_length,
    )


def _delta(added: Counter[str], removed: Counter[str]) -> dict[str, int]:
    delta = Counter(added)
    delta.subtract(removed)
    return {term: d for term, d in delta.items() if d}


def _update_terms(
    conn: Any, table: str, generation: int, added: Counter[str], removed: Counter[str], location: str
) -> None:
    """New versions of the BM25 document frequencies that changed; the old ones die at ``generation``."""
    delta = _delta(added, removed)
    if not delta:
        return
    terms = list(delta)
    current = dict(conn.execute(
        f"UPDATE {table} SET died = %s WHERE term = ANY(%s) AND died IS NULL RETURNING term, df", (generation, terms)
    ).fetchall())
    rows = [(term, current.get(term, 0) + d, generation) for term, d in delta.items()]
    if any(df < 0 for _, df, _ in rows):
        bad = next(term for term, df, _ in rows if df < 0)
        raise PgStoreError(f"the lexical statistics in {location} disagree with the units (token {bad!r}); "
                           "rebuild the index from scratch (drop its row in rag_index) and run `rag index`")
    with conn.cursor() as cur, cur.copy(f"COPY {table} (term, df, born) FROM STDIN") as copy:
        for row in rows:
            if row[1] > 0:
                copy.write_row(row)


def _update_docfreq(conn: Any, table: str, added: Counter[str], removed: Counter[str]) -> None:
    """The retriever's document frequencies, changed in place: readers read them once, in the
    snapshot they load the units in."""
    delta = _delta(added, removed)
    if not delta:
        return
    conn.execute(
        f"INSERT INTO {table} AS d (term, df) SELECT * FROM unnest(%s::text[], %s::int[]) "
        "ON CONFLICT (term) DO UPDATE SET df = d.df + EXCLUDED.df",
        (list(delta), list(delta.values())),
    )
    conn.execute(f"DELETE FROM {table} WHERE term = ANY(%s) AND df <= 0", (list(delta),))
