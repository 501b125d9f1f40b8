"""Lexical stage: a BM25 index over Chinese-aware tokens (bm25s, saved without pickle).

Two tokenisers: ``bigram`` (overlapping CJK character bigrams plus single characters of
one-character runs, and whole Latin words / numbers) and ``jieba`` (jieba's search-mode words).
Text is folded (NFKC, lower case) before tokenising so full-width and half-width forms match.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np

from rag.text import HAN, WORD_RUN, bigrams, fold

TOKENIZERS = ("bigram", "jieba")


def jieba_tokens(text: str) -> list[str]:
    """jieba search-mode words (CJK) plus Latin words, punctuation dropped."""
    import jieba  # heavy dictionary load; only when this tokeniser is chosen

    jieba.setLogLevel(60)
    return [w for w in jieba.lcut_for_search(fold(text)) if WORD_RUN.fullmatch(w) or HAN.match(w)]


def tokenizer(name: str) -> Callable[[str], list[str]]:
    if name == "bigram":
        return bigrams
    if name == "jieba":
        return jieba_tokens
    raise ValueError(f"lexical tokenizer must be one of {TOKENIZERS}. Currently, it is {name!r}")


class LexicalIndex:
    """BM25 over a fixed list of texts; ``search`` returns (row, score) pairs, best first."""

    def __init__(self, bm25: bm25s.BM25, tokenizer_name: str, size: int) -> None:
        self._bm25 = bm25
        self._tokenize = tokenizer(tokenizer_name)
        self.tokenizer_name = tokenizer_name
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str], tokenizer_name: str = "bigram") -> LexicalIndex:
        tokenize = tokenizer(tokenizer_name)
        # bm25s cannot index an empty corpus or an empty document; a placeholder token keeps
        # row numbers aligned with the units.
        corpus = [tokenize(t) or ["\u0000"] for t in texts] or [["\u0000"]]
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
        return cls(bm25, tokenizer_name, len(texts))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        if self.size == 0 or k <= 0:
            return []
        vocab = self._bm25.vocab_dict
        ids = [vocab[t] for t in self._tokenize(query) if t in vocab]
        if not ids:
            return []
        scores = np.asarray(self._bm25.get_scores(ids))[: self.size]
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory), allow_pickle=False)
        (directory / "lexical.json").write_text(
            json.dumps({"tokenizer": self.tokenizer_name, "size": self.size}), encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        meta = json.loads((directory / "lexical.json").read_text(encoding="utf-8"))
        bm25 = bm25s.BM25.load(str(directory), allow_pickle=False)
        return cls(bm25, meta["tokenizer"], int(meta["size"]))
