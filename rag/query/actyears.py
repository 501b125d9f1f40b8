"""The years a question names an act by: "the 1996 posting of workers directive", "按照1996年的派遣劳动者指令",
"the Directive of 15 May 2014". Such a year tells which act is asked of, not a time its clause must state
(rag.query.question reads the years that scope an answer without them), and names the one act of that year
(rag.query.docnames).

Example::

    act_years("Does the 1996 posting of workers directive apply to me?")  # {"1996"}
"""

from __future__ import annotations

import re

from rag.text import fold, has_han

# A year naming the act asked of ("the 1996 posting of workers directive", "按照1996年的派遣劳动者指令",
# "Directive of 15 May 2014") tells which act, not a time its clause must state: stop 71's ld-01 ("Does the
# 1996 posting of workers directive apply to me as part of the ship's crew?") was refused with Article 1
# first, for want of 1996 in it.
_ACT_YEAR_EN = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?!\d)(?=(?:\s+[A-Za-z'’-]+){0,6}?\s+(?:directive|regulation|act|law|convention)s?\b)"
    r"|\b(?:directive|regulation|act|law|convention)\s+(?:of|from)\s+(?:\d{1,2}\s+[A-Za-z]+\s+)?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ACT_YEAR_ZH = re.compile(
    r"((?:19|20)\d\d)\s*年(?:的|版的?|颁布的|出台的|通过的|制定的|修订的|修正的)?[\u4e00-\u9fff《》“”]{0,10}?"
    r"(?:指令|条例|公约|法律|法(?![院人定官]))"
)


def act_years(question: str) -> set[str]:
    """The years ``question`` names an act by (:data:`_ACT_YEAR_EN`, :data:`_ACT_YEAR_ZH`)."""
    pattern = _ACT_YEAR_ZH if has_han(question) else _ACT_YEAR_EN
    return {year for m in pattern.finditer(fold(question)) for year in m.groups() if year}
