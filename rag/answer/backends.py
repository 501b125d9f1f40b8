"""The chat models behind the LLM answerer, built from settings, with a timeout.

* ``openai`` — any OpenAI-compatible server (OpenAI, DeepSeek, Qwen/DashScope, vLLM…):
  ``RAG_LLM_MODEL``, ``RAG_LLM_BASE_URL``; the key from ``RAG_LLM_API_KEY`` or
  ``OPENAI_API_KEY`` only (never from settings files, never logged).
* ``ollama`` — a local Ollama server: ``RAG_LLM_MODEL``, ``RAG_LLM_BASE_URL``
  (default http://127.0.0.1:11434).

Both get ``RAG_LLM_TIMEOUT`` seconds per request (connect, and each read) and no retries, so a
stalled server costs one timeout and the answerer falls back to the extractive answer
(:func:`is_timeout` recognises the clients' timeout errors).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from langchain_core.language_models import BaseChatModel

from rag.settings import Settings

API_KEY_VARS = ("RAG_LLM_API_KEY", "OPENAI_API_KEY")


def api_key(env: Mapping[str, str] | None = None) -> str | None:
    """The API key from the environment (RAG_LLM_API_KEY, then OPENAI_API_KEY), or None."""
    env = os.environ if env is None else env
    for name in API_KEY_VARS:
        if env.get(name):
            return env[name]
    return None


def chat_model(settings: Settings, env: Mapping[str, str] | None = None) -> BaseChatModel:
    """The LangChain chat model ``settings`` names, with ``settings.llm_timeout``.

    Raises:
        ValueError: no provider or no model name configured.
    """
    if not settings.llm_model:
        raise ValueError("llm_model is empty: set RAG_LLM_MODEL to the chat model's name")
    if settings.llm_provider == "openai":
        from langchain_openai import ChatOpenAI
        from pydantic import SecretStr

        key = api_key(env)
        return ChatOpenAI(
            model=settings.llm_model,
            base_url=settings.llm_base_url or None,
            # A local vLLM needs no key, but the client insists on one being set.
            api_key=SecretStr(key or "not-needed"),
            temperature=0,
            timeout=settings.llm_timeout,
            # Retries would multiply the timeout; the extractive answer is the fallback.
            max_retries=0,
        )
    if settings.llm_provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=settings.llm_model,
            base_url=settings.llm_base_url or None,
            temperature=0,
            client_kwargs={"timeout": settings.llm_timeout},
        )
    raise ValueError(
        f"llm_provider must be 'openai' or 'ollama' for the LLM answerer. Currently, it is {settings.llm_provider!r}"
    )


def is_timeout(exc: BaseException) -> bool:
    """Is ``exc`` a request timeout of either client (or a plain ``TimeoutError``)?"""
    import httpx

    kinds: tuple[type[BaseException], ...] = (TimeoutError, httpx.TimeoutException)
    try:
        import openai

        kinds = (*kinds, openai.APITimeoutError)
    except ImportError:  # pragma: no cover - langchain-openai brings openai
        pass
    seen: BaseException | None = exc
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:  # a client may wrap the timeout in its own error
        if isinstance(seen, kinds):
            return True
        visited.add(id(seen))
        seen = seen.__cause__ or seen.__context__
    return False
