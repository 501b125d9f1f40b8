"""Chinese and Roman numerals: 一百零三 ↔ 103, XIV → 14."""

from __future__ import annotations

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERALS = "〇零一二两三四五六七八九十百千"
_CN_DIGIT_CHARS = "〇一二三四五六七八九"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def cn_to_int(s: str) -> int:
    """The value of a Chinese numeral: 一 → 1, 十一 → 11, 五十二 → 52, 一百零三 → 103, 两千 → 2000.

    Digit strings without units (二〇二一) read digit by digit.

    Raises:
        ValueError: if ``s`` is empty or contains anything but Chinese numerals.
    """
    s = s.strip()
    if not s or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if len(s) > 1 and not any(c in _CN_UNITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
            continue
        unit = _CN_UNITS[c]
        # "十二" has no leading digit: a bare unit means one of it.
        total += (1 if digit is None else digit) * unit
        digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """The Chinese numeral for ``0 <= n < 10000``: 11 → 十一, 52 → 五十二, 103 → 一百零三.

    Raises:
        ValueError: if ``n`` is out of range.
    """
    if not 0 <= n < 10000:
        raise ValueError(f"int_to_cn handles 0..9999, got {n}")
    if n == 0:
        return "零"
    digits = [(n // 1000) % 10, (n // 100) % 10, (n // 10) % 10, n % 10]
    units = ["千", "百", "十", ""]
    out: list[str] = []
    pending_zero = False
    for d, unit in zip(digits, units, strict=True):
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_CN_DIGIT_CHARS[d] + unit)
    text = "".join(out)
    # 10..19 are written 十, 十一 … not 一十一.
    return text[1:] if text.startswith("一十") else text


def roman_to_int(s: str) -> int:
    """A Roman numeral (either case, subtractive forms such as IV) as an int."""
    s = s.upper()
    total = 0
    for i, c in enumerate(s):
        value = _ROMAN[c]
        total += -value if i + 1 < len(s) and _ROMAN[s[i + 1]] > value else value
    return total


def letter_place(ch: str) -> int:
    """A letter's place in the alphabet, either case: "a" → 1, "B" → 2. Sections inserted after
    another are lettered (§ 552a, "5A", Subpart B), and a question names them the same way, so the
    parser and the reference reader number them with this one function."""
    return ord(ch.lower()) - ord("a") + 1


def to_int(token: str) -> int:
    token = token.strip()
    if token.isdigit():
        return int(token)
    if token and all(c in _ROMAN for c in token):
        return roman_to_int(token)
    return cn_to_int(token)
