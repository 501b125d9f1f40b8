"""rag.answer.tables: the table cell a number question names by row and column (stop 62)."""

from __future__ import annotations

from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.tables import asked_cell, cell_sentence, tables
from rag.records import Hit, Unit

CITIES = """平顶山、许昌、漯河11个省辖市常住人口城镇化率低于全省平均水平。
表2 2020年国家中心城市部分指标对比
城市 | 面积（平方千米） | 常住人口（万人） | GDP（亿元） | 人均可支配收入（元）
绝对值 | 排名 | 绝对值 | 排名 | 绝对值 | 排名 | 绝对值 | 排名
北京 | 16410 | 2 | 2189.3 | 3 | 36102.6 | 2 | 69434 | 2
天津 | 11916 | 4 | 1386.6 | 6 | 14083.73 | 7 | 43854 | 5
上海 | 6340 | 9 | 2487.1 | 2 | 38700.58 | 1 | 72232 | 1
郑州 | 7446 | 7 | 1260 | 8 | 12003.0 | 8 | 36661 | 7"""

CENSUS = """2010年我省常住人口城镇化率38.52%，低于全国11.16个百分点。
表1 我省“六普”“七普”我省人口城镇化率情况
人口数据 | 六普 | 七普
全国 | 河南省 | 全国 | 河南省
常住人口（万人） | 133972 | 9402.96 | 141178 | 9936.55
城镇人口（万人） | 66557 | 3621.99 | 90199 | 5507.86
城镇化率（%） | 49.68 | 38.52 | 63.89 | 55.43"""


def test_heading_rows_map_onto_the_columns_they_span() -> None:
    (cities,) = tables(CITIES)
    assert cities.caption == "表2 2020年国家中心城市部分指标对比"
    assert cities.headings[0][:3] == ("面积（平方千米）", "面积（平方千米）", "常住人口（万人）")
    assert cities.headings[1][:2] == ("绝对值", "排名")
    assert [r[0] for r in cities.rows] == ["北京", "天津", "上海", "郑州"]
    (census,) = tables(CENSUS)
    assert census.headings == (("六普", "六普", "七普", "七普"), ("全国", "河南省", "全国", "河南省"))


def test_a_cell_named_by_row_and_column_opens_with_its_value_and_unit() -> None:
    # hz32-01, a fresh seed question of stop 62, was refused: no sentence states the figure.
    cell = asked_cell("我在上海上班，河南那篇文章里那张国家中心城市对比表，2020年上海的人均可支配收入是多少？", CITIES)
    assert cell is not None and cell.figure == "72232元"
    assert cell_sentence(cell) == "据表2 2020年国家中心城市部分指标对比，上海的“人均可支配收入（元） · 绝对值”为72232。"
    assert asked_cell("郑州的GDP排名第几？", CITIES).figure == "第8"  # type: ignore[union-attr]
    # A follow-up's own row, not the earlier question's (hz32-03).
    followup = "那天津呢？常住人口有多少？（接上文：河南那篇文章的国家中心城市对比表里，2020年广州的常住人口是多少？）"
    assert asked_cell(followup, CITIES).figure == "1386.6万人"  # type: ignore[union-attr]


def test_a_completed_follow_up_s_topic_names_its_column_and_row() -> None:
    # hz33-11 (stop 63): "那它的人均可支配收入呢？" after "…2020年成都的GDP是多少？", sent as "关于它的人均可支配
    # 收入：<the question before>", opened the GDP's cell.
    previous = "河南那篇文章那张国家中心城市对比表里，2020年郑州的GDP是多少？"
    assert asked_cell(f"关于它的人均可支配收入：{previous}", CITIES).figure == "36661元"  # type: ignore[union-attr]
    assert asked_cell(f"关于上海：{previous}", CITIES).figure == "38700.58亿元"  # type: ignore[union-attr]
    assert asked_cell(previous, CITIES).figure == "12003.0亿元"  # type: ignore[union-attr]


def test_the_asking_part_an_abbreviation_and_a_closing_province_name_a_heading() -> None:
    # hz27-08: 六普 and 七普 both named, the asking part names 七普; 河南 names 河南省.
    cell = asked_cell("河南那篇文章里有张六普、七普的对比表，七普的时候河南的城镇人口是多少万人？", CENSUS)
    assert cell is not None and cell.figure == "5507.86万人"
    # hz31-05: 第六次人口普查 abbreviates to 六普.
    assert asked_cell("2010年第六次人口普查那会儿，全国的城镇化率是多少？", CENSUS).figure == "49.68%"  # type: ignore[union-attr]


def test_an_ambiguous_or_unstated_cell_is_none() -> None:
    assert asked_cell("河南的城镇化率是多少？", CENSUS) is None  # which census?
    assert asked_cell("北京和上海的面积是多少？", CITIES) is None  # two rows
    assert asked_cell("2021年上海的GDP是多少？", CITIES) is None  # a table of 2020
    assert asked_cell("上海的人口密度是多少？", CITIES) is None  # no such column
    assert asked_cell("上海的GDP是多少？", "上海的GDP是38700.58亿元。") is None  # no table


def test_the_answer_opens_with_the_cell_and_cites_its_clause() -> None:
    title = "扎实推进以人为核心的新型城镇化战略（河南）"
    henan = Unit(title, title, ("二、", "（二）"), "2.", 1, CITIES, (0, len(CITIES)), "clause")
    answer = ExtractiveAnswerer().answer("2020年上海的人均可支配收入是多少？", [Hit(henan, 1.0, {"lexical": 1})])
    assert answer.answer.startswith("72232元：据表2"), answer.answer
    assert answer.citations[0].unit.label == "2."


def test_a_part_of_a_row_s_place_is_not_the_row() -> None:
    # hz13-33, a seed near miss of stop 43: the zone's GDP is not 郑州's.
    assert asked_cell("郑州航空港经济综合实验区2020年的GDP是多少？", CITIES) is None
    assert asked_cell("2020年郑州的GDP是多少？", CITIES).figure == "12003.0亿元"  # type: ignore[union-attr]


def test_a_cell_of_another_kind_than_asked_opens_nothing() -> None:
    # hz20-11, a seed follow-up of stop 50: "占全省多少" asks a share, the table gives 郑州's GDP in 亿元.
    title = "扎实推进以人为核心的新型城镇化战略（河南）"
    text = "2020年郑州以占全省12.68%的人口、创造了21.82%的GDP。\n" + CITIES
    henan = Unit(title, title, ("二、",), "2.", 1, text, (0, len(text)), "clause")
    answer = ExtractiveAnswerer().answer(
        "那它创造的GDP占全省多少？（接上文：河南那篇文章说，2020年郑州的人口占全省多大比重？）",
        [Hit(henan, 1.0, {"lexical": 1})],
    )
    assert "12003.0" not in answer.answer, answer.answer


def test_a_plan_s_indicator_table_is_read_by_its_year() -> None:
    # The usual layout of a plan's 主要指标 table: indicators as rows, years as columns.
    targets = ("（一）主要目标\n到2025年，城镇化质量明显提升。\n表1 主要指标\n指标 | 2020年 | 2025年 | 属性\n"
               "常住人口城镇化率（%） | 63.89 | 65 | 预期性\n城市建成区绿化覆盖率（%） | 41 | 43 | 预期性")
    assert asked_cell("2025年常住人口城镇化率目标是多少？", targets).figure == "65%"  # type: ignore[union-attr]
    assert asked_cell("常住人口城镇化率2020年是多少", targets).figure == "63.89%"  # type: ignore[union-attr]
    assert asked_cell("城市建成区绿化覆盖率要到多少？", targets) is None  # which year?


def test_a_cell_the_question_names_is_no_missing_figure() -> None:
    # hz34-06, a fresh seed question of stop 64: refused with the table's clause first, the figure read as
    # missing (the cell writes no unit; its column does: "GDP（亿元）").
    from rag.retrieve.signals import figure_missing

    title = "扎实推进以人为核心的新型城镇化战略（河南）"
    henan = Unit(title, title, ("二、",), "2.", 1, CITIES, (0, len(CITIES)), "clause")
    hits = [Hit(henan, 1.0, {"lexical": 1})]
    assert not figure_missing("河南那篇文章的国家中心城市对比表里，2020年天津的GDP是多少亿元？", hits)
    # A row the table lacks, or a unit its column is not in, is still missing.
    assert figure_missing("河南那篇文章的国家中心城市对比表里，2020年武汉的GDP是多少亿元？", hits)
    assert figure_missing("2020年天津的GDP占全国的比例是多少？", hits)
