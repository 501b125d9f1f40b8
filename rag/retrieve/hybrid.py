"""Hybrid search: dense and lexical rankings fused, scored clause by clause.

``HybridSearch`` is the part of :class:`~rag.retrieve.fusion.Retriever` that embeds the question,
searches dense (FAISS) and character-bigram BM25 over the allowed rows, fuses the two rankings
(reciprocal-rank fusion or a weighted sum, per language when units of several compete), collapses
passages into whole clauses, adds the title, document, mention and formal boosts, lowers a clause
stating its text's purpose, and computes the search's signals. The retriever owns the tables it
reads (set in its ``__init__``).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

import numpy as np

from rag.answer.meaning import MeaningRanker
from rag.answer.quotes import clause_sentences, item_pieces, sentence_pieces
from rag.index.docfreq import document_frequencies
from rag.index.embed import Embedder
from rag.index.stores import SearchIndex
from rag.query import refs
from rag.query.amending import amends_other, asks_amendment, clause_amends_other
from rag.query.commencement import (
    LAST_CLAUSE,
    asked_provision,
    asks_commencement,
    states_commencement,
    states_provision,
)
from rag.query.fines import asks_fine, own_articles_cited, states_fine
from rag.query.focus import asked_sentence
from rag.query.headref import heading_ref
from rag.query.lexicon import bridge, renderings
from rag.query.purpose import OPENING_CHARS, asks_purpose, states_purpose
from rag.query.question import analyse
from rag.query.rewrite import expansions, rewrite
from rag.query.terms import defined_term, defines
from rag.records import Hit, Unit
from rag.retrieve import signals
from rag.retrieve.kinds import is_formal
from rag.retrieve.options import RetrievalOptions
from rag.retrieve.rank import clause_title, merge_passages, rrf, weighted, weighted_by_row
from rag.retrieve.signals import Signals
from rag.text import (
    ACT_ISSUER_NO,
    ACT_KIND,
    HAN,
    bigrams,
    fold,
    language,
    without_function_words,
)

# Sentences and pieces of sentences read per clause and characters per sentence for
# ``RetrievalOptions.sentence_weight`` (rag.answer.quotes.sentence_pieces; the measurement read up
# to 40 of them per clause).
SENTENCES_PER_CLAUSE = 40
SENTENCE_CHARS = 300


# How many of a named other-language document's nearest units are lifted (HybridSearch._with_named);
# unmeasured beyond "more than the first five a question reads".
NAMED_UNITS = 10


class HybridSearch:
    """Dense + lexical search fused into whole-clause hits; mixed into the Retriever, which sets
    the tables below."""

    index: SearchIndex
    embedder: Embedder | None
    options: RetrievalOptions
    names: refs.DocNames
    kinds: dict[str, str]
    _clause_rows: dict[tuple[str, int], list[int]]
    _doc_rows: dict[str, list[int]]
    _whole: dict[tuple[str, int], Unit]
    _title_grams: dict[tuple[str, int], set[str]]
    _lang: list[str] | None
    _df: Counter[str] | None
    _pairs: dict[str, set[str]] | None
    _text: str | None
    _commence: dict[str, int | None]
    _provisions: dict[tuple[str, str], int | None]
    _doc_means: dict[str, np.ndarray]
    _purpose: dict[tuple[str, int], bool]
    _amending: dict[tuple[str, int], bool]
    _fines: dict[str, dict[int, list[tuple[str, int]]]]
    _sentences: MeaningRanker | None
    _last_query: tuple[str, np.ndarray] | None = None

    def query_vector(self, text: str) -> np.ndarray | None:
        """The vector the last search embedded for ``text`` as a query, if it was that text: the
        answer's meaning ranker (rag.answer.meaning) reuses it instead of embedding it again."""
        last = self._last_query
        return last[1] if last is not None and last[0] == text else None

    def whole_clause(self, unit: Unit) -> Unit:
        """The whole clause ``unit`` belongs to (itself unless it is one passage of several)."""
        key = unit.clause_key
        if key not in self._whole:
            rows = self._clause_rows.get(key, [])
            parts = [self.index.units[r] for r in rows] or [unit]
            self._whole[key] = merge_passages(parts)
        return self._whole[key]

    def _hybrid(self, question: str, top_k: int, allowed: set[str] | None) -> tuple[list[Hit], float, Signals]:
        opts = self.options
        k = max(opts.candidates, top_k)
        lexical_query = rewrite(question, lay_english=opts.english_lay_terms) if opts.rewrite else question
        slots = bridge(question, self._present, per_word=opts.bridge_words) if opts.bridge_words else ()
        names = self.names.names(question) if opts.mention_boost or opts.drop_doc_names else {}

        def searched(query: str) -> str:
            query = without_function_words(query) if opts.drop_function_words else query
            return without_names(query, names.values()) if opts.drop_doc_names else query

        asked = language(question)
        own_query = searched(lexical_query)
        lexical = self._lexical(own_query, k, allowed) if opts.fusion != "dense" else []
        if opts.render_words and lexical and asked == "zh":
            lexical = self._with_renderings(question, own_query, lexical, k, allowed)
        rows_lang = self._languages()
        dense: list[tuple[int, float]] = []
        vector: np.ndarray | None = None
        if opts.fusion != "lexical" and self.embedder is not None:
            dense_query = lexical_query if opts.rewrite_dense else question
            vector = self.embedder.embed([dense_query], query=True)[0]
            self._last_query = (dense_query, vector)
            if opts.focus_share > 0 and (focus := asked_sentence(question)) is not None:
                mixed_vector = (1 - opts.focus_share) * vector + opts.focus_share * self.embedder.embed(
                    [focus], query=True
                )[0]
                vector = mixed_vector / (np.linalg.norm(mixed_vector) or 1.0)
            dense = self._dense(vector, k, allowed)
            if opts.cross_dense_offset or opts.cross_dense_offset_zh:
                # The mixed vector is made only when there are other-language units to order: a Chinese
                # question over Chinese texts alone reads no glosses (jieba and CC-CEDICT stay unloaded).
                bridged = functools.partial(self._bridged, question, vector, names.values())
                raise_by = self._lexical_raise(lexical, asked)
                dense = self._with_other_language(vector, dense, asked, k, allowed, bridged, raise_by)
            if names and opts.mention_boost and asked == "zh":
                dense = self._with_named(vector, dense, names, asked, allowed)
        own_first = bool(lexical) and rows_lang[lexical[0][0]] == asked
        nearest_other = bool(dense) and rows_lang[dense[0][0]] != asked
        # The dictionary's Chinese words join the lexical query unless the question's own words
        # already lead to a text in its language (an English question about the CPRA: there
        # the Chinese words only bring Chinese clauses into its list; measured, four English
        # development questions ranked lower, one out of the first five) — nor, with
        # ``bridge_needs_evidence``, when its own words match nothing and the unit nearest in
        # meaning is in its own language: the dictionary's words then find the other language's
        # texts only because they are its words ("The app came on a USB stick… how long do they
        # have to ask me for it?" of an EU directive indexed beside a Chinese tax law put five
        # Chinese articles first; stop 48).
        if (opts.bridge_lexical and slots and opts.fusion != "dense" and not own_first
                and (lexical or nearest_other or not opts.bridge_needs_evidence)):
            lexical_query = f"{lexical_query} {' '.join(w for slot in slots for w in slot)}"
            lexical = self._lexical(searched(lexical_query), k, allowed)
        # Units in the question's language compete with units in another only when the lexical
        # list holds some of each; an English question over Chinese texts alone keeps one weight
        # (its glossary terms are the lexical evidence there: dev English hit@5 0.87 without this rule, 1.00 with).
        own_lexical = any(rows_lang[r] == asked for r, _ in lexical)
        mixed = own_lexical and any(rows_lang[r] != asked for r, _ in dense)
        if opts.other_when_unmatched and lexical and not own_lexical:
            # The question's words (with the terms of its glossaries) match only texts in another
            # language: it is about those, and the units in its own language that the dense
            # search put first only share its language ("Can a business operator search a
            # consumer's body?" of 消费者权益保护法 found the CPRA's purpose section).
            dense = [(r, v) for r, v in dense if rows_lang[r] != asked] or dense
        # Dense-led: the unit nearest in meaning is in another language, so the question is taken
        # to be about those documents and every unit is ranked mostly by meaning.
        led = opts.cross_led_weight > 0 and bool(dense) and rows_lang[dense[0][0]] != asked
        own_weight = opts.dense_weight_en if asked == "en" and opts.dense_weight_en is not None else opts.dense_weight
        weak = opts.weak_lexical_below > 0 and bool(lexical) and bool(dense)
        if weak and signals.lexical_match(lexical[0][1], len(bigrams(lexical_query))) < opts.weak_lexical_below:
            own_weight = opts.weak_lexical_dense
        if opts.fusion == "weighted" and dense and lexical and led:
            fused = weighted(
                {"dense": dense, "lexical": lexical},
                {"dense": opts.cross_led_weight, "lexical": 1.0 - opts.cross_led_weight},
            )
        elif opts.fusion == "weighted" and dense and lexical and mixed:
            fused = weighted_by_row(
                dense,
                lexical,
                lambda row: own_weight if rows_lang[row] == asked else opts.cross_dense_weight,
            )
        elif opts.fusion == "weighted":
            fused = weighted(
                {"dense": dense, "lexical": lexical},
                {"dense": own_weight, "lexical": 1.0 - own_weight},
            )
        else:
            fused = rrf({"dense": [r for r, _ in dense], "lexical": [r for r, _ in lexical]}, opts.rrf_k)
        ranks: dict[int, dict[str, int]] = {}
        raw: dict[int, dict[str, float]] = {}
        for name, pairs in (("dense", dense), ("lexical", lexical)):
            # A lexical rank counts among the units of the unit's own language: an English
            # question's Chinese glossary terms (rag.query.legal_terms) put Chinese units into
            # the lexical list, which must not push the English clause it matches word for word
            # down its ranks (the answerability model's ``agreement`` reads them).
            seen: Counter[str] = Counter()
            for position, (row, value) in enumerate(pairs, start=1):
                rank = position
                if name == "lexical":
                    seen[rows_lang[row]] += 1
                    rank = seen[rows_lang[row]]
                ranks.setdefault(row, {})[name] = rank
                raw.setdefault(row, {})[name] = float(value)

        # Collapse passages into clauses: a clause scores as its best passage.
        by_clause: dict[tuple[str, int], tuple[float, int]] = {}
        for row, score in fused.items():
            key = self.index.units[row].clause_key
            if key not in by_clause or score > by_clause[key][0]:
                by_clause[key] = (score, row)
        scale = max((s for s, _ in by_clause.values()), default=0.0)
        query_grams = set(bigrams(lexical_query)) if opts.title_boost else set()
        named = set(names) if opts.mention_boost else set()
        lower_purpose = opts.purpose_penalty > 0 and not asks_purpose(question)
        lower_amending = opts.amending_penalty > 0 and not asks_amendment(question)
        years = analyse(question).years if opts.year_boost else ()
        term = defined_term(question) if opts.definition_boost else None
        scored: list[tuple[float, int]] = []
        for key, (score, row) in by_clause.items():
            unit = self.index.units[row]
            # Boost and prior are in units of the best fused score, so they mean the same
            # under RRF (scores near 1/60) and the weighted sum (scores near 1).
            if opts.title_boost:
                score += scale * opts.title_boost * self._title_share(key, unit, query_grams)
            score += scale * opts.doc_prior.get(unit.doc_id, 0.0)
            if unit.doc_id in named:
                score += scale * opts.mention_boost
            if opts.formal_boost and is_formal(self.kinds.get(unit.doc_id, "")):
                score += scale * opts.formal_boost
            if lower_purpose and self._states_purpose(key, unit):
                score -= scale * opts.purpose_penalty
            if lower_amending and self._amends_other(key, unit):
                score -= scale * opts.amending_penalty
            if years and self._names_years(unit, years):
                score += scale * opts.year_boost
            if term and defines(term, self.whole_clause(unit).text):
                score += scale * opts.definition_boost
            scored.append((score, row))
        scored.sort(key=lambda pair: -pair[0])
        commencement, provision = asks_commencement(question), asked_provision(question)
        provided = False  # a dated final provision moved first
        if scored and (commencement or provision):
            targets = [d for d in (names or self.names.names(question)) if allowed is None or d in allowed]
            docs = targets or [self.index.units[scored[0][1]].doc_id]
            if commencement:
                scored = self._moved_first(scored, [r for d in docs if (r := self._commencement_row(d)) is not None])
            elif provision:
                rows = [r for d in docs if (r := self.provision_row(d, provision)) is not None]
                scored, provided = self._moved_first(scored, rows), bool(rows)

        def hit(score: float, row: int) -> Hit:
            unit = self.index.units[row]
            whole = self.whole_clause(unit)
            return Hit(whole, float(score), self._clause_ranks(unit, ranks), self._clause_scores(unit, raw))

        hits = [hit(score, row) for score, row in scored[:top_k]]
        if opts.sentence_weight and vector is not None and not (commencement or provided):
            hits = self._by_sentences(question, hits)
        if opts.fine_reach and asks_fine(question) and not (commencement or provided):
            best = {self.index.units[row].clause_key: row for _, row in scored}  # a clause's best passage
            # Their order: as the hits read (after the sentence reordering), then as fused.
            place = {key: len(hits) + i for i, key in enumerate(best)}
            place |= {h.unit.clause_key: i for i, h in enumerate(hits)}
            hits = self._with_fines(
                hits, lambda key, score: hit(score, best.get(key, self._clause_rows[key][0])),
                lambda key: place.get(key, len(place)),
            )[:top_k]
        if opts.preamble_yields and len(hits) > 1 and _document_preamble(hits[0].unit) and not commencement:
            # The body answers what the preamble introduces (RetrievalOptions.preamble_yields).
            hits[0], hits[1] = replace(hits[1], score=hits[0].score), replace(hits[0], score=hits[1].score)
        if provision and hits and self._states_provision(hits[0], provision):
            # The first clause states the dated final provision asked: the retriever answers from it
            # alone, the answerer quotes it by its dated sentence.
            hits[0] = replace(hits[0], ranks={**hits[0].ranks, "provision": 1})
        dense_top = max((s for _, s in dense), default=-1.0)
        by_clause_dense: dict[tuple[str, int], float] = {}
        for row, sim in dense:
            key = self.index.units[row].clause_key
            by_clause_dense[key] = max(sim, by_clause_dense.get(key, sim))
        found = signals.compute(
            question,
            hits,
            sorted(by_clause_dense.values(), reverse=True),
            lexical[0][1] if lexical else 0.0,
            len(bigrams(lexical_query)),
            k,
            self._idf(),
            slots=slots,
            doc_mean=float(self._doc_mean(hits[0].unit.doc_id) @ vector) if hits and vector is not None else None,
        )
        return hits, dense_top, found

    def _by_sentences(self, question: str, hits: list[Hit]) -> list[Hit]:
        """The first ``sentence_clauses`` hits (those scoring at least ``sentence_floor`` of the
        first's) reordered by their fused score as a share of the first's plus ``sentence_weight``
        times how far their sentence nearest the question in meaning stands below the best such
        sentence. An article is embedded whole, and the one sentence that answers is diluted in
        it (neighbouring articles of one law rank second to each other). Chinese articles and
        English sections alike (benchmarks/sentence_rank_bench.py; evals/README.md, "Sentences by
        meaning")."""
        n = self.options.sentence_clauses
        if self._sentences is None or len(hits) < 2:
            return hits
        if analyse(question).years:
            # A year the question names is a condition the words keep and a sentence's meaning
            # blurs ("到2020年…运营里程" moved the 2025 target first): measured, of the 46
            # development questions naming a year, 41 first without reordering, 39 with.
            return hits
        # Only clauses near the first in fused score are read: the rest are not reordered first.
        floor = (hits[0].score or 1.0) * self.options.sentence_floor
        n = sum(1 for h in hits[:n] if h.score >= floor)
        head = hits[:n]
        if n < 2:
            return hits
        ranker, weight = self._sentences, self.options.sentence_weight
        nearest = [max(ranker.similarities(question, self._pieces(h.unit.text)), default=-1.0) for h in head]
        if self.options.sentence_cross_offset and language(question) == "zh" and language(head[0].unit.text) != "zh":
            gap = self.options.cross_dense_offset_zh
            nearest = [m + gap if language(h.unit.text) != "zh" else m for h, m in zip(head, nearest, strict=True)]
        top, peak = head[0].score or 1.0, max(nearest)
        combined = [h.score / top + weight * (m - peak) for h, m in zip(head, nearest, strict=True)]
        reordered: list[Hit] = []
        for i in sorted(range(len(head)), key=lambda i: -combined[i]):
            # Each keeps its fused score, capped by the one before it: scores stay in rank order
            # (and above the hits after the head, which scored below every clause of it).
            score = min(head[i].score, reordered[-1].score) if reordered else head[i].score
            reordered.append(replace(head[i], score=score))
        return reordered + hits[n:]

    def _pieces(self, text: str) -> list[str]:
        """The sentences and pieces a clause is read by in :meth:`_by_sentences`: with
        ``item_leadins``, each list item also after its lead-in's opening."""
        pieces = sentence_pieces(text)
        return pieces + item_pieces(clause_sentences(text)) if self.options.item_leadins else pieces

    def _names_years(self, unit: Unit, years: Iterable[str]) -> bool:
        """Does the clause of ``unit`` (its heading path or text) name every year of ``years``?"""
        whole = self.whole_clause(unit)
        return signals.names_years(" ".join([*whole.path, whole.text]), years)

    def _first_passage(self, key: tuple[str, int], unit: Unit) -> Unit:
        """The first passage of the clause ``key`` (``unit`` itself when the table lacks it)."""
        rows = self._clause_rows.get(key)
        return min((self.index.units[r] for r in rows), key=lambda u: u.part) if rows else unit

    def _amends_other(self, key: tuple[str, int], unit: Unit) -> bool:
        """Does the clause ``key`` amend another act? Read on its title (:func:`rag.query.amending.
        amends_other`), or on its text's first two lines after its number (:func:`rag.query.amending.
        clause_amends_other`): a title run into "(1) …" when the heading has none (Directive 2019/771's
        Article 22), or a first line amending though the title does not say it ("Technical adaptations":
        "1. Directive 92/100/EEC is hereby amended as follows:")."""
        if key not in self._amending:
            first = self._first_passage(key, unit)
            self._amending[key] = amends_other(clause_title(first)) or clause_amends_other(first.text)
        return self._amending[key]

    def _states_purpose(self, key: tuple[str, int], unit: Unit) -> bool:
        """Does the clause ``key`` (``unit`` one of its passages) state its text's purpose
        (:func:`rag.query.purpose.states_purpose`, on its heading and its opening)? Read once per
        clause, from its first passage when that holds the whole opening: every candidate clause
        of a search is asked, and merging each into a whole clause would cache them all."""
        if key not in self._purpose:
            first = self._first_passage(key, unit)
            opening = first if first.parts == 1 or len(first.text) >= OPENING_CHARS else self.whole_clause(unit)
            self._purpose[key] = states_purpose(first.path[-1] if first.path else "", opening.text)
        return self._purpose[key]

    def _doc_mean(self, doc_id: str) -> np.ndarray:
        """The mean of the stored vectors of ``doc_id``'s units (``signals.doc_lift``'s background),
        read from the store the first time the document tops a search."""
        if doc_id not in self._doc_means:
            rows = self._doc_rows.get(doc_id, [])
            dim = self.index.manifest.dim
            self._doc_means[doc_id] = self.index.vectors_of(rows).mean(axis=0) if rows else np.zeros(dim)
        return self._doc_means[doc_id]

    def _moved_first(self, scored: list[tuple[float, int]], rows: list[int]) -> list[tuple[float, int]]:
        """``scored`` with the clauses of ``rows`` moved first (the commencement clause or a dated
        final provision of each document asked about, :mod:`rag.query.commencement`); unchanged without any."""
        if not rows:
            return scored
        keys = {self.index.units[r].clause_key for r in rows}
        top = scored[0][0]
        rest = [(score, row) for score, row in scored if self.index.units[row].clause_key not in keys]
        return [(top, row) for row in rows] + rest

    def _with_fines(
        self, hits: list[Hit], hit: Callable[[tuple[str, int], float], Hit], rank_of: Callable[[tuple[str, int]], int]
    ) -> list[Hit]:
        """``hits`` with the fine clauses citing the first of the first ``fine_reach`` clauses that
        states no fine (an article listing forbidden acts) moved just before it when they rank
        below it or not at all (:mod:`rag.query.fines`); ``hit`` makes a clause's hit at a score,
        ``rank_of`` gives a clause's place (as the hits read, then as fused), their order."""
        for place, found in enumerate(hits[: self.options.fine_reach]):
            unit = found.unit
            ref = heading_ref(unit.label)
            if ref is None or ref[0] != "article" or states_fine(unit.text):
                continue
            keys = set(self._fine_clauses(unit.doc_id).get(ref[1][0], ())) - {unit.clause_key}
            if not keys:
                continue
            keys -= {h.unit.clause_key for h in hits[:place]}
            moved = [hit(key, found.score) for key in sorted(keys, key=lambda k: (rank_of(k), k))]
            return hits[:place] + moved + [h for h in hits[place:] if h.unit.clause_key not in keys]
        return hits

    def _fine_clauses(self, doc_id: str) -> dict[int, list[tuple[str, int]]]:
        """``doc_id``'s clauses stating a fine, by each article of the document they cite."""
        if doc_id not in self._fines:
            cited: dict[int, list[tuple[str, int]]] = {}
            first = {self.index.units[row].clause_key: row for row in reversed(self._doc_rows.get(doc_id, []))}
            for key, row in sorted(first.items()):
                text = self.whole_clause(self.index.units[row]).text
                if states_fine(text):
                    for number in own_articles_cited(text):
                        cited.setdefault(number, []).append(key)
            self._fines[doc_id] = cited
        return self._fines[doc_id]

    def provision_row(self, doc_id: str, kind: str) -> int | None:
        """The row of the clause of ``doc_id`` stating the final provision ``kind`` (its
        transposition, review or repeal clause, :func:`rag.query.commencement.asked_provision`);
        None when it states none."""
        if (doc_id, kind) not in self._provisions:
            rows = [r for r in self._doc_rows.get(doc_id, ()) if states_provision(kind, self.index.units[r].text)]
            # A clause titled for it comes first ("Review clause" before "Further initiatives …",
            # which also sets the Commission a report by a date).
            titled = [r for r in rows if kind in clause_title(self.index.units[r]).lower()]
            rows = titled or rows
            self._provisions[(doc_id, kind)] = (rows[-1] if kind in LAST_CLAUSE else rows[0]) if rows else None
        return self._provisions[(doc_id, kind)]

    def _states_provision(self, hit: Hit, kind: str) -> bool:
        """Is ``hit`` its document's clause stating the final provision ``kind``?"""
        row = self.provision_row(hit.unit.doc_id, kind)
        return row is not None and self.index.units[row].clause_key == hit.unit.clause_key

    def _commencement_row(self, doc_id: str) -> int | None:
        """The row of the last clause of ``doc_id`` stating when the text takes effect (the
        commencement clause closes a law; a transitional clause before it may also say 施行)."""
        if doc_id not in self._commence:
            found = [r for r in self._doc_rows.get(doc_id, ()) if states_commencement(self.index.units[r].text)]
            self._commence[doc_id] = found[-1] if found else None
        return self._commence[doc_id]

    def _frequencies(self) -> Counter[str]:
        """Token → how many of the index's units hold it: the store's table, or counted on the
        warm-up."""
        if self._df is None:
            stored = self.index.document_frequencies()
            self._df = stored if stored is not None else document_frequencies(u.text for u in self.index.units)
        return self._df

    def _idf(self) -> Callable[[str], float]:
        """log((N + 1) / (df + 1)) of a token over the index's units."""
        counts, n = self._frequencies(), len(self.index.units)
        return lambda token: math.log((n + 1) / (counts.get(token, 0) + 1))

    def infixes(self, pair: str) -> dict[str, int]:
        """How often each Han character stands between ``pair``'s two characters in the index's
        text; empty when ``pair`` itself stands there (:mod:`rag.query.shortened`). Candidates come
        from the token table (both halves must be tokens), so the text is counted only for them."""
        counts = self._frequencies()
        if counts.get(pair, 0) > 0:
            return {}
        if self._pairs is None:
            self._pairs = {}
            for token in counts:
                if len(token) == 2 and HAN.match(token[0]) and HAN.match(token[1]):
                    self._pairs.setdefault(token[0], set()).add(token[1])
        first, last = pair[0], pair[1]
        middles = [c for c in self._pairs.get(first, ()) if last in self._pairs.get(c, ())]
        if not middles:
            return {}
        if self._text is None:
            self._text = "\n".join(unit.text for unit in self.index.units)
        found = {c: self._text.count(first + c + last) for c in middles}
        return {c: n for c, n in found.items() if n}

    def _present(self, word: str) -> bool:
        """Does the index hold ``word`` (every bigram of it in some unit)?"""
        counts = self._frequencies()
        return all(counts.get(b, 0) > 0 for b in bigrams(word))

    def _with_renderings(self, question: str, query: str, lexical: list[tuple[int, float]], k: int,
                         allowed: set[str] | None) -> list[tuple[int, float]]:
        """A Chinese question's lexical list with its English units searched again by the query and
        the English glosses of the question's words (``RetrievalOptions.render_words``,
        :func:`rag.query.lexicon.renderings`), scaled so that the best of them scores what the best
        English unit scored before: the glosses order the English units among themselves, never
        lift them over the Chinese ones. Unchanged when no English unit matched the question."""
        english = self._documents_in("en", allowed)
        rows_lang = self._languages()
        before = max((s for r, s in lexical if rows_lang[r] == "en"), default=0.0)
        if not english or before <= 0:
            return lexical
        words = renderings(question, self._present, per_word=self.options.render_words)
        if not words:
            return lexical
        again = self._lexical(f"{query} {' '.join(words)}", k, english)
        if not again or again[0][1] <= 0:
            return lexical
        scale = before / again[0][1]
        merged = [(r, s) for r, s in lexical if rows_lang[r] != "en"] + [(r, s * scale) for r, s in again]
        return sorted(merged, key=lambda pair: -pair[1])[:k]

    def _documents_in(self, lang: str, allowed: set[str] | None = None) -> set[str]:
        """The documents (of ``allowed``, when given) in ``lang``, "zh" or "en" (rag.text.language)."""
        return {d for d in self._doc_rows if self._doc_language(d) == lang and (allowed is None or d in allowed)}

    def _doc_language(self, doc_id: str) -> str | None:
        """A document's language: its first unit's (None for a document with no units)."""
        rows = self._doc_rows.get(doc_id)
        return self._languages()[rows[0]] if rows else None

    def _languages(self) -> list[str]:
        if self._lang is None:
            self._lang = [language(u.text) for u in self.index.units]
        return self._lang

    def _clause_ranks(self, unit: Unit, ranks: Mapping[int, Mapping[str, int]]) -> dict[str, int]:
        """Each retriever's best rank over the clause's passages."""
        best: dict[str, int] = {}
        for row in self._clause_rows.get(unit.clause_key, []):
            for name, rank in ranks.get(row, {}).items():
                best[name] = min(rank, best.get(name, rank))
        return best

    def _clause_scores(self, unit: Unit, raw: Mapping[int, Mapping[str, float]]) -> dict[str, float]:
        """Each retriever's best raw score over the clause's passages."""
        best: dict[str, float] = {}
        for row in self._clause_rows.get(unit.clause_key, []):
            for name, value in raw.get(row, {}).items():
                best[name] = max(value, best.get(name, value))
        return best

    def _title_share(self, key: tuple[str, int], unit: Unit, query_grams: set[str]) -> float:
        grams = self._title_grams.get(key)
        if grams is None:
            grams = self._title_grams[key] = set(bigrams(clause_title(unit)))
        return len(grams & query_grams) / len(grams) if grams else 0.0

    def _dense(self, vector: np.ndarray, k: int, allowed: set[str] | None) -> list[tuple[int, float]]:
        if allowed is None:
            return self.index.dense_search(vector, k)
        return self.index.dense_search(vector, k, rows=[r for d in allowed for r in self._doc_rows.get(d, ())])

    def _with_other_language(self, vector: np.ndarray, dense: list[tuple[int, float]], asked: str, k: int,
                             allowed: set[str] | None, bridged: Callable[[], np.ndarray | None] | None = None,
                             raise_by: float = 0.0) -> list[tuple[int, float]]:
        """The dense list with units in another language than the question searched on their own
        and raised by ``cross_dense_offset`` plus ``raise_by`` (an English question's Chinese units;
        ``raise_by`` from :meth:`_lexical_raise`, 0 without a lexical list, as in the dense-only
        baseline) or ``cross_dense_offset_zh`` (a Chinese question's English units): the multilingual model
        scores a translation lower than a same-language text on the same topic, so without this a
        Chinese question about an English regulation finds only Chinese laws. ``bridged`` (an
        English question's vector mixed with its Chinese words', :meth:`_bridged`), when given,
        orders the other-language units instead of ``vector``, on ``vector``'s scale: the best of
        them keeps the similarity ``vector`` gives it (the mixed query sits higher, and would
        outrank the question's own language and lift every signal), the others follow at their
        bridged distance below it; for a Chinese question (its English glosses), each takes the
        similarity ``vector`` gave the unit at its place: the glosses reorder, nothing is raised."""
        rows_lang = self._languages()
        other = self._documents_in("en" if asked == "zh" else "zh", allowed)
        if not other:
            return dense
        offset = (self.options.cross_dense_offset_zh if asked == "zh" else self.options.cross_dense_offset) + raise_by
        merged = {r: sim + offset if rows_lang[r] != asked else sim for r, sim in dense}
        found = self._dense(vector, k, other)
        if bridged is not None and found and (mixed := bridged()) is not None:
            by_bridge = self._dense(mixed, k, other)
            merged = {r: sim for r, sim in merged.items() if rows_lang[r] == asked}
            if asked == "zh":
                # A Chinese question's glosses only reorder the English units: each takes the similarity
                # the question's own vector gave the unit at its place (shifted, the glosses' flatter
                # similarities raised every English unit and changed what the answerability model read:
                # five answerable questions refused, among them zhpol-018 about a Chinese text; stop 76).
                found = [(row, sim) for (row, _), (_, sim) in zip(by_bridge, found, strict=False)]
            else:
                shift = max(sim for _, sim in by_bridge) - max(sim for _, sim in found)
                found = [(row, sim - shift) for row, sim in by_bridge]
        for row, sim in found:
            merged[row] = sim + offset
        return sorted(merged.items(), key=lambda pair: -pair[1])[:k]

    def _with_named(self, vector: np.ndarray, dense: list[tuple[int, float]], names: Iterable[str], asked: str,
                    allowed: set[str] | None) -> list[tuple[int, float]]:
        """The dense list with the nearest units of each named document in another language than
        the question lifted so that the first of them is as near as the list's first, the others
        kept at their distance below it: the question is about the document it names, and a
        translated question sits nearer every text in its own language than the offsets make up
        for (a Chinese question naming an English act, "按照欧盟的重组与破产指令…", stop 54, met 33
        Chinese units nearer than any of the act's, and the mention boost can only lift a unit the
        search found). A named document in the question's language is left as found (joining its
        units when absent moved two stop 52 traps' answers down: the list's range changed), and
        an English question's Chinese units are ordered and raised by the bridge and offsets
        chosen for them (lifted, "What does the plan say about urban renewal?" found another
        clause of the plan first): only a Chinese question's named English act is lifted."""
        top = dense[0][1] if dense else 0.0
        merged = dict(dense)
        for doc in names:
            if allowed is not None and doc not in allowed:
                continue
            if self._doc_language(doc) in (None, asked):
                continue
            nearest = self._dense(vector, NAMED_UNITS, {doc})
            if not nearest:
                continue
            lift = max(0.0, top - nearest[0][1])
            for row, sim in nearest:
                merged[row] = max(merged.get(row, -1.0), sim + lift)
        return sorted(merged.items(), key=lambda pair: -pair[1])

    def _lexical_raise(self, lexical: list[tuple[int, float]], asked: str) -> float:
        """What an English question's words add to the raise of the other language's units
        (``RetrievalOptions.cross_lexical_raise``): log(1 + the best BM25 score among those units
        in ``lexical``; 0 when none is there), less ``own_lexical_damp`` times log(1 + the best
        among the question's own language's) and never below 0, times that weight. 0 for a
        Chinese question."""
        weight = self.options.cross_lexical_raise
        if asked != "en" or not weight:
            return 0.0
        rows_lang = self._languages()
        other = math.log1p(max((s for r, s in lexical if rows_lang[r] != asked), default=0.0))
        own = math.log1p(max((s for r, s in lexical if rows_lang[r] == asked), default=0.0))
        return weight * max(0.0, other - self.options.own_lexical_damp * own)

    def _bridged(self, question: str, vector: np.ndarray, names: Iterable[str] = ()) -> np.ndarray | None:
        """An English question's vector mixed with that of its Chinese words (the glossary's terms
        and each bridged word's commonest rendering, :func:`rag.query.lexicon.bridge`), these
        weighing ``bridge_dense``; a Chinese question's with that of its words' English glosses
        (:func:`rag.query.lexicon.renderings`, one per word), these weighing ``render_dense``. None
        when no word has a rendering or the share is 0. An English question's words naming a document
        (``names``) are left out: they would read as every article of it ("the Law on the Protection
        of Minors" → 未成年人, 保护, 法律)."""
        chinese = language(question) == "zh"
        share = self.options.render_dense if chinese else self.options.bridge_dense
        if self.embedder is None or share <= 0:
            return None
        if chinese:
            words = list(renderings(question, self._present, per_word=1))
        else:
            # A translated name is matched without its function words ("law the protection of
            # minors"): its words go one by one.
            named = {w for name in names for w in name.split()} if self.options.drop_doc_names else set()
            own = re.sub(r"[A-Za-z']+", lambda m: "" if m.group(0).lower() in named else m.group(0), question)
            slots = bridge(own, self._present, per_word=1)
            words = [*expansions(own), *(slot[0] for slot in slots if slot)]
        if not words:
            return None
        return (1 - share) * vector + share * self.embedder.embed([" ".join(dict.fromkeys(words))], query=True)[0]

    def _lexical(self, query: str, k: int, allowed: set[str] | None) -> list[tuple[int, float]]:
        if allowed is None:
            return self.index.lexical_search(query, k)
        return self.index.lexical_search(query, k, rows=[r for d in allowed for r in self._doc_rows.get(d, ())])


# A piece naming a document by its official number (rag.query.docnames._pieces): "no.2016/680", or
# "no.261" from "261号条例"; and the words that may lead to the number in a question.
_DESIGNATION = re.compile(r"no\.(\d{1,4})(?:/(\d{1,4}))?")
_ACT_WORD = rf"(?:{ACT_KIND})?{ACT_ISSUER_NO}"


def without_names(query: str, pieces: Iterable[str]) -> str:
    """The lexical query without the words naming a document: inside the named document they
    match nearly every unit ("行政处罚法" in each article of 行政处罚法), and the mention boost has
    already taken the document's side."""
    folded = fold(query)
    for piece in sorted((p for p in pieces if p), key=len, reverse=True):
        if (number := _DESIGNATION.fullmatch(piece)) is not None:
            # An official number ("no.2016/680") goes as the question writes it, with its act word
            # and issuer ("Directive (EU) 2016/680", "2016-680", "261号"): its year and number
            # otherwise match every article dated that year ("6 May 2016").
            a, b = number.group(1), number.group(2)
            written = rf"{a}\s*[/-]\s*{b}" if b else rf"{a}\s*号"
            folded = re.sub(rf"{_ACT_WORD}(?<![a-z0-9]){written}(?![0-9])", " ", folded)
            continue
        # An English name goes as whole words ("rights", not the end of "copyrights"), beside
        # Chinese too ("GDPR讲了什么": no \b between "r" and "讲").
        pattern = rf"(?<![a-z0-9]){re.escape(piece)}(?![a-z0-9])" if piece.isascii() else re.escape(piece)
        folded = re.sub(pattern, " ", folded)
    return folded


def _document_preamble(unit: Unit) -> bool:
    """Is ``unit`` its document's preamble (the text before its first heading), not a heading's own lead
    text before its first item (also of kind "preamble", under the heading's path)?"""
    return unit.kind == "preamble" and not unit.path
