"""The app's own stores: conversations, feedback, knowledge bases, and the conversation export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import docx
import pytest

from evals.gold import load_gold
from rag.settings import Settings
from ui.appdb import app_db_path
from ui.export import conversation_docx, conversation_markdown
from ui.feedback import FeedbackStore, IndexVersion, gold_line, write_gold
from ui.history import HistoryStore
from ui.kbs import MAX_NAME_CHARS, KbRegistry, check_name
from ui.turns import AnswerView, Turn

ANSWER: dict[str, Any] = {
    "question": "城区人口不到300万的城市还限制落户吗？",
    "answer": "全面取消城区常住人口300万以下的城市落户限制。[1]",
    "abstained": False,
    "citations": [
        {"n": 1, "doc": "示范实施方案", "title": "示范实施方案", "label": "（三）",
         "path": ["二、重点任务", "（三）深化户籍制度改革"],
         "text": "（三）深化户籍制度改革。全面取消城区常住人口300万以下的城市落户限制。", "score": 0.9},
        {"n": 2, "doc": "示范实施方案", "title": "示范实施方案", "label": "（四）",
         "path": ["二、重点任务", "（四）完善公共服务"], "text": "（四）完善公共服务。", "score": 0.4},
    ],
    "sentences": [{"text": "全面取消城区常住人口300万以下的城市落户限制。[1]", "citations": [1], "supported": True}],
}
NOT_FOUND: dict[str, Any] = {**ANSWER, "question": "如何烤面包？", "answer": "所提供的文件中没有找到相关规定。",
                             "abstained": True, "sentences": []}
VERSION = IndexVersion("2026-12-01T10:00:00+00:00", "abcdef0123456789")


def turn(asked: str = "不到300万的城市还限制落户吗", data: dict[str, Any] = ANSWER) -> Turn:
    return Turn(asked=asked, question=data["question"], answer=AnswerView.from_json(data), docs=("示范实施方案",))


# --- history -----------------------------------------------------------------------------------


def test_a_conversation_is_saved_grown_listed_reloaded_and_deleted(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "app.sqlite3")
    first = turn()
    cid = store.save("wang", None, "default", [first])
    assert cid is not None
    grown = [first, Turn(asked="会怎样？", question="会怎样？", error="出错了")]
    assert store.save("wang", cid, "default", grown) == cid
    [info] = store.list("wang")
    assert (info.id, info.turns, info.title, info.kb) == (cid, 2, "不到300万的城市还限制落户吗", "default")
    # A fresh store over the same file (a restart, a reload) reads the same conversation back.
    again = HistoryStore(tmp_path / "app.sqlite3").load("wang", cid)
    assert again.turns[0].answer == first.answer and again.turns[0].docs == ("示范实施方案",)
    assert again.turns[1].error == "出错了" and again.turns[1].answer is None
    store.delete("wang", cid)
    assert store.list("wang") == []


def test_unfinished_turns_are_not_saved_and_nothing_finished_makes_no_conversation(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "app.sqlite3")
    assert store.save("wang", None, "default", [Turn(asked="q", question="q")]) is None
    cid = store.save("wang", None, "default", [turn(), Turn(asked="waiting", question="waiting")])
    assert cid is not None and len(store.load("wang", cid).turns) == 1


def test_a_user_never_sees_or_changes_another_users_conversation(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "app.sqlite3")
    cid = store.save("wang", None, "default", [turn()])
    assert cid is not None
    assert store.list("li") == []
    with pytest.raises(KeyError, match="li"):
        store.load("li", cid)
    with pytest.raises(KeyError, match=str(cid)):
        store.delete("li", cid)
    with pytest.raises(KeyError):
        store.save("li", cid, "default", [turn("overwrite?")])
    assert store.load("wang", cid).turns[0].asked == "不到300万的城市还限制落户吗"


def test_the_database_is_in_wal_mode_beside_the_indexes(tmp_path: Path) -> None:
    settings = Settings(documents_dir=tmp_path / "documents", index_dir=tmp_path / "index")
    path = app_db_path(settings)
    assert path == tmp_path / "index" / "app.sqlite3"
    HistoryStore(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# --- feedback ----------------------------------------------------------------------------------


def test_feedback_is_stored_with_question_answer_version_and_user(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "app.sqlite3")
    up = store.add("wang", "default", "up", "不到300万…", ANSWER["question"], ANSWER, VERSION)
    down = store.add("li", "kb-0000abcd", "down", "烤面包", NOT_FOUND["question"], NOT_FOUND, VERSION, "应该能答")
    store.set_comment(up, "wang", "  准确  ")
    rows = store.list()
    assert [r.id for r in rows] == [down, up]
    assert rows[1].comment == "准确" and rows[1].answer == ANSWER and rows[1].index == VERSION
    assert rows[0].user == "li" and rows[0].kb == "kb-0000abcd" and rows[0].comment == "应该能答"
    assert [r.id for r in store.list(kind="down")] == [down]
    assert [r.id for r in store.list(kb="default")] == [up]
    with pytest.raises(KeyError):
        store.set_comment(up, "li", "not mine")


def test_bad_feedback_is_refused_with_the_bad_value(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "app.sqlite3")
    with pytest.raises(ValueError, match="'meh'"):
        store.add("wang", "default", "meh", "q", "q", ANSWER, VERSION)
    with pytest.raises(ValueError, match="'meh'"):
        store.list(kind="meh")
    with pytest.raises(ValueError, match="3000"):
        store.add("wang", "default", "down", "q", "q", ANSWER, VERSION, "长" * 3000)
    with pytest.raises(ValueError, match="question"):
        store.add("wang", "default", "down", "q", "  ", ANSWER, VERSION)


def test_feedback_exports_as_unreviewed_gold_that_rag_eval_reads(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "app.sqlite3")
    up = store.add("wang", "default", "up", "a", ANSWER["question"], ANSWER, VERSION)
    store.add("wang", "default", "up", "b", NOT_FOUND["question"], NOT_FOUND, VERSION)
    store.add("wang", "default", "wrong_citation", "c", "第三条讲什么？", ANSWER, VERSION, "引用错了")
    out = tmp_path / "feedback.jsonl"
    assert write_gold(store.list(), out) == 3
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    wrong, unanswerable, liked = lines
    # 👍: the clause the answer's sentence cites is the gold (not the uncited [2]).
    assert liked["id"] == f"fb{up}" and liked["answerable"] is True
    path = ["二、重点任务", "（三）深化户籍制度改革"]
    assert liked["gold"] == [{"doc": "示范实施方案", "label": "（三）", "path": path}]
    assert unanswerable["answerable"] is False and unanswerable["gold"] == []
    assert wrong["gold"] == [] and wrong["cited"] == liked["gold"] and wrong["feedback"]["comment"] == "引用错了"
    assert all(x["reviewed"] is False and x["feedback"]["index_digest"] == VERSION.digest for x in lines)
    items = load_gold(out)  # the gold format of evals/README.md, every line valid
    assert [i.reviewed for i in items] == [False, False, False]
    assert items[2].gold[0].label == "（三）" and "unanswerable" in items[1].tags


def test_rag_eval_refuses_to_score_a_feedback_line_that_still_has_no_gold(tmp_path: Path) -> None:
    import click

    from evals.cli import _select

    store = FeedbackStore(tmp_path / "app.sqlite3")
    store.add("wang", "default", "down", "c", "第三条讲什么？", ANSWER, VERSION)
    out = tmp_path / "feedback.jsonl"
    write_gold(store.list(), out)
    items = load_gold(out)
    assert _select(items, (), None, False) == []  # skipped until reviewed
    with pytest.raises(click.UsageError, match="fb1"):
        _select(items, (), None, True)


def test_gold_line_of_a_thumbs_up_names_every_cited_clause_once() -> None:
    from ui.feedback import Feedback

    data = {**ANSWER, "sentences": [{"text": "x", "citations": [1, 2]}, {"text": "y", "citations": [1]}]}
    row = Feedback(7, "wang", "default", "up", "", "a", "q", data, VERSION, "t", "t")
    assert [g["label"] for g in gold_line(row)["gold"]] == ["（三）", "（四）"]


# --- knowledge bases ---------------------------------------------------------------------------


@pytest.fixture
def kbs(tmp_path: Path) -> KbRegistry:
    settings = Settings(documents_dir=tmp_path / "documents", index_dir=tmp_path / "index")
    return KbRegistry(app_db_path(settings), settings)


def test_knowledge_bases_are_created_renamed_and_listed(kbs: KbRegistry) -> None:
    [default] = kbs.list()
    assert default.default and default.id == "default" and default.name == "默认知识库"
    edu = kbs.create("  教育 ")
    assert edu.name == "教育" and edu.id.startswith("kb-")
    assert kbs.documents_dir(edu).is_dir()
    own = kbs.settings_for(edu)
    assert own.index_path == kbs.settings.index_dir / edu.id and own.documents_dir == kbs.documents_dir(edu)
    assert own.upload_dir is None and kbs.settings_for(default) is kbs.settings
    renamed = kbs.rename("教育", "教育政策")
    assert renamed.id == edu.id and kbs.get("教育政策").id == edu.id and kbs.get(edu.id).name == "教育政策"
    assert [k.name for k in kbs.list()] == ["默认知识库", "教育政策"]
    kbs.rename("default", "全部政策")
    assert kbs.get(None).name == "全部政策"


@pytest.mark.parametrize(
    ("name", "shown"),
    [("", "''"), ("   ", "'   '"), ("a/b", "'a/b'"), ("..x", "'..x'"), ("x\ty", "'x\\\\ty'"), (3, "3"),
     ("长" * (MAX_NAME_CHARS + 1), "长" * (MAX_NAME_CHARS + 1))],
)
def test_a_bad_name_is_refused_with_the_bad_value(kbs: KbRegistry, name: Any, shown: str) -> None:
    with pytest.raises(ValueError, match=shown):
        check_name(name)
    with pytest.raises(ValueError, match=shown):
        kbs.create(name)
    assert len(kbs.list()) == 1


def test_a_taken_name_and_an_unknown_kb_are_refused_by_name(kbs: KbRegistry) -> None:
    kbs.create("社保")
    with pytest.raises(ValueError, match="社保"):
        kbs.create("社保")
    kbs.create("户籍")
    with pytest.raises(ValueError, match="户籍"):
        kbs.rename("社保", "户籍")
    with pytest.raises(KeyError, match=r"教育.*社保"):
        kbs.get("教育")
    with pytest.raises(KeyError, match="教育"):
        kbs.rename("教育", "x")


def test_a_name_that_is_an_id_is_refused(kbs: KbRegistry) -> None:
    with pytest.raises(ValueError, match="'default'"):
        kbs.create("default")
    with pytest.raises(ValueError, match="'kb-0123abcd'"):
        kbs.create("kb-0123abcd")
    edu = kbs.create("教育")
    with pytest.raises(ValueError, match=edu.id):
        kbs.rename("default", edu.id)


def test_removing_a_kb_deletes_its_own_files_only(kbs: KbRegistry) -> None:
    index_dir = kbs.settings.index_dir
    one, two = kbs.create("一"), kbs.create("二")
    for kb in (one, two):
        (kbs.documents_dir(kb) / "a.txt").write_text("第一条 内容。", "utf-8")
        build = index_dir / f".{kb.id}.build-20260101T000000-00000000"
        build.mkdir()
        (build / "manifest.json").write_text("{}", "utf-8")
        (index_dir / kb.id).symlink_to(build.name)
        (index_dir / f".{kb.id}.lock").write_text("", "utf-8")
        (index_dir / f"{kb.id}.quizbank.sqlite").write_text("", "utf-8")
    outside = index_dir.parent / "outside.txt"
    outside.write_text("keep", "utf-8")
    (kbs.documents_dir(one) / "link.txt").symlink_to(outside)
    kbs.remove("一")
    assert not (index_dir / "kb" / one.id).exists() and not (index_dir / one.id).is_symlink()
    assert not list(index_dir.glob(f"*{one.id}*"))
    assert outside.read_text("utf-8") == "keep"
    assert (kbs.documents_dir(two) / "a.txt").is_file() and (index_dir / two.id / "manifest.json").is_file()
    assert (index_dir / f"{two.id}.quizbank.sqlite").is_file() and (index_dir / f".{two.id}.lock").is_file()
    assert [k.name for k in kbs.list()] == ["默认知识库", "二"]


def test_the_default_kb_is_never_removed(kbs: KbRegistry) -> None:
    kbs.settings.index_dir.mkdir(parents=True, exist_ok=True)
    with pytest.raises(ValueError, match="default"):
        kbs.remove("default")
    with pytest.raises(ValueError, match="默认知识库"):
        kbs.remove("默认知识库")
    assert len(kbs.list()) == 1


# --- export ------------------------------------------------------------------------------------


def test_a_conversation_exports_as_markdown_with_its_citations() -> None:
    text = conversation_markdown("落户", [turn(), turn("烤面包？", NOT_FOUND)])
    assert text.startswith("# 落户\n")
    assert "## 1. 不到300万的城市还限制落户吗" in text and "理解为：城区人口不到300万的城市还限制落户吗？" in text
    assert "[1] 《示范实施方案》（示范实施方案） 二、重点任务 › （三）深化户籍制度改革" in text
    assert "> （三）深化户籍制度改革。全面取消城区常住人口300万以下的城市落户限制。" in text
    assert "**出处**" in text and "**可能相关**" in text


def test_a_conversation_exports_as_word_with_its_citations(tmp_path: Path) -> None:
    path = conversation_docx("落户", [turn()], tmp_path / "c.docx")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[0] == "落户"
    assert "全面取消城区常住人口300万以下的城市落户限制。[1]" in paragraphs
    assert any(p.startswith("[1] 《示范实施方案》") and "（三）" in p for p in paragraphs)
    assert "（三）深化户籍制度改革。全面取消城区常住人口300万以下的城市落户限制。" in paragraphs


def test_two_servers_registering_the_default_together_both_start(tmp_path: Path) -> None:
    # Two `rag serve` sharing one app database start together (tests/test_pg_servers.py): one read the default
    # knowledge base as missing while the other was writing it, and its insert then failed on the name
    # (UNIQUE kbs.folded), so that server exited. Here the other server is a connection holding the write
    # lock; it writes the default row while the registry waits, and the registry must see it.
    import threading
    import time

    from ui.kbs import _SCHEMA, DEFAULT_NAME

    settings = Settings(documents_dir=tmp_path / "documents", index_dir=tmp_path / "index")
    path = app_db_path(settings)
    path.parent.mkdir(parents=True)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.executescript(_SCHEMA)
    other.execute("BEGIN IMMEDIATE")
    errors: list[BaseException] = []

    def register() -> None:
        try:
            KbRegistry(path, settings)
        except BaseException as error:  # the thread's failure is the test's
            errors.append(error)

    thread = threading.Thread(target=register)
    thread.start()
    time.sleep(1.0)  # the registry has read (or waits to read) while the other holds the lock
    other.execute("INSERT INTO kbs (id, name, folded, created) VALUES (?, ?, ?, ?)",
                  (settings.index_name, DEFAULT_NAME, DEFAULT_NAME.casefold(), "2026-12-07T00:00:00+00:00"))
    other.execute("COMMIT")
    thread.join(timeout=30)
    other.close()
    assert not errors, errors
    assert [kb.name for kb in KbRegistry(path, settings).list()] == [DEFAULT_NAME]



def test_new_app_databases_opened_by_several_at_once_all_open(tmp_path: Path) -> None:
    # Switching a new file to WAL needs it alone, and SQLite may answer "database is locked" at once rather
    # than wait the busy timeout: two servers starting together on a new app database had one exit. Four
    # threads open each of 50 new files together (before the retry, 12 of 40 such rounds in processes failed).
    import threading

    from ui.appdb import connect

    errors: list[BaseException] = []
    for round_ in range(50):
        path = tmp_path / f"app{round_}.sqlite3"
        barrier = threading.Barrier(4)

        def open_it(path: Path = path, barrier: threading.Barrier = barrier) -> None:
            try:
                barrier.wait()
                with connect(path) as db:
                    db.execute("CREATE TABLE IF NOT EXISTS t (x)")
            except BaseException as error:  # the thread's failure is the test's
                errors.append(error)

        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors[:3]
