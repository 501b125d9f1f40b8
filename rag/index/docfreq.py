"""How many units hold each token: the document frequencies behind the ``rare_coverage`` signal.

The tokens are those of :func:`rag.text.bigrams`, exactly; only the folding is batched. Folding
one unit at a time (NFKC, lower case, four regular expressions per text) made counting 10^5 units
take minutes on the busy shared cores (``benchmarks/scale_bench.py``: 204 s of a 212 s warm-up
under the profiler), so texts are folded a thousand at a time, joined by a NUL that folding
leaves alone and no token crosses. ``tests/test_docfreq.py`` holds the equality to
``set(bigrams(text))``. (Not in ``rag/text.py``: a change there re-parses every index.)

Even batched, counting reads every unit (141 s of the warm-up at 10^5 units on the busy cores),
so the file store counts once when it publishes and keeps the table beside the units
(:func:`save`, :func:`load`); the retriever counts only for an index without one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from rag.text import HAN_CLASS, WORD_RUN, bigrams, fold

_SEP = "\x00"
FOLD_BATCH = 1000  # texts folded in one call (unmeasured size; any batch gives the same tokens)
# bigrams() walks WORD_RUN's runs in Python; the same tokens in three scans done by the regex
# engine: overlapping Han bigrams, Han characters standing alone, and WORD_RUN's other branch.
_HAN_BIGRAM = re.compile(f"(?=([{HAN_CLASS}]{{2}}))")
_HAN_ALONE = re.compile(f"(?<![{HAN_CLASS}])[{HAN_CLASS}](?![{HAN_CLASS}])")
_WORD = re.compile(WORD_RUN.pattern.split("|", 1)[1])


def _token_set(folded: str) -> set[str]:
    out = set(_HAN_BIGRAM.findall(folded))
    out.update(_HAN_ALONE.findall(folded))
    out.update(_WORD.findall(folded))
    return out


def _batch_sets(batch: list[str]) -> Iterator[set[str]]:
    if any(_SEP in text for text in batch):  # the separator would split a text: one at a time
        yield from (set(bigrams(text)) for text in batch)
        return
    folded = fold(_SEP.join(batch)).split(_SEP)
    if len(folded) != len(batch):
        yield from (set(bigrams(text)) for text in batch)
        return
    yield from (_token_set(text) for text in folded)


def token_sets(texts: Iterable[str]) -> Iterator[set[str]]:
    """``set(bigrams(text))`` for each text, in order."""
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == FOLD_BATCH:
            yield from _batch_sets(batch)
            batch = []
    if batch:
        yield from _batch_sets(batch)


def document_frequencies(texts: Iterable[str]) -> Counter[str]:
    """Token → how many of ``texts`` hold it."""
    df: Counter[str] = Counter()
    for tokens in token_sets(texts):
        df.update(tokens)
    return df


DOCFREQ_DIR = "docfreq"
_TOKENS = "tokens.txt"
_COUNTS = "counts.npy"


def save(directory: Path, df: Counter[str]) -> None:
    """Write ``df`` into ``directory/docfreq/``: the tokens one a line (no token holds a space or
    a line break), their counts as a NumPy array."""
    folder = directory / DOCFREQ_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tokens = list(df)
    (folder / _TOKENS).write_text("\n".join(tokens), encoding="utf-8")
    np.save(folder / _COUNTS, np.fromiter((df[t] for t in tokens), dtype=np.int64, count=len(tokens)))


def load(directory: Path) -> Counter[str] | None:
    """The table :func:`save` wrote, or None when the index has none (format 1)."""
    folder = directory / DOCFREQ_DIR
    if not (folder / _COUNTS).is_file():
        return None
    text = (folder / _TOKENS).read_text(encoding="utf-8")
    tokens = text.split("\n") if text else []
    counts = np.load(folder / _COUNTS, allow_pickle=False).tolist()
    if len(tokens) != len(counts):
        raise ValueError(f"token document frequencies in {folder} are damaged: {len(tokens)} tokens, "
                         f"{len(counts)} counts")
    return Counter(dict(zip(tokens, counts, strict=True)))
