"""The statutory English an English question's lay words stand for (rag.query.lay_terms_en)."""

from __future__ import annotations

from rag.query.lay_terms_en import LAY_TERMS_EN, lay_english
from rag.query.rewrite import rewrite


def test_lay_words_bring_the_statute_s_words() -> None:
    assert lay_english("How long has the company got to pay me back?") == ["reimburse", "reimbursement"]
    assert "dismissal" in lay_english("I got fired last week without warning.")
    assert "dismissal" in lay_english("Were both workers fired?")  # a past form of the key
    assert "employer" in lay_english("Both of my bosses said no.")  # a plural of the key
    assert "judicial" in lay_english("Could a consumer organisation take the company to court?")


def test_whole_words_only_and_nothing_the_question_holds() -> None:
    assert lay_english("Is an embossed label enough?") == []  # "boss" not a whole word there
    assert lay_english("Is a loan agreement a credit agreement?") == []  # its terms are written already
    assert lay_english("中止合同后能退钱吗？") == []
    assert lay_english("What is the weather like today?") == []


def test_keys_are_lay_words_in_lower_case() -> None:
    for key, terms in LAY_TERMS_EN.items():
        assert key == key.lower() and key.strip() == key and terms.strip(), key


def test_the_lexical_query_gets_them_only_when_asked_for() -> None:
    question = "How long has the company got to pay me back?"
    assert "reimburse" in rewrite(question, lay_english=True)
    assert "reimburse" not in rewrite(question)
    assert rewrite("多久能退钱？", lay_english=True) == rewrite("多久能退钱？")
