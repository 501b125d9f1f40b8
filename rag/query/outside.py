"""References to another law's articles: "我按劳动合同法第三十八条辞职了，…", "依照《民法典》第五百八十五条…".

A question may cite an article of a law the index does not hold — a regulation's questions cite
its parent law ("劳动合同法实施条例" is indexed, "劳动合同法" is not). Looked up, "第三十八条" is
the indexed texts' own 第三十八条 (held-out ha-28: the regulation's commencement article and
消防法 第三十八条 offered as candidates; ha-32: 消防法 第四十条 on fire brigades quoted for a
question on severance pay). Such a reference only says which rule the asker relies on: the
question is searched for, its words kept, as a reference cited as broken is
(:mod:`rag.query.breach`).

A reference is another law's when the run of Han characters written right before it (inside
《》 or not, a trailing 的 aside) ends in the name of a kind of law (法, 条例, 办法, 细则, 规则) and
names no indexed document (:class:`rag.query.docnames.DocNames`). "本法第十条", "该条例第五条" name
the text at hand; "规定", "决定", "意见" alone are too common to be a law's name.

Example::

    names = DocNames({"劳动合同法实施条例(2008-09-18)": "劳动合同法实施条例(2008-09-18)"})
    question = "我按劳动合同法第三十八条辞职了，还要赔违约金吗？"
    cites_outside(question, parse_refs(question), names)  # True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from rag.query.refparse import ArticleRef
from rag.text import HAN_CLASS

# A law's name right before a reference: Han characters (two or more) ending in a kind of law, then 》
# and 的 (either may be missing) and spaces.
# A Latin short name may open it ("eIDAS条例", "NIS指令"), a whole word (no backtracking through its letters).
_NAME_BEFORE = re.compile(
    f"((?:[A-Za-z][A-Za-z0-9+]*(?![A-Za-z0-9+]))?[{HAN_CLASS}]{{0,40}}?(?:法|条例|办法|细则|规则|指令))》?的?\\s*$"
)
_KIND_END = re.compile(r"(?:法|条例|办法|细则|规则|指令)$")
# The act's number or short name in brackets after its name ("eIDAS条例（（EU）No 910/2014）第19条", stop 59's
# kd-16, which offered both Chinese texts' 第十九条 as candidates): read past, as the name ends before it.
_BRACKETS_AFTER = re.compile(r"[（(](?:[^（）()]|[（(][^（）()]*[）)])*[）)]\s*$")
# The text at hand, named by a pronoun ("本法", "该条例", "这部法"): not another law.
_THIS = re.compile(f"(?:本|该|此|这部|这个|上述|前述)(?:[{HAN_CLASS}]{{0,2}})$")


class NamesDocuments(Protocol):
    """Which indexed documents a piece of text names (:meth:`rag.query.docnames.DocNames.mentioned`)."""

    def mentioned(self, question: str, *, translated: bool = True) -> list[str]: ...


def outside_name(before: str, names: NamesDocuments) -> str | None:
    """The name of a law no indexed document has, ending ``before`` (the text right before a
    reference); None when ``before`` ends in no law's name, in the text at hand's or in an
    indexed document's."""
    found = _NAME_BEFORE.search(_BRACKETS_AFTER.sub("", before).replace("《", ""))
    if found is None:
        return None
    run = found.group(1)
    if len(_KIND_END.sub("", run)) < 2:
        return None  # "依法", "按条例": no name
    # The shortest tail that is a law's name: "我按劳动合同法" is read from "合同法" leftwards, and
    # any tail naming an indexed document ("劳动法" inside "按劳动法") keeps the reference ours.
    if _THIS.search(run):
        return None
    for start in range(len(run) - 2, -1, -1):
        if names.mentioned(run[start:]):
            return None
    return run


def cites_outside(question: str, found: Sequence[ArticleRef], names: NamesDocuments) -> bool:
    """Does every reference ``found`` in ``question`` name an article of a law the index lacks?"""
    if not found:
        return False
    for ref in found:
        at = question.find(ref.text)
        if at < 0 or outside_name(question[:at], names) is None:
            return False
    return True
