"""The retrieval signals an answerability decision is made on, computed once per search.

Each is a number a reader can check by hand on one question:

- ``dense_top``: best cosine similarity between the question and a clause (any passage).
- ``dense_margin``: log(``MARGIN_FLOOR`` + how far the best clause's similarity stands above the
  second-best clause's): margins run from 0.0001 to 0.1, and the log spreads them.
- ``bm25``: log(1 + best BM25 score per query token), so long and short questions compare.
- ``coverage``: share of the question's content words in the top clause and its headings: a
  Chinese question in its own or the documents' wording (:func:`rag.query.question.relevance`),
  an English question over English text by its words' first ``STEM`` letters (delete, deletion).
- ``agreement``: (1/dense rank + 1/lexical rank) / 2 of the top clause: 1 when both retrievers
  put it first, near 0 when one of them did not find it.
- ``same_language``: 1 when the question and the top clause are in the same language.
- ``rare_coverage``: ``coverage`` with each word weighted by its rarity in the index (idf), so
  the one specific word a near miss adds ("深圳…分数线") counts for more than the common ones.
- ``dense_gap``: how far the best clause's similarity stands above that of the clause
  ``GAP_RANK`` places below it (or the last found): the question against its own background in
  this index, so a corpus whose similarities all run lower (the CPRA's long English sections:
  answerable questions 0.86, against 0.92 on the Chinese laws) is not judged on another's scale.
- ``figure_missing``: 1 when the question asks for a number ("多少钱", "几次", "how many days")
  and none of the first ``FIGURE_CLAUSES`` clauses states one of the asked kind
  (:func:`rag.query.quantity.states_figure`) in a clause naming every place
  (:mod:`rag.query.places`) and every year the question names: the clause is on the topic, the
  figure is not there — the commonest
  near miss ("老旧小区加装电梯政府补贴多少钱？", "深圳住房公积金缴存比例上限是多少？").
- ``named_missing``: 1 when the question names a clause by number and the lookup found no such
  clause ("行政处罚法第九十条" of a law with 86 articles), so the search answers something else.
- ``doc_lift``: ``dense_top`` minus the question's mean similarity to the units of the top
  clause's document (its inner product with the document's mean vector): the best clause against
  the background of its own document, whatever else the index holds. Similarities run on each
  text's own scale (answerable questions: 0.86 on the CPRA's long English sections, 0.92 on the
  Chinese laws); the lift takes that scale out without depending on the index's mix, which is
  where ``dense_gap`` failed (an index of the five seed texts alone).
- ``words``: log of how many words the question has (an English or Latin word or a number
  each, a Chinese run as its characters over ``ZH_CHARS_PER_WORD``). A question that tells its
  situation ("My little shop just got hit with a big fine and I can't pay it all at once…") is far
  from any clause in wording and in meaning although the clause answers it; a near miss is most
  often short and names the one thing the text lacks.

Example::

    retrieval = retriever.retrieve("今天天气怎么样？")
    retrieval.signals.as_vector()   # [0.88, -5.41, 0.39, 0.0, 0.51, 1.0, 0.0, 0.02, 0.0, 0.0, 0.03]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass, fields

from rag.answer.tables import asked_cell_of_kind
from rag.query.places import mentions, named_places
from rag.query.quantity import asked, states_figure
from rag.query.question import analyse, relevance
from rag.records import Hit, Unit
from rag.text import HAN, bigrams, fold, language


@dataclass(frozen=True)
class Signals:
    """See the module docstring; field order is the model's feature order."""

    dense_top: float
    dense_margin: float
    bm25: float
    coverage: float
    agreement: float
    same_language: float
    rare_coverage: float
    dense_gap: float = 0.0
    figure_missing: float = 0.0
    named_missing: float = 0.0
    doc_lift: float = 0.0
    words: float = 0.0

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def as_vector(self) -> list[float]:
        return [float(v) for v in astuple(self)]

    def select(self, names: Sequence[str]) -> list[float]:
        """The values of the features ``names``, in that order: a signal by its name, or a product
        of signals as ``"coverage*same_language"`` (word overlap measured only when the question
        and the clause share a language)."""
        return [math.prod(float(getattr(self, part)) for part in n.split("*")) for n in names]

    def finds_no_word(self) -> bool:
        """No word of the question, read through the bilingual dictionary, is in any text: only the
        embedder's similarity speaks for the clause found, and such a search is refused whatever the
        model says (:attr:`rag.retrieve.options.Retrieval.answerable`)."""
        return self.bm25 <= 0.0

    @classmethod
    def knows(cls, feature: str) -> bool:
        """Is ``feature`` a signal or a product of signals?"""
        return all(part in cls.names() for part in feature.split("*"))


# Letters of an English word compared for coverage: a crude stem (unmeasured beyond the examples
# "delete"/"deletion", "provider"/"providers").
STEM = 5


# Added to the dense margin before its log (0 → log 0.001): measured, the log-margin model's
# worst held-out false abstention is 0.23 against 0.24 for the raw margin (evals/README.md).
MARGIN_FLOOR = 0.001


# The background rank of ``dense_gap``. Measured leave-one-corpus-out over the seven development
# groups (evals/README.md, the base signals plus the gap): worst held-out false abstention 0.243
# with the gap to the 10th clause, 0.216 to the 30th (0.333 without a gap).
GAP_RANK = 30

# How many of the first clauses ``figure_missing`` looks for a figure in. On the development
# questions: answerable questions (gold in the top 5) flagged / unanswerable flagged, 12/24 with
# the first clause, 3/19 with the first three, 2/17 with five.
FIGURE_CLAUSES = 3

# Characters per word of a Chinese question (``words``): jieba's segmentation of the development
# questions' Chinese (572 questions: 9,498 characters in 5,096 words).
ZH_CHARS_PER_WORD = 1.86
_LATIN_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def question_words(question: str) -> float:
    """How many words ``question`` has: each English word and number one, Chinese characters
    ``ZH_CHARS_PER_WORD`` to a word."""
    return len(_LATIN_WORD.findall(fold(question))) + len(HAN.findall(question)) / ZH_CHARS_PER_WORD


def covered(
    question: str, text: str, idf: Callable[[str], float] | None = None, slots: Sequence[Sequence[str]] = ()
) -> float:
    """The share of ``question``'s content words that ``text`` holds, each word weighted by
    ``idf`` when given; see the module docstring. An English question over a Chinese text also
    counts its ``slots`` (words read through the bilingual dictionary): one each, held when the
    text holds any of its renderings, weighted by the rarity of the first."""
    info = analyse(question)
    tokens = set(bigrams(text))
    if info.lang == "en" and language(text) == "en":
        words = {t for t in info.tokens if t.isascii()}
        stems = {t[:STEM] for t in tokens}
        return _share(words, {w for w in words if w[:STEM] in stems}, idf)
    if info.lang == "en" and slots:
        weight = idf or (lambda _: 1.0)
        asked = set(info.formal)
        total = sum(weight(t) for t in asked)
        held = sum(weight(t) for t in asked & tokens)
        for slot in slots:
            grams = bigrams(slot[0])
            w = sum(weight(g) for g in grams) / len(grams) if grams else 0.0
            total += w
            held += w if any(set(bigrams(word)) <= tokens for word in slot) else 0.0
        return held / total if total > 0 else 0.0
    if idf is None:
        return relevance(info, tokens)
    readings = (info.formal,) if info.lang == "en" else (info.tokens, info.formal)
    return max((_share(set(r), set(r) & tokens, idf) for r in readings if r), default=0.0)


def _share(asked: set[str], found: set[str], idf: Callable[[str], float] | None) -> float:
    weight = idf or (lambda _: 1.0)
    total = sum(weight(t) for t in asked)
    return sum(weight(t) for t in found) / total if total > 0 else 0.0


def lexical_match(lexical_top: float, query_tokens: int) -> float:
    """The ``bm25`` signal: log(1 + the best raw BM25 score per query token), so long and short
    questions compare."""
    return math.log1p(max(lexical_top, 0.0) / max(query_tokens, 1))


def compute(
    question: str,
    hits: Sequence[Hit],
    dense_by_clause: Sequence[float],
    lexical_top: float,
    query_tokens: int,
    candidates: int,
    idf: Callable[[str], float] | None = None,
    named_missing: bool = False,
    doc_mean: float | None = None,
    slots: Sequence[Sequence[str]] = (),
) -> Signals:
    """The signals of one search.

    Args:
        question: the question as asked.
        hits: the fused hits, best first (whole clauses, with per-retriever ranks).
        dense_by_clause: the best dense similarity of each clause found, best first.
        lexical_top: the best raw BM25 score (0 when nothing matched).
        query_tokens: how many tokens the lexical query had.
        candidates: how many units each retriever contributed (an absent rank counts as one more).
        idf: a token's rarity in the index (``rare_coverage``); all tokens alike when None.
        named_missing: the question named a clause by number that the lookup did not find.
        doc_mean: the question's mean similarity to the units of the top clause's document
            (``doc_lift`` is 0 when not given: no dense search).
        slots: an English question's words read through the bilingual dictionary, each as the
            Chinese words that render it (:func:`rag.query.lexicon.bridge`); part of the coverage
            of a Chinese clause.
    """
    top: Unit | None = hits[0].unit if hits else None
    dense_top = dense_by_clause[0] if dense_by_clause else 0.0
    margin = dense_by_clause[0] - dense_by_clause[1] if len(dense_by_clause) > 1 else 0.0
    margin = math.log(MARGIN_FLOOR + max(margin, 0.0))
    shown = "\n".join([*top.path, top.text]) if top is not None else ""
    coverage = covered(question, shown, slots=slots) if top is not None else 0.0
    rare = covered(question, shown, idf or (lambda _: 1.0), slots) if top is not None else 0.0
    agreement = 0.0
    if hits:
        ranks = hits[0].ranks
        missing = candidates + 1
        agreement = (1 / ranks.get("dense", missing) + 1 / ranks.get("lexical", missing)) / 2
    same = 1.0 if top is not None and language(question) == language(top.text) else 0.0
    bm25 = lexical_match(lexical_top, query_tokens)
    gap = dense_by_clause[0] - dense_by_clause[min(GAP_RANK, len(dense_by_clause) - 1)] if dense_by_clause else 0.0
    return Signals(
        float(dense_top), float(margin), bm25, float(coverage), agreement, same, float(rare), float(gap),
        1.0 if figure_missing(question, hits) else 0.0, 1.0 if named_missing else 0.0,
        float(dense_top - doc_mean) if doc_mean is not None and dense_by_clause else 0.0,
        math.log(max(1.0, question_words(question))),
    )


def figure_missing(question: str, hits: Sequence[Hit]) -> bool:
    """Does ``question`` ask for a number that none of the first ``FIGURE_CLAUSES`` hits states —
    for the place it names, when it names one (:mod:`rag.query.places`: a national law's figure
    is not Shenzhen's)?"""
    info = analyse(question)
    if not info.wants_number or not hits:
        return False
    places = named_places(question)
    want = asked(info)
    for hit in hits[:FIGURE_CLAUSES]:
        shown = "\n".join([hit.unit.title, *hit.unit.path, hit.unit.text])
        # A table cell the question names, in the unit asked, is stated too: its value writes no unit,
        # its column does ("GDP（亿元）"; "…对比表里，2020年武汉的GDP是多少亿元？" was refused with the
        # table's clause first, a fresh seed question of stop 64, hz34-06).
        stated = states_figure("\n".join([*hit.unit.path, hit.unit.text]), info) or (
            asked_cell_of_kind(question, hit.unit.text, want) is not None
        )
        if stated and all(mentions(shown, p, places) for p in places) and names_years(shown, info.years):
            return False
    return True


def names_years(text: str, years: Iterable[str]) -> bool:
    """Does ``text`` name every year of ``years`` (a question's: "2035年定的目标是多少" is not answered
    by a clause of 2025's targets; a fresh seed near miss of stop 45)?"""
    folded = fold(text)
    return all(year in folded for year in years)
