"""The question bank: save, edit with a re-check, tag, search, delete, regenerate, and the flag
raised when a document's clause changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from rag.quiz import QuizItem, Selection, build_quiz
from rag.quiz.bank import Bank, bank_path, clause_hash, refresh, regenerate
from rag.quiz.source import Clause
from rag.records import Unit
from tests.quiz.quiz_helpers import single


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return Bank(bank_path(tmp_path, "default"))


def test_the_bank_lives_beside_its_index(tmp_path: Path) -> None:
    assert bank_path(tmp_path / "index", "kb") == tmp_path / "index" / "kb.quizbank.sqlite"


def test_saved_items_come_back_with_citation_type_difficulty_and_version(bank: Bank, quiz: list[QuizItem]) -> None:
    saved = bank.save(quiz[:5], difficulty="hard", index_version="2026-12-01T00:00:00", tags=("第一期", " "))
    again = Bank(bank.path).all()
    assert [e.item for e in again] == quiz[:5]
    assert all(e.difficulty == "hard" and e.index_version == "2026-12-01T00:00:00" for e in again)
    assert all(e.tags == ("第一期",) and e.status == "ok" and e.verdict == () for e in again)
    assert saved[0].clause_hash == clause_hash(quiz[0].citation.text)


def test_save_rejects_an_unknown_difficulty(bank: Bank, quiz: list[QuizItem]) -> None:
    with pytest.raises(ValueError, match="'extreme'"):
        bank.save(quiz[:1], difficulty="extreme")


def test_an_edit_is_checked_again_and_its_verdict_stored(bank: Bank, clauses: dict[str, Clause]) -> None:
    [entry] = bank.save([single(clauses)])
    wrong = bank.edit(entry.id, answer="100万")  # the clause says 300万
    assert wrong.status == "failed" and wrong.edited
    assert any("supported by the clause" in p or "not supported" in p for p in wrong.verdict), wrong.verdict
    fixed = bank.edit(entry.id, answer="300万", question=entry.item.question.replace("全面取消", "全面取消（改）"))
    assert fixed.item.question.endswith("落户限制？")
    assert bank.get(entry.id).verdict == fixed.verdict


def test_an_edit_with_a_key_of_the_wrong_form_names_it(bank: Bank, clauses: dict[str, Clause]) -> None:
    [entry] = bank.save([single(clauses)])
    with pytest.raises(ValueError, match="True"):
        bank.edit(entry.id, answer=True)


def test_tag_search_and_delete(bank: Bank, quiz: list[QuizItem]) -> None:
    saved = bank.save(quiz)
    bank.tag(saved[0].id, ["重点", "重点", "户籍"])
    assert bank.get(saved[0].id).tags == ("重点", "户籍")
    assert [e.id for e in bank.search(tags=("重点",))] == [saved[0].id]
    tf = bank.search(types=("true_false",))
    assert tf and all(e.item.type == "true_false" for e in tf)
    word = quiz[0].citation.label
    assert all(word in e.item.citation.label or word in e.item.question for e in bank.search(word))
    six = bank.search(select=Selection(clauses=("（六）",)))
    assert all(e.item.citation.label == "（六）" for e in six)
    bank.delete(saved[0].id)
    with pytest.raises(KeyError, match=str(saved[0].id)):
        bank.get(saved[0].id)
    assert len(bank) == len(quiz) - 1


def test_a_changed_clause_flags_its_items_for_review_and_an_edit_rechecks_the_new_text(
        bank: Bank, units: list[Unit]) -> None:
    items = build_quiz(units, n=6, seed=2, select=Selection(clauses=("（六）", "（十）")))
    saved = bank.save(items, index_version="v1")
    assert refresh(bank, units, "v1").review == ()
    changed = [dataclasses.replace(u, text=u.text.replace("300万", "350万")) if u.label == "（六）" else u
               for u in units]
    report = refresh(bank, changed, "v2")
    on_six = {e.id for e in saved if e.item.citation.label == "（六）"}
    assert set(report.review) == on_six and on_six
    assert {e.id for e in bank.search(statuses=("review",))} == on_six
    assert all(e.status == "ok" for e in bank.all() if e.id not in on_six)
    # Editing a flagged item checks it against the clause's new text.
    first = bank.get(min(on_six))
    rechecked = bank.edit(first.id)
    assert "350万" in rechecked.item.citation.text and rechecked.status in ("ok", "failed")
    # The old text back: the remaining flags clear.
    assert set(refresh(bank, units, "v3").cleared) == on_six - {first.id}


def test_a_removed_clause_marks_its_items_missing(bank: Bank, units: list[Unit]) -> None:
    items = build_quiz(units, n=3, seed=1, select=Selection(clauses=("（六）",)))
    bank.save(items)
    report = refresh(bank, [u for u in units if u.label != "（六）"])
    assert len(report.missing) == len(items)


def test_regenerate_makes_a_new_checked_item_on_the_same_clause(bank: Bank, units: list[Unit]) -> None:
    [item] = build_quiz(units, n=1, types=("fill_blank",), select=Selection(clauses=("（十）",)))
    [entry] = bank.save([item])
    new = regenerate(bank, entry.id, units, seed=0)
    assert new.id == entry.id and new.item.type == "fill_blank"
    assert new.item.citation.label == "（十）" and new.item.question != item.question
    assert new.status == "ok" and not new.edited


def test_regenerate_refuses_a_clause_that_is_gone(bank: Bank, units: list[Unit]) -> None:
    [item] = build_quiz(units, n=1, types=("true_false",), select=Selection(clauses=("（十）",)))
    [entry] = bank.save([item])
    with pytest.raises(ValueError, match="（十）"):
        regenerate(bank, entry.id, [u for u in units if u.label != "（十）"])
