"""An English question's other-language (Chinese) units ordered by its vector averaged with that of
its Chinese words, on the English vector's scale (rag.retrieve.hybrid)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.index.embed import HashingEmbedder
from rag.retrieve.fusion import Retriever
from rag.retrieve.options import RetrievalOptions
from tests.answer_fixtures import build_index


def test_bridged_order_keeps_the_english_scale(tmp_path: Path) -> None:
    embedder = HashingEmbedder(128)
    retriever = Retriever(build_index(tmp_path / "idx"), embedder)
    lang = retriever._languages()
    chinese = {d for d, rows in retriever._doc_rows.items() if lang[rows[0]] == "zh"}
    vector = embedder.embed(["urban renewal of old districts"], query=True)[0]
    bridged = (vector + embedder.embed(["城市更新 老旧小区"], query=True)[0]) / 2
    k, offset = 10, retriever.options.cross_dense_offset
    plain = retriever._with_other_language(vector, retriever._dense(vector, k, None), "en", k, None)
    mixed = retriever._with_other_language(vector, retriever._dense(vector, k, None), "en", k, None,
                                          lambda: bridged)

    def chinese_rows(found: list[tuple[int, float]]) -> list[tuple[int, float]]:
        return [(r, s) for r, s in found if lang[r] == "zh"]

    # The best Chinese unit keeps the similarity the English vector gives it (plus the offset)...
    best_plain = max(s for _, s in chinese_rows(plain))
    assert np.isclose(max(s for _, s in chinese_rows(mixed)), best_plain)
    assert np.isclose(best_plain, max(s for _, s in retriever._dense(vector, k, chinese)) + offset)
    # ...and the Chinese units follow the bridged vector's order.
    by_bridge = [r for r, _ in retriever._dense(bridged, k, chinese)]
    assert by_bridge != [r for r, _ in retriever._dense(vector, k, chinese)]  # the two orders differ here
    assert [r for r, _ in chinese_rows(mixed)] == [r for r in by_bridge if r in dict(mixed)]
    # English units are untouched.
    assert [p for p in plain if lang[p[0]] == "en"] == [p for p in mixed if lang[p[0]] == "en"]


def test_bridged_vector_only_for_an_english_question_with_chinese_words(tmp_path: Path) -> None:
    embedder = HashingEmbedder(128)
    retriever = Retriever(build_index(tmp_path / "idx"), embedder, RetrievalOptions())
    vector = embedder.embed(["x"], query=True)[0]
    assert retriever._bridged("城市更新有哪些要求？", vector) is None
    assert retriever._bridged("What does the plan say about urban renewal?", vector) is not None  # glossary
    assert retriever._bridged("zzz qqq?", vector) is None
    # The words naming a document are left out: with them gone, nothing is left to render.
    assert retriever._bridged("urban renewal", vector, ["urban renewal"]) is None
    assert retriever._bridged("urban renewal", vector) is not None


def test_each_question_language_has_its_own_raise_for_the_other_language(tmp_path: Path) -> None:
    """A Chinese question's English units are raised by ``cross_dense_offset_zh``, an English
    question's Chinese units by ``cross_dense_offset``; the question's own language is untouched."""
    embedder = HashingEmbedder(128)
    options = RetrievalOptions(cross_dense_offset=0.01, cross_dense_offset_zh=0.1)
    retriever = Retriever(build_index(tmp_path / "idx"), embedder, options)
    lang = retriever._languages()
    k = 50
    cases = (("城市更新有哪些要求？", "zh", 0.1), ("urban renewal of old districts", "en", 0.01))
    for question, asked, offset in cases:
        vector = embedder.embed([question], query=True)[0]
        raw = dict(retriever._dense(vector, k, None))
        raised = dict(retriever._with_other_language(vector, retriever._dense(vector, k, None), asked, k, None))
        other = [r for r in raised if lang[r] != asked and r in raw]
        own = [r for r in raised if lang[r] == asked and r in raw]
        assert other and own
        assert all(np.isclose(raised[r], raw[r] + offset) for r in other)
        assert all(np.isclose(raised[r], raw[r]) for r in own)


def test_the_raise_is_bounded() -> None:
    with pytest.raises(ValueError, match="cross_dense_offset_zh"):
        RetrievalOptions(cross_dense_offset_zh=0.5)


def test_an_english_questions_raise_grows_with_its_words_in_the_other_language(tmp_path: Path) -> None:
    """``cross_lexical_raise``: log(1 + the best other-language BM25 score) times the weight, for
    an English question only; nothing when no other-language unit is in the lexical list."""
    embedder = HashingEmbedder(128)
    retriever = Retriever(build_index(tmp_path / "idx"), embedder, RetrievalOptions(cross_lexical_raise=0.02))
    lang = retriever._languages()
    chinese = next(r for r, lg in enumerate(lang) if lg == "zh")
    english = next(r for r, lg in enumerate(lang) if lg == "en")
    lexical = [(english, 9.0), (chinese, 4.0)]
    assert np.isclose(retriever._lexical_raise(lexical, "en"), 0.02 * np.log1p(4.0))
    assert retriever._lexical_raise([(english, 9.0)], "en") == 0.0
    assert retriever._lexical_raise(lexical, "zh") == 0.0
    off = Retriever(retriever.index, embedder, RetrievalOptions(cross_lexical_raise=0.0))
    assert off._lexical_raise(lexical, "en") == 0.0
    with pytest.raises(ValueError, match="cross_lexical_raise"):
        RetrievalOptions(cross_lexical_raise=0.5)


def test_the_dense_only_baseline_keeps_the_fixed_raise(tmp_path: Path) -> None:
    """evals.baselines: the dense-only system has no lexical list for ``cross_lexical_raise``,
    so it keeps the fixed raise it was measured with (DENSE_ONLY_OFFSET); the lexical-only
    system keeps the pipeline's options."""
    from types import SimpleNamespace

    from evals.baselines import DENSE_ONLY_OFFSET, fusion_baselines
    from evals.gold import Corpus

    index = build_index(tmp_path / "idx")
    retriever = Retriever(index, HashingEmbedder(128), RetrievalOptions())
    lexical, dense = fusion_baselines(SimpleNamespace(retriever=retriever), Corpus(index.units))
    assert lexical.retriever.options.cross_dense_offset == retriever.options.cross_dense_offset
    assert dense.retriever.options.cross_dense_offset == DENSE_ONLY_OFFSET
    assert dense.retriever.options.fusion == "dense" and lexical.retriever.options.fusion == "lexical"


def test_an_english_questions_own_words_damp_the_raise(tmp_path: Path) -> None:
    """``own_lexical_damp``: the raise is lowered by the best own-language BM25 score (as log(1 + s)),
    never below 0; off (0) as shipped."""
    embedder = HashingEmbedder(128)
    retriever = Retriever(build_index(tmp_path / "idx"), embedder,
                          RetrievalOptions(cross_lexical_raise=0.02, own_lexical_damp=0.5))
    lang = retriever._languages()
    chinese = next(r for r, lg in enumerate(lang) if lg == "zh")
    english = next(r for r, lg in enumerate(lang) if lg == "en")
    lexical = [(english, 3.0), (chinese, 9.0)]
    assert np.isclose(retriever._lexical_raise(lexical, "en"), 0.02 * (np.log1p(9.0) - 0.5 * np.log1p(3.0)))
    assert retriever._lexical_raise([(english, 99.0), (chinese, 1.0)], "en") == 0.0  # never below 0
    assert RetrievalOptions().own_lexical_damp == 0.0
    with pytest.raises(ValueError, match="own_lexical_damp"):
        RetrievalOptions(own_lexical_damp=3.0)


def test_the_dictionary_joins_only_with_some_evidence_for_the_other_language(tmp_path: Path) -> None:
    """``bridge_needs_evidence``: an English question whose own words match nothing, with an English
    unit nearest in meaning, searches without the dictionary's Chinese words (an EU directive beside a
    Chinese law: five Chinese articles came first, stop 48)."""
    embedder = HashingEmbedder(128)
    index = build_index(tmp_path / "idx")
    searched: dict[bool, list[str]] = {}
    for needs in (True, False):
        retriever = Retriever(index, embedder, RetrievalOptions(bridge_needs_evidence=needs, answerability=False))
        queries: list[str] = []
        original = retriever._lexical

        def spy(query: str, k: int, allowed: set[str] | None, _orig=original, _seen=queries) -> list:
            _seen.append(query)
            return _orig(query, k, allowed)

        retriever._lexical = spy  # type: ignore[method-assign]
        retriever._dense = lambda vector, k, allowed, _r=retriever: [  # type: ignore[method-assign]
            (r, 1.0 - i / 100) for i, r in enumerate(sorted(
                range(len(_r.index.units)), key=lambda r: _r._languages()[r] != "en"))][:k]
        retriever.search("qqqxx zzzyy city zzz", top_k=3)
        searched[needs] = queries
    assert len(searched[True]) == 1  # no second search with the dictionary's words
    assert len(searched[False]) == 2
