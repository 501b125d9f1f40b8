"""The purpose clause: a clause stating why its text was made is lowered unless the question asks
a purpose (rag/query/purpose.py, rag/retrieve/hybrid.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from rag.index.embed import HashingEmbedder
from rag.index.store import load_index
from rag.query.purpose import asks_purpose, states_purpose
from rag.records import Unit
from rag.retrieve.fusion import Retriever
from rag.retrieve.options import RetrievalOptions
from tests.answer_fixtures import build_index

LAW = "zh-laws/行政处罚法"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("行政处罚法的立法目的是什么？", True),
        ("为什么要制定这部条例？", True),
        ("What is the purpose of the Act?", True),
        ("Why did California voters pass the CPRA?", True),
        ("行政机关罚款后必须出具罚款收据吗？", False),
        ("Can my boss punish me for using my privacy rights?", False),
    ],
)
def test_questions_that_ask_a_purpose(question: str, asks: bool) -> None:
    assert asks_purpose(question) is asks


@pytest.mark.parametrize(
    ("heading", "text", "states"),
    [
        ("第一条", "第一条 为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，制定本法。", True),
        ("第一条", "第一条　为了加强医疗保障基金使用监督管理，保障基金安全，制定本条例。", True),
        ("SEC. 2 Findings and Declarations", "SEC. 2. Findings and Declarations. The People of …", True),
        ("SEC. 3 Purpose and Intent", "SEC. 3. Purpose and Intent. In enacting this Act …", True),
        ("Article 1 Subject-matter and objectives", "1. This Regulation lays down rules …", True),
        # Who the text applies to is asked about: not a purpose clause.
        ("Article 1 Subject matter and scope", "1. This Regulation applies to …", False),
        ("Article 89 Safeguards relating to processing for archiving purposes", "1. Processing …", False),
        ("Section 1798.100 General Duties of Businesses", "(a) A business that controls …", False),
        # "为了" opening an ordinary rule, not the text's purpose.
        ("第五条", "第五条 为了保障安全，用人单位应当建立安全生产制度。", False),
    ],
)
def test_clauses_that_state_a_purpose(heading: str, text: str, states: bool) -> None:
    assert states_purpose(heading, text) is states


def _u(ordinal: int, label: str, text: str) -> Unit:
    start = ordinal * 1000
    return Unit(LAW, "中华人民共和国行政处罚法", ("第一章 总则", label), label, ordinal, text,
                (start, start + len(text)), "article")


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    units = [
        _u(1, "第一条", "第一条 为了规范行政处罚的设定和实施，保障行政机关有效实施行政管理，维护公共利益，制定本法。"),
        _u(70, "第七十条", "第七十条 行政机关当场收缴罚款的，必须出具专用票据；不出具的，当事人有权拒绝缴纳罚款。"),
        _u(86, "第八十六条", "第八十六条 本法自2021年7月15日起施行。"),
    ]
    path = Path(tmp_path_factory.mktemp("purpose")) / "idx"
    build_index(path, units)
    return path


def _scores(index_dir: Path, question: str, penalty: float) -> dict[str, float]:
    options = replace(RetrievalOptions(answerability=False), purpose_penalty=penalty)
    retriever = Retriever(load_index(index_dir), HashingEmbedder(128), options)
    return {h.unit.label: h.score for h in retriever.search(question, top_k=3)}


def test_the_purpose_clause_is_lowered_unless_a_purpose_is_asked(index_dir: Path) -> None:
    question = "行政机关实施行政管理时当场收缴罚款，可以不出具票据吗？"
    plain, lowered = _scores(index_dir, question, 0.0), _scores(index_dir, question, 0.5)
    # Lowered by a share of the best fused score: twice as far at twice the penalty.
    drop = plain["第一条"] - _scores(index_dir, question, 0.25)["第一条"]
    assert drop > 0 and plain["第一条"] - lowered["第一条"] == pytest.approx(2 * drop)
    assert lowered["第七十条"] == plain["第七十条"] and lowered["第八十六条"] == plain["第八十六条"]
    assert list(plain).index("第一条") == 1 and list(lowered).index("第一条") == 2  # below 第八十六条 now
    asked = "行政处罚法的立法目的是什么？"
    assert _scores(index_dir, asked, 0.5) == _scores(index_dir, asked, 0.0)
