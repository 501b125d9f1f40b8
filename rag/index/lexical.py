"""Lexical stage: a BM25 index over Chinese-aware tokens (bm25s, saved without pickle).

Two tokenisers: ``bigram`` (overlapping CJK character bigrams plus single characters of
one-character runs, and whole Latin words / numbers) and ``jieba`` (jieba's search-mode words).
Text is folded (NFKC, lower case) before tokenising so full-width and half-width forms match.

The build turns each text straight into integer token ids (one ``array('i')`` per text, 4 bytes
a token) and hands bm25s the ids with the vocabulary: keeping every unit's bigrams as Python
strings cost ~17 KB per unit (2.6 GB peak at 10^5 units, ~26 GB extrapolated at 10^6;
``benchmarks/lexical_bench.py`` prints the peak of this build). A search limited to some
documents passes bm25s a weight mask, so only those rows can score.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

import bm25s
import numpy as np

from rag.text import HAN, WORD_RUN, bigrams, fold

TOKENIZERS = ("bigram", "jieba")
_EMPTY = "\u0000"  # the token of an empty text (bm25s needs at least one per row)


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
    def build(cls, texts: Iterable[str], tokenizer_name: str = "bigram") -> LexicalIndex:
        """BM25 over ``texts``, read once (a generator keeps a large build from holding them all)."""
        tokenize = tokenizer(tokenizer_name)
        # bm25s cannot index an empty corpus or an empty document; a placeholder token keeps
        # row numbers aligned with the units.
        vocab: dict[str, int] = {_EMPTY: 0}
        corpus: list[array[int]] = []
        for text in texts:
            ids = array("i", (vocab.setdefault(t, len(vocab)) for t in tokenize(text)))
            corpus.append(ids or array("i", [0]))
        size = len(corpus)
        if not corpus:
            corpus.append(array("i", [0]))
        bm25 = bm25s.BM25()
        # A list of per-text id arrays plus the vocabulary: bm25s indexes the ids as they are.
        bm25.index((corpus, vocab), create_empty_token=False, show_progress=False)
        return cls(bm25, tokenizer_name, size)

    def search(self, query: str, k: int, *, rows: Collection[int] | None = None) -> list[tuple[int, float]]:
        """The ``k`` best rows for ``query``, best first; only ``rows`` when it is given."""
        if self.size == 0 or k <= 0:
            return []
        vocab = self._bm25.vocab_dict
        ids = [vocab[t] for t in self._tokenize(query) if t in vocab]
        if not ids:
            return []
        mask = None
        if rows is not None:
            mask = np.zeros(int(self._bm25.scores["num_docs"]), dtype=np.float32)
            mask[np.fromiter(rows, dtype=np.int64, count=len(rows))] = 1.0
        scores = np.asarray(self._bm25.get_scores(ids, weight_mask=mask))[: self.size]
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
