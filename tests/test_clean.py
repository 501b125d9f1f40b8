"""Cleaning: display text one paragraph per line, noise removed, nothing of substance lost."""

from __future__ import annotations

import pytest

from rag.ingest.clean import clean, clean_text, is_page_mark, is_web_footer
from rag.records import RawDocument
from rag.text import fold, is_han
from tests.ingest_helpers import FOOTER, pdf


def cjk(text: str) -> str:
    return "".join(c for c in text if is_han(c))


# A formal plan laid out at a fixed width, with page marks and the collector's footer, one of
# them in the middle of a clause ("加强塑" … "料污染").
PLAN_PARAGRAPHS = [
    "“十四五”示范实施方案",
    "为深入贯彻《国家新型城镇化规划（2021—2035年）》，坚持走以人为本、四化同步、优化布局、生态文明、"
    "文化传承的中国特色新型城镇化道路，明确“十四五”时期深入推进以人为核心的新型城镇化战略的目标任务"
    "和政策举措，制定本实施方案。",
    "一、发展基础",
    "（一）主要进展。“十三五”以来，新型城镇化取得重大进展，城镇化水平和质量大幅提升，农业转移人口"
    "市民化成效显著，户籍制度改革取得历史性突破，1亿农业转移人口和其他常住人口在城镇落户目标顺利实现，"
    "居住证制度全面实施，基本公共服务覆盖范围和均等化水平显著提高。",
    "（二）发展形势。城镇化发展面临的问题挑战和机遇动力并存。一方面，城镇化质量有待进一步提升，户籍"
    "制度改革及其配套政策尚未全面落实，城市群一体化发展体制机制尚不健全，部分中小城市面临经济和人口规模"
    "减少。另一方面，我国仍处在城镇化快速发展期，城镇化动力依然较强。",
    "二、加快农业转移人口市民化",
    "坚持把推进农业转移人口市民化作为新型城镇化的首要任务，存量优先、带动增量，稳妥有序推进户籍制度"
    "改革，推动城镇基本公共服务均等化，健全配套政策体系，提高农业转移人口市民化质量。",
    "（三）深化户籍制度改革。放开放宽除个别超大城市外的落户限制，试行以经常居住地登记户口制度。全面取"
    "消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。",
]
# 48 characters: the page ends exactly after "加强塑", as in the real plan.
SPLIT_CLAUSE = "（四）加强生态修复。推进细颗粒物和臭氧协同控制，推进城市绿色廊道建设，打造街心绿地公园。加强塑"
PLAN_RAW = "\n— 1 —\n\n" + pdf(*PLAN_PARAGRAPHS) + pdf(SPLIT_CLAUSE) + (
    f"\n{FOOTER}\n\n\n\n— 20 —\n\n" + pdf("料污染、环境噪声污染和扬尘污染治理。") + f"\n{FOOTER}\n\n\n"
)


def test_plan_lines_broken_mid_sentence_are_joined_and_paragraphs_kept() -> None:
    lines = clean_text(PLAN_RAW).split("\n")
    assert lines[:len(PLAN_PARAGRAPHS)] == PLAN_PARAGRAPHS
    assert lines[-1] == SPLIT_CLAUSE + "料污染、环境噪声污染和扬尘污染治理。"


def test_page_marks_and_footers_are_removed_wherever_they_are() -> None:
    text = clean_text(PLAN_RAW)
    assert "—" not in text.replace("2021—2035", "")
    assert "EESIA" not in text and "本文内容来自网络" not in text
    assert "\n\n" not in text and not text.startswith("\n") and not text.endswith("\n")


def test_fold_is_the_matching_form() -> None:
    assert fold("（六）２０２１—２０３５年 Ａrticle") == "(六)2021-2035年 article"
    assert fold("“十四五”") == '"十四五"'
    assert fold("北 京") == "北京"
    assert fold("Section  2.1") == "section 2.1"
    assert fold("①") == "1"


def extract(*lines: str) -> str:
    """Lines exactly as an extraction gives them, each followed by a blank line."""
    return "\n\n".join(lines) + "\n"


# A narrow column with footnote markers: after a sentence end they do not hide it; inside a
# paragraph they do not start a new one; the notes at the end keep one line each.
NOTES_RAW = extract(
    "中国城镇人口规模由 １９７８ 年的 １. ７ 亿",
    "人增加到 ２０２１ 年的 ９. １ 亿人。［１］ 快速",
    "城镇化不仅有力支撑了中国经济的快速增长， 也",
    "是中国崛起的一个缩影。［２－３］",
    "进入“十四五”时期， 我国开启全面建设社",
    "会主义现代化国家征程。 处于 ５０％－６０％",
    "之间。①制约城镇化规模和空间格局优化调整",
    "的主要因素在于产业布局不均衡。",
    "注释：",
    "①　 数据来源： ２０２１ 年全国各省国民经济",
    "和社会发展统计公报。",
    "②　 数据来源： 《中国城乡建设统计年鉴》。",
)


def test_footnote_markers_do_not_hide_a_sentence_end_or_start_a_paragraph() -> None:
    assert clean_text(NOTES_RAW).split("\n") == [
        "中国城镇人口规模由1978年的1.7亿人增加到2021年的9.1亿人。[1]快速城镇化不仅有力支撑了中国经济的快速增长，"
        "也是中国崛起的一个缩影。[2-3]",
        "进入“十四五”时期，我国开启全面建设社会主义现代化国家征程。处于50%-60%之间。①制约城镇化规模和空间格局优化"
        "调整的主要因素在于产业布局不均衡。",
        "注释：",
        "①数据来源：2021年全国各省国民经济和社会发展统计公报。",
        "②数据来源：《中国城乡建设统计年鉴》。",
    ]


def test_a_footnote_marker_at_a_line_start_goes_back_to_its_sentence() -> None:
    raw = extract(
        "东部沿海地区的城镇化水平基本超过 ７０％， 中部",
        "地区大致在 ６０％－７０％之间， 西部地区最低。",
        "①制约城镇化规模和空间格局优化调整的主要因",
        "素在于区域间产业布局不均衡， 中西部地区产业",
        "转型升级压力较大，吸纳就业能力受到制约， 另",
        "一方面在于城镇体系发育仍不完善，详见文献",
        "［１２］ 的分析， 进而拖缓其城镇化发展进程。",
    )
    assert clean_text(raw).split("\n") == [
        "东部沿海地区的城镇化水平基本超过70%，中部地区大致在60%-70%之间，西部地区最低。①",
        "制约城镇化规模和空间格局优化调整的主要因素在于区域间产业布局不均衡，中西部地区产业转型升级压力较大，"
        "吸纳就业能力受到制约，另一方面在于城镇体系发育仍不完善，详见文献[12]的分析，进而拖缓其城镇化发展进程。",
    ]


def test_circled_numbers_that_number_a_list_stay_items() -> None:
    raw = extract(
        "坚持以下工作原则，统筹推进城镇化各项工作：",
        "①统筹谋划、协同推进。坚持全国一盘棋，强化顶",
        "层设计和规划引领。",
        "②因地制宜、分类施策。根据各地资源禀赋、要素",
        "条件和经济社会发展基础，找准发展定位。",
    )
    assert clean_text(raw).split("\n") == [
        "坚持以下工作原则，统筹推进城镇化各项工作：",
        "①统筹谋划、协同推进。坚持全国一盘棋，强化顶层设计和规划引领。",
        "②因地制宜、分类施策。根据各地资源禀赋、要素条件和经济社会发展基础，找准发展定位。",
    ]


# A paper set in a narrow column: numbered headings that wrap onto a second line.
PAPER_RAW = pdf(
    "［摘　要］　进入“十四五”时期，以人为核心的新型城镇化建设面临着新国情、新特征和新挑战。",
    "一、 引言",
    "改革开放 ４０ 多年来，中国经历了世界上规模最大、速度最快的城镇化进程，取得了举世瞩目的成就。",
    "二、 当代中国新型城镇化所处的时代背景和面临的新形势",
    "（一）人口规模巨大的城镇化",
    "人口规模巨大不仅是中国式现代化的重要特征，也是中国式新型城镇化的首要特征，影响深远。",
    "（四）新一轮科学技术革命推动城市发展和治理模式发生转变",
    "以物联网、大数据和云计算等为代表的新一轮数字技术革命催生了一系列新技术、新产业和新模式。",
    width=20,
)


def test_wrapped_headings_are_joined_and_kept_apart_from_the_body() -> None:
    assert clean_text(PAPER_RAW).split("\n") == [
        "[摘要]进入“十四五”时期，以人为核心的新型城镇化建设面临着新国情、新特征和新挑战。",
        "一、引言",
        "改革开放40多年来，中国经历了世界上规模最大、速度最快的城镇化进程，取得了举世瞩目的成就。",
        "二、当代中国新型城镇化所处的时代背景和面临的新形势",
        "（一）人口规模巨大的城镇化",
        "人口规模巨大不仅是中国式现代化的重要特征，也是中国式新型城镇化的首要特征，影响深远。",
        "（四）新一轮科学技术革命推动城市发展和治理模式发生转变",
        "以物联网、大数据和云计算等为代表的新一轮数字技术革命催生了一系列新技术、新产业和新模式。",
    ]


# A round-table page: the sub-headings of all speakers set in one block, then the speakers,
# whose introductions break inside the parenthesis.
ROUND_TABLE_RAW = """ 促进大中小城市和小城镇协调发展

近年来，我国城镇发展取得

怎样成效？不同层级城镇发展存

在哪些不平衡和不协调的问题？

城镇化快速发展凸显结构性问题

提升超大城市核心功能和辐射带动力

张贵（南开大学经济与社会发展研究院教
授）：改革开放以来，我国经历了世界历史上规

模最大、速度最快的城镇化进程，城市成为经济

社会发展的主要载体。党的十八大以来，我国

陆续出台户籍、土地、教育、就业和住房等领域

配套改革政策，强化城市群、都市圈在城镇化战

略格局中的主体地位，城镇化发展和城镇建设

取得新成效。

叶堂林（首都经济贸易大学特大城市经济
社会发展研究院执行院长）：“大城市病”是指人

口向大城市过度集中所引发的人口超载、交通

拥堵、房价高涨及环境恶化等一系列经济社会

问题，超大特大城市由于庞大的人口和经济规

模，更易受到“大城市病”的困扰。
"""


def test_round_table_headlines_questions_and_speakers() -> None:
    assert clean_text(ROUND_TABLE_RAW).split("\n") == [
        "促进大中小城市和小城镇协调发展",
        "近年来，我国城镇发展取得怎样成效？不同层级城镇发展存在哪些不平衡和不协调的问题？",
        "城镇化快速发展凸显结构性问题",
        "提升超大城市核心功能和辐射带动力",
        "张贵（南开大学经济与社会发展研究院教授）：改革开放以来，我国经历了世界历史上规模最大、速度最快的城镇化进程，"
        "城市成为经济社会发展的主要载体。党的十八大以来，我国陆续出台户籍、土地、教育、就业和住房等领域配套改革政策，"
        "强化城市群、都市圈在城镇化战略格局中的主体地位，城镇化发展和城镇建设取得新成效。",
        "叶堂林（首都经济贸易大学特大城市经济社会发展研究院执行院长）：“大城市病”是指人口向大城市过度集中所引发的"
        "人口超载、交通拥堵、房价高涨及环境恶化等一系列经济社会问题，超大特大城市由于庞大的人口和经济规模，"
        "更易受到“大城市病”的困扰。",
    ]


def test_one_paragraph_per_line_text_keeps_its_lines_and_mends_cut_ones() -> None:
    long_a = ("“更加注重以人为本”“更加注重集约高效”，杨保军说，坚持城市内涵式发展，"
              "要求城市工作改变过去重建设、轻治理的发展模式，实现城市高质")
    raw = "\n\n".join([
        "推动城市高质量发展 建设现代化人民城市",
        "——从中央城市工作会议看城市发展新目标新路径",
        "主动适应城市发展形势变化",
        long_a, "量发展，走出一条新路子。",
        "新华社北京7月16日电",
        "以历史的纵深感来把握现在做的事情",
        "(上接第1版)",
        "城市生态建设，就是一个需要长周期看待和把握的问题，定期到北辰医院开展手术、疑难病例讨论及科研教学等",
        "第一观察",
        "中央城市工作会议7月14日至15日在北京举行，习近平总书记出席会议并发表重要讲话，为新时代城市工作指明方向。",
    ])
    lines = clean_text(raw).split("\n")
    assert long_a + "量发展，走出一条新路子。" in lines
    assert "新华社北京7月16日电" in lines and "(上接第1版)" in lines
    assert "第一观察" in lines  # a headline, not the tail of the cut-off paragraph above it
    assert lines[:3] == [
        "推动城市高质量发展 建设现代化人民城市",
        "——从中央城市工作会议看城市发展新目标新路径",
        "主动适应城市发展形势变化",
    ]


def test_markdown_headings_stay_headings() -> None:
    raw = "# 某市城市更新办法\n## 第一章　总则\n第一条　为了推进城市更新，制定本办法。\n"
    assert clean_text(raw).split("\n") == [
        "# 某市城市更新办法", "## 第一章 总则", "第一条 为了推进城市更新，制定本办法。",
    ]


ENGLISH_RAW = extract(
    "Article 1 Scope",
    "This Regulation applies to the processing of personal data wholly or",
    "partly by automated means and to the processing other than by automated",
    "means of personal data which form part of a filing system.",
    "Article 2 Definitions",
    "For the purposes of this Regulation, the following definitions apply to",
    "every part of the text below, including the annexes and the recitals of",
    "the Regulation, unless the context requires otherwise in 2021 and",
    "2022 as set out in Section 2.1 of the annex.",
)


def test_english_lines_join_with_a_space() -> None:
    assert clean_text(ENGLISH_RAW).split("\n") == [
        "Article 1 Scope",
        "This Regulation applies to the processing of personal data wholly or partly by automated means and to "
        "the processing other than by automated means of personal data which form part of a filing system.",
        "Article 2 Definitions",
        "For the purposes of this Regulation, the following definitions apply to every part of the text below, "
        "including the annexes and the recitals of the Regulation, unless the context requires otherwise in 2021 "
        "and 2022 as set out in Section 2.1 of the annex.",
    ]


def test_a_cross_reference_at_a_line_start_is_joined_back() -> None:
    raw = pdf("第二条 城市、镇规划区内的建设活动应当符合规划要求，违反本法", width=30) + pdf(
        "第三条规定的，由城乡规划主管部门责令停止建设，限期改正，并处罚款。", width=30)
    assert clean_text(raw) == (
        "第二条 城市、镇规划区内的建设活动应当符合规划要求，违反本法第三条规定的，"
        "由城乡规划主管部门责令停止建设，限期改正，并处罚款。"
    )


FIXTURES = [PLAN_RAW, PAPER_RAW, ROUND_TABLE_RAW, NOTES_RAW, ENGLISH_RAW,
            pdf("第一章 总则", "第一条 为了规范管理，制定本法。", "第二条 本法适用于全国。", width=12)]


@pytest.mark.parametrize("raw", FIXTURES)
def test_cleaning_is_idempotent(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@pytest.mark.parametrize("raw", FIXTURES)
def test_no_chinese_character_is_lost_or_reordered(raw: str) -> None:
    kept = "\n".join(line for line in raw.split("\n") if not (is_page_mark(line) or is_web_footer(line)))
    assert cjk(clean_text(raw)) == cjk(kept)


def test_clean_returns_a_document_with_the_same_identity() -> None:
    raw = RawDocument(doc_id="plan", title="“十四五”示范实施方案", source="documents/plan.txt", fmt="txt",
                      text=PLAN_RAW, sha256="abc")
    doc = clean(raw)
    assert (doc.doc_id, doc.title, doc.source, doc.fmt, doc.sha256) == ("plan", raw.title, raw.source, "txt", "abc")
    assert doc.text == clean_text(PLAN_RAW)


def test_empty_and_blank_text() -> None:
    assert clean_text("") == ""
    assert clean_text("\n \n\u3000\n") == ""


@pytest.mark.parametrize("markdown", [True, False])
def test_a_point_marker_on_its_own_line_joins_its_text(markdown: bool) -> None:
    """EUR-Lex's plain text (the GDPR held-out copy): "(a)" on one line, the point's text on the
    next; alone the letter is no sentence and the text loses its number."""
    raw = (
        "1. The controller shall provide:\n\n(a)\n\nthe identity of the controller;\n\n(ii)\n\n"
        "the purposes;\n\n（一）\n\n进入现场检查；"
    )
    assert clean_text(raw, one_paragraph_per_line=markdown).split("\n") == [
        "1. The controller shall provide:",
        "(a) the identity of the controller;",
        "(ii) the purposes;",
        "（一）进入现场检查；",
    ]
    once = clean_text(raw, one_paragraph_per_line=markdown)
    assert clean_text(once, one_paragraph_per_line=markdown) == once  # idempotent
    # The CPRA's subdivision letter over numbered paragraphs stays on its own line.
    assert clean_text("(c)\n\n(1) A business that receives a request", one_paragraph_per_line=markdown).split("\n") == [
        "(c)", "(1) A business that receives a request"
    ]
