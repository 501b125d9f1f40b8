"""The one streaming path: Pipeline.stream → Backend.stream → the chat transcript, unverified first."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from rag.answer.llm import LLMAnswerer
from rag.answer.options import ExtractiveOptions
from rag.answer.records import Draft
from rag.index.embed import HashingEmbedder
from rag.pipeline import Pipeline
from rag.settings import Settings
from tests.answer_fixtures import build_index
from ui.backend import Backend
from ui.render import transcript_html
from ui.turns import Turn

QUESTION = "城区人口不到300万的城市还限制落户吗？"


def test_the_backend_streams_drafts_then_the_answer_json(tmp_path: Path) -> None:
    index = build_index(tmp_path / "idx")
    reply = "全面取消城区常住人口300万以下的城市落户限制[1]。"
    pipeline = Pipeline(index, HashingEmbedder(128), LLMAnswerer(FakeListChatModel(responses=[reply])))
    backend = Backend(Settings(index_dir=tmp_path), pipeline)
    *drafts, final = backend.stream(QUESTION)
    assert drafts and all(isinstance(d, Draft) and not d.verified for d in drafts)
    assert isinstance(final, dict) and "sentences" in final


def test_streamed_text_is_shown_as_unverified() -> None:
    html = transcript_html([Turn(asked="问", question="问", partial="全面取消")], "zh")
    assert 'data-verified="false"' in html and "尚未核验" in html
    english = transcript_html([Turn(asked="q", question="q", partial="No")], "en")
    assert "not yet checked" in english


def test_options_are_validated_and_swept_by_name() -> None:
    from benchmarks.answer_sweep import variants

    with pytest.raises(ValueError, match="min_relevance"):
        ExtractiveOptions(min_relevance=-0.1)
    names = [name for name, _ in variants(["rank_bonus=0.04,0.08", "max_sentences=2"])]
    assert names == ["defaults", "rank_bonus=0.04", "rank_bonus=0.08", "max_sentences=2"]
    assert dict(variants(["max_sentences=2"]))["max_sentences=2"].max_sentences == 2
    with pytest.raises(ValueError, match="nonsense"):
        variants(["nonsense=1"])
