"""Fast tests of the UI: rendering and escaping, citation links, i18n, follow-ups, the backend.

The app-level tests run the real pipeline code over a tiny index built with the hashing
embedder (milliseconds); the real model and the browser are in ``test_ui_browser.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from rag.index.build import build_index
from rag.pipeline import Pipeline
from rag.settings import Settings
from rag.text import HAN
from tests.conftest import CountingEmbedder
from ui import chat
from ui.app import auth_from_env, build_app, launch_options
from ui.backend import Backend, safe_name
from ui.followup import Understood, contextualize, is_followup, understand
from ui.i18n import LANGS, STRINGS, normalize_lang, t
from ui.render import (
    ClauseView,
    answer_html,
    answer_text_html,
    clause_html,
    clause_tree_html,
    copy_text,
    sources_html,
    transcript_html,
)
from ui.turns import AnswerView, Turn

SCRIPT = "<script>alert('x')</script>"


def answer_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "question": "城区人口不到300万的城市还限制落户吗？",
        "answer": "否。全面取消城区常住人口300万以下的城市落户限制。[1]",
        "abstained": False,
        "citations": [
            {
                "n": 1,
                "doc": "示范实施方案",
                "title": "示范实施方案",
                "label": "（三）",
                "path": ["二、重点任务", "（三）深化户籍制度改革"],
                "text": "（三）深化户籍制度改革。全面取消城区常住人口300万以下的城市落户限制。",
                "score": 0.9,
            }
        ],
        "sentences": [
            {"text": "否。", "citations": [], "supported": True},
            {"text": "全面取消城区常住人口300万以下的城市落户限制。", "citations": [1], "supported": True},
        ],
    }
    data.update(changes)
    return data


# --- rendering ---------------------------------------------------------------------------


def test_markers_become_citation_links() -> None:
    html = answer_text_html(AnswerView.from_json(answer_json()), turn=3)
    assert '<a class="cite" href="#" role="button" data-turn="3" data-n="1">[1]</a>' in html
    assert html.count('class="cite"') == 1


def test_a_marker_pointing_nowhere_stays_text() -> None:
    html = answer_text_html(AnswerView.from_json(answer_json(answer="有规定。[1][7]")), turn=0)
    assert 'data-n="1"' in html
    assert 'data-n="7"' not in html
    assert "[7]" in html


def test_document_and_model_text_is_escaped_everywhere() -> None:
    data = answer_json(answer=f"{SCRIPT}[1]", question=SCRIPT)
    data["citations"][0].update(title=SCRIPT, text=f"正文{SCRIPT}", label=SCRIPT, path=[SCRIPT])
    data["sentences"] = [{"text": SCRIPT, "citations": [1], "supported": False}]
    answer = AnswerView.from_json(data)
    turn = Turn(asked=SCRIPT, question=SCRIPT + "？", answer=answer)
    view = ClauseView("d<i>", SCRIPT, (SCRIPT,), SCRIPT, 1, f"前文{SCRIPT}后文", prev=(0, SCRIPT), next=(2, SCRIPT))
    rendered = [
        transcript_html([turn]),
        transcript_html([Turn(asked=SCRIPT, question=SCRIPT, error=SCRIPT)]),
        transcript_html([Turn(asked=SCRIPT, question=SCRIPT, partial=SCRIPT)]),
        clause_html(view, [(2, 2 + len(SCRIPT))]),
        clause_tree_html([view]),
    ]
    for html in rendered:
        assert "<script" not in html.lower()
        assert "&lt;script&gt;" in html
    assert 'data-doc="d&lt;i&gt;"' in rendered[3]


def test_unsupported_sentences_are_flagged() -> None:
    data = answer_json(
        answer="全面取消落户限制。[1]到2030年全部完成。[1]",
        sentences=[
            {"text": "全面取消落户限制。", "citations": [1], "supported": True},
            {"text": "到2030年全部完成。", "citations": [1], "supported": False},
        ],
    )
    html = answer_text_html(AnswerView.from_json(data), 0)
    assert '<span class="unsupported"' in html
    flagged = html.split('<span class="unsupported"', 1)[1]
    assert "到2030年全部完成。" in flagged and "全面取消" not in flagged


def test_source_list_under_every_answer() -> None:
    html = answer_html(AnswerView.from_json(answer_json()), 0)
    assert '<div class="sources">' in html
    assert "《示范实施方案》" in html
    assert "二、重点任务 › （三）深化户籍制度改革" in html
    assert 'class="cite src"' in html


def test_not_found_shows_nearest_clauses_as_possibly_related() -> None:
    data = answer_json(answer="所提供的文件中没有找到相关规定。", abstained=True, sentences=[])
    answer = AnswerView.from_json(data)
    html = answer_html(answer, 0)
    assert "answer-text abstained" in html
    assert "可能相关" in html and "maybe-block" in html
    assert 'class="cite"' not in html.split('<div class="sources')[0]  # the statement claims nothing
    assert "可能相关" in copy_text(answer)
    assert "Possibly related" in sources_html(answer, 0, "en")


def test_a_reply_to_small_talk_is_plain_text_and_not_found_stands_out() -> None:
    hello = answer_json(answer="你好！我是政策文件问答助手。", abstained=True, citations=[], sentences=[])
    assert '<div class="answer-text">' in answer_html(AnswerView.from_json(hello), 0)
    empty = answer_json(answer="所提供的文件中没有找到相关规定。", abstained=True, citations=[], sentences=[])
    assert "answer-text abstained" in answer_html(AnswerView.from_json(empty), 0)  # nothing in the index


def test_copy_text_carries_the_sources() -> None:
    text = copy_text(AnswerView.from_json(answer_json()))
    assert text.startswith("否。全面取消城区常住人口300万以下的城市落户限制。[1]")
    assert "[1] 《示范实施方案》 二、重点任务 › （三）深化户籍制度改革" in text
    assert 'data-copy="' in answer_html(AnswerView.from_json(answer_json()), 0)


def test_clause_panel_highlights_supporting_sentences_and_links_neighbours() -> None:
    view = ClauseView(
        "示范实施方案",
        "示范实施方案",
        ("二、重点任务", "（三）深化户籍制度改革"),
        "（三）",
        4,
        "（三）深化户籍制度改革。全面取消城区常住人口300万以下的城市落户限制。放宽其他城市条件。",
        prev=(3, "本部分明确重点任务。"),
        next=(5, "（四）完善公共服务"),
    )
    quote = "全面取消城区常住人口300万以下的城市落户限制"
    at = view.text.index(quote)
    html = clause_html(view, [(at, at + len(quote))])
    assert f"<mark>{quote}</mark>" in html and html.count("<mark>") == 1
    assert 'data-ordinal="3"' in html and 'data-ordinal="5"' in html
    assert "上一条" in html and "下一条" in html
    assert '<span class="crumb">二、重点任务</span>' in html


def test_the_clause_panel_shows_markdown_headings_as_words() -> None:
    """A Markdown text's unit keeps "### Article 6" (its offsets are the document's); the panel
    shows "Article 6", and a mark over the heading still paints its words."""
    from ui.clause_html import marked_text

    text = "### Article 6\nClassification rules\n1. Irrespective of whether…"
    assert marked_text(text, []) == "Article 6\nClassification rules\n1. Irrespective of whether…"
    assert marked_text(text, [(0, 13)]).startswith("<mark>Article 6</mark>\n")
    assert "#" not in marked_text("## SECTION 1\n### Article 6", [])
    assert marked_text("Point #3 stays", []) == "Point #3 stays"  # only a line's opening marks


def test_the_panel_paints_exactly_the_spans_of_the_answer_json() -> None:
    """The clause panel marks what the citation check recorded, and nothing it decides itself."""
    clause = "推进基本公共服务均等化。保障随迁子女受教育权利。其他事项另行规定。"
    data = {
        "question": "q",
        "answer": "保障随迁子女平等受教育的权利。[1]Children are protected.[1]",
        "abstained": False,
        "citations": [{"n": 1, "doc": "d", "title": "T", "label": "（四）", "path": [], "text": clause, "score": 1}],
        "sentences": [
            {"text": "保障随迁子女平等受教育的权利。", "citations": [1], "supported": True, "spans": [[1, 12, 18]]},
            {"text": "Children are protected.", "citations": [1], "supported": True},
        ],
    }
    answer = AnswerView.from_json(data)
    assert answer.spans(1) == [(12, 18)] and answer.by_meaning(1)
    view = ClauseView("d", "T", (), "（四）", 4, "（四）完善公共服务。" + clause)
    marks = chat.shift_marks(answer.spans(1), clause, view.text)
    html = clause_html(view, marks, by_meaning=True)
    assert "<mark>保障随迁子女</mark>" in html and html.count("<mark>") == 1
    assert "按语义" in html  # the English sentence rests on the clause by meaning: said, not painted
    assert chat.shift_marks([(0, 3)], clause, "完全不同的条文") == []  # the clause changed: mark nothing


def test_an_english_answer_marks_the_whole_quoted_sentence(backend: Backend) -> None:
    data = backend.ask("What does the plan say about the urban settlement restrictions?")
    answer = AnswerView.from_json(data)
    sentence = answer.sentences[0]
    quote = sentence.text[sentence.text.index("“") + 1 : sentence.text.index("”")].rstrip("。")
    clause = answer.citations[0].text
    marked = [clause[a:b] for a, b in answer.spans(1)]
    assert quote in marked, (quote, marked)  # the whole quoted sentence, not a fragment of it


def test_clause_tree_nests_by_heading_path() -> None:
    views = [
        ClauseView("d", "T", ("一、总体要求",), "一、", 1, "一、总体要求"),
        ClauseView("d", "T", ("一、总体要求", "（一）指导思想"), "（一）", 2, "（一）指导思想。坚持……"),
        ClauseView("d", "T", (), "第1段", 0, "前言"),
    ]
    html = clause_tree_html(views)
    assert html.index("一、总体要求") < html.index("（一）指导思想")
    assert "<details open><summary>" in html
    assert html.count('class="nav tree-link"') == 3


def test_empty_transcript_shows_welcome_in_the_chosen_language() -> None:
    assert t("welcome", "zh") in transcript_html([], "zh")
    assert t("welcome", "en") in transcript_html([], "en")


# --- i18n --------------------------------------------------------------------------------


def test_every_string_has_both_languages() -> None:
    for key, entry in STRINGS.items():
        for lang in LANGS:
            assert entry.get(lang), f"{key} has no {lang} text"


def test_t_formats_and_falls_back() -> None:
    assert t("upload_hint", "en", mb=50).startswith("Accepted")
    assert "50 MB" in t("upload_hint", "zh", mb=50)
    assert t("title", "fr") == t("title", "zh")
    with pytest.raises(KeyError):
        t("no-such-key")
    assert normalize_lang("English") == "en" and normalize_lang("中文") == "zh" and normalize_lang(None) == "zh"


def test_the_language_switch_relabels_registered_components() -> None:
    from ui.labels import Labels

    with gr.Blocks():
        labels = Labels()
        labels.add(gr.Button(t("send")), value="send")
        labels.add(gr.Textbox(), label="question", placeholder="question_placeholder")
        labels.add_props(gr.Radio(choices=["zh"]), lambda lang: {"choices": [lang]})
    send, box, radio = labels.updates("en")
    assert send["value"] == "Ask"
    assert box["label"] == "Question" and box["placeholder"].startswith("e.g.")
    assert radio["choices"] == ["en"]
    assert labels.updates("zh")[0]["value"] == "提问"


# --- follow-ups --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("那300万以上的呢？", "城区人口300万以上的城市还限制落户吗？"),
        ("那城区人口500万以上的城市呢？", "城区人口500万以上的城市还限制落户吗？"),
        ("那县城呢？", "关于县城：城区人口不到300万的城市还限制落户吗？"),
        ("老旧小区改造有什么目标？", "老旧小区改造有什么目标？"),
    ],
)
def test_followups_are_completed_from_the_previous_question(question: str, expected: str) -> None:
    assert contextualize(question, ["城区人口不到300万的城市还限制落户吗？"]) == expected


def test_a_quantity_asked_again_replaces_the_previous_one() -> None:
    # hz25-10 (stop 55): searched with both years ("…（接上文：…到2023年降到了多少？）") and refused.
    previous = "圆桌里说，广东省的城乡收入比到2023年降到了多少？"
    assert contextualize("那2013年的时候是多少？", [previous]) == "圆桌里说，广东省的城乡收入比到2013年降到了多少？"
    # Anything else new beyond the quantity keeps the question whole.
    assert contextualize("那2013年的农村是多少？", [previous]).startswith("那2013年的农村是多少？（接上文")


def test_followups_chain_and_need_history() -> None:
    first = "城区人口不到300万的城市还限制落户吗？"
    second = contextualize("那300万以上的呢？", [first])
    assert contextualize("那500万以上的呢？", [first, second]) == "城区人口500万以上的城市还限制落户吗？"
    assert contextualize("那300万以上的呢？", []) == "那300万以上的呢？"
    assert contextualize("What about towns?", ["Do big cities restrict hukou?"]) == (
        "Regarding towns: Do big cities restrict hukou?"
    )
    assert not is_followup("城区人口不到300万的城市还限制落户吗？那么其他城市的落户条件又是怎么规定的呢？")


def test_a_framed_or_pointing_follow_up_keeps_its_question_and_gets_the_earlier_one() -> None:
    # "那…呢" and "And what about …" frame a follow-up at any length.
    assert is_followup("那要是涉及金融安全、还有危害后果的呢？")
    framed = "And what about cities with more than 5 million urban residents?"
    assert contextualize(framed, ["Is hukou restricted?"]) == (
        "Regarding cities with more than 5 million urban residents: Is hukou restricted?"
    )
    # A question asking its own thing keeps it, with the earlier question for retrieval.
    board = "How many members does the Agency's board have?"
    assert understand("Who appoints them?", [board]) == Understood(f"Who appoints them? (following: {board})", False)
    assert contextualize("Who has to authorize it for children under 13?", [board]).endswith(f"(following: {board})")
    assert understand("那补贴多少钱？", ["老旧小区改造能不能加装电梯？"]) == Understood(
        "那补贴多少钱？（接上文：老旧小区改造能不能加装电梯？）", False
    )
    # "那" opening a question points back at any length, "that" before the last word too.
    assert understand("那条件差的偏远地方呢，能晚点上吗？", ["孩子满几岁就必须送去上学？"]) == Understood(
        "那条件差的偏远地方呢，能晚点上吗？（接上文：孩子满几岁就必须送去上学？）", False
    )
    assert is_followup("那房东通知以后，租客多少天不表态就算放弃了？")
    assert not is_followup("房东通知以后，租客多少天不表态就算放弃了？")
    # ...but "那篇" names a document (stop 61: 13 questions of the sets standing alone were taken for follow-ups).
    assert not is_followup("那篇论文说城乡发展不平衡不协调，具体表现在哪些地方？帮我概括几条。")
    assert is_followup("那种地、收庄稼用机器的比例呢，要提到多少？")
    assert is_followup("Can the business extend that deadline?")
    assert not is_followup("Is it true that fines are capped at 4 percent of turnover?")
    # Carrying on ("OK, so …", "So …", "Then …") with a pronoun points back at a framed follow-up's length
    # (stop 64's ko-17, fifteen words, was sent alone).
    assert is_followup("OK, so what do we have to do if we decide not to follow it?")
    assert not is_followup("What do we have to do if we decide not to follow the coordinator's plan at all?")
    # "it" as a dummy subject and a long question point nowhere.
    assert not is_followup("How much does it cost to file a complaint with the Agency?")
    assert not is_followup(
        "What obligations do providers of high-risk AI systems have before they place them on the market?"
    )


def test_a_clause_number_follow_up_replaces_the_number_never_adds_it() -> None:
    understood = understand("第十三条呢？", ["实施方案第十二条讲了什么？"])
    assert understood == Understood("实施方案第十三条讲了什么？", True)
    assert understand("那（七）呢？", ["实施方案的（六）讲什么？"]).question == "实施方案的（七）讲什么？"
    assert understand("那第十三条的内容呢", ["实施方案第十二条讲了什么？"]).question == "实施方案第十三条讲了什么？"
    # A notice's item is cited with its part ("三（一）"): each part is replaced by its own kind.
    assert understand("那三（二）呢？", ["实施意见三（一）是关于什么的？"]).question == "实施意见三（二）是关于什么的？"
    assert understand("那（二）呢？", ["实施意见三（一）是关于什么的？"]).question == "实施意见三（二）是关于什么的？"
    assert understand("那四（一）呢？", ["实施意见三（一）讲什么？"]).question == "实施意见四（一）讲什么？"
    assert understand("那三（二）呢？", ["实施意见的（一）讲什么？"]).question == "实施意见的三（二）讲什么？"


def test_a_follow_up_naming_another_party_or_phrase_swaps_it_in() -> None:
    # Another party of the same rule: the previous question's subject is replaced.
    assert understand("那提供者呢？", ["部署者要把高风险AI系统自动生成的日志保存多久？"]) == Understood(
        "提供者要把高风险AI系统自动生成的日志保存多久？", True
    )
    lessee = understand("那承租人呢？", ["出租人可以随时解除不定期租赁合同吗？"])
    assert lessee.question == "承租人可以随时解除不定期租赁合同吗？"
    # Not a party: no swap ("民办学校" is not what "农民工的孩子" stood for).
    assert not understand("那民办学校呢？", ["农民工的孩子能在城里上公办学校吗？"]).clean
    # English: the phrase from the follow-up's first word to its last is rewritten.
    previous = "Are cities with fewer than 3 million urban residents still restricted?"
    assert understand("And what about cities with more than 5 million urban residents?", [previous]) == Understood(
        "Are cities with more than 5 million urban residents still restricted?", True
    )
    assert not understand("And what about the deployer?", ["How long must the provider keep the logs?"]).clean
    consumer = understand("And what about a consumer?", ["Can a business refuse a consumer's request?"])
    assert consumer.question == "Regarding a consumer: Can a business refuse a consumer's request?"



def test_a_follow_up_naming_another_document_asks_the_same_of_it() -> None:
    # "那社会保险法呢？" after "工伤保险条例讲了什么？" was "关于社会保险法：工伤保险条例讲了什么？": two
    # documents named, and the answer was the first one's.
    assert understand("那社会保险法呢？", ["工伤保险条例讲了什么？"]) == Understood("社会保险法讲了什么？", True)
    assert contextualize("那刑法呢？", ["盗窃罪在治安管理处罚法里怎么处罚？"]) == "盗窃罪在刑法里怎么处罚？"
    assert contextualize("那劳动合同法呢？", ["根据劳动法，加班费怎么算？"]) == "根据劳动合同法，加班费怎么算？"
    assert contextualize("那《实施意见》呢？", ["《实施方案》讲了什么？"]) == "《实施意见》讲了什么？"
    assert contextualize("What about the GDPR?", ["What is the CPRA about?"]) == "What is the GDPR about?"
    fines = contextualize("And the AI Act?", ["What does the GDPR say about fines?"])
    assert fines == "What does the AI Act say about fines?"
    # No document in the previous question: the follow-up's topic goes in front, as before.
    assert not understand("那社会保险法呢？", ["职工上下班路上出车祸算工伤吗？"]).clean


def test_a_question_pointing_back_at_a_quantity_is_a_follow_up() -> None:
    understood = understand("还在试用期的话也得提前这么多天吗？", ["我想辞职，要提前多少天跟单位说？"])
    assert understood.question == "还在试用期的话也得提前这么多天吗？（接上文：我想辞职，要提前多少天跟单位说？）"
    assert understand("试用期可以约定多长？", ["我想辞职，要提前多少天跟单位说？"]).question == "试用期可以约定多长？"


def test_a_pronoun_follow_up_gets_the_previous_subject() -> None:
    previous = ["农民工的孩子能在城里上公办学校吗？"]
    for asked in ("那他们能在当地参加中考吗？", "他们能在当地参加中考吗？"):
        assert understand(asked, previous) == Understood("农民工的孩子能在当地参加中考吗？", True)


def test_only_clean_rewrites_are_shown() -> None:
    garbled = understand("那县城呢？", ["城区人口不到300万的城市还限制落户吗？"])
    assert not garbled.clean and garbled.question.startswith("关于县城：")  # for retrieval only
    assert not understand("What about towns?", ["Do big cities restrict hukou?"]).clean
    assert not understand("这个政策什么时候实施？", ["老旧小区改造有什么目标？"]).clean
    hidden = Turn(asked="那县城呢？", question=garbled.question, clean=False)
    shown = Turn(asked="那300万以上的呢？", question="城区人口300万以上的城市还限制落户吗？")
    assert "理解为" not in transcript_html([hidden])
    assert "理解为：城区人口300万以上的城市还限制落户吗？" in transcript_html([shown])


def test_a_clause_number_follow_up_is_answered_from_that_clause_only(backend: Backend) -> None:
    turns = answered(backend, "示范实施方案（三）讲了什么？")
    first = turns[-1].answer
    assert first is not None and [c.label for c in first.citations] == ["（三）"], turns[-1].error
    turns = answered(backend, "（四）呢？", turns)
    assert turns[-1].question == "示范实施方案（四）讲了什么？"
    answer = turns[-1].answer
    assert answer is not None and [c.label for c in answer.citations] == ["（四）"]
    assert "（三）" not in answer.answer


# --- safety helpers ----------------------------------------------------------------------


def test_safe_name_keeps_only_a_plain_file_name() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\docs\\方案.txt") == "方案.txt"
    assert safe_name(".hidden.txt") is None
    assert safe_name("~$方案.docx") is None  # the loader's hidden-file rule: Word's lock file
    assert safe_name("a\x00b.txt") is None
    assert safe_name("") is None


def test_login_only_when_both_variables_are_set() -> None:
    assert auth_from_env({}) is None
    check = auth_from_env({"RAG_UI_USER": "u", "RAG_UI_PASSWORD": "p"})
    assert check is not None and check("u", "p") and not check("u", "x") and not check("x", "p")
    with pytest.raises(ValueError, match="RAG_UI_PASSWORD"):
        auth_from_env({"RAG_UI_USER": "u"})


def test_launch_options_limit_uploads_and_serve_no_extra_paths(settings: Settings) -> None:
    options = launch_options(settings.with_(max_file_mb=2.0, port=7999), env={})
    assert options["max_file_size"] == 2 * 2**20
    assert options["server_port"] == 7999 and options["server_name"] == "127.0.0.1"
    assert "allowed_paths" not in options and options["auth"] is None


# --- the app over a tiny real index -------------------------------------------------------


def event(**data: Any) -> gr.EventData:
    return gr.EventData(None, data)


def answered(backend: Backend, question: str, turns: list[Turn] | None = None) -> list[Turn]:
    steps: Iterator[tuple[str, list[Turn], Any]] = chat.respond(backend, question, turns or [], None, "zh")
    first, *_, (html, turns_out, box) = list(steps)
    # The box is emptied once, when the question is shown; the answer's steps leave it alone, so
    # a next question typed meanwhile is not wiped.
    assert first[2] == "" and box == gr.skip()
    assert html == transcript_html(turns_out)
    return turns_out


def test_a_question_is_answered_and_a_citation_opens_its_clause(backend: Backend) -> None:
    turns = answered(backend, "城区常住人口300万以下的城市落户限制")
    answer = turns[-1].answer
    assert answer is not None and not answer.abstained, turns[-1].error
    html, opened = chat.open_citation(backend, turns, "zh", event(turn="0", n="1"))
    assert opened is not None
    assert "深化户籍制度改革" in html and "<mark>" in html
    neighbour, still = chat.navigate(backend, opened, "zh", event(doc=opened.doc_id, ordinal=str(opened.ordinal + 1)))
    assert "完善公共服务" in neighbour and still == opened
    back, _ = chat.navigate(backend, opened, "zh", event(doc=opened.doc_id, ordinal=str(opened.ordinal)))
    assert "<mark>" in back


def test_follow_up_turn_records_how_it_was_understood(backend: Backend) -> None:
    turns = answered(backend, "城区人口不到300万的城市还限制落户吗？")
    turns = answered(backend, "那300万以上的呢？", turns)
    assert turns[-1].question == "城区人口300万以上的城市还限制落户吗？"
    assert "理解为" in transcript_html(turns)


def test_bad_clicks_and_empty_questions_do_not_break_the_page(backend: Backend) -> None:
    html, opened = chat.open_citation(backend, [], "zh", event(turn="5", n="x"))
    assert opened is None and "clause empty" in html
    steps = list(chat.respond(backend, "   ", [], None, "zh"))
    assert steps[-1][1] == []


def test_ask_endpoint_returns_the_cli_json(backend: Backend) -> None:
    data = backend.ask("全面取消城区常住人口300万以下的城市落户限制了吗？")
    assert set(data) == {"question", "answer", "abstained", "citations", "sentences"}
    expected = backend.pipeline().ask("全面取消城区常住人口300万以下的城市落户限制了吗？").to_json()
    assert data == expected


def test_upload_indexes_a_file_and_remove_deletes_it(backend: Backend, tmp_path: Path) -> None:
    upload = tmp_path / "upload"
    upload.mkdir()
    good = upload / "住房保障办法.txt"
    good.write_text("第一条 为做好保障性租赁住房工作，制定本办法。\n\n第二条 新市民可以申请保障性租赁住房。\n", "utf-8")
    bad = upload / "notes.exe"
    bad.write_bytes(b"MZ")
    steps: list[tuple[float, str]] = []
    result = backend.upload([(good.name, good), (bad.name, bad)], lambda f, m: steps.append((f, m)))
    assert [name for name, _, _ in result.rejected] == ["notes.exe"]
    assert result.report is not None and result.report.added == ["住房保障办法"]
    assert [m for _, m in steps] == ["copy", "index", "reload"]
    assert "住房保障办法" in [d.doc_id for d in backend.documents()]
    assert not (backend.settings.uploads_path / "notes.exe").exists()
    data = backend.ask("新市民可以申请保障性租赁住房吗？")
    assert data["citations"][0]["doc"] == "住房保障办法"

    backend.remove("住房保障办法")
    assert "住房保障办法" not in [d.doc_id for d in backend.documents()]
    assert not (backend.settings.uploads_path / "住房保障办法.txt").exists()


def test_remove_refuses_files_outside_the_documents_dir(backend: Backend, tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        backend.remove("no-such-doc")


def test_the_app_builds_with_named_ask_endpoint(backend: Backend, settings: Settings) -> None:
    demo = build_app(settings, backend=backend)
    names = [d.api_name for d in demo.fns.values() if d.api_visibility == "public"]
    assert names == ["ask", "upload"]  # upload checks the editor role (tests/test_pg_servers.py)
    assert demo._queue.max_size is not None


def test_llm_answers_stream_into_the_transcript(settings: Settings) -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from rag.answer.llm import LLMAnswerer
    from rag.index.store import load_index

    embedder = CountingEmbedder(64)
    build_index(settings, lambda: embedder, None, progress=False)
    reply = "全面取消城区常住人口300万以下的城市落户限制。[1]"
    model = FakeListChatModel(responses=[reply])  # streams the reply one character at a time
    pipeline = Pipeline(load_index(settings.index_path), embedder, LLMAnswerer(model))
    backend = Backend(settings, pipeline)
    steps = list(chat.respond(backend, "城区常住人口300万以下的城市落户限制", [], None, "zh"))
    streamed = [html for html, _, _ in steps if 'class="answer-text streaming"' in html]
    assert len(streamed) > 3
    final_turns = steps[-1][1]
    assert final_turns[-1].answer is not None and not final_turns[-1].answer.abstained
    assert 'data-n="1"' in steps[-1][0]


def test_the_document_filter_limits_the_sources(backend: Backend) -> None:
    steps = list(chat.respond(backend, "出租人应当遵守哪些规定？", [], ["住房租赁条例"], "zh"))
    answer = steps[-1][1][-1].answer
    assert answer is not None
    assert answer.citations and {c.doc for c in answer.citations} == {"住房租赁条例"}


def test_the_app_starts_without_an_index_and_an_upload_creates_it(settings: Settings, tmp_path: Path) -> None:
    empty = settings.documents_dir.parent / "empty-docs"
    empty.mkdir()
    backend = Backend(settings.with_(documents_dir=empty))
    assert not backend.ready() and backend.documents() == []
    steps = list(chat.respond(backend, "有什么规定？", [], None, "zh"))
    assert steps[-1][1][-1].error == t("no_index", "zh")
    source = tmp_path / "条例.txt"
    source.write_text("第一条 本条例适用于城市住房租赁。\n\n第二条 出租人不得违规改建房屋。\n", "utf-8")
    result = backend.upload([(source.name, source)])
    assert result.report is not None and backend.ready()
    assert [d.doc_id for d in backend.documents()] == ["条例"]
    assert (backend.settings.uploads_path / "条例.txt").is_file() and not any(empty.iterdir())


def test_quiz_page_generates_items_with_sources_and_exports(backend: Backend) -> None:
    from ui.quiz import generate

    html, files = generate(backend, None, 3, ["true_false", "fill_blank"], "medium", 1, ["json", "md"], "zh")
    assert '<div class="quiz">' in html and "出处" in html
    assert files is not None and sorted(Path(f).suffix for f in files) == [".json", ".md"]


# --- i18n completeness (issue 14: every string of each UI in its own language) ----------------



def test_every_component_label_follows_the_language_switch(backend: Backend, settings: Settings) -> None:
    """No Chinese left in the English interface, and every labelled component is translated."""
    from ui.labels import Labels

    labels = Labels()
    demo = build_app(settings, backend=backend, labels=labels)
    registered = {id(c) for c in labels.components}
    content = {"example"}  # the example questions are content (questions asked of Chinese documents)
    for block in demo.blocks.values():
        classes = set(getattr(block, "elem_classes", None) or [])
        texts = [getattr(block, prop, None) for prop in ("label", "placeholder", "info")]
        if isinstance(block, (gr.Button, gr.Markdown)):
            texts.append(getattr(block, "value", None))
        chinese = [x for x in texts if isinstance(x, str) and HAN.search(x)]
        if chinese and not classes & content:
            assert id(block) in registered, f"{type(block).__name__} {chinese} does not follow the switch"
    for update in labels.updates("en"):
        for prop in ("label", "placeholder", "info", "value"):
            text = update.get(prop)
            assert not (isinstance(text, str) and HAN.search(text)), f"English UI shows {text!r}"


def test_every_english_string_is_free_of_chinese() -> None:
    assert not [key for key, entry in STRINGS.items() if HAN.search(entry["en"])]


def test_reasons_of_skipped_files_are_never_half_english_in_the_chinese_ui() -> None:
    from ui.reasons import reason_text

    reasons = (
        "corrupt PDF: not a PDF file (no %PDF header)",
        "encrypted PDF: a password is needed to open it",
        "binary file (contains NUL bytes), not text",
        "too large: 60.0 MB, the limit is 50.0 MB",
        "no text left after cleaning (only page marks, spaces or invisible characters)",
        "something nobody foresaw: KeyError 'x'",
    )
    for reason in reasons:
        zh = reason_text(reason, "zh")
        assert HAN.search(zh) and not re.search(r"[A-Za-z]{3,}", zh.replace("PDF", "").replace("UTF", "")), zh
        assert reason_text(reason, "en") == reason
    line = t("skipped", "zh", source="binary.pdf", reason=reason_text(reasons[0], "zh"))
    assert line == "未能读取：binary.pdf（不是有效的 PDF 文件（缺少 PDF 文件头））"


def test_the_pending_answer_has_no_emoji_glyph() -> None:
    from ui.style import CSS

    html = transcript_html([Turn(asked="问", question="问")])
    assert "正在检索条款" in html and "⏳" not in html + CSS and "…" not in t("thinking")


def test_the_documents_page_has_its_own_hint_and_distinct_dropdowns() -> None:
    from ui.documents import viewer_placeholder

    assert "[n]" not in viewer_placeholder("zh") and "条款目录" in viewer_placeholder("zh")
    assert t("pick_doc") != t("remove_pick") and t("pick_doc", "en") != t("remove_pick", "en")


def test_launch_shows_no_api_footer_and_sets_gradios_locale(settings: Settings) -> None:
    from ui.app import LOCALE_JS

    options = launch_options(settings)
    assert options["footer_links"] == [] and options["js"] == LOCALE_JS and "changeLocale" in LOCALE_JS
    assert "window.ragGradioWords(lang)" in LOCALE_JS  # Gradio's widgets already drawn follow the switch


def test_gradios_own_words_translate_both_ways_and_match_gradios_zh_cn() -> None:
    from ui import gradio_words

    zh, en = gradio_words.table("zh"), gradio_words.table("en")
    assert zh["Drop File Here"] == "将文件拖放到此处" and zh["processing |"] == "处理中 |"
    assert {v: k for k, v in zh.items()} == en  # one pair per word: a switch back restores the words
    script = gradio_words.script()
    assert '"Click to Upload": "点击上传"' in script and "排队：$1/$2 |" in script
    # The Chinese drop-zone words are Gradio's own zh-CN ones, so both drawings look the same.
    import gradio

    assets = Path(gradio.__file__).parent / "templates" / "frontend" / "assets"
    zh_cn = "".join(p.read_text("utf-8") for p in assets.glob("zh-CN-*.js"))
    for key, chinese in (("drop_file", "将文件拖放到此处"), ("click_to_upload", "点击上传")):
        assert f"{key}:`{chinese}`" in zh_cn, key


def test_a_pipeline_rebuilt_after_an_upload_keeps_the_settings_retrieval_options(settings: Settings) -> None:
    from ui.backend import default_factory

    embedder = CountingEmbedder(64)
    build_index(settings, lambda: embedder, None, progress=False)
    tuned = settings.with_(formal_boost=0.2, kinds="law,policy")
    pipeline = default_factory(tuned, embedder)
    assert pipeline.retriever.options.formal_boost == 0.2
    assert pipeline.retriever.options.kinds == ("law", "policy")


def test_a_follow_up_replaces_a_range_whole() -> None:
    """"满10年不满20年的" is one quantity: replacing its first end gave "工作满20年不满20年的职工"."""
    previous = "工作满10年不满20年的职工，每年能休几天年假？"
    assert understand("那满20年的呢？", [previous]) == Understood("工作满20年的职工，每年能休几天年假？", True)
    assert contextualize("那500万以上的呢？", ["城区人口300万至500万的城市落户条件是什么？"]) == (
        "城区人口500万以上的城市落户条件是什么？"
    )


def test_an_english_follow_up_asking_its_own_question_keeps_it() -> None:
    """"And can they …?" and "And what if …?" are questions of their own: sent whole with the earlier
    one, not as a topic put before it ("Regarding can they give me a store voucher …: …")."""
    refund = "How fast do they have to give me my money back?"
    voucher = "And can they give me a store voucher instead?"
    assert understand(voucher, [refund]) == Understood(f"{voucher} (following: {refund})", False)
    told = "And what if the website never mentioned I had that right?"
    assert contextualize(told, [refund]) == f"{told} (following: {refund})"
    assert contextualize("What if I never got a receipt?", [refund]).endswith(f"(following: {refund})")
    # A noun phrase is still a topic.
    assert contextualize("And what about the deployer?", ["How long must the provider keep the logs?"]) == (
        "Regarding the deployer: How long must the provider keep the logs?"
    )


def test_stop_62_a_follow_up_asking_how_big_keeps_its_own_question() -> None:
    # hz32-04, a fresh seed follow-up: "关于行政村呢，平均规模有多大：…自然村平均才住多少人？" opened the
    # 自然村's "200多人".
    previous = "河南的村子普遍都小，那篇文章说一个自然村平均才住多少人？"
    assert contextualize("那行政村呢，平均规模有多大？", [previous]) == (
        f"那行政村呢，平均规模有多大？（接上文：{previous}）"
    )
