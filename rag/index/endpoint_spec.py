"""Embeddings-endpoint specs: ``openai[+input_type]:<model>@<url>`` parsed and checked into an
:class:`EndpointSpec` (model, base URL, whether the server applies the prompts)."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

SCHEMES = ("openai:", "openai+input_type:")
API_KEY_VAR = "RAG_EMBED_API_KEY"


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
