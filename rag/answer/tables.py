"""The cell of a table a number question names by its row and its column.

Cleaning writes a table one row per line, cells joined by " | " (:mod:`rag.ingest.noise`). Such rows
are no sentences (:mod:`rag.answer.quotes`), so a question asking a figure that only a table states
("2020年上海的人均可支配收入是多少？" over the Henan article's 表2) found no sentence holding it and was
refused; six of the eight table questions of the fresh seed sets of stops 57–62 were refused or
answered with the caption alone.

A table here is a run of such rows. Its heading rows come first (no number in them), the data rows
after; a data row's first cell names it ("上海", "城镇人口（万人）"). A heading row may leave out the
row names' column ("绝对值 | 排名 | …", "全国 | 河南省 | …") or span its columns over the ones below
("城市 | 面积（平方千米） | … ", four headings over eight columns): each column gets one heading per
heading row. A question names a cell when:

* its own words (a follow-up's, else the whole question) name exactly one row's name, and not only as
  the start of a part of it ("郑州航空港经济综合实验区" names a zone, not the row 郑州);
* at every heading level, it names exactly one of the headings the remaining columns have (the part
  of the question that asks read first, then the rest) — as
  written, without its unit "（元）" or a closing 省/市 ("河南" for "河南省"), or as an abbreviation
  whose characters it writes in order ("六普" in "第六次人口普查"); a level it does not name is
  read at its value heading ("绝对值"), or is no level when all its columns share one heading;
* the table's caption and headings name the years it asks, when they name any.

Anything else — two rows, two columns, a cell that is no number — is no cell, and the answerer goes
on as before; so does a cell of another kind than asked (the answerer checks its unit: "占全省多少" asks a
share, not a sum in 亿元).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.ingest.grammar import TABLE_SEP
from rag.ingest.linetypes import is_table_row
from rag.query.carried import follow_up_topic, without_context
from rag.query.places import without_asker_places
from rag.query.quantity import Asked, unit_ok
from rag.text import HAN_CLASS, HAN_RUN, YEAR, fold

# A heading read when a question names none of its level: the value, not its rank.
_VALUE_HEADINGS = frozenset({"绝对值", "数值", "数量", "总量", "金额", "value", "total"})
_UNIT = re.compile(r"[（(]([^（）()]{1,8})[）)]\s*$")
_CLOSING = re.compile(rf"(?<=[{HAN_CLASS}]{{2}})(?:省|市|县|区|自治区)$")
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|％)?$")
_CAPTION = re.compile(r"^\s*(?:表|附表|Table\s)\s*\d*")
_PARTS = re.compile(r"[，。；？！,;?!]")
_ASKING = re.compile(r"多少|几|什么|哪|\bhow\b|\bwhat\b|\bwhich\b", re.IGNORECASE)
# A part of a place named after it, up to a particle, a digit or a mark: 航空港经济综合实验区, 新区, 高新区.
_PART_OF_PLACE = re.compile(rf"[{HAN_CLASS}]{{0,12}}?(?:区|县|镇|乡|街道|港|园|村)(?=的|[^{HAN_CLASS}]|$)")
_RANK = re.compile(r"排名|排序|名次|位次|\brank", re.IGNORECASE)
# How far apart an abbreviation's characters may stand in the question, beyond its own length:
# "六普" in "第六次人口普查" stands 5 characters wide (3 more than its 2).
ABBREVIATION_SLACK = 4


@dataclass(frozen=True)
class Cell:
    """A table cell a question names: the figure to open with and what the quote says of it."""

    figure: str  # the value with its unit: "72232元", "49.68%", "第1"
    value: str  # as the cell writes it: "72232"
    row: str  # the row's name as written: "上海"
    column: tuple[str, ...]  # the column's headings, outermost first: ("人均可支配收入（元）", "绝对值")
    caption: str  # the line before the table ("表2 2020年国家中心城市部分指标对比"), or ""


@dataclass(frozen=True)
class _Table:
    caption: str
    headings: tuple[tuple[str, ...], ...]  # per heading level, one heading per data column
    rows: tuple[tuple[str, ...], ...]  # data rows: name, then one cell per column


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split(TABLE_SEP.strip())]


def _is_data(cells: Sequence[str]) -> bool:
    return any(_NUMBER.match(c) for c in cells[1:])


def tables(text: str) -> list[_Table]:
    """The tables of a clause's ``text`` whose heading rows map onto their columns."""
    found: list[_Table] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if not is_table_row(lines[i]):
            i += 1
            continue
        start = i
        while i < len(lines) and is_table_row(lines[i]):
            i += 1
        caption = lines[start - 1].strip() if start and _CAPTION.match(lines[start - 1]) else ""
        table = _read([_cells(line) for line in lines[start:i]], caption)
        if table is not None:
            found.append(table)
    return found


def _read(rows: list[list[str]], caption: str) -> _Table | None:
    head = 0
    while head < len(rows) and not _is_data(rows[head]):
        head += 1
    data = rows[head:]
    if not head or not data:
        return None
    width = max(len(r) for r in data) - 1  # columns besides the row names
    if width < 1 or any(len(r) != width + 1 for r in data):
        return None
    levels: list[tuple[str, ...]] = []
    for row in rows[:head]:
        if len(row) == width:  # no heading over the row names
            levels.append(tuple(row))
        elif len(row) == width + 1:
            levels.append(tuple(row[1:]))
        elif len(row) > 1 and width % (len(row) - 1) == 0:  # each heading spans the columns below it
            span = width // (len(row) - 1)
            levels.append(tuple(h for h in row[1:] for _ in range(span)))
        else:
            return None
    return _Table(caption, tuple(levels), tuple(tuple(r) for r in data))


def _bare(name: str) -> str:
    return _CLOSING.sub("", _UNIT.sub("", name).strip()).strip()


def _named(name: str, question: str) -> bool:
    """Does ``question`` (folded) name ``name``: as written, without its unit or closing 省/市,
    or as an abbreviation whose characters it writes in order within a short span?"""
    bare = fold(_bare(name))
    if not bare:
        return False
    if bare in question:
        return True
    if len(bare) < 2 or not HAN_RUN.fullmatch(bare):
        return False
    gaps = "".join(f"{re.escape(ch)}[^，。；？！,.;?!]*?" for ch in bare[:-1]) + re.escape(bare[-1])
    return any(len(m.group(0)) <= len(bare) + ABBREVIATION_SLACK for m in re.finditer(gaps, question))


def _pick(names: Sequence[str], questions: Sequence[str]) -> set[str] | None:
    """The headings of one level the question names (one; its asking part read first), else its
    value heading, else all when they are one; None when it is ambiguous."""
    distinct = list(dict.fromkeys(names))
    for question in questions:
        exact = [n for n in distinct if fold(_bare(n)) in question]
        named = exact or [n for n in distinct if _named(n, question)]
        if len(named) == 1:
            return set(named)
        if named:
            return None
    if len(distinct) == 1:
        return set(distinct)
    value = [n for n in distinct if n.strip().lower() in _VALUE_HEADINGS]
    return {value[0]} if len(value) == 1 else None


def _names_a_part(name: str, question: str) -> bool:
    """Does ``question`` name ``name`` only as the start of a part of it: "郑州航空港经济综合实验区2020年的GDP"
    names a zone of 郑州, not 郑州 (a seed near miss of stop 43, hz13-33, opened with 郑州's GDP)."""
    at = [m.end() for m in re.finditer(re.escape(fold(_bare(name))), question)]
    return bool(at) and all(_PART_OF_PLACE.match(question, end) for end in at)


def asked_cell(question: str, text: str) -> Cell | None:
    """The one cell of a table in ``text`` that ``question`` names by row and column; None when
    there is none or more than one (see the module)."""
    # Where the asker works or lives names no row: "我在重庆工作，那篇论文说2020年全国超大和特大城市一共聚集了多少
    # 常住人口？" is not asked of 重庆's row (a fresh seed question of stop 66, hz36-27, opened "3205.4万人").
    question = without_asker_places(question)
    own = fold(without_context(question))
    whole = fold(question)
    # The part asking ("…，七普的时候河南的城镇人口是多少万人？" after "有张六普、七普的对比表"), then the rest.
    asking = [p for p in _PARTS.split(own) if _ASKING.search(p)]
    readings = [asking[-1], own] if asking else [own]
    # A completed follow-up's topic before the question it completes: "关于它的人均可支配收入：…2020年成都的GDP
    # 是多少？" asks the income, not the GDP (a fresh seed question of stop 63, hz33-11, opened GDP's cell).
    # A row it names comes first too: "关于上海：…成都的GDP…" asks 上海's.
    topic = follow_up_topic(question)
    if topic is not None:
        topic = fold(topic)
        readings.insert(0, topic)
    asked_years = set(YEAR.findall(own))
    found: list[Cell] = []
    for table in tables(text):
        rows = [r for r in table.rows if topic is not None and _named(r[0], topic)]
        rows = rows or [r for r in table.rows if _named(r[0], own)] or [r for r in table.rows if _named(r[0], whole)]
        rows = [r for r in rows if not _names_a_part(r[0], whole)]
        if len(rows) != 1:
            continue
        row = rows[0]
        columns = list(range(len(row) - 1))
        for level in table.headings:
            picked = _pick([level[c] for c in columns], readings)
            if picked is None:
                columns = []
                break
            columns = [c for c in columns if level[c] in picked]
        if len(columns) != 1:
            continue
        heads = tuple(level[columns[0]] for level in table.headings)
        stated_years = set(YEAR.findall(fold(" ".join([table.caption, *heads]))))
        if asked_years and stated_years and not asked_years <= stated_years:
            continue  # a table of 2020 does not answer 2021
        value = row[columns[0] + 1]
        if not _NUMBER.match(value):
            continue
        found.append(Cell(_figure(value, row[0], heads), value, row[0], heads, table.caption))
    return found[0] if len(found) == 1 else None


def asked_cell_of_kind(question: str, text: str, want: Asked) -> Cell | None:
    """:func:`asked_cell`, when its figure is of the kind asked (``want``): "那它创造的GDP占全省多少？" asks a
    share, not the GDP's 亿元 (a seed follow-up of stop 50, hz20-11). What the answerer opens with, and
    what the answerability signal ``figure_missing`` reads as stated."""
    cell = asked_cell(question, text)
    return cell if cell is not None and unit_ok(cell.figure, want) else None


def _figure(value: str, row: str, heads: Sequence[str]) -> str:
    """The cell's value with the unit its column or row names ("（元）"), or its rank ("第1")."""
    if any(_RANK.search(h) for h in heads):
        return f"第{value}"
    if not re.search(r"\d$", value):
        return value  # it writes its own unit ("49.68%")
    for name in [*reversed(heads), row]:
        if (unit := _UNIT.search(name)) is not None:
            return value + unit.group(1).strip()
    return value


def cell_sentence(cell: Cell, *, zh: bool = True) -> str:
    """What the answer says of ``cell``, in words the clause holds: "据表2 …，上海的“人均可支配收入（元） ·
    绝对值”为72232。" """
    column = " · ".join(dict.fromkeys(cell.column))
    if zh:
        source = f"据{cell.caption}，" if cell.caption else "据表中数据，"
        return f"{source}{cell.row}的“{column}”为{cell.value}。"
    source = f"According to {cell.caption}, " if cell.caption else "According to the table, "
    return f"{source}the “{column}” of {cell.row} is {cell.value}."
