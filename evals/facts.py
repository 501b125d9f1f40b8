"""The answer's first words, read as a user reads them, and judged against the gold facts.

An answer may open with a verdict ("是，" / "否，" / "Yes — " / "No — ") or a figure
("2年：" / "The figure is “45 days”: "), then quote the clause. A wrong opening is worse than
none, so the metrics count three outcomes per judged question: the right opening, no opening,
and a wrong one.

* A **verdict** is judged on answerable questions whose gold gives one (``"verdict": "yes"``)
  and on every unanswerable question (any verdict there is wrong: the corpus does not decide
  it).
* A **figure** is judged on answerable questions whose gold gives one (``"figure": "45 days"``)
  and on unanswerable ones. A figure opening matches when every number of the gold figure is
  among the numbers of the opening (Arabic, Chinese numerals and English number words read as
  values: "二年" = "2年", "six months" = "6 months", "$25,000,000" = "25000000").

Example::

    opening("否，不满十四周岁的未成年人…[1]")     # Opening(verdict='no', figure=None)
    figure_matches("2年", "二年")                # True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rag.ingest.numerals import cn_to_int

_VERDICT_ZH = re.compile(r"^(?P<v>是的|是|对|否|不是|不)[，,。：:]")
_VERDICT_EN = re.compile(r"^(?P<v>yes|no)\b", re.IGNORECASE)
_FIGURE_EN = re.compile(r"^The (?:figure|date) is “(?P<f>[^”]+)”")
# A Chinese figure opening is a short head ending in a colon, holding a number.
_FIGURE_ZH = re.compile(r"^(?P<f>[^：:，,。\[\]]{1,24})[：:]")
# A quoted lead-in announcing a list is no figure, though it may hold a numeral: "仲裁员应当…符合下列条件
# 之一：……（三）…满五年的" opens with the article's own words (stop 39's probe pz-33 was counted a wrong
# figure "…条件之一").
# "以下" after a number or its unit bounds it ("十万元以下：", "3倍以下：" are figures; stop 65 found
# such openings uncounted, kp-07's right "十万元以下" among them).
_BOUNDED = r"\d〇零一二两三四五六七八九十百千万亿元倍日天月年岁人%％分"
_LIST_LEAD = re.compile(rf"(?:下列|如下|下述|(?<![{_BOUNDED}])以下)[^：:]*$|之一$")
# A thousands comma ("EUR 10,000") or a decimal point; a comma before one or two digits is the
# decimal comma of EU texts ("0,5 %", "1,5 %"), read as a point (stop 43: "0,5" read as 0 and 5).
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+|,\d{1,2}(?!\d))?")
_CHINESE = re.compile(r"[〇零一二两三四五六七八九十百千]+")
_WORDS = {
    "once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90,
}
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.IGNORECASE)
_YES = {"是的", "是", "对", "yes"}


@dataclass(frozen=True)
class Opening:
    """What an answer's first words assert: a verdict ("yes"/"no"), a figure, or neither."""

    verdict: str | None = None
    figure: str | None = None


def opening(answer: str) -> Opening:
    """The verdict or figure an answer opens with (see the module docstring)."""
    text = unicodedata.normalize("NFKC", answer).strip()
    if m := _VERDICT_ZH.match(text) or _VERDICT_EN.match(text):
        return Opening(verdict="yes" if m.group("v").lower() in _YES else "no")
    if m := _FIGURE_EN.match(text):
        return Opening(figure=m.group("f"))
    if (m := _FIGURE_ZH.match(text)) and numbers(m.group("f")) and not _LIST_LEAD.search(m.group("f")):
        return Opening(figure=m.group("f").strip())
    return Opening()


def numbers(text: str) -> set[float]:
    """Every number written in ``text``, as a value."""
    folded = unicodedata.normalize("NFKC", text)
    values = {float(_decimal_comma(m.group())) for m in _ARABIC.finditer(folded)}
    for m in _CHINESE.finditer(folded):
        try:
            values.add(float(cn_to_int(m.group())))
        except (ValueError, KeyError):
            continue
    values.update(float(_WORDS[m.group().lower()]) for m in _WORD.finditer(folded))
    return values


def _decimal_comma(number: str) -> str:
    """``number`` as float() reads it: thousands commas dropped, a decimal comma made a point."""
    whole, comma, tail = number.rpartition(",")
    if comma and len(tail) <= 2:
        return f"{whole.replace(',', '')}.{tail}"
    return number.replace(",", "")


def figure_matches(gold: str, given: str) -> bool:
    """Does the opening figure ``given`` state the gold figure (all its numbers)?"""
    want = numbers(gold)
    return bool(want) and want <= numbers(given)


@dataclass(frozen=True)
class FactCheck:
    """One answer's opening against the gold: each field None when not judged, else right?"""

    verdict_given: str | None
    figure_given: str | None
    verdict_ok: bool | None
    figure_ok: bool | None


def check(answer: str, *, answerable: bool, verdict: str | None, figure: str | None) -> FactCheck:
    """Judge an answer's opening against a question's gold facts (see the module docstring).

    ``verdict_ok``: None when the verdict is not judged; else True when the answer opens with
    the gold verdict, False when it opens with another (or with any verdict on an unanswerable
    question). A judged question answered with no verdict is False too: it lowers the accuracy
    but is not *wrong* — the metrics count a wrong opening only when one was given.
    """
    first = opening(answer)
    verdict_ok = figure_ok = None
    if answerable and verdict is not None:
        verdict_ok = first.verdict == verdict
    elif not answerable and first.verdict is not None:
        verdict_ok = False
    if answerable and figure is not None:
        figure_ok = first.figure is not None and figure_matches(figure, first.figure)
    elif not answerable and first.figure is not None:
        figure_ok = False
    return FactCheck(first.verdict, first.figure, verdict_ok, figure_ok)

