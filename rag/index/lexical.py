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
import math
from array import array
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

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


class _CompactBM25(bm25s.BM25):
    """bm25s's BM25, its score matrix built straight into the compressed-column arrays.

    bm25s builds three arrays over every (unit, token) pair and then has scipy convert them
    (about 24 bytes a pair at the peak: ~760 MB at 10^5 units, ~7.6 GB at 10^6 with the units and
    vectors on top, ``benchmarks/lexical_bench.py --scale``). Here: one pass counts each token's
    units, a second writes each unit's scores into their final places (8 bytes a pair, what the
    saved index holds anyway). The arithmetic is bm25s's own, in its order and types, so the
    arrays are equal bit for bit (``tests/test_lexical.py``); other BM25 variants go to bm25s.
    """

    def build_index_from_ids(
        self, unique_token_ids: list[int], corpus_token_ids: list[array[int]], show_progress: bool = True,
        leave_progress: bool = False,
    ) -> dict[str, Any]:
        if self.method != "lucene" or self.idf_method != "lucene":
            return super().build_index_from_ids(unique_token_ids, corpus_token_ids, show_progress, leave_progress)
        n_docs, n_vocab = len(corpus_token_ids), len(unique_token_ids)
        docs = [np.frombuffer(ids, dtype=np.int32) for ids in corpus_token_ids]  # views, no copies
        avg_doc_len = np.array([len(ids) for ids in docs]).mean()
        df = np.zeros(n_vocab, dtype=np.int64)
        for ids in docs:
            df[np.unique(ids)] += 1
        idf = np.zeros(n_vocab, dtype=self.dtype)
        for token in np.flatnonzero(df).tolist():
            idf[token] = math.log(1 + (n_docs - int(df[token]) + 0.5) / (int(df[token]) + 0.5))
        indptr = np.zeros(n_vocab + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        data = np.empty(int(indptr[-1]), dtype=self.dtype)
        indices = np.empty(int(indptr[-1]), dtype=self.int_dtype)
        fill = indptr[:-1].copy()
        k1, b = self.k1, self.b
        for row, ids in enumerate(docs):
            tokens, counts = np.unique(ids, return_counts=True)
            tf = counts.astype(self.dtype)
            tfc = tf / (k1 * ((1 - b) + b * len(ids) / avg_doc_len) + tf)
            at = fill[tokens]
            data[at] = idf[tokens] * tfc
            indices[at] = row
            fill[tokens] += 1
        self.nonoccurrence_array = None
        return {"data": data, "indices": indices, "indptr": indptr, "num_docs": n_docs}


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
        bm25 = _CompactBM25()
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
