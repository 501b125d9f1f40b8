"""Are a statute's articles whole units? Each "第N条" (or EUR-Lex's "Article N" line, a US code's or
regulation's "§ 552a. Title") a law's own lines open with, read by one plain pattern independent
of the parser, against the articles the parser made of it.

A law is parsed right when the article labels of its units (first passages only) are exactly the
labels its lines open with, in order: none lost to the article before it (民法典's 第一千一百六十四条,
seven numerals, was once not a heading and ran on inside the article before), none invented, none
out of order. Lines only: a "第三条规定的" inside a sentence is a reference, never counted. A
document with no such line (a notice numbered 一、, an amendment's list) has nothing to check.

Example::

    rag eval articles path/to/laws            # one line per law whose articles are not all whole units
    check(Path("侵权责任编.md"), Path("."))    # ArticleCheck(expected=95, parsed=95, problem="")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rag.ingest.clauses import parse
from rag.ingest.clean import clean
from rag.ingest.load import is_hidden, load_file
from rag.records import RawDocument

# A line opening with an article number, Markdown bold allowed: "第五条", "第十七条之一", the
# typeset slip "第七十五 条" (the parser reads it as the article it is), and Taiwan's "第 1 條".
_ARTICLE_LINE = re.compile(
    r"^\s*(?:\*\*)?(第\s*(?:[一二三四五六七八九十百千零〇]+|\d{1,4})"
    r"(?:\s+[条條]|[条條](?:之[一二三四五六七八九十]+)?(?:\*\*)?(?=[\s\u3000]|$)))"
)
# LawRefBook's metadata block ends here; lines above it are not the law's text.
_INFO_END = "<!-- INFO END -->"
SUFFIXES = (".md", ".txt", ".docx", ".pdf", ".html", ".htm")


@dataclass(frozen=True)
class ArticleCheck:
    """One law: how many article lines it has, how many article units the parser made, and the
    first difference ("" when they agree)."""

    path: str
    expected: int
    parsed: int
    problem: str = ""


# An English article heading as EUR-Lex writes it: "Article 5" on a line of its own (Markdown "#"
# allowed); a line opening "Article 5 of this Regulation…" is running text.
_ARTICLE_LINE_EN = re.compile(r"^\s*(?:#+\s*)?(Article\s+\d+)\s*$")
# A section of a US code or regulation: "§ 382.17 May carriers…?", "§ 552a. Records maintained…" —
# the section sign, its number and a capitalised title; "§ 5 of this title" is running text.
_SECTION_LINE_EN = re.compile(r"^\s*(?:#+\s*)?(§\s*\d+(?:\.\d+)*[a-z]{0,2})\.?\s+[A-Z]")


def expected_articles(text: str) -> list[str]:
    """The article labels ``text``'s lines open with, in order, spaces removed."""
    body = text.split(_INFO_END, 1)[-1]
    return [
        re.sub(r"\s+", "", m.group(1)) for line in body.splitlines()
        if (m := _ARTICLE_LINE.match(line) or _ARTICLE_LINE_EN.match(line) or _SECTION_LINE_EN.match(line))
    ]


def parsed_articles(raw: RawDocument) -> list[str]:
    """The labels of the article units the parser makes of ``raw`` (first passages only)."""
    units = parse(clean(raw)).units
    return [re.sub(r"\s+", "", u.label) for u in units if u.part == 0 and u.kind == "article"]


def check(path: Path, root: Path) -> ArticleCheck:
    """Compare ``path``'s article lines (its text as loaded: a Word file's paragraphs, a PDF's
    text layer) with its parsed article units; ``expected`` 0 when it has none."""
    raw = load_file(path, root=root)
    expected = expected_articles(raw.text)
    parsed = parsed_articles(raw) if expected else []
    name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    return ArticleCheck(name, len(expected), len(parsed), _first_difference(expected, parsed))


def _first_difference(expected: Sequence[str], parsed: Sequence[str]) -> str:
    if list(expected) == list(parsed):
        return ""
    for k, (want, got) in enumerate(zip(expected, parsed, strict=False)):
        if want != got:
            before = expected[k - 1] if k else "the start"
            return f"after {before}: the text has {want}, the parser made {got}"
    longer, which = (expected, "the parser lost") if len(expected) > len(parsed) else (parsed, "the parser added")
    return f"{which} {longer[min(len(expected), len(parsed))]} and {abs(len(expected) - len(parsed)) - 1} more"


def laws(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) for every file of a readable format under ``paths``."""
    for top in paths:
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        root = top.parent if top.is_file() else top
        for path in files:
            if path.suffix.lower() not in SUFFIXES or any(is_hidden(part) for part in path.relative_to(root).parts):
                continue
            yield path, root
