"""Readings stop 74 added, each from a question its held-out, seed or trap sets showed."""

from __future__ import annotations

from rag.answer.asked import asking_clauses, holds_number, of_the_asked_level
from rag.answer.figures_en import asked_kind
from rag.answer.govlevel import asked_level, covers_asked_level, stated_levels
from rag.answer.quotes import has_own_words
from rag.query.quantity import asked
from rag.query.question import analyse
from rag.query.terms import explains

_SEEDS = "省级以上人民政府应当建立种子储备制度，主要用于发生灾害时的粮食生产需要及余缺调剂。"


def test_a_provinces_duty_is_not_a_countys() -> None:
    # pz74-03 opened "是" with 第十九条's duty of the provinces and the State.
    county = "我们县农业农村局的人说，按粮食安全保障法，县政府也必须建立自己的种子储备制度，是这样吗？"
    assert asked_level(county) == 2
    assert not covers_asked_level(county, _SEEDS)
    assert covers_asked_level("省政府必须建立种子储备制度吗？", _SEEDS)
    # 县级以上 binds the county; a department of a county ("县农业农村局") is no government asked.
    assert covers_asked_level(county, "县级以上人民政府应当加强粮食安全信用体系建设")
    assert asked_level("县农业农村局要不要建立种子储备制度？") is None
    # A comparison of levels asks none of them; a rule naming no government claims nothing.
    assert asked_level("县政府和省政府谁负责？") is None
    assert stated_levels("国家建立粮食安全责任制。") is None
    assert stated_levels("设区的市级以上地方人民政府应当…") == frozenset({3, 4})


def test_a_condition_names_no_level_the_figure_is_asked_within() -> None:
    # li-06 was refused: "县里" stands in the condition, the fine asked is the company's.
    info = analyse("我们是一家粮食贸易公司，要是县里宣布进入粮食应急状态，我们拒不服从政府调度、情节严重的话，"
                   "公司最高可能被罚多少钱？")
    assert "县里" not in asking_clauses(info.text)
    assert of_the_asked_level(info, "情节严重的，对单位处二十万元以上二百万元以下罚款。")
    within = analyse("按七普的数据，全国各个县里住在城镇的人一共有多少？")
    assert not of_the_asked_level(within, "全国城镇常住人口规模为9.15亿人")


def test_a_fine_asked_of_someone_is_an_amount() -> None:
    # li-08 was refused: "罚他多少" was read as an indicator, and "五倍以下罚款" names none of it.
    info = analyse("邻居半夜把我家地里刚出的麦苗铲了一大片，情节挺严重，农业农村部门最多能罚他多少？")
    assert asked(info).amount
    assert holds_number(info, "情节严重的，可以处毁坏粮食作物青苗价值五倍以下罚款。")


def test_a_fee_paid_as_a_share_of_a_base_asks_the_share() -> None:
    # pz74-24 was refused: "平均工资的多少给我发生活费" was read as a sum of money.
    info = analyse("接收单位一直没让我上岗。按退役士兵安置条例，单位按本单位同等条件人员平均工资的多少给我发生活费？")
    assert "元" not in asked(info).units
    fee = analyse("我们要交多少评审费？")
    assert "元" in asked(fee).units


def test_a_chinese_question_is_yes_no_by_its_asking_sentence() -> None:
    # hz44-10 was refused: "要不要参保" stands in its story; "目标是什么" asks the goal, not a figure.
    info = analyse("我在社保经办窗口，天天有人来问要不要参保。实施方案在提高社会保险参保覆盖率这块，"
                   "定的总体目标是什么？")
    assert not info.yes_no and not info.wants_number
    assert analyse("这个政策什么时候实施？我想知道要不要提前准备。").yes_no is False
    assert analyse("城市建成区绿化覆盖率的目标是多少？").wants_number


def test_what_a_term_stresses_explains_it() -> None:
    # hz44-12 was refused: "公平性强调…" was not read as explaining 公平性.
    text = "一是公平性。公平性强调城镇化进程中不同群体之间身份平等、机会同等、服务均等、权益对等。"
    assert explains("公平性", [], text)
    assert not explains("公平性", [], "推进基本公共服务均等化，促进社会公平性。")


def test_a_reference_alone_is_not_quoted() -> None:
    # lj-30 and pe74-33 were answered "(g) Article 13(4)." from Directive 2005/56's Article 16.
    assert not has_own_words("(g) Article 13(4).")
    assert not has_own_words("(c) Articles 7 and 8;")
    assert not has_own_words("（一）第五条。")
    assert has_own_words("(b) the employees of the merging companies.")
    assert has_own_words("Article 16 applies to them.")


def test_a_sum_asked_in_english_by_its_size() -> None:
    # Near misses lj-34, lj-36, pe74-41 and pe74-44 were answered from articles stating no sum.
    for question in (
        "How large a fine can the authorities impose on it under the unfair terms directive?",
        "What minimum share capital must the new company coming out of a cross-border merger have?",
        "I voted against the merger. How much cash per share am I entitled to as a dissenting shareholder?",
    ):
        assert asked_kind(question) == "money", question
    assert asked_kind("How large a majority does the general meeting need?") is None
