"""Retrieval stage: article lookup first, then dense + lexical search fused, clause by clause.

``Retriever.retrieve(question)`` does, in order:

1. **Direct lookup.** A question that names a clause ("实施方案第十二条讲了什么", "（六）",
   "第三部分", "Article 5") gets that clause from :mod:`rag.query.refs`, whatever the embeddings say.
2. **Hybrid search.** The question is embedded (dense, FAISS) and, rewritten into the
   documents' own words (:mod:`rag.query.rewrite`), searched with character-bigram BM25. The two
   rankings are fused by reciprocal-rank fusion or by a weighted sum of normalised scores.
   When units in the question's language and in another compete, those in the other language
   are scored by meaning (``cross_dense_weight``): an English question finds the Chinese article
   it asks about, not the English text that shares its words.
3. **Clause title boost**, **document prior** and **formal first** (``formal_boost`` for laws,
   regulations and notices over commentary, :mod:`rag.retrieve.kinds`; all optional, measured in
   ``benchmarks/retrieval_bench.py``); ``kinds`` keeps only documents of those kinds.
4. **Answerability.** The search's signals (:mod:`rag.retrieve.signals`) go through the fitted
   model (:mod:`rag.retrieve.answerability`): ``Retrieval.answerable``, ``Retrieval.p_answerable``.
5. **Merging.** Passages of one split clause collapse into one hit whose unit is the whole
   clause, so a citation always shows the clause as written.

Example::

    retriever = Retriever(load_index(path, embedder_id=embedder.id), embedder)
    for hit in retriever.search("城区人口不到300万的城市还限制落户吗？", top_k=3):
        print(hit.unit.label, hit.score)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from rag.answer.meaning import MeaningRanker
from rag.index.embed import Embedder
from rag.index.stores import SearchIndex
from rag.query import refs
from rag.query.abroad import set_abroad
from rag.query.breach import breached
from rag.query.commencement import asks_commencement, reviews_a_reference, states_start_asked
from rag.query.outside import cites_outside
from rag.query.overview import about_whole_documents, asks_comparison, asks_overview, compares
from rag.query.shortened import spell_out
from rag.records import DocumentMeta, Hit, Unit
from rag.retrieve.answerability import MODEL_PATH, AnswerabilityModel
from rag.retrieve.hybrid import SENTENCE_CHARS, SENTENCES_PER_CLAUSE, HybridSearch, without_names
from rag.retrieve.kinds import FILTERS, document_kinds, is_formal, matches
from rag.retrieve.lookup import LookupResult, resolve
from rag.retrieve.options import FUSIONS, Retrieval, RetrievalOptions
from rag.retrieve.ordinal import item_first
from rag.retrieve.outline import outline
from rag.retrieve.rank import clause_title, merge_passages, rrf, weighted
from rag.retrieve.titlemeaning import TitleMeaning, short_title
from rag.text import fold, has_han, language

__all__ = [
    "FUSIONS", "Retrieval", "RetrievalOptions", "Retriever", "clause_title", "merge_passages", "rrf", "weighted",
]

# Where a document's purpose is looked for when it has no outline to bound its opening: its
# first units (unmeasured: 第一条 is the first unit of a law, "Findings and Declarations" the
# CPRA's second section).
PURPOSE_UNITS = 10


class Retriever(HybridSearch):
    """Hybrid retrieval over one loaded index; see the module docstring. The search itself is
    :class:`~rag.retrieve.hybrid.HybridSearch`."""

    def __init__(self, index: SearchIndex, embedder: Embedder | None, options: RetrievalOptions | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.options = options or RetrievalOptions()
        self.titles = {d.doc_id: d.title for d in index.manifest.documents}
        # Each English document by its file name and its own title (rag.retrieve.titlemeaning).
        english = {
            d.doc_id: tuple(dict.fromkeys(n for n in (d.title, short_title(d.meta.title)) if n))
            for d in index.manifest.documents if not has_han(d.meta.title or d.title)
        }
        opts = self.options
        meaning = (
            TitleMeaning(embedder, english, least=opts.name_meaning_min, margin=opts.name_meaning_margin)
            if embedder is not None and english and opts.name_meaning_min > 0 else None
        )
        self.names = refs.DocNames(self.titles, {d.doc_id: (d.meta.title,) for d in index.manifest.documents},
                                   ends_only=self.options.name_ends, meaning=meaning)
        self._refs: refs.RefIndex | None = None  # built on the first lookup
        self._clause_rows: dict[tuple[str, int], list[int]] = {}
        self._doc_rows: dict[str, list[int]] = {}
        for row, unit in enumerate(index.units):
            self._clause_rows.setdefault(unit.clause_key, []).append(row)
            self._doc_rows.setdefault(unit.doc_id, []).append(row)
        self._whole: dict[tuple[str, int], Unit] = {}
        self._title_grams: dict[tuple[str, int], set[str]] = {}
        self.kinds = document_kinds(index.manifest.documents)
        self._formal = frozenset(d for d, k in self.kinds.items() if is_formal(k))
        self.metas: dict[str, DocumentMeta] = {d.doc_id: d.meta for d in index.manifest.documents}
        self._lang: list[str] | None = None  # per row, on the first search
        self._df: Counter[str] | None = None  # token → units holding it, on the first search
        self._pairs: dict[str, set[str]] | None = None  # Han character → those following it in a token
        self._text: str | None = None  # every unit's text, when a question's word is spelled out
        self._commence: dict[str, int | None] = {}  # doc → its commencement clause's row, when asked
        self._provisions: dict[tuple[str, str], int | None] = {}  # (doc, kind) → its final provision's row
        self._purpose: dict[tuple[str, int], bool] = {}  # clause → states its text's purpose, when read
        self._amending: dict[tuple[str, int], bool] = {}  # clause → amends another act, when read
        # doc → article → the clauses stating a fine that cite it, when a fine is asked
        self._fines: dict[str, dict[int, list[tuple[str, int]]]] = {}
        self._doc_means: dict[str, np.ndarray] = {}  # doc → mean vector of its units, when it tops a search
        # Sentences of the first clauses by meaning (RetrievalOptions.sentence_weight).
        self._sentences = (
            MeaningRanker(
                embedder, max_sentences=SENTENCES_PER_CLAUSE, max_chars=SENTENCE_CHARS, known=self.query_vector
            )
            if embedder is not None
            else None
        )
        self.model = _load_model(embedder) if self.options.answerability else None

    # -- public ---------------------------------------------------------------------------

    def warm_up(self) -> refs.RefIndex:
        """Build the per-unit tables now rather than on the first question: the article-lookup
        table (about 0.5 s at 100,000 units), each unit's language and the token document
        frequencies (read once over every unit's text: the first answer at 10^6 units paid for
        them, ``benchmarks/scale_bench.py``). Returns the article-lookup table."""
        if self._refs is None:
            self._refs = refs.RefIndex(self.index.units)
        self._languages()
        self._frequencies()
        return self._refs

    def search(
        self, question: str, *, top_k: int = 5, docs: Iterable[str] | None = None, kinds: Iterable[str] | None = None
    ) -> list[Hit]:
        """The ``top_k`` best clauses for ``question``; see :meth:`retrieve`."""
        return list(self.retrieve(question, top_k=top_k, docs=docs, kinds=kinds).hits)

    def retrieve(
        self, question: str, *, top_k: int = 5, docs: Iterable[str] | None = None, kinds: Iterable[str] | None = None
    ) -> Retrieval:
        """Retrieve the clauses that answer ``question``.

        Args:
            question: the user's question.
            top_k: how many clauses to return (whole clauses, not passages).
            docs: only these documents (doc ids); None for all.
            kinds: only documents of these kinds (:data:`~rag.retrieve.kinds.FILTERS`); None for
                the options' ``kinds``.

        Returns:
            A Retrieval with hits best first, each a whole clause carrying its document's metadata.

        Raises:
            ValueError: ``top_k`` below 1, an unknown document id in ``docs`` or an unknown kind.
        """
        if top_k <= 0:
            raise ValueError(f"top_k must be greater than 0. Currently, the top_k is {top_k}")
        allowed = self._allowed(docs, self.options.kinds if kinds is None else tuple(kinds))
        allowed = self._abroad(question, allowed)
        found_refs = refs.parse_refs(question) if self.options.direct_lookup else ()
        if breached(question, found_refs):
            # "违反本条例第十一条规定的，怎么处罚？" asks what follows from breaking the article: the
            # clauses citing it are searched for (rag.query.breach), not the article looked up.
            found_refs = ()
        if found_refs and reviews_a_reference(question, [r.text for r in found_refs]):
            # "…evaluation report on the implementation of Article 4?" asks the review clause, which the
            # search finds (rag.query.commencement), not Article 4.
            found_refs = ()
        if found_refs and asks_commencement(question):
            # "…Article 24(1), the one that makes Member States set up insolvency registers — from what date
            # did that apply?" (a fresh trap of stop 64, pe64-14, answered from Article 24): when a text or
            # one of its articles applies is stated in its final provisions, which the search finds.
            found_refs = ()
        if found_refs and cites_outside(question, found_refs, self.names):
            # "我按劳动合同法第三十八条辞职了…" cites an article of a law the index lacks
            # (rag.query.outside): the question is searched for, not the index's own 第三十八条.
            found_refs = ()
        if found_refs:

            def look(scope: list[str]) -> LookupResult | None:
                return resolve(question, found_refs, self.warm_up(), scope, allowed, top_k, self.whole_clause,
                               self.titles, self._formal)

            named = self.names.mentioned(question)
            looked = look(named)
            if looked is None and named != (plain := self.names.mentioned(question, translated=False)):
                # An English name read as a Chinese law's ("Civil Code 1798.106" is California's
                # Civil Code, not 民法典) that lacks the clause: the clause is looked up as if
                # no translated name were there.
                looked = look(plain)
            if looked is None and named and all(len(r.number) > 1 for r in found_refs):
                # A codified section's dotted number ("第1798.120条") names one clause wherever it
                # stands; a name read as another document's ("加州民法典" is California's Civil
                # Code, not 民法典) does not hide it. A whole number (行政处罚法第九十条) is not
                # looked for elsewhere: every law has a 第九十条.
                looked = look([])
            if looked is not None:
                return Retrieval(
                    question, self._dressed(looked.hits), found_refs, direct=True, candidates=looked.candidates,
                    focus=looked.focus,
                )
        if (commencement := self._commencement_lookup(question, allowed)) is not None:
            return Retrieval(question, self._dressed([commencement]), direct=True)
        # A clause named by number and not found ("实施方案（九十九）讲了什么？") is no question
        # about the whole document.
        if not found_refs and (outlined := self._outline_lookup(question, allowed)):
            return Retrieval(question, self._dressed(outlined), direct=True)
        asked = spell_out(question, self) if self.options.spell_out else question
        found, dense_top, signals = self._hybrid(asked, top_k, allowed)
        found = item_first(question, found)  # "那第五个趋势呢？" after "…呈现五大趋势…" (rag.retrieve.ordinal)
        if found and "provision" in found[0].ranks:
            # The search found first the transposition, review or repeal clause asked: where every
            # directive states the date asked, answered as the commencement clause is.
            return Retrieval(question, self._dressed([found[0]]), direct=True)
        if found_refs:  # a clause named by number that the lookup did not find: the search answers another
            signals = replace(signals, named_missing=1.0)
        hits = self._dressed(found)
        if self.model is None:
            return Retrieval(question, tuple(hits), found_refs, dense_top=dense_top, signals=signals, asked=asked)
        return Retrieval(
            question, tuple(hits), found_refs, dense_top=dense_top, signals=signals,
            p_answerable=self.model.probability(signals), threshold=self.model.threshold_for(language(question)),
            asked=asked,
        )

    # -- stages ---------------------------------------------------------------------------

    def _commencement_lookup(self, question: str, allowed: set[str] | None) -> Hit | None:
        """The commencement clause of the one document the question names, when it asks from when
        that document applies ("修订后的行政处罚法从哪天起施行？"): a lookup like "第八十六条", since the
        clause is where every law says it. None when no single document is named or it states no
        date (the search then still puts such clauses first, ``HybridSearch._moved_first``)."""
        if not asks_commencement(question):
            return None
        named = [d for d in self.names.mentioned(question) if allowed is None or d in allowed]
        if len(named) != 1 or (row := self._commencement_row(named[0])) is None:
            return None
        clause = self.whole_clause(self.index.units[row])
        if not states_start_asked(question, clause.text):
            return None  # the entry into force asked apart from the date of application the clause states
        return Hit(clause, 1.0, {})

    def _outline_lookup(self, question: str, allowed: set[str] | None) -> list[Hit]:
        """The clause stating the purpose of the one document the question names (or the one the
        user chose) and the first clause of each of its parts, when the question asks what the
        document is about (:mod:`rag.query.overview`, :mod:`rag.retrieve.outline`); empty
        otherwise. A part's hit carries ``ranks["part"]``, the heading path's level its heading
        stands at; the purpose clause ``ranks["purpose"]``."""
        if not self.options.direct_lookup or not about_whole_documents(question):
            return []  # most questions: no document names looked for
        if compares(question) and (compared := self._compared(question, allowed)) is not None:
            return compared
        names = self.names.names(question)
        named = [d for d in names if allowed is None or d in allowed]
        if not names and allowed is not None and len(allowed) == 1:
            named = list(allowed)  # "这个条例主要讲了什么？" with one document chosen
        if len(named) != 1 or not asks_overview(question, without_names(question, names.values())):
            return []
        units = [self.index.units[r] for r in self._doc_rows.get(named[0], [])]
        found = outline(units)
        if found is None:
            return []
        hits: list[Hit] = []
        purpose = self._purpose_clause(named[0], units[: found.parts[1].first])
        if purpose is not None:
            hits.append(Hit(purpose, 1.0, {"ref": 1, "purpose": 1}))
        for part in found.parts:
            unit = self.whole_clause(units[part.first])
            if hits and unit.clause_key == hits[0].unit.clause_key:
                hits[0] = replace(hits[0], ranks={**hits[0].ranks, "part": found.level})
                continue
            hits.append(Hit(unit, 1.0 - 0.001 * len(hits), {"ref": len(hits) + 1, "part": found.level}))
        return hits

    def _compared(self, question: str, allowed: set[str] | None) -> list[Hit] | None:
        """Each one's purpose clause, side by side, when the question compares two documents it
        names as wholes (empty when either states no purpose: the question is searched); None
        when it compares no two documents."""
        every = self.names.every(question)
        folded = fold(question)
        compared = sorted((d for d in every if allowed is None or d in allowed), key=lambda d: folded.find(every[d]))
        if len(compared) != 2 or not asks_comparison(question, without_names(question, every.values())):
            return None
        purposes = [p for d in compared if (p := self._purpose_clause(d)) is not None]
        if len(purposes) < len(compared):
            return []
        return [Hit(p, 1.0 - 0.001 * i, {"ref": i + 1, "purpose": 1}) for i, p in enumerate(purposes)]

    def _purpose_clause(self, doc_id: str, opening: Sequence[Unit] | None = None) -> Unit | None:
        """The whole clause stating ``doc_id``'s purpose (rag.query.purpose), looked for in its
        ``opening`` units (default: its first ``PURPOSE_UNITS``): 第一条, a preamble, Article 1."""
        if opening is None:
            opening = [self.index.units[r] for r in self._doc_rows.get(doc_id, [])[:PURPOSE_UNITS]]
        found = next((u for u in opening if self._states_purpose(u.clause_key, u)), None)
        return self.whole_clause(found) if found is not None else None

    def _dressed(self, hits: Iterable[Hit]) -> tuple[Hit, ...]:
        """The hits with their document's metadata, so every citation can show it."""
        return tuple(replace(h, meta=self.metas.get(h.unit.doc_id)) for h in hits)

    def _abroad(self, question: str, allowed: set[str] | None) -> set[str] | None:
        """``allowed`` narrowed to the English texts when the question sets its case abroad
        (rag.query.abroad) and names no other document: a case in Austria is no question about a
        Chinese law, whichever language it is asked in. Unchanged when the index (or ``allowed``)
        holds no English text, or only English ones."""
        if not self.options.abroad_english or not set_abroad(question):
            return allowed
        english = self._documents_in("en")
        scope = english if allowed is None else english & allowed
        if not scope or scope == (set(self._doc_rows) if allowed is None else allowed):
            return allowed
        if any(d not in english for d in self.names.mentioned(question)):
            return allowed
        return scope

    def _allowed(self, docs: Iterable[str] | None, kinds: tuple[str, ...]) -> set[str] | None:
        wanted: set[str] | None = None
        if docs is not None:
            wanted = set(docs)
            unknown = sorted(wanted - set(self._doc_rows))
            if unknown:
                known = ", ".join(sorted(self._doc_rows))
                raise ValueError(f"unknown document(s) {', '.join(unknown)}; the index has: {known}")
        if kinds:
            unknown = [k for k in kinds if k not in FILTERS]
            if unknown:
                raise ValueError(f"unknown document kind {unknown[0]!r}; the kinds are {', '.join(FILTERS)}")
            of_kind = {d for d, k in self.kinds.items() if matches(k, kinds)}
            wanted = of_kind if wanted is None else wanted & of_kind
        return wanted


def _load_model(embedder: Embedder | None) -> AnswerabilityModel | None:
    """The shipped answerability model when it was fitted with ``embedder``; else None."""
    if embedder is None or not MODEL_PATH.exists():
        return None
    model = AnswerabilityModel.load(MODEL_PATH)
    return model if model.fits(embedder.id) else None
