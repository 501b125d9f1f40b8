"""Sentences ranked by meaning, for a question asked in another language than its clause.

Word overlap cannot choose the sentences of a Chinese article that answer an English question
(or of an English regulation for a Chinese one): the two share no words. The embedder that
retrieved the clause can: :class:`MeaningRanker` scores each sentence of the clauses in the
clause's language by the cosine similarity between the question (as a query) and the sentence
(as a passage), in one batch, with a cap on how many sentences and characters are embedded (the
added latency: ``benchmarks/crossing_bench.py``). The question's vector is the retriever's when
it is given one (``known``), so only the sentences are embedded.

Example::

    ranker = MeaningRanker(embedder)
    ranker.similarities("Can a child under 14 be fined?", ["不满十四周岁的未成年人…", "…"])
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from rag.index.embed import Embedder

# At most this many sentences are embedded for one answer, taken in rank order (the first
# clause's first): a Chinese article has 1–6 sentences, so the first two or three clauses fit;
# an English section longer than this is read up to it. Embedding is ~10–35 ms per short
# sentence at one thread on these machines, so this caps the added latency; unmeasured for quality.
MAX_SENTENCES = 6
# The first clause is read whole up to this many sentences, past MAX_SENTENCES: 工伤保险条例第十四条
# (a lead-in and seven items) was read to its fifth item, and "Is a worker injured … on the way
# to work covered…?" was answered with items (一)–(三), its answer (六) never scored (stop 33).
MAX_FIRST_CLAUSE = 24
# A sentence is embedded by its first this many characters (a long list item costs as much as
# a paragraph and its opening says what it is about). Unmeasured.
MAX_CHARS = 120
# Sentence and question vectors kept between questions (a clause asked about twice is embedded
# once). Unmeasured; 4,096 vectors of 384 floats are 6 MB.
CACHE_SIZE = 4096


class MeaningRanker:
    """Cosine similarity of a question to sentences with the retrieval embedder; see the module."""

    def __init__(
        self, embedder: Embedder, *, max_sentences: int = MAX_SENTENCES, max_chars: int = MAX_CHARS,
        cache_size: int = CACHE_SIZE, known: Callable[[str], np.ndarray | None] | None = None,
    ) -> None:
        if max_sentences <= 0:
            raise ValueError(f"max_sentences must be greater than 0. Currently, it is {max_sentences}")
        if max_chars <= 0:
            raise ValueError(f"max_chars must be greater than 0. Currently, it is {max_chars}")
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.max_chars = max_chars
        self.cache_size = cache_size
        # A query vector already made (the retriever's, for the same question), or None.
        self.known = known
        self._cache: OrderedDict[tuple[str, bool], np.ndarray] = OrderedDict()

    def similarities(self, question: str, sentences: Sequence[str], *, first_clause: int = 0) -> list[float]:
        """Similarity of ``question`` to each of the first ``max_sentences`` ``sentences``
        (fewer scores than sentences when there are more), or of the first ``first_clause`` (the
        first clause's sentences, up to ``MAX_FIRST_CLAUSE``) when they are more."""
        limit = max(self.max_sentences, min(first_clause, MAX_FIRST_CLAUSE))
        texts = [s[: self.max_chars] for s in sentences[:limit]]
        if not texts:
            return []
        made = self.known(question) if self.known is not None else None
        query = made if made is not None else self._vectors([question], query=True)[0]
        return [float(np.dot(query, v)) for v in self._vectors(texts, query=False)]

    def _vectors(self, texts: Sequence[str], *, query: bool) -> list[np.ndarray]:
        todo = list(dict.fromkeys(t for t in texts if (t, query) not in self._cache))
        if todo:
            for text, vec in zip(todo, self.embedder.embed(todo, query=query), strict=True):
                self._cache[(text, query)] = np.asarray(vec, dtype=np.float32)
        out = []
        for t in texts:
            self._cache.move_to_end((t, query))
            out.append(self._cache[(t, query)])
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return out
