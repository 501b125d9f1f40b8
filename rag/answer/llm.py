"""The LLM answerer: any LangChain chat model, with the same citation check as the extractive one.

The prompt numbers the retrieved clauses [1]…[k], demands a marker on every sentence and
forbids statements without one. The reply's markers are normalised, every sentence is checked
against the clauses it cites (:mod:`rag.answer.cite`) and unsupported sentences are kept but flagged
(``supported: false``), so a reader sees what the model said and what the documents back.

Backends, chosen by ``Settings.llm_provider``:

* ``openai`` — any OpenAI-compatible server (OpenAI, DeepSeek, Qwen/DashScope, vLLM…):
  ``RAG_LLM_MODEL``, ``RAG_LLM_BASE_URL``; the key from ``RAG_LLM_API_KEY`` or
  ``OPENAI_API_KEY`` only (never from settings files, never logged).
* ``ollama`` — a local Ollama server: ``RAG_LLM_MODEL``, ``RAG_LLM_BASE_URL``
  (default http://127.0.0.1:11434).

Example::

    answerer = LLMAnswerer.from_settings(Settings.from_env(llm_provider="ollama", llm_model="qwen2.5:7b"))
    for piece in answerer.stream_answer(question, hits):
        if isinstance(piece, str):
            print(piece, end="", flush=True)   # the text as it arrives
        else:
            answer = piece                      # the verified Answer, last
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from rag.answer.base import Answer, abstain, abstain_text, compose, language
from rag.answer.cite import ABSTAIN_EN, ABSTAIN_ZH, SupportChecker, normalise_markers
from rag.index.embed import Embedder
from rag.records import Hit
from rag.settings import Settings

API_KEY_VARS = ("RAG_LLM_API_KEY", "OPENAI_API_KEY")

SYSTEM_ZH = f"""你是政策文件问答助手。只能依据下面编号的条款回答，不得使用任何其他知识。
规则：
1. 每一句话末尾都必须标注它所依据的条款编号，格式为 [n]，例如 [1] 或 [1][3]。没有编号的句子不许写。
2. 数字、目标、日期必须与条款原文一字不差。
3. 如果问题问的是“是否”，第一句先回答“是”或“否”；问数字就先给出数字。
4. 回答简短，不超过四句。
5. 如果这些条款都不能回答问题，只回答：{ABSTAIN_ZH}"""

SYSTEM_EN = f"""You answer questions about policy documents using ONLY the numbered clauses below.
Rules:
1. End every sentence with the number(s) of the clause(s) it relies on, as [n], e.g. [1] or [1][3].
   Never write a sentence without a marker.
2. Quote numbers, targets and dates exactly as the clause writes them; quote the Chinese wording
   of the key phrase in quotation marks.
3. If the question asks yes or no, begin with Yes or No; if it asks for a number, begin with it.
4. Answer in English, briefly, in at most four sentences.
5. If no clause answers the question, reply only: {ABSTAIN_EN}"""


def build_messages(question: str, hits: Sequence[Hit]) -> list[BaseMessage]:
    """The system rules (in the question's language) and the numbered clauses + question."""
    lines = []
    for n, hit in enumerate(hits, start=1):
        u = hit.unit
        where = " › ".join([f"《{u.title}》", *u.path]) if u.path else f"《{u.title}》"
        lines.append(f"[{n}] {where}\n{u.text}")
    zh = language(question) == "zh"
    head = "条款：" if zh else "Clauses:"
    ask = "问题：" if zh else "Question:"
    return [
        SystemMessage(SYSTEM_ZH if zh else SYSTEM_EN),
        HumanMessage(f"{head}\n\n" + "\n\n".join(lines) + f"\n\n{ask}{question}"),
    ]


def api_key(env: Mapping[str, str] | None = None) -> str | None:
    """The API key from the environment (RAG_LLM_API_KEY, then OPENAI_API_KEY), or None."""
    env = os.environ if env is None else env
    for name in API_KEY_VARS:
        if env.get(name):
            return env[name]
    return None


def chat_model(settings: Settings, env: Mapping[str, str] | None = None) -> BaseChatModel:
    """The LangChain chat model ``settings`` names.

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
        )
    if settings.llm_provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or None, temperature=0)
    raise ValueError(
        f"llm_provider must be 'openai' or 'ollama' for the LLM answerer. Currently, it is {settings.llm_provider!r}"
    )


class LLMAnswerer:
    """Answers with a chat model; the reply is verified, unsupported sentences flagged."""

    def __init__(self, model: BaseChatModel, checker: SupportChecker | None = None) -> None:
        self.model = model
        self.checker = checker or SupportChecker()

    @classmethod
    def from_settings(cls, settings: Settings, *, embedder: Embedder | None = None) -> LLMAnswerer:
        return cls(chat_model(settings), SupportChecker(embedder))

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        """Ask the model and verify its reply."""
        if not hits:
            return abstain(question, hits)
        reply = self.model.invoke(build_messages(question, hits))
        return self.verify(question, _text(reply.content), hits)

    def stream_answer(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        """Yield the reply's text as it arrives, then the verified ``Answer`` last."""
        if not hits:
            yield abstain_text(question)
            yield abstain(question, hits)
            return
        parts: list[str] = []
        for chunk in self.model.stream(build_messages(question, hits)):
            piece = _text(chunk.content)
            if piece:
                parts.append(piece)
                yield piece
        yield self.verify(question, "".join(parts), hits)

    def verify(self, question: str, reply: str, hits: Sequence[Hit]) -> Answer:
        """Normalise markers, check each sentence, flag the unsupported ones."""
        text = normalise_markers(reply.strip(), len(hits))
        if not text or text.startswith((ABSTAIN_ZH, ABSTAIN_EN)):
            return abstain(question, hits)
        return compose(question, [text], hits, self.checker, drop_unsupported=False)


def _text(content: str | list[str | dict[str, object]]) -> str:
    """A message's text, whether the provider sends a string or content blocks."""
    if isinstance(content, str):
        return content
    out = []
    for block in content:
        if isinstance(block, str):
            out.append(block)
        elif block.get("type") == "text":
            out.append(str(block.get("text", "")))
    return "".join(out)
