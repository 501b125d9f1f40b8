"""What a sentence pairs with what: the roles of a list and "分别" (respectively).

A sentence may name the asked thing and decide something of it, yet give it another role than
the one asked, or pair it with another party:

* **Roles in a list** — "完善以配建停车场为主、路外公共停车场为辅、路内停车为补充的停车设施体系":
  "停车设施体系，是不是以路内停车为主？" (a fresh seed question of stop 72, hz42-01) opened "是" from
  the directing word 完善, where 路内停车 is only the 补充.
* **分别** — "中央财政和省级财政分别对吸纳跨省域、跨市域农业转移人口落户多的地区给予支持": central
  money goes with 跨省域, provincial with 跨市域. "对吸纳跨省域…落户多的地区，是由省级财政来给支持的吗？"
  (hz42-03, same stop) opened "是" from 给予支持. Which party goes with which item is the order of
  two lists, no deciding word; English "respectively" pairs so too.

Both are read by :func:`rag.answer.verdict.polarity`, which then gives no verdict: a wrong 是/否
is worse than none.
"""

from __future__ import annotations

import re

from rag.text import HAN_CLASS, PART_BREAK

# The role words of such a list: "以A为主、B为辅、C为补充", "以…为重点", "…为主体".
_ROLES = "主体|主导|主|辅|补充|重点|核心|基础|引领|支撑"
# An item and its role, after 以 or after the list's 、/，: "以配建停车场为主", "、路内停车为补充".
# The role ends its item ("为主要任务" is no role).
_ROLE_ITEM = re.compile(rf"(?:以|、|，)([{HAN_CLASS}A-Za-z0-9]{{2,16}}?)为({_ROLES})(?=[、，,；;。的）)]|$)")
# The role a question asks of its thing: "是不是以路内停车为主？", "路内停车是为补充吗？".
_ROLE_ASKED = re.compile(rf"为({_ROLES})(?=[吗呢吧的？?，,。]|$)")
# The parties before 分别, one list without a break: "中央财政和省级财政分别".
_BEFORE_RESPECTIVELY = re.compile(rf"([{HAN_CLASS}A-Za-z0-9、]{{4,40}}?)分别")
_LIST_JOIN = re.compile(r"、|和|与|及|以及|或者")
_RESPECTIVELY_EN = re.compile(r"\brespectively\b", re.I)


def roles_in(sentence: str) -> dict[str, str]:
    """The items of a role list in ``sentence`` with their roles ({"配建停车场": "主", …}); empty when
    the sentence gives fewer than two."""
    found = {m.group(1): m.group(2) for m in _ROLE_ITEM.finditer(sentence)}
    return found if len(set(found.values())) >= 2 else {}


def asks_another_role(question: str, sentence: str) -> bool:
    """Does ``question`` ask a role (为主) of a thing the sentence's role list gives another role
    (路内停车 is the 补充)? Only when the clause asking it names exactly one of the list's items."""
    asked = _ROLE_ASKED.search(question)
    if asked is None:
        return False
    # The clause asking it: the scene before may name another item ("我们这片几乎没有配建停车场").
    asking = PART_BREAK.split(question[: asked.start()])[-1]
    roles = roles_in(sentence)
    named = [item for item in roles if item in asking]
    return len(named) == 1 and roles[named[0]] != asked.group(1)


def pairs_respectively(question: str, sentence: str) -> bool:
    """Does ``sentence`` pair two lists by their order ("A和B分别…C、D…", "… respectively") where
    ``question`` names one party of it? Which item goes with that party is no deciding word's."""
    if _RESPECTIVELY_EN.search(sentence):
        return True
    for m in _BEFORE_RESPECTIVELY.finditer(sentence):
        items = [item for item in _LIST_JOIN.split(m.group(1)) if len(item) >= 2]
        if len(items) >= 2 and sum(item in question for item in items) == 1:
            return True
    return False
