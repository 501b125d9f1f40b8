"""Gold files: loading and validating the JSONL, and resolving labels and quotes to clauses of
the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.gold import Corpus, GoldError, GoldRef, load_gold
from tests.eval_helpers import PLAN, PLAN_TEXT, ROUND, gold_item, make_corpus


@pytest.fixture
def corpus() -> Corpus:
    return make_corpus()


# -- gold loading -----------------------------------------------------------------------------


def test_load_gold_reads_both_ways_of_naming_gold(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    lines = [
        {"id": "a", "question": "目标是什么？", "gold": [{"doc": PLAN, "label": "（二）"}], "answerable": True,
         "tags": ["number"]},
        {"id": "b", "question": "县域怎么样？", "quote": "县域是城镇化的重要载体", "answerable": True},
        {"id": "c", "question": "公积金能贷多少？", "gold": [], "answerable": False},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n# comment\n", "utf-8")
    items = load_gold(path)
    assert [i.id for i in items] == ["a", "b", "c"]
    assert items[0].gold == (GoldRef(PLAN, "（二）"),)
    assert items[1].quotes == ("县域是城镇化的重要载体",)
    assert items[2].tags == ("unanswerable",)  # implied by answerable: false


def test_load_gold_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        "\n".join([
            "not json",
            json.dumps({"id": "x", "question": "q", "answerable": True}),  # no gold
            json.dumps({"id": "y", "question": "q", "answerable": False, "quote": "某"}),
            json.dumps({"id": "z", "question": "q", "quote": "某"}),
            json.dumps({"id": "z", "question": "q", "quote": "某"}),
            json.dumps({"id": "w", "question": "q", "gold": [{"doc": "d"}]}),
        ]),
        "utf-8",
    )
    with pytest.raises(GoldError) as err:
        load_gold(path)
    text = "\n".join(err.value.problems)
    assert "line 1: not JSON" in text
    assert "x: an answerable question needs 'gold' or 'quote'" in text
    assert "y: an unanswerable question must have no 'gold'" in text
    assert "duplicate id 'z'" in text
    assert "w: gold 'label'" in text
    assert len(err.value.problems) == 5


def test_dev_set_is_valid_and_covers_every_clause_of_the_plan() -> None:
    items = load_gold(Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl")
    assert len(items) >= 120
    labels = {g.label for i in items for g in i.gold
              if g.doc == "“十四五”新型城镇化实施方案" and g.label.startswith("（")}
    assert len(labels) == 52  # （一）…（五十二）
    assert sum(1 for i in items if not i.answerable) >= 15
    tags = {t for i in items for t in i.tags}
    assert {"number", "yes_no", "multi_clause", "names_article", "colloquial", "english", "unanswerable"} <= tags


# -- gold resolution --------------------------------------------------------------------------


def test_label_resolves_by_doc_substring_and_path(corpus: Corpus) -> None:
    got = corpus.resolve(gold_item(gold=[{"doc": "示范", "label": "（二）"}]))
    assert got.keys == frozenset({(PLAN, 1)})
    assert got.spans[0][0] == PLAN
    by_path = corpus.resolve(gold_item(gold=[{"doc": "圆桌", "label": "（一）", "path": ["问题"]}]))
    assert by_path.keys == frozenset({(ROUND, 3)})


def test_ambiguous_or_unknown_label_is_an_error(corpus: Corpus) -> None:
    with pytest.raises(GoldError, match="matches 2 clauses"):
        corpus.resolve(gold_item(gold=[{"doc": "圆桌", "label": "（一）"}]))
    with pytest.raises(GoldError, match="no document"):
        corpus.resolve(gold_item(gold=[{"doc": "河北", "label": "（一）"}]))
    with pytest.raises(GoldError, match=r"no clause labelled '（九）'"):
        corpus.resolve(gold_item(gold=[{"doc": PLAN, "label": "（九）"}]))


def test_quote_matches_across_whitespace_full_width_digits_and_passages(corpus: Corpus) -> None:
    # The raw file has spaces and full-width digits; the cleaned unit text has neither.
    raw_quote = "到２０２５年， 常住人口城镇化率达到 ６５％"
    got = corpus.resolve(gold_item(quote=raw_quote))
    assert got.keys == frozenset({(PLAN, 1)})
    # A quote straddling the two passages of (二) still resolves to the one clause.
    second = PLAN_TEXT.splitlines()[1]
    straddling = second[25:50]
    assert corpus.resolve(gold_item(quote=straddling)).keys == frozenset({(PLAN, 1)})
    # Spaces inside numbers in the source text (extraction noise) do not matter either.
    assert corpus.resolve(gold_item(quote="由2011年51.27%提升到2023年66.16%")).keys == frozenset({(ROUND, 0)})


def test_quote_not_in_the_index_is_an_error_naming_the_question(corpus: Corpus) -> None:
    with pytest.raises(GoldError, match="q7: quote '不存在的话' is in no clause"):
        corpus.resolve_all([gold_item("q7", quote="不存在的话")])


def test_both_gold_and_quote_are_united(corpus: Corpus) -> None:
    got = corpus.resolve(gold_item(gold=[{"doc": PLAN, "label": "（三）"}], quote="县域是城镇化的重要载体"))
    assert got.keys == frozenset({(PLAN, 2), (ROUND, 1)})
    assert len(got.groups) == 2


def test_citation_key_from_doc_label_path(corpus: Corpus) -> None:
    assert corpus.key_for(PLAN, "（三）", ("二、重点任务", "（三）住房保障")) == (PLAN, 2)
    assert corpus.key_for(ROUND, "（一）", ("二、问题", "（一）户籍")) == (ROUND, 3)
    assert corpus.key_for(ROUND, "（一）", (), "（一）户籍。积分落户主要服务精英群体。") == (ROUND, 3)


def test_display_names_are_unique(corpus: Corpus) -> None:
    names = [corpus.name(k) for k in corpus.clauses]
    assert len(set(names)) == len(names)
    assert corpus.name((PLAN, 1)) == "示范实施方案 › （二）"
    assert corpus.name((ROUND, 2)).endswith("（一） #2")
