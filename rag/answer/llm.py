"""The LLM answerer: any LangChain chat model, with the same citation check as the extractive one.

The prompt (:mod:`rag.answer.prompt`) fences the retrieved clauses as numbered, quoted data,
demands a marker on every sentence and forbids statements without one. The reply's markers are
normalised, every sentence is checked against the clauses it cites (:mod:`rag.answer.cite`)
and unsupported sentences are kept but flagged (``supported: false``; ``instruction: true``
when their only support is an instruction-like text inside a clause), so a reader sees what
the model said and what the documents back. The chat model comes from
:mod:`rag.answer.backends`; when it times out the answer is the ``fallback`` answerer's
(the extractive one by default).

Example::

    answerer = LLMAnswerer.from_settings(Settings.from_env(llm_provider="ollama", llm_model="qwen2.5:7b"))
    for piece in answerer.stream(question, hits):
        if isinstance(piece, Draft):
            print(piece.text, end="", flush=True)   # unverified text as it arrives
        else:
            answer = piece                           # the verified Answer, last
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from langchain_core.language_models import BaseChatModel

from rag.answer.backends import API_KEY_VARS, api_key, chat_model, is_timeout
from rag.answer.base import Answerer
from rag.answer.cite import ABSTAIN_EN, ABSTAIN_ZH, SupportChecker, normalise_markers
from rag.answer.compose import compose
from rag.answer.prompt import SYSTEM_EN, SYSTEM_ZH, build_messages
from rag.answer.records import Answer, Draft, abstain, abstain_text
from rag.index.embed import Embedder
from rag.records import Hit
from rag.settings import Settings

__all__ = [
    "API_KEY_VARS",
    "SYSTEM_EN",
    "SYSTEM_ZH",
    "LLMAnswerer",
    "api_key",
    "build_messages",
    "chat_model",
]

log = logging.getLogger(__name__)


class LLMAnswerer:
    """Answers with a chat model; the reply is verified, unsupported sentences flagged.

    Args:
        model: the chat model.
        checker: the citation check.
        fallback: answers when the model times out (default: the extractive answerer with the
            same checker).
    """

    def __init__(
        self, model: BaseChatModel, checker: SupportChecker | None = None, *, fallback: Answerer | None = None
    ) -> None:
        self.model = model
        self.checker = checker or SupportChecker()
        if fallback is None:
            from rag.answer.extractive import ExtractiveAnswerer

            fallback = ExtractiveAnswerer(self.checker)
        self.fallback = fallback

    @classmethod
    def from_settings(cls, settings: Settings, *, embedder: Embedder | None = None) -> LLMAnswerer:
        return cls(chat_model(settings), SupportChecker(embedder))

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        """Ask the model and verify its reply; the fallback's answer when the model times out."""
        if not hits:
            return abstain(question, hits)
        try:
            reply = self.model.invoke(build_messages(question, hits))
        except Exception as exc:
            if not is_timeout(exc):
                raise
            log.warning("the chat model timed out (%s); answering extractively", exc)
            return self.fallback.answer(question, hits)
        return self.verify(question, _text(reply.content), hits)

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[Draft | Answer]:
        """Yield the reply's text as it arrives (unverified ``Draft``), then the verified ``Answer``.

        On a timeout, mid-reply or before it, the last item is the fallback's answer.
        """
        if not hits:
            yield Draft(abstain_text(question), verified=True)
            yield abstain(question, hits)
            return
        parts: list[str] = []
        try:
            for chunk in self.model.stream(build_messages(question, hits)):
                piece = _text(chunk.content)
                if piece:
                    parts.append(piece)
                    yield Draft(piece)
        except Exception as exc:
            if not is_timeout(exc):
                raise
            log.warning("the chat model timed out (%s); answering extractively", exc)
            yield self.fallback.answer(question, hits)
            return
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
