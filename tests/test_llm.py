"""The LLM answerer with LangChain's fake chat models: prompt, verification, streaming, backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult

from rag.answer.backends import is_timeout
from rag.answer.base import Answer, Answerer, Draft, StreamingAnswerer
from rag.answer.cite import ABSTAIN_ZH
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.llm import LLMAnswerer, api_key, build_messages, chat_model
from rag.index.embed import HashingEmbedder
from rag.index.store import Index
from rag.pipeline import Pipeline
from rag.records import Hit
from rag.retrieve.fusion import Retriever
from rag.settings import Settings
from tests.answer_fixtures import build_index

QUESTION = "城区人口不到300万的城市还限制落户吗？"


@pytest.fixture
def index(tmp_path: Path) -> Index:
    return build_index(tmp_path / "idx")


@pytest.fixture
def hits(index: Index) -> list[Hit]:
    return Retriever(index, HashingEmbedder(128)).search(QUESTION, top_k=3)


def six(hits: list[Hit]) -> int:
    return next(i for i, h in enumerate(hits, start=1) if h.unit.label == "（六）")


def test_prompt_numbers_the_clauses_and_demands_markers(hits: list[Hit]) -> None:
    system, human = build_messages(QUESTION, hits)
    assert isinstance(system, SystemMessage) and isinstance(human, HumanMessage)
    assert "[n]" in str(system.content) and ABSTAIN_ZH in str(system.content)
    assert "没有编号的句子不许写" in str(system.content)
    body = str(human.content)
    for n, hit in enumerate(hits, start=1):
        assert f'<clause n="{n}" label="{hit.unit.label}" source="《{hit.unit.title}》' in body
        assert hit.unit.text in body
    assert body.count("<clause ") == body.count("</clause>") == len(hits)
    assert body.endswith(f"<question>{QUESTION}</question>")
    english, _ = build_messages("Is it restricted?", hits)
    assert "Never write a sentence without a marker" in str(english.content)


def test_reply_is_verified_markers_normalised_unsupported_flagged(hits: list[Hit]) -> None:
    n = six(hits)
    reply = (
        f"否。全面取消城区常住人口300万以下的城市落户限制【{n}】。月球上的城市将在2090年建成[{n}]。还有一句没有标注。"
    )
    answer = LLMAnswerer(FakeListChatModel(responses=[reply])).answer(QUESTION, hits)
    assert not answer.abstained
    texts = [s.text for s in answer.sentences]
    assert "全面取消城区常住人口300万以下的城市落户限制。" in texts
    verdicts = {s.text: s.supported for s in answer.sentences}
    assert verdicts["全面取消城区常住人口300万以下的城市落户限制。"] is True
    assert verdicts["月球上的城市将在2090年建成。"] is False  # flagged, kept
    assert verdicts["还有一句没有标注。"] is False
    assert "【" not in answer.answer
    assert [c.label for c in answer.citations] == ["（六）"]
    assert answer.citations[0].n == 1  # renumbered: only cited clauses are listed


def test_out_of_range_markers_are_removed(hits: list[Hit]) -> None:
    n = six(hits)
    reply = f"全面取消城区常住人口300万以下的城市落户限制[{n}][9]。"
    answer = LLMAnswerer(FakeListChatModel(responses=[reply])).answer(QUESTION, hits)
    assert answer.sentences[0].citations == (1,)
    assert "[9]" not in answer.answer


def test_model_abstaining_gives_the_plain_abstention(hits: list[Hit]) -> None:
    answer = LLMAnswerer(FakeListChatModel(responses=[ABSTAIN_ZH])).answer("北京明天天气怎么样", hits)
    assert answer.abstained and answer.answer == ABSTAIN_ZH
    assert answer.sentences == ()


def test_nothing_supported_abstains(hits: list[Hit]) -> None:
    answer = LLMAnswerer(FakeListChatModel(responses=["月球上的城市将在2090年建成[1]。"])).answer("月球？", hits)
    assert answer.abstained


def test_stream_yields_text_then_the_verified_answer(hits: list[Hit]) -> None:
    n = six(hits)
    reply = f"否，全面取消城区常住人口300万以下的城市落户限制[{n}]。"
    model = FakeListChatModel(responses=[reply])  # streams one character at a time
    pieces = list(LLMAnswerer(model).stream(QUESTION, hits))
    *chunks, final = pieces
    assert len(chunks) > 1 and all(isinstance(c, Draft) and not c.verified for c in chunks)
    assert "".join(str(c) for c in chunks) == reply
    assert isinstance(final, Answer)
    assert final.sentences[0].supported and final.answer.endswith("[1]")


def test_stream_of_word_chunks(hits: list[Hit]) -> None:
    n = six(hits)
    reply = f"No — the plan says “全面取消城区常住人口300万以下的城市落户限制”. [{n}]"
    model = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))  # streams word by word
    *chunks, final = LLMAnswerer(model).stream("Is settlement still restricted?", hits)
    assert len(chunks) > 3 and "".join(str(c) for c in chunks) == reply
    assert isinstance(final, Answer) and final.sentences[0].supported


def test_stream_without_hits_abstains() -> None:
    model = FakeListChatModel(responses=["unused"])
    *chunks, final = LLMAnswerer(model).stream(QUESTION, [])
    assert chunks == [Draft(ABSTAIN_ZH, verified=True)] and isinstance(final, Answer) and final.abstained


def test_llm_answerer_in_the_pipeline(index: Index) -> None:
    reply = "全面取消城区常住人口300万以下的城市落户限制[1]。"
    answerer = LLMAnswerer(FakeListChatModel(responses=[reply]))
    assert isinstance(answerer, Answerer) and isinstance(answerer, StreamingAnswerer)
    pipeline = Pipeline(index, HashingEmbedder(128), answerer)
    answer = pipeline.ask(QUESTION)
    assert answer.citations[0].label == "（六）" or not answer.sentences[0].supported
    # Off-corpus questions never reach the model.
    assert pipeline.ask("北京明天天气怎么样").abstained


def test_pipeline_streams_model_answers_and_extractive_ones(index: Index) -> None:
    reply = "全面取消城区常住人口300万以下的城市落户限制[1]。"
    streamed = Pipeline(index, HashingEmbedder(128), LLMAnswerer(FakeListChatModel(responses=[reply])))
    *chunks, final = streamed.stream(QUESTION)
    assert "".join(str(c) for c in chunks) == reply and isinstance(final, Answer)
    assert all(isinstance(c, Draft) and not c.verified for c in chunks)
    *chunks, final = streamed.stream("北京明天天气怎么样")
    assert chunks == [Draft(ABSTAIN_ZH, verified=True)] and isinstance(final, Answer) and final.abstained
    extractive = Pipeline(index, HashingEmbedder(128))
    assert not isinstance(extractive.answerer, StreamingAnswerer)
    *chunks, final = extractive.stream(QUESTION)
    assert isinstance(final, Answer) and chunks == [Draft(final.answer, verified=True)]
    with pytest.raises(ValueError, match="empty"):
        list(extractive.stream(" "))


# -- backends -----------------------------------------------------------------------------------


def test_api_key_only_from_the_environment() -> None:
    assert api_key({"RAG_LLM_API_KEY": "a", "OPENAI_API_KEY": "b"}) == "a"
    assert api_key({"OPENAI_API_KEY": "b"}) == "b"
    assert api_key({}) is None


def test_openai_compatible_backend_is_configured_from_settings() -> None:
    settings = Settings(llm_provider="openai", llm_model="deepseek-chat", llm_base_url="http://127.0.0.1:9/v1")
    model = chat_model(settings, {"RAG_LLM_API_KEY": "sk-secret-value"})
    from langchain_openai import ChatOpenAI

    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "deepseek-chat"
    assert str(model.openai_api_base) == "http://127.0.0.1:9/v1"
    assert "sk-secret-value" not in repr(model) and "sk-secret-value" not in str(model.model_dump())


def test_ollama_backend_is_configured_from_settings() -> None:
    from langchain_ollama import ChatOllama

    model = chat_model(Settings(llm_provider="ollama", llm_model="qwen2.5:7b"))
    assert isinstance(model, ChatOllama) and model.model == "qwen2.5:7b"


def test_backend_errors_name_the_setting() -> None:
    with pytest.raises(ValueError, match="RAG_LLM_MODEL"):
        chat_model(Settings(llm_provider="openai"))
    with pytest.raises(ValueError, match="llm_provider"):
        chat_model(Settings(llm_model="x"))


# -- timeouts -----------------------------------------------------------------------------------


class _StalledModel(BaseChatModel):
    """A chat model whose server stalls: ``after`` chunks arrive, then the read times out."""

    after: int = 0

    @property
    def _llm_type(self) -> str:
        return "stalled"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        raise httpx.ReadTimeout("timed out")

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: Any = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for i in range(self.after):
            yield ChatGenerationChunk(message=AIMessageChunk(content=f"片段{i}"))
        raise httpx.ReadTimeout("timed out")


def test_a_timeout_falls_back_to_the_extractive_answer(hits: list[Hit]) -> None:
    extractive = ExtractiveAnswerer().answer(QUESTION, hits)
    assert not extractive.abstained
    answer = LLMAnswerer(_StalledModel()).answer(QUESTION, hits)
    assert answer == extractive
    *drafts, final = LLMAnswerer(_StalledModel(after=3)).stream(QUESTION, hits)
    assert [d.text for d in drafts if isinstance(d, Draft)] == ["片段0", "片段1", "片段2"]
    assert final == extractive  # the unverified drafts are replaced by the fallback's answer


def test_other_model_errors_are_not_hidden(hits: list[Hit]) -> None:
    class Broken(_StalledModel):
        def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                      run_manager: Any = None, **kwargs: Any) -> ChatResult:
            raise RuntimeError("HTTP 401: bad key")

    with pytest.raises(RuntimeError, match="401"):
        LLMAnswerer(Broken()).answer(QUESTION, hits)


def test_timeout_errors_of_both_clients_are_recognised() -> None:
    import openai

    request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    assert is_timeout(openai.APITimeoutError(request=request))
    assert is_timeout(httpx.ConnectTimeout("connect"))
    assert is_timeout(TimeoutError())
    try:
        try:
            raise httpx.ReadTimeout("read")
        except httpx.ReadTimeout as inner:
            raise ConnectionError("wrapped") from inner
    except ConnectionError as wrapped:
        assert is_timeout(wrapped)
    assert not is_timeout(ValueError("x")) and not is_timeout(openai.APIConnectionError(request=request))


def test_the_timeout_setting_reaches_both_clients() -> None:
    from langchain_ollama import ChatOllama
    from langchain_openai import ChatOpenAI

    settings = Settings.from_env({"RAG_LLM_TIMEOUT": "7.5"}, llm_provider="openai", llm_model="m")
    assert settings.llm_timeout == 7.5
    openai_model = chat_model(settings)
    assert isinstance(openai_model, ChatOpenAI)
    assert openai_model.request_timeout == 7.5 and openai_model.max_retries == 0
    ollama_model = chat_model(settings.with_(llm_provider="ollama"))
    assert isinstance(ollama_model, ChatOllama) and ollama_model.client_kwargs == {"timeout": 7.5}
    with pytest.raises(ValueError, match="llm_timeout"):
        Settings(llm_timeout=0)
