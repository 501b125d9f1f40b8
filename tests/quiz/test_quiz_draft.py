"""The LLM drafting hook."""

from __future__ import annotations

import json

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from rag.quiz import Citation, QuizItem, Selection, build_quiz, check_item, check_quiz
from rag.quiz.draft import ChatModelDrafter, build_messages, item_from_draft
from rag.quiz.source import Clause
from rag.records import Unit
from rag.settings import Settings
from tests.quiz.quiz_helpers import cite, prefix

# ---------------------------------------------------------------------------------------------
# The LLM drafting hook


def _draft_json(question: str, answer: str) -> str:
    return json.dumps({"question": question, "options": ["100万", "300万", "200万", "1000万"], "answer": answer,
                       "explanation": "依据原文：“全面取消城区常住人口300万以下的城市落户限制”"}, ensure_ascii=False)


def test_llm_draft_that_passes_the_checks_is_used(units: list[Unit], clauses: dict[str, Clause]) -> None:
    question = prefix(clauses, "（六）") + "全面取消城区常住人口多少万以下的城市落户限制？"
    model = FakeListChatModel(responses=[f"```json\n{_draft_json(question, '300万')}\n```"])
    [item] = build_quiz(units, n=1, types=["single_choice"], select=Selection(clauses=("（六）",)),
                        drafter=ChatModelDrafter(model))
    assert item.question == question and item.answer == "300万"
    assert item.citation == clauses["（六）"].citation()  # the citation is never the model's


def test_llm_draft_with_a_wrong_key_is_replaced_by_an_offline_item(units: list[Unit],
                                                                  clauses: dict[str, Clause]) -> None:
    question = prefix(clauses, "（六）") + "全面取消城区常住人口多少万以下的城市落户限制？"
    model = FakeListChatModel(responses=[_draft_json(question, "200万")])
    [item] = build_quiz(units, n=1, types=["single_choice"], select=Selection(clauses=("（六）",)),
                        drafter=ChatModelDrafter(model))
    assert check_item(item) == [] and item.answer != "200万"


def test_a_failing_drafter_does_not_stop_the_quiz(units: list[Unit]) -> None:
    class Broken:
        def draft(self, citation: Citation, qtype: str, *, difficulty: str) -> QuizItem | None:
            raise RuntimeError("model unavailable")

    items = build_quiz(units, n=3, seed=1, drafter=Broken())  # type: ignore[arg-type]
    assert len(items) == 3 and check_quiz(items) == []


def test_malformed_drafts_are_none(clauses: dict[str, Clause]) -> None:
    c = cite(clauses, "（六）")
    assert item_from_draft("not json", c, "single_choice") is None
    assert item_from_draft({"question": "q", "answer": "yes"}, c, "true_false") is None
    assert item_from_draft({"question": "q", "answer": "A"}, c, "multiple_choice") is None
    assert item_from_draft({"question": "q", "answer": ["A"], "options": "A"}, c, "multiple_choice") is None
    tf = item_from_draft({"question": "q", "answer": True, "explanation": "e"}, c, "true_false")
    assert tf is not None and tf.answer is True
    model = FakeListChatModel(responses=["I cannot do that."])
    assert ChatModelDrafter(model).draft(c, "single_choice", difficulty="medium") is None


def test_drafting_prompt_names_the_clause_and_its_prefix(clauses: dict[str, Clause]) -> None:
    system, human = build_messages(cite(clauses, "（六）"), "fill_blank", "hard")
    assert prefix(clauses, "（六）") in str(system.content) and "＿＿＿＿" in str(system.content)
    assert "全面取消城区常住人口" in str(human.content) and "hard" in str(human.content)


def test_no_drafter_without_a_configured_llm() -> None:
    assert ChatModelDrafter.from_settings(Settings()) is None
