"""Sub-citations inside one article: 第（一）项, 第二款, 第三目, (1)(a) → a span of the article's text.

A law's unit is the whole 条 (the label contract): its items （一）…, its paragraphs (款, one per
line after the first) and the English paragraphs ``1.`` and points ``(a)`` stay inside it. A
question that cites "工伤保险条例第十四条第（一）项" or "Art. 17(1)(a)" gets the article unit and,
from :func:`sub_span`, the character range of the cited part within the unit's text.

Example::

    sub = parse_subref("第十四条第（一）项", after=len("第十四条"))  # SubRef(paragraph=None, item=1, point=None)
    sub_span(article.text, sub)                                    # (start, end) of the （一） line
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.ingest.numerals import cn_to_int
from rag.text import fold, has_han

_CN = "零〇一二两三四五六七八九十百"
# Right after an article reference: 第二款, 第（一）项 / （一）项 / 第一项, 第三目; in that order.
_ZH = re.compile(
    rf"\s*(?:第\s*(?P<para>[{_CN}]+|\d+)\s*款)?"
    rf"\s*(?:第?\s*(?:[（(]\s*(?P<item>[{_CN}]+|\d+)\s*[）)]|(?P<item2>[{_CN}]+|\d+)\s*(?=项))\s*项?)?"
    rf"\s*(?:第\s*(?P<point>[{_CN}]+|\d+)\s*目)?"
)
# English: 17(1)(a), 17(1), "paragraph 1", "point (a)".
_EN = re.compile(
    r"(?:\s*\((?P<para>\d+)\))?(?:\s*\((?P<point>[a-z])\))?"
    r"(?:,?\s*(?:paragraph|para\.?)\s*(?P<para2>\d+))?(?:,?\s*point\s*\((?P<point2>[a-z])\))?",
    re.I,
)


@dataclass(frozen=True)
class SubRef:
    """The part of an article a question cites; each level None when not cited.

    ``paragraph``: 款 / English paragraph number; ``item``: 项 （一）; ``point``: 目 or the
    English point letter ("a"). ``text`` is the sub-citation as written; ``end`` where it ends
    in the question.
    """

    paragraph: int | None
    item: int | None
    point: str | None
    text: str
    end: int


def _num(token: str | None) -> int | None:
    if not token:
        return None
    token = fold(token)
    if token.isdigit():
        return int(token)
    try:
        value = cn_to_int(token)
    except (KeyError, ValueError):
        return None
    return value if value > 0 else None


def parse_subref(question: str, after: int) -> SubRef | None:
    """The sub-citation written right after position ``after`` (the end of an article
    reference) in ``question``; None when there is none."""
    zh = _ZH.match(question, after) if has_han(question) else None
    if zh and zh.group(0).strip():
        zh_point = _num(zh.group("point"))
        return SubRef(
            _num(zh.group("para")),
            _num(zh.group("item") or zh.group("item2")),
            str(zh_point) if zh_point else None,
            zh.group(0).strip(),
            zh.end(),
        )
    en = _EN.match(question, after)
    if en and en.group(0).strip():
        point = en.group("point") or en.group("point2")
        return SubRef(
            _num(en.group("para") or en.group("para2")),
            None,
            point.lower() if point else None,
            en.group(0).strip(),
            en.end(),
        )
    return None


_LINE = re.compile(r"[^\n]+")


def sub_span(text: str, sub: SubRef) -> tuple[int, int] | None:
    """The ``[start, end)`` range of ``text`` (an article unit's text) that ``sub`` cites.

    Chinese: paragraph N is the N-th non-empty line (the first carries the article label);
    item （N） runs from its line start to the next item or the paragraph's end; point N is the
    N-th numbered line (``1.``/``1、``) of the item. English: paragraph N is the line opening
    ``N.``, point (x) the line opening ``(x)`` after it. None when the text has no such part.
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group(0).strip()]
    if not lines:
        return None
    lo, hi = 0, len(text)
    if sub.paragraph is not None:
        numbered = [s for s in lines if re.match(rf"\s*{sub.paragraph}\s*\.\s", text[s[0]:s[1]])]
        if numbered:  # English "1. Providers shall…" and its points up to "2."
            lo = numbered[0][0]
            nxt = [s for s in lines if s[0] > lo and re.match(r"\s*\d+\s*\.\s", text[s[0]:s[1]])]
            hi = nxt[0][0] if nxt else len(text)
        elif sub.paragraph <= len(_paragraphs(text, lines)):
            lo, hi = _paragraphs(text, lines)[sub.paragraph - 1]
        else:
            return None
    if sub.item is not None:
        found = _marked(text, lo, hi, _item_marks(sub.item), r"\s*[（(][零〇一二两三四五六七八九十百]+[）)]")
        if found is None:
            return None
        lo, hi = found
    if sub.point is not None:
        marks = [f"({sub.point})", f"（{sub.point}）"] if sub.point.isalpha() else [f"{sub.point}.", f"{sub.point}、"]
        found = _marked(text, lo, hi, marks, r"\s*(?:\([a-z]\)|（[a-z]）|\d+[.、])")
        if found is None:
            return None
        lo, hi = found
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if (lo, hi) != (0, len(text)) else None


def _paragraphs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """款: lines that are not items （一）/(a)/1. (those belong to the paragraph above)."""
    out: list[list[int]] = []
    for start, end in lines:
        line = text[start:end].lstrip()
        if out and re.match(r"[（(][零〇一二两三四五六七八九十百a-z]+[）)]|\d+[.、]", line):
            out[-1][1] = end
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def _item_marks(n: int) -> list[str]:
    cn = _to_cn(n)
    return [f"（{cn}）", f"({cn})"]


def _to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _marked(text: str, lo: int, hi: int, marks: list[str], sibling: str) -> tuple[int, int] | None:
    """From the line in ``[lo, hi)`` that opens with one of ``marks`` to the next sibling
    line (or ``hi``); an inline item ("…：（一）…；（二）…") ends at the next sibling mark."""
    for mark in marks:
        at = text.find(mark, lo, hi)
        if at < 0:
            continue
        nxt = re.compile(sibling.replace(r"\s*", "", 1))
        rest = nxt.search(text, at + len(mark), hi)
        end = rest.start() if rest else hi
        return at, end
    return None
