"""A shortened word the index writes only in full is read in full (rag.query.shortened)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from rag.index.build import build_index
from rag.pipeline import Pipeline
from rag.query.shortened import MIN_USES, is_word, spell_out
from rag.settings import Settings
from tests.conftest import CountingEmbedder


class Table:
    """A fake index: pair → the characters standing between its two characters, with counts."""

    def __init__(self, table: Mapping[str, Mapping[str, int]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def infixes(self, pair: str) -> Mapping[str, int]:
        self.asked.append(pair)
        return self.table.get(pair, {})


def test_a_shortened_word_is_read_as_the_index_writes_it() -> None:
    index = Table({"年假": {"休": 12}})
    assert spell_out("年假能不能拆开，分几次休？", index) == "年休假能不能拆开，分几次休？"
    assert spell_out("今年的年假没休完，能留到明年再休吗？", index) == "今年的年休假没休完，能留到明年再休吗？"


def test_a_rare_full_word_is_not_enough() -> None:
    assert spell_out("年假能不能拆开？", Table({"年假": {"休": MIN_USES - 1}})) == "年假能不能拆开？"


def test_two_readings_competing_spell_out_nothing() -> None:
    assert spell_out("年假能不能拆开？", Table({"年假": {"休": 6, "度": 5}})) == "年假能不能拆开？"


def test_an_insertion_that_makes_no_word_is_left_alone() -> None:
    # 交学费: the index holds 交流学习, so 交流学 stands there, but it is no word.
    assert not is_word("交流学")
    assert spell_out("孩子上公立小学要交学费吗？", Table({"交学": {"流": 5}})) == "孩子上公立小学要交学费吗？"


def test_a_pair_inside_a_longer_word_of_the_question_is_left_alone() -> None:
    # 处理费 is a word and stands in the index; 好处费 is the question's own word.
    assert is_word("处理费")
    question = "我也就拿了一千块好处费，最多可能罚多少钱？"
    assert spell_out(question, Table({"处费": {"理": 9}})) == question


def test_a_word_a_glossary_reads_is_left_to_it() -> None:
    index = Table({"社保": {"会": 30}})
    assert spell_out("外国人在中国上班要参加社保吗？", index) == "外国人在中国上班要参加社保吗？"
    assert "社保" not in index.asked


def test_an_english_question_is_not_read() -> None:
    index = Table({})
    assert spell_out("How many days of annual leave do I get?", index) == "How many days of annual leave do I get?"
    assert index.asked == []


# Abridged from 职工带薪年休假条例 (evals/heldout/corpus-zh3).
LEAVE = """职工带薪年休假条例

第一条 为了维护职工休息休假权利，调动职工工作积极性，根据劳动法和公务员法，制定本条例。

第二条 单位的职工连续工作1年以上的，享受带薪年休假。单位应当保证职工享受年休假。

第三条 职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天；已满20年的，年休假15天。

第五条 单位统筹安排职工年休假。年休假在1个年度内可以集中安排，也可以分段安排。
"""


def test_the_retriever_searches_and_the_answer_reads_the_full_word(tmp_path: Path) -> None:
    docs = tmp_path / "documents"
    docs.mkdir()
    (docs / "职工带薪年休假条例.txt").write_text(LEAVE, encoding="utf-8")
    settings = Settings(documents_dir=docs, index_dir=tmp_path / "index", embedder="hashing-64",
                        cache_dir=tmp_path / "cache")
    build_index(settings, lambda: CountingEmbedder(64), None, progress=False)
    pipeline = Pipeline.from_settings(settings)
    pipeline.retriever.options = replace(pipeline.retriever.options, spell_out=True)
    units = pipeline.retriever.index.units
    assert pipeline.retriever.infixes("年假") == {"休": sum(u.text.count("年休假") for u in units)}
    assert pipeline.retriever.infixes("年休") == {}  # the index holds the pair itself
    retrieval = pipeline.retriever.retrieve("年假能不能分段休？", top_k=3)
    assert retrieval.question == "年假能不能分段休？"
    assert retrieval.asked == "年休假能不能分段休？"
    assert retrieval.hits[0].unit.label == "第五条"
    answer = pipeline.answer(retrieval)
    assert answer.question == "年假能不能分段休？"  # shown as asked
    pipeline.retriever.options = replace(pipeline.retriever.options, spell_out=False)
    assert pipeline.retriever.retrieve("年假能不能分段休？", top_k=3).asked == "年假能不能分段休？"
