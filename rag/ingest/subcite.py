"""Sub-citations: where an item or paragraph sits inside an article's text.

An article is one unit; a citation may name a part of it. :func:`subcite` takes the article's
text (``Unit.text`` of the whole article, passages merged) and a reference to a part of it, and
returns the ``[start, end)`` span of that part in the text, for lookups and highlighting.

* Chinese: 款 are the article's paragraphs (lines; a line of items belongs to the 款 above it),
  项 are ``（一）`` / ``(一)`` items on their own lines or inline (``…措施：（一）进入现场检查；
  （二）…``). ``"第二款"``, ``"第（一）项"``, ``"第一项"``, ``"第二款第（三）项"``.
* English: numbered paragraphs ``1.`` / ``(1)``, points ``(a)`` / ``- (a)``, sub-points
  ``(A)``, ``(i)``. ``"paragraph 2"``, ``"point (a)"``, ``"(1)(a)"``, ``"(a)(1)(A)(i)"``,
  ``"Art. 17(1)(a)"`` (anything before the first bracket is ignored).

Example::

    text = "第十四条 职工有下列情形之一的，应当认定为工伤：\\n(一)在工作时间…；\\n(二)工作时间前后…；"
    start, end = subcite(text, "第（二）项")
    text[start:end]   # '(二)工作时间前后…；'
"""

from __future__ import annotations

import re

from rag.ingest.numerals import cn_to_int

_CN_NUM = "〇零一二两三四五六七八九十百"
_KUAN = re.compile(rf"第([{_CN_NUM}\d]+)款")
_XIANG = re.compile(rf"第\s*[（(]?([{_CN_NUM}\d]+)[）)]?\s*项")
_CN_ITEM = re.compile(rf"(?:^|(?<=[：:；;。\n]))\s*[（(]([{_CN_NUM}]+)[）)]", re.MULTILINE)
_CN_ITEM_LINE = re.compile(rf"^\s*[（(][{_CN_NUM}]+[）)]|^\s*\d+[.．、]")
_EN_PARAGRAPH = re.compile(r"\bparagraph\s+(\d+)", re.IGNORECASE)
_EN_POINT = re.compile(r"\bpoint\s+\(?([a-z]+)\)?", re.IGNORECASE)
_EN_TOKEN = re.compile(r"\(([0-9]+|[a-z]+|[A-Z]+)\)")

# Line-start markers of English subdivisions, by style.
_STYLES = {
    "num": re.compile(r"^\s*(?:(\d+)\.\s|\((\d+)\))"),
    "lower": re.compile(r"^\s*(?:[-*]\s*)?\(([a-z])\)"),
    "upper": re.compile(r"^\s*(?:[-*]\s*)?\(([A-Z])\)"),
    "roman": re.compile(r"^\s*(?:[-*]\s*)?\(([ivxl]+)\)"),
}


def _int(token: str) -> int:
    return int(token) if token.isdigit() else cn_to_int(token)


def _lines(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """[start, end) of each line of text[lo:hi]."""
    out: list[tuple[int, int]] = []
    pos = lo
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl < 0 else nl
        out.append((pos, end))
        pos = end + 1
    return out


def _kuan(text: str, n: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The n-th 款: the n-th line that is not an item, with the item lines under it."""
    starts = [(s, e) for s, e in _lines(text, lo, hi) if text[s:e].strip() and not _CN_ITEM_LINE.match(text[s:e])]
    if not 1 <= n <= len(starts):
        return None
    start = starts[n - 1][0]
    end = starts[n][0] - 1 if n < len(starts) else hi
    return start, end


def _xiang(text: str, n: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The （n） item inside text[lo:hi], on its own line or inline after ：/；."""
    marks = [(m.start(), _int(m.group(1)), m) for m in _CN_ITEM.finditer(text, lo, hi)]
    for k, (_, value, m) in enumerate(marks):
        if value != n:
            continue
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end = marks[k + 1][0] if k + 1 < len(marks) else hi
        line_end = text.find("\n", start, end)
        # An inline item ends where the next begins; a line item ends at its line's end.
        return start, (line_end if line_end >= 0 else end)
    return None


def _chinese(text: str, ref: str) -> tuple[int, int] | None:
    lo, hi = 0, len(text)
    kuan, xiang = _KUAN.search(ref), _XIANG.search(ref)
    if kuan is None and xiang is None:
        return None
    if kuan is not None:
        found = _kuan(text, _int(kuan.group(1)), lo, hi)
        if found is None or xiang is None:
            return found
        lo, hi = found
    assert xiang is not None
    return _xiang(text, _int(xiang.group(1)), lo, hi)


def _value(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g is not None)


def _style(token: str, previous: str | None) -> str:
    if token.isdigit():
        return "num"
    if token.isupper():
        return "upper"
    if previous == "upper" and re.fullmatch(r"[ivxl]+", token):
        return "roman"
    return "lower"


def _english_tokens(ref: str) -> list[str]:
    tokens: list[str] = []
    if m := _EN_PARAGRAPH.search(ref):
        tokens.append(m.group(1))
    if m := _EN_POINT.search(ref):
        tokens.append(m.group(1))
    if not tokens:
        tokens = [m.group(1) for m in _EN_TOKEN.finditer(ref)]
    return tokens


def _markers(text: str, lo: int, hi: int, style: str) -> list[tuple[int, int, str]]:
    """(line start, line end, value) of the lines of text[lo:hi] opening with a marker of ``style``.

    "(i)" is a letter only right after "(h)" (likewise "(v)", "(x)", "(l)"); otherwise it is a
    roman sub-point, so it never cuts short the letter above it.
    """
    out: list[tuple[int, int, str]] = []
    last_letter = ""
    for s, e in _lines(text, lo, hi):
        line = text[s:e]
        letter = _STYLES["lower"].match(line)
        roman = letter is not None and letter.group(1) in "ivxl" and last_letter != chr(ord(letter.group(1)) - 1)
        if letter is not None and not roman:
            last_letter = letter.group(1)
        if style == "roman":
            m = _STYLES["roman"].match(line)
            if m and (roman or letter is None):
                out.append((s, e, _value(m)))
        elif style == "lower":
            if letter is not None and not roman:
                out.append((s, e, letter.group(1)))
        elif m := _STYLES[style].match(line):
            out.append((s, e, _value(m)))
    return out


def _english(text: str, ref: str) -> tuple[int, int] | None:
    tokens = _english_tokens(ref)
    if not tokens:
        return None
    lo, hi = 0, len(text)
    previous: str | None = None
    for token in tokens:
        style = _style(token, previous)
        hits = _markers(text, lo, hi, style)
        target = next((k for k, (_, _, value) in enumerate(hits) if value == token), None)
        if target is None and style == "lower" and re.fullmatch(r"[ivxl]+", token):
            style = "roman"  # "(i)" right under a paragraph
            hits = _markers(text, lo, hi, style)
            target = next((k for k, (_, _, value) in enumerate(hits) if value == token), None)
        if target is None:
            return None
        line_start = hits[target][0]
        start = line_start + len(text[line_start:hits[target][1]]) - len(text[line_start:hits[target][1]].lstrip())
        lo, hi = start, (hits[target + 1][0] - 1 if target + 1 < len(hits) else hi)
        previous = style
    return lo, hi


def subcite(article: str, ref: str) -> tuple[int, int] | None:
    """The ``[start, end)`` span of the part of ``article`` that ``ref`` names, or None.

    Args:
        article: the whole article's text as the unit holds it.
        ref: the sub-citation: ``"第二款"``, ``"第（一）项"``, ``"第三十九条第二款第（一）项"``,
            ``"paragraph 2"``, ``"point (a)"``, ``"(1)(a)"``, ``"§ 1798.105(c)(1)"``.

    Returns:
        The span inside ``article`` (trailing spaces excluded), or None when the article has no
        such part.
    """
    # "第十四条第（一）项": the article number itself is not part of the sub-citation.
    ref = re.sub(rf"^.*?第[{_CN_NUM}]+条", "", ref)
    ref = re.sub(r"^[^(]*?(?=\()", "", ref) if not re.search(r"[款项]|paragraph|point", ref, re.I) else ref
    found = _chinese(article, ref) if re.search(r"[款项]", ref) else _english(article, ref)
    if found is None:
        return None
    start, end = found
    while end > start and article[end - 1].isspace():
        end -= 1
    return start, end

