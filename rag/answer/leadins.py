"""The lead-in of a list an item belongs to: what the item is a case of, and where its figure is.

A law states a rule once for several cases: "职工有下列情形之一的，应当认定为工伤：" over items
（一）…（七）; "有下列情形之一的，由…责令限期改正；逾期不改正的，对单位处2万元以上5万元以下的罚款…："
over the breaches it fines. An item quoted alone ("（六）在上下班途中，受到非本人主要责任的交通事故…的")
does not say what it is a case of, and a question describing one item ("以实物…代替货币支付农民工工资，
…罚多少？") finds its figure in the lead-in. The lead-in here is the sentence that announces the
list (:func:`rag.answer.quotes.list_span`) with the parts before it in its paragraph.

Example::

    lead_in(unit, 6, "（六）在上下班途中…的；", max_items=20)
    # (range(0, 1), "职工有下列情形之一的，应当认定为工伤：……")
"""

from __future__ import annotations

from rag.answer.quotes import ITEM, clause_body, clause_sentences, clean_quote, list_span
from rag.records import Unit
from rag.text import has_han


def lead_parts(unit: Unit, position: int, item: str, max_items: int) -> tuple[list[str], int, int] | None:
    """(the clause's sentences, the first position of the lead-in, the lead-in's own position) of
    the list the sentence ``item`` at ``position`` of ``unit`` is an item of; None when it is no
    item of an announced list."""
    if not ITEM.match(item):
        return None
    sentences = clause_sentences(clause_body(unit)[1])
    if position >= len(sentences) or sentences[position] != item:
        return None
    span = list_span(sentences, position, max_items)
    if span is None or span[0] >= position:
        return None
    first = span[0]
    while first > 0 and not ITEM.match(sentences[first - 1]) and in_one_paragraph(
        unit.text, sentences[first - 1], sentences[span[0]]
    ):
        first -= 1
    return sentences, first, span[0]


def lead_in(unit: Unit, position: int, item: str, max_items: int) -> tuple[range, str] | None:
    """(positions, words) of the lead-in of the list ``item`` is an item of (:func:`lead_parts`),
    up to its colon, with an ellipsis when items before ``item`` are left out; None when it is
    no item."""
    found = lead_parts(unit, position, item, max_items)
    if found is None:
        return None
    sentences, first, last = found
    # "城镇化进程包含三个阶段：一是起步阶段…；": a lead-in that runs on into its first item ends at its colon.
    lead = sentences[last].rstrip()
    colon = max(lead.rfind("："), lead.rfind(":"))
    cut = lead[: colon + 1] if colon > 0 else lead
    gap = cut != lead or position > last + 1
    han = has_han(item)
    words = "".join(clean_quote(t) if han else clean_quote(t) + " " for t in [*sentences[first:last], cut])
    return range(first, last + 1), f"{words}{('……' if han else '… ') if gap else ''}"


def in_one_paragraph(text: str, first: str, later: str) -> bool:
    """Do the sentences ``first`` and ``later`` (after it) stand in one paragraph of ``text``?"""
    start = text.find(first)
    end = text.find(later, start + 1) if start >= 0 else -1
    return start >= 0 and end > start and "\n" not in text[start:end]
