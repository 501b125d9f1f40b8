"""The LLM answerer with LangChain's fake chat models: prompt, verification, streaming, backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from rag.answer.base import Answer, Answerer
from rag.answer.cite import ABSTAIN_ZH
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
        assert f"[{n}] 《{hit.unit.title}》" in body
        assert hit.unit.text in body
    assert body.endswith(QUESTION)
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
    pieces = list(LLMAnswerer(model).stream_answer(QUESTION, hits))
    *chunks, final = pieces
    assert len(chunks) > 1 and all(isinstance(c, str) for c in chunks)
    assert "".join(str(c) for c in chunks) == reply
    assert isinstance(final, Answer)
    assert final.sentences[0].supported and final.answer.endswith("[1]")


def test_stream_of_word_chunks(hits: list[Hit]) -> None:
    n = six(hits)
    reply = f"No — the plan says “全面取消城区常住人口300万以下的城市落户限制”. [{n}]"
    model = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))  # streams word by word
    *chunks, final = LLMAnswerer(model).stream_answer("Is settlement still restricted?", hits)
    assert len(chunks) > 3 and "".join(str(c) for c in chunks) == reply
    assert isinstance(final, Answer) and final.sentences[0].supported


def test_stream_without_hits_abstains() -> None:
    model = FakeListChatModel(responses=["unused"])
    *chunks, final = LLMAnswerer(model).stream_answer(QUESTION, [])
    assert chunks == [ABSTAIN_ZH] and isinstance(final, Answer) and final.abstained


def test_llm_answerer_in_the_pipeline(index: Index) -> None:
    reply = "全面取消城区常住人口300万以下的城市落户限制[1]。"
    answerer = LLMAnswerer(FakeListChatModel(responses=[reply]))
    assert isinstance(answerer, Answerer)
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
    *chunks, final = streamed.stream("北京明天天气怎么样")
    assert chunks == [ABSTAIN_ZH] and isinstance(final, Answer) and final.abstained
    extractive = Pipeline(index, HashingEmbedder(128))
    *chunks, final = extractive.stream(QUESTION)
    assert isinstance(final, Answer) and chunks == [final.answer]
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
