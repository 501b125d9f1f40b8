"""Every development corpus file and every seed: the legislative structure comes out exact.

The expectation is derived from the raw text itself, never from the parser: article starts are
the lines that begin with 第X条 (``^\\s*第[一二三四五六七八九十百零]+条``), ``### Article N`` or a
bare Civil Code section number (``1798.105``). For each, the test asserts one unit group with
exactly that label, the article's whole raw text (lead-in and items) inside it, no text lost
between units (every line is in a unit, in a path, or in the front matter) and no front matter
quoted as a clause.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest

from rag.ingest.clauses import parse
from rag.ingest.clean import clean
from rag.ingest.frontmatter import front_matter
from rag.ingest.load import load_file
from rag.ingest.structure import split_lines
from rag.records import Document, ParseResult, RawDocument

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for p in (ROOT / "evals" / "corpora").rglob("*") if p.suffix in (".md", ".txt", ".pdf"))
SEEDS = sorted((ROOT / "documents").glob("*.txt"))
ZH_ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零]+条)")
EN_ARTICLE = re.compile(r"^#+\s*Article\s+(\d+)\s*$")
CIVIL_CODE = re.compile(r"^\*?(1798\.\d+(?:\.\d+)?)\.?\*?\s*$")
# A raw article ends at the next heading of any kind.
HEADING = re.compile(r"^\s*(?:#|第[一二三四五六七八九十百零]+(?:章|节|编|分编)|\*?SEC\.|\*?SECTION|\*Section 1798)")


def key(text: str) -> str:
    """Letters and digits only, struck text dropped: what must survive cleaning and parsing."""
    text = re.sub(r"~~.*?~~", "", unicodedata.normalize("NFKC", text), flags=re.S)
    return "".join(c for c in text if c.isalnum()).casefold()


def expected(raw: str) -> list[tuple[str, str]]:
    """(label, raw text) of every article start found by the line-start patterns."""
    lines = raw.split("\n")
    starts: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        for pattern, form in ((ZH_ARTICLE, "{}"), (EN_ARTICLE, "Article {}"), (CIVIL_CODE, "Section {}")):
            if m := pattern.match(line):
                starts.append((i, form.format(m.group(1))))
    out = []
    for k, (i, label) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = [lines[i]]
        for line in lines[i + 1:end]:
            if HEADING.match(line):
                break
            body.append(line)
        out.append((label, "\n".join(body)))
    return out


@functools.cache
def loaded(path: Path) -> tuple[RawDocument, Document, ParseResult]:
    raw = load_file(path)
    doc = clean(raw)
    return raw, doc, parse(doc, max_chars=400, overlap=80)


def groups(result: ParseResult, doc: Document) -> list[tuple[str, str, tuple[int, int]]]:
    """(label, text, span) per clause: the passages of one clause merged back."""
    merged: dict[int, list[object]] = {}
    for u in result.units:
        g = merged.setdefault(u.ordinal, [u.label, u.span[0], u.span[1]])
        g[2] = max(int(str(g[2])), u.span[1])
    return [(str(lab), doc.text[int(str(s)):int(str(e))], (int(str(s)), int(str(e))))
            for lab, s, e in merged.values()]


IDS = [p.name for p in FILES + SEEDS]


@pytest.mark.parametrize("path", FILES + SEEDS, ids=IDS)
def test_every_article_is_one_whole_unit_under_its_own_label(path: Path) -> None:
    raw, doc, result = loaded(path)
    articles = expected(raw.text)
    found = groups(result, doc)
    for label, body in articles:
        mine = [text for lab, text, _ in found if lab == label]
        assert len(mine) == 1, f"{label}: {len(mine)} units"
        assert key(body) in key(mine[0]), f"{label} is not whole in its unit"
    if articles:
        labels = [lab for lab, _, _ in found if lab in {a for a, _ in articles}]
        assert labels == [a for a, _ in articles]  # in order, none merged, none extra


@pytest.mark.parametrize("path", FILES + SEEDS, ids=IDS)
def test_no_text_is_lost_between_units_and_no_front_matter_is_quoted(path: Path) -> None:
    _, doc, result = loaded(path)
    lines = split_lines(doc.text)
    skip = front_matter([line.text for line in lines], doc.title).skip
    covered = [span for _, _, span in groups(result, doc)]
    paths = key(" ".join(" ".join(u.path) for u in result.units))

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in covered)

    for k, line in enumerate(lines):
        if k in skip:
            assert not any(s < line.end and line.start < e for s, e in covered), f"front matter quoted: {line.text}"
        elif not inside(line.start, line.end):
            # Only a bare heading (its words live in its children's paths) or the title may stand apart.
            assert key(line.text) in paths or k == 0, f"lost: {line.text[:60]}"
    for u in result.units:
        assert "INFO END" not in u.text and "Training Note" not in u.text


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_statutes_have_articles_and_metadata(path: Path) -> None:
    _, doc, result = loaded(path)
    if doc.meta.kind in ("law", "regulation"):
        assert any(u.kind == "article" for u in result.units)
        assert doc.meta.title


def test_the_pdf_law_has_its_107_articles() -> None:
    (pdf,) = [p for p in FILES if p.suffix == ".pdf"]
    _, doc, result = loaded(pdf)
    labels = [u.label for u in result.units if u.part == 0 and u.kind == "article"]
    assert len(labels) == 107 and labels[0] == "第一条" and labels[-1] == "第一百零七条"
    assert doc.meta.effective == "1995年1月1日"
