"""Vectors of a new build (or of the documents an update in place adds): carried-over rows and
already-embedded texts reused, the rest embedded a slice at a time."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from tqdm import tqdm

from rag.index.embed import Embedder, embed_passages
from rag.index.manifest import Manifest
from rag.index.report import BuildReport
from rag.index.stores import SearchIndex
from rag.records import Unit, content_id
from rag.settings import Settings

# Units embedded per call of the embedder: the texts of one slice and its vectors are all a build
# holds besides the index (unmeasured size: the int8 embedder sorts each slice by length, and
# sorting saved at most 6 % of padded tokens on the whole corpus, notes/speed.md).
EMBED_SLICE = 4096


def vectors_for(
    units: Sequence[Unit],
    keep_rows: Sequence[int],
    previous: SearchIndex | None,
    embedder_factory: Callable[[], Embedder],
    settings: Settings,
    report: BuildReport,
    progress: bool,
    on_units: Callable[[int, int], None] | None = None,
) -> tuple[np.ndarray, str, int]:
    """Vectors for ``units``: carried-over rows and known texts reused, the rest embedded."""
    reuse: dict[int, int] = {}  # position in ``units`` -> row in the previous index
    if previous is not None:
        known: dict[str, int] = {}
        for row, unit in enumerate(previous.units):
            known.setdefault(content_id(unit.embed_text()), row)
        for pos, row in enumerate(keep_rows):
            if row >= 0:
                reuse[pos] = row
            elif (hit := known.get(content_id(units[pos].embed_text()))) is not None:
                reuse[pos] = hit
    todo = [pos for pos in range(len(units)) if pos not in reuse]

    embedder: Embedder | None = None
    if todo or previous is None:
        embedder = embedder_factory()
    embedder_id = embedder.id if embedder is not None else previous.manifest.embedder_id  # type: ignore[union-attr]
    dim = embedder.dim if embedder is not None else previous.manifest.dim  # type: ignore[union-attr]

    out = np.zeros((len(units), dim), dtype=np.float32)
    if reuse and previous is not None:
        positions = list(reuse)
        out[positions] = previous.vectors_of([reuse[p] for p in positions])
    report.reused_vectors = len(reuse)
    if todo:
        assert embedder is not None
        embed_rows(embedder, units, todo, out, progress, on_units)
    report.embedded = len(todo)
    return out, embedder_id, dim


def vectors_by_text(
    units: Sequence[Unit],
    keys: Sequence[str],
    known: Mapping[str, np.ndarray],
    embedder_factory: Callable[[], Embedder],
    published: Manifest,
    report: BuildReport,
    progress: bool,
    on_units: Callable[[int, int], None] | None = None,
) -> tuple[np.ndarray, str, int]:
    """Vectors for the units of an update in place: the store's vector of the same text
    (``known``, by ``keys``: each unit's ``content_id(embed_text())``, which the caller asked the
    store with) reused, the rest embedded. Adds to ``report.reused_vectors`` and sets
    ``report.embedded``."""
    todo = [pos for pos, key in enumerate(keys) if key not in known]
    embedder = embedder_factory() if todo else None
    embedder_id = embedder.id if embedder is not None else published.embedder_id
    dim = embedder.dim if embedder is not None else published.dim
    out = np.zeros((len(units), dim), dtype=np.float32)
    for pos, key in enumerate(keys):
        if key in known:
            out[pos] = known[key]
    report.reused_vectors += len(units) - len(todo)
    if embedder is not None:
        embed_rows(embedder, units, todo, out, progress, on_units)
    report.embedded = len(todo)
    return out, embedder_id, dim


def embed_rows(
    embedder: Embedder, units: Sequence[Unit], todo: Sequence[int], out: np.ndarray, progress: bool,
    on_units: Callable[[int, int], None] | None,
) -> None:
    """Embed the units at positions ``todo`` into ``out``, a slice at a time."""
    # tqdm shows units/s and the ETA; the embedder reports each batch as it finishes.
    bar = tqdm(total=len(todo), desc="embedding", unit="unit", disable=not progress, leave=False)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        bar.update(n)
        if on_units is not None:
            on_units(done, len(todo))

    if on_units is not None:
        on_units(0, len(todo))
    # A slice at a time, written into ``out``: the texts and the embedder's output of a whole
    # 10^6-unit build would hold 1 GB and 3 GB more (benchmarks/scale_bench.py).
    for start in range(0, len(todo), EMBED_SLICE):
        rows = todo[start : start + EMBED_SLICE]
        out[rows] = embed_passages(embedder, [units[p].embed_text() for p in rows], advance)
    bar.close()
