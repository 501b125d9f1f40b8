"""Clauses that amend another act, and questions about amending.

An EU act ends with articles amending other acts ("Article 22 Amendments to Regulation (EU)
2017/2394 and Directive 2009/22/EC"): each quotes the act's full title into the other act, so it
shares the words of every question naming the act ("these EU sale-of-goods rules") and answers
none of them. The retriever lowers such a clause (``RetrievalOptions.amending_penalty``) unless
the question asks about amending. A repeal ("Repeal of Directive 1999/44/EC") is no amendment: it
says when the old act stops applying, which is asked.

Example::

    amends_other("Amendments to Regulation (EU) 2017/2394 and Directive 2009/22/EC")  # True
    amends_other("Repeal of Directive 1999/44/EC")  # False
    asks_amendment("Which acts does the directive amend?")  # True
"""

from __future__ import annotations

import re

# A clause's title naming the amendment of another act: "Amendment to Directive 93/13/EEC",
# "Amendments to Regulation (EU) No 1093/2010", "Amendment of Regulation (EC) No 2006/2004 …";
# Chinese "关于修改《…》的决定" / "对《…》作如下修改".
_AMENDS = re.compile(r"^(?:amendments?\s+(?:to|of)\b|关于修改|对《[^》]+》(?:作|做)(?:如下|出)?修改)", re.IGNORECASE)
_ASKS = re.compile(r"\bamend\w*|修改|修正", re.IGNORECASE)


def amends_other(title: str) -> bool:
    """Does a clause titled ``title`` amend another act?"""
    return bool(_AMENDS.match(title.strip()))


def asks_amendment(question: str) -> bool:
    """Does ``question`` ask about amending an act?"""
    return bool(_ASKS.search(question))
