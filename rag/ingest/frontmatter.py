"""Front matter and signature: the lines a document says about itself, which are never clauses.

Read from the cleaned lines of a document (one paragraph per line):

* LawRefBook's block before ``<!-- INFO END -->`` (title, adoption and amendment history);
* a title line followed by a promulgation note (``（2021年1月15日国务院令第735号公布，自2021年5月1日
  起施行）``), dated 通过/公布/施行 lines, a 文号 line (``（国办发〔2023〕17号）``) and an addressee
  line (``各省、自治区、直辖市人民政府，…：``);
* a repository's ``**Training Note:**`` and horizontal rules above an English text;
* the signature at the end of a notice: the issuing body and the date on lines of their own.

Those lines stay in ``Document.text`` (it is the display text) but :func:`front_matter` names
them, so the parser leaves them out of every unit and :class:`~rag.records.DocumentMeta` carries
what they say. Example::

    fm = front_matter(["# 工伤保险条例", "2003年4月27日 中华人民共和国国务院令第375号公布",
                       "<!-- INFO END -->", "## 第一章 总则", "第一条 为了…"])
    fm.skip            # frozenset({0, 1, 2})
    fm.meta.doc_number  # '中华人民共和国国务院令第375号'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.ingest.dockind import document_kind, document_status
from rag.ingest.grammar import match_heading
from rag.records import DocumentMeta
from rag.text import HAN_CLASS

INFO_END = "<!-- INFO END -->"
# LawRefBook's block is a title and a few history lines; an INFO END further down is no header.
_INFO_REACH = 40  # lines (unmeasured; the longest block in evals/corpora has 5 lines before it)
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_DATE_AT = re.compile(_DATE)
_ACT = r"通过|公布|发布|施行|修订|修正|印发"
_DATED = re.compile(rf"^[（(]?\s*自?\s*{_DATE}.*(?:{_ACT})")
_BRACKETED_NOTE = re.compile(rf"^[（(][^（）()]*{_DATE}[^（）()]*(?:{_ACT})[^（）()]*[）)]$")
_DOC_NUMBER = re.compile(
    rf"[{HAN_CLASS}]{{1,10}}[〔\[［(（]\s*\d{{4}}\s*[〕\]］)）]\s*\d{{1,4}}\s*号"
    r"|(?:中华人民共和国)?(?:国务院|主席)令\s*第\s*[\d一二三四五六七八九十百零]+\s*号"
)
_DOC_NUMBER_LINE = re.compile(rf"^[（(]?\s*(?:{_DOC_NUMBER.pattern})\s*[）)]?$")
_ADDRESSEE = re.compile(r"^各[^。；]{2,120}[：:]$")
_SIGN_DATE = re.compile(rf"^{_DATE}$")
_PUBLIC = re.compile(r"^[（(]此件[^（）()]{0,12}[）)]$")
_EDITOR_NOTE = re.compile(r"^\*{0,2}(?:Training|Editor'?s?|Study)\s+Notes?\s*:?\*{0,2}\s*:?", re.IGNORECASE)
_CONTENTS = re.compile(r"^目\s*录$")
# Headings listed with no "目录" line are contents only when two or more come before the first
# repeats: one heading repeated is a duplicated line, which the parser reports (unmeasured).
_UNNAMED_CONTENTS = 2
_TITLE_LINES_ABOVE_CONTENTS = 2  # "北京市国民经济和社会发展计划" / "审查监督条例" (unmeasured)
_PART_NUMBER = r"第[一二三四五六七八九十百零〇\d]+[编章节]"
_LISTED_ON_ONE_LINE = re.compile(rf"^(?:#+\s*)?{_PART_NUMBER}[^。；;，,]*?\s{_PART_NUMBER}[^。；;，,]*\s{_PART_NUMBER}")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_MD1 = re.compile(r"^#\s+(\S.*)$")
_SHORT_SIGNATURE = 30  # characters: an issuing body's name on its own line (unmeasured)
# A document title is at most 100 characters, a dated history line at most 200 (both unmeasured).
_TITLE_CHARS, _HISTORY_CHARS = 100, 200
_EFFECTIVE = re.compile(rf"({_DATE})\s*(?:起)?\s*施行")
_ISSUED = re.compile(rf"({_DATE})[^。；]*?(?:公布|发布|通过|印发)")
# A statute's short-title clause: 'This measure shall be known and may be cited as "The California
# Privacy Rights Act of 2020."' — the document saying its own title.
_SHORT_TITLE = re.compile(r"\b(?:cited|known)\s+as\s+[\"“]\s*(?:the\s+)?([^\"”]{3,100}?)[.,]?\s*[\"”]", re.I)
_SHORT_TITLE_REACH = 10  # lines (unmeasured; CPRA says it in its first paragraph)
_ISSUER_IN_NOTE = re.compile(r"(全国人民代表大会(?:常务委员会)?|国务院办公厅|国务院)")


@dataclass(frozen=True)
class FrontMatter:
    """The document's metadata and the indices of the lines it was read from."""

    meta: DocumentMeta
    skip: frozenset[int]


def _is_title(text: str) -> bool:
    return bool(_MD1.match(text)) or (
        len(text) <= _TITLE_CHARS and not re.search(r"[。；;，,：:]$", text) and match_heading(text) is None
    )


def _head(lines: Sequence[str]) -> tuple[set[int], list[int]]:
    """The front-matter lines at the top and the indices of lines that are notes."""
    skip: set[int] = set()
    notes: list[int] = []
    reach = min(len(lines), _INFO_REACH)
    info = next((i for i in range(reach) if lines[i].strip() == INFO_END), -1)
    if info >= 0:
        title_seen = False
        for i in range(info + 1):
            if _MD1.match(lines[i]) and title_seen:
                continue  # "# 合同编": a book of the code, a path level, not front matter
            title_seen = title_seen or bool(_MD1.match(lines[i]))
            skip.add(i)
            if i and lines[i] != INFO_END and not _MD1.match(lines[i]):
                notes.append(i)
        return skip | _contents(lines, info + 1), notes
    i = 0
    # A title counts as front matter only when what follows proves it: a note, a 文号, a date.
    if lines and _is_title(lines[0]) and (
        _MD1.match(lines[0]) or (len(lines) > 1 and (_front_line(lines[1]) or _opens_statute(lines[1])))
    ):
        skip.add(0)
        i = 1
    while i < len(lines) and (_front_line(lines[i]) or (skip and _RULE.match(lines[i]))):
        skip.add(i)
        if not _RULE.match(lines[i]):
            notes.append(i)
        i += 1
    skip |= _contents(lines, i)
    return skip, notes


def _contents(lines: Sequence[str], i: int) -> set[int]:
    """A table of contents at line ``i``: 编/章/节 headings with nothing between them until the first
    comes back, under a "目录" line or, when there are at least two entries, with no line naming it
    (LawRefBook lists 北京市献血条例's six chapters so, right after its header). The title may be
    repeated above it on a line or two of its own; a list on one line ("## 第一章 总则 第二章 任免范围
    …") is contents too."""
    k = i
    while k < len(lines) and k - i < _TITLE_LINES_ABOVE_CONTENTS and _is_title(lines[k]) and not (
        _CONTENTS.match(lines[k]) or _MD1.match(lines[k])
    ):
        k += 1
    if k >= len(lines):
        return set()
    if _LISTED_ON_ONE_LINE.search(lines[k]) and _is_part_heading(lines[k]):
        return set(range(i, k + 1))
    named = bool(_CONTENTS.match(lines[k]))
    entries: list[str] = []
    k = k + 1 if named else k
    while k < len(lines) and _is_part_heading(lines[k]):
        compact = re.sub(r"\s+", "", lines[k])
        if entries and compact == entries[0]:
            if named or len(entries) >= _UNNAMED_CONTENTS:
                return set(range(i, k))  # the body starts where the first entry comes back
            break
        entries.append(compact)
        k += 1
    return set()


def _is_part_heading(text: str) -> bool:
    m = match_heading(text)
    return m is not None and (m.family in ("part", "chapter", "section") or m.family.startswith("md"))


def _opens_statute(text: str) -> bool:
    """ "第一章 总则", "CHAPTER I", "第一条 …", "Article 1": a statute's body starts here."""
    m = match_heading(text)
    return m is not None and m.family in (
        "part", "chapter", "article", "en_part", "en_title", "en_chapter", "en_article"
    )


def _front_line(text: str) -> bool:
    return bool(
        _BRACKETED_NOTE.match(text) or _DOC_NUMBER_LINE.match(text) or _ADDRESSEE.match(text)
        or _EDITOR_NOTE.match(text) or (_DATED.match(text) and len(text) <= _HISTORY_CHARS)
    )


def _tail(lines: Sequence[str], head: set[int]) -> tuple[set[int], str, str]:
    """Signature lines at the end: (indices, issuer, date)."""
    skip: set[int] = set()
    issuer = date = ""
    i = len(lines) - 1
    while i >= 0 and i not in head and _PUBLIC.match(lines[i]):
        skip.add(i)
        i -= 1
    if i >= 1 and i not in head and _SIGN_DATE.match(lines[i]):
        skip.add(i)
        date = lines[i]
        above = lines[i - 1]
        if (i - 1 not in head and len(above) <= _SHORT_SIGNATURE and match_heading(above) is None
                and not re.search(r"[。；;，,：:！？]", above)):
            skip.add(i - 1)
            issuer = above
    return skip, issuer, date


def _short_title(lines: Sequence[str]) -> str:
    for line in lines[:_SHORT_TITLE_REACH]:
        m = _SHORT_TITLE.search(line)
        if m:
            return m.group(1).strip()
    return ""


def front_matter(lines: Sequence[str], fallback_title: str = "") -> FrontMatter:
    """The front matter and signature of a document given as its cleaned, non-empty lines.

    Args:
        lines: the document's lines, stripped, blank lines left out (the parser's lines).
        fallback_title: the title to use when the text names none (the file's title).

    Returns:
        The metadata read from those lines and the indices of the lines to leave out of units.
    """
    head, note_lines = _head(lines)
    tail, issuer, signed = _tail(lines, head)
    front = [lines[i] for i in sorted(head)]
    title = ""
    if head and 0 in head:
        md = _MD1.match(lines[0])
        title = md.group(1).strip() if md else lines[0].strip()
    if not title:
        title = _short_title(lines)
    joined = "\n".join(front)
    number = _DOC_NUMBER.search(joined)
    effective = _EFFECTIVE.search(joined)
    issued = _ISSUED.search(joined)
    issued_at = issued.group(1) if issued else signed or (m.group(0) if (m := _DATE_AT.search(joined)) else "")
    body_issuer = _ISSUER_IN_NOTE.search(joined)
    meta = DocumentMeta(
        title=title or fallback_title,
        issuer=issuer or (body_issuer.group(1) if body_issuer else ""),
        doc_number=re.sub(r"\s+", "", number.group(0)) if number else "",
        issued=re.sub(r"\s+", "", issued_at),
        effective=re.sub(r"\s+", "", effective.group(1)) if effective else "",
        status=document_status(front),
        kind=document_kind(title or fallback_title, lines, numbered=number is not None),
        notes=tuple(lines[i] for i in note_lines),
    )
    return FrontMatter(meta, frozenset(head | tail))
