"""Citation verification: marker normalisation, sentence splitting, numbers, support checks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from rag.answer.cite import (
    SupportChecker,
    content_tokens,
    has_number,
    markers,
    normalise_markers,
    numbers,
)
from rag.answer.compose import compose
from rag.answer.records import Answer
from rag.records import Hit, Unit
from rag.text import split_sentences, strip_markers

SIX = "全面取消城区常住人口 300 万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。"
RENEWAL = "重点在老城区推进以老旧小区、老旧厂区、老旧街区、城中村等“三区一村”改造为主要内容的城市更新改造。"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("甲【1】。", "甲[1]。"),
        ("甲[ID:2]。", "甲[2]。"),
        ("甲【来源：1】。", "甲[1]。"),
        ("甲(3)。", "甲[3]。"),
        ("甲（2）。", "甲[2]。"),
        ("甲[1,2]。", "甲[1][2]。"),
        ("甲[1，3]。", "甲[1][3]。"),
        ("甲[1][2]。", "甲[1][2]。"),
        ("甲[1-3]。", "甲[1][2][3]。"),
        ("甲[^2]。", "甲[2]。"),
        ("甲〔1〕。", "甲[1]。"),
        ("甲[1][1]。", "甲[1][1]。"),
        ("甲[7]。", "甲。"),  # out of range: removed
        ("甲[0]。", "甲。"),
        ("甲[2,9]。", "甲[2]。"),
        ("甲【9】。", "甲。"),
    ],
)
def test_marker_shapes_are_normalised(raw: str, expected: str) -> None:
    assert normalise_markers(raw, 3) == expected


def test_list_numbers_are_not_markers() -> None:
    text = "(1) 第一项内容\n（2）第二项内容"
    assert normalise_markers(text, 3) == text
    assert normalise_markers("城市更新(7)。", 3) == "城市更新(7)。"  # out of range: prose, kept


def test_markers_and_stripping() -> None:
    assert markers("甲[2][1]乙[2]") == (2, 1)
    assert strip_markers("甲[1]。[2]") == "甲。"


def test_split_sentences_keeps_markers_with_their_sentence() -> None:
    assert split_sentences("否，全面取消。[1]乙；丙。[2][3]") == ["否，全面取消。[1]", "乙；", "丙。[2][3]"]


def test_split_never_breaks_a_quote() -> None:
    text = "Clause （六） states: “甲。乙。” [1] Next sentence. [2] The rate is 63.89% now. [1]"
    assert split_sentences(text) == [
        "Clause （六） states: “甲。乙。”[1]",
        "Next sentence.[2]",
        "The rate is 63.89% now.[1]",
    ]


def test_split_drops_empty_pieces() -> None:
    assert split_sentences("。[1]\n\n甲。") == ["甲。"]


def test_numbers() -> None:
    assert numbers("300万以下，63.89%，２０２５年[1]") == ["300", "63.89", "2025"]
    assert has_number("300", "城区常住人口 300 万")  # extraction spaces ignored
    assert not has_number("30", "300万")
    assert not has_number("63.8", "63.89%")
    assert has_number("2025", "到２０２５年")
    # A paragraph number on the next line is no decimal of the number ending the line above (an EU
    # act's quote "1. The CE marking … No 765/2008." was refused for 2008, "2. For …" for 2).
    article = "1. The CE marking shall apply Regulation (EC) No 765/2008.\n\n2. For systems provided digitally"
    assert has_number("2008", article) and has_number("2", article)
    assert not has_number("2008.2", article)


def test_content_tokens_measure_the_quote_not_the_prose() -> None:
    tokens = content_tokens("The plan states: “城市更新”")
    assert tokens == ["城市", "市更", "更新"]
    assert "renewal" in content_tokens("The plan covers urban renewal")


# -- support ------------------------------------------------------------------------------------


def test_verbatim_sentence_is_supported_by_its_clause() -> None:
    verdict = SupportChecker().check(SIX + "[1]", {1: SIX, 2: RENEWAL})
    assert verdict.supported and verdict.supporting == (1,) and verdict.overlap == 1.0


def test_sentence_citing_the_wrong_clause_is_unsupported() -> None:
    verdict = SupportChecker().check(SIX + "[2]", {1: SIX, 2: RENEWAL})
    assert not verdict.supported and verdict.supporting == ()


def test_sentence_without_marker_is_unsupported() -> None:
    verdict = SupportChecker().check(SIX, {1: SIX})
    assert not verdict.supported and verdict.cited == ()


def test_every_number_must_occur_in_a_cited_clause() -> None:
    wrong = "全面取消城区常住人口 500 万以下的城市落户限制。[1]"
    verdict = SupportChecker().check(wrong, {1: SIX})
    assert not verdict.supported
    assert verdict.missing_numbers == ("500",)
    assert verdict.overlap > 0.8  # the words alone would have passed


def test_irrelevant_extra_citation_is_not_supporting() -> None:
    verdict = SupportChecker().check(SIX + "[1][2]", {1: SIX, 2: RENEWAL})
    assert verdict.supported and verdict.supporting == (1,) and verdict.cited == (1, 2)


def test_two_clauses_together_can_support() -> None:
    both = "全面取消城区常住人口 300 万以下的城市落户限制，推进城中村等三区一村改造。[1][2]"
    verdict = SupportChecker(min_overlap=0.7).check(both, {1: SIX, 2: RENEWAL})
    assert verdict.supported
    assert set(verdict.supporting) == {1, 2}


class ConstantEmbedder:
    """Embeds every text to the same vector, so every similarity is 1."""

    id = "constant"
    dim = 4

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        return np.tile(np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32), (len(texts), 1))


def test_embedding_similarity_supports_a_paraphrase() -> None:
    english = "Cities under three million people no longer restrict registration.[1]"
    assert not SupportChecker().check(english, {1: SIX}).supported
    verdict = SupportChecker(ConstantEmbedder()).check(english, {1: SIX})
    assert verdict.supported and verdict.similarity == pytest.approx(1.0)


class FavouringEmbedder:
    """Puts texts mentioning 城市更新 at one end of the space and everything else at the other."""

    id = "favouring"
    dim = 2

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        rows = [[1.0, 0.0] if ("城市更新" in t or "renewal" in t) else [0.8, 0.6] for t in texts]
        return np.array(rows, dtype=np.float32)


def test_similarity_counts_only_for_the_nearest_source() -> None:
    english = "Old neighbourhoods are the focus of urban renewal.[2]"
    verdict = SupportChecker(FavouringEmbedder()).check(english, {1: SIX, 2: RENEWAL})
    assert verdict.supported and verdict.supporting == (2,)
    wrong = "Old neighbourhoods are the focus of urban renewal.[1]"
    verdict = SupportChecker(FavouringEmbedder()).check(wrong, {1: SIX, 2: RENEWAL})
    assert not verdict.supported  # similar enough in absolute terms, but another source is nearer


def test_checker_validates_its_threshold() -> None:
    with pytest.raises(ValueError, match="min_overlap"):
        SupportChecker(min_overlap=0.0)


# -- the spans the clause panel paints (issue 14) ---------------------------------------------

SIX = (
    "（六）深化户籍制度改革。放开放宽除个别超大城市外的落户限制，试行以经常居住地登记户口制度。"
    "全面取消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。"
)
QUOTE = "全面取消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。"


def _marked(sentence: str, clause: str) -> list[str]:
    return [clause[a:b] for a, b in SupportChecker().spans(sentence, clause)]


def test_spans_of_a_verbatim_quote_cover_the_whole_quote_once() -> None:
    # "落户限制" also stands earlier in the clause: it is not marked there a second time.
    assert _marked(QUOTE + "[1]", SIX) == [QUOTE.rstrip("。")]


def test_spans_of_an_english_sentence_quoting_a_chinese_clause_cover_the_quote() -> None:
    sentence = f"The plan states: “{QUOTE}”[1]"
    assert _marked(sentence, SIX) == [QUOTE.rstrip("。")]


def test_spans_of_an_english_quote_cover_the_whole_sentence() -> None:
    clause = (
        "Article 17. Right to erasure. The data subject shall have the right to obtain from the controller "
        "the erasure of personal data concerning him or her without undue delay, and the controller shall "
        "have the obligation to erase personal data."
    )
    quoted = (
        "The data subject shall have the right to obtain from the controller the erasure of personal data "
        "concerning him or her without undue delay"
    )
    assert _marked(f"{quoted}.[1]", clause) == [quoted]


def test_spans_of_a_paraphrase_are_the_pieces_it_shares_and_nothing_for_an_unrelated_sentence() -> None:
    paraphrase = "要放宽超大城市以外的落户限制，并以经常居住地登记户口。"
    assert _marked(paraphrase, SIX) == ["超大城市外的落户限制", "以经常居住地登记户口"]
    assert _marked("城市要推进改革。", SIX) == []


def test_spans_point_into_the_text_as_written() -> None:
    # Full-width digits and a line broken inside a phrase: matched on the folded text, marked as written.
    clause = "到２０２５年，常住人口城镇化率\n稳步提高。"
    assert _marked("到2025年，常住人口城镇化率稳步提高。", clause) == ["到２０２５年，常住人口城镇化率\n稳步提高"]


def test_token_spans_are_the_bigrams_with_their_places() -> None:
    from rag.text import bigrams, token_spans

    odd = ("Article 17 GDPR：数据 主体 has the right", "（六）２０２１—２０３５年 Ａrticle", "促进经\n济发展 ㎡ ①")
    for text in (SIX, *odd):
        spans = token_spans(text)
        assert [t for t, _, _ in spans] == bigrams(text)
        assert all(0 <= a < b <= len(text) for _, a, b in spans)


def test_compose_records_the_spans_in_the_answer_json() -> None:
    answer = compose_one(QUOTE + "[1]", SIX)
    sentence = answer.sentences[0]
    assert sentence.spans and all(n == 1 for n, _, _ in sentence.spans)
    _, a, b = sentence.spans[0]
    assert answer.citations[0].text[a:b] == QUOTE.rstrip("。")
    assert answer.to_json()["sentences"][0]["spans"] == [[1, a, b]]


def compose_one(sentence: str, clause: str) -> Answer:
    """The answer ``compose`` makes of one drafted sentence citing one clause."""
    unit = Unit("plan", "示范方案", ("三、任务", "（六）深化户籍制度改革"), "（六）", 1, clause, (0, len(clause)))
    return compose("落户限制？", [sentence], [Hit(unit, 1.0)], SupportChecker(), drop_unsupported=True)


def test_function_words_leave_the_lexical_query_but_nothing_else() -> None:
    from rag.text import bigrams, without_function_words

    dropped = without_function_words("Can the business extend that deadline?")
    assert bigrams(dropped) == ["business", "extend", "deadline"]
    # Chinese, numbers, Roman numerals and hyphenated terms stay.
    kept = without_function_words("Annex I of Section 1798.105: opt-out 第十四条 的")
    assert bigrams(kept) == ["annex", "i", "section", "1798.105", "opt-out", "第十", "十四", "四条", "条的"]


def test_a_chinese_article_named_in_english_carries_its_labels_number() -> None:
    # "Article 30 (第三十条)": the 30 is the label's, which the clause holds; any other is a number
    # the clause does not state.
    source = {1: "第三十条 不满十四周岁的未成年人有违法行为的，不予行政处罚。"}
    quote = "of 《行政处罚法》 states: “不满十四周岁的未成年人有违法行为的，不予行政处罚。”[1]"
    assert SupportChecker().check(f"Article 30 (第三十条) {quote}", source).supported
    wrong = SupportChecker().check(f"Article 31 (第三十条) {quote}", source)
    assert not wrong.supported and wrong.missing_numbers == ("31",)
