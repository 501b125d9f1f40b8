"""Markdown re-flow: soft wraps joined by Markdown's rules, escapes, emphasis and struck text."""

from __future__ import annotations

from rag.ingest.markdown import DELETED_MARK, reflow


def test_soft_wraps_join_and_blank_lines_end_paragraphs() -> None:
    assert reflow("*1798.100. General Duties of Businesses that Collect Personal\nInformation*\n\n1798.100") == (
        "1798.100. General Duties of Businesses that Collect Personal Information\n1798.100")


def test_chinese_lines_without_blank_lines_keep_their_articles_and_items_apart() -> None:
    text = "第一条 甲。\n第二条 职工有下列情形之一的：\n(一)在工作时间\n内受伤的；\n(二)其他。"
    assert reflow(text).split("\n") == [
        "第一条 甲。", "第二条 职工有下列情形之一的：", "(一)在工作时间内受伤的；", "(二)其他。",
    ]


def test_a_section_number_wrapped_mid_sentence_is_no_heading() -> None:
    assert reflow("shall inform consumers, subject to\nSection 1798.120. The business shall not.") == (
        "shall inform consumers, subject to Section 1798.120. The business shall not.")


def test_escapes_emphasis_and_struck_text() -> None:
    text = "\\(a) ~~A consumer may ask.~~\n\n~~(b)~~ A business that *controls* ~~collects~~ a\nconsumer\\'s data"
    mark = DELETED_MARK
    assert reflow(text) == f"(a) {mark}\n{mark} A business that controls {mark} a consumer's data"
    assert reflow("- **(a)** the AI system;\n\nthe definition*s* of") == "- (a) the AI system;\nthe definitions of"
    assert reflow("~~(e) This section shall not\n\nrequire a business~~ to keep") == f"{DELETED_MARK}\n to keep"


def test_an_article_s_title_line_is_not_joined_to_its_first_paragraph() -> None:
    # EUR-Lex articles rendered one line per paragraph: the title and an unnumbered first
    # paragraph were one line ("Definitions For the purposes of this Directive, …"), and the title
    # was quoted as the start of the article's first sentence.
    text = ("### Article 20\nSpecific obligations of the retailer where the organiser is established outside"
            " the European Economic Area\nWithout prejudice to the second subparagraph of Article 13(1), the"
            " retailer shall be subject to the obligations.\n\n### Article 2\nDefinitions\nFor the purposes of"
            " this Directive, the following definitions apply:\n(a) ‘package’ means a combination.")
    assert reflow(text).split("\n") == [
        "### Article 20",
        "Specific obligations of the retailer where the organiser is established outside the European Economic Area",
        "Without prejudice to the second subparagraph of Article 13(1), the retailer shall be subject to the"
        " obligations.",
        "### Article 2",
        "Definitions",
        "For the purposes of this Directive, the following definitions apply: (a) ‘package’ means a combination.",
    ]


def test_a_title_line_before_a_numbered_point_is_a_title() -> None:
    # Directive 2019/770's and 2019/771's amending articles: the title had been read as the start of
    # their text ("Article 23" / "Amendments to … (1) In the Annex…").
    text = ("### Article 23\nAmendments to Regulation (EU) 2017/2394 and Directive 2009/22/EC\n"
            "(1) In the Annex to Regulation (EU) 2017/2394, the following point is added:")
    assert reflow(text).split("\n") == [
        "### Article 23",
        "Amendments to Regulation (EU) 2017/2394 and Directive 2009/22/EC",
        "(1) In the Annex to Regulation (EU) 2017/2394, the following point is added:",
    ]
    # A lower-case point after a wrapped line is still its continuation.
    assert reflow("### Article 5\nThe consumer may\n(a) terminate the contract.") == (
        "### Article 5\nThe consumer may (a) terminate the contract."
    )


def test_a_sentence_wrapped_under_a_heading_stays_one_paragraph() -> None:
    # Hard-wrapped prose: a line ending in a function word or a full stop is no title, nor one
    # followed by a lower-case word.
    assert reflow("# Section 3\nThis section applies to businesses in\nCalifornia that sell data.") == (
        "# Section 3\nThis section applies to businesses in California that sell data."
    )
    assert reflow("## Purpose\nThe purpose of this Act is to protect\nconsumers.") == (
        "## Purpose\nThe purpose of this Act is to protect consumers."
    )
    assert reflow("### Article 5\nThe Member States shall act.\nThey shall report.") == (
        "### Article 5\nThe Member States shall act. They shall report."
    )
    assert reflow("第一章 总则\n第一条 为了规范\n制定本法。") == "第一章 总则\n第一条 为了规范制定本法。"


def test_a_title_in_brackets_is_a_title() -> None:
    text = "### Article 17\nRight to erasure ('right to be forgotten')\nThe data subject shall have the right."
    assert reflow(text) == text
