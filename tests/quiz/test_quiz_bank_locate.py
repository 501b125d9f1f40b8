"""The bank finds an item's clause by document, heading path and label — not by label alone.

The bug these tests pin: documents repeat labels (the Henan report numbers "1." again under
every heading, the paper repeats （一）), and a bank that matched clauses by (document, label)
compared a fresh item with a different clause's text and flagged it "条款已修改".
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from rag.ingest.clauses import parse
from rag.ingest.clean import clean
from rag.ingest.load import load_file
from rag.quiz import Citation, QuizItem, Selection, build_quiz
from rag.quiz.bank import Bank, BankItem, ClauseIndex, bank_path, clause_hash, refresh, regenerate
from rag.quiz.paper import PaperSpec, assemble
from rag.records import Unit
from tests.quiz.quiz_helpers import REPO

FIRST = ("一、推进户籍制度改革", "1.放开落户限制")
SECOND = ("二、完善基本公共服务", "1.扩大教育供给")
TINY = """小文件

一、推进户籍制度改革
1.放开落户限制
全面取消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。各城市要在2025年底前公布落户办法。
2.保障落户农民权益
依法保障进城落户农民的农村土地承包权、宅基地使用权、集体收益分配权。

二、完善基本公共服务
1.扩大教育供给
到2025年新增公办学位500万个，保障随迁子女在流入地接受义务教育的权利。每个县至少建设3所寄宿制学校。
2.健全社会保险
推进实现失业保险省级统筹，巩固完善工伤保险省级统筹。
"""

# The schema of the banks written before the bank kept ``occurrence`` and ``note`` (int4).
OLD_SCHEMA = """
CREATE TABLE items (
    id INTEGER PRIMARY KEY AUTOINCREMENT, item TEXT NOT NULL, type TEXT NOT NULL, doc TEXT NOT NULL,
    label TEXT NOT NULL, difficulty TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '[]', clause_hash TEXT NOT NULL,
    index_version TEXT NOT NULL DEFAULT '', verdict TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL,
    current_text TEXT, edited INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE INDEX items_clause ON items (doc, label);
"""


def build(tmp_path: Path, text: str = TINY) -> list[Unit]:
    """Parse the tiny document as an index build does (a rebuild is another call)."""
    path = tmp_path / "docs" / "小文件.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return list(parse(clean(load_file(path, root=path.parent)), max_chars=400, overlap=80).units)


def items_on(units: list[Unit], path: tuple[str, ...], n: int = 2,
             types: tuple[str, ...] = ("single_choice", "true_false", "fill_blank")) -> list[QuizItem]:
    made = build_quiz(units, n=n, types=types, seed=0, select=Selection(paths=(path,)))
    assert made and all(i.citation.path == path and i.citation.label == "1." for i in made)
    return made


@pytest.fixture
def units(tmp_path: Path) -> list[Unit]:
    return build(tmp_path)


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return Bank(bank_path(tmp_path, "default"))


def saved_on_both(bank: Bank, units: list[Unit]) -> tuple[list[BankItem], list[BankItem]]:
    first = bank.save(items_on(units, FIRST), clauses=ClauseIndex(units), index_version="v1")
    second = bank.save(items_on(units, SECOND), clauses=ClauseIndex(units), index_version="v1")
    return first, second


def statuses(bank: Bank, entries: list[BankItem]) -> set[str]:
    return {bank.get(e.id).status for e in entries}


def test_the_label_repeats_under_two_headings(units: list[Unit]) -> None:
    ones = [u for u in units if u.label == "1."]
    assert [u.path for u in ones] == [FIRST, SECOND]


def test_a_rebuild_with_no_change_flags_no_item_on_a_repeated_label(
        tmp_path: Path, bank: Bank, units: list[Unit]) -> None:
    first, second = saved_on_both(bank, units)
    report = refresh(bank, build(tmp_path), "v2")
    assert (report.review, report.missing, report.ambiguous) == ((), (), ())
    assert statuses(bank, first + second) == {"ok"}
    assert all(bank.get(e.id).index_version == "v2" for e in first + second)


def test_a_change_to_the_second_clause_flags_only_its_items(tmp_path: Path, bank: Bank, units: list[Unit]) -> None:
    first, second = saved_on_both(bank, units)
    changed = build(tmp_path, TINY.replace("新增公办学位500万个", "新增公办学位600万个"))
    report = refresh(bank, changed, "v2")
    assert set(report.review) == {e.id for e in second}
    assert statuses(bank, second) == {"review"} and statuses(bank, first) == {"ok"}
    assert all("600万" in (bank.get(e.id).current_text or "") for e in second)
    # The edit re-checks against the changed clause, not against the other "1.".
    rechecked = bank.edit(second[0].id)
    assert "600万" in rechecked.item.citation.text and rechecked.item.citation.path == SECOND
    # Back to the old text: the flag clears.
    assert set(refresh(bank, build(tmp_path), "v3").cleared) == {e.id for e in second[1:]}


def test_a_change_to_the_first_clause_leaves_the_second_clauses_items_alone(
        tmp_path: Path, bank: Bank, units: list[Unit]) -> None:
    first, second = saved_on_both(bank, units)
    report = refresh(bank, build(tmp_path, TINY.replace("300万以下", "500万以下")), "v2")
    assert set(report.review) == {e.id for e in first}
    assert statuses(bank, second) == {"ok"}


def test_regenerate_stays_on_the_clause_it_cites(bank: Bank, units: list[Unit]) -> None:
    [entry] = bank.save(items_on(units, SECOND, n=1), clauses=ClauseIndex(units))
    new = regenerate(bank, entry.id, units, seed=0)
    assert new.item.citation.path == SECOND and new.item.question != entry.item.question
    assert new.status == "ok"


def test_clauses_sharing_path_and_label_are_told_apart_by_occurrence(
        tmp_path: Path, bank: Bank, units: list[Unit]) -> None:
    # A document that repeats a whole heading: two clauses named (document, FIRST, "1.").
    twice = [dataclasses.replace(u, path=FIRST) if u.path == SECOND else u for u in units]
    index = ClauseIndex(twice)
    on_first = bank.save(items_on(units, FIRST, n=1), clauses=index)
    on_second = bank.save([dataclasses.replace(i, citation=dataclasses.replace(i.citation, path=FIRST))
                           for i in items_on(units, SECOND, n=1)], clauses=index)
    assert [e.occurrence for e in on_first + on_second] == [0, 1]
    changed = [dataclasses.replace(u, path=FIRST) if u.path == SECOND else u
               for u in build(tmp_path, TINY.replace("500万个", "600万个"))]
    report = refresh(bank, changed)
    assert report.review == (on_second[0].id,) and statuses(bank, on_first) == {"ok"}


def old_bank(path: Path, rows: list[QuizItem]) -> None:
    """A bank file as the bank wrote it before it kept ``occurrence`` and ``note``."""
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
        for item in rows:
            db.execute("INSERT INTO items (item, type, doc, label, difficulty, clause_hash, status, created, updated)"
                       " VALUES (?, ?, ?, ?, 'medium', ?, 'ok', '2026-11-30', '2026-11-30')",
                       (json.dumps(item.to_json(), ensure_ascii=False), item.type, item.citation.doc,
                        item.citation.label, clause_hash(item.citation.text)))


def moved(item: QuizItem, path: tuple[str, ...], text: str | None = None) -> QuizItem:
    citation = dataclasses.replace(item.citation, path=path, text=item.citation.text if text is None else text)
    return dataclasses.replace(item, citation=citation)


def test_an_old_bank_loads_and_its_items_are_placed_or_set_aside_with_a_reason(
        tmp_path: Path, units: list[Unit]) -> None:
    [on_second] = items_on(units, SECOND, n=1)
    [on_first] = items_on(units, FIRST, n=1)
    stale = ("二、完善公共服务", "1.扩大教育供给")  # a heading path no longer in the index
    old_bank(tmp_path / "old.quizbank.sqlite", [
        on_second,                                    # its path is in the index: placed by it
        moved(on_first, stale[:1] + FIRST[1:]),        # path stale, text unchanged: placed by its text
        moved(on_second, stale, text=on_second.citation.text.replace("500万", "400万")),  # neither: set aside
    ])
    bank = Bank(tmp_path / "old.quizbank.sqlite")
    assert [e.occurrence for e in bank.all()] == [None, None, None]
    report = refresh(bank, units, "v2")
    placed, by_text, unclear = bank.all()
    assert (placed.status, placed.occurrence) == ("ok", 0)
    assert by_text.status == "ok" and report.review == () and report.missing == ()
    assert report.ambiguous == (unclear.id,) and unclear.status == "ambiguous"
    assert "'1.'" in unclear.note and " › ".join(FIRST) in unclear.note and " › ".join(SECOND) in unclear.note
    paper = assemble(bank.all(), PaperSpec(count=3))
    cited = {i.citation.text for i in paper}
    assert placed.item.citation.text in cited and unclear.item.citation.text not in cited
    # Refreshing again does not report it again; a new save still works on the upgraded file.
    assert refresh(bank, units, "v2").ambiguous == ()
    assert bank.save(items_on(units, SECOND, n=1), clauses=ClauseIndex(units))[0].occurrence == 0


def test_an_old_item_whose_label_is_unique_in_its_document_is_placed(tmp_path: Path, units: list[Unit]) -> None:
    lone = [u for u in units if u.path != SECOND]  # "1." now only under the first heading
    [item] = items_on(units, FIRST, n=1)
    old_bank(tmp_path / "old.quizbank.sqlite", [moved(item, ("旧标题", "1.旧"), text="1.旧 旧的条文。")])
    bank = Bank(tmp_path / "old.quizbank.sqlite")
    report = refresh(bank, lone)
    assert report.review == (bank.all()[0].id,) and report.ambiguous == ()


def test_items_from_the_henan_report_are_not_flagged_after_a_rebuild(tmp_path: Path) -> None:
    doc = next((REPO / "documents").glob("*河南*.txt"))

    def parsed() -> list[Unit]:
        return list(parse(clean(load_file(doc, root=doc.parent)), max_chars=400, overlap=80).units)

    units = parsed()
    bank = Bank(bank_path(tmp_path, "henan"))
    saved = bank.save(build_quiz(units, n=30, seed=0), clauses=ClauseIndex(units))
    label_counts: dict[str, int] = {}
    for u in units:
        if u.part == 0:
            label_counts[u.label] = label_counts.get(u.label, 0) + 1
    assert sum(label_counts.get(e.item.citation.label, 0) > 1 for e in saved) >= 5  # the case of the bug
    report = refresh(bank, parsed())
    assert (report.review, report.missing, report.ambiguous) == ((), (), ())
    assert {e.status for e in bank.all()} == {"ok"}


def test_removing_an_earlier_same_named_clause_does_not_move_an_item_to_its_neighbour(bank: Bank) -> None:
    def unit(ordinal: int, text: str) -> Unit:
        return Unit(doc_id="d", title="d", path=FIRST, label="1.", ordinal=ordinal, text=text, span=(0, len(text)))

    texts = [f"1.放开落户限制 第{n}段：全面取消城区常住人口{n}00万以下的城市落户限制。" for n in (3, 5, 7)]
    three = [unit(i, t) for i, t in enumerate(texts)]
    index = ClauseIndex(three)
    made = [QuizItem("true_false", f"判断正误：{n}", ("正确", "错误"), True,
                     Citation("d", "d", "1.", FIRST, t), "") for n, t in enumerate(texts)]
    saved = bank.save(made, clauses=index)
    assert [e.occurrence for e in saved] == [0, 1, 2]
    refresh(bank, three[1:])  # the first is removed: the others move up one place
    # (the hand-made items fail the item checks; what matters is that their status does not change)
    assert [(bank.get(e.id).status, bank.get(e.id).occurrence) for e in saved[1:]] == [
        (saved[1].status, 0), (saved[2].status, 1)]
    # The removed one's place is now its neighbour's, whose text differs: flagged, never passed.
    assert bank.get(saved[0].id).status == "review"
