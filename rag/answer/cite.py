"""Citation verification, shared by both answerers.

An answer is text with markers ``[n]`` pointing into a numbered list of retrieved clauses.
Its markers are normalised by :mod:`rag.answer.markers` (re-exported here); this module
checks every sentence against the clauses it cites: lexical overlap on folded text (the share
of the sentence's character bigrams found in the cited clauses); when an embedder is given and
the wording differs (a paraphrase, an English sentence), embedding similarity — the cited
clause must be the numbered source nearest to the sentence; and every number in the sentence
must occur in a cited clause.

Thresholds are calibrated by ``benchmarks/support_bench.py`` on hand-written paraphrases of the
plan's clauses against their hard negatives; the values and how they were chosen are below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from rag.answer.markers import markers, normalise_markers
from rag.answer.records import ABSTAIN_EN, ABSTAIN_ZH
from rag.index.embed import Embedder
from rag.query.refs import to_int
from rag.text import bigrams, content_tokens, fold, has_han, merge_ranges, strip_markers, token_spans

__all__ = [
    "ABSTAIN_EN",
    "ABSTAIN_ZH",
    "MIN_OVERLAP",
    "MIN_SIMILARITY",
    "MIN_SPAN_TOKENS",
    "SIMILARITY_MARGIN",
    "Support",
    "SupportChecker",
    "content_tokens",
    "has_number",
    "markers",
    "normalise_markers",
    "numbers",
    "overlap",
]

# A sentence whose cited clauses contain at least this share of its bigrams is supported.
# Verbatim quotes score 1.0; Chinese paraphrases of a clause 0.47–0.71 against it and at most
# 0.41 against the five clauses nearest in meaning (benchmarks/support_bench.py; README).
MIN_OVERLAP = 0.45
# Embedding similarity cannot be read on an absolute scale: with multilingual-e5-small an English
# paraphrase scores 0.78–0.83 against its own clause and up to 0.82 against a wrong one. What
# does separate them is rank: the cited clause must be the source nearest to the sentence, within
# this margin (accepts 79% of paraphrases, 8% of hard negatives), and above a floor.
SIMILARITY_MARGIN = 0.005
MIN_SIMILARITY = 0.75

# A run of clause tokens that the sentence shares is shown as support only from this many content
# tokens on (3 bigrams = 4 Chinese characters, or 3 English words): shorter runs are the common
# words any two clauses share ("城市", "推进"). Chosen by reading the dev answers' clause panels,
# not measured.
MIN_SPAN_TOKENS = 3
# Between two shared tokens, up to three characters of punctuation or spaces do not break a run
# (so a quoted sentence is marked whole, commas and all); the end of a sentence does.
_GAP = re.compile(r"[^\w。！？!?；;.]{0,3}")

# A number is taken whole with all its dotted parts: "1798.199.100" (a statute's section) is one
# number, not "1798.199" and "100", which a text holding it would not hold whole.
_NUMBER = re.compile(r"\d+(?:\.\d+)*")
# A quotation inside a sentence.
_QUOTED = re.compile(r"“([^“”]+)”")


_ARTICLE_IN_ENGLISH = re.compile(r"Article (\d+) \((第([零〇一二两三四五六七八九十百千\d]{1,12})[条條])\)")


def article_names_read(text: str) -> str:
    """``text`` with each "Article 30 (第三十条)" — a Chinese article named in English, as answers
    name it — read as its label "第三十条": that 30 is the label's, no figure. A number that is not
    the label's ("Article 31 (第三十条)") stays, a number to check."""
    return _ARTICLE_IN_ENGLISH.sub(lambda m: m.group(2) if to_int(m.group(3)) == int(m.group(1)) else m.group(0),
                                   text)


def numbers(text: str) -> list[str]:
    """The Arabic numbers in ``text`` (folded, so full-width digits count), markers excluded."""
    return _NUMBER.findall(fold(strip_markers(text)))


def _squash(text: str) -> str:
    """Folded, without spaces: extraction puts spaces around numbers ("300 万"). A space between
    two digits stays: a heading's "Section 1798.105" and the text's "1798.105. …" on the next
    line are two numbers, not one."""
    return re.sub(r"(?<!\d)\s+|\s+(?!\d)", "", fold(text))


def has_number(number: str, text: str) -> bool:
    """Does ``number`` occur in ``text`` as a whole number (not inside a longer one)?

    A dot before it belongs to a longer number only after a digit: "SEC. 2" (squashed "sec.2")
    holds 2, "1798.199.100" holds neither 199 nor 100. Lines are read apart: an EU act's
    "…No 765/2008." above "2. For high-risk AI systems…" holds 2008 and 2, not "2008.2"."""
    pattern = re.compile(rf"(?<!\d)(?<!\d\.){re.escape(number)}(?![\d]|\.\d)")
    return any(pattern.search(_squash(line)) for line in text.split("\n"))


def claim_tokens(text: str) -> list[str]:
    """The tokens a sentence is checked on: its content tokens, except that a Chinese sentence
    quoting English text ("该条规定：“A consumer shall…”") is checked on the quote, as an English
    sentence around a Chinese quote is (:func:`rag.text.content_tokens` counts only its Chinese)."""
    if has_han(text):
        quotes = [q for q in _QUOTED.findall(text) if not has_han(q)]
        if quotes:
            return content_tokens(" ".join(quotes))
    return content_tokens(text)


def overlap(sentence_tokens: Sequence[str], source_tokens: set[str]) -> float:
    """Share of the sentence's distinct tokens found among the source's."""
    distinct = set(sentence_tokens)
    return len(distinct & source_tokens) / len(distinct) if distinct else 0.0


@dataclass(frozen=True)
class Support:
    """The verdict on one sentence.

    ``cited``: the markers it carries; ``supporting``: those whose clause supports it on its
    own (or, when none does alone, those that together do); ``overlap`` and ``similarity``
    are against all cited clauses together (similarity None without an embedder);
    ``missing_numbers``: numbers in the sentence no cited clause contains.
    """

    cited: tuple[int, ...]
    supporting: tuple[int, ...]
    supported: bool
    overlap: float
    similarity: float | None
    missing_numbers: tuple[str, ...]


class SupportChecker:
    """Checks sentences against numbered sources (1-based) by overlap, similarity and numbers."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        min_overlap: float = MIN_OVERLAP,
        min_similarity: float = MIN_SIMILARITY,
        margin: float = SIMILARITY_MARGIN,
    ) -> None:
        if not 0.0 < min_overlap <= 1.0:
            raise ValueError(f"min_overlap must be in (0, 1]. Currently, the min_overlap is {min_overlap}")
        self.embedder = embedder
        self.min_overlap = min_overlap
        self.min_similarity = min_similarity
        self.margin = margin
        self._token_cache: dict[str, set[str]] = {}
        self._vector_cache: dict[str, np.ndarray] = {}

    def check(self, sentence: str, sources: Mapping[int, str]) -> Support:
        """Check one sentence (markers included) against ``sources`` (number → clause text)."""
        cited = tuple(n for n in markers(sentence) if n in sources)
        plain = strip_markers(sentence)
        if not cited:
            return Support((), (), False, 0.0, None, tuple(numbers(plain)))
        tokens = claim_tokens(plain)
        alone = {n: overlap(tokens, self._tokens(sources[n])) for n in cited}
        together = overlap(tokens, set().union(*(self._tokens(sources[n]) for n in cited)))
        similarity: dict[int, float] = {}
        nearest = 0.0
        if self.embedder is not None and together < self.min_overlap:
            # Every source is scored: a citation counts only if its clause is the nearest.
            similarity = self._similarities(self.embedder, plain, sources)
            nearest = max(similarity.values()) - self.margin
        claimed = numbers(article_names_read(plain))  # "Article 30 (第三十条)": its 30 is the label's
        missing = tuple(x for x in dict.fromkeys(claimed) if not any(has_number(x, sources[n]) for n in cited))

        def ok(lex: float, sim: float | None) -> bool:
            close = sim is not None and sim >= self.min_similarity and sim >= nearest
            return lex >= self.min_overlap or close

        supporting = tuple(n for n in cited if ok(alone[n], similarity.get(n)))
        best_sim = max(similarity[n] for n in cited) if similarity else None
        supported = not missing and (bool(supporting) or ok(together, best_sim))
        if supported and not supporting:
            supporting = tuple(n for n in cited if alone[n] > 0)
        return Support(cited, supporting, supported, together, best_sim, missing)

    def spans(self, sentence: str, clause: str) -> tuple[tuple[int, int], ...]:
        """Where ``clause`` holds what :meth:`check` matched of ``sentence``: character ranges.

        The ranges are the runs of consecutive clause tokens that are among the sentence's
        tokens (the ones its overlap is measured on), joined across punctuation within a
        sentence and, for English, across stopwords. Longest runs first, a run is kept when it
        holds at least ``MIN_SPAN_TOKENS`` content tokens no kept run holds. A verbatim quote is
        one range over the quoted text; a paraphrase gets the pieces it shares. Empty when the
        sentence is supported by meaning only (embedding similarity).
        """
        plain = strip_markers(sentence)
        content = set(claim_tokens(plain))
        if not content:
            return ()
        shared = set(bigrams(plain))  # with stopwords: they join a run of English words
        runs: list[tuple[int, int, frozenset[str]]] = []  # (start, end, content tokens)
        start = end = reach = -1
        held: set[str] = set()

        def close() -> None:
            if held:
                runs.append((start, end, frozenset(held)))

        for token, a, b in token_spans(clause):
            joined = reach >= 0 and (a <= reach or _GAP.fullmatch(clause[reach:a]) is not None)
            if token not in shared or not joined:
                close()
                start = end = reach = -1
                held = set()
            if token not in shared:
                continue
            if reach < 0:
                start = a
            reach = max(reach, b)
            if token in content:
                end = b
                held.add(token)
        close()
        # Each shared token is shown once, where the longest run holds it: a repeated short phrase
        # ("落户限制" earlier in the clause) is not marked again.
        ranges: list[tuple[int, int]] = []
        seen: set[str] = set()
        for a, b, tokens in sorted(runs, key=lambda r: (-len(r[2]), r[0])):
            if len(tokens - seen) >= MIN_SPAN_TOKENS:
                ranges.append((a, b))
                seen |= tokens
        return tuple(merge_ranges(ranges))

    def _tokens(self, text: str) -> set[str]:
        if text not in self._token_cache:
            self._token_cache[text] = set(bigrams(text))
        return self._token_cache[text]

    def _similarities(self, embedder: Embedder, sentence: str, sources: Mapping[int, str]) -> dict[int, float]:
        todo = list(dict.fromkeys(t for t in sources.values() if t not in self._vector_cache))
        if todo:
            for text, vec in zip(todo, embedder.embed(todo), strict=True):
                self._vector_cache[text] = vec
        query = embedder.embed([sentence], query=True)[0]
        return {n: float(np.dot(query, self._vector_cache[t])) for n, t in sources.items()}


