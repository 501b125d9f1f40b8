"""rag.retrieve.titlemeaning: a Chinese name of an English act read by its title's meaning."""

from __future__ import annotations

import numpy as np

from rag.retrieve.titlemeaning import TitleMeaning


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


TITLES = {"copyright": "Directive on copyright", "restructuring": "Directive on restructuring"}


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
