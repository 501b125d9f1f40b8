"""Clause parsing on small fixtures: structures of plans, laws, nested notices, English texts and
unnumbered prose; the parse entry point's settings."""

from __future__ import annotations

import pytest

from rag.ingest.clauses import parse
from rag.ingest.clean import clean
from rag.ingest.structure import headings
from rag.records import RawDocument
from tests.ingest_helpers import assert_spans, doc, summary

# ---------------------------------------------------------------------------------------------
# A formal plan: chapters 一、 and inline-titled clauses （一） numbered on across chapters

PLAN = """
“十四五”示范实施方案
为深入贯彻《国家新型城镇化规划（2021—2035年）》，制定本实施方案。
一、发展基础
（一）主要进展。“十三五”以来，新型城镇化取得重大进展。
（二）发展形势。城镇化发展面临的问题挑战和机遇动力并存。
二、加快农业转移人口市民化
坚持把推进农业转移人口市民化作为新型城镇化的首要任务。
（三）深化户籍制度改革。放开放宽除个别超大城市外的落户限制。
全面取消城区常住人口300万以下的城市落户限制。
（四）完善城镇基本公共服务提供机制。建立基本公共服务同常住人口挂钩的机制。
三、保障措施
（五）加强监测评估。加强对各地区新型城镇化工作的指导和督促。
"""


def test_plan_chapters_clauses_and_preambles() -> None:
    d = doc(PLAN)
    result = parse(d)
    assert summary(result.units) == [
        ("preamble", "前言", ()),
        ("clause", "（一）", ("一、发展基础", "（一）主要进展")),
        ("clause", "（二）", ("一、发展基础", "（二）发展形势")),
        ("preamble", "二、", ("二、加快农业转移人口市民化",)),
        ("clause", "（三）", ("二、加快农业转移人口市民化", "（三）深化户籍制度改革")),
        ("clause", "（四）", ("二、加快农业转移人口市民化", "（四）完善城镇基本公共服务提供机制")),
        ("clause", "（五）", ("三、保障措施", "（五）加强监测评估")),
    ]
    assert result.warnings == ()
    assert [u.ordinal for u in result.units] == list(range(7))
    assert_spans(d, result.units)
    by_label = {u.label: u for u in result.units}
    assert by_label["前言"].text.startswith("“十四五”示范实施方案\n为深入贯彻")
    assert by_label["二、"].text == "二、加快农业转移人口市民化\n坚持把推进农业转移人口市民化作为新型城镇化的首要任务。"
    # The clause keeps its own title words and its whole body, over two paragraphs.
    assert by_label["（三）"].text == (
        "（三）深化户籍制度改革。放开放宽除个别超大城市外的落户限制。\n全面取消城区常住人口300万以下的城市落户限制。"
    )


def test_bare_chapter_heading_is_no_unit_but_lives_in_paths() -> None:
    units = parse(doc(PLAN)).units
    assert not any(u.text.startswith("一、发展基础") for u in units)
    assert all(u.path[0] == "一、发展基础" for u in units if u.label in ("（一）", "（二）"))


def test_plan_from_a_raw_extraction() -> None:
    raw = "\n\n".join([
        "— 1 —", "“十四五”示范实施方案", "一、发展基础",
        "（一）主要进展。“十三五”以来，新型城镇化取得重大进",
        "展，城镇化水平和质量大幅提升，户籍人口城镇化率提高。",
        "（二）发展形势。“十四五”时期，城镇化发展面临的问题",
        "挑战和机遇动力并存，城市群一体化发展体制机制尚不健",
        "全。",
        "— 2 —",
    ])
    d = clean(RawDocument("p", "方案", "p.txt", "txt", raw, "0"))
    units = parse(d).units
    assert [u.label for u in units] == ["（一）", "（二）"]  # a bare title makes no preamble
    assert units[0].text == (
        "（一）主要进展。“十三五”以来，新型城镇化取得重大进展，城镇化水平和质量大幅提升，户籍人口城镇化率提高。"
    )


# ---------------------------------------------------------------------------------------------
# A law: 第一章 / 第一条, articles numbered on across chapters, a cross-reference at a line start

LAW = """
中华人民共和国示范法
第一章 总则
第一条 为了加强城乡规划管理，协调城乡空间布局，制定本法。
第二条 制定和实施城乡规划，适用本法。
第二章 城乡规划的制定
第三条 城市人民政府组织编制城市总体规划。
第四条 违反本法
第三条规定的，由城乡规划主管部门责令改正。
第三章 法律责任
第五条 【罚则】违反本法规定的，依法给予处分。
"""


def test_law_chapters_and_articles() -> None:
    d = doc(LAW, "中华人民共和国示范法")
    result = parse(d)
    assert summary(result.units) == [
        ("article", "第一条", ("第一章 总则", "第一条")),
        ("article", "第二条", ("第一章 总则", "第二条")),
        ("article", "第三条", ("第二章 城乡规划的制定", "第三条")),
        ("article", "第四条", ("第二章 城乡规划的制定", "第四条")),
        ("article", "第五条", ("第三章 法律责任", "第五条【罚则】")),
    ]
    assert result.warnings == ()
    fourth = result.units[3]
    assert fourth.text == "第四条 违反本法\n第三条规定的，由城乡规划主管部门责令改正。"
    assert_spans(d, result.units)


LAW_RAW = """中华人民共和国示范规划法
第一章 总 则
第一条 为了加强城乡规划管理，协调城乡空间布局，改善人居环境，
促进城乡经济社会全面协调可持续发展，制定本法。
第二条 制定和实施城乡规划，在规划区内进行建设活动，必须遵守本
法。
第三条 城市和镇应当依照本法制定城市规划和镇规划。城市、镇规划
区内的建设活动应当符合规划要求。违反本法
第三条规定的，由城乡规划主管部门责令停止建设，限期改正，并处以
罚款。
- 2 -
第二章 城乡规划的制定
第四条 国务院城乡规划主管部门会同国务院有关部门组织编制全国城
镇体系规划，用于指导省域城镇体系规划、城市总体规划的编制。
第五条 省、自治区人民政府组织编制省域城镇体系规划，报国务院审
批。
"""


def test_law_from_a_raw_extraction() -> None:
    d = clean(RawDocument("law", "示范规划法", "law.txt", "txt", LAW_RAW, "0"))
    result = parse(d)
    assert summary(result.units) == [
        ("article", "第一条", ("第一章 总则", "第一条")),
        ("article", "第二条", ("第一章 总则", "第二条")),
        ("article", "第三条", ("第一章 总则", "第三条")),
        ("article", "第四条", ("第二章 城乡规划的制定", "第四条")),
        ("article", "第五条", ("第二章 城乡规划的制定", "第五条")),
    ]
    assert result.units[2].text == (
        "第三条 城市和镇应当依照本法制定城市规划和镇规划。城市、镇规划区内的建设活动应当符合规划要求。"
        "违反本法第三条规定的，由城乡规划主管部门责令停止建设，限期改正，并处以罚款。"
    )
    assert result.units[4].text == "第五条 省、自治区人民政府组织编制省域城镇体系规划，报国务院审批。"
    assert result.warnings == ()


# ---------------------------------------------------------------------------------------------
# A nested article: 一、 → （一） → 1. → （1）, numbering restarting under every parent

NESTED = """
示范文章标题
一、发展成效
（一）总体情况
城乡产业协同发展和农村一、二、三产业融合发展趋势更加明显。
1.城镇化水平
2020年全省常住人口城镇化率达到55.43%。
（1）中心城市。郑州国家中心城市带动作用明显。
（2）县城。县城逐渐成为主要承载单元。
2.产业支撑
二、三产业融合发展，全省共规划开发区184个。
（二）问题挑战
1.城镇化率偏低
1.7亿人口的城镇化任务依然艰巨。
二、对策建议
（一）优化格局
坚持规模质量双提升。
"""


def test_nested_levels_and_preambles() -> None:
    d = doc(NESTED)
    result = parse(d)
    assert summary(result.units) == [
        ("preamble", "（一）", ("一、发展成效", "（一）总体情况")),
        ("preamble", "1.", ("一、发展成效", "（一）总体情况", "1.城镇化水平")),
        ("clause", "（1）", ("一、发展成效", "（一）总体情况", "1.城镇化水平", "（1）中心城市")),
        ("clause", "（2）", ("一、发展成效", "（一）总体情况", "1.城镇化水平", "（2）县城")),
        ("clause", "2.", ("一、发展成效", "（一）总体情况", "2.产业支撑")),
        ("clause", "1.", ("一、发展成效", "（二）问题挑战", "1.城镇化率偏低")),
        ("clause", "（一）", ("二、对策建议", "（一）优化格局")),
    ]
    assert result.warnings == ()
    texts = {u.path[-1]: u.text for u in result.units if u.path}
    assert texts["2.产业支撑"] == "2.产业支撑\n二、三产业融合发展，全省共规划开发区184个。"
    assert texts["1.城镇化率偏低"] == "1.城镇化率偏低\n1.7亿人口的城镇化任务依然艰巨。"
    assert "2020年全省" in texts["1.城镇化水平"]
    assert_spans(d, result.units)


def test_headings_view_of_the_tree() -> None:
    tree = headings(doc(NESTED))
    assert [(h.level, h.label) for h in tree] == [
        (0, "一、"), (1, "（一）"), (2, "1."), (3, "（1）"), (3, "（2）"), (2, "2."), (1, "（二）"), (2, "1."),
        (0, "二、"), (1, "（一）"),
    ]
    assert tree[3].path == ("一、发展成效", "（一）总体情况", "1.城镇化水平", "（1）中心城市")
    d = doc(NESTED)
    assert all(d.text[h.span[0]:h.span[1]].startswith(h.label) for h in tree)


def test_a_pattern_seen_once_or_out_of_sequence_is_no_heading_level() -> None:
    once = doc("标题\n一、唯一的编号\n正文内容说明情况。\n另一段正文。")
    assert {u.kind for u in parse(once).units} <= {"preamble", "paragraph"}
    chaotic = doc("标题\n（3）甲项内容。\n（7）乙项内容。\n（2）丙项内容。\n（9）丁项内容。")
    assert all(u.label in ("前言", "第1–4段", "第1段") or u.kind != "clause" for u in parse(chaotic).units)
    assert headings(chaotic) == []


# ---------------------------------------------------------------------------------------------
# English

ENGLISH = """
Model Data Regulation
Article 1 Scope
This Regulation applies to the processing of personal data.
Article 2 Definitions
For the purposes of this Regulation the following definitions apply.
Section 2.1 Personal data
Personal data means any information relating to an identified person.
Section 2.2 Processing
Processing means any operation performed on personal data.
Article 5 of this Regulation shall apply to all controllers.
Article 3 Entry into force
This Regulation enters into force on the twentieth day.
"""


def test_english_articles_and_sections() -> None:
    d = doc(ENGLISH, "Model Data Regulation")
    result = parse(d)
    # The title line above the first article is the document's title (metadata), not a unit.
    assert summary(result.units) == [
        ("article", "Article 1", ("Article 1 Scope",)),
        ("article", "Article 2", ("Article 2 Definitions",)),
        ("article", "Article 3", ("Article 3 Entry into force",)),
    ]
    assert result.warnings == ()
    # Sections numbered inside an article (2.1, 2.2) are its subdivisions: they stay in its unit,
    # and a cross-reference at a line start ("Article 5 of this Regulation…") opens nothing.
    assert "Section 2.1 Personal data" in result.units[1].text
    assert result.units[1].text.endswith("Article 5 of this Regulation shall apply to all controllers.")


EN_RAW = """REGULATION ON URBAN RENEWAL
PART I
GENERAL PROVISIONS
Article 1
Subject matter
1. This Regulation lays down rules relating to the renewal of urban
areas and to the protection of historic districts.
2. It applies to all municipalities with more than 100 000 inhabitants,
as referred to in Article 3.
Article 2
Definitions
For the purposes of this Regulation, the following definitions apply:
(a) 'renewal' means the redevelopment of an existing built-up area.
Page 2 of 9
PART II
PLANNING
Article 3
Renewal plans
Article 5 of Regulation (EU) 2016/679 shall apply to all data processed
under this Article.
"""


def test_english_titles_on_the_line_below_the_number() -> None:
    d = clean(RawDocument("en", "Urban Renewal Regulation", "en.txt", "txt", EN_RAW, "0"))
    result = parse(d)
    assert d.meta.title == "REGULATION ON URBAN RENEWAL"
    assert summary(result.units) == [
        ("article", "Article 1", ("Part I General provisions", "Article 1 Subject matter")),
        ("article", "Article 2", ("Part I General provisions", "Article 2 Definitions")),
        ("article", "Article 3", ("Part II Planning", "Article 3 Renewal plans")),
    ]
    # Numbered paragraphs stay inside their article, re-joined where the extraction wrapped them.
    assert result.units[0].text.endswith("1. This Regulation lays down rules relating to the renewal of urban areas "
                                         "and to the protection of historic districts.\n2. It applies to all "
                                         "municipalities with more than 100 000 inhabitants, as referred to in "
                                         "Article 3.")
    assert result.units[-1].text.endswith("Article 5 of Regulation (EU) 2016/679 shall apply to all data processed "
                                          "under this Article.")
    assert "Page 2" not in d.text


def test_an_english_title_in_quotation_marks_is_the_articles_title() -> None:
    # The Digital Services Act titles its Articles 4 and 5 "‘Mere conduit’" and "‘Caching’".
    raw = ("### Article 4\n‘Mere conduit’\n1. Where an information society service is provided, the provider"
           " shall not be liable.\n\n### Article 6\nHosting\n1. Where a service is provided, the provider shall"
           " not be liable.\n")
    result = parse(clean(RawDocument("dsa", "dsa", "dsa.md", "md", raw, "0")))
    assert [u.path[-1] for u in result.units] == ["Article 4 ‘Mere conduit’", "Article 6 Hosting"]


def test_a_long_english_title_between_two_headings_is_the_sections_title() -> None:
    # The Digital Services Act's Section 4 of Chapter IV: a 149-character title, more than a title
    # below a number may have elsewhere, left as a clause of its own before.
    long_title = ("Supervision, investigation, enforcement and monitoring in respect of providers of very large"
                  " online platforms and of very large online search engines")
    raw = (f"## Chapter IV\nImplementation\n\n## Section 4\n{long_title}\n\n### Article 64\nDevelopment of"
           " expertise and capabilities\n1. The Commission shall develop Union expertise.\n")
    result = parse(clean(RawDocument("dsa", "dsa", "dsa.md", "md", raw, "0")))
    assert [u.label for u in result.units if u.label.startswith("Section")] == []
    last = result.units[-1].path
    assert last[-2:] == (f"Section 4 {long_title}", "Article 64 Development of expertise and capabilities")


# PSD2 (Directive (EU) 2015/2366) as EUR-Lex writes it: TITLE › CHAPTER › Section › Article, its
# chapters numbered again in every title.
PSD_RAW = """DIRECTIVE (EU) 2015/2366 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL

TITLE I

SUBJECT MATTER, SCOPE AND DEFINITIONS

Article 1

Subject matter

1.   This Directive establishes the rules in accordance with which Member States shall distinguish
six categories of payment service provider.

TITLE II

PAYMENT SERVICE PROVIDERS

CHAPTER 1

Payment institutions

Article 5

Applications for authorisation

1.   For authorisation as a payment institution, an application shall be submitted to the competent authorities.

TITLE III

TRANSPARENCY OF CONDITIONS

CHAPTER 1

General rules

Article 38

Scope

1.   This Title applies to single payment transactions.
"""


def test_eu_titles_hold_chapters_numbered_again_in_each() -> None:
    result = parse(clean(RawDocument("psd", "PSD2", "psd.txt", "txt", PSD_RAW, "0")))
    assert [(u.label, u.path[:-1]) for u in result.units if u.kind == "article"] == [
        ("Article 1", ("Title I Subject matter, scope and definitions",)),
        ("Article 5", ("Title II Payment service providers", "Chapter 1 Payment institutions")),
        ("Article 38", ("Title III Transparency of conditions", "Chapter 1 General rules")),
    ]
    # CHAPTER 1 again under TITLE III is no disorder (the excerpt's article gaps are its own).
    assert [w for w in result.warnings if "Chapter" in w] == []


def test_markdown_document() -> None:
    d = doc("# 某市城市更新办法\n## 总体要求\n坚持以人民为中心。\n## 主要任务\n### 一、老旧小区改造\n加快改造。\n"
            "### 二、历史街区保护\n加强保护。\n## 附则\n本办法自发布之日起施行。")
    # The lone "#" title is the document's name, not a level every path would repeat.
    assert summary(parse(d).units) == [
        ("clause", "总体要求", ("总体要求",)),
        ("clause", "一、", ("主要任务", "一、老旧小区改造")),
        ("clause", "二、", ("主要任务", "二、历史街区保护")),
        ("clause", "附则", ("附则",)),
    ]


# ---------------------------------------------------------------------------------------------
# Unnumbered texts: speakers, sub-headings, paragraphs

ROUND_TABLE = """
促进大中小城市和小城镇协调发展
近年来，我国城镇发展取得怎样成效？不同层级城镇发展存在哪些不平衡和不协调的问题？
城镇化快速发展凸显结构性问题
提升超大城市核心功能和辐射带动力
张贵（南开大学经济与社会发展研究院教授）：改革开放以来，我国经历了世界历史上规模最大、速度最快的城镇化进程。
城镇化水平不断提高，城镇化质量持续改善。
叶堂林（首都经济贸易大学特大城市经济社会发展研究院执行院长）：“大城市病”是指人口向大城市过度集中所引发的问题。
破解“大城市病”，关键在疏解中心城区非核心功能。
"""


def test_round_table_is_split_by_speaker_under_the_matching_sub_heading() -> None:
    d = doc(ROUND_TABLE, "专家圆桌")
    result = parse(d)
    assert summary(result.units) == [
        ("preamble", "前言", ()),
        ("speech", "张贵", ("城镇化快速发展凸显结构性问题", "张贵（南开大学经济与社会发展研究院教授）")),
        ("speech", "叶堂林",
         ("提升超大城市核心功能和辐射带动力", "叶堂林（首都经济贸易大学特大城市经济社会发展研究院执行院长）")),
    ]
    assert result.units[1].text.endswith("城镇化质量持续改善。")
    assert_spans(d, result.units)


def test_speakers_under_one_sub_heading() -> None:
    d = doc("圆桌标题\n导语说明本期讨论的主题。\n城市群建设\n"
            "甲某（某大学教授）：第一位发言。\n乙某（某研究院研究员）：第二位发言。")
    assert summary(parse(d).units)[1:] == [
        ("speech", "甲某", ("城市群建设", "甲某（某大学教授）")),
        ("speech", "乙某", ("城市群建设", "乙某（某研究院研究员）")),
    ]


PARA = ("城市工作涉及经济、社会、生态、文化、安全等各个方面，涵盖规划、建设、治理、运营、维护等各个环节，"
        "需要各有关部门加强统筹协调。")
NEWS = "\n".join([
    "推动城市高质量发展 建设现代化人民城市",
    "——从中央城市工作会议看城市发展新目标新路径",
    "■新华社记者 王优玲 樊曦 刘夏村",
    "中央城市工作会议7月14日至15日在北京举行，会议为城市工作作出新的重要部署。",
    "主动适应城市发展形势变化",
    *[f"第{n}段。{PARA}" for n in range(1, 7)],
    "城，所以盛民也。",
    "新华社北京7月16日电",
    "以历史的纵深感来把握现在做的事情",
    "(上接第1版)",
    *[f"续{n}。{PARA}" for n in range(1, 3)],
])


def test_news_page_by_sub_heading_and_paragraph() -> None:
    d = doc(NEWS, "新闻版面")
    result = parse(d)
    assert summary(result.units) == [
        ("preamble", "前言", ()),
        ("section", "第1–4段", ("主动适应城市发展形势变化",)),
        ("section", "第5–7段", ("主动适应城市发展形势变化",)),
        ("section", "第1–2段", ("以历史的纵深感来把握现在做的事情",)),
    ]
    preamble, first, second, third = result.units
    assert preamble.text.endswith("会议为城市工作作出新的重要部署。")
    assert first.text.startswith("主动适应城市发展形势变化\n第1段。")
    # The one-sentence paragraph and the dateline stay with their neighbours.
    assert second.text.endswith("城，所以盛民也。\n新华社北京7月16日电")
    assert third.text.startswith("以历史的纵深感来把握现在做的事情\n(上接第1版)\n续1。")
    assert all(len(u.text) <= 400 for u in result.units)
    assert_spans(d, result.units)


def test_paragraphs_without_any_structure_are_grouped_not_one_chunk_nor_sentences() -> None:
    d = doc("\n".join(f"{PARA}（{n}）" for n in range(1, 10)))
    units = parse(d).units
    assert {u.kind for u in units} == {"paragraph"}
    assert [u.label for u in units] == ["第1–5段", "第6–9段"]
    assert all(u.path == () for u in units)


def test_circled_numbers_can_be_a_list_level() -> None:
    d = doc("一、工作原则\n坚持以下原则：\n①统筹谋划。坚持全国一盘棋。\n②因地制宜。找准发展定位。\n"
            "二、主要目标\n到2025年实现目标。")
    assert summary(parse(d).units) == [
        ("preamble", "一、", ("一、工作原则",)),
        ("clause", "①", ("一、工作原则", "①统筹谋划")),
        ("clause", "②", ("一、工作原则", "②因地制宜")),
        ("clause", "二、", ("二、主要目标",)),
    ]


def test_made_up_labels_follow_the_language() -> None:
    english = doc("The council met on Monday and agreed the budget for the coming year in full.\n"
                  "It also discussed the renewal of the old town and asked for a plan by June.")
    assert [(u.kind, u.label) for u in parse(english).units] == [("paragraph", "para. 1–2")]
    assert [(u.kind, u.label) for u in parse(doc("只有一个标题")).units] == [("paragraph", "第1段")]


def test_notes_at_the_end_are_one_section_not_a_heading_level() -> None:
    d = doc("一、引言\n正文。[1]\n二、结论\n正文。①\n注释：\n①数据来源：统计公报。\n②数据来源：统计年鉴。")
    result = parse(d)
    assert summary(result.units)[-1] == ("section", "注释", ("注释",))
    assert result.units[-1].text == "注释：\n①数据来源：统计公报。\n②数据来源：统计年鉴。"
    assert [h.label for h in headings(d)] == ["一、", "二、"]


def test_every_unit_span_matches_on_all_fixtures() -> None:
    for text in (PLAN, LAW, NESTED, ENGLISH, ROUND_TABLE, NEWS):
        d = doc(text)
        for max_chars, overlap in ((400, 80), (60, 20), (30, 0)):
            assert_spans(d, parse(d, max_chars=max_chars, overlap=overlap).units)


@pytest.mark.parametrize(("max_chars", "overlap", "message"), [
    (0, 0, "max_chars must be greater than 0. Currently, the max_chars is 0"),
    (100, 100, "overlap must be in [0, max_chars=100). Currently, the overlap is 100"),
    (100, -1, "Currently, the overlap is -1"),
])
def test_bad_settings_fail_with_the_value(max_chars: int, overlap: int, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        parse(doc(PLAN), max_chars=max_chars, overlap=overlap)


def test_empty_document_has_no_units() -> None:
    assert parse(doc("")) .units == ()
