"""Reading an embeddings endpoint's answers: its error type, vectors as JSON lists or base64,
which statuses are retried and how long a server asks to wait, and error messages that quote
the server and hint at the fix."""

from __future__ import annotations

import base64
import email.utils
import time
from typing import Any

import httpx
import numpy as np

from rag.index.endpoint_spec import API_KEY_VAR
from rag.index.sbert import ModelLoadError

# Characters of a server's error body quoted in a message.
QUOTE_CHARS = 300


class EmbeddingEndpointError(ModelLoadError):
    """The embeddings endpoint failed or answered something unusable; the message names the URL,
    the HTTP status and the bad value. A ``ModelLoadError``: the app reports it as "the embedding
    model could not be loaded" and keeps the published index."""


def vector(value: Any) -> list[float] | None:
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


def retryable(status: int) -> bool:
    return status == 429 or status >= 500


def retry_after(response: httpx.Response) -> float:
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


def status_line(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def hint(status: int) -> str:
    if status in (401, 403):
        return f" (set the endpoint's key in {API_KEY_VAR})"
    if status == 404:
        return " (is the URL the server's base, without /embeddings, and is the model name right?)"
    if status == 413:
        return " (lower RAG_EMBED_BATCH_SIZE)"
    return ""


def reason(response: httpx.Response) -> str:
    """The server's own error message (OpenAI's ``{"error": {"message"}}``, FastAPI's ``detail``)
    or, failing that, the start of the body."""
    try:
        payload = response.json()
    except ValueError:
        return quote(response.text)
    if isinstance(payload, dict):
        error = payload.get("error")
        found = error.get("message") if isinstance(error, dict) else error
        found = found or payload.get("detail") or payload.get("message")
        if isinstance(found, str) and found.strip():
            return quote(found)
    return quote(response.text)


def quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…")
