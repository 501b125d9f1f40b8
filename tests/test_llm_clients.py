"""The real ChatOpenAI and ChatOllama clients against recorded HTTP exchanges (no network).

The OpenAI-format cassettes were recorded from a real OpenAI-compatible server (llm-katan's
echo backend, ``tests/data/cassettes/record.py``); the Ollama one is written from Ollama's
documented ``/api/chat`` format. A loopback server replays them (``tests/cassettes.py``), so the
whole path runs for real: settings → client → HTTP → parsing → citation check; and, with the
server stalling, the client's timeout → the extractive fallback.
"""

from __future__ import annotations

import time

import pytest

from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.llm import LLMAnswerer
from rag.answer.records import Answer, Draft
from rag.records import Hit
from rag.settings import Settings
from tests.answer_fixtures import units
from tests.cassettes import load, replay, url

QUESTION = "城区人口不到300万的城市还限制落户吗？"
RECORDED = "全面取消城区常住人口300万以下的城市落户限制。"


@pytest.fixture(autouse=True)
def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAG_LLM_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


@pytest.fixture
def hits() -> list[Hit]:
    by_label = {u.label: u for u in units() if u.part == 0}
    return [Hit(by_label["（六）"], 0.9, {"lexical": 1}), Hit(by_label["（十二）"], 0.5, {"lexical": 2})]


def _settings(provider: str, base: str, timeout: float = 10.0) -> Settings:
    model = "test-model" if provider == "openai" else "qwen2.5:7b"
    return Settings(llm_provider=provider, llm_model=model, llm_base_url=base, llm_timeout=timeout)


def _check_answer(answer: Answer) -> None:
    supported = [s for s in answer.sentences if s.supported]
    assert not answer.abstained
    assert [s.text.removeprefix("User: ") for s in supported] == [RECORDED]
    assert [c.label for c in answer.citations] == ["（六）"]


def _check_openai_request(request: dict[str, object], stream: bool) -> None:
    body = request["body"]
    assert isinstance(body, dict) and request["path"] == "/v1/chat/completions"
    assert body["model"] == "test-model" and body["temperature"] == 0 and bool(body.get("stream")) is stream
    system, human = body["messages"]
    assert system["role"] == "system" and human["role"] == "user"
    assert '<clause n="1" label="（六）"' in human["content"] and human["content"].endswith("</question>")
    headers = request["headers"]
    assert isinstance(headers, dict) and headers.get("authorization") == "Bearer not-needed"


def test_openai_client_answer(hits: list[Hit]) -> None:
    with replay("openai_invoke") as server:
        answer = LLMAnswerer.from_settings(_settings("openai", url(server) + "/v1")).answer(QUESTION, hits)
    _check_answer(answer)
    # The echo header line came back without a marker: kept, flagged unsupported.
    assert any(not s.supported and s.text.startswith("[echo]") for s in answer.sentences)
    (request,) = server.received
    _check_openai_request(request, stream=False)


def test_openai_client_stream(hits: list[Hit]) -> None:
    recorded = load("openai_stream")["response"]["body"]
    with replay("openai_stream") as server:
        *drafts, final = LLMAnswerer.from_settings(_settings("openai", url(server) + "/v1")).stream(QUESTION, hits)
    assert len(drafts) > 10 and all(isinstance(d, Draft) and not d.verified for d in drafts)
    text = "".join(str(d) for d in drafts)
    assert text.endswith("User: 全面取消城区常住人口300万以下的城市落户限制[1]。") and recorded.count("data: ") > 10
    assert isinstance(final, Answer)
    _check_answer(final)
    _check_openai_request(server.received[0], stream=True)


def test_ollama_client_answer_and_stream(hits: list[Hit]) -> None:
    with replay("ollama_chat") as server:
        answerer = LLMAnswerer.from_settings(_settings("ollama", url(server)))
        answer = answerer.answer(QUESTION, hits)
        *drafts, final = answerer.stream(QUESTION, hits)
    _check_answer(answer)
    assert [str(d) for d in drafts] == ["全面取消", "城区常住人口", "300万以下的", "城市落户限制", "[1]。"]
    assert isinstance(final, Answer) and final.answer == answer.answer == RECORDED + "[1]"
    for request in server.received:
        body = request["body"]
        assert isinstance(body, dict) and request["path"] == "/api/chat"
        assert body["model"] == "qwen2.5:7b" and body["stream"] is True and body["options"]["temperature"] == 0
        assert '<clause n="1"' in body["messages"][1]["content"]


@pytest.mark.parametrize(
    ("provider", "cassette", "suffix"), [("openai", "openai_invoke", "/v1"), ("ollama", "ollama_chat", "")]
)
@pytest.mark.parametrize("stall_after", [0, 60])  # before the reply, and in the middle of it
def test_a_stalled_server_times_out_into_the_extractive_answer(
    hits: list[Hit], provider: str, cassette: str, suffix: str, stall_after: int
) -> None:
    expected = ExtractiveAnswerer().answer(QUESTION, hits)
    with replay(cassette, delay=5.0, stall_after=stall_after) as server:
        answerer = LLMAnswerer.from_settings(_settings(provider, url(server) + suffix, timeout=0.5))
        start = time.monotonic()
        answer = answerer.answer(QUESTION, hits)
        *_, streamed = answerer.stream(QUESTION, hits)
        elapsed = time.monotonic() - start
    assert answer == expected and streamed == expected
    assert elapsed < 4.0  # two timeouts of 0.5 s, not the 5 s stall
