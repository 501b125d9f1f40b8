"""The earlier question a follow-up carries for retrieval (ui/followup.py): "那县城呢？（接上文：…）",
"And for a small company? (following: …)". Its own words come first; the carried question after them
only completes what they leave out.

Example::

    without_context("那国家那部献血法呢？（接上文：北京的献血条例从哪天开始施行？）")  # "那国家那部献血法呢？"
"""

from __future__ import annotations

import re

_CONTEXT = re.compile(r"\s*[（(](?:接上文|following)[：:].*[）)]\s*$", re.S)


def without_context(question: str) -> str:
    """``question`` without the earlier question a follow-up carries ("（接上文：…）"): its own words."""
    return _CONTEXT.sub("", question).strip()


# A follow-up the chat completes with the question before (ui/followup.py): "那县城呢？" → "关于县城：…",
# "And for a small company?" → "Regarding a small company: …". X is what it asks of.
_TOPIC_ZH = re.compile(r"^\s*关于([^：:]{1,40})[：:]")
FOLLOW_UP_EN = re.compile(r"\s*Regarding\s+(.+?):", re.I)


# A follow-up asking in its own words of X: "那上市公司的数量呢，…？", "至于捐钱的公司呢，…". A condition
# ("那如果…呢") is no thing asked of.
FOLLOW_UP_LEAD_ZH = re.compile(
    r"^\s*(?:那么|那|至于)\s*(?!如果|要是|假如|万一)([^，,。？?！!：:（(]{2,20}?)(?:的情况)?呢"
)


def follow_up_topic(question: str) -> str | None:
    """What a completed follow-up asks of ("县城" of "关于县城：<the question before>"), else None."""
    m = _TOPIC_ZH.match(question) or FOLLOW_UP_EN.match(question)
    return m.group(1).strip() if m else None
