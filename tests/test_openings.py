"""The answer's first words (issue 11): verdicts, figures, announced lists, source marks, English.

Every example the issue lists is here, over clause units built by hand from the seed texts'
wording. A wrong opening is worse than none: where the issue saw a wrong 是/否 or a wrong
figure, the answer must open with the quoted sentence instead.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from rag.answer.asked import holds_number, of_the_follow_up
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.figures import asked, date, fees_named, figure
from rag.answer.figures_en import bounded_figures
from rag.answer.options import ExtractiveOptions
from rag.answer.quotes import clause_sentences, clean_quote, english_place, list_span
from rag.answer.records import Answer
from rag.answer.verdict import asked_action, polarity
from rag.query.question import analyse
from rag.records import Hit, Unit

PLAN = "“十四五”新型城镇化实施方案"
CH3 = "三、加快农业转移人口市民化"
SIX = (
    "（六）深化户籍制度改革。放开放宽除个别超大城市外的落户限制，试行以经常居住地登记户口制度。"
    "全面取消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。"
    "全面放宽城区常住人口300万至500万的I型大城市落户条件。"
    "完善城区常住人口500万以上的超大特大城市积分落户政策，精简积分项目，确保社会保险缴纳年限和居住年限分数占"
    "主要比例，鼓励取消年度落户名额限制。"
)
NINE = (
    "（九）保障随迁子女在流入地受教育权利。以公办学校为主将随迁子女纳入流入地义务教育保障范围，"
    "加大人口集中流入城市义务教育阶段学位供给。"
)
ONE = (
    "（一）发展现状。2020年末，全国常住人口城镇化率达到63.89%，户籍人口城镇化率提高到45.4%。"
    "城市建设用地规模控制在1.2万平方公里以内，地级及以上城市细颗粒物（PM2.5）平均浓度下降10%。"
)
PREFACE = "为深入贯彻落实党中央、国务院决策部署，根据《国家新型城镇化规划（2021—2035年）》，制定本实施方案。"
HENAN = "河南实践"
HAZE = (
    "（二）存在问题。土地成本快速上升，房地产价格高企；空气污染，全国范围内出现了大规模雾霾天气；城市河流污染等问题。"
)
GAP = "（三）城乡差距。城乡居民收入差距逐步缩小。[1][2-3]城镇基本公共服务覆盖面扩大①，常住人口享有率提高²。"
STAGES = (
    "（四）发展阶段。城镇化进程包含三个阶段：一是起步阶段，城镇化率低于30%；二是加速阶段，城镇化率在30%至70%之间；"
    "三是成熟阶段，城镇化率超过70%。"
)
INJURY_LAW = "工伤保险条例"
FOURTEEN = (
    "第十四条 职工有下列情形之一的，应当认定为工伤：\n（一）在工作时间和工作场所内，因工作原因受到事故伤害的；\n"
    "（二）工作时间前后在工作场所内，从事与工作有关的预备性或者收尾性工作受到事故伤害的；\n"
    "（三）在工作时间和工作场所内，因履行工作职责受到暴力等意外伤害的；\n（四）患职业病的；\n"
    "（五）因工外出期间，由于工作原因受到伤害或者发生事故下落不明的；\n"
    "（六）在上下班途中，受到非本人主要责任的交通事故或者城市轨道交通、客运轮渡、火车事故伤害的；\n"
    "（七）法律、行政法规规定应当认定为工伤的其他情形。"
)
SEVENTEEN = (
    "第十七条 职工发生事故伤害，所在单位应当自事故伤害发生之日起30日内，向统筹地区社会保险行政部门提出工伤认定申请。"
)
GDPR = "General Data Protection Regulation"
ART17 = (
    "Article 17\nRight to erasure ('right to be forgotten')\n"
    "1. The data subject shall have the right to obtain from the controller the erasure of personal data concerning "
    "him or her without undue delay and the controller shall have the obligation to erase personal data without "
    "undue delay where one of the following grounds applies:\n"
    "(a) the personal data are no longer necessary in relation to the purposes for which they were collected;\n"
    "(b) the data subject withdraws consent on which the processing is based."
)


def unit(title: str, path: tuple[str, ...], label: str, text: str, ordinal: int = 1, kind: str = "clause") -> Unit:
    return Unit(title, title, path, label, ordinal, text, (0, len(text)), kind)


def hits(*units: Unit) -> list[Hit]:
    return [Hit(u, 1.0 - i / 10, {"lexical": i + 1}) for i, u in enumerate(units)]


def six() -> Unit:
    return unit(PLAN, (CH3, "（六）深化户籍制度改革"), "（六）", SIX, 6)


def nine() -> Unit:
    return unit(PLAN, (CH3, "（九）保障随迁子女在流入地受教育权利"), "（九）", NINE, 9)


def one() -> Unit:
    return unit(PLAN, ("一、发展形势", "（一）发展现状"), "（一）", ONE, 1)


def ask(question: str, *units: Unit) -> Answer:
    return ExtractiveAnswerer().answer(question, hits(*units))


# -- 是/否 ------------------------------------------------------------------------------------


def test_the_verdict_for_the_asked_subject_stays() -> None:
    answer = ask("城区人口不到300万的城市还限制落户吗？", six())
    assert answer.answer.startswith("否，全面取消城区常住人口300万以下的城市落户限制")


def test_a_follow_up_about_another_subject_gets_no_verdict() -> None:
    # "那500万以上的城市呢？" after the question above: the sentence about 500万以上 cities only
    # encourages lifting the yearly quota — it decides nothing about their settlement limits.
    question = "城区人口500万以上的城市还限制落户吗？"
    sentence = "完善城区常住人口500万以上的超大特大城市积分落户政策，精简积分项目，鼓励取消年度落户名额限制。"
    assert polarity(analyse(question), sentence) is None
    answer = ask(question, six())
    assert not answer.answer.startswith(("是", "否")), answer.answer


def test_a_sentence_about_another_action_gets_no_verdict() -> None:
    # "那他们能在当地参加中考吗？" — 义务教育 is not 中考.
    question = "随迁子女能在当地参加中考吗？"
    sentence = "以公办学校为主将随迁子女纳入流入地义务教育保障范围，加大人口集中流入城市义务教育阶段学位供给。"
    assert polarity(analyse(question), sentence) is None
    assert not ask(question, nine()).answer.startswith(("是", "否"))


def test_a_lifted_restriction_answers_an_english_lift_question_yes() -> None:
    info = analyse("Does the plan lift settlement restrictions in cities with fewer than 3 million residents?")
    assert asked_action(info) == "lift"
    assert polarity(info, "全面取消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户。")
    assert polarity(analyse("Are the settlement restrictions removed for cities above 5 million?"),
                    "全面取消城区常住人口300万以下的城市落户限制。") is None


def test_an_english_may_question_gets_no_verdict_from_a_chinese_sentence() -> None:
    # seed2-054 over the seed texts alone opened "Yes —": the sentence pushes urban renewal, the
    # same clause forbids demolishing old buildings at will; the thing done cannot be read across.
    info = analyse("Can old buildings be demolished at will during urban renewal?")
    assert asked_action(info) == "permit"
    sentence = "重点在老城区推进以老旧小区、老旧厂区、老旧街区、城中村等“三区一村”改造为主要内容的城市更新改造。"
    assert polarity(info, sentence) is None


@pytest.mark.parametrize(
    ("question", "sentence", "verdict"),
    [
        # Something the plan says to prevent is not allowed.
        ("城市可以无序蔓延吗？", "科学确定城市规模和开发强度，防止城市无序蔓延。", False),
        # The part about the thing asked decides; a part about something else does not.
        ("可以推进城市建设吗？", "加快推进城市建设，防止城市无序蔓延。", True),
        # Two parts about the thing asked that disagree: no simple verdict.
        ("可以推进城市建设吗？", "有序推进城市建设，严禁城市建设中大拆大建。", None),
        ("取消落户限制了吗？", "全面取消城区常住人口300万以下的城市落户限制。", True),
        ("是否需要提出工伤认定申请？", "所在单位应当自事故伤害发生之日起30日内提出工伤认定申请。", True),
        ("可以大拆大建吗？", "严禁大拆大建。", False),
        # Lifting the thing itself ends it: it will not happen again.
        ("新城区以后还会不会一下雨就看海？", "高标准规划、建设新城区，不再出现“城市看海”现象。", False),
        # Parts about something else do not count against the part that decides.
        ("能不能把几个村子撤并了搞大社区？",
         "规范开展全域土地综合整治，合理推进农用地和建设用地整理，严禁随意撤并村庄搞大社区。", False),
        ("企业能自己选注册地吗？", "协作开展开发建设运营，允许合作园区内企业自由选择注册地。", True),
        # "不得不" compels; it prohibits nothing (hz24-23, a fresh seed question of stop 54, had opened 否).
        ("论文是不是认为土地流转制度不合理，逼得地方政府只能靠抬高土地出让金来拉GDP？",
         "不合理的土地流转制度促使政府不得不依靠提高土地出让金来拉动GDP增长。", True),
    ],
)
def test_verdicts_decide_exactly_the_asked_action(question: str, sentence: str, verdict: bool | None) -> None:
    assert polarity(analyse(question), sentence) is verdict


# -- figures ----------------------------------------------------------------------------------


def test_the_rate_asked_opens_not_the_first_rate() -> None:
    answer = ask("2020年末户籍人口城镇化率是多少？", one())
    assert answer.answer.startswith("提高到45.4%：") and "63.89%：" not in answer.answer
    assert ask("2020年末全国常住人口城镇化率是多少？", one()).answer.startswith("达到63.89%：")


def test_the_pollution_target_is_not_answered_with_the_land_figure() -> None:
    sentence = "城市建设用地规模控制在1.2万平方公里以内，地级及以上城市细颗粒物（PM2.5）平均浓度下降10%。"
    info = analyse("城市细颗粒物平均浓度要下降多少？")
    assert figure(info, sentence, ExtractiveOptions()) == "10%"
    assert ask("城市细颗粒物平均浓度要下降多少？", one()).answer.startswith("10%：")


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("积分落户的居住年限最长可以累计多少年？", SIX),  # "500万：" was the bug
        ("深圳积分落户分数线是多少？", SIX),  # "500万以上：" was the bug
        ("实施方案一共有多少条？", PREFACE),  # "2021：" was the bug
    ],
)
def test_no_figure_opening_when_the_figure_is_not_the_quantity_asked(question: str, text: str) -> None:
    info = analyse(question)
    for sentence in clause_sentences(text):
        assert figure(info, sentence, ExtractiveOptions()) is None, (question, sentence)


def test_a_fee_asked_by_name_opens_only_a_sentence_naming_it() -> None:
    """Held-out hk-37 (a near miss over 诉讼费用交纳办法): "400元：" opened the fee for setting
    an arbitral award aside, asked about the fee of labour arbitration."""
    award = "(五)申请撤销仲裁裁决或者认定仲裁协议效力的，每件交纳400元。"
    assert figure(analyse("申请劳动仲裁要交仲裁费吗？要交多少？"), award, ExtractiveOptions()) is None
    assert figure(analyse("申请撤销仲裁裁决要交多少钱？"), award, ExtractiveOptions()) == "400元"
    # The clause's lead names the fee its items state.
    lead = "第十四条 申请费分别按照下列标准交纳：" + award
    assert figure(analyse("申请撤销仲裁裁决的申请费要交多少钱？"), award, ExtractiveOptions(), lead) == "400元"
    assert figure(analyse("申请劳动仲裁的仲裁费要交多少钱？"), award, ExtractiveOptions(), lead) is None
    labour = "劳动争议案件每件交纳10元。案件受理费……"
    fee = "劳动争议案件受理费每件交纳10元。"
    assert figure(analyse("劳动争议案件的受理费交多少？"), fee, ExtractiveOptions()) == "10元"
    assert figure(analyse("劳动争议案件要交多少钱？"), labour, ExtractiveOptions()) == "10元"  # no fee named
    assert fees_named("收费标准是多少？交多少费用？") == set()


def test_a_calendar_year_is_never_the_figure_asked() -> None:
    sentence = "广东省城乡收入比从2013年的2.67∶1降至2023年的2.36∶1。"
    assert figure(analyse("广东省城乡收入比降到多少了？"), sentence, ExtractiveOptions()) is None
    # "多少家机构": the 3000家 of 注册企业 in the same sentence is not it.
    xiongan = "中央企业在雄安新区设立各类机构150多家，投资来源为北京的注册企业超3000家。"
    assert figure(analyse("中央企业在雄安新区设了多少家机构？"), xiongan, ExtractiveOptions()) == "150多家"


def test_units_and_indicators_the_question_asks() -> None:
    assert asked(analyse("最长多少年？")).units == ("年",) and asked(analyse("最长多少年？")).duration
    assert "日" in asked(analyse("工伤认定申请应当在多少天内提出？")).units
    assert asked(analyse("罚款多少钱？")).units == ("元",)
    rate = asked(analyse("户籍人口城镇化率是多少？"))
    assert rate.percent and rate.indicator == "户籍人口城镇化率"
    days = unit(INJURY_LAW, ("第三章 工伤认定", "第十七条"), "第十七条", SEVENTEEN, 17, "article")
    assert ask("工伤认定申请应当在多少天内提出？", days).answer.startswith("30日：")


# -- what is quoted ---------------------------------------------------------------------------


def test_an_announced_list_is_quoted_whole() -> None:
    law = unit(INJURY_LAW, ("第三章 工伤认定", "第十四条"), "第十四条", FOURTEEN, 14, "article")
    answer = ask("职工有哪些情形应当认定为工伤？", law)
    assert answer.answer.startswith("职工有下列情形之一的，应当认定为工伤：")
    for item in ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"):
        assert item in answer.answer, item
    stages = unit(PLAN, ("一、发展形势", "（四）发展阶段"), "（四）", STAGES, 4)
    answer = ask("城镇化进程包含哪几个阶段？", stages)
    assert "一是起步阶段" in answer.answer and "二是加速阶段" in answer.answer and "三是成熟阶段" in answer.answer


def test_one_item_answers_a_question_about_that_item() -> None:
    stages = unit(PLAN, ("一、发展形势", "（四）发展阶段"), "（四）", STAGES, 4)
    answer = ask("成熟阶段的城镇化率超过多少？", stages)
    assert "三是成熟阶段" in answer.answer and "一是起步阶段" not in answer.answer


def test_an_item_is_quoted_after_the_lead_in_it_is_a_case_of() -> None:
    # zhreg-001 "职工上下班路上出车祸算工伤吗？" was answered "（六）在上下班途中…的。" alone: the item
    # does not say what it is a case of. The items between are left out, and marked so.
    law = unit(INJURY_LAW, ("第三章 工伤认定", "第十四条"), "第十四条", FOURTEEN, 14, "article")
    answer = ask("职工上下班路上出车祸算工伤吗？", law)
    assert answer.answer.startswith("职工有下列情形之一的，应当认定为工伤：……（六）在上下班途中")
    assert "（一）" not in answer.answer and answer.sentences[0].supported


def test_an_english_list_is_one_quote() -> None:
    # An English answer quoted each item as a sentence of its own ("It also states: “(a) …”"),
    # the lead-in's colon turned into a full stop (euai-016).
    art17 = unit(GDPR, ("Article 17 Right to erasure",), "Article 17", ART17, 17, "article")
    answer = ask("On which grounds must the controller erase personal data without undue delay?", art17)
    assert "where one of the following grounds applies: (a) the personal data are no longer necessary" in answer.answer
    assert "collected; (b) the data subject withdraws consent" in answer.answer
    assert "It also states: “(a)" not in answer.answer


def test_an_english_point_joined_to_its_paragraph_is_led_in() -> None:
    # An EU act's points are joined to their paragraph: "…shall in particular ensure that: (a) …; (b) …". The
    # sentence before "(b) …" is the lead-in and the first item at once; gr-30 quoted "(b) the representative
    # action is not brought against a defendant that is a competitor…" alone (stop 63).
    funding = [
        "For the purposes of paragraph 1, Member States shall in particular ensure that: (a) the decisions of "
        "qualified entities are not unduly influenced by a third party;",
        "(b) the representative action is not brought against a defendant that is a competitor of the funding "
        "provider.",
        "Member States shall ensure that courts are empowered to assess compliance.",
    ]
    assert list_span(funding, 1, 20) == (0, 1)
    assert list_span(["Where that happens: the court decides.", "(b) it is a point."], 1, 20) is None
    text = "Article 10 Funding of representative actions\n2. " + "\n".join(funding)
    art10 = unit("Directive (EU) 2020/1828", ("Article 10",), "Article 10", text, 10, "article")
    answer = ask("Can a litigation funder that is a competitor of the defendant fund our representative action?", art10)
    assert "ensure that: … (b) the representative action is not brought" in answer.answer, answer.answer


def test_an_item_of_another_clause_is_led_in_once() -> None:
    # pz63-40 (stop 63) quoted "（一）出现章程规定的终止情形的。" of 慈善法 第十七条 after another article's sentence.
    seventeen = (
        "第十七条 慈善组织有下列情形之一的，应当终止：\n（一）出现章程规定的终止情形的；"
        "\n（二）因分立、合并需要终止的；\n（三）连续二年未从事慈善活动的。"
    )
    answerer = ExtractiveAnswerer()
    verify = "第五十三条 捐赠人对答复有异议的，可以要求慈善组织进行核实。"
    first = unit("上海市慈善条例", ("第五十三条",), "第五十三条", verify, 53, "article")
    second = unit("慈善法", ("第十七条",), "第十七条", seventeen, 17, "article")
    found = hits(first, second)
    best = answerer.score_sentences(analyse("捐赠人对答复有异议怎么办？"), found)[0]
    items = [replace(best, rank=2, position=1, text="（一）出现章程规定的终止情形的；"),
             replace(best, rank=2, position=3, text="（三）连续二年未从事慈善活动的。")]
    quoted = answerer._items_led_in(found, items, set())
    assert quoted[0] == (2, "慈善组织有下列情形之一的，应当终止：（一）出现章程规定的终止情形的；")
    assert quoted[1] == (2, "（三）连续二年未从事慈善活动的。")  # led in once


def test_list_span_finds_the_lead_in_from_an_item() -> None:
    sentences = clause_sentences(FOURTEEN.split(" ", 1)[1])
    assert list_span(sentences, 3, 20) == (0, 7)
    assert list_span(["普通的一句。", "（一）不是列表的开头。"], 1, 20) is None


def test_a_colon_before_items_announces_a_list_in_any_words() -> None:
    # "行政处罚有哪些种类？" was answered "行政处罚的种类：[1]" and another article: no list word
    # (包括, 下列) said the items below were its list (zhlaw-001, zhlaw-016; stop 33).
    kinds = ["行政处罚的种类：", "（一）警告、通报批评；", "（二）罚款；", "（三）行政拘留。"]
    assert list_span(kinds, 0, 20) == (0, 3)
    assert list_span(["注意：", "本法自公布之日起施行。"], 0, 20) is None  # no items follow
    chapter = "第二章 行政处罚的种类和设定"
    nine = unit("行政处罚法", (chapter, "第九条"), "第九条", "第九条 " + "\n".join(kinds), 9, "article")
    rules = "第十三条 国务院部门规章可以在法律、行政法规规定的给予行政处罚的行为、种类和幅度的范围内作出具体规定。"
    other = unit("行政处罚法", (chapter, "第十三条"), "第十三条", rules, 13, "article")
    answer = ask("行政处罚有哪些种类？", nine, other)
    assert "（三）行政拘留" in answer.answer, answer.answer


def test_an_item_leading_in_items_of_its_own_is_a_list_to_its_next_sibling() -> None:
    # CPRA 1798.100(d) "A business … shall enter into an agreement … that:" over "(1) specifies…":
    # cpra-009 quoted the lead-in alone ("… contractor, that.").
    cpra = ["(c) A business shall retain records.", "(d) A business shall enter into an agreement that:",
            "(1) specifies the purposes;", "(2) obligates the third party;", "(3) grants the business rights.",
            "(e) A business shall implement security."]
    assert list_span(cpra, 1, 20) == (1, 4)
    assert list_span(cpra, 3, 20) == (1, 4)
    assert list_span(cpra, 5, 20) is None
    # A sub-list inside a list: its own lead-in item; a later top-level item has the whole list.
    nested = ["下列事项：", "（一）甲事项：", "1.子一；", "2.子二；", "（二）乙事项。", "末句。"]
    assert list_span(nested, 2, 20) == (1, 3)
    assert list_span(nested, 4, 20) == (0, 4)


def test_a_lead_in_is_never_quoted_without_its_items() -> None:
    # zhlaw-046 "生育津贴按什么标准发？" quoted the answer and then "职工有下列情形之一的，可以按照国家
    # 规定享受生育津贴：" alone, its items left out (and zhreg-032's lead-in was the answer).
    text = ("第五十六条 生育津贴按照职工所在用人单位上年度职工月平均工资计发。\n"
            "职工有下列情形之一的，可以按照国家规定享受生育津贴：\n"
            "（一）女职工生育享受产假；\n（二）享受计划生育手术休假；\n（三）法律、法规规定的其他情形。")
    article = unit("社会保险法", ("第六章 生育保险", "第五十六条"), "第五十六条", text, 56, "article")
    answer = ask("生育津贴按什么标准发？", article)
    assert "月平均工资计发" in answer.answer, answer.answer
    assert "下列情形之一" not in answer.answer or "（三）法律、法规规定的其他情形" in answer.answer, answer.answer


def test_a_floor_is_no_answer_to_a_maximum_nor_a_ceiling_to_a_minimum() -> None:
    # "住房公积金缴存比例最高是多少？" opened "5%：" with a floor (stop 33): the regulation sets
    # no maximum. Asked the minimum, the floor is the answer.
    text = "第十八条 职工和单位住房公积金的缴存比例均不得低于职工上一年度月平均工资的5%。"
    article = unit("住房公积金管理条例", ("第三章 缴存", "第十八条"), "第十八条", text, 18, "article")
    assert not ask("住房公积金缴存比例最高是多少？", article).answer.startswith("5%")
    assert ask("住房公积金缴存比例最低是多少？", article).answer.startswith("5%：")
    overtime = ("第四十一条 延长工作时间一般每日不得超过一小时；因特殊原因需要延长工作时间的，"
                "在保障劳动者身体健康的条件下延长工作时间每日不得超过三小时，但是每月不得超过三十六小时。")
    labour = unit("劳动法", ("第四章 工作时间和休息休假", "第四十一条"), "第四十一条", overtime, 41, "article")
    # "不得超过三十六小时" opened "超过三十六小时：" — more than 36 hours, the opposite of the law.
    opened = ask("加班每月最多多少小时？", labour).answer
    assert not opened.startswith("超过"), opened
    assert opened.startswith("不得超过三十六小时：") or "：" not in opened[:12], opened
    assert not ask("加班每月最少多少小时？", labour).answer.startswith(("不得超过", "三十六"))


def test_a_condition_the_question_states_is_read_with_its_unit() -> None:
    # hl-03 "合同签一年，试用期最长能定几个月？": "一个月" (for a contract under one year) was no figure
    # because the question holds 一 ("一年"); with "三个月以上" rightly no maximum (stop 33), nothing
    # else was left to show the quotes disagree, and 劳动法's "不得超过六个月" opened the answer.
    old = unit("劳动法", ("第三章 劳动合同和集体合同", "第二十一条"), "第二十一条",
               "第二十一条 劳动合同可以约定试用期。试用期最长不得超过六个月。", 21, "article")
    new = unit("劳动合同法", ("第二章 劳动合同的订立", "第十九条"), "第十九条",
               "第十九条 劳动合同期限三个月以上不满一年的，试用期不得超过一个月；"
               "劳动合同期限一年以上不满三年的，试用期不得超过二个月。", 19, "article")
    answer = ask("合同签一年，试用期最长能定几个月？", old, new).answer
    assert not answer.startswith(("不得超过六个月", "三个月")), answer
    assert "不得超过二个月" in answer, answer


def test_source_reference_marks_never_look_like_citations() -> None:
    assert clean_quote("城乡居民收入差距逐步缩小。[1][2-3]") == "城乡居民收入差距逐步缩小。"
    assert clean_quote("覆盖面扩大①，享有率提高²。") == "覆盖面扩大，享有率提高。"
    # A Markdown list bullet opens no quote ("“- (b) the characteristics…”"); a minus sign stays.
    assert clean_quote("- (b) the characteristics of the system") == "(b) the characteristics of the system"
    # Where struck-out text was (the CPRA's amendments): the quote is the text in force.
    assert clean_quote("␡ A business that controls the collection of ␡ a consumer's data") == (
        "A business that controls the collection of a consumer's data"
    )
    assert clean_quote("-5 °C at night") == "-5 °C at night"
    # The seed paper's own marks are full-width: "…将达到 ８３％左右。［２－３］ 若…".
    assert clean_quote("将达到 ８３％左右。［２－３］") == "将达到 ８３％左右。"
    assert clean_quote("增长到 ６４. ７２％。［１］") == "增长到 ６４. ７２％。"
    gap = unit(PLAN, ("一、发展形势", "（三）城乡差距"), "（三）", GAP, 3)
    answer = ask("城乡居民收入差距有什么变化？", gap)
    assert answer.answer == "城乡居民收入差距逐步缩小。[1]"
    assert all(s.citations == (1,) for s in answer.sentences)


def test_english_answers_are_english_sentences_around_the_quote() -> None:
    path = ("Chapter III Rights of the data subject", "Article 17 Right to erasure ('right to be forgotten')")
    art17 = unit(GDPR, path, "Article 17", ART17, 17, "article")
    answer = ask("When must the controller erase personal data without undue delay?", art17)
    assert answer.answer.startswith(
        "Article 17 Right to erasure ('right to be forgotten') of General Data Protection Regulation states: "
        "“The data subject shall have the right"
    )
    assert "“Article 17" not in answer.answer and "“Right to erasure" not in answer.answer
    assert "(a) the personal data are no longer necessary" in answer.answer  # the announced grounds


def test_an_article_of_a_chinese_instrument_in_english_is_named_by_its_number() -> None:
    # The English of a Chinese regulation prints "Article 15 An employer shall, within 30 days …":
    # its path element is the sentence's first words, no title ("Article 15 An employer shall of …").
    text = "Article 15 An employer shall, within 30 days of the date of its establishment, register with the center."
    title = "Regulations on the Administration of Housing Provident Fund"
    art15 = unit(title, ("Chapter II Deposit", "Article 15 An employer shall"), "Article 15", text, 15, "article")
    answer = ask("Within how many days must an employer register after it is established?", art15)
    assert f"Article 15 of {title} states: “An employer shall, within 30 days" in answer.answer, answer.answer
    assert english_place(replace(art15, path=("Section 2. Definitions",), label="Section 2",
                                 text="Section 2. Definitions. As used in this Act:")) == "Section 2 Definitions"


def test_chit_chat_about_the_weather_is_not_answered_from_a_haze_sentence() -> None:
    haze = unit("河南", (HENAN, "（二）存在问题"), "（二）", HAZE, 2)
    answer = ask("今天天气怎么样？", haze)
    assert answer.abstained, answer.answer


# -- openings measured wrong on the development corpora (evals/sets) ----------------------------

PENALTY_LAW = "行政处罚法"


@pytest.mark.parametrize("question, sentence, expected", [
    ("违法的事过了多久没被发现就不再罚了？", "违法行为在二年内未被发现的，不再给予行政处罚。", "二年"),
    ("收到罚款决定书以后几天内得把罚款交了？", "当事人应当自收到行政处罚决定书之日起十五日内缴纳罚款。", "十五日"),
    ("京津城际最短多久发一趟车？", "目前，京津城际列车最高达到日开行125列，最短发车间隔仅3分钟。", "3分钟"),
    ("2023年北京流向津冀的技术合同成交额是多少亿元？",
     "2013年至2023年，北京流向津冀的技术合同成交额由71.2亿元增至748.7亿元。", "增至748.7亿元"),
])
def test_figures_in_chinese_numerals_and_the_end_of_a_change(question: str, sentence: str, expected: str) -> None:
    assert figure(analyse(question), sentence, ExtractiveOptions()) == expected


@pytest.mark.parametrize("question, expected", [
    ("罚款最多是多少元？", "二百元以下"),
    ("罚款最少是多少元？", "五十元以上"),
])
def test_the_end_of_a_range_the_question_asks_opens_the_answer(question: str, expected: str) -> None:
    assert figure(analyse(question), "处五十元以上二百元以下罚款。", ExtractiveOptions()) == expected


@pytest.mark.parametrize("question, sentence, expected", [
    # One end of a range is not the figure stated (zhreg-056 opened "12个月："); the range of time whole is
    # (stop 70).
    ("联网结算会被停多久？", "属于参保人员的，暂停其医疗费用联网结算3个月至12个月：", "3个月至12个月"),
    ("拘留多少日？", "处以十日至十五日拘留。", "十日至十五日"),
])
def test_a_range_of_time_opens_whole(question: str, sentence: str, expected: str) -> None:
    assert figure(analyse(question), sentence, ExtractiveOptions()) == expected


@pytest.mark.parametrize("question, sentence", [
    # Which of the figures listed "分别" belongs to which year is not checked: no opening.
    ("郑州2020年城镇化率是多少？", "2000年、2010年和2020年郑州市城镇化率分别为55.05%、63.49%和78.4%。"),
    # An English question over a Chinese sentence: units and indicators do not compare.
    ("What was Zhengzhou's urbanization rate in 2020?", "2020年末全国常住人口城镇化率达到63.89%。"),
    # One end of "X以上Y以下" is not the figure stated (zhx-021 opened "3倍以下："); a range of multiples or
    # of money is no opening whole either (stop 70: fines of another party or article opened so).
    ("骗领失业保险金情节严重的，罚款是骗取金额的几倍？",
     "情节严重的，由劳动保障行政部门处骗取金额1倍以上3倍以下的罚款。"),
    ("罚款是多少元？", "处五十元以上二百元以下罚款。"),
    # A Chinese numeral the question itself states is its condition, not its answer.
    ("不满十四周岁的人违法，多少年后还能追究？", "不满十四周岁的未成年人有违法行为的，不予行政处罚。"),
])
def test_no_figure_opening_where_the_figure_cannot_be_checked(question: str, sentence: str) -> None:
    assert figure(analyse(question), sentence, ExtractiveOptions()) is None


def test_a_verdict_for_a_narrower_case_is_no_verdict() -> None:
    # zhlaw-025: 暂缓执行 is for penalties restricting personal freedom, not for fines.
    question = "我申请了行政复议，罚款是不是就可以先不执行了？"
    sentence = ("当事人对限制人身自由的行政处罚决定不服，申请行政复议或者提起行政诉讼的，"
                "可以向作出决定的机关提出暂缓执行申请。")
    assert polarity(analyse(question), sentence) is None


def test_sentences_that_open_differently_give_no_opening() -> None:
    text = "第七十三条 城区常住人口300万以下的城市全面取消落户限制。城区常住人口300万以下的城市严格限制落户。"
    clause = unit(PENALTY_LAW, ("第七十三条",), "第七十三条", text, 73)
    answer = ask("城区人口不到300万的城市还限制落户吗？", clause)
    assert not answer.answer.startswith(("是", "否"))


def test_a_vouched_search_is_answered_from_a_colloquial_match() -> None:
    # "辞职 … 提前多少天" shares almost no words with the article that answers it.
    article = unit("劳动法", ("第三章 劳动合同", "第三十一条"), "第三十一条",
                   "第三十一条 劳动者解除劳动合同，应当提前三十日以书面形式通知用人单位。", 31)
    answerer = ExtractiveAnswerer()
    question = "我想辞职，要提前多少天跟单位说？"
    assert answerer.answer(question, hits(article)).abstained
    vouched = answerer.vouched().answer(question, hits(article))
    assert not vouched.abstained and "提前三十日" in vouched.answer


def test_an_english_lookup_quotes_the_article_not_its_heading() -> None:
    text = ("### Article 6\nClassification rules for high-risk AI systems\n"
            "1. Irrespective of whether an AI system is placed on the market, it shall be considered high-risk.")
    path = ("Chapter III High-risk AI systems", "Article 6 Classification rules for high-risk AI systems")
    art6 = unit("eu-ai-act", path, "Article 6", text, 6)
    answer = ExtractiveAnswerer().answer("What does Article 6 say?", [Hit(art6, 1.0, {"ref": 1})])
    assert "Irrespective of whether" in answer.answer
    assert "###" not in answer.answer and "“1.”" not in answer.answer and "：" not in answer.answer


def test_a_lookup_of_an_article_that_opens_a_list_quotes_the_whole_list() -> None:
    art14 = unit(INJURY_LAW, ("第三章 工伤认定", "第十四条"), "第十四条", FOURTEEN, 14, kind="article")
    answer = ExtractiveAnswerer().answer("工伤保险条例第十四条讲什么", [Hit(art14, 1.0, {"ref": 1})])
    assert "应当认定为工伤：" in answer.answer
    assert "（一）" in answer.answer and "（七）法律、行政法规规定" in answer.answer


def test_two_figures_the_words_cannot_tell_apart_give_no_opening() -> None:
    # The chat completes "那每周呢？" as "关于每周：劳动法规定每天最多工作几个小时？": 每周 and 每天 both
    # stand in it, so the words tie between 八小时 (每日) and 四十四小时 (每周); "八小时：" was a wrong
    # leading figure. The plain question still gets its figure.
    from rag.answer.figures import figure
    from rag.answer.options import ExtractiveOptions
    from rag.query.question import analyse

    sentence = "国家实行劳动者每日工作时间不超过八小时、平均每周工作时间不超过四十四小时的工时制度。"
    assert figure(analyse("关于每周：劳动法规定每天最多工作几个小时？"), sentence, ExtractiveOptions()) is None
    assert figure(analyse("劳动法规定每天最多工作几个小时？"), sentence, ExtractiveOptions()) == "不超过八小时"


def test_an_english_title_in_capitals_is_named_in_a_sentence_s_letters() -> None:
    from rag.answer.quotes import english_title

    assert english_title("REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL") == (
        "Regulation (EU) 2016/679 of the European Parliament and of the Council"
    )
    assert english_title("EQUALITY ACT 2010") == "Equality Act 2010"
    for kept in ("The California Privacy Rights Act of 2020", "CPRA", "eu-ai-act_ch03_high-risk-ai-systems"):
        assert english_title(kept) == kept
    gdpr = "REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL"
    art17 = unit(gdpr, ("Article 17 Right to erasure",), "Article 17", ART17, 17, "article")
    answer = ask("On which grounds must the controller erase personal data without undue delay?", art17)
    assert answer.answer.startswith("Article 17 Right to erasure of Regulation (EU) 2016/679 of the European")
    assert answer.sentences[0].supported


@pytest.mark.parametrize(
    ("question", "sentence", "opens"),
    [
        # A follow-up the chat could not rewrite ("关于X：<the question before>") opens only from a
        # sentence about X: these three opened with the earlier question's verdict or figure.
        ("关于醉酒驾驶：饮酒后驾驶机动车的，暂扣几个月驾驶证？", "饮酒后驾驶机动车的，处暂扣六个月驾驶证。", False),
        ("关于男职工：女职工生育享受多少天产假？", "女职工生育享受不少于九十天的产假。", False),
        ("关于全日制：非全日制用工可以约定试用期吗？", "非全日制用工双方当事人不得约定试用期。", False),
        # dev zhlaw-006: the follow-up's own words are the sentence's.
        ("关于要是涉及金融安全、还有危害后果的：违法行为多少年内没被发现就不罚了？",
         "涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。", True),
        ("关于七级：五级伤残的一次性伤残补助金是几个月工资？", "七级伤残为13个月的本人工资。", True),
        ("Regarding deployers: Must providers keep the logs?", "Providers shall keep the logs.", False),
        ("Regarding providers: Must deployers keep the logs?", "Providers shall keep the logs.", True),
        # dev cpra-057 ("And at least?" after a maximum): the other end of the range is asked.
        ("Regarding at least: How much may a consumer recover?", "not less than one hundred dollars ($100)", True),
        ("饮酒后驾驶机动车的，暂扣几个月驾驶证？", "饮酒后驾驶机动车的，处暂扣六个月机动车驾驶证。", True),
    ],
)
def test_a_follow_up_opens_only_from_a_sentence_about_what_it_asks(question: str, sentence: str, opens: bool) -> None:
    assert of_the_follow_up(question, sentence) is opens


ACCEPT = "劳动争议仲裁委员会收到仲裁申请之日起五日内，认为符合受理条件的，应当受理，并通知申请人。"
AWARD = "仲裁庭裁决劳动争议案件，应当自劳动争议仲裁委员会受理仲裁申请之日起四十五日内结束。"


@pytest.mark.parametrize(
    ("question", "sentence", "opens"),
    [
        # Held-out hq-11 opened "五日：", the days to accept the case, for when the award comes.
        ("申请劳动仲裁以后，正常多久能出结果？", ACCEPT, None),
        ("仲裁委员会收到申请后多少天内要决定受不受理？", ACCEPT, "五日"),
        ("仲裁庭要在多少天内结束案件？", AWARD, "四十五日"),
        # The days are the thing itself, no step to happen within them: nothing to check.
        ("我参加工作3年了，一年能休几天年休假？", "职工累计工作已满1年不满10年的，年休假5天。", "5天"),
    ],
)
def test_a_time_limit_opens_only_for_the_step_asked(question: str, sentence: str, opens: str | None) -> None:
    assert figure(analyse(question), sentence, ExtractiveOptions()) == opens


@pytest.mark.parametrize(
    ("question", "sentence", "opens"),
    [
        # The step in everyday words: compared by its characters, light verbs left out (hq-03, hq-05).
        ("医院抢救病人时来不及写病历，抢救完多长时间内要补上？", "医务人员应当在抢救结束后6小时内据实补记。", "6小时"),
        ("对死因有争议，尸检得在多长时间内做？", "医患双方对死因有异议的，应当在死亡后48小时内进行尸检。", "48小时"),
    ],
)
def test_a_step_named_in_everyday_words_still_opens(question: str, sentence: str, opens: str) -> None:
    assert figure(analyse(question), sentence, ExtractiveOptions()) == opens


RATIOS = (
    "如2020年，城市千人卫生机构床位数和千人卫生技术人员数分别是农村的1.78和2.21倍，"
    "每月最低生活保障平均标准是农村的1.36倍。"
)


def test_a_figure_beside_an_unread_list_of_its_kind_opens_only_when_named_as_asked() -> None:
    # A fresh seed question opened "1.36倍：" (the minimum living standard) for the hospital beds.
    assert figure(analyse("2020年城里每千人的病床数是农村的几倍？"), RATIOS, ExtractiveOptions()) is None
    assert figure(analyse("城市低保标准是农村的几倍？"), RATIOS, ExtractiveOptions()) == "1.36倍"


def test_a_place_excepted_after_its_name_gets_no_verdict() -> None:
    # "…郑州中心城区以外其他所有城市…" lifts the limits everywhere but there (a fresh seed follow-up
    # was answered 是).
    sentence = "取消郑州中心城区以外其他所有城市和地区的落户限制，持续放宽郑州中心城区落户条件。"
    assert polarity(analyse("郑州中心城区的落户限制也取消了吗？"), sentence) is None
    assert polarity(analyse("洛阳的落户限制取消了吗？"), sentence) is True


def test_a_cancelling_act_asked_is_decided_by_the_modal_before_it() -> None:
    # 辞退 reads as 解除劳动合同 (rag.query.lay_terms): "不得解除" forbids it, "可以解除" allows it.
    # A fresh held-out question over 职业病防治法 got no verdict (stop 40).
    question = "我被查出疑似尘肺，现在还在医学观察，公司能趁这时候把我辞退吗？"
    sentence = "在疑似职业病病人诊断或者医学观察期间，不得解除或者终止与其订立的劳动合同。"
    assert polarity(analyse(question), sentence) is False
    # Another cancelling act than the one asked still decides nothing.
    assert polarity(analyse("公司能不签劳动合同吗？"), "用人单位可以解除劳动合同。") is None


FOLLOW_UP_FIGURES = (
    "向郑州、洛阳、航空港实验区下放省级经济社会管理权限295项，深化县域放权赋能改革，"
    "赋予县（市）255项经济社会管理权限，将财政直管县的实施范围扩大至全部县（市）。"
)


def test_a_follow_up_s_own_words_choose_its_figure() -> None:
    # A fresh seed follow-up opened "295项：", the figure of the question before it (stop 40).
    follow_up = "那给各个县（市）放了多少项权限？（接上文：河南给郑州、洛阳和航空港实验区下放了多少项省级权限？）"
    assert figure(analyse(follow_up), FOLLOW_UP_FIGURES, ExtractiveOptions()) == "255项"
    first = "河南给郑州、洛阳和航空港实验区下放了多少项省级权限？"
    assert figure(analyse(first), FOLLOW_UP_FIGURES, ExtractiveOptions()) == "295项"


def test_a_year_inside_a_title_is_no_date() -> None:
    # "《…2035年远景目标纲要》" opened "2035年：" for the year the plan came out (stop 40).
    sentence = "为深入贯彻《国民经济和社会发展第十四个五年规划和2035年远景目标纲要》，制定本实施方案。"
    assert date(analyse("实施方案是哪一年出台的？"), sentence, ExtractiveOptions()) is None
    issued = "2022年，国家发改委出台了《实施方案》。"
    assert date(analyse("实施方案是哪一年出台的？"), issued, ExtractiveOptions()) == "2022年"


def test_the_year_asked_is_the_one_of_the_figure_the_question_gives() -> None:
    # A fresh seed question of stop 48 opened "2011年：", the year of the next part, which shares more words.
    sentence = ("1996年全国城镇化水平达到30%以上(30.48%)，之后全国城镇化率保持高速发展，"
                "2011年全国城镇化率达到51.27%，首次超过50%，标志着我国进入城市社会。")
    assert date(analyse("全国城镇化水平是哪一年达到30%以上的？"), sentence, ExtractiveOptions()) == "1996年"
    assert date(analyse("全国城镇化率是哪一年首次超过50%的？"), sentence, ExtractiveOptions()) == "2011年"
    # A figure the question gives with decimals is one number: "60.6" is not a "60" and a "6" that no
    # part holds (the year of the part with more shared words had opened, 2021年; stop 52's one reading
    # of the question's own numbers, quantity.given_numbers).
    decimal = "2019年城镇化率达到60.6%，2021年全国常住人口城镇化率进一步提高到64.7%。"
    assert date(analyse("全国常住人口城镇化率是哪一年提高到60.6%的？"), decimal, ExtractiveOptions()) == "2019年"


def test_a_number_in_chinese_numerals_must_be_in_the_deciding_sentence() -> None:
    # A probe answered 是: the sentence allows it after three years, the question says one (stop 40).
    sentence = (
        "病历资料封存后医疗纠纷已经解决，或者患者在病历资料封存满3年未再提出解决医疗纠纷要求的，医疗机构可以自行启封。"
    )
    assert polarity(analyse("病历封存才一年，纠纷还没解决，医院能不能自己把病历启封？"), sentence) is None
    assert polarity(analyse("病历封存满三年了，医院能自行启封吗？"), sentence) is True
    assert polarity(analyse("病历封存才一年，医疗机构可以自行启封吗？"), sentence) is None
    # A number inside a range the sentence states is there: 四百万 in "300万至500万".
    relaxed = "全面放宽城区常住人口300万至500万的Ⅰ型大城市落户条件。"
    assert polarity(analyse("我们市城区常住人口四百万左右，落户条件会放宽吗？"), relaxed) is True
    assert polarity(analyse("我们市城区常住人口六百万左右，落户条件会放宽吗？"), relaxed) is None


def test_the_condition_of_a_fine_is_not_the_fine() -> None:
    options = ExtractiveOptions()
    sentence = "违法生产经营的食品货值金额不足一万元的，并处十万元以上十五万元以下罚款。"
    assert figure(analyse("没有许可证就生产饼干，货值才几千块，会被罚多少钱？"), sentence, options) is None
    assert figure(analyse("货值不到一万的，最多罚多少钱？"), sentence, options) == "十五万元以下"
    # No later figure of the asked kind: the condition's figure is the one asked.
    years = "职工连续工作1年以上的，享受带薪年休假。"
    assert figure(analyse("连续工作满多少年才能休年假？"), years, options) == "1年以上"


def test_alternatives_on_different_bases_open_neither() -> None:
    options = ExtractiveOptions()
    sentence = "消费者除要求赔偿损失外，还可以向生产者或者经营者要求支付价款十倍或者损失三倍的赔偿金。"
    assert figure(analyse("除了赔我的损失，还能按我付的钱要几倍的赔偿金？"), sentence, options) is None
    assert figure(analyse("还能要几倍的赔偿金？"), "可以要求支付价款十倍的赔偿金。", options) == "十倍"


def test_a_figure_named_otherwise_does_not_open() -> None:
    # A fresh seed near miss of stop 46: the plan targets 3000 km of intercity and suburban railway,
    # not of urban rail transit; "3000公里：" opened the answer.
    sentence = "到2025年新增城际铁路和市域（郊）铁路运营里程3000公里，基本实现主要城市间2小时通达。"
    options = ExtractiveOptions()
    assert figure(analyse("到2025年，全国城市轨道交通运营里程要达到多少公里？"), sentence, options) is None
    assert figure(analyse("到2025年，城际铁路和市域铁路要新增多少公里运营里程？"), sentence, options) == "3000公里"
    # A question naming no modifier of its own keeps the figure (seed p090).
    extended = "落实第二轮土地承包到期后再延长30年政策，完善农村承包地所有权、承包权、经营权分置制度。"
    assert figure(analyse("第二轮土地承包到期后再延长多少年？"), extended, options) == "30年"
    # Nor are the verbs before a name (trap pz41-11).
    fine = "骗取社会保险待遇的，由劳动保障行政部门责令退还，并处骗取金额1倍以上3倍以下的罚款。"
    assert figure(analyse("骗取社保待遇被查出来，最少要罚骗取金额的几倍？"), fine, options) == "1倍以上"
    # A time before the figure ("但是每月不得超过") is no other name of it.
    overtime = "因特殊原因需要延长工作时间的，延长工作时间每日不得超过三小时，但是每月不得超过三十六小时。"
    assert figure(analyse("加班每月最多多少小时？"), overtime, options) == "不得超过三十六小时"


def test_stop_47_a_figure_of_the_item_beside_the_one_asked_does_not_open() -> None:
    terms = "家庭承包的耕地的承包期为三十年，草地的承包期为三十年至五十年，林地的承包期为三十年至七十年。"
    grass = analyse("我家承包的不是耕地，是一片放羊用的草场，这种草地的承包期是多少年？")
    # A stop 47 trap opened "三十年：" (耕地's); the grassland's range whole is its term (stop 70).
    assert figure(grass, terms, ExtractiveOptions()) == "三十年至五十年"
    assert figure(analyse("耕地的承包期是多少年？"), terms, ExtractiveOptions()) == "三十年"


def test_stop_47_a_case_the_question_excludes_gets_no_verdict() -> None:
    from rag.answer.verdict import polarity

    sentence = "重点建设项目选址确实难以避让永久基本农田，涉及农用地转用或者土地征收的，必须经国务院批准。"
    excluded = analyse("县里要征收二十公顷普通耕地（不是永久基本农田），这种情况必须报国务院批准吗？")
    assert polarity(excluded, sentence) is None  # a stop 47 trap opened "是"
    assert polarity(analyse("重点建设项目占用永久基本农田，必须报国务院批准吗？"), sentence) is True
    assert polarity(analyse("占用永久基本农田是不是必须报国务院批准？"), sentence) is True


def test_the_first_figure_of_a_list_is_not_a_later_items() -> None:
    # Trap pz46-32 (stop 46): the sentence states the 费用's 六万元 and names the 专项附加扣除 after
    # it; "六万元：" opened the answer to a question asking a sum of the latter.
    options = ExtractiveOptions()
    sentence = (
        "居民个人的综合所得，以每一纳税年度的收入额减除费用六万元以及专项扣除、专项附加扣除和依法确定的"
        "其他扣除后的余额，为应纳税所得额。"
    )
    assert figure(analyse("大病医疗专项附加扣除，一年最多能扣多少钱？"), sentence, options) is None
    # The item the figure states, asked by name, keeps it.
    assert figure(analyse("综合所得每年减除费用是多少钱？"), sentence, options) == "六万元"


def test_stop_50_a_change_asked_a_total_broken_down_and_a_case_denied() -> None:
    options = ExtractiveOptions()
    # A change asked is stated as one, not by the level before it (seed hz20-02 opened "达3.76亿人").
    people = "从流动人口来看，2020年全国流动人口总量达3.76亿人，与2010年相比增加了1.54亿人，增幅高达69.73%。"
    assert figure(analyse("2020年全国在外流动的人，跟2010年比多出来多少人？"), people, options) == "1.54亿人"
    assert figure(analyse("2020年全国流动人口有多少人？"), people, options) == "达3.76亿人"
    # A total broken down by the next sentence ("其中…") is not the part asked (seed hz20-01).
    clause = ("2014 年至\n\n2022 年 ，北 京 高 技 术 企 业 由 37.42 万 户 增 至\n\n85.71 万户。"
              "其中，制造类企业由 0.24 万户增至\n\n0.28 万户，服务类企业由 37.18 万户增至 85.43\n\n万户。")
    total = "2014年至2022年，北京高技术企业由37.42万户增至85.71万户。"
    assert figure(analyse("北京那批高技术企业里，搞制造的那一类到2022年有多少户？"), total, options, clause) is None
    assert figure(analyse("北京高技术企业到2022年有多少户？"), total, options, clause) == "增至85.71万户"
    # A figure of a case the question denies (trap pz50-29 opened "10年：" for a case "还不算严重").
    cases = "拒不整改或者整改后仍发生同类问题的，1至5年内不得举办新的民办学校，情节严重的，10年内不得举办新的民办学校。"
    assert figure(analyse("拒不整改，情节还不算严重的，多少年内不得举办新的民办学校？"), cases, options) is None
    assert figure(analyse("情节严重的，多少年内不得举办新的民办学校？"), cases, options) == "10年"
    # A case both deny is the question's (trap pz44-32 keeps its figure).
    fire = ("人员密集场所发生火灾，该场所的现场工作人员不履行组织、引导在场人员疏散的义务，"
            "情节严重，尚不构成犯罪的，处五日以上十日以下拘留。")
    assert figure(analyse("现场工作人员不组织疏散，情节严重但不构成犯罪，最多拘留几天？"), fire, options) == "十日以下"


def test_stop_50_is_it_that_authority_is_decided_only_by_a_part_naming_it() -> None:
    # Trap pz50-14 was answered "是" (its 保障 of 人力资源社会保障 read as a deciding word).
    sentence = ("举办实施以职业技能为主的职业资格培训、职业技能培训的民办学校，"
                "由县级以上人民政府人力资源社会保障行政部门按照国家规定的权限审批，并抄送同级教育行政部门备案。")
    assert polarity(analyse("我们想办一所以职业技能培训为主的民办学校，是去教育局审批吗？"), sentence) is None
    assert polarity(analyse("办职业技能培训学校，是由人力资源社会保障部门审批吗？"), sentence) is True


def test_stop_50_a_commencement_question_quotes_the_sentence_stating_the_date_of_application() -> None:
    # gl-08 quoted "Chapter III shall apply in relation to…", the sentence sharing most of its words.
    text = (
        "Article 50\nEntry into force and application\n"
        "This Regulation shall enter into force on the twentieth day following that of its publication in the "
        "Official Journal of the European Union.\nIt shall apply from 12 September 2025.\n"
        "Chapter III shall apply in relation to obligations to make data available under Union law or national "
        "legislation adopted in accordance with Union law, which enters into force after 12 September 2025."
    )
    act = unit("Regulation (EU) 2023/2854 (Data Act)", ("Chapter XI",), "Article 50", text, 50)
    answer = ask("When did the Data Act's rules actually start to apply?", act)
    assert "It shall apply from 12 September 2025." in answer.answer
    assert "Chapter III" not in answer.answer


def test_stop_50_a_chinese_commencement_question_opens_with_its_date() -> None:
    # gk-13: the repeal dated 1997 after the commencement sentence had kept the date from opening.
    law = unit("中华人民共和国民办教育促进法", ("第十章 附则", "第六十七条"), "第六十七条",
               "第六十七条 本法自2003年9月1日起施行。1997年7月31日国务院颁布的《社会力量办学条例》同时废止。", 67)
    answer = ask("民办教育促进法最早是从哪一天开始施行的？", law)
    assert answer.answer.startswith("2003年9月1日：本法自2003年9月1日起施行。"), answer.answer


def test_stop_51_a_deciding_word_inside_a_name_decides_nothing() -> None:
    # 保障 of a department's name, 促进/实施 of a law's: no verdict from them.
    info = analyse("职业技能培训学校的审批要抄送教育部门吗？")
    assert polarity(info, "由县级以上人民政府人力资源社会保障行政部门审批。") is None
    law = analyse("民办学校可以参照民办教育促进法实施条例办吗？")
    assert polarity(law, "依照民办教育促进法实施条例的规定。") is None
    # The authority asked is the one the rule says acts ("由…审批"): 是, with no deciding word in it.
    who = analyse("办职业技能培训学校，是由人力资源社会保障部门审批吗？")
    rule = "举办职业技能培训的民办学校，由县级以上人民政府人力资源社会保障行政部门按照国家规定的权限审批。"
    assert polarity(who, rule) is True


def test_stop_51_a_time_counted_from_a_periods_expiry_is_not_one_counted_from_its_start() -> None:
    decision = ("对初步审定公告的商标提出异议的，商标局应当听取异议人和被异议人陈述事实和理由，经调查核实后，"
                "自公告期满之日起十二个月内做出是否准予注册的决定。")
    objection = analyse("看到一个跟我们品牌几乎一样的商标已经初审通过了，想提异议，从公告那天算起我还有多长时间？")
    assert figure(objection, decision, ExtractiveOptions()) is None
    assert figure(analyse("公告期满以后，商标局要在多长时间内做出决定？"), decision, ExtractiveOptions()) == "十二个月"
    filing = "对初步审定公告的商标，自公告之日起三个月内，在先权利人、利害关系人认为违反本法规定的，可以提出异议。"
    assert figure(objection, filing, ExtractiveOptions()) == "三个月"


def test_stop_51_a_lead_time_before_an_event_opens_no_duration_asked_after_it() -> None:
    sentence = "商标评审委员会决定进行口头审理的，应当在口头审理15日前书面通知当事人，告知口头审理的日期。"
    assert figure(analyse("口头审理开完以后，要在多少天内作出评审决定？"), sentence, ExtractiveOptions()) is None
    assert figure(analyse("口头审理要提前多少天通知当事人？"), sentence, ExtractiveOptions()) == "15日"


def test_stop_53_a_deadline_asked_is_no_floor() -> None:
    # gq-40 / pz53-33, near misses: the least time a tender stays open is no time to pay by.
    sentence = ("货物和服务项目实行招标方式采购的，自招标文件开始发出之日起至投标人提交投标文件截止之日止，"
                "不得少于二十日。")
    for question in ("货送到、验收也合格了，采购单位最迟要在多少天之内把货款付给我们？",
                     "招标文件发出以后，几天内必须截止投标？"):
        assert figure(analyse(question), sentence, ExtractiveOptions()) is None, question
    least = analyse("招标文件发出到投标截止，最少要留多少天？")
    assert figure(least, sentence, ExtractiveOptions()) == "不得少于二十日"


def test_stop_53_a_rise_asked_by_zhang_is_the_change_not_the_level() -> None:
    # hz23-18: "涨了多少" asks the change; "达27.3%" is the share itself.
    sentence = "50岁以上农民工占比达27.3%，比2015年增长9.4%。"
    rise = analyse("那篇论文说50岁以上的农民工占比，跟2015年比涨了多少？")
    assert figure(rise, sentence, ExtractiveOptions()) is None  # opened "达27.3%" before; 9.4% names no indicator
    assert figure(analyse("50岁以上的农民工占多大比例？"), sentence, ExtractiveOptions()) == "达27.3%"


def test_stop_53_which_thing_stands_first_is_no_verdict() -> None:
    # hz23-17: "建设和谐宜居…" does not say 宜居 stands first (创新 does, in another sentence).
    info = analyse("这次中央城市工作会议提的城市发展目标里，排在头一位的是不是“宜居”？")
    sentence = ("对比十年前中央城市工作会议提出的“建设和谐宜居、富有活力、各具特色的现代化城市”，"
                "此次会议提出的目标更加丰富全面。")
    assert polarity(info, sentence) is None
    # Other yes/no questions keep their verdict.
    assert polarity(analyse("城市更新可以大拆大建吗？"), "城市更新中严禁大拆大建。") is False


def test_stop_53_an_english_ceiling_quoted_beside_another_figure_contradicts_it() -> None:
    # pe53-24: "five years" (the instalments) opened "How long at most…to put it right", the quotes'
    # next sentence bounding that time by 12 months: the bounded figure is what contradicts it.
    question = ("We're paying our exit tax in instalments but missed one. How long at most can we be given to put it "
                "right before the whole tax debt becomes due?")
    bounded = ("The deferral may be discontinued if the taxpayer does not correct its situation over a reasonable "
               "period of time, which shall not exceed 12 months.")
    assert bounded_figures(question, bounded) == {"12 months"}
    assert bounded_figures(question, "A taxpayer may pay it in instalments over five years.") == set()
    assert bounded_figures("How long does the deferral last?", bounded) == set()  # no end asked
    assert bounded_figures("How long at least must we wait?", bounded) == set()  # the other end


def test_stop_53_an_english_ceiling_in_the_same_clause_keeps_another_figure_from_opening() -> None:
    question = ("We're paying our exit tax in instalments but missed one. How long at most can we be given to put it "
                "right before the whole tax debt becomes due?")
    first = ("A taxpayer shall be given the right to defer the payment of an exit tax referred to in paragraph 1, by "
             "paying it in instalments over five years.")
    clause = (f"1. {first} 2. The deferral may be discontinued if the taxpayer does not correct its situation over a "
              "reasonable period of time, which shall not exceed 12 months.")
    assert figure(analyse(question), first, ExtractiveOptions()) == "five years"  # read alone, as before
    assert figure(analyse(question), first, ExtractiveOptions(), clause) is None


def test_stop_53_a_change_asked_before_is_not_asked_by_the_follow_up() -> None:
    # Seed hz14-22: the earlier question's "涨了多少" kept "16.2%：" from opening the follow-up.
    sentence = "2023年底，9城市PCT国际专利申请数量占全国1/9，国家科学技术奖获奖数量占全国16.2%。"
    info = analyse("那这9个城市拿到的国家科学技术奖，占全国多少？"
                   "（接上文：长三角G60科创走廊9个城市共建以来，PCT国际专利申请数量涨了多少？）")
    assert figure(info, sentence, ExtractiveOptions()) == "16.2%"


def test_stop_53_a_ceiling_stated_of_a_list_opens_neither_figure() -> None:
    # Dev euai-048: "not exceed five years for …Annex I, and four years for …Annex III" bounds both figures.
    question = "How long is a certificate for an AI system covered by Annex III valid at most?"
    sentence = ("Certificates shall be valid for the period they indicate, which shall not exceed five years for AI "
                "systems covered by Annex I, and four years for AI systems covered by Annex III.")
    assert figure(analyse(question), sentence, ExtractiveOptions()) is None


def test_stop_53_a_bound_over_a_list_of_sums_opens_neither() -> None:
    # Dev cpra-060 opened "$2,500" once "the maximum administrative fine" was read as a sum asked.
    sentence = ("Any business that violates this title shall be liable for an administrative fine of not more than "
                "two thousand five hundred dollars ($2,500) for each violation, or seven thousand five hundred "
                "dollars ($7,500) for each intentional violation.")
    question = analyse("What is the maximum administrative fine for an intentional violation?")
    assert figure(question, sentence, ExtractiveOptions()) is None
    # "The least amount of time" asks no sum (held-out gb-01 was refused for want of one).
    least = analyse("What's the least amount of time I have to be given to compare it with other deals?")
    assert holds_number(least, "Member States shall specify a time period of at least seven days during which the "
                        "consumer will have sufficient time to compare offers.")


def test_stop_58_a_fine_asked_of_a_person_is_not_a_fine_the_agency_pays() -> None:
    # pz58-10, a fresh trap: 旅行社条例 第六十条's fine on the agency opened "2万元以上：" for the tour leader's.
    agency = ("违反本条例的规定，旅行社要求导游人员和领队人员接待不支付接待和服务费用的旅游团队的，"
              "由旅游行政管理部门责令改正，处2万元以上10万元以下的罚款。")
    both = ("违反本条例的规定，旅行社及其委派的导游人员、领队人员有下列情形之一的，由旅游行政管理部门责令改正，"
            "对旅行社处2万元以上10万元以下的罚款；对导游人员、领队人员处4000元以上2万元以下的罚款。")
    leader = analyse("领队既没及时处置也没上报，被旅游局查了。对领队个人最少要罚多少钱？")
    assert figure(leader, agency, ExtractiveOptions()) is None
    assert figure(leader, both, ExtractiveOptions()) == "4000元以上"
    assert figure(analyse("对旅行社最多罚多少钱？"), both, ExtractiveOptions()) == "10万元以下"
    # The person a sentence opens with is fined: stop 57's trap pz57-01 keeps its "五万元".
    head = "生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，责令限期改正，处二万元以上五万元以下的罚款。"
    assert figure(analyse("对他个人最多罚多少钱？"), head, ExtractiveOptions()) == "五万元以下"


def test_stop_58_a_figure_of_another_kind_of_case_is_no_answer() -> None:
    # pz58-26, a fresh near miss: the capital of a domestic/inbound agency opened "不少于30万元：" for an outbound one.
    sentence = "申请经营国内旅游业务和入境旅游业务的，应当取得企业法人资格，并且注册资本不少于30万元。"
    outbound = analyse("想申请经营出境旅游业务的旅行社，注册资本最少要多少万元？")
    assert figure(outbound, sentence, ExtractiveOptions()) is None
    domestic = analyse("经营国内游的旅行社注册资本最少要多少万元？")
    assert figure(domestic, sentence, ExtractiveOptions()) == "不少于30万元"


def test_stop_59_a_condition_answers_the_rule_it_leads_to() -> None:
    # kc-08, a fresh held-out question: the pension rule's condition opened "累计十五年以上：" for the certificate's.
    sentence = ("对从事特殊教育满十年的，发给荣誉证书，累计十五年以上并从特殊教育岗位退休的，"
                "其享受的特殊教育津贴计入退休费的计算基数。")
    certificate = analyse("我在北京一所特教学校教书好些年了，听说在特教岗位干满一定年头会发荣誉证书，要满几年？")
    assert figure(certificate, sentence, ExtractiveOptions()) == "十年"
    pension = analyse("特殊教育津贴要计入退休费的计算基数，得在特教岗位累计干满多少年？")
    assert figure(pension, sentence, ExtractiveOptions()) == "累计十五年以上"
    # A condition whose rule states the figure asked still gives way to it (stop 45's fine).
    fine = "货值金额不足一万元的，并处十万元以上十五万元以下罚款。"
    assert figure(analyse("货值才几千块，会被罚多少钱？"), fine, ExtractiveOptions()) != "一万元"


def test_stop_59_one_end_of_a_span_written_reached_and_not_reached() -> None:
    # Dev zhpdf-013 opened "十八周岁：" once "多大年龄" was read as asking an age.
    sentence = "未成年工是指年满十六周岁未满十八周岁的劳动者。"
    assert figure(analyse("劳动法说的未成年工是指多大年龄的人？"), sentence, ExtractiveOptions()) is None
    assert figure(analyse("未成年工最小多少岁？"), sentence, ExtractiveOptions()) == "十六周岁"
    assert figure(analyse("未成年工最大不到多少岁？"), sentence, ExtractiveOptions()) == "十八周岁"


def test_stop_59_a_follow_up_asks_the_item_it_names() -> None:
    # hz29-03 / hz29-05, fresh seed follow-ups: the item before opened ("4.55万个", "58.3%").
    villages = "2020年，全省行政村数量4.55万个、自然村18.3万多个，农村常住人口4430万人。"
    natural = analyse("那自然村呢，有多少个？（接上文：河南那篇文章说，2020年全省的行政村有多少个？）")
    assert figure(natural, villages, ExtractiveOptions()) == "18.3万多个"
    listed = analyse("那上市公司的数量呢，长三角占全国多少？（接上文：长三角集成电路产业规模占全国多少？）")
    assert not of_the_follow_up(listed.text, "长三角集成电路产业规模在全国占比58.3%。")
    assert of_the_follow_up(listed.text, "近3年获批新药数量占全国70%，上市公司数量占全国1/3。")
    # A condition is no thing asked of ("那如果…呢").
    wage = "试用期工资不得低于本单位相同岗位最低档工资的百分之八十。"
    assert of_the_follow_up("那如果公司不给钱呢？（接上文：试用期工资最低多少？）", wage)


def test_stop_59_a_duty_met_by_any_of_several_things_requires_none_of_them() -> None:
    # pz59-19, a fresh trap: "是，" for braille papers, the duty being braille, electronic papers or a helper.
    sentence = ("国家举办的各类升学考试、职业资格考试和任职考试，有盲人参加的，应当为盲人提供盲文试卷、电子试卷"
                "或者由专门的工作人员予以协助。")
    braille = analyse("下个月的国家职业资格考试有盲人考生报名，考点是不是必须给他准备盲文试卷？")
    assert polarity(braille, sentence) is None
    # The question naming the alternatives itself asks the duty (kc-20 keeps its "是").
    both = analyse("想考国家的职业资格证。考试方是不是必须给我提供点便利，比如盲文试卷、电子试卷或者派人协助？")
    assert polarity(both, sentence) is True


def test_stop_59_whether_something_is_only_so_is_not_decided() -> None:
    # hz29-13, a fresh seed question: "是，" for "只靠财政出钱，没打算让金融机构…参与？"
    sentence = "更好发挥财政性资金作用，引导金融机构和央企等大型企业加大投入力度。"
    question = analyse("县城补短板要花不少钱，实施方案是不是只靠财政出钱，没打算让金融机构和央企这些大企业参与投入？")
    heading = "“十四五”新型城镇化实施方案\n四、推进以县城为重要载体的城镇化建设\n（十九）"
    assert polarity(question, sentence, heading=heading) is None
    assert polarity(analyse("实施方案是不是要引导金融机构加大投入力度？"), sentence, heading=heading) is True


def test_stop_59_a_monthly_sum_is_stated_per_month() -> None:
    # Seed near miss hz22-38 (stop 52) opened "51821元：" with the annual disposable income of urban residents.
    annual = "据统计，2023年我国城镇居民人均可支配收入51821元，增长速度为5.1%。"
    assert figure(analyse("2023年外出农民工的人均月收入是多少元？"), annual, ExtractiveOptions()) is None
    monthly = "2023年外出农民工月均收入5441元。"
    assert figure(analyse("2023年外出农民工的人均月收入是多少元？"), monthly, ExtractiveOptions()) == "5441元"
    double = "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。"
    twice = analyse("公司超过一个月没跟我签劳动合同，要每月付我几倍工资？")
    assert figure(twice, double, ExtractiveOptions()) == "二倍"


def test_stop_60_a_word_holding_yao_is_no_duty() -> None:
    # pz60-22, a fresh trap: "是，" for "是否要求…必须…异地备份", the sentence's 重要 read as the duty word 要.
    may = "档案馆可以对重要电子档案进行异地备份保管。"
    assert polarity(analyse("档案法是否要求档案馆必须对重要电子档案进行异地备份保管？"), may) is None
    # A duty stated in a sentence holding 重要 is still one.
    shall = "档案馆应当对重要电子档案进行异地备份保管。"
    assert polarity(analyse("档案馆需要对重要电子档案进行异地备份保管吗？"), shall) is True


def test_stop_61_an_english_duty_question_needs_its_object_after_the_chinese_duty_word() -> None:
    # pz61-32, a fresh trap: "Yes —" from a duty of secrecy, the question's 个人 standing before 应当.
    secret = ("统计机构和统计人员对在统计工作中知悉的国家秘密、工作秘密、商业秘密、个人隐私和个人信息，应当予以保密，"
              "不得泄露或者向他人非法提供。")
    seal = analyse("Does a private individual filling in a statistical survey form have to stamp it with a seal?")
    assert polarity(seal, secret) is None
    # A glossary word standing after the duty word keeps the verdict.
    pay = analyse("Does the employer have to pay the injury insurance premium?")
    assert polarity(pay, "用人单位应当按时缴纳工伤保险费。") is True
    # …or in the parts the duty runs on into (held-out hc-04: its consent → 同意).
    consent = analyse("Must a business operator get the consumer's consent before collecting personal information?")
    collect = ("经营者收集、使用消费者个人信息，应当遵循合法、正当、必要的原则，明示收集、使用信息的目的、方式和范围，"
               "并经消费者同意。")
    assert polarity(consent, collect) is True


def test_stop_61_the_nation_s_figure_is_not_opened_with_a_province_s() -> None:
    # hz31-05, a fresh seed question: "38.52%：" for the national rate of 2010.
    henan = ("2010年我省常住人口城镇化率38.52%，低于全国11.16个百分点，"
             "2020年我省城镇化率已达到55.43%，比全国平均水平低8.46个百分点。")
    nation = "2010年第六次人口普查那会儿，全国的城镇化率是多少？"
    answer = ask(nation, unit("扎实推进以人为核心的新型城镇化战略（河南）", ("一、",), "1.", henan))
    assert not answer.abstained and answer.answer.startswith("2010年我省")
    national = "2020年末全国常住人口城镇化率达到63.89%。"
    assert ask("2020年全国的常住人口城镇化率是多少？", one_sentence_unit(national)).answer.startswith("达到63.89%：")


def one_sentence_unit(text: str) -> Unit:
    return unit(PLAN, ("一、发展形势", "（一）发展现状"), "（一）", text, 1)


def test_stop_61_a_law_s_commencement_does_not_date_its_implementing_rules() -> None:
    # pz61-35, a fresh trap: the law's "本法自2010年1月1日起施行" opened for its regulation's date.
    law = unit("中华人民共和国统计法", ("第七章 附则",), "第五十三条", "第五十三条 本法自2010年1月1日起施行。", 53)
    rules = ask("When did China's implementing regulations of the statistics law take effect?", law)
    assert "The date is" not in rules.answer
    assert ask("When did China's statistics law take effect?", law).answer.startswith("The date is “2010年1月1日”")
    assert not ask("统计法实施条例是什么时候开始施行的？", law).answer.startswith("2010年1月1日")


def test_stop_62_a_denied_verb_denies_every_case_it_lists() -> None:
    # pz62-15, a fresh trap (a near miss): "24小时：" for a vulnerability that does not concern national security.
    options = ExtractiveOptions()
    rule = "涉及危害国家安全、公共利益的，网络数据处理者还应当在24小时内向有关主管部门报告。"
    ordinary = "那如果只是普通漏洞，不涉及国家安全和公共利益，向主管部门报告的时限是多少小时？"
    assert figure(analyse(ordinary), rule, options) is None
    assert figure(analyse("产品漏洞涉及公共利益的，多少小时内要向主管部门报告？"), rule, options) == "24小时"


def test_stop_62_a_fraction_is_one_figure() -> None:
    # hz28-07, a seed follow-up of stop 58, opened "1：" for "约占全国1/3".
    options = ExtractiveOptions()
    shares = "生物医药产业规模约占全国1/3，近3年获批新药数量占全国70%，上市公司数量占全国1/3。"
    asked_share = ("那长三角生物医药的产业规模呢，占全国多大一块？"
                   "（接上文：圆桌里曾刚说，长三角近3年获批的新药数量占全国多少？）")
    assert figure(analyse(asked_share), shares, options) == "1/3"


def test_stop_62_a_follow_up_s_own_item_is_its_figure() -> None:
    # hz32-04, a fresh seed follow-up: 自然村's "200多人" opened for 行政村, whose figure is "不足1千人".
    options = ExtractiveOptions()
    villages = "2020年，全省行政村数量4.55万个、自然村18.3万多个，行政村平均规模不足1千人、自然村平均规模200多人。"
    followup = "那行政村呢，平均规模有多大？（接上文：河南的村子普遍都小，那篇文章说一个自然村平均才住多少人？）"
    assert figure(analyse(followup), villages, options) == "不足1千人"
    assert figure(analyse("一个自然村平均才住多少人？"), villages, options) == "200多人"


def test_stop_64_the_part_holding_the_question_s_own_number_is_the_one_asked() -> None:
    # hz34-12, a fresh seed question: "193个：" (every city in 1978) for how many cities of over 10 million.
    options = ExtractiveOptions()
    cities = ("城市数量从1978年的193个增加到2023年底的694个，其中常住人口超过500万的城市由3个增加到29个，"
              "超过1000万的城市由1个增加到11个。")
    such = analyse("圆桌里张贵说现在常住人口超过1000万的城市有11个，那1978年的时候这样的城市有几个？")
    assert figure(such, cities, options) is None
    assert figure(analyse("1978年的时候全国城市数量有几个？"), cities, options) == "193个"
    # A given number alone in its part is the condition of the next part's figure, which stays.
    fine = "货值金额不足一万元的，并处十万元以上十五万元以下罚款。"
    assert figure(analyse("货值不到一万元的，最多罚多少钱？"), fine, options) == "十五万元以下"


def test_stop_64_a_duty_to_encourage_requires_nothing_of_the_one_encouraged() -> None:
    # pz64-24, a fresh trap: "是，" for whether a vocational college must run family-education courses.
    encourage = ("县级以上人民政府及其教育、人力资源和社会保障等部门应当鼓励高等院校和职业技术学校开设家庭教育"
                 "相关课程，支持高等院校、职业技术学校、培训机构等开展家庭教育指导人才培训。")
    college = analyse("我在浙江一所职业技术学院教书。浙江的条例是不是要求我们学校必须开设家庭教育相关课程？")
    assert polarity(college, encourage) is None
    # A duty to do the act itself is still one.
    shall = "师范院校应当开设家庭教育相关课程。"
    assert polarity(analyse("师范院校是不是必须开设家庭教育相关课程？"), shall) is True


def test_stop_64_a_gap_stated_against_something_answers_the_same_comparison() -> None:
    # hz34-02, a fresh seed question: no opening for the gap between the two rates the sentence states.
    options = ExtractiveOptions()
    gap = "城乡二元户籍制度壁垒尚未彻底破除，2020年我省户籍人口城镇化率仅36.09%，低于常住人口城镇化率19.34个百分点。"
    asked_gap = analyse("河南那篇文章说2020年全省户籍人口城镇化率比常住人口城镇化率低了多少个百分点？")
    assert figure(asked_gap, gap, options) == "19.34个百分点"
    # The same name after 低于 is no answer to another comparison (it had opened "19.34个百分点").
    assert figure(analyse("2020年全省常住人口城镇化率比全国低了多少个百分点？"), gap, options) is None
    national = "2010年我省常住人口城镇化率38.52%，低于全国11.16个百分点，"
    assert figure(analyse("2010年我省常住人口城镇化率比全国低多少个百分点？"), national, options) == "11.16个百分点"


def test_stop_65_a_sentence_about_another_kind_of_the_thing_asked_decides_nothing() -> None:
    # hz35-21, a fresh seed question, was answered "是" from the plan's (十).
    asked = analyse("我在外省打工，一直交着失业保险。实施方案是不是说失业保险也要推到全国统筹？")
    heading = "“十四五”新型城镇化实施方案 三、加快农业转移人口市民化 （十）巩固提高社会保险统筹层次和参保覆盖率"
    # Another level of 统筹 for the asked insurance, and the asked level for another insurance.
    assert polarity(asked, "推进实现失业保险省级统筹，巩固完善工伤保险省级统筹。", heading=heading) is None
    assert polarity(asked, "稳步推进基本养老保险全国统筹。", heading=heading) is None
    # The asked kind and level still decide.
    assert polarity(asked, "推进实现失业保险全国统筹。", heading=heading) is True
    # A modal before the thing asked qualifies nothing: "不能落户" is no kind of 落户.
    assert polarity(analyse("城区人口300万以下的城市还限制落户吗？"),
                    "全面取消城区常住人口300万以下的城市落户限制。") is False


def test_stop_65_a_count_of_pairs_is_asked_in_pairs() -> None:
    # hz35-29, a fresh seed follow-up, opened "184列" for "每天是多少对？".
    trains = "2023年，成渝高铁平均每天开行184列、92对列车，全年共计发送旅客5000.9万人次。"
    options = ExtractiveOptions()
    assert figure(analyse("那换算成对数，每天是多少对？"), trains, options) == "92对"
    assert figure(analyse("成渝高铁平均每天开行多少列列车？"), trains, options) == "184列"


def test_stop_65_a_follow_up_naming_the_sentences_document_asks_of_it() -> None:
    # pz65-27, a fresh trap: "那国家那部献血法呢，是哪天起施行的？" after the Beijing regulation's date.
    question = ("那国家那部献血法呢，是哪天起施行的？"
                "（接上文：北京的献血条例是2021年11月26日通过的，那它从哪天开始施行？）")
    assert of_the_follow_up(question, "本法自1998年10月1日起施行。", "中华人民共和国献血法")
    assert not of_the_follow_up(question, "本法自1998年10月1日起施行。")
    # A follow-up about another subject still gets no opening from the sentence.
    assert not of_the_follow_up("那醉酒驾驶呢？", "饮酒后驾驶机动车的，处暂扣六个月机动车驾驶证。", "道路交通安全法")


def test_stop_65_the_sentence_a_question_asks_in_and_contractions() -> None:
    # kp-27, a fresh held-out question, got no verdict: the case told before it shares no word with the rule.
    banquet = "公务活动需要安排用餐的，应当根据实际情况，节俭安排用餐数量、形式，不得超过规定的标准。"
    asked = analyse("我们是国企，上级来检查，领导想把接待餐安排得丰盛点。公务接待用餐能超过规定的标准吗？")
    assert polarity(asked, banquet) is False
    # A contraction is its words: 采血 of 采集血液.
    blood = analyse("急诊来了个大出血的病人，医疗机构能不能临时采血？")
    assert polarity(blood, "为保证应急用血，医疗机构可以临时采集血液。") is True


def test_stop_65_what_no_deciding_word_answers() -> None:
    # Each got a wrong verdict once the asking sentence was read on its own (stop 65's reruns).
    stats = analyse("按统计条例，县统计局可以组织实施营利性统计调查吗？")
    liability = ("县级以上人民政府统计机构或者有关部门组织实施营利性统计调查的，"
                 "由本级人民政府统计机构责令改正，予以通报。")
    assert polarity(stats, liability) is None  # the case a sanction is for is done, not permitted
    spouse = analyse("我老公在河南献过血，我现在住院要输血。按献血法，我作为配偶是不是一定能免交用血的费用？")
    assert polarity(spouse, "无偿献血者的配偶和直系亲属临床需要用血时，"
                            "可以按照省、自治区、直辖市人民政府的规定免交或者减交前款规定的费用。") is None
    fee = analyse("案子要做司法鉴定，鉴定费是不是得我直接付给鉴定机构，不能交给法院让法院代付？")
    assert polarity(fee, "人民法院根据谁主张、谁负担的原则，决定由当事人直接支付给有关机构或者单位，"
                         "人民法院不得代收代付。") is None
    both = analyse("实施方案和河南那篇文章讲住房制度，用的是不是同一个提法？两边都要建立什么样的住房制度？")
    assert polarity(both, "建立多主体供给、多渠道保障、租购并举的住房制度。") is None
    permit = analyse("拿居住证的人能在居住地申请低保吗？")
    assert polarity(permit, "支持有条件的地区有序推进居住证持有人在常住地申办最低生活保障。") is None

