"""What kind of thing a short phrase names, so a wrong option is of the key's kind.

A trainee rules out a wrong option of another kind without knowing the document: "人民群众"
(a body of people) among kinds of services, "党组织领导" among measures. The classifier reads
only the phrase's form — a number, the head noun at its end, the verb it opens with — and says
``"other"`` when the form decides nothing; ``same_kind`` refuses only two known, different kinds.
"""

from __future__ import annotations

import re
from typing import Literal, TypeAlias

from rag.quiz.text import tidy
from rag.text import has_han

Kind: TypeAlias = Literal["number", "body", "measure", "place", "other"]
KINDS: tuple[Kind, ...] = ("number", "body", "measure", "place", "other")

# Head nouns (the end of a Chinese noun phrase decides what it names).
_BODY_ENDS = (
    "部门", "政府", "委员会", "机关", "单位", "机构", "组织", "企业", "群众", "人民", "居民", "农民", "人员", "干部",
    "协会", "法院", "检察院", "领导", "党委", "职工", "劳动者", "主体", "公司", "集团", "家庭", "个人", "学校",
    "医院", "平台企业", "经营者", "消费者", "人口", "工人", "老人", "儿童", "学生", "社会力量", "部", "局", "厅",
    "委", "办", "院", "会", "者",
)
_MEASURE_ENDS = (
    "制度", "机制", "体系", "政策", "措施", "服务", "保障", "保险", "工程", "行动", "计划", "规划", "改革", "建设",
    "管理", "标准", "办法", "统筹", "补贴", "救助", "登记", "审批", "监管", "监督", "治理", "试点", "培训", "改造",
    "设施", "功能", "能力", "水平", "权", "待遇", "方案", "项目", "体制", "模式", "网络", "系统",
)
_MEASURE_STARTS = (
    "推进", "建立", "健全", "完善", "加强", "实施", "开展", "推动", "提高", "促进", "落实", "支持", "鼓励", "实行",
    "放开", "取消", "优化", "深化", "扩大", "强化", "提升", "加快", "探索", "引导", "规范", "保障",
)
_PLACE_ENDS = ("省", "市", "县", "区", "镇", "乡", "村", "城市", "地区", "农村", "城镇", "乡村", "城区", "都市圈",
               "城市群", "流域", "口岸", "边境")
_EN_BODY = re.compile(r"\b(authority|authorities|commission|board|body|bodies|agency|agencies|controller|processor|"
                      r"provider|deployer|importer|distributor|ministry|court|organi[sz]ation|person|persons|employer|"
                      r"member states?|council|office|department|government|consumer|business|subject)s?$", re.I)
_EN_MEASURE = re.compile(r"\b(measure|policy|plan|scheme|assessment|system|programme|program|procedure|right|"
                         r"obligation|registration|documentation|oversight|notice|disclosure|audit|review|test|"
                         r"testing|training|report|record|records|logging|safeguard)s?$", re.I)
# Longest ending first: "平台企业" before "企业", "城市群" before "市".
_ENDINGS: list[tuple[str, Kind]] = sorted(
    [*((e, "body") for e in _BODY_ENDS), *((e, "measure") for e in _MEASURE_ENDS),
     *((e, "place") for e in _PLACE_ENDS)],
    key=lambda pair: -len(pair[0]),
)
_NUMBER = re.compile(r"^\D{0,2}\d+(?:\.\d+)?\D{0,4}$|^[一二三四五六七八九十百千万亿两]+[个项条年月日天倍%％]?$")


def phrase_kind(phrase: str) -> Kind:
    """``"number"``, ``"body"`` (an organisation or a group of people), ``"measure"`` (a policy,
    a service, an action), ``"place"`` or ``"other"``."""
    text = tidy(phrase).strip("，。；、,.; ")
    if not text:
        return "other"
    if _NUMBER.match(text):
        return "number"
    if not has_han(text):
        if _EN_BODY.search(text):
            return "body"
        return "measure" if _EN_MEASURE.search(text) else "other"
    for ending, kind in _ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            return kind
    if text.startswith(_MEASURE_STARTS):
        return "measure"
    return "other"


def same_kind(candidate: str, key: str) -> bool:
    """Whether ``candidate`` may stand beside ``key``: not when both kinds are known and differ."""
    a, b = phrase_kind(candidate), phrase_kind(key)
    return a == b or "other" in (a, b)
