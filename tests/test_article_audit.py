"""Every article of a real law is one unit: 民法典's four-digit numbers, 刑法's inserted 条之一,
a judicial interpretation's ``## 一、`` parts over its articles (excerpts of LawRefBook/Laws in
tests/data/laws, listed in evals/README.md), and ``rag eval articles`` that checks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import evals.articles
from evals.articles import check, expected_articles
from evals.cli import eval_group
from rag.ingest.clauses import parse
from rag.ingest.clean import clean
from rag.ingest.load import load_file
from rag.query.refs import lookup, parse_refs
from rag.records import RawDocument, Unit

LAWS = Path(__file__).parent / "data" / "laws"


@pytest.mark.parametrize(("name", "articles", "first", "last"), [
    ("侵权责任编-第一章.md", 15, "第一千一百六十四条", "第一千一百七十八条"),
    ("刑法-第十六条至第二十一条.md", 7, "第十六条", "第二十一条"),
    ("融资租赁合同解释-一至三.md", 7, "第一条", "第七条"),
    # Taiwan's law in traditional script: "第 1 條" was no heading (stop 33: 0 of 4 articles; its
    # items "一、…" were units of their own, their lead-ins lost).
    ("個人資料保護法-摘錄.txt", 4, "第1條", "第15條"),
])
def test_every_article_line_of_a_real_law_is_one_unit(name: str, articles: int, first: str, last: str) -> None:
    result = check(LAWS / name, LAWS)
    assert (result.expected, result.parsed, result.problem) == (articles, articles, "")
    labels = expected_articles((LAWS / name).read_text("utf-8"))
    assert (labels[0], labels[-1]) == (first, last)
    # No article numbering warning: 第十七条之一 → 第十八条 runs on, as 1.2.3 → 1.3 does. (The 刑法
    # excerpt starts at 第二章, a chapter gap of the excerpt's making.)
    warnings = parse(clean(load_file(LAWS / name, root=LAWS))).warnings
    assert [w for w in warnings if "at level 第一条" in w] == []


def _units(name: str) -> dict[str, Unit]:
    units = parse(clean(load_file(LAWS / name, root=LAWS))).units
    return {u.label: u for u in units if u.part == 0}


def test_an_inserted_article_is_its_own_unit_between_its_neighbours() -> None:
    units = _units("刑法-第十六条至第二十一条.md")
    inserted = units["第十七条之一"]
    assert inserted.text.startswith("第十七条之一 已满七十五周岁的人故意犯罪的")
    assert "七十五周岁" not in units["第十七条"].text
    found = lookup(parse_refs("刑法第十七条之一讲什么？"), list(units.values()))
    assert [u.label for u in found] == ["第十七条之一"]


def test_a_four_digit_article_is_found_by_its_number() -> None:
    units = _units("侵权责任编-第一章.md")
    found = lookup(parse_refs("民法典第一千一百六十五条是怎么规定的？"), list(units.values()))
    assert [u.label for u in found] == ["第一千一百六十五条"]
    assert found[0].text.startswith("第一千一百六十五条 行为人因过错侵害他人民事权益造成损害的")


def test_markdown_parts_hold_the_articles_below_them() -> None:
    units = _units("融资租赁合同解释-一至三.md")
    second = units["第二条"]
    assert second.text.startswith("第二条 承租人将其自有物出卖给出租人")
    assert second.path == ("一、融资租赁合同的认定", "第二条")
    assert units["第三条"].path[0] == "二、合同的履行和租赁物的公示"


def test_references_and_running_text_are_not_article_lines() -> None:
    text = "第一条 为了……\n依照本法第三条规定的\n第三条之规定适用于本章。\n第二条 本法所称……\n第三 条排版错开的\n"
    assert expected_articles(text) == ["第一条", "第二条", "第三条"]
    english = "Article 1\nSubject matter\nArticle 5 of this Regulation shall apply.\n## Article 2\n"
    assert expected_articles(english) == ["Article1", "Article2"]


def test_the_command_passes_real_laws_and_names_a_lost_article(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    ok = runner.invoke(eval_group, ["articles", str(LAWS)])
    assert ok.exit_code == 0, ok.output
    assert "4 law(s) with article lines, 33 articles; 0 with articles not all whole units" in ok.output

    real = evals.articles.parsed_articles

    def losing_one(raw: RawDocument) -> list[str]:
        return [label for label in real(raw) if label != "第十七条之一"]

    monkeypatch.setattr(evals.articles, "parsed_articles", losing_one)
    bad = runner.invoke(eval_group, ["articles", str(LAWS)])
    assert bad.exit_code == 1
    assert "after 第十七条: the text has 第十七条之一, the parser made 第十八条" in bad.output


def test_a_traditional_script_law_is_cited_as_written() -> None:
    # The label keeps 條; "第十五條" in a question finds it; an article's "一、" items stay in it.
    units = [u for u in parse(clean(load_file(LAWS / "個人資料保護法-摘錄.txt", root=LAWS))).units if u.part == 0]
    three = next(u for u in units if u.label == "第3條")
    assert three.kind == "article" and three.path == ("第一章 總則", "第3條")
    assert "不得預先拋棄" in three.text and "二、請求製給複製本。" in three.text
    assert [u.label for u in lookup(parse_refs("個資法第十五條講什麼？"), units)] == ["第15條"]
    assert [r.text for r in parse_refs("第 15 條規定什麼？")] == ["第 15 條"]  # as the question writes it
