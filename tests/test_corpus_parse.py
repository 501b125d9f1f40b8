"""The five real documents in documents/: what a civil servant must be able to cite from them.

No model is involved; cleaning and parsing all five takes well under a second.
"""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import pytest

from rag.ingest.clauses import parse
from rag.ingest.clean import clean, is_page_mark, is_web_footer
from rag.ingest.numerals import int_to_cn
from rag.ingest.structure import Heading, headings
from rag.records import Document, ParseResult, RawDocument, Unit
from rag.text import is_han

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
PLAN, PAPER, ROUND_TABLE, HENAN, NEWS = "实施方案", "新特征与新挑战", "专家圆桌", "河南", "人民城市"
ALL = (PLAN, PAPER, ROUND_TABLE, HENAN, NEWS)
MAX_CHARS, OVERLAP = 400, 80


@functools.cache
def raw(name: str) -> RawDocument:
    (path,) = [p for p in DOCUMENTS.glob("*.txt") if name in p.stem]
    return RawDocument(doc_id=path.stem, title=path.stem, source=str(path), fmt="txt",
                       text=path.read_text(encoding="utf-8"), sha256="-")


@functools.cache
def cleaned(name: str) -> Document:
    return clean(raw(name))


@functools.cache
def parsed(name: str) -> ParseResult:
    return parse(cleaned(name), max_chars=MAX_CHARS, overlap=OVERLAP)


def clauses(name: str) -> list[Unit]:
    """The first passage of every clause: one entry per citable clause."""
    return [u for u in parsed(name).units if u.part == 0]


def tree(name: str) -> list[Heading]:
    return headings(cleaned(name))


# ---------------------------------------------------------------------------------------------
# Every document


@pytest.mark.parametrize("name", ALL)
def test_every_unit_points_into_the_cleaned_text(name: str) -> None:
    doc = cleaned(name)
    units = parsed(name).units
    assert units
    for u in units:
        assert doc.text[u.span[0]:u.span[1]] == u.text
        assert u.text == u.text.strip()
        assert len(u.text) <= MAX_CHARS
        assert (u.doc_id, u.title) == (doc.doc_id, doc.title)
    # Ordinals count clauses in document order; the passages of one clause share everything.
    assert [u.ordinal for u in units if u.part == 0] == list(range(len(clauses(name))))
    for _, group in itertools.groupby(units, key=lambda u: u.ordinal):
        passages = list(group)
        assert [p.part for p in passages] == list(range(len(passages)))
        assert {(p.label, p.path, p.kind, p.parts) for p in passages} == {
            (passages[0].label, passages[0].path, passages[0].kind, len(passages))
        }
        assert all(b.span[0] < a.span[1] for a, b in itertools.pairwise(passages))


@pytest.mark.parametrize("name", ALL)
def test_cleaning_is_idempotent_and_keeps_every_chinese_character(name: str) -> None:
    doc = cleaned(name)
    again = clean(RawDocument(doc.doc_id, doc.title, doc.source, doc.fmt, doc.text, doc.sha256))
    assert again.text == doc.text
    kept = "\n".join(line for line in raw(name).text.split("\n")
                     if not (is_page_mark(line) or is_web_footer(line)))
    assert [c for c in doc.text if is_han(c)] == [c for c in kept if is_han(c)]


@pytest.mark.parametrize("name", ALL)
def test_no_unit_is_a_stub(name: str) -> None:
    # A stub passage or a lone sentence cannot be cited meaningfully. The shortest real
    # clauses are the paper's one-line sub-section preambles and Henan's （1） items.
    assert min(len(u.text) for u in parsed(name).units) >= 20


# ---------------------------------------------------------------------------------------------
# The implementation plan


def test_plan_has_its_eight_chapters() -> None:
    chapters = [h for h in tree(PLAN) if h.level == 0]
    assert [h.label for h in chapters] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"]
    assert chapters[2].path == ("三、加快农业转移人口市民化",)


def test_plan_has_exactly_fifty_two_clauses_in_order() -> None:
    labels = [u.label for u in clauses(PLAN) if u.kind == "clause"]
    assert labels == [f"（{int_to_cn(n)}）" for n in range(1, 53)]


@pytest.mark.parametrize(("label", "path"), [
    ("（一）", ("一、发展基础", "（一）主要进展")),
    ("（六）", ("三、加快农业转移人口市民化", "（六）深化户籍制度改革")),
    ("（十三）", ("四、优化城镇化空间布局和形态", "（十三）分类推动城市群发展")),
    ("（三十三）", ("五、推进新型城市建设", "（三十三）加强生态修复和环境保护")),
    ("（五十二）", ("八、保障措施", "（五十二）加强监测评估")),
])
def test_plan_clause_paths(label: str, path: tuple[str, ...]) -> None:
    assert {u.path for u in parsed(PLAN).units if u.label == label} == {path}


def test_plan_clause_text_is_the_whole_clause() -> None:
    (sixth,) = [u for u in parsed(PLAN).units if u.label == "（六）"]
    assert sixth.text.startswith("（六）深化户籍制度改革。放开放宽除个别超大城市外的落户限制")
    assert sixth.text.endswith("健全农户“三权”市场化退出机制和配套政策。")
    # A clause broken by a page mark and the collector's footer is whole again.
    thirty_third = "".join(u.text for u in parsed(PLAN).units if u.label == "（三十三）")
    assert "加强塑料污染、环境噪声污染和扬尘污染治理。" in thirty_third


def test_plan_preambles() -> None:
    preambles = [u for u in clauses(PLAN) if u.kind == "preamble"]
    assert [u.label for u in preambles] == ["前言", "三、", "四、", "五、", "六、", "七、"]
    assert preambles[0].path == () and preambles[0].text.startswith("“十四五”新型城镇化实施方案\n为深入贯彻")
    assert preambles[1].path == ("三、加快农业转移人口市民化",)
    assert preambles[1].text.startswith("三、加快农业转移人口市民化\n坚持把推进农业转移人口市民化")


def test_plan_numbering_is_clean() -> None:
    assert parsed(PLAN).warnings == ()


def test_plan_page_marks_and_footer_are_gone() -> None:
    text = cleaned(PLAN).text
    assert "EESIA" not in text and "本文内容来自网络" not in text
    assert not any(is_page_mark(line) for line in text.split("\n"))
    assert "— 1 —" not in text and "— 20 —" not in text


# ---------------------------------------------------------------------------------------------
# The Henan article: four levels


def test_henan_keeps_four_levels() -> None:
    families = {h.level: h.family for h in tree(HENAN)}
    assert families == {0: "cn", 1: "paren_cn", 2: "dot", 3: "paren_num"}
    assert ("一、深刻认识以人为核心的新型城镇化的内涵特征", "（三）我国城镇化进程及其特点", "1.我国城镇化的特点",
            "（1）大国城镇化") in {u.path for u in parsed(HENAN).units}
    assert [h.label for h in tree(HENAN) if h.level == 0] == ["一、", "二、", "三、"]
    assert parsed(HENAN).warnings == ()


def test_henan_enumeration_stays_running_text() -> None:
    (unit,) = [u for u in parsed(HENAN).units if "一、二、三产业" in u.text]
    assert unit.path[-1] == "5.城乡关系进入加速融合期"
    assert not any(h.path[-1].startswith(("二、三", "三产业")) for h in tree(HENAN))


def test_henan_tables_stay_in_their_clause() -> None:
    units = [u for u in parsed(HENAN).units if "北京 | 16410" in u.text]
    assert [u.path[-1] for u in units] == ["2.中心城市能级不够、辐射带动能力不强"]
    assert not any("|" in h.path[-1] for h in tree(HENAN))


# ---------------------------------------------------------------------------------------------
# The paper: sections with sub-sections restarting, footnotes


def test_paper_sections_and_restarting_sub_sections() -> None:
    sections = [h for h in tree(PAPER) if h.level == 0]
    assert [h.label for h in sections] == ["一、", "二、", "三、", "四、", "五、"]
    under: dict[str, list[str]] = {}
    for h in tree(PAPER):
        if h.level == 1:
            under.setdefault(h.path[0][:2], []).append(h.label)
    assert under == {
        "二、": ["（一）", "（二）", "（三）", "（四）"],
        "三、": ["（一）", "（二）"],
        "四、": ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"],
        "五、": ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"],
    }
    assert parsed(PAPER).warnings == ()
    # Both headings wrap onto a second line in the extraction.
    wrapped = ("四、新时代推进“以人为核心”新型城镇化战略面临的主要障碍",
               "（四）城市治理水平短板明显，发展韧性和抗风险能力不强")
    assert wrapped in {u.path for u in parsed(PAPER).units}


def test_paper_footnotes_and_notes_are_not_headings() -> None:
    assert "circled" not in {h.family for h in tree(PAPER)}
    notes = parsed(PAPER).units[-1]
    assert (notes.kind, notes.label, notes.path) == ("section", "注释", ("注释",))
    assert notes.text.startswith("注释：\n①数据来源：2021年全国各省国民经济和社会发展统计公报。")
    assert "[1]" in cleaned(PAPER).text
    assert not any(u.label.startswith("[") for u in parsed(PAPER).units)


def test_paper_display_text_is_half_width_and_unspaced() -> None:
    text = cleaned(PAPER).text
    assert not any("０" <= c <= "９" for c in text)
    assert "由1978年的1.7亿人增加到2021年的9.1亿人" in text
    assert parsed(PAPER).units[0].text.startswith("[摘要]进入“十四五”时期，以人为核心的新型城镇化建设")


# ---------------------------------------------------------------------------------------------
# The round-table and the news page: no numbering


def test_round_table_is_split_by_speaker() -> None:
    speeches = [u for u in clauses(ROUND_TABLE) if u.kind == "speech"]
    assert [u.label for u in speeches] == ["张贵", "叶堂林", "曾刚", "张蔚文"]
    assert [u.path[0] for u in speeches] == [
        "城镇化快速发展凸显结构性问题", "提升超大城市核心功能和辐射带动力",
        "探索城市群与都市圈联动路径探索城市群与都市圈联动路径",  # doubled by the extraction itself
        "发挥县域就近城镇化的积极作用",
    ]
    assert speeches[0].path[1] == "张贵（南开大学经济与社会发展研究院教授）"
    assert all(u.parts >= 3 for u in speeches)  # long remarks become several passages
    assert clauses(ROUND_TABLE)[0].kind == "preamble"


def test_news_page_by_sub_heading_and_paragraph() -> None:
    units = parsed(NEWS).units
    heads = list(dict.fromkeys(u.path[0] for u in units if u.path))
    assert heads == [
        "主动适应城市发展形势变化", "“七个着力”明确城市发展“施工图”", "统筹协调推进城市工作",
        "以历史的纵深感来把握现在做的事情", "“这些培训正是我们急需的！”", "用好改革“金钥匙”释放创新原动力",
        "基础设施与公共服务同频共振 绘就同城生活“幸福圈”", "第一观察",
    ]
    assert {u.kind for u in units} == {"preamble", "section"}
    assert all(u.label.startswith("第") and u.label.endswith("段") for u in units if u.kind == "section")
    assert len(clauses(NEWS)) >= 15  # never one giant chunk
    labels_and_paths = {u.label for u in units} | {e for u in units for e in u.path}
    assert not any(("新华社北京" in x) or ("上接" in x) for x in labels_and_paths)
