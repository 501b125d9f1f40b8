"""The quiz page's actions over a fake loaded index: generate into the bank, hide and show the
answers, edit with a re-check, regenerate, delete, tag, search, flag a changed clause, and
assemble a paper into student and teacher Word files."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import docx
import gradio as gr
import pytest

from rag.quiz import check_item
from rag.quiz.source import Clause
from rag.records import Unit
from rag.settings import Settings
from rag.text import has_han
from tests.quiz.quiz_helpers import single
from ui import quiz_actions as act
from ui.backend import Backend
from ui.labels import Labels
from ui.quiz import build_quiz_page
from ui.quiz_problems import problem_text


def _backend(tmp_path: Path, units: list[Unit], version: str = "v1") -> Backend:
    index = SimpleNamespace(units=units, manifest=SimpleNamespace(built_at=version, documents=()))
    pipeline = SimpleNamespace(index=index, refresh=lambda: False)  # a file index: nothing else publishes
    return Backend(Settings(index_dir=tmp_path, index_name="kb"), pipeline)  # type: ignore[arg-type]


@pytest.fixture
def backend(tmp_path: Path, units: list[Unit]) -> Backend:
    return _backend(tmp_path, units)


def test_scope_fields_become_a_selection() -> None:
    selection = act.scope(["实施方案"], "三、，四、", "（六）、（十）")
    assert selection is not None
    assert selection.docs == ("实施方案",) and selection.chapters == ("三、", "四、")
    assert selection.clauses == ("（六）", "（十）")
    assert act.scope([], "", None) is None


def test_generate_saves_to_the_bank_and_hides_answers_until_asked(backend: Backend) -> None:
    status, html, ids = act.generate(backend, None, "", "（六）,（十）", 4, ["fill_blank", "true_false"], "medium",
                                     0, False, "zh")
    assert "已生成 4 道题" in status and len(ids) == 4
    assert 'class="key"' not in html and "#" + str(ids[0]) in html
    shown = act.show(backend, ids, True, "zh")
    assert shown.count('class="key"') == 4
    assert html.count("（六）") + html.count("（十）") >= 4


def test_edit_shows_the_recheck_verdict(backend: Backend) -> None:
    _, _, ids = act.generate(backend, None, "", "（六）", 1, ["single_choice"], "medium", 0, False, "zh")
    question, options, key, explanation, _, verdict = act.load(backend, ids[0], "zh")
    assert "复核通过" in verdict and len(key) == 1
    wrong = "ABCD"[("ABCD".index(key) + 1) % 4]
    after = act.save_edit(backend, ids[0], question, options, wrong, explanation, "zh")
    assert "复核未通过" in after[5] and after[2] == wrong
    fixed = act.save_edit(backend, ids[0], question, options, key, explanation, "zh")
    assert "复核通过" in fixed[5]
    bad = act.save_edit(backend, ids[0], question, options, "Z", explanation, "zh")
    assert "not among the options" in bad[5]


def test_regenerate_delete_tag_and_search(backend: Backend) -> None:
    _, _, ids = act.generate(backend, None, "", "（十）", 2, ["fill_blank"], "medium", 0, False, "zh")
    before = act.load(backend, ids[0], "zh")[0]
    after = act.regenerate_item(backend, ids[0], 0, "zh")
    assert after[0] and after[0] != before and "复核通过" in after[5]
    assert "重点" in act.tag_item(backend, ids[0], "重点，第一期", "zh")
    _, html, found = act.search(backend, "", "重点", [], None, "", "", False, "zh")
    assert found == [ids[0]] and "重点" in html
    assert "已删除" in act.delete_item(backend, ids[1], "zh")[5]
    assert "没有第" in act.load(backend, ids[1], "zh")[5]


def test_a_changed_clause_is_flagged_on_the_page(tmp_path: Path, units: list[Unit]) -> None:
    _, _, ids = act.generate(_backend(tmp_path, units), None, "", "（六）", 2, ["true_false"], "medium", 0, False,
                             "zh")
    changed = [dataclasses.replace(u, text=u.text + "新增一句话。") if u.label == "（六）" else u for u in units]
    later = _backend(tmp_path, changed, "v2")
    status, html, found = act.search(later, "", "", ["review"], None, "", "", False, "zh")
    assert set(found) == set(ids) and "待复核" in html and "条款已修改" in html
    assert "待复核 2 道" in status


def test_paper_writes_student_and_teacher_word_files(backend: Backend) -> None:
    act.generate(backend, None, "", "", 12, None, "medium", 0, False, "zh")
    status, preview, files = act.paper(backend, None, "", "", "", 6, None, None, "", 0, ["docx", "gift"], "zh")
    assert files is not None and "6 道题" in status and 'class="key"' not in preview
    names = sorted(Path(f).name for f in files)
    assert [n.rsplit("-", 1)[-1] for n in names] == ["学生版.docx", "教师版.docx", "教师版.gift"]
    student = next(f for f in files if f.endswith("学生版.docx"))
    teacher = next(f for f in files if f.endswith("教师版.docx"))
    assert "答案与解析" not in "\n".join(p.text for p in docx.Document(student).paragraphs)
    assert "答案与解析" in "\n".join(p.text for p in docx.Document(teacher).paragraphs)
    assert Path(student).name.startswith("《“十四五”新型城镇化实施方案》培训测验-")


def test_the_page_builds(backend: Backend) -> None:
    with gr.Blocks():
        build_quiz_page(backend, Labels(), gr.State("zh"))


def test_recheck_problems_read_in_chinese_on_the_chinese_page(clauses: dict[str, Clause]) -> None:
    wrong = single(clauses, answer="100万")
    problems = check_item(wrong)
    assert problems
    translated = [problem_text(p, "zh") for p in problems]
    assert all(has_han(p) for p in translated), translated
    assert problem_text(problems[0], "en") == problems[0]
    assert problem_text("something new", "zh") == "something new"


def test_items_on_a_repeated_label_are_not_flagged_on_the_page_and_an_unclear_one_says_why(tmp_path: Path) -> None:
    from rag.quiz.bank import Bank, bank_path
    from tests.quiz.test_quiz_bank_locate import TINY, build

    units = build(tmp_path)
    _, _, ids = act.generate(_backend(tmp_path, units), None, "一、", "1.", 2, ["single_choice", "true_false"],
                             "medium", 0, False, "zh")
    assert ids
    status, html, _ = act.search(_backend(tmp_path, build(tmp_path), "v2"), "", "", [], None, "", "", False, "zh")
    assert "条款已修改" not in html and "待复核 0 道" in status
    # An item whose path is gone and whose text is nowhere: the page says why it is set aside.
    bank = Bank(bank_path(tmp_path, "kb"))
    item = bank.get(ids[0]).item
    gone = dataclasses.replace(item.citation, path=("旧标题", "1.旧"), text=item.citation.text + "旧句。")
    [old] = bank.save([dataclasses.replace(item, citation=gone)])
    later = _backend(tmp_path, build(tmp_path, TINY), "v3")
    _, html, found = act.search(later, "", "", ["ambiguous"], None, "", "", False, "zh")
    assert found == [old.id] and "条款不明" in html and "无法确定此题引用的是哪一条" in html and "1." in html
