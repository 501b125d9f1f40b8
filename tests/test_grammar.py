"""The line grammar: heading candidates, the false headings it refuses, speakers."""

from __future__ import annotations

import pytest

from rag.ingest.grammar import match_heading
from rag.ingest.linetypes import speaker


@pytest.mark.parametrize(("line", "family", "number", "label"), [
    ("第一编 总则", "part", (1,), "第一编"),
    ("第三部分 主要任务", "part", (3,), "第三部分"),
    ("第一章 总则", "chapter", (1,), "第一章"),
    ("第二节 规划编制", "section", (2,), "第二节"),
    ("第十二条 城市人民政府负责组织编制城市总体规划。", "article", (12,), "第十二条"),
    ("第一条（立法目的）为了加强城乡规划管理，制定本法。", "article", (1,), "第一条"),
    # 民法典 numbers its articles past a thousand: seven numerals.
    ("第一千一百六十四条 本编调整因侵害民事权益产生的民事关系。", "article", (1164,), "第一千一百六十四条"),
    ("第一千二百五十九条 民法所称的“以上”“以下”…", "article", (1259,), "第一千二百五十九条"),
    # An article an amendment inserted after 第十七条 (刑法), numbered from it.
    ("第十七条之一 已满七十五周岁的人故意犯罪的，可以从轻或者减轻处罚。", "article", (17, 1), "第十七条之一"),
    ("第一百二十条之六", "article", (120, 6), "第一百二十条之六"),
    ("三、加快农业转移人口市民化", "cn", (3,), "三、"),
    ("（六）深化户籍制度改革。放开放宽落户限制。", "paren_cn", (6,), "（六）"),
    ("(五十二)加强监测评估", "paren_cn", (52,), "(五十二)"),
    ("1.我国城镇化的特点", "dot", (1,), "1."),
    ("2、产生的问题", "dot", (2,), "2、"),
    ("3．主要特点", "dot", (3,), "3．"),
    ("（1）大国城镇化。14亿人口。", "paren_num", (1,), "（1）"),
    ("(2) 县城", "paren_num", (2,), "(2)"),
    ("①数据来源：统计公报。", "circled", (1,), "①"),
    ("1.2.3 适用范围", "decimal3", (1, 2, 3), "1.2.3"),
    ("2.1城镇化的概念", "decimal2", (2, 1), "2.1"),
    ("Article 5 Scope", "en_article", (5,), "Article 5"),
    ("ARTICLE 12", "en_article", (12,), "Article 12"),
    ("Art. 7 Penalties", "en_article", (7,), "Article 7"),
    ("Section 2.1 Definitions", "en_section2", (2, 1), "Section 2.1"),
    ("§ 5 Fees", "code_section", (5,), "§ 5"),  # a titled § section is a citable section
    ("§ 552a. Records maintained on individuals", "code_section", (552, 1), "§ 552a"),
    ("§ 382.17 May carriers limit the number of passengers?", "code_section", (382, 17), "§ 382.17"),
    ("Subpart B—Nondiscrimination", "en_subpart", (2,), "Subpart B"),
    ("5A  Access to credit information", "bare_section", (5, 1), "5A"),
    ("Chapter IV Enforcement", "en_chapter", (4,), "Chapter IV"),
    ("Part II", "en_part", (2,), "Part II"),
    ("TITLE III", "en_title", (3,), "Title III"),
])
def test_heading_candidates(line: str, family: str, number: tuple[int, ...], label: str) -> None:
    m = match_heading(line)
    assert m is not None
    assert (m.family, m.number, m.label) == (family, number, label)


def test_markdown_headings() -> None:
    plain = match_heading("## 总体要求")
    assert plain is not None and (plain.family, plain.label, plain.md) == ("md2", "总体要求", 2)
    numbered = match_heading("# 第一章 总则")
    assert numbered is not None and (numbered.family, numbered.label, numbered.md) == ("chapter", "第一章", 1)


@pytest.mark.parametrize("line", [
    "一、二、三产业融合发展趋势将更加明显",  # an enumeration, not heading 一、
    "二、三产业融合发展，全省共规划开发区184个。",  # the same after a bad line join
    "第三条规定的，由城乡规划主管部门责令改正。",  # a cross-reference at a line start
    "第十条的规定适用于本章。",
    "第五章至第七章另有规定的除外。",
    "2020年末全国常住人口城镇化率达到63.89%。",  # a year, not heading "2."
    "1.7亿农业转移人口在城镇落户。",  # a decimal
    "3.5万人口的县城",
    "1、2月份全省经济运行平稳。",
    "常住人口（万人） | 133972 | 9402.96 | 141178",  # a flattened table row
    "（上接第1版）",
    "(上接第1版)",
    "新华社北京7月16日电",
    "[1]快速城镇化不仅有力支撑了经济增长。",
    "Article 5 of this Regulation shall apply.",
    "Section 3 shall not apply to small enterprises.",
    # An entry-into-force article's list of provisions (Directive 2019/944, Article 73).
    "Article 6(1), Article 7 (2) to (5), Article 8(1) shall apply from 1 January 2021.",
    "part of the plan is already in force.",
    "2.23亿人",
    "依照本法第十条处罚。",
    "第三十条之规定，由有关部门处理。",  # 之 after an article number: still a reference
])
def test_false_headings_are_not_candidates(line: str) -> None:
    assert match_heading(line) is None


def test_speaker_lines() -> None:
    assert speaker("张贵（南开大学经济与社会发展研究院教授）：改革开放以来，") == (
        "张贵", "张贵（南开大学经济与社会发展研究院教授）")
    assert speaker("中国工程院院士崔愬说，“七个着力”与目标紧密呼应。") is None
    assert speaker("城市（镇）同城化发展为导向，以1小时通勤圈为基本范围。") is None
