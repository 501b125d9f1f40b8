"""The app shows each cited document's metadata and filters by document kind."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pytest

from rag.index.metaupdate import set_meta
from rag.settings import Settings
from tests.conftest import indexed_backend
from ui import chat
from ui.backend import Backend
from ui.turns import Turn


@pytest.fixture
def backend(settings: Settings) -> Backend:
    built = indexed_backend(settings)  # the pipeline loads on first use: after the metadata is set
    set_meta(settings, "示范实施方案", {"status": "repealed", "issuer": "某市人民政府"})
    return built


def _ask(backend: Backend, question: str, kind: str | None = None) -> list[Turn]:
    *_, (_, turns, _) = list(chat.respond(backend, question, [], None, "zh", kind))
    return turns


def test_the_clause_panel_and_sources_show_title_kind_issuer_and_status(backend: Backend) -> None:
    turns = _ask(backend, "城区常住人口300万以下的城市落户限制")
    answer = turns[-1].answer
    assert answer is not None and not answer.abstained, turns[-1].error
    html, _ = chat.open_citation(backend, turns, "zh", gr.EventData(None, {"turn": "0", "n": "1"}))
    assert '<div class="clause-meta stale">示范实施方案 · 政策文件 · 某市人民政府 · 已废止</div>' in html
    transcript = chat.transcript_html(turns, "zh")
    assert "已废止" in transcript and 'class="badge stale"' in transcript
    english, _ = chat.open_citation(backend, turns, "en", gr.EventData(None, {"turn": "0", "n": "1"}))
    assert "示范实施方案 · policy notice · 某市人民政府 · repealed" in english


def test_the_kind_dropdown_limits_the_search(backend: Backend) -> None:
    assert ("全部类型", "") in chat.kind_choices() and ("法规", "regulation") in chat.kind_choices()
    assert ("regulation", "regulation") in chat.kind_choices("en")
    turns = _ask(backend, "出租人应当遵守什么规定？", "regulation")
    answer = turns[-1].answer
    assert answer is not None and answer.citations
    assert {c.doc for c in answer.citations} == {"住房租赁条例"}


def test_every_document_kind_choice_is_a_filter_the_pipeline_accepts(tmp_path: Path) -> None:
    from rag.retrieve.kinds import FILTERS

    assert {value for _, value in chat.kind_choices() if value} <= set(FILTERS)
