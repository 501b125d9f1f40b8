"""Hand-built units of laws, regulations and English regulations, per the citation-label contract
in HELPERS.md (one unit per 条; path = headings without '#', ending with the label), so lookup and
retrieval can be tested before the law parser lands."""

from __future__ import annotations

from rag.records import Unit

INJURY = "工伤保险条例(2010-12-20)"
LABOUR = "中华人民共和国劳动法"
CIVIL = "民法典-合同编"
AI_ACT = "eu-ai-act_ch03_high-risk-ai-systems"
CPRA = "cpra-2020_prop24"
CPRA_TITLE = "The California Privacy Rights Act of 2020 (CPRA)"
BOOK3 = ("第三编 合同", "第一分编 通则", "第一章 一般规定")
AI_CH3 = "Chapter III High-risk AI systems"

INJURY_14 = (
    "第十四条 职工有下列情形之一的，应当认定为工伤：\n"
    "（一）在工作时间和工作场所内，因工作原因受到事故伤害的；\n"
    "（二）工作时间前后在工作场所内，从事与工作有关的预备性或者收尾性工作受到事故伤害的；\n"
    "（三）在工作时间和工作场所内，因履行工作职责受到暴力等意外伤害的；"
)
LABOUR_39 = (
    "第三十九条 企业因生产特点不能实行本法第三十六条、第三十八条规定的，"
    "经劳动行政部门批准，可以实行其他工作和休息办法。\n"
    "用人单位应当保证劳动者每周至少休息一日，并且有下列情形之一的除外：\n"
    "（一）发生自然灾害，需要紧急处理的；\n"
    "（二）生产设备发生故障，必须及时抢修的。"
)
AI_17 = (
    "Article 17 Quality management system\n"
    "1. Providers of high-risk AI systems shall put a quality management system in place. It shall include:\n"
    "(a) a strategy for regulatory compliance;\n"
    "(b) techniques and procedures for the design of the high-risk AI system;\n"
    "2. The implementation of the aspects referred to in paragraph 1 shall be proportionate "
    "to the size of the provider."
)


def _u(doc: str, title: str, path: tuple[str, ...], ordinal: int, text: str, kind: str = "article",
       label: str = "") -> Unit:
    start = ordinal * 1000
    return Unit(doc, title, path, label or path[-1], ordinal, text, (start, start + len(text)), kind)


def law_units() -> list[Unit]:
    ch3 = "第三章 工伤认定"
    return [
        _u(INJURY, "工伤保险条例", ("第一章 总则", "第一条"), 1,
           "第一条 为了保障因工作遭受事故伤害或者患职业病的职工获得医疗救治和经济补偿，制定本条例。"),
        _u(INJURY, "工伤保险条例", ("第二章 工伤保险基金", "第十二条"), 12,
           "第十二条 工伤保险基金存入社会保障基金财政专户，用于本条例规定的工伤保险待遇。"),
        _u(INJURY, "工伤保险条例", (ch3, "第十四条"), 14, INJURY_14),
        _u(INJURY, "工伤保险条例", (ch3, "第十五条"), 15,
           "第十五条 职工有下列情形之一的，视同工伤：\n（一）在工作时间和工作岗位，突发疾病死亡的；"),
        _u(LABOUR, "中华人民共和国劳动法", ("第一章 总则", "第九条"), 9,
           "第九条 国务院劳动行政部门主管全国劳动工作。"),
        _u(LABOUR, "中华人民共和国劳动法", ("第二章 促进就业", "第十二条"), 12,
           "第十二条 劳动者就业，不因民族、种族、性别、宗教信仰不同而受歧视。"),
        _u(LABOUR, "中华人民共和国劳动法", ("第三章 劳动合同和集体合同", "第十四条"), 14,
           "第十四条 残疾人、少数民族人员、退出现役的军人的就业，法律、法规有特别规定的，从其规定。"),
        _u(LABOUR, "中华人民共和国劳动法", ("第四章 工作时间和休息休假", "第三十九条"), 39, LABOUR_39),
        _u(CIVIL, "中华人民共和国民法典 合同编", (*BOOK3, "第四百六十三条"), 463,
           "第四百六十三条 本编调整因合同产生的民事关系。"),
        _u(CIVIL, "中华人民共和国民法典 合同编", (*BOOK3, "第四百六十四条"), 464,
           "第四百六十四条 合同是民事主体之间设立、变更、终止民事法律关系的协议。"),
        _u(AI_ACT, "Chapter III - High-Risk AI Systems",
           (AI_CH3, "Section 3 Obligations of providers", "Article 17 Quality management system"), 17,
           AI_17, label="Article 17"),
        _u(AI_ACT, "Chapter III - High-Risk AI Systems",
           (AI_CH3, "Section 2 Requirements", "Article 9 Risk management system"), 9,
           "Article 9 Risk management system\n"
           "1. A risk management system shall be established for high-risk AI systems.",
           label="Article 9"),
        _u(CPRA, CPRA_TITLE, ("SEC. 5", "Section 1798.105 Consumers' Right to Delete Personal Information"), 105,
           "Section 1798.105 Consumers' Right to Delete Personal Information\n(a) A consumer shall have the right to "
           "request that a business delete any personal information about the consumer.", kind="section",
           label="Section 1798.105"),
        _u(CPRA, CPRA_TITLE, ("SEC. 2",), 2,
           "SEC. 2. Findings and Declarations. In 2018, the California Legislature enacted the CCPA.", kind="section"),
    ]
