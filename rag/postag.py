"""jieba's part-of-speech-tagged words of a Chinese text, and where its words begin and end."""

from __future__ import annotations

import logging
from functools import lru_cache


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's part-of-speech-tagged words of a Chinese text."""
    import jieba
    import jieba.posseg

    # jieba logs its dictionary loading to stderr at DEBUG level; the library must stay quiet.
    jieba.setLogLevel(logging.WARNING)
    return tuple((p.word, p.flag) for p in jieba.posseg.cut(text))


def word_boundaries(text: str) -> frozenset[int]:
    """Character offsets at which a jieba word starts or ends."""
    bounds = {0}
    offset = 0
    for word, _ in tokens(text):
        offset += len(word)
        bounds.add(offset)
    return frozenset(bounds)
