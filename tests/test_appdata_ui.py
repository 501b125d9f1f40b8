"""The app's knowledge bases, feedback and retrieval test page over a tiny real index (hashing embedder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from rag.index.build import build_index
from rag.settings import Settings
from tests.conftest import CountingEmbedder
from ui import chat
from ui.app import ask_json, build_app
from ui.appdb import app_db_path
from ui.backend import Backend
from ui.feedback import FeedbackStore, index_version
from ui.feedback_view import give_feedback
from ui.kb_backends import Backends
from ui.kbs import KbRegistry
from ui.retrieval_page import probe_html, run_probe

NEW_LAW = "校车安全条例\n\n第一条 为保障乘坐校车学生的人身安全，制定本条例。\n\n第二条 校车载人不得超过核定载人数。\n"


@pytest.fixture
def backends(settings: Settings) -> Backends:
    build_index(settings, lambda: CountingEmbedder(64), None, progress=False)
    return Backends(Backend(settings), KbRegistry(app_db_path(settings), settings))


def test_a_new_kb_gets_its_own_documents_index_and_answers(backends: Backends, tmp_path: Path) -> None:
    edu = backends.create("教育")
    backend = backends.get("教育")
    assert backend is backends.get(edu.id) and backend is not backends.default
    assert not backend.ready()  # no index until the first upload
    source = tmp_path / "校车安全条例.txt"
    source.write_text(NEW_LAW, "utf-8")
    result = backend.upload([(source.name, source)])
    assert result.saved == [source.name]
    assert (backends.registry.documents_dir(edu) / source.name).is_file()
    assert not (backends.default.settings.uploads_path / source.name).exists()
    # One model for every KB: the new KB's pipeline uses the default KB's embedder.
    assert backend.pipeline().embedder is backends.default.pipeline().embedder
    data = ask_json(backends, "校车载人有什么限制？", "教育")
    assert {c["doc"] for c in data["citations"]} == {"校车安全条例"}
    default = ask_json(backends, "校车载人有什么限制？", "")
    assert "校车安全条例" not in {c["doc"] for c in default["citations"]}
    with pytest.raises(gr.Error, match="社保"):
        ask_json(backends, "校车载人有什么限制？", "社保")


def test_removing_a_kb_keeps_the_default_and_forgets_its_backend(backends: Backends, tmp_path: Path) -> None:
    edu = backends.create("教育")
    source = tmp_path / "校车安全条例.txt"
    source.write_text(NEW_LAW, "utf-8")
    backends.get(edu.id).upload([(source.name, source)])
    before = [d.doc_id for d in backends.default.documents()]
    backends.remove("教育")
    assert [kb.name for kb in backends.knowledge_bases()] == ["默认知识库"]
    assert not (backends.default.settings.index_dir / edu.id).exists()
    assert [d.doc_id for d in backends.default.documents()] == before
    with pytest.raises(KeyError, match="教育"):
        backends.get("教育")
    with pytest.raises(ValueError, match="default"):
        backends.remove("default")


def test_chat_answers_in_the_chosen_kb_and_opens_its_clauses(backends: Backends, tmp_path: Path) -> None:
    edu = backends.create("教育")
    source = tmp_path / "校车安全条例.txt"
    source.write_text(NEW_LAW, "utf-8")
    backends.get(edu.id).upload([(source.name, source)])
    *_, (_, turns, _) = list(chat.respond(backends.get(edu.id), "校车载人有什么限制？", [], None, "zh"))
    answer = turns[-1].answer
    assert answer is not None and answer.citations[0].doc == "校车安全条例"
    html, opened = chat.open_citation(backends.get(edu.id), turns, "zh", gr.EventData(None, {"turn": "0", "n": "1"}))
    assert opened is not None and "核定载人数" in html


def test_feedback_records_the_answer_and_the_index_version(backends: Backends, settings: Settings) -> None:
    store = FeedbackStore(app_db_path(settings))
    *_, (_, turns, _) = list(chat.respond(backends.default, "城区常住人口300万以下的城市落户限制", [], None, "zh"))
    fid = give_feedback(store, backends, "wang", None, turns, 0, "down")
    [row] = store.list(kind="down")
    assert row.id == fid and row.user == "wang" and row.kb == "default"
    assert row.answer["answer"] == turns[0].answer.answer if turns[0].answer else False
    assert row.index == index_version(backends.default.pipeline().index.manifest) and row.index.built
    with pytest.raises(IndexError):
        give_feedback(store, backends, "wang", None, turns, 5, "down")
    with pytest.raises(ValueError, match="'meh'"):
        give_feedback(store, backends, "wang", None, turns, 0, "meh")


def test_retrieval_probe_shows_each_retrievers_scores_and_ranks(backends: Backends) -> None:
    pipeline = backends.default.pipeline()
    probe = run_probe(pipeline, "城区常住人口300万以下的城市落户限制", top_k=3, fusion="weighted")
    assert 1 <= len(probe.rows) <= 3 and [r.rank for r in probe.rows] == list(range(1, len(probe.rows) + 1))
    assert probe.rows[0].label == "（三）"
    top = probe.rows[0]
    assert top.dense is not None and -1.0 <= top.dense <= 1.0 and top.dense_rank is not None
    assert top.lexical is not None and top.lexical > 0 and top.lexical_rank == 1
    assert [r.fused for r in probe.rows] == sorted((r.fused for r in probe.rows), reverse=True)
    lexical_only = run_probe(pipeline, "城区常住人口300万以下的城市落户限制", top_k=3, fusion="lexical")
    assert all(r.dense is None and r.dense_rank is None for r in lexical_only.rows)
    assert pipeline.retriever.options.fusion == "weighted"  # the page's mode never changes the app's
    html = probe_html(probe)
    assert "融合分" in html and "（三）" in html and html.count('class="probe-row"') == len(probe.rows)


@pytest.mark.parametrize(("top_k", "fusion", "shown"), [(0, "rrf", "0"), (21, "rrf", "21"), (3, "magic", "'magic'")])
def test_retrieval_probe_refuses_bad_settings_with_the_value(backends: Backends, top_k: int, fusion: str,
                                                             shown: str) -> None:
    with pytest.raises(ValueError, match=shown):
        run_probe(backends.default.pipeline(), "落户", top_k=top_k, fusion=fusion)


def test_the_app_builds_with_the_ask_and_upload_apis_and_the_kb_parameter(backends: Backends,
                                                                          settings: Settings) -> None:
    demo = build_app(settings, backend=backends.default)
    public = [d for d in demo.fns.values() if d.api_visibility == "public"]
    assert [d.api_name for d in public] == ["ask", "upload"]
    info: Any = demo.get_api_info()
    params = [p["parameter_name"] for p in info["named_endpoints"]["/ask"]["parameters"]]
    assert params == ["question", "kb"]


def _access() -> Any:
    from ui.auth import Access, User

    users = {"root": User("root", "admin", "x"), "ed": User("ed", "editor", "x"), "rd": User("rd", "reader", "x")}
    return Access(users)


def test_only_admins_manage_knowledge_bases(backends: Backends) -> None:
    from ui.auth import Access
    from ui.kb_page import kb_action

    access = _access()
    for who in ("ed", "rd", None, "stranger"):
        done, message, _ = kb_action(backends, access, who, "create", None, "教育", "")
        assert not done and "管理员" in message
    done, message, _ = kb_action(backends, Access({}), None, "create", None, "教育", "")  # no accounts: no admin
    assert not done and [kb.name for kb in backends.knowledge_bases()] == ["默认知识库"]
    done, message, selected = kb_action(backends, access, "root", "create", None, "教育", "")
    assert done and "教育" in message and selected is not None and selected.startswith("kb-")
    done, message, _ = kb_action(backends, access, "root", "create", None, "a/b", "")
    assert not done and "'a/b'" in message  # the bad value in the Chinese message
    done, message, _ = kb_action(backends, access, "root", "remove", selected, "", "教 育")
    assert not done and "“教育”" in message and len(backends.knowledge_bases()) == 2
    done, message, _ = kb_action(backends, access, "root", "remove", "default", "", "默认知识库")
    assert not done and "不能删除" in message
    done, message, after = kb_action(backends, access, "root", "remove", selected, "", "教育")
    assert done and after is None and [kb.name for kb in backends.knowledge_bases()] == ["默认知识库"]


def test_only_admins_read_the_feedback(backends: Backends, settings: Settings) -> None:
    from ui.feedback import IndexVersion
    from ui.feedback_view import admin_rows

    store = FeedbackStore(app_db_path(settings))
    store.add("rd", "default", "down", "q", "q", {"answer": "a"}, IndexVersion("t", "d"))
    access = _access()
    assert admin_rows(store, access, "ed", "", "") is None and admin_rows(store, access, "rd", "", "") is None
    assert [r.kind for r in admin_rows(store, access, "root", "", "") or []] == ["down"]
    assert admin_rows(store, access, "root", "up", "") == []


def test_the_probe_says_why_a_search_matching_no_word_is_not_answered() -> None:
    # Stop 56: a question none of whose words is in any text is refused whatever the model's probability;
    # the page said "probability 0.70 (threshold 0.67)" beside "not answered".
    from rag.retrieve.signals import Signals
    from ui.retrieval_page import Probe

    nothing = Signals(0.86, -4.3, 0.0, 0.0, 0.5, 0.0, 0.0)
    probe = Probe("今晚想做红烧排骨？", "weighted", 3, (), False, False, 0.70, 0.67, nothing)
    html = probe_html(probe)
    assert "都没有出现" in html and "0.70" not in html
    found = Probe("q", "weighted", 3, (), False, True, 0.70, 0.67, Signals(0.86, -4.3, 0.04, 0.0, 0.5, 0.0, 0.0))
    assert "0.70" in probe_html(found)
