"""Clauses amending another act (rag.query.amending): lowered unless amending is asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.embed import HashingEmbedder
from rag.query.amending import amends_other, asks_amendment, clause_amends_other
from rag.records import Unit
from rag.retrieve.fusion import Retriever
from rag.retrieve.options import RetrievalOptions
from tests.answer_fixtures import build_index

DOC = "eu-sale-of-goods-2019-771"
TITLE = "Directive (EU) 2019/771 on certain aspects concerning contracts for the sale of goods"


@pytest.mark.parametrize(
    ("title", "amends"),
    [
        ("Amendments to Regulation (EU) 2017/2394 and Directive 2009/22/EC", True),
        ("Amendment to Directive 93/13/EEC", True),
        ("Amendment of Regulation (EC) No 2006/2004 and Directive 2011/83/EU", True),
        ("关于修改《中华人民共和国消防法》的决定", True),
        ("Repeal of Directive 1999/44/EC", False),  # when the old act stops applying: asked
        ("Transposition", False),
        ("Scope", False),
    ],
)
def test_an_amending_clause_is_told_by_its_title(title: str, amends: bool) -> None:
    assert amends_other(title) is amends


def test_a_question_about_amending() -> None:
    assert asks_amendment("Which acts does the directive amend?")
    assert asks_amendment("这部法律修改了哪些条款？")
    assert not asks_amendment("By what date did EU countries have to transpose these rules?")


def _unit(ordinal: int, head: str, text: str) -> Unit:
    label = f"Article {ordinal}"
    return Unit(DOC, TITLE, (f"{label} {head}".strip(),), label, ordinal, f"### {label}\n{text}", (0, 0), "article")


def test_the_amending_clause_gives_way_unless_amending_is_asked(tmp_path: Path) -> None:
    """Directive 2019/771's Article 22 quotes the directive's whole title into another act's
    annex, so a question naming the rules meets it first; its title runs into "(1) …" there, so
    it is read on the text's first line as well."""
    amending = _unit(22, "", "Amendments to Regulation (EU) 2017/2394 and Directive 2009/22/EC (1) In the Annex to "
                     f"Regulation (EU) 2017/2394, point 3 is replaced by: {TITLE} rules for consumer sales.")
    transposition = _unit(24, "Transposition", "Member States shall adopt and publish, by 1 July 2021, the measures "
                          "necessary to comply with this Directive on consumer sales rules.")
    index = build_index(tmp_path / "idx", [amending, transposition])
    question = "By what date did countries have to adopt the consumer sales rules for the sale of goods?"
    off = Retriever(index, HashingEmbedder(128), RetrievalOptions(amending_penalty=0.0, answerability=False))
    on = Retriever(index, HashingEmbedder(128), RetrievalOptions(amending_penalty=1.0, answerability=False))
    assert on._amends_other(amending.clause_key, amending)
    assert not on._amends_other(transposition.clause_key, transposition)
    ranked_off = [h.unit.label for h in off.retrieve(question, top_k=2).hits]
    ranked_on = [h.unit.label for h in on.retrieve(question, top_k=2).hits]
    assert ranked_off[0] == "Article 22"  # the fixture meets the question in Article 22 first
    assert ranked_on[0] == "Article 24"
    asked = "Which regulation does the sale of goods directive amend for consumer sales rules?"
    assert on.retrieve(asked, top_k=2).hits[0].unit.label == off.retrieve(asked, top_k=2).hits[0].unit.label
    with pytest.raises(ValueError, match="amending_penalty"):
        RetrievalOptions(amending_penalty=2.0)


@pytest.mark.parametrize(
    ("text", "amends"),
    [
        # Directive 2001/29's "Article 11 Technical adaptations" (stop 76's fresh pair).
        ("### Article 11\nTechnical adaptations\n1. Directive 92/100/EEC is hereby amended as follows: (a) Article 7 "
         "shall be deleted;", True),
        ("### Article 11\nArticle 3(2) of Directive 93/98/EEC shall be replaced by the following: \"2. The rights of "
         "producers of phonograms shall expire 50 years after the fixation is made.\"", True),
        ("### Article 9\n1. Regulation (EU) No 1093/2010 is amended as follows:", True),
        ("### Article 22\nAmendments to Regulation (EU) 2017/2394\n(1) In the Annex…", True),  # by its title
        # The act's own rules, though they name other acts or speak of replacing.
        ("### Article 5\nExceptions\n1. Temporary acts of reproduction referred to in Article 2 shall be exempted",
         False),
        ("### Article 1\nScope\n1. This Directive concerns the legal protection of copyright. 2. Directive 92/100/EEC "
         "is hereby amended as follows:", False),  # not its opening
        ("### Article 14\nThe seller shall replace the goods within a reasonable time.", False),
    ],
)
def test_an_amending_clause_is_told_by_its_opening_line(text: str, amends: bool) -> None:
    assert clause_amends_other(text) is amends


def test_an_amending_clause_gives_way_by_its_opening(tmp_path: Path) -> None:
    """A clause titled "Technical adaptations" that opens by amending another act is lowered like one
    titled "Amendments to …"."""
    adaptations = _unit(11, "Technical adaptations", "Technical adaptations\n1. Directive 92/100/EEC is hereby "
                        "amended as follows: the rights of the rightholder in temporary copies online.")
    index = build_index(tmp_path / "idx", [adaptations])
    on = Retriever(index, HashingEmbedder(128), RetrievalOptions(answerability=False))
    assert on._amends_other(adaptations.clause_key, adaptations)
