"""The name an answer's sentence gives a document ("Article 30 (第三十条) of 《…》 states", "《…》「…」规定").

A document's title is what its heading says, else its file name. A file name is no name to quote
a law by: "of 《法律援助法(2021-08-20)》", "of eu-package-travel-2015-2302" (the directive's heading
runs to 230 characters, too long to read as a title line). Its metadata (front matter, heading,
the caller's ``rag meta --set title=…``) names it then: 《中华人民共和国法律援助法》, "Directive (EU)
2015/2302". An EU act's full title ("Directive (EU) 2015/2302 of the European Parliament and of the
Council of 25 November 2015 on package travel …, amending … and repealing …") is named by its
designation, as a sentence cites it.
"""

from __future__ import annotations

import re

from rag.records import Hit

# A file name: no spaces, and a date or version after the name ("法律援助法(2021-08-20)",
# "中华人民共和国统计法_20240913"), or words joined by hyphens / underscores ("eu-package-travel-2015-2302",
# "民法典-合同编").
_FILE_NAME = re.compile(r"[^\s]*(?:[(（_-]\d{4}|[A-Za-z0-9]_[A-Za-z0-9]|\w-\w)[^\s]*")
# Metadata that names a part, not the document ("Chapter III - High-Risk AI Systems", "第三章 …").
_PART = re.compile(r"^(?:chapter|part|title|section|annex)\b|^第[一二三四五六七八九十百零〇\d]+[编章节]",
                   re.IGNORECASE)
# An EU act's designation at the head of its full title.
_EU_ACT = re.compile(
    r"^(?:(?:Council|Commission)\s+)?(?:Directive|Regulation|Decision)\s+(?:\((?:EU|EC|EEC|Euratom)\)\s+)?"
    r"(?:No\s+)?\d{1,4}/\d{1,4}(?:/(?:EU|EC|EEC|Euratom))?(?=\s+of\s)",
    re.IGNORECASE,
)
# A title longer than this is named by its designation when it has one: the GDPR's "Regulation (EU)
# 2016/679 of the European Parliament and of the Council" (70) stays whole. Unmeasured.
LONG_TITLE_CHARS = 80


def cited_title(hit: Hit) -> str:
    """The document of ``hit`` as an answer's sentence names it."""
    title = hit.unit.title
    named = hit.meta.title.strip() if hit.meta is not None else ""
    if named and named != title and _FILE_NAME.fullmatch(title) and not _PART.match(named):
        title = named
    if len(title) > LONG_TITLE_CHARS:
        act = _EU_ACT.match(title)
        if act:
            return act.group(0)
    return title
