"""Which level of government a Chinese question asks about, and whether a rule's government is of it.

Chinese laws give a duty or a power to a level of government: "省级以上人民政府应当建立种子储备制度"
binds the provinces and the State, not a county. "县政府也必须建立自己的种子储备制度，是这样吗？" is not
decided "是" by it (粮食安全保障法 第十九条; stop 74's trap pz74-03 opened "是"). Read by
:mod:`rag.answer.verdict`: no 是/否 when every government the deciding part names is of levels that
leave out the one the question asks about.

Example::

    asked_level("县政府必须建立种子储备制度吗？")   # 2 (a county)
    covers_asked_level("县政府必须建立种子储备制度吗？", "省级以上人民政府")   # False
"""

from __future__ import annotations

import re

# The levels, lowest first.
TOWNSHIP, COUNTY, CITY, PROVINCE, STATE = 1, 2, 3, 4, 5
_LOCAL = frozenset({TOWNSHIP, COUNTY, CITY, PROVINCE})

# The level a question names a government by ("县政府", "县里的政府", "市人民政府", "乡镇政府"). A
# department of a level ("县农业农村局") is no government: what it may do is not what the rule gives the
# government.
_ASKED = (
    (re.compile(r"(?:乡镇|乡|镇)(?:里的?)?(?:人民)?政府|街道办"), TOWNSHIP),
    (re.compile(r"(?:县级?|区县|县区|县里的?)(?:人民)?政府"), COUNTY),
    (re.compile(r"(?:地级市|设区的市|市级?|市里的?)(?:人民)?政府"), CITY),
    (re.compile(r"(?:省级?|省里的?|自治区)(?:人民)?政府"), PROVINCE),
)

# The governments a rule names and the levels each is of, the widest reading first ("县级以上地方人民政府"
# before "人民政府" alone). 各级 and a government named with no level are of every level.
_STATED = (
    (re.compile(r"(?:地方)?各级(?:地方)?人民政府"), _LOCAL),
    (re.compile(r"县级以上(?:地方)?(?:各级)?人民政府"), frozenset({COUNTY, CITY, PROVINCE})),
    (re.compile(r"(?:设区的市|地级|市)级?以上(?:地方)?(?:各级)?人民政府"), frozenset({CITY, PROVINCE})),
    (re.compile(r"省级以上(?:地方)?(?:各级)?人民政府|省、自治区、直辖市以上人民政府"), frozenset({PROVINCE, STATE})),
    (re.compile(r"省、自治区、直辖市人民政府|省级(?:地方)?人民政府|省人民政府"), frozenset({PROVINCE})),
    (re.compile(r"设区的市(?:级)?人民政府|地级市人民政府|市级人民政府"), frozenset({CITY})),
    (re.compile(r"县级(?:地方)?人民政府|县(?:、自治县)?人民政府"), frozenset({COUNTY})),
    (re.compile(r"乡镇人民政府|乡、镇人民政府|乡级人民政府"), frozenset({TOWNSHIP})),
    (re.compile(r"国务院"), frozenset({STATE})),
)


def asked_level(question: str) -> int | None:
    """The one level of government ``question`` names a government by; None when it names none or
    several (a comparison of levels asks no one of them)."""
    found = {level for pattern, level in _ASKED if pattern.search(question)}
    return found.pop() if len(found) == 1 else None


def stated_levels(text: str) -> frozenset[int] | None:
    """The levels of the governments ``text`` names (each read once, its widest form first); None when
    it names none."""
    levels: set[int] = set()
    rest = text
    for pattern, covered in _STATED:
        if pattern.search(rest):
            levels |= covered
            rest = pattern.sub("", rest)
    return frozenset(levels) if levels else None


def covers_asked_level(question: str, before: str, upto: str = "") -> bool:
    """Is the level of government ``question`` asks about among those a rule binds: the governments
    ``before`` its deciding word names, else those of the sentence ``upto`` the end of its deciding part?
    True when the question or the rule names none."""
    asked = asked_level(question)
    if asked is None:
        return True
    stated = stated_levels(before) or stated_levels(upto)
    return stated is None or asked in stated
