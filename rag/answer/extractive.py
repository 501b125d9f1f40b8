"""The default answerer: offline, deterministic, extractive.

From the retrieved clauses it selects the sentences that answer the question (by how much of
the question's content each covers, preferring better-ranked clauses), opens with the direct
answer only when it surely is one (a 是/否 that the sentence decides for the asked subject,
:mod:`rag.answer.verdict`; the figure or date asked, :mod:`rag.answer.figures`), quotes an
announced list whole (:mod:`rag.answer.quotes`), and marks every sentence ``[n]``. Sentences
are quoted as written (less the source's own footnote marks), so numbers, targets and dates are
verbatim. An English question gets English sentences that quote the clause. Everything then
goes through the same citation check as a model's answer (:func:`rag.answer.compose.compose`),
unsupported sentences dropped. The weights are one :class:`ExtractiveOptions`.

Example::

    answer = ExtractiveAnswerer().answer(question, retriever.search(question))
    print(answer.answer)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rag.answer.asked import (
    dated,
    holds_number,
    in_scope,
    of_another_of_the_series,
    of_places,
    of_the_asked_level,
    of_the_asked_place,
    of_the_follow_up,
    outside_what_is_set_aside,
    own_place_for_nation,
    says_what_is_asked,
)
from rag.answer.cite import SupportChecker
from rag.answer.compose import compose
from rag.answer.crossing import (
    answers_across,
    chinese_sentence,
    crosses,
    first_language,
    sentences_by_meaning,
    states_asked_date,
)
from rag.answer.docname import cited_title
from rag.answer.figures import asked_step, cases_named, date, figure, figures_of_kind
from rag.answer.figures_en import bounded_figures
from rag.answer.leadins import in_one_paragraph, lead_in, lead_parts
from rag.answer.meaning import MeaningRanker
from rag.answer.options import ExtractiveOptions
from rag.answer.quotes import (
    clause_body,
    clause_sentences,
    clean_quote,
    end,
    english_place,
    english_title,
    has_own_words,
    joined_lists,
    list_span,
)
from rag.answer.records import Answer, abstain
from rag.answer.tables import asked_cell_of_kind, cell_sentence
from rag.answer.verdict import excepted_case_named, polarity
from rag.query.commencement import (
    asked_provision,
    asks_commencement,
    names_date,
    states_provision,
    states_start_asked,
)
from rag.query.docnames import of_implementing_rules
from rag.query.parts import question_parts
from rag.query.quantity import FIGURE, given_numbers, stated_numbers, states_figure
from rag.query.quantity import asked as quantity_asked
from rag.query.question import QuestionInfo, analyse, relevance
from rag.query.refs import heading_ref, parse_refs
from rag.query.terms import asked_basis, asked_term, explains, named_term
from rag.records import Hit, Unit
from rag.text import HAN_CLASS, bigrams, content_stems, fold, has_han

__all__ = ["ExtractiveAnswerer", "ExtractiveOptions", "clause_body", "clause_sentences", "polarity"]

# A question asking for a list, not for one of its items.
_LIST_Q = re.compile(
    r"哪些|哪几|有几|几个|几项|几类|几种|几方面|包括什么|包含什么|包括哪|包含哪|什么情形|哪种情形|列举"
    r"|\bwhat are\b|\bwhich\b|\blist\b|\bgrounds\b|\bconditions\b",
    re.I,
)
# Kept for scripts that read the defaults by name.
MIN_RELEVANCE = ExtractiveOptions.min_relevance
KEEP_SHARE = ExtractiveOptions.keep_share
RANK_BONUS = ExtractiveOptions.rank_bonus


@dataclass(frozen=True)
class _Candidate:
    rank: int  # 1-based position of the clause in hits
    position: int  # sentence index in the clause
    text: str
    clause: str  # the whole clause, folded (years the question names are looked up in it)
    relevance: float  # share of the question's content the sentence covers
    matched: int  # how many of the question's content tokens it holds
    score: float  # relevance plus the preferences that rank sentences (clause rank, numbers)


_WORDS = re.compile(rf"[A-Za-z]{{2}}|[{HAN_CLASS}]")
# How many of the first clauses are read for a table cell the question names: the three an answer
# quotes from at most (ExtractiveOptions.max_clauses). Not tuned: a cell named by row and column is
# read wherever it stands among them.
TABLE_REACH = 3
_APPLY = re.compile(r"\bapply\b|\bapplied\b", re.IGNORECASE)
# A provision taking its date from the sentence before: "本条例自2024年3月1日起施行。《…实施办法》同时废止。"
_AT_THAT_TIME = re.compile(r"同时|\bat the same time\b|\bon that date\b", re.IGNORECASE)


class ExtractiveAnswerer:
    """See the module docstring. Deterministic: the same hits give the same answer."""

    def __init__(
        self,
        checker: SupportChecker | None = None,
        *,
        options: ExtractiveOptions | None = None,
        max_sentences: int | None = None,
        max_clauses: int | None = None,
        min_relevance: float | None = None,
        meaning: MeaningRanker | None = None,
    ) -> None:
        if max_sentences is not None and max_sentences <= 0:
            raise ValueError(f"max_sentences must be greater than 0. Currently, it is {max_sentences}")
        options = options or ExtractiveOptions()
        if max_sentences is not None:
            options = replace(options, max_sentences=max_sentences)
        if max_clauses is not None:
            options = replace(options, max_clauses=max_clauses)
        if min_relevance is not None:
            options = replace(options, min_relevance=min_relevance)
        self.options = options
        self.checker = checker or SupportChecker()
        # Ranks sentences by meaning when the question and its clause are in different languages
        # (rag.answer.crossing); without it such questions are answered by word overlap.
        self.meaning = meaning

    def vouched(self) -> ExtractiveAnswerer:
        """This answerer for searches the answerability model judged answerable: the relevance
        floors of the options' ``vouched_*`` fields (see :class:`ExtractiveOptions`)."""
        o = self.options
        relaxed = replace(
            o, min_relevance=o.vouched_min_relevance, min_matched=o.vouched_min_matched, by_meaning=o.vouched_by_meaning
        )
        return ExtractiveAnswerer(self.checker, options=relaxed, meaning=self.meaning)

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        """Answer ``question`` from ``hits`` (rank order); abstains when nothing answers it."""
        if not hits:
            return abstain(question, hits)
        info = analyse(question)
        direct = [i for i, h in enumerate(hits, start=1) if "ref" in h.ranks]
        term = asked_term(question)
        if not direct and term:
            clauses = [(h.unit.path, h.unit.text) for h in hits]
            named = named_term(term, clauses)
            if named and not any(explains(named, path, text) for path, text in clauses):
                # It asks what a term holds, and the clauses only name it (rag/query/terms.py).
                return abstain(question, hits)
        if direct and any("part" in h.ranks or "purpose" in h.ranks for h in hits):
            drafted = self._outline(info, hits)
        elif direct and (info.summary or not info.tokens):
            drafted = self._summary(info, hits, direct)
        elif not direct and info.wants_number and (cell := _table_cell(question, info, hits)) is not None:
            drafted = [cell]
        elif "provision" in hits[0].ranks and (provision := self._provision(question, hits)):
            drafted = self._draft(info, hits, provision)
        elif asks_commencement(question) and (commencing := self._commencement(hits, question)):
            drafted = self._draft(info, hits, commencing)
        elif not direct and self.meaning is not None and crosses(info, hits):
            ranked = self._by_meaning(info, hits)
            chosen = self._pick(ranked)
            if info.wants_number and any(holds_number(info, c.text) for c in chosen):
                chosen = _figure_first(info, chosen)
            elif info.wants_number:
                led = self._figure_by_meaning(info, hits, ranked, chosen)
                if led is chosen:  # no sentence near enough states it (chosen comes back unchanged)
                    return abstain(question, hits)  # the figure asked, as for sentences chosen by words
                chosen = led
            if not answers_across(info, [c.text for c in chosen]) or not of_places(info, _units(hits, chosen)):
                return abstain(question, hits)
            drafted = self._draft(info, hits, chosen)
        else:
            chosen = self.select(info, hits, only=direct or None)
            if len(direct) > 1:
                chosen = self._each_named(info, hits, direct, chosen)
            if not direct and info.wants_number and not any(holds_number(info, c.text) for c in chosen):
                chosen = self._with_figure(info, hits, chosen)
            elif not direct and info.wants_number and _only_given(info, chosen[0].text):
                chosen = _figure_first(info, chosen)
            elif not direct and info.wants_number:
                chosen = _case_first(info, chosen)
            if not direct and info.wants_number:
                chosen = self._with_step(info, hits, chosen)
            if not direct and not self._answers(info, hits, chosen):
                chosen = self._meaning_instead(info, hits)
                if not chosen:
                    return abstain(question, hits)
            drafted = self._draft(info, hits, self._with_basis(info, hits, chosen))
        return compose(question, drafted, hits, self.checker, drop_unsupported=True)

    def _with_basis(self, info: QuestionInfo, hits: Sequence[Hit], chosen: list[_Candidate]) -> list[_Candidate]:
        """``chosen`` with the lead clause's sentence naming the basis asked ("…罚款怎么算？"), when
        none of them names it: "…责令限期改正；" is chosen by the question's words, "逾期不改正的，按占用
        面积处耕地开垦费2倍以上5倍以下的罚款" says how the fine is set (held-out ge-31, stop 47)."""
        basis = fold(asked_basis(info.text)) if info.lang == "zh" else ""
        if not basis or not chosen or any(basis in fold(c.text) for c in chosen):
            return chosen
        lead = self.score_sentences(info, hits, only=[chosen[0].rank])
        naming = next((c for c in lead if basis in fold(c.text)), None)
        return chosen if naming is None else [*chosen[: self.options.max_sentences - 1], naming]

    def _with_step(self, info: QuestionInfo, hits: Sequence[Hit], chosen: list[_Candidate]) -> list[_Candidate]:
        """``chosen`` led by the lead clause's sentence stating a time of the asked kind for the step asked
        (rag.answer.figures.asked_step), when none of them states one.
        "那要是考核没通过，会被停多长时间不让看病？" (stop 70's la-07, a follow-up on the 考核's cycle) was answered
        with 医师法 第四十二条's sentences on the cycle, its "…责令其暂停执业活动三个月至六个月" left out."""
        step = asked_step(info)
        if not step or not chosen or any(holds_number(info, c.text) and step & set(c.text) for c in chosen):
            # A chosen one stays where it is: moving it first opened six wrong times on the older sets (pz55-26
            # "七日：", the time to apply for the re-test, for the time to conclude it), against twenty right.
            return chosen
        lead = self.score_sentences(info, hits, only=[chosen[0].rank])
        stating = next((c for c in lead if holds_number(info, c.text) and step & set(c.text)), None)
        return chosen if stating is None else [stating, *chosen[: self.options.max_sentences - 1]]

    def _meaning_instead(self, info: QuestionInfo, hits: Sequence[Hit]) -> list[_Candidate]:
        """The sentences chosen by meaning when those chosen by shared words do not answer, if the
        options allow it (``by_meaning``) and they hold what a number or "when" question asks;
        else []."""
        if not self.options.by_meaning or self.meaning is None:
            return []
        chosen = self._pick(self._by_meaning(info, hits))
        if not answers_across(info, [c.text for c in chosen]):
            return []
        if info.wants_number and not any(self._states_asked(info, hits, c) for c in chosen):
            return []  # the figure asked (its kind, year and place in one sentence), as for sentences chosen by words
        return chosen if _answers_what_is_asked(info, hits, chosen) else []

    def _answers(self, info: QuestionInfo, hits: Sequence[Hit], chosen: Sequence[_Candidate]) -> bool:
        """Do the chosen sentences answer the question? The best must be relevant enough, and
        a question asking for a number must get a sentence holding one: "公积金最高能贷多少"
        answered by a sentence about 住房公积金 without any figure is not an answer."""
        if not chosen or chosen[0].relevance < self.options.min_relevance:
            return False
        if info.lang == "zh" and chosen[0].matched < self.options.min_matched:
            # "今天天气怎么样" shares only 天气 with "…雾霾天气": one word in common is no answer.
            # (An English question is read through a few glossary terms: no such count.)
            return False
        if info.wants_number and not any(self._states_asked(info, hits, c) for c in chosen):
            return False
        return _answers_what_is_asked(info, hits, chosen)

    @staticmethod
    def _states_asked(info: QuestionInfo, hits: Sequence[Hit], chosen: _Candidate) -> bool:
        """Does one sentence state the figure asked: one of the asked kind, of the year asked, in a
        clause naming the place asked? Read of one sentence together: the national rate of 2021 beside
        a clause on 河南 answered "河南2021年的常住人口城镇化率是多少？" (a fresh seed near miss, stop 46)."""
        stated = dated(info, chosen.text, chosen.clause) if info.years else holds_number(info, chosen.text)
        return (stated and of_places(info, [hits[chosen.rank - 1].unit])  # dated reads holds_number first
                and of_the_asked_place(info, chosen.text))

    # -- selection ------------------------------------------------------------------------

    def score_sentences(
        self, info: QuestionInfo, hits: Sequence[Hit], only: Sequence[int] | None = None
    ) -> list[_Candidate]:
        """Every sentence of the hits with its relevance, best first."""
        o = self.options
        out: list[_Candidate] = []
        for rank, hit in first_language(hits):
            if only is not None and rank not in only:
                continue
            _, body = clause_body(hit.unit)
            folded = fold(hit.unit.text)
            english_source = not has_han(hit.unit.text)
            for position, sentence in enumerate(clause_sentences(body)):
                if not has_own_words(sentence):
                    continue  # a list marker and the provisions it refers to ("(g) Article 13(4).")
                rel, matched = _relevance(info, set(bigrams(sentence)), english_source)
                # Better-ranked clauses win near-ties: retrieval saw the whole clause, not one line.
                score = rel + o.rank_bonus * max(0, o.rank_bonus_depth - rank)
                if (info.wants_number or info.wants_time) and re.search(r"\d", sentence):
                    score += o.number_bonus
                if info.years and any(y in fold(sentence) for y in info.years):
                    score += o.year_bonus
                out.append(_Candidate(rank, position, sentence, folded, rel, matched, score))
        out.sort(key=lambda c: (-c.score, c.rank, c.position))
        return out

    def select(
        self, info: QuestionInfo, hits: Sequence[Hit], only: Sequence[int] | None = None
    ) -> list[_Candidate]:
        """The sentences to answer with: the best, then those nearly as good, from a few
        clauses, then the best sentence of each part of the question none of those answers;
        returned best first."""
        ranked = self.score_sentences(info, hits, only)
        chosen = self._pick(ranked)
        return self._with_parts(info, hits, only, ranked, chosen) if self.options.parts else chosen

    def _with_parts(
        self, info: QuestionInfo, hits: Sequence[Hit], only: Sequence[int] | None,
        ranked: Sequence[_Candidate], chosen: list[_Candidate],
    ) -> list[_Candidate]:
        """``chosen`` and, for each part of a question of several (:mod:`rag.query.parts`) that no
        chosen sentence answers as well as its best sentence does, that sentence (one stating a
        figure when the part asks a number; at least ``part_min_relevance`` of the part's words)."""
        parts = question_parts(info.text)
        if len(parts) < 2 or not chosen:
            return chosen
        o = self.options
        whole = {(c.rank, c.position): c for c in ranked}
        out = list(chosen)
        for part in parts:
            asked_part = analyse(part)
            # By meaning when the answerer can embed: the retrieval ranked clauses for the whole
            # question, and a part shares few words with the sentence answering it.
            scored = (
                self._by_meaning(asked_part, hits) if self.meaning is not None and only is None
                else self.score_sentences(asked_part, hits, only)
            )
            if asked_part.wants_number:  # a sentence stating its figure
                scored = [c for c in scored if holds_number(asked_part, c.text)] or scored
            scored = [
                c for c in scored
                if _relevance(asked_part, set(bigrams(c.text)), not has_han(c.text))[0] >= o.part_min_relevance
            ]
            if not scored:
                continue
            best = scored[0]
            of_part = {(c.rank, c.position): c.score for c in scored}
            if max(of_part.get((c.rank, c.position), -1.0) for c in out) >= best.score:
                continue  # a chosen sentence answers this part as well as any
            if (best.rank, best.position) in whole:
                out.append(whole[(best.rank, best.position)])
        return out

    def _each_named(
        self, info: QuestionInfo, hits: Sequence[Hit], direct: Sequence[int], chosen: list[_Candidate],
    ) -> list[_Candidate]:
        """``chosen`` and the best sentence of each clause the question names that none of them
        is from, up to ``max_clauses`` clauses: "What do Articles 13 and 14 require?" was answered
        from Article 13 alone, its sentences outscoring every one of Article 14's."""
        out = list(chosen)
        ranked = self.score_sentences(info, hits, direct)
        for rank in direct[: self.options.max_clauses]:
            if rank not in {c.rank for c in out} and (best := next((c for c in ranked if c.rank == rank), None)):
                # A list the sentence opens comes whole ("职工有下列情形之一的，应当认定为工伤：" and its items).
                if listed := self._announced_list(info, hits, best):
                    upto = best.position + len(listed)
                    out += [c for c in ranked if c.rank == rank and best.position <= c.position < upto]
                else:
                    out.append(best)
        return out

    def _pick(self, ranked: Sequence[_Candidate]) -> list[_Candidate]:
        o = self.options
        if not ranked:
            return []
        best = ranked[0]
        chosen = [best]
        clauses = {best.rank}
        for cand in ranked[1:]:
            if len(chosen) >= o.max_sentences or cand.score < o.keep_share * best.score:
                break
            if cand.relevance < o.min_relevance:
                continue
            if cand.rank not in clauses and len(clauses) >= o.max_clauses:
                continue
            chosen.append(cand)
            clauses.add(cand.rank)
        return chosen

    def _with_figure(self, info: QuestionInfo, hits: Sequence[Hit], chosen: list[_Candidate]) -> list[_Candidate]:
        """``chosen`` led by a sentence stating a figure of the asked kind, when none of them
        states a number: first a later part of a chosen sentence's clause (a law
        puts the condition and its figure in separate parts: "…责令限期办理；" then "逾期不办理的，
        处1万元以上5万元以下的罚款"), else the lead-in of a list a chosen sentence is an item of, or the
        one item stating it of a list a chosen sentence announces, else the best such sentence of the
        first ``figure_clauses`` clauses at least ``figure_min_relevance`` relevant (the clause stating
        the figure may rank below one that only names the topic). ``chosen`` unchanged when there is none."""
        o = self.options
        ranked = self.score_sentences(info, hits)
        stating = [c for c in ranked if states_figure(c.text, info)]
        # A later part of a chosen sentence's clause: the next one, or one further on in the same
        # paragraph (a condition may take two parts before its figure: "…有异议的，可以申请复核；
        # 对复核结果有异议的，可以申请重新复核。…应当自收到申请之日起5日内给予书面答复"; the next
        # paragraph is another provision: "…七日内返还价款" after an exception to 七日内退货). The nearest, unless
        # a later one opens with a case the question names: "…责令改正，给予警告；拒不改正的，对单位处二万元以上
        # 二十万元以下罚款…；情节严重的，对单位处二十万元以上二百万元以下罚款…" answers "…情节严重的话，公司最高可能被罚
        # 多少钱？" with its third part (stop 74's held-out li-06 quoted the second). Of several named, the last:
        # a law's cases escalate ("拒不改正的" then "情节严重的").
        later: list[tuple[int, _Candidate]] = []
        for step in range(1, o.figure_parts_after + 1):
            for cand in stating:
                source = next((k for k in chosen if k.rank == cand.rank and cand.position - k.position == step), None)
                if source is not None and (step == 1 or _same_paragraph(hits[cand.rank - 1].unit.text, source, cand)):
                    later.append((step, cand))
        if later:
            named = [(step, cand) for step, cand in later if _names_case(info, cand.text)]
            _, cand = max(named, key=lambda found: found[0]) if named else later[0]
            return [*chosen[: o.max_sentences - 1], cand]
        # The lead-in of a list a chosen sentence is an item of: "逾期不改正的，对单位处2万元以上5万元
        # 以下的罚款…：" over "（一）以实物、有价证券等形式代替货币支付农民工工资" (hw-15 of the held-out set).
        for k in chosen:
            if (found := lead_parts(hits[k.rank - 1].unit, k.position, k.text, o.max_list_items)) is not None:
                lead = range(found[1], found[2] + 1)
                lead_figure = next((c for c in stating if c.rank == k.rank and c.position in lead), None)
                if lead_figure is not None:
                    return [*chosen[: o.max_sentences - 1], lead_figure]
        # The one item stating it of a list a chosen sentence announces: "中级以上军士退出现役，符合下列条件之一的，
        # 作退休安置：" over "（二）服现役满30年的" ("…服役满多少年退役时可以作退休安置？", a fresh trap of stop 72,
        # pz72-25, was refused with the lead-in first). Two items stating such figures leave the case asked open.
        for k in chosen:
            span = list_span(clause_sentences(clause_body(hits[k.rank - 1].unit)[1]), k.position, o.max_list_items)
            if span is not None and span[0] == k.position:
                items = [c for c in stating if c.rank == k.rank and span[0] < c.position <= span[1]]
                if len(items) == 1:
                    return [*chosen[: o.max_sentences - 1], items[0]]
        return self._led_by_near(stating, chosen, o.figure_min_relevance, hits)

    def _led_by_near(
        self, stating: Iterable[_Candidate], chosen: list[_Candidate], floor: float, hits: Sequence[Hit]
    ) -> list[_Candidate]:
        """``chosen`` led by the first of ``stating`` (sentences stating the asked figure, best
        first) among the first ``figure_clauses`` clauses of the first clause's document and at
        least ``floor`` relevant; ``chosen`` unchanged when there is none. Another document's
        figure answers another text's question: "Within how many days must a competent authority
        answer a request for mutual assistance?" (NIS 2, which sets no deadline) opened "The figure
        is “15 calendar days”" from the AI Act's Article 46 (held-out hx-27)."""
        o = self.options
        doc = hits[0].unit.doc_id
        best = next(
            (c for c in stating
             if c.rank <= o.figure_clauses and c.relevance >= floor and hits[c.rank - 1].unit.doc_id == doc),
            None,
        )
        return [best, *chosen[: o.max_sentences - 1]] if best is not None else chosen

    def _figure_by_meaning(
        self, info: QuestionInfo, hits: Sequence[Hit], ranked: Sequence[_Candidate], chosen: list[_Candidate]
    ) -> list[_Candidate]:
        """``chosen`` (sentences picked by meaning, none stating a figure of the asked kind) led by
        the best sentence that states one, when it is among the first ``figure_clauses`` clauses
        and at least ``figure_min_meaning`` of the way from the least similar sentence to the most
        ("Within how many days must the employer apply …?": the sentence nearest in meaning is
        about the procedure after the application, the next one states "30日内")."""
        stating = (c for c in ranked if holds_number(info, c.text))
        return self._led_by_near(stating, chosen, self.options.figure_min_meaning, hits)

    def _by_meaning(self, info: QuestionInfo, hits: Sequence[Hit]) -> list[_Candidate]:
        """The sentences of the clauses in the first clause's language, scored by meaning: the
        similarity rescaled over them (best 1, worst 0) so the rank, number and keep-share
        preferences mean what they mean for word overlap, plus the words they share; best first."""
        assert self.meaning is not None
        o = self.options
        scored = sentences_by_meaning(self.meaning, info, hits, o.max_clauses)
        if not scored:
            return []
        sims = [sim for *_, sim in scored]
        low, span = min(sims), max(sims) - min(sims)
        folded = {rank: fold(hits[rank - 1].unit.text) for rank in {rank for rank, *_ in scored}}
        out: list[_Candidate] = []
        for rank, position, sentence, sim in scored:
            rel = (sim - low) / span if span > 0 else 1.0
            # Words the question shares with the sentence still count (an English question's
            # glossary terms, its numbers): meaning ranks, overlap breaks its near-ties.
            lexical, _ = _relevance(info, set(bigrams(sentence)), not has_han(sentence))
            score = rel + lexical + o.rank_bonus * max(0, o.rank_bonus_depth - rank)
            if (info.wants_number or info.wants_time) and FIGURE.search(sentence):
                score += o.number_bonus
            out.append(_Candidate(rank, position, sentence, folded[rank], rel, 0, score))
        out.sort(key=lambda c: (-c.score, c.rank, c.position))
        return out

    # -- drafting -------------------------------------------------------------------------

    def _draft(
        self, info: QuestionInfo, hits: Sequence[Hit], chosen: Sequence[_Candidate], *, opening: bool = True
    ) -> list[str]:
        best = chosen[0]
        best_text = clean_quote(best.text)
        unit = hits[best.rank - 1].unit
        opening_words = self._opening(info, best_text, unit) if opening else ""
        if opening_words and self._contradicted(info, hits, chosen[1:], opening_words):
            opening_words = ""
        quoted = self._announced_list(info, hits, best)
        if quoted:
            # The list is the answer: its lead-in and every item, then other clauses' sentences.
            rest = sorted((c for c in chosen[1:] if c.rank != best.rank), key=lambda c: (c.rank, c.position))
            pieces = [(best.rank, text) for text in quoted] + [(c.rank, clean_quote(c.text)) for c in rest]
        else:
            # Reading order: by clause rank, then as the clause has them; the best sentence first,
            # after the lead-in of the list it is an item of.
            lead = lead_in(hits[best.rank - 1].unit, best.position, best.text, self.options.max_list_items)
            rest = sorted(self._with_items(hits, chosen), key=lambda c: (c.rank, c.position))
            if lead is not None:
                rest = [c for c in rest if c.rank != best.rank or c.position not in lead[0]]
            pieces = [(best.rank, best_text if lead is None else lead[1] + best_text)]
            done = {(best.rank, best.position), *((best.rank, k) for k in (lead[0] if lead is not None else ()))}
            pieces += self._items_led_in(hits, rest, done)
        # A list as one quote, its lead-in and items read one after the other.
        pieces = joined_lists(pieces)
        drafted: list[str] = []
        for i, (rank, text) in enumerate(pieces):
            hit = hits[rank - 1]
            # "It also states" only goes on from the same clause: another clause is named.
            again = i > 0 and pieces[i - 1][0] == rank
            if info.lang == "zh" and not has_han(hit.unit.text):
                # A Chinese question over an English clause: the quote inside a Chinese sentence.
                framed = chinese_sentence(hit.unit, text, again=again, title=cited_title(hit))
                drafted.append(framed + f"[{rank}]")
            elif info.lang == "zh":
                body = text if text.endswith(("：", ":")) else end(text)
                drafted.append((body if i else opening_words + body) + f"[{rank}]")
            else:
                first = opening_words if i == 0 else ""
                drafted.append(_english(hit.unit, text, first, again=again, title=cited_title(hit)) + f" [{rank}]")
        return drafted

    def _items_led_in(
        self, hits: Sequence[Hit], rest: Sequence[_Candidate], done: set[tuple[int, int]]
    ) -> list[tuple[int, str]]:
        """(rank, quote) of each sentence of ``rest``, an item of a list whose lead-in is neither quoted
        nor in ``done`` (the best sentence's) led in once: "Article 17 … states: “（一）出现章程规定的终止情形
        的。”" said nothing of what it is a case of (stop 63's pz63-40)."""
        done = done | {(c.rank, c.position) for c in rest}
        out: list[tuple[int, str]] = []
        for c in rest:
            text = clean_quote(c.text)
            lead = lead_in(hits[c.rank - 1].unit, c.position, c.text, self.options.max_list_items)
            if lead is not None and not any((c.rank, k) in done for k in lead[0]):
                done |= {(c.rank, k) for k in lead[0]}
                text = lead[1] + text
            out.append((c.rank, text))
        return out

    def _with_items(self, hits: Sequence[Hit], chosen: Sequence[_Candidate]) -> list[_Candidate]:
        """``chosen[1:]`` with the items of each list one of them leads in: "职工有下列情形之一的，可以
        提取…：" quoted without its items said nothing, and was the answer (zhreg-032)."""
        keys = {(c.rank, c.position) for c in chosen}
        out: list[_Candidate] = []
        for c in chosen[1:]:
            out.append(c)
            if not c.text.rstrip().endswith(("：", ":")) or (c.rank, c.position + 1) in keys:
                continue
            sentences = clause_sentences(clause_body(hits[c.rank - 1].unit)[1])
            span = list_span(sentences, c.position, self.options.max_list_items)
            if span is not None and span[0] == c.position:
                out += [replace(c, position=k, text=sentences[k]) for k in range(c.position + 1, span[1] + 1)
                        if (c.rank, k) not in keys]
        return out

    def _announced_list(self, info: QuestionInfo, hits: Sequence[Hit], best: _Candidate) -> list[str]:
        """The lead-in and items of a list the best sentence opens, or belongs to when the
        question asks for a list ("哪些情形…"); else []. One item answers a question about it."""
        _, body = clause_body(hits[best.rank - 1].unit)
        sentences = clause_sentences(body)
        if best.position >= len(sentences):
            return []
        span = list_span(sentences, best.position, self.options.max_list_items)
        if span is None or (span[0] != best.position and not _LIST_Q.search(info.text)):
            return []
        return [clean_quote(s) for s in sentences[span[0] : span[1] + 1]]

    def _outline(self, info: QuestionInfo, hits: Sequence[Hit]) -> list[str]:
        """What a whole document is about (:mod:`rag.retrieve.outline`): the first sentence of
        the clause stating its purpose, then the heading of each of its parts, each cited to the
        first clause under it ("第一章 总则。[1]第二章 工伤保险基金。[2]…"). Two documents compared
        as wholes: each one's purpose sentence, named by its document."""
        zh = info.lang == "zh"
        several = len({h.unit.doc_id for h in hits}) > 1
        drafted: list[str] = []
        for rank, hit in enumerate(hits, start=1):
            unit = hit.unit
            if "purpose" in hit.ranks:
                _, body = clause_body(unit)
                sentences = [q for s in clause_sentences(body) if _WORDS.search(q := clean_quote(s))]
                if sentences and zh:
                    # Named by its document when two are compared side by side.
                    named = f"《{cited_title(hit)}》" if several else ""
                    label = f"{unit.label}：" if unit.kind != "preamble" else ("：" if named else "")
                    drafted.append(f"{named}{label}{end(sentences[0])}[{rank}]")
                elif sentences:
                    drafted.append(_english(unit, sentences[0], "", again=False, title=cited_title(hit)) + f" [{rank}]")
            if "part" in hit.ranks and hit.ranks["part"] < len(unit.path):
                heading = unit.path[hit.ranks["part"]]
                if zh:
                    drafted.append(f"{end(heading)}[{rank}]")
                elif has_han(heading):
                    # An English answer quotes a Chinese heading as what it is.
                    drafted.append(f"Part “{heading}”. [{rank}]")
                else:
                    drafted.append(f"{end(heading)} [{rank}]")
        return drafted

    def _provision(self, question: str, hits: Sequence[Hit]) -> list[_Candidate]:
        """The sentence of the first clause stating the dated final provision asked (the retriever
        marks the clause, :func:`rag.query.commencement.asked_provision`) and the one naming the
        date the measures apply from (a transposition clause's) or the next one naming a date;
        [] when none states it. A review clause goes on to list what the review covers, and quoted
        by the question's words its items answered "When was the Commission supposed to look
        back…?" without the date."""
        kind = asked_provision(question)
        if kind is None:
            return []
        sentences = _lead_sentences(hits)
        stating = next((i for i, s in enumerate(sentences) if states_provision(kind, s)), None)
        if stating is None:
            return []
        picked = [stating]
        # The date the national measures apply from is the transposition clause's other date ("They
        # shall apply those provisions from 12 May 2010."), asked as often as the first ("From which
        # date did EU countries have to start applying their national rules…?").
        applying = [i for i, s in enumerate(sentences) if i != stating and names_date(s) and _APPLY.search(s)]
        if kind == "transposition" and applying:
            picked.append(applying[0])
        elif (stating > 0 and not names_date(sentences[stating]) and _AT_THAT_TIME.search(sentences[stating])
              and names_date(sentences[stating - 1])):
            # Its date is the sentence before's: "原来那个《档案法实施办法》是从哪天起废止的？" (a fresh trap of
            # stop 60, pz60-12) is answered by "本条例自2024年3月1日起施行。" with the repeal after it.
            picked = [stating - 1, stating]
        elif (nearer := _nearer_dated(question, sentences, stating)) is not None:
            # Another dated sentence sharing more of the question's words: "When was the Commission's first
            # periodic report on the functioning of the NIS Directive due?" is "The first report shall be
            # submitted by 9 May 2021.", not the consistency report due "By 9 May 2019" (stop 59's pe59-06).
            picked = [nearer, stating]
        elif stating + 1 < len(sentences) and names_date(sentences[stating + 1]):
            picked.append(stating + 1)
        return _lead_quotes(hits, sentences, picked)

    @staticmethod
    def _commencement(hits: Sequence[Hit], question: str = "") -> list[_Candidate]:
        """The first clause's sentence stating from which date its text applies, when it states one:
        "It shall apply from 12 September 2025." of a regulation whose last article also dates
        chapters and obligations ("When did the Data Act's rules actually start to apply?" quoted
        "Chapter III shall apply in relation to…", the sentence sharing most of its words; a fresh
        held-out question of stop 50; "本法自2003年9月1日起施行。" alone, not the repeal dated 1997 after it,
        whose date had kept "2003年9月1日：" from opening gk-13). [] when none does."""
        sentences = _lead_sentences(hits)
        found = next((i for i, s in enumerate(sentences) if states_start_asked(question, s) and names_date(s)), None)
        if found is None:
            return []
        # An article the question names, dated in a point of its own: "…Article 24(1), … — from what date did
        # that apply?" is "(b) Article 24(1), which shall apply from 26 June 2018;" (a fresh trap of stop 64,
        # pe64-14, was quoted the regulation's date and the first point, Article 86's).
        named = [re.compile(rf"{re.escape(ref.text)}(?![\d.])") for ref in parse_refs(question)]
        dated = [i for i, s in enumerate(sentences[found:], found) if names_date(s) and any(n.search(s) for n in named)]
        if len(dated) == 1:
            return _lead_quotes(hits, sentences, dated)
        # An exception dated right after it is quoted with it: "It shall apply from 16 July 2021. However,
        # Articles 29, 30, 31, 32, 33 and 36 shall apply from 1 January 2021." (stop 63's km-21 asked when the
        # Network's provisions apply and was quoted the first sentence alone).
        picked = [found]
        while (after := picked[-1] + 1) < len(sentences) and _EXCEPTION.match(sentences[after]) and names_date(
            sentences[after]
        ):
            picked.append(after)
        return _lead_quotes(hits, sentences, picked)

    def _summary(self, info: QuestionInfo, hits: Sequence[Hit], direct: Sequence[int]) -> list[str]:
        """What a named clause says: its heading and first sentences; for a whole chapter,
        the heading of each clause in it."""
        o = self.options
        drafted: list[str] = []
        listing = len(direct) > o.summary_clauses
        for rank in direct[: o.summary_listing if listing else o.summary_clauses]:
            unit = hits[rank - 1].unit
            head, body = clause_body(unit)
            # A bare paragraph or point number ("1.", "(a)") is not a sentence to quote.
            sentences = [q for s in clause_sentences(body) if _WORDS.search(q := clean_quote(s))]
            shown = o.summary_sentences
            if sentences and (span := list_span(sentences, 0, o.max_list_items)) is not None:
                shown = max(shown, span[1] + 1)  # a list the article opens is quoted whole (第十四条)
            if listing:
                # Each clause by its title; a bare number ("第九条", a Chinese article has no title)
                # says nothing, so its first sentence stands beside it.
                titled = bool(head) and head.strip() != unit.label.strip()
                lines = [head if titled or not sentences else f"{unit.label}：{sentences[0]}"]
            else:
                lines = sentences[:shown] or [body]
            if not listing and head and info.lang == "zh":
                # An English answer names the heading around the quote. A heading that runs on into
                # its sentence ("（1）中原城市群属于…之一，整体…") opens the quote already: only its number.
                title = head[len(unit.label):] if head.startswith(unit.label) else head
                runs_on = bool(title) and lines[0].startswith(title)
                lines[0] = f"{unit.label}{lines[0]}" if runs_on else f"{head}：{lines[0]}"
            for i, line in enumerate(lines):
                if listing and info.lang != "zh" and not has_han(line):
                    # A list of English titles reads as one: "Article 8 Compliance with the requirements. [1]".
                    drafted.append(f"{end(line)} [{rank}]")
                elif info.lang == "zh":
                    drafted.append((line if line.endswith(("：", ":")) else end(line)) + f"[{rank}]")
                else:
                    drafted.append(_english(unit, line, "", again=i > 0, verb="reads",
                                            title=cited_title(hits[rank - 1])) + f" [{rank}]")
        return drafted

    # -- the direct answer ----------------------------------------------------------------

    def _contradicted(self, info: QuestionInfo, hits: Sequence[Hit], others: Sequence[_Candidate],
                      opening: str) -> bool:
        """Does another quoted sentence open differently ("是，" from one, "否，" from another;
        another figure)? Then the answer opens with neither: the quotes show both."""
        figured = info.wants_number and opening.endswith("：")
        ours = figures_of_kind(info, opening[:-1]) if figured else set()
        # An English figure opening: another quoted sentence stating the end asked ("shall not exceed
        # 12 months" for "How long at most…?") contradicts it, whatever words that sentence shares.
        english = re.match(r"The figure is “(.+?)”", opening) if info.lang == "en" else None
        for cand in others:
            unit = hits[cand.rank - 1].unit
            other = self._opening(info, clean_quote(cand.text), unit)
            if other and other != opening:
                return True
            if ours and figures_of_kind(info, cand.text) - ours:
                return True  # another figure of the asked kind ("一个月" beside "六个月"), opening or not
            if english and bounded_figures(info.text, cand.text) - {english.group(1)}:
                return True
        return False

    def _dates_the_asked(self, info: QuestionInfo, sentence: str) -> bool:
        """Is ``sentence`` about what the question asks the date of (``date_coverage``)? Read
        in the question's language only: a sentence in the other shares no token with it."""
        if asks_commencement(info.text) or not info.tokens or has_han(sentence) != (info.lang == "zh"):
            return True
        shared = set(info.tokens) & set(bigrams(sentence))
        return len(shared) / len(set(info.tokens)) >= self.options.date_coverage

    def _opening(self, info: QuestionInfo, sentence: str, unit: Unit) -> str:
        """"否，" / "是，" / "超过 7000公里：" (or the English equivalent), or "" when unsure;
        ``unit`` is the sentence's clause (its headings and its text may name what it decides)."""
        if not of_the_follow_up(info.text, sentence, unit.title):
            return ""
        zh = info.lang == "zh"
        if (info.wants_time and (m := date(info, sentence, self.options)) and self._dates_the_asked(info, sentence)
                and not _dates_the_law_for_its_rules(info, unit)):
            return f"{m}：" if zh else f"The date is “{m}”: "
        if (info.wants_number and of_places(info, [unit]) and of_the_asked_place(info, sentence)
                and not own_place_for_nation(info, sentence)
                and (m := figure(info, sentence, self.options, unit.text))):
            # A figure for a named place only from a clause naming it: "河南2021年的常住人口城镇化率是多少？"
            # opened "达64.72%：" from the paper's national rate, another clause quoted naming 河南 (a fresh
            # seed near miss, stop 46).
            return f"{m}：" if zh else f"The figure is “{m}”: "
        if info.yes_no and not info.wants_number:
            if zh and excepted_case_named(info.text, sentence, unit.text):
                return ""
            verdict = polarity(info, sentence, self.options, heading=" ".join([unit.title, *unit.path]))
            if verdict is not None:
                if zh:
                    return "是，" if verdict else "否，"
                return "Yes — " if verdict else "No — "
        return ""


def _table_cell(question: str, info: QuestionInfo, hits: Sequence[Hit]) -> str | None:
    """The answer from the first clause (among the first ``TABLE_REACH``) holding a table cell the
    question names by row and column (:mod:`rag.answer.tables`): its figure, then what the table
    says of it, citing the clause."""
    zh = info.lang == "zh"
    want = quantity_asked(info)
    for rank, hit in enumerate(hits[:TABLE_REACH], start=1):
        if (cell := asked_cell_of_kind(question, hit.unit.text, want)) is not None:
            if zh:
                return f"{cell.figure}：{cell_sentence(cell)}[{rank}]"
            return f"The figure is “{cell.figure}”: {cell_sentence(cell, zh=False)} [{rank}]"
    return None


def _dates_the_law_for_its_rules(info: QuestionInfo, unit: Unit) -> bool:
    """Is the commencement of a law's implementing rules asked and ``unit`` of another act? "When did
    China's implementing regulations of the statistics law take effect?" opened "2010年1月1日" from the
    law's "本法自2010年1月1日起施行" (stop 61's trap pz61-35; the regulation took effect in 2017)."""
    return (asks_commencement(info.text) and of_implementing_rules(info.text)
            and not of_implementing_rules(unit.title))


def _lead_sentences(hits: Sequence[Hit]) -> list[str]:
    """The sentences of the first clause's body, as they are quoted."""
    return clause_sentences(clause_body(hits[0].unit)[1])


# A sentence opening as an exception to the one before it.
_EXCEPTION = re.compile(r"\s*(?:However|By way of derogation|Notwithstanding)\b|\s*(?:但是|但|其中)", re.IGNORECASE)


def _lead_quotes(hits: Sequence[Hit], sentences: Sequence[str], picked: Sequence[int]) -> list[_Candidate]:
    """The first clause's ``picked`` sentences (indexes into :func:`_lead_sentences`), quoted as
    sure: a dated provision or commencement the question asks is answered from them alone."""
    folded = fold(hits[0].unit.text)
    return [_Candidate(1, i, sentences[i], folded, 1.0, 1, 1.0) for i in picked]


def _answers_what_is_asked(info: QuestionInfo, hits: Sequence[Hit], chosen: Sequence[_Candidate]) -> bool:
    """The checks of :mod:`rag.answer.asked` that read the chosen sentences with their clauses,
    and for a Chinese question asking a date, the date in the lead sentence's clause."""
    if info.lang == "zh" and not states_asked_date(info, _lead_clause(chosen)):
        return False
    if info.wants_time and not any(of_the_asked_level(info, text) for text in _lead_clause(chosen)):
        return False  # a date asked within counties or towns (rag.answer.asked._LEVELS_ZH)
    if info.wants_time and all(of_another_of_the_series(info, text) for text in _lead_clause(chosen)):
        return False  # 第二批's date for 第三批 (rag.answer.asked._ORDINAL_ZH)
    return (
        in_scope(info, [c.clause for c in chosen])
        and of_places(info, _units(hits, chosen))
        and says_what_is_asked(info, [c.text for c in chosen], chosen[0].clause)
        and outside_what_is_set_aside(info, _units(hits, chosen))
    )


def _lead_clause(chosen: Sequence[_Candidate]) -> list[str]:
    """The chosen sentences of the lead sentence's clause: where a date asked must stand. Seed u14
    ("电动自行车新国标什么时候开始实施？", a near miss) quoted a clause on charging points and then
    another's "到2025年…新能源公交车辆…"; "本条例施行前…" leads "本条例自2004年1月1日起施行" in one clause."""
    return [c.text for c in chosen if c.rank == chosen[0].rank]


def _figure_first(info: QuestionInfo, chosen: list[_Candidate]) -> list[_Candidate]:
    """``chosen`` led by the first of them stating the figure asked: "集体谈判覆盖率低于多少的国家必须制定…
    行动计划？" was answered across languages by point (d) of Article 4, nearest in meaning, and the
    sentence with "a threshold of 80 %" only third (a fresh held-out question of stop 52). Only a lead
    sentence holding no figure at all, or only the question's own (:func:`_only_given`), gives way: one with
    figures of another year stays first ("What was China's urbanization rate in 2012?" is not better answered
    by "改革开放40多年来…")."""
    stating = next((c for c in chosen if holds_number(info, c.text) and not _only_given(info, c.text)), None)
    lead = chosen[0].text
    if stating is None or stating is chosen[0] or (FIGURE.search(lead) and not _only_given(info, lead)):
        return chosen
    return [stating, *(c for c in chosen if c is not stating)]


def _case_first(info: QuestionInfo, chosen: list[_Candidate]) -> list[_Candidate]:
    """``chosen`` led by a sentence stating a figure for the case the question names when the lead names
    no such case (rag.answer.figures.cases_named): "…上诉期内也没交，法院通知我以后，我得在几天内交上？" is answered
    by "上诉人在上诉期内未预交诉讼费用的，人民法院应当通知其在7日内预交", not by the plaintiff's "原告自接到…
    通知次日起7日内交纳" that led it (stop 43's trap pz43-24, its opening lost once a figure outside the case
    named stopped opening an answer, stop 69). A lead naming more of the step whose time is asked stays first:
    "受理复验的药品检验机构应当在…规定的时间内作出复验结论" leads "…最迟要在多少天内给出复验结论？" (stop 55's trap
    pz55-26, a near miss) before the case "对药品检验结果有异议的", whose seven days are the time to apply."""
    if cases_named(info.text, chosen[0].text):
        return chosen
    case = next((c for c in chosen[1:] if cases_named(info.text, c.text) and holds_number(info, c.text)), None)
    if case is None:
        return chosen
    step = asked_step(info)
    if len(step & set(chosen[0].text)) > len(step & set(case.text)):
        return chosen
    return [case, *(c for c in chosen if c is not case)]


def _only_given(info: QuestionInfo, text: str) -> bool:
    """Are the numbers ``text`` states only those the question gives? Such a lead gives way to a chosen
    sentence stating another (_figure_first): "…sent the Commission its list… before the 17 June 2009 deadline.
    …how long does it have to publish the list…?" is answered by "Within six months of receipt…", not by "By
    17 June 2009, Member States shall notify…" (a fresh trap of stop 66, pe66-02)."""
    stated = stated_numbers(text)
    return bool(stated) and stated <= given_numbers(info)


def _nearer_dated(question: str, sentences: Sequence[str], stating: int) -> int | None:
    """The sentence of an English clause naming a date whose stretch (it and the undated sentences
    before it) shares more of the English ``question``'s content words than the ``stating`` one's does
    (the most, the first of equals); None when none does."""
    if has_han(question):
        return None
    asked = set(content_stems(question))
    shared, since = [-1] * len(sentences), 0
    for i, sentence in enumerate(sentences):
        if names_date(sentence):
            shared[i] = len(asked & set(content_stems(" ".join(sentences[since : i + 1]))))
            since = i + 1
    best = max(range(len(sentences)), key=lambda i: (shared[i], -i))
    return best if best != stating and shared[best] > shared[stating] else None


def _units(hits: Sequence[Hit], chosen: Sequence[_Candidate]) -> list[Unit]:
    return [hits[c.rank - 1].unit for c in chosen]


# The case a part of a Chinese clause opens with: "情节严重的，…", "逾期不改正的，…".
_CASE_OPENING = re.compile(r"^\s*([^，。；：,;:]{2,20}?)的[，,]")


def _names_case(info: QuestionInfo, part: str) -> bool:
    """Does the question name the case ``part`` opens with ("…情节严重的话…" names "情节严重的，")?"""
    m = _CASE_OPENING.match(part)
    return m is not None and fold(m.group(1)) in fold(info.text)


def _same_paragraph(text: str, first: _Candidate, later: _Candidate) -> bool:
    """Do ``first`` and ``later`` (a sentence after it) stand in one paragraph of ``text``?"""
    return in_one_paragraph(text, first.text, later.text)


def _relevance(info: QuestionInfo, tokens: set[str], english_source: bool) -> tuple[float, int]:
    """(share, count) of the question's content tokens in ``tokens``: the better reading of
    :func:`rag.query.question.relevance`, and for an English question over an English text its
    own words too (its glossary terms alone are Chinese)."""
    readings = [info.tokens, info.formal] if info.lang == "zh" or english_source else [info.formal]
    best = (relevance(info, tokens), 0)
    for reading in readings:
        if reading:
            hit = len(set(reading) & tokens)
            best = max(best, (hit / len(set(reading)), hit))
    return best


def _english(unit: Unit, quote: str, opening: str, *, again: bool, title: str, verb: str = "states") -> str:
    """An English sentence that quotes the clause and says where it stands, in the document
    ``title`` names (:func:`rag.answer.docname.cited_title`)."""
    quoted = f"“{end(quote)}”"
    if again:
        return f"It also {verb}: {quoted}"
    where = english_place(unit)
    if has_han(title):
        # A Chinese law's article by its number in English, as written beside it: "Article 30 (第三十条)".
        ref = heading_ref(unit.label) if unit.kind == "article" else None
        number = ref[1][0] if ref is not None and ref[0] == "article" and len(ref[1]) == 1 else None
        noun = "clause" if unit.kind == "clause" else "the passage"
        source = (f"Article {number} ({unit.label}) of 《{title}》" if number
                  else f"{noun} {where} of 《{title}》" if where else f"《{title}》")
    else:
        # An English document: "Article 17 Right to erasure of the General Data Protection Regulation".
        title = english_title(title)
        source = f"{where} of {title}" if where else title
    if not opening:
        source = source[0].upper() + source[1:]
    return f"{opening}{source} {verb}: {quoted}"
