"""A question asking what a named term holds is answered only from a clause that says it
(rag/query/terms.py, rag/answer/extractive.py)."""

from __future__ import annotations

import pytest

from rag.answer.extractive import ExtractiveAnswerer
from rag.query.terms import asked_term, explains, named_term
from rag.records import Hit, Unit


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("“两横三纵”城镇化战略格局具体指哪几条轴带？", "两横三纵"),
        ("“大城市病”具体指的是什么？", "大城市病"),
        # a quote in another clause than the asking words is no term asked (fresh seed hz19-08, stop 49)
        ("实施方案里讲“十四五”时期城镇化发展形势的那一段，主要讲了哪几个方面？", None),
        ("县域城镇化里说的“能者不愿，愿者不能”是什么意思？", "能者不愿，愿者不能"),
        ("“做实常态化监管”具体包括哪几个方面的常态化？", "做实常态化监管"),
        # How a term came about, or a term without quotes, is not asked this way.
        ("“一案多查、一案多处”的联合惩戒机制是怎么提出的？", None),
        ("城市更新里说的三区一村指的是什么？", None),
        # Unquoted, the words before 具体 (a clause is then read for the part of them it names).
        ("120个县城建设示范地区具体是哪些县？", "120个县城建设示范地区"),
        ("方案里说的城市群具体包括哪些？", "方案里说的城市群"),
        ("一次性工亡补助金具体是多少钱？", None),  # a figure, not the members of a term
        ("What does 'household' mean under the CPRA?", None),
        # The conditions of something: its name + 条件.
        ("郑州中心城区落户需要满足什么条件？", "郑州中心城区落户条件"),
        ("领取失业保险金要符合哪些条件？", "领取失业保险金条件"),
        ("落户的条件是什么？", "落户条件"),
        ("在什么条件下可以提前退休？", None),  # when, not what the conditions of a named thing are
        # 具体 / 到底 name no thing (ka-35, a fresh question of stop 58, refused with its article first)
        ("旅游法对出境游业务是怎么要求的？具体要满足什么条件才能去申请？", None),
        ("到底需要什么条件？", None),
        ("申请出境游业务具体要满足什么条件？", "申请出境游业务条件"),
    ],
)
def test_the_term_whose_content_is_asked(question: str, term: str | None) -> None:
    assert asked_term(question) == term


@pytest.mark.parametrize(
    ("term", "headings", "text", "explained"),
    [
        ("大城市病", (), "“大城市病”是指人口向大城市过度集中所引发的人口超载、交通拥堵等问题。", True),
        ("三区一村", (), "推进以老旧小区、老旧厂区、老旧街区、城中村等“三区一村”改造为主要内容的城市更新。", True),
        ("一个优化、六个建设", (), "部署了七个方面的重点任务，即“一个优化、六个建设”。", True),
        ("能者不愿，愿者不能", (), "破解“能者不愿，愿者不能”的瓶颈。“能者不愿”指本地农业转移人口意愿较低。", True),
        ("做实常态化监管", ("三、做实常态化监管", "（一）推进飞行检查常态化"), "（一）推进飞行检查常态化。", True),
        # Named, not explained.
        ("两横三纵", (), "“两横三纵”城镇化战略格局基本形成，中心城市和城市群成为动力源。", False),
        ("一个尊重、五个统筹", (), "习近平总书记提出的“一个尊重、五个统筹”，与此次会议的重要提法一以贯之。", False),
        ("两横三纵", (), "城市群承载人口和经济的能力明显增强。", False),
        ("两横三纵", (), "“两横三纵”城镇化战略格局，即以陆桥通道、沿长江通道为两条横轴。", True),
        ("郑州中心城区落户条件", (), "取消郑州中心城区以外的落户限制，持续放宽郑州中心城区落户条件。", False),
        ("领取失业保险金条件", (), "失业人员符合下列条件的，从失业保险基金中领取失业保险金：", True),
        ("申请落户条件", (), "申请落户应当具备以下条件：（一）在城镇有合法稳定住所；", True),
    ],
)
def test_a_clause_explains_the_term(term: str, headings: tuple[str, ...], text: str, explained: bool) -> None:
    assert explains(term, headings, text) is explained


def test_the_part_of_an_unquoted_term_a_clause_names() -> None:
    clauses = [((), "推动京津冀、长三角、粤港澳大湾区等城市群发展。")]
    assert named_term("方案里说的城市群", clauses) == "城市群"
    named = [((), "高质量完成120个县城建设示范地区示范任务。")]
    assert named_term("120个县城建设示范地区", named) == "120个县城建设示范地区"
    assert named_term("两横三纵", [((), "城市群承载能力明显增强。")]) is None


def _hit(text: str) -> Hit:
    unit = Unit("plan", "“十四五”新型城镇化实施方案", ("（五）",), "（五）", 5, text, (0, len(text)), "item")
    return Hit(unit, 1.0, {"dense": 1, "lexical": 1})


def test_the_extractive_answer_abstains_when_the_clauses_only_name_the_term() -> None:
    answerer = ExtractiveAnswerer()
    named = _hit("到2025年，“两横三纵”城镇化战略格局全面形成，城市群承载人口和经济的能力明显增强。")
    assert answerer.answer("“两横三纵”城镇化战略格局具体指哪几条轴带？", [named]).abstained
    told = _hit("“两横三纵”城镇化战略格局，即以陆桥通道、沿长江通道为两条横轴，以沿海、包昆通道为三条纵轴的轴带。")
    assert not answerer.answer("“两横三纵”城镇化战略格局具体指哪几条轴带？", [told]).abstained
    only_named = _hit("高质量完成120个县城建设示范地区示范任务，县城建设示范地区取得进展。")
    assert answerer.answer("120个县城建设示范地区具体是哪些县？", [only_named]).abstained
    named_conditions = _hit("持续放宽郑州中心城区落户条件，全省基本实现“零门槛”落户。")
    assert answerer.answer("郑州中心城区落户需要满足什么条件？", [named_conditions]).abstained


def test_how_something_is_set_is_answered_by_a_sentence_naming_it() -> None:
    from rag.query.terms import asked_basis

    assert asked_basis("灵活就业人员交职工养老保险，缴费基数怎么定？") == "缴费基数"
    assert asked_basis("国庆节这种法定节假日上班，加班工资怎么算？") == "加班工资"
    assert asked_basis("生育津贴按什么标准发？") == "生育津贴"
    assert asked_basis("缴费基数是多少？") == ""

    def hit(text: str) -> Hit:
        unit = Unit("方案", "方案", ("（十）",), "（十）", 10, text, (0, len(text)), "clause", 0, 1)
        return Hit(unit, 1.0, {"dense": 1, "lexical": 1})

    # Seed u04 (a near miss): the plan names 职工养老保险, never how the base is set.
    topic = hit("（十）全面落实企业为农民工缴纳职工养老、医疗等社会保险费用的责任。稳步推进基本养老保险全国统筹。")
    answerer = ExtractiveAnswerer().vouched()
    assert answerer.answer("灵活就业人员交职工养老保险，缴费基数怎么定？", [topic]).abstained
    stated = hit("（十）灵活就业人员参加职工基本养老保险的，缴费基数按照当地社会平均工资的60%至300%确定。")
    assert not answerer.answer("灵活就业人员交职工养老保险，缴费基数怎么定？", [stated]).abstained
