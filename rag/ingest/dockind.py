"""What kind of document this is, and whether it says it is no longer current.

The kind is taken from where the document says it, in this order:

1. its **title** names the instrument (``…法``/``…法典``/``… Act`` → law; ``…条例``/``…办法``/
   ``… Regulation`` → regulation; ``…意见``/``…通知``/``…方案`` → policy);
2. a **文号** (``国办发〔2023〕17号``) in the front matter → policy (a numbered notice);
3. **articles** (two or more ``第X条`` / ``Article N`` / ``Section 1798.100`` headings) → law, or
   regulation when the text calls itself ``本条例`` / ``this Regulation``;
4. **clauses numbered through** (``（一）`` … never restarting, at least ``MIN_NUMBERED``) → policy:
   a plan or notice numbers its clauses through; a paper or a news report restarts ``（一）`` in
   every section;
5. otherwise prose → commentary (news, paper, speech).

The status is read from the front matter only (``已废止``, ``已失效`` → repealed; ``已被修订``,
``修订前`` → amended); a text that does not say is left ``""`` (not stated), never presumed in
force. An administrator sets either in the metadata sidecar (:mod:`rag.index.metafile`).

Example::

    document_kind("工伤保险条例(2010-12-20)", lines, numbered=False)   # "regulation"
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from rag.ingest.grammar import match_heading
from rag.text import has_han

# Measured on every file of documents/ and evals/corpora/ (tests/test_dockind.py): the plan
# numbers 52 clauses through; the paper and the Henan report restart （一） after 3–6.
MIN_NUMBERED = 3
# Lines looked at for headings; the longest front matter plus the first chapters (unmeasured).
_SCAN_LINES = 400

# Regulation before law: "…管理办法" ends in 法 too.
# An EU act names its kind first: "REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT …",
# "Regulation (EC) No 261/2004 — air passenger rights", "Commission Implementing Regulation (EU) …".
_EU_ACT = r"^(?:Commission\s+(?:Implementing\s+|Delegated\s+)?)?(?:Regulation|Directive)\s*\((?:EU|EC|EEC|Euratom)\)"
# The official English of a Chinese instrument names its kind first too: "Regulations on the
# Administration of Housing Provident Fund", "Interim Measures for …", "Labour Law of the People's
# Republic of China", "Guiding Opinions on …".
_EN_REGULATION_FIRST = (
    r"^(?:(?:Interim|Provisional|Detailed|Implementing)\s+)?(?:Regulations|Provisions|Measures|Rules)"
    r"\s+(?:on|for|of|governing|concerning)\b"
)
_EN_LAW_OF = r"\b(?:Law|Code)\s+of\s+the\s+People'?s\s+Republic\s+of\s+China\b"
_EN_POLICY_FIRST = r"^(?:(?:Guiding\s+)?Opinions|Notice|Circular|Plan|Outline)\s+(?:of|on|for)\b"
_TITLE_KINDS = (
    (re.compile(rf"(?:条例|办法|规定|细则|规则)$|\bRegulations?$|\bDirective$|\bRules$|{_EU_ACT}|{_EN_REGULATION_FIRST}",
                re.I), "regulation"),
    (re.compile(rf"(?:法|法典)$|\bAct(?: of \d{{4}})?$|\bCode$|\bLaw$|{_EN_LAW_OF}", re.I), "law"),
    (re.compile(rf"(?:意见|通知|方案|决定|规划|纲要|指导意见|公告|通告|指引|指南)$|{_EN_POLICY_FIRST}"), "policy"),
)
_ARTICLE_FAMILIES = ("article", "en_article", "code_section", "bare_section")
_CALLS_ITSELF_REGULATION = re.compile(r"本条例|\bthis Regulation\b", re.I)
# Lines searched for "本条例" / "this Regulation": the first articles say what the text is (unmeasured).
_SELF_NAME_LINES = 200
_REPEALED = re.compile(r"已废止|已失效|现已失效|废止日期|\brepealed\b", re.I)
_AMENDED = re.compile(r"已被修订|已被修正|已被修改|修订前|修正前|\b(?:superseded|as amended by)\b", re.I)


def bare_title(title: str) -> str:
    """The title without a trailing date or note in brackets: "工伤保险条例(2010-12-20)" → "工伤保险条例"."""
    out = title.strip()
    while True:
        stripped = re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", out).strip(" 》\"'”“.。")
        if stripped == out or not stripped:
            return out
        out = stripped


def title_kind(title: str) -> str:
    """The kind the title names, or "" when it names none ("… Regulations 2012", "… Rules (No. 2)
    1985": an English instrument's year and number follow its kind)."""
    bare = bare_title(title)
    for name in (bare, bare_title(_TRAILING_YEAR.sub("", bare))):
        for pattern, kind in _TITLE_KINDS:
            if pattern.search(name):
                return kind
    return ""


_TRAILING_YEAR = re.compile(r"[,\s]+(?:19|20)\d\d$")


def structure_kind(lines: Sequence[str]) -> str:
    """law | regulation | policy from the headings of ``lines``, or "" for prose."""
    heads = [m for line in lines[:_SCAN_LINES] if (m := match_heading(line)) is not None]
    # "1 Introduction" over "1.1 Scope" numbers a report's chapters, not an Act's sections.
    decimals = any(m.family.startswith("decimal") for m in heads)
    articles = sum(
        (m.family in _ARTICLE_FAMILIES and not (decimals and m.family == "bare_section"))
        or m.family.startswith("en_section") for m in heads
    )
    if articles >= 2:
        joined = "\n".join(lines[:_SELF_NAME_LINES])
        return "regulation" if _CALLS_ITSELF_REGULATION.search(joined) else "law"
    numbers = [m.number[0] for m in heads if m.family == "paren_cn"]
    through = all(b > a for a, b in itertools.pairwise(numbers))
    if len(numbers) >= MIN_NUMBERED and through:
        return "policy"
    return ""


def document_kind(title: str, lines: Sequence[str], *, numbered: bool) -> str:
    """law | regulation | policy | commentary | unknown; see the module docstring.

    Args:
        title: the document's title (its own, or the file's when it names none).
        lines: the cleaned, non-empty lines of the document.
        numbered: the front matter carries a 文号.
    """
    if not lines:
        return "unknown"
    named = title_kind(title) or _heading_kind(lines[0])
    if named:
        return named
    if numbered:
        return "policy"
    return structure_kind(lines) or "commentary"


def _heading_kind(first: str) -> str:
    """The kind an English text's first line names when it is a title ("The Consumer Rights (Payment
    Surcharges) Regulations 2012" over a file named ``uk-surcharges.txt``). A Chinese first line
    is left to the title: a news report's headline may name the plan it reports on."""
    if has_han(first) or re.search(r"[.;:,!?]$", first.strip()) or match_heading(first) is not None:
        return ""
    return title_kind(first.lstrip("# ").strip())


def document_status(front: Sequence[str]) -> str:
    """repealed | amended from what the front-matter lines say, else "" (not stated)."""
    joined = "\n".join(front)
    if _REPEALED.search(joined):
        return "repealed"
    if _AMENDED.search(joined):
        return "amended"
    return ""
