"""Display normalisation of a line: noise spaces, widths, invisible characters."""

from __future__ import annotations

from rag.ingest.clean import clean_text


def test_spaces_between_chinese_characters_and_around_punctuation_are_removed() -> None:
    text = clean_text("北 京 作 为 全 国 首 个 减 量 发 展 的 超 大 城 市。\n")
    assert text == "北京作为全国首个减量发展的超大城市。"
    assert clean_text("面临着新国情、 新特征和新挑战： 人口。\n") == "面临着新国情、新特征和新挑战：人口。"
    assert clean_text("长江中游、北部湾 、关 中 平 原 等 城 市 群。\n") == "长江中游、北部湾、关中平原等城市群。"


def test_a_line_break_space_inside_chinese_prose_goes() -> None:
    # PDF-extracted notices keep a space where a line broke, between two words of a sentence.
    text = clean_text("（一）推进飞行检查常态化。建立健全部门联合检查机制，制定 并公开飞行检查方案。\n")
    assert text == "（一）推进飞行检查常态化。建立健全部门联合检查机制，制定并公开飞行检查方案。"
    assert clean_text("全面贯彻落实党 的二十大精神，认真落实\n") == "全面贯彻落实党的二十大精神，认真落实"
    # "第五条 " keeps its layout space inside prose too.
    article = "第五条 县级以上人民政府应当加强领导，制定规划。"
    assert clean_text(article + "\n") == article


def test_numbers_lose_their_spaces_in_chinese_text() -> None:
    assert clean_text("规划和 2035 年远景目标纲要。\n") == "规划和2035年远景目标纲要。"
    assert clean_text("（ ２０２１ － ２０３５ 年）\n") == "（2021-2035年）"
    assert clean_text("由 １９７８ 年的 １. ７ 亿人增加到 ６４. ７２％。\n") == "由1978年的1.7亿人增加到64.72%。"


def test_deliberate_spaces_stay() -> None:
    assert clean_text("推动城市高质量发展 建设现代化人民城市\n") == "推动城市高质量发展 建设现代化人民城市"
    assert clean_text("■新华社记者 王优玲 樊曦 刘夏村\n") == "■新华社记者 王优玲 樊曦 刘夏村"
    assert clean_text("This Regulation   applies to  personal data.\n") == "This Regulation applies to personal data."
    assert clean_text("表1　我省人口城镇化率情况\n") == "表1 我省人口城镇化率情况"


def test_full_width_digits_and_letters_become_half_width_but_chinese_punctuation_stays() -> None:
    text = clean_text("２０２１ 年ＧＤＰ增长（按可比价格计算），达到：１１４ 万亿元；［１］\n")
    assert text == "2021年GDP增长（按可比价格计算），达到：114万亿元；[1]"


def test_docx_bookmarks_and_invisible_characters_go() -> None:
    assert clean_text("[bookmark: _GoBack]3.深化体制机制改革\u200b\n") == "3.深化体制机制改革"


def test_the_space_after_an_inserted_articles_number_stays() -> None:
    # "第十七条之一 已满…" is read as an article heading only with its space (the parser's guard
    # against "第三十条之规定"), as "第五条 省、自治区…" is.
    assert clean_text("第十七条之一 已满七十五周岁的人故意犯罪的\n") == "第十七条之一 已满七十五周岁的人故意犯罪的"
