"""Fast tests of the evaluation harness: gold loading and resolution, every metric on
hand-made outcomes, compare, report writing, drafting and the CLI on a tiny hashing index."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from evals.compare import compare_runs, format_comparison
from evals.draft import draft_questions, write_jsonl
from evals.gold import Corpus, GoldError, GoldItem, GoldRef, ResolvedGold, fold, load_gold, parse_item
from evals.metrics import (
    aggregate,
    alce_counts,
    answer_numbers,
    clause_citation_scores,
    gold_rank,
    is_hit,
    metrics_of,
    missing_numbers,
    percentile,
    score_question,
)
from evals.outcome import AnswerView, CitationView, Outcome, Retrieved, SentenceView
from evals.plots import Aliases, ascii_label, cn_number
from evals.records import EvalRun, MetricValue, QuestionResult, SystemRun
from evals.report import cited_instead_counts, write_report
from evals.systems import answer_view
from rag.records import Unit

PLAN = "示范实施方案"
ROUND = "某地城镇化专家圆桌"
PLAN_TEXT = (
    "（一）指导思想。坚持以人民为中心的发展思想。\n"
    "（二）主要目标。到2025年，常住人口城镇化率达到65%，城区常住人口300万以下的城市全面取消落户限制，"
    "户籍人口城镇化率明显提高，城乡融合发展体制机制基本建立。\n"
    "（三）住房保障。坚持租购并举，扩大保障性租赁住房供给。\n"
)


def _unit(doc: str, label: str, ordinal: int, text: str, start: int, path: tuple[str, ...] = (),
          part: int = 0, parts: int = 1, kind: str = "clause") -> Unit:
    return Unit(doc_id=doc, title=doc, path=path or (label,), label=label, ordinal=ordinal, text=text,
                span=(start, start + len(text)), kind=kind, part=part, parts=parts)


def _plan_units() -> list[Unit]:
    lines = PLAN_TEXT.splitlines(keepends=True)
    starts = [0, len(lines[0]), len(lines[0]) + len(lines[1])]
    first, second, third = (line.rstrip("\n") for line in lines)
    # （二） is split into two overlapping passages, as the parser does with long clauses.
    cut, overlap = 40, 10
    return [
        _unit(PLAN, "（一）", 0, first, starts[0], ("一、总体要求", "（一）指导思想")),
        _unit(PLAN, "（二）", 1, second[:cut], starts[1], ("一、总体要求", "（二）主要目标"), 0, 2),
        _unit(PLAN, "（二）", 1, second[cut - overlap:], starts[1] + cut - overlap,
              ("一、总体要求", "（二）主要目标"), 1, 2),
        _unit(PLAN, "（三）", 2, third, starts[2], ("二、重点任务", "（三）住房保障")),
    ]


def _round_units() -> list[Unit]:
    a = "张三（某大学教授）：城镇化率由 2011 年 51.27% 提升到 2023 年 66.16%。"
    b = "李四（某研究院院长）：县域是城镇化的重要载体，人口流失问题突出。"
    c = "（一）人口。流动人口规模巨大。"
    d = "（一）户籍。积分落户主要服务精英群体。"
    pos = [0, len(a) + 1, len(a) + len(b) + 2, len(a) + len(b) + len(c) + 3]
    return [
        _unit(ROUND, "张三", 0, a, pos[0], ("张三",), kind="speech"),
        _unit(ROUND, "李四", 1, b, pos[1], ("李四",), kind="speech"),
        _unit(ROUND, "（一）", 2, c, pos[2], ("一、背景", "（一）人口")),
        _unit(ROUND, "（一）", 3, d, pos[3], ("二、问题", "（一）户籍")),
    ]


@pytest.fixture
def corpus() -> Corpus:
    return Corpus([*_plan_units(), *_round_units()])


def _item(qid: str = "q1", **kw: object) -> GoldItem:
    data: dict[str, object] = {"id": qid, "question": "问题？", "answerable": True, "tags": []}
    data.update(kw)
    return parse_item(data)


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
    got = corpus.resolve(_item(gold=[{"doc": "示范", "label": "（二）"}]))
    assert got.keys == frozenset({(PLAN, 1)})
    assert got.spans[0][0] == PLAN
    by_path = corpus.resolve(_item(gold=[{"doc": "圆桌", "label": "（一）", "path": ["问题"]}]))
    assert by_path.keys == frozenset({(ROUND, 3)})


def test_ambiguous_or_unknown_label_is_an_error(corpus: Corpus) -> None:
    with pytest.raises(GoldError, match="matches 2 clauses"):
        corpus.resolve(_item(gold=[{"doc": "圆桌", "label": "（一）"}]))
    with pytest.raises(GoldError, match="no document"):
        corpus.resolve(_item(gold=[{"doc": "河北", "label": "（一）"}]))
    with pytest.raises(GoldError, match=r"no clause labelled '（九）'"):
        corpus.resolve(_item(gold=[{"doc": PLAN, "label": "（九）"}]))


def test_quote_matches_across_whitespace_full_width_digits_and_passages(corpus: Corpus) -> None:
    # The raw file has spaces and full-width digits; the cleaned unit text has neither.
    raw_quote = "到２０２５年， 常住人口城镇化率达到 ６５％"
    got = corpus.resolve(_item(quote=raw_quote))
    assert got.keys == frozenset({(PLAN, 1)})
    # A quote straddling the two passages of (二) still resolves to the one clause.
    second = PLAN_TEXT.splitlines()[1]
    straddling = second[25:50]
    assert corpus.resolve(_item(quote=straddling)).keys == frozenset({(PLAN, 1)})
    # Spaces inside numbers in the source text (extraction noise) do not matter either.
    assert corpus.resolve(_item(quote="由2011年51.27%提升到2023年66.16%")).keys == frozenset({(ROUND, 0)})


def test_quote_not_in_the_index_is_an_error_naming_the_question(corpus: Corpus) -> None:
    with pytest.raises(GoldError, match="q7: quote '不存在的话' is in no clause"):
        corpus.resolve_all([_item("q7", quote="不存在的话")])


def test_both_gold_and_quote_are_united(corpus: Corpus) -> None:
    got = corpus.resolve(_item(gold=[{"doc": PLAN, "label": "（三）"}], quote="县域是城镇化的重要载体"))
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


# -- retrieval metrics ------------------------------------------------------------------------


def test_gold_rank_counts_each_clause_once() -> None:
    gold = ResolvedGold(frozenset({("d", 5)}))
    ranked = [Retrieved(("d", 1)), Retrieved(("d", 1)), Retrieved(("d", 2)), Retrieved(("d", 5))]
    assert gold_rank(ranked, gold) == 3
    assert gold_rank(ranked, gold, depth=2) is None
    assert gold_rank([], gold) is None


def test_chunk_hits_by_quote_or_span_overlap() -> None:
    gold = ResolvedGold(frozenset({("d", 1)}), spans=(("d", 100, 300),), quotes=(fold("落户 限制"),))
    assert is_hit(Retrieved(text="……全面取消落户限制……"), gold)
    assert is_hit(Retrieved(span=("d", 250, 750)), gold)  # 50 characters of the clause
    assert not is_hit(Retrieved(span=("d", 290, 790)), gold)  # 10 characters only
    assert not is_hit(Retrieved(span=("e", 100, 300)), gold)  # another document
    short = ResolvedGold(frozenset(), spans=(("d", 10, 20),))
    assert is_hit(Retrieved(span=("d", 15, 515)), short)  # half of a short quote


def test_hit_at_k_and_mrr_from_rows() -> None:
    rows = [
        QuestionResult("a", "q", (), True, rank=1),
        QuestionResult("b", "q", (), True, rank=3),
        QuestionResult("c", "q", (), True, rank=None),
        QuestionResult("d", "q", ("unanswerable",), False),  # not counted in retrieval
    ]
    m = metrics_of(rows)
    assert m["hit@1"] == MetricValue(1 / 3, 3)
    assert m["hit@3"].score == pytest.approx(2 / 3)
    assert m["hit@5"].score == pytest.approx(2 / 3)
    assert m["mrr@10"].score == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert "citation_precision" not in m  # retrieval-only system: no answer metrics


# -- citations --------------------------------------------------------------------------------


def test_clause_citation_precision_and_recall() -> None:
    gold = ResolvedGold(frozenset({("d", 1), ("d", 2), ("e", 7)}),
                        groups=(frozenset({("d", 1)}), frozenset({("d", 2), ("e", 7)})))
    assert clause_citation_scores([("d", 1), ("d", 9)], gold) == (0.5, 0.5, 1, 1)
    # The second group is a quote found in two places: citing either occurrence recalls it.
    assert clause_citation_scores([("d", 1), ("e", 7)], gold) == (1.0, 1.0, 2, 2)
    assert clause_citation_scores([], gold) == (None, 0.0, 0, 0)


def _words_support(sentence: str, passages: Sequence[str]) -> bool:
    """A toy judge: every comma-separated fact of the sentence is in some passage."""
    joined = " ".join(passages)
    return all(fact in joined for fact in sentence.rstrip("。").split("，"))


def _answer(sentences: list[tuple[str, tuple[int, ...]]], passages: dict[int, str]) -> AnswerView:
    return AnswerView(
        text="".join(s + "".join(f"[{n}]" for n in c) for s, c in sentences),
        abstained=False,
        citations=tuple(CitationView(n, ("d", n), t) for n, t in passages.items()),
        sentences=tuple(SentenceView(s, c) for s, c in sentences),
    )


def test_alce_recall_and_precision() -> None:
    passages = {1: "甲乙丙", 2: "丁戊", 3: "无关的话"}
    answer = _answer(
        [
            ("甲乙，丁戊。", (1, 2)),  # needs both: both precise
            ("甲乙。", (1, 3)),  # [1] supports alone, [3] irrelevant
            ("庚辛。", (1,)),  # unsupported: not recalled, its citation not precise
            ("丁戊。", ()),  # no citation: not recalled
        ],
        passages,
    )
    assert alce_counts(answer, _words_support) == (4, 2, 5, 3)


def test_alce_counts_a_redundant_pair_as_precise() -> None:
    # Both passages support the sentence alone: neither is irrelevant (ALCE condition A).
    answer = _answer([("甲乙。", (1, 2))], {1: "甲乙", 2: "甲乙丙"})
    assert alce_counts(answer, _words_support) == (1, 1, 2, 2)


def test_numbers_verbatim() -> None:
    assert answer_numbers("到２０２５年达到 65%[1]，300万[2]") == ["2025", "65", "300"]
    assert missing_numbers("城区常住人口300万以下[1]", ["城区常住人口 300 万以下的城市"]) == []
    assert missing_numbers("达到30%[1]", ["达到300万"]) == ["30"]
    assert missing_numbers("提高到87.5%", ["比率提高到 87.5%"]) == []
    assert missing_numbers("提高到87%", ["比率提高到 87.5%"]) == ["87"]
    assert missing_numbers("第[1]条", []) == []  # markers are not numbers


def test_score_question_end_to_end(corpus: Corpus) -> None:
    item = _item("q", gold=[{"doc": PLAN, "label": "（二）"}], tags=["number"])
    gold = corpus.resolve(item)
    answer = AnswerView(
        text="到2025年常住人口城镇化率达到65%[1]。坚持租购并举[2]。",
        abstained=False,
        citations=(CitationView(1, (PLAN, 1), PLAN_TEXT.splitlines()[1]),
                   CitationView(2, (PLAN, 2), PLAN_TEXT.splitlines()[2])),
        sentences=(SentenceView("到2025年常住人口城镇化率达到65%。", (1,)), SentenceView("坚持租购并举。", (2,))),
    )
    outcome = Outcome((Retrieved((PLAN, 2)), Retrieved((PLAN, 1))), answer, 0.02)
    row = score_question(item, gold, outcome, lambda s, ps: True, corpus.name)
    assert row.rank == 2
    assert row.citation_precision == 0.5 and row.citation_recall == 1.0
    assert row.cited == ("示范实施方案 › （二）", "示范实施方案 › （三）")
    assert (row.sentences, row.sentences_supported, row.citations, row.citations_precise) == (2, 2, 2, 2)
    assert row.numbers == ("2025", "65") and row.numbers_missing == ()
    assert row.latency_ms == pytest.approx(20.0)


def test_answer_view_maps_rag_ask_json_to_clauses(corpus: Corpus) -> None:
    data = {
        "question": "q", "answer": "租购并举[1]。", "abstained": False,
        "citations": [{"n": 1, "doc": PLAN, "title": PLAN, "label": "（三）",
                       "path": ["二、重点任务", "（三）住房保障"], "text": PLAN_TEXT.splitlines()[2], "score": 0.5}],
        "sentences": [{"text": "租购并举。", "citations": [1], "supported": True}],
    }
    view = answer_view(data, corpus)
    assert view.citations[0].key == (PLAN, 2)
    assert view.cited_numbers() == (1,)
    assert "（三）住房保障" in view.citations[0].text  # headings are part of the judged passage


# -- abstention, latency, tags ----------------------------------------------------------------


def test_abstention_metrics() -> None:
    rows = [
        QuestionResult("u1", "q", ("unanswerable",), False, abstained=True),
        QuestionResult("u2", "q", ("unanswerable",), False, abstained=False, answer="胡说"),
        QuestionResult("a1", "q", (), True, abstained=True, citation_recall=0.0),
        QuestionResult("a2", "q", (), True, abstained=False, citation_precision=1.0, citation_recall=1.0),
        QuestionResult("a3", "q", (), True, abstained=False, citation_precision=0.5, citation_recall=1.0),
    ]
    m = metrics_of(rows)
    assert m["abstention_precision"] == MetricValue(0.5, 2)
    assert m["abstention_recall"] == MetricValue(0.5, 2)
    assert m["false_abstention"] == MetricValue(1 / 3, 3)
    assert m["citation_precision"] == MetricValue(0.75, 2)  # only answers that cite
    assert m["citation_recall"] == MetricValue(2 / 3, 3)  # a wrong abstention recalls nothing


def test_errors_are_counted_and_excluded() -> None:
    rows = [QuestionResult("a", "q", (), True, rank=1),
            QuestionResult("b", "q", (), True, error="RuntimeError: boom")]
    m = metrics_of(rows)
    assert m["hit@1"] == MetricValue(1.0, 1)
    assert m["errors"] == MetricValue(1.0, 2)


def test_latency_percentiles() -> None:
    assert percentile([], 50) is None
    assert percentile([10.0], 95) == 10.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile(list(map(float, range(1, 101))), 95) == pytest.approx(95.05)
    rows = [QuestionResult(str(i), "q", (), True, latency_ms=float(i)) for i in range(1, 11)]
    assert metrics_of(rows)["latency_p50_ms"] == MetricValue(5.5, 10)


def test_aggregate_slices_by_tag() -> None:
    rows = [
        QuestionResult("a", "q", ("number", "english"), True, rank=1),
        QuestionResult("b", "q", ("number",), True, rank=None),
        QuestionResult("c", "q", ("custom",), True, rank=2),
    ]
    totals = aggregate(rows)
    assert list(totals) == ["all", "number", "english", "custom"]
    assert totals["number"]["hit@1"] == MetricValue(0.5, 2)
    assert totals["english"]["hit@1"] == MetricValue(1.0, 1)


# -- compare ----------------------------------------------------------------------------------


def _run(rows: Sequence[QuestionResult], name: str = "default") -> EvalRun:
    return EvalRun("g.jsonl", "now", {"embedder": "hashing-64", "top_k": 5},
                   (SystemRun(name, "test system", tuple(rows), aggregate(rows)),))


def _pair() -> tuple[EvalRun, EvalRun]:
    before = _run([
        QuestionResult("p1", "落户？", (), True, rank=3, abstained=False, citation_recall=0.0, citation_precision=0.0),
        QuestionResult("p2", "目标？", (), True, rank=1, abstained=False, citation_recall=1.0, citation_precision=1.0),
        QuestionResult("u1", "公积金？", ("unanswerable",), False, abstained=True),
        QuestionResult("p3", "不变", (), True, rank=1, abstained=False, citation_recall=1.0, citation_precision=1.0),
    ])
    after = _run([
        QuestionResult("p1", "落户？", (), True, rank=1, abstained=False, citation_recall=1.0, citation_precision=1.0),
        QuestionResult("p2", "目标？", (), True, rank=None, abstained=True, citation_recall=0.0),
        QuestionResult("u1", "公积金？", ("unanswerable",), False, abstained=False, answer="可以贷"),
        QuestionResult("p3", "不变", (), True, rank=1, abstained=False, citation_recall=1.0, citation_precision=1.0),
    ])
    return before, after


def test_compare_lists_better_and_worse_questions() -> None:
    before, after = _pair()
    # Through JSON, as the CLI reads them.
    c = compare_runs(EvalRun.from_json(json.loads(json.dumps(before.to_json()))),
                     EvalRun.from_json(json.loads(json.dumps(after.to_json()))))
    assert [ch.id for ch in c.of("better")] == ["p1"]
    assert sorted(ch.id for ch in c.of("worse")) == ["p2", "u1"]
    p1 = c.of("better")[0]
    assert "gold rank 3 → 1" in p1.details and "citation recall 0.00 → 1.00" in p1.details
    text = format_comparison(c, "before.json", "after.json")
    assert "1 better, 2 worse, 0 mixed" in text and "p3" not in text


def test_compare_command(tmp_path: Path) -> None:
    from evals.cli import eval_group

    before, after = _pair()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(before.to_json(), ensure_ascii=False), "utf-8")
    b.write_text(json.dumps(after.to_json(), ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(eval_group, ["--compare", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert "BETTER (1)" in result.output and "WORSE (2)" in result.output
    # Registered under another group, as `rag eval …` is under `rag`.
    root = click.Group("rag", commands={"eval": eval_group})
    nested = CliRunner().invoke(root, ["eval", "--compare", str(a), str(b)])
    assert nested.exit_code == 0 and "BETTER (1)" in nested.output, nested.output
    assert "rag eval GOLD.jsonl" in CliRunner().invoke(root, ["eval"]).output  # no arguments: help
    (tmp_path / "junk.json").write_text("{}", "utf-8")
    bad = CliRunner().invoke(eval_group, ["--compare", str(a), str(tmp_path / "junk.json")])
    assert bad.exit_code != 0 and "not a rag eval result" in bad.output


# -- report -----------------------------------------------------------------------------------


def test_report_writes_plots_and_names_them(tmp_path: Path) -> None:
    rows = [
        QuestionResult("p1", "落户？", ("yes_no",), True, gold=("示范实施方案 › （二）",), rank=1,
                       retrieved=("示范实施方案 › （二）",), abstained=False, answer="否[1]",
                       cited=("示范实施方案 › （二）", "某地城镇化专家… › 张三"), citation_precision=0.5,
                       citation_recall=1.0, sentences=1, sentences_supported=1, citations=2,
                       citations_precise=1, numbers=("300",), numbers_missing=("300",), latency_ms=12.0),
        QuestionResult("p2", "目标？", ("number",), True, gold=("示范实施方案 › （三）",), rank=None,
                       abstained=True, citation_recall=0.0, latency_ms=30.0),
        QuestionResult("u1", "公积金？", ("unanswerable",), False, abstained=False, answer="可以", latency_ms=8.0),
    ]
    base = [QuestionResult(r.id, r.question, r.tags, r.answerable, rank=2 if r.answerable else None)
            for r in rows]
    run = EvalRun("g.jsonl", "now", {"embedder": "hashing-64"},
                  (SystemRun("default", "d", tuple(rows), aggregate(rows)),
                   SystemRun("naive", "n", tuple(base), aggregate(base))))
    path = write_report(run, tmp_path / "rep")
    md = path.read_text("utf-8")
    for png in ("metrics_per_tag.png", "gold_rank.png", "cited_instead.png", "latency.png", "systems.png"):
        assert (tmp_path / "rep" / png).stat().st_size > 1000
        assert f"]({png})" in md
    assert "| p2 |" in md  # a miss is listed
    assert "某地城镇化专家… › 张三" in md  # what was cited instead of the gold
    assert "D1 = " in md  # the plot legend
    assert cited_instead_counts(run.systems[0]) == {"某地城镇化专家… › 张三": 1}


def test_ascii_plot_labels() -> None:
    assert cn_number("五十二") == 52 and cn_number("十") == 10 and cn_number("二十六") == 26
    assert cn_number("一百零五") == 105 and cn_number("abc") is None
    assert ascii_label("（二十六）") == "(26)" and ascii_label("三、") == "part 3"
    assert ascii_label("第1–5段") == "para 1-5" and ascii_label("张三") == "(other)"
    assert ascii_label("（１）") == "(1)" and ascii_label("(3)") == "(3)"
    aliases = Aliases()
    assert aliases("示范实施方案 › （六）") == "D1 (6)"
    assert aliases("某地 › 张三") == "D2 (other)"
    assert aliases("某地 › 李四") == "D2 (other) 2"  # never two bars with one name
    assert aliases("某地 › 1. #7") == "D2 1. #7"


# -- draft ------------------------------------------------------------------------------------


def test_draft_templates_are_unreviewed_and_resolve(corpus: Corpus, tmp_path: Path) -> None:
    rows = draft_questions(corpus, docs=["示范"])
    assert rows and all(r["reviewed"] is False and r["source"] == "template" for r in rows)
    assert any(r["question"] == "（二）是关于什么的？" for r in rows)
    assert any("number" in r["tags"] for r in rows)  # (二) has numbers
    path = tmp_path / "drafts.jsonl"
    assert write_jsonl(rows, path) == len(rows)
    items = load_gold(path)
    assert all(not i.reviewed for i in items)
    corpus.resolve_all(items)  # every drafted gold names a real clause
    # Repeated labels fall back to a path, so drafts of the round table resolve too.
    round_table = draft_questions(corpus, docs=["圆桌"])
    assert "张三的发言主要讲了什么？" in {r["question"] for r in round_table}
    corpus.resolve_all([parse_item(r) for r in round_table])


def test_draft_with_a_chat_model(corpus: Corpus) -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    model = FakeListChatModel(responses=["1. 城镇化率要到多少？\n2. 落户还卡不卡？\n好"] * 10)
    rows = draft_questions(corpus, docs=[PLAN], model=model, per_clause=2)
    assert {r["question"] for r in rows} == {"城镇化率要到多少？", "落户还卡不卡？"}
    assert all(r["source"] == "llm" and r["reviewed"] is False for r in rows)
    with pytest.raises(ValueError, match="matches 0 documents"):
        draft_questions(corpus, docs=["不存在"])


# -- the CLI on a tiny index ------------------------------------------------------------------


def test_eval_command_on_a_tiny_index(settings: object, tmp_path: Path) -> None:
    from evals.cli import eval_group
    from rag.index.build import build_index
    from rag.index.embed import HashingEmbedder
    from rag.settings import Settings

    assert isinstance(settings, Settings)
    build_index(settings, lambda: HashingEmbedder(64), progress=False)
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"id": "a", "question": "城区常住人口300万以下的城市还限制落户吗？",
         "gold": [{"doc": "示范实施方案", "label": "（三）"}], "answerable": True, "tags": ["yes_no"]},
        {"id": "b", "question": "出租人能不能改建房屋？", "quote": "不得违规改建房屋", "answerable": True, "tags": []},
        {"id": "c", "question": "公积金最高能贷多少？", "gold": [], "answerable": False, "tags": ["unanswerable"]},
        {"id": "d", "question": "草稿问题", "quote": "不得违规改建房屋", "answerable": True, "reviewed": False},
    ]
    gold.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    out, rep = tmp_path / "run.json", tmp_path / "rep"
    result = CliRunner().invoke(
        eval_group, [str(gold), "--json", str(out), "--report", str(rep), "--baselines", "--quiet"], obj=settings
    )
    assert result.exit_code == 0, result.output
    assert "hit@5" in result.output and "per tag (default)" in result.output
    run = EvalRun.from_json(json.loads(out.read_text("utf-8")))
    assert [s.name for s in run.systems] == ["default", "naive", "lexical", "dense"]
    assert [q.id for q in run.systems[0].questions] == ["a", "b", "c"]  # the unreviewed one skipped
    assert run.systems[0].totals["all"]["hit@5"].n == 2
    assert (rep / "report.md").exists() and (rep / "systems.png").exists()

    broken = tmp_path / "broken.jsonl"
    line = {"id": "x", "question": "q", "quote": "索引里没有这句话"}
    broken.write_text(json.dumps(line, ensure_ascii=False), "utf-8")
    failed = CliRunner().invoke(eval_group, [str(broken), "--quiet"], obj=settings)
    assert failed.exit_code != 0 and "x: quote '索引里没有这句话' is in no clause" in failed.output

    # Answers made elsewhere (`rag ask --json --questions`) are scored the same way.
    from rag.pipeline import Pipeline

    pipeline = Pipeline.from_settings(settings)
    answers = tmp_path / "answers.jsonl"
    answers.write_text("\n".join(json.dumps({"id": x["id"], **pipeline.ask(str(x["question"])).to_json()},
                                             ensure_ascii=False) for x in lines[:3]), "utf-8")
    scored = CliRunner().invoke(eval_group, [str(gold), "--answers", str(answers), "--quiet", "--json", str(out)],
                                obj=settings)
    assert scored.exit_code == 0, scored.output
    again = EvalRun.from_json(json.loads(out.read_text("utf-8")))
    assert again.systems[0].name == "answers"
    assert [q.abstained for q in again.systems[0].questions] == [q.abstained for q in run.systems[0].questions]
    assert [q.cited for q in again.systems[0].questions] == [q.cited for q in run.systems[0].questions]

    drafted = tmp_path / "drafts.jsonl"
    result = CliRunner().invoke(eval_group, ["draft", "--out", str(drafted), "--no-llm"], obj=settings)
    assert result.exit_code == 0, result.output
    assert all(json.loads(line)["reviewed"] is False for line in drafted.read_text("utf-8").splitlines())
