"""Any sentence-transformers model as an ``Embedder``: hub id or local directory, loaded lazily.

Also the built-in float model (``builtin:multilingual-e5-small``), which is an ordinary
sentence-transformers directory once ``rag.index.builtin`` has converted it.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.settings import DEFAULT_EMBEDDER

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# The instruction the BAAI/bge-*-zh model cards prescribe for retrieval queries.
BGE_ZH_QUERY = "为这个句子生成表示以用于检索相关文章："
BGE_EN_QUERY = "Represent this sentence for searching relevant passages: "
MAX_SEQ_LENGTH = 512


class ModelLoadError(RuntimeError):
    """An embedding model could not be found or loaded; the message names it and a way out."""


def family_prompts(name_or_path: str) -> tuple[str, str]:
    """The (query, passage) prefixes a known model family's card prescribes; ``("", "")`` if unknown.

    Used only when the model's own ``config_sentence_transformers.json`` defines no prompts.
    """
    base = name_or_path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].lower()
    # e5-*-instruct and e5-mistral take a task instruction, not these prefixes.
    if re.search(r"(^|[-_])e5([-_]|$)", base) and "instruct" not in base and "mistral" not in base:
        return "query: ", "passage: "
    if base.startswith("bge-") and "noinstruct" not in base:
        if "-zh" in base:
            return BGE_ZH_QUERY, ""
        if "-en" in base:
            return BGE_EN_QUERY, ""
    return "", ""


def quiet_transformers() -> contextlib.AbstractContextManager[None]:
    """Silence transformers' per-load "Loading weights" bar: the library does not print."""

    @contextlib.contextmanager
    def quiet() -> Iterator[None]:
        from transformers.utils import logging as hf_logging

        was_enabled = hf_logging.is_progress_bar_enabled()
        if was_enabled:
            hf_logging.disable_progress_bar()
        try:
            yield
        finally:
            if was_enabled:
                hf_logging.enable_progress_bar()

    return quiet()


def _hub_offline() -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    try:
        from huggingface_hub import constants
    except ImportError:
        return False
    return bool(constants.HF_HUB_OFFLINE)


def _in_hub_cache(repo_id: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache

        return any(isinstance(try_to_load_from_cache(repo_id, f), str) for f in ("modules.json", "config.json"))
    except Exception:  # an invalid repo id is simply "not cached"; loading reports it properly
        return False


def _hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the hub's host accepts a TCP connection.

    Without it, huggingface_hub retries for well over a minute before giving up. Behind a proxy
    a direct connection proves nothing, so then the answer is "assume yes".
    """
    if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return True
    endpoint = os.environ.get("HF_ENDPOINT") or "https://huggingface.co"
    parsed = urllib.parse.urlparse(endpoint)
    host = parsed.hostname or "huggingface.co"
    port = parsed.port or (80 if parsed.scheme == "http" else 443)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _load_failure(name: str, reason: str, *, hub: bool = True) -> ModelLoadError:
    how = (
        "A model named by its Hugging Face id is downloaded on first use, which needs access to the hub. "
        if hub
        else ""
    )
    return ModelLoadError(
        f"Cannot load the embedding model {name!r}: {reason}. {how}The built-in offline default needs "
        f"no download: embedder = {DEFAULT_EMBEDDER!r} (environment: RAG_EMBEDDER={DEFAULT_EMBEDDER})."
    )


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub id or local directory.

    ``id`` is the model's name (the directory's name for a local path) unless ``model_id`` is
    given. The model loads on first use (``warm_up()`` loads it explicitly; reading ``dim`` does
    too). Queries and passages get the prefixes the model defines in its
    ``config_sentence_transformers.json`` (``query`` and ``passage``/``document`` prompts), else
    those of its family (``query: ``/``passage: `` for e5; the retrieval instruction for
    bge-*-zh queries), else none. Inputs are truncated to 512 tokens.

    Example::

        emb = SentenceTransformerEmbedder("BAAI/bge-small-zh-v1.5")
        vectors = emb.embed(["第一条 ……"])              # (1, 512) float32, unit length
        query = emb.embed(["落户需要什么条件？"], query=True)
    """

    def __init__(
        self,
        name_or_path: str,
        *,
        batch_size: int = 16,
        device: str = "cpu",
        progress: bool = False,
        model_id: str | None = None,
        local_files_only: bool | None = None,
        threads: int | None = None,
    ) -> None:
        if not name_or_path.strip():
            raise ValueError("name_or_path must name a model. Currently, it is empty")
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0. Currently, the batch_size is {batch_size}")
        self.name_or_path = name_or_path
        self.batch_size = batch_size
        self.device = device
        self.progress = progress
        self.local_files_only = local_files_only
        self.threads = threads
        local = Path(name_or_path).expanduser()
        self.id = model_id or (local.resolve().name if local.exists() else name_or_path)
        self.query_prompt = ""
        self.passage_prompt = ""
        self._model: SentenceTransformer | None = None
        self._dim: int | None = None
        # The web UI may embed from several threads; the first ones must not load it twice.
        self._load_lock = threading.Lock()

    @property
    def dim(self) -> int:
        if self._dim is None:
            self.warm_up()
        assert self._dim is not None
        return self._dim

    @dim.setter
    def dim(self, value: int) -> None:  # the Embedder protocol declares a plain attribute
        raise AttributeError(f"dim is read from the model ({self._dim}); it cannot be set to {value}")

    @property
    def model(self) -> SentenceTransformer:
        """The loaded ``SentenceTransformer`` (loading it if needed)."""
        if self._model is None:
            self.warm_up()
        assert self._model is not None
        return self._model

    def warm_up(self) -> None:
        """Load the model now.

        Raises:
            ModelLoadError: the model is neither a local directory nor obtainable from the hub.
        """
        with self._load_lock:
            if self._model is None:
                self._warm_up()

    def _warm_up(self) -> None:
        if self.threads is not None:
            import torch

            torch.set_num_threads(self.threads)
        model = self._load()
        if model.max_seq_length is None or model.max_seq_length > MAX_SEQ_LENGTH:
            model.max_seq_length = MAX_SEQ_LENGTH
        # sentence-transformers 6 renamed the method; 5.x only has the old name.
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = get_dim()
        if not dim:
            raise ModelLoadError(f"the embedding model {self.name_or_path!r} does not report its vector size")
        prompts = dict(model.prompts or {})
        if prompts.get("query") or prompts.get("passage") or prompts.get("document"):
            self.query_prompt = prompts.get("query") or ""
            self.passage_prompt = prompts.get("passage") or prompts.get("document") or ""
        else:
            self.query_prompt, self.passage_prompt = family_prompts(self.name_or_path)
        self._dim = int(dim)
        self._model = model

    def _load(self) -> SentenceTransformer:
        name = self.name_or_path
        local = Path(name).expanduser()
        is_local = local.exists()
        if is_local:
            if not (local / "modules.json").is_file() and not (local / "config.json").is_file():
                reason = f"{local} has no modules.json or config.json, so it is not a model directory"
                raise _load_failure(name, reason, hub=False)
            target, offline = str(local), True
        else:
            if name.startswith(("/", "./", "../", "~")) or "\\" in name:
                raise _load_failure(name, f"there is no directory {local}", hub=False)
            offline = _hub_offline() if self.local_files_only is None else self.local_files_only
            target = name
            cached = _in_hub_cache(name)
            if offline and not cached:
                reason = "it is not in the local Hugging Face cache and downloads are switched off (HF_HUB_OFFLINE)"
                raise _load_failure(name, reason)
            if not offline and not cached and not _hub_reachable():
                raise _load_failure(name, "it is not in the local Hugging Face cache and the hub is unreachable")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ImportError(
                'SentenceTransformerEmbedder needs sentence-transformers: pip install "sentence-transformers>=5"'
            ) from exc
        try:
            with quiet_transformers():
                return SentenceTransformer(target, device=self.device, local_files_only=offline)
        except Exception as exc:  # the boundary: whatever went wrong, say which model and what to do
            if is_local:
                reason = f"the directory {local} could not be loaded"
            elif offline:
                reason = "it is not in the local Hugging Face cache and downloads are switched off (HF_HUB_OFFLINE)"
            else:
                reason = "it could not be loaded from the hub"
            detail = f"{reason} ({type(exc).__name__}: {_first_line(exc)})"
            raise _load_failure(name, detail, hub=not is_local) from exc

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            self.warm_up()  # the prompts are known once the model is loaded
        prompt = self.query_prompt if query else self.passage_prompt
        vectors = self.model.encode(
            list(texts),
            prompt=prompt or None,
            batch_size=self.batch_size,
            show_progress_bar=self.progress and len(texts) > self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else "no details"

