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
