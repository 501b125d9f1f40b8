"""What the evaluation tests share: a tiny plan (one clause split into two passages) and a
roundtable of speeches as index units, and gold items made from dicts."""

from __future__ import annotations

from evals.gold import Corpus, GoldItem, parse_item
from rag.records import Unit

PLAN = "示范实施方案"
ROUND = "某地城镇化专家圆桌"
PLAN_TEXT = (
    "（一）指导思想。坚持以人民为中心的发展思想。\n"
    "（二）主要目标。到2025年，常住人口城镇化率达到65%，城区常住人口300万以下的城市全面取消落户限制，"
    "户籍人口城镇化率明显提高，城乡融合发展体制机制基本建立。\n"
    "（三）住房保障。坚持租购并举，扩大保障性租赁住房供给。\n"
)


def eval_unit(doc: str, label: str, ordinal: int, text: str, start: int, path: tuple[str, ...] = (),
              part: int = 0, parts: int = 1, kind: str = "clause") -> Unit:
    return Unit(doc_id=doc, title=doc, path=path or (label,), label=label, ordinal=ordinal, text=text,
                span=(start, start + len(text)), kind=kind, part=part, parts=parts)


def plan_units() -> list[Unit]:
    lines = PLAN_TEXT.splitlines(keepends=True)
    starts = [0, len(lines[0]), len(lines[0]) + len(lines[1])]
    first, second, third = (line.rstrip("\n") for line in lines)
    # （二） is split into two overlapping passages, as the parser does with long clauses.
    cut, overlap = 40, 10
    return [
        eval_unit(PLAN, "（一）", 0, first, starts[0], ("一、总体要求", "（一）指导思想")),
        eval_unit(PLAN, "（二）", 1, second[:cut], starts[1], ("一、总体要求", "（二）主要目标"), 0, 2),
        eval_unit(PLAN, "（二）", 1, second[cut - overlap:], starts[1] + cut - overlap,
              ("一、总体要求", "（二）主要目标"), 1, 2),
        eval_unit(PLAN, "（三）", 2, third, starts[2], ("二、重点任务", "（三）住房保障")),
    ]


def round_units() -> list[Unit]:
    a = "张三（某大学教授）：城镇化率由 2011 年 51.27% 提升到 2023 年 66.16%。"
    b = "李四（某研究院院长）：县域是城镇化的重要载体，人口流失问题突出。"
    c = "（一）人口。流动人口规模巨大。"
    d = "（一）户籍。积分落户主要服务精英群体。"
    pos = [0, len(a) + 1, len(a) + len(b) + 2, len(a) + len(b) + len(c) + 3]
    return [
        eval_unit(ROUND, "张三", 0, a, pos[0], ("张三",), kind="speech"),
        eval_unit(ROUND, "李四", 1, b, pos[1], ("李四",), kind="speech"),
        eval_unit(ROUND, "（一）", 2, c, pos[2], ("一、背景", "（一）人口")),
        eval_unit(ROUND, "（一）", 3, d, pos[3], ("二、问题", "（一）户籍")),
    ]



def make_corpus() -> Corpus:
    """The plan and the roundtable as one corpus."""
    return Corpus([*plan_units(), *round_units()])


def gold_item(qid: str = "q1", **kw: object) -> GoldItem:
    data: dict[str, object] = {"id": qid, "question": "问题？", "answerable": True, "tags": []}
    data.update(kw)
    return parse_item(data)
