"""Drafting gold questions from the index, with templates or a chat model."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.draft import draft_questions, write_jsonl
from evals.gold import Corpus, load_gold, parse_item
from tests.eval_helpers import PLAN, make_corpus


@pytest.fixture
def corpus() -> Corpus:
    return make_corpus()



def test_draft_templates_are_unreviewed_and_resolve(corpus: Corpus, tmp_path: Path) -> None:
    rows = draft_questions(corpus, docs=["示范"])
    assert rows and all(r["reviewed"] is False and r["source"] == "template" for r in rows)
    assert any(r["question"] == "（二）是关于什么的？" for r in rows)
    assert any("number" in r["tags"] for r in rows)  # (二) has numbers
    path = tmp_path / "drafts.jsonl"
    assert write_jsonl(rows, path) == len(rows)
    items = load_gold(path)
    assert all(not i.reviewed for i in items)
    corpus.resolve_all(items)  # every drafted gold names a real clause
    # Repeated labels fall back to a path, so drafts of the round table resolve too.
    round_table = draft_questions(corpus, docs=["圆桌"])
    assert "张三的发言主要讲了什么？" in {r["question"] for r in round_table}
    corpus.resolve_all([parse_item(r) for r in round_table])


def test_draft_with_a_chat_model(corpus: Corpus) -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    model = FakeListChatModel(responses=["1. 城镇化率要到多少？\n2. 落户还卡不卡？\n好"] * 10)
    rows = draft_questions(corpus, docs=[PLAN], model=model, per_clause=2)
    assert {r["question"] for r in rows} == {"城镇化率要到多少？", "落户还卡不卡？"}
    assert all(r["source"] == "llm" and r["reviewed"] is False for r in rows)
    with pytest.raises(ValueError, match="matches 0 documents"):
        draft_questions(corpus, docs=["不存在"])
