"""The title a document is shown and cited by (rag/ingest/titles.py)."""

from __future__ import annotations

from rag.ingest.dockind import title_kind
from rag.ingest.titles import document_title, printed_in, short_title

LAW = ["中华人民共和国劳动法", "（1994年7月5日第八届全国人民代表大会常务委员会第八次会议通过）", "第一章 总则"]


def test_a_metadata_title_printed_in_the_opening_is_kept() -> None:
    assert document_title("中华人民共和国劳动法", "labour", LAW) == "中华人民共和国劳动法"


def test_a_metadata_title_the_document_never_prints_is_the_tools() -> None:
    # The development PDF of 劳动法 was printed from a web Markdown editor: its metadata title is the editor's page.
    junk = "Markdown在线编辑器，Markdown免费转Word/Html/Pdf - 在线工具"
    assert document_title(junk, "中华人民共和国劳动法", LAW) == "中华人民共和国劳动法"
    assert document_title(junk, "labour-law", LAW) == "中华人民共和国劳动法"  # the heading, the stem has no Han


def test_english_titles_are_compared_by_words() -> None:
    lines = ["California Privacy Rights Act of 2020", "SEC. 1. Title."]
    assert printed_in("California Privacy Rights Act", lines)
    assert not printed_in("Untitled document - Google Docs", lines)


def test_without_metadata_the_file_name_and_heading_decide() -> None:
    lines = ["# 某市屋顶绿化管理办法（试行）", "第一条 …"]
    assert document_title("rooftop-rules", "rooftop-rules", lines) == "某市屋顶绿化管理办法（试行）"
    assert document_title("方案", "方案", ["优化空间格局　增添发展动能", "正文。"]) == "方案"


def test_an_english_statute_is_named_by_its_short_title_clause() -> None:
    lines = [
        "SECTION 1.",
        'This measure shall be known and may be cited as "The California Privacy Rights Act of 2020."',
        "SEC. 2. Findings and Declarations.",
    ]
    assert short_title(lines) == "The California Privacy Rights Act of 2020"
    assert document_title("cpra-2020_prop24", "cpra-2020_prop24", lines) == "The California Privacy Rights Act of 2020"
    assert short_title(["This Act may be cited as the “Clean Air Act”."]) == "Clean Air Act"
    assert short_title(["The plan is known as a model for others."]) == ""


def test_an_eu_act_is_named_by_its_heading_not_its_file_name() -> None:
    # The answers said "Article 33 … of en-gdpr_ch03-ch04s2-ch08 states": the heading names the
    # act by its kind first, which no title pattern read.
    gdpr = ["REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", "of 27 April 2016", "CHAPTER III"]
    assert document_title("en-gdpr_ch03-ch04s2-ch08", "en-gdpr_ch03-ch04s2-ch08", gdpr) == gdpr[0]
    air = ["# Regulation (EC) No 261/2004 — air passenger rights", "Article 1"]
    assert document_title("eu-261-2004", "eu-261-2004", air) == "Regulation (EC) No 261/2004 — air passenger rights"
    assert title_kind("Commission Implementing Regulation (EU) 2019/947 of 24 May 2019") == "regulation"
    assert title_kind("Guidance on Regulation (EU) 2016/679") == ""  # about the act, not the act


def test_the_english_of_a_chinese_instrument_names_its_kind_first() -> None:
    # "prc-en.txt" under "Regulations on the Administration of Housing Provident Fund" was cited as
    # "prc-en" and read as a law: the English names the kind before what it governs.
    title = "Regulations on the Administration of Housing Provident Fund"
    assert document_title("prc-en", "prc-en", [title, "Chapter I General Provisions"]) == title
    assert title_kind(title) == "regulation"
    assert title_kind("Interim Measures for the Administration of Online Lending") == "regulation"
    assert title_kind("Law of the People's Republic of China on Work Safety") == "law"
    assert title_kind("Labour Law of the People's Republic of China") == "law"
    assert title_kind("Guiding Opinions on Promoting the Healthy Development of Platforms") == "policy"
    assert title_kind("Measures taken by the city in 2020") == ""
