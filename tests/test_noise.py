"""Noise lines and tables: page marks, web footers, lone page numbers, flattened table rows."""

from __future__ import annotations

import pytest

from rag.ingest.clean import clean_text, is_page_mark, is_web_footer
from tests.ingest_helpers import FOOTER, pdf


@pytest.mark.parametrize("line", ["— 12 —", "- 3 -", "－ ３ －", "第 3 页", "第3页 共20页", "Page 4 of 9", "12/40"])
def test_page_mark_patterns(line: str) -> None:
    assert is_page_mark(line)


@pytest.mark.parametrize("line", ["—2035 年）》和本方案，", "（2021—2035 年）", "2020年末", "— 坚持 —"])
def test_text_is_not_a_page_mark(line: str) -> None:
    assert not is_page_mark(line)


def test_generic_web_footer_pattern() -> None:
    assert is_web_footer(FOOTER)
    assert is_web_footer("本文来源于网络，版权归原作者所有，如有侵权请联系删除。")
    assert not is_web_footer("推行城市数据一网通用，建设网络安全体系，联系群众。")


def test_lone_page_numbers_go_but_table_columns_stay() -> None:
    raw = pdf("第一段正文内容，说明城市发展的总体情况和主要问题。", "12",
              "第二段正文内容，说明下一步工作的重点任务和保障措施。")
    assert "12" not in clean_text(raw)
    column = "表1 城市数量\n\n2019\n\n2020\n\n2021\n"
    assert clean_text(column).split("\n")[1:] == ["2019", "2020", "2021"]


def test_flattened_word_table_becomes_one_row_per_line() -> None:
    raw = ("表1\u3000我省人口城镇化率情况\n\t\n人口数据\n\t六普\n\t七普\n\n\t\n\t全国\n\t河南省\n\n"
           "\t城镇化率（%）\n\t49.68\n\t38.52\n\n\n2.中心城市能级不够\n从国家中心城市看。\n")
    assert clean_text(raw).split("\n") == [
        "表1 我省人口城镇化率情况", "人口数据 | 六普 | 七普", "全国 | 河南省", "城镇化率（%） | 49.68 | 38.52",
        "2.中心城市能级不够", "从国家中心城市看。",
    ]


def test_space_separated_table_rows_from_the_docx_loader() -> None:
    assert clean_text("常住人口（万人）  133972  9402.96  141178\n") == "常住人口（万人） | 133972 | 9402.96 | 141178"
