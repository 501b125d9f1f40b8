"""rag.retrieve.titlemeaning: a Chinese name of an English act read by its title's meaning."""

from __future__ import annotations

import numpy as np

from rag.retrieve.titlemeaning import TitleMeaning, short_title


class _Vectors:
    """Fixed unit vectors per text (a stand-in for the multilingual model); counts the calls."""

    id = "fixed"
    dim = 2

    def __init__(self, table: dict[str, tuple[float, float]]) -> None:
        self.table = table
        self.calls = 0

    def embed(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        self.calls += 1
        rows = np.array([self.table[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


TITLES = {"copyright": ("Directive on copyright",), "restructuring": ("Directive on restructuring",)}


def test_the_nearest_title_names_the_document_when_near_and_clearly_nearest() -> None:
    vectors = _Vectors({"Directive on copyright": (1.0, 0.0), "Directive on restructuring": (0.0, 1.0),
                        "版权指令": (0.95, 0.1), "两者之间": (1.0, 1.0), "别的东西": (-1.0, 0.2)})
    meaning = TitleMeaning(vectors, TITLES, least=0.83, margin=0.01)
    assert meaning.match("版权指令") == "copyright"
    assert meaning.match("两者之间") is None  # as near the one as the other
    assert meaning.match("别的东西") is None  # near none
    calls = vectors.calls
    assert meaning.match("版权指令") == "copyright"
    assert vectors.calls == calls  # a name read once is remembered


def test_no_english_title_names_nothing() -> None:
    assert TitleMeaning(_Vectors({}), {}, least=0.83, margin=0.01).match("版权指令") is None


def test_a_document_is_as_near_as_its_nearest_name() -> None:
    # File names that say nothing (as near the name as each other); the act's own title says what it is about.
    vectors = _Vectors({"eu-2024-1760": (0.6, 0.8), "Directive on due diligence": (1.0, 0.0),
                        "eu-2016-680": (0.6, 0.8), "尽职调查指令": (0.97, 0.05)})
    titles = {"csddd": ("eu-2024-1760", "Directive on due diligence"), "led": ("eu-2016-680",)}
    assert TitleMeaning(vectors, titles, least=0.83, margin=0.01).match("尽职调查指令") == "csddd"
    by_file_name = {"csddd": ("eu-2024-1760",), "led": ("eu-2016-680",)}
    assert TitleMeaning(vectors, by_file_name, least=0.5, margin=0.01).match("尽职调查指令") is None


def test_short_title_drops_the_maker_the_date_and_the_acts_amended() -> None:
    title = ("Directive (EU) 2024/1760 of the European Parliament and of the Council of 13 June 2024 on "
             "corporate sustainability due diligence and amending Directive (EU) 2019/1937 and Regulation "
             "(EU) 2023/2859")
    assert short_title(title) == "Directive (EU) 2024/1760 on corporate sustainability due diligence"
    assert short_title("Council Directive 93/13/EEC of 5 April 1993 on unfair terms in consumer contracts") == (
        "Council Directive 93/13/EEC on unfair terms in consumer contracts")
    assert short_title("California Privacy Rights Act of 2020") == "California Privacy Rights Act of 2020"
