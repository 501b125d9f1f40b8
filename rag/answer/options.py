"""The extractive answerer's weights, in one frozen object that benchmarks can sweep.

Every number says how it was chosen: measured (with the figure and the script) or unmeasured.
``benchmarks/answer_sweep.py`` varies them on a gold set and prints the answer metrics.

Example::

    ExtractiveAnswerer(options=ExtractiveOptions(rank_bonus=0.08))
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ExtractiveOptions:
    """Weights and limits of the extractive answerer; see each field's comment."""

    # Below this relevance (share of the question's content words a sentence covers) the best
    # sentence does not answer the question and the answerer abstains. Calibrated on
    # evals/dev.jsonl with benchmarks/retrieval_bench.py --calibrate; see the README.
    min_relevance: float = 0.3
    # ...and, for a Chinese question, hold at least this many of its content tokens (one shared
    # bigram, 天气 in "今天天气怎么样" and "雾霾天气", is chance). Not tuned; measured with
    # benchmarks/answer_sweep.py on evals/dev.jsonl: 2 against 1 moves citation precision 0.866 →
    # 0.871 and false abstention 0.021 → 0.026 (one question, p080 "TOD模式…", which 1 answered
    # from an unrelated sentence sharing only 模式).
    min_matched: int = 2
    # When the retriever's answerability model (fitted on every development corpus, leave-one-
    # corpus-out) has judged the search answerable, the two floors above are replaced by these:
    # the model saw the question's dense and lexical evidence, and a colloquial question
    # ("我想辞职，要提前多少天跟单位说？") shares few words with the clause that answers it
    # ("劳动者解除劳动合同，应当提前三十日…"). Measured in evals/README.md (answer floors).
    vouched_min_relevance: float = 0.0
    vouched_min_matched: int = 1
    # When the sentences chosen by shared words do not answer (no word in common: "普通公司可以招
    # 15岁的孩子来上班吗？" and "禁止用人单位招用未满十六周岁的未成年人"), choose them by meaning as a
    # question across languages is answered (rag.answer.crossing: a number question still needs a
    # figure, a "when" question a date). Only for vouched searches; figures in evals/README.md.
    by_meaning: bool = False
    vouched_by_meaning: bool = True
    # A further sentence joins the answer when it scores at least this share of the best one.
    # Unmeasured.
    keep_share: float = 0.8
    # A question of several parts (rag.query.parts: "…？…？", "哪些…，哪些…") gets, for each part no
    # chosen sentence answers, the sentence best answering that part (``parts``), when it covers at
    # least this share of the part's words: the unvouched floor above, not tuned (a part is answered
    # as a question of its own would be). On the development set three answers gain a sentence
    # (zhlaw-064, zhpdf-030, zhreg-050), none loses one; multi-clause citation recall 0.521 → 0.544.
    part_min_relevance: float = 0.3
    parts: bool = True
    # Added per rank above ``rank_bonus_depth`` to the sentences of the better-ranked clauses:
    # raising it from 0.04 to 0.12 raised clause-level citation precision on evals/dev.jsonl from
    # 0.82 to 0.86 (recall 0.93 → 0.90); the first sentence then more often comes from the
    # clause retrieval ranked first, which is more often the gold clause.
    rank_bonus: float = 0.12
    # Clauses ranked at or below this get no rank bonus (bonus = rank_bonus × (depth − rank)).
    # Unmeasured.
    rank_bonus_depth: int = 3
    # Added to a sentence holding a figure when the question asks for a number or a date.
    # Unmeasured (a tie-breaker below the smallest relevance step of a short question, 1/8).
    number_bonus: float = 0.05
    # When no chosen sentence of a question asking for a number states one, the best sentence
    # stating a figure of the asked kind (rag.query.quantity.states_figure) leads the answer, if
    # it is among the first ``figure_clauses`` clauses (as the answerability signal
    # figure_missing looks at the first 3) and at least ``figure_min_relevance`` relevant (the
    # unvouched floor, ``min_relevance``). Not tuned; measured in the README (false abstention).
    figure_clauses: int = 3
    figure_min_relevance: float = 0.3
    # The same for sentences chosen by meaning (an answer across languages): the share of the way
    # from the least similar sentence of the clauses to the most. Not tuned: on the 82 English
    # and cross-lingual number questions of the development set and the three held-out laws,
    # 0.3, 0.5 and 0.7 answer the same one more question (zhreg-026, "30日内") and no other
    # answer changes.
    figure_min_meaning: float = 0.5
    # ...and before those, the nearest of the next this-many parts of a chosen sentence's clause
    # that states such a figure (a law's condition can take two parts before its figure; beyond the
    # next, only parts of the same paragraph). Not tuned: 1 missed 住房公积金管理条例 第三十六条's
    # "5日内" two parts after the condition; 2 missed the pay transparency directive's "no shorter
    # than three years", the fourth sentence of Article 21(1) (held-out gf-09 was refused once
    # "What's the shortest deadline…" was read as asking a number, stop 50). 5 over every set of
    # the stops (evals/README.md "Stop 50"): that one answer changes, nothing else.
    figure_parts_after: int = 5
    # Added to a sentence naming a year the question names ("2024年…"). Unmeasured.
    year_bonus: float = 0.1
    # At most this many sentences, from at most this many clauses. Unmeasured.
    max_sentences: int = 3
    max_clauses: int = 3
    # An announced list ("有下列情形之一的：（一）…") is quoted whole, up to this many items.
    # Unmeasured (the longest item lists of the development corpora have 12–15 items).
    max_list_items: int = 20
    # A figure's context when ranking the figures of one sentence against the question's words:
    # this many characters before it and after it (a Chinese indicator precedes its figure).
    # Unmeasured.
    span_before: int = 14
    span_after: int = 4
    # A figure right after 到/至/截至 is a plan's deadline or target: this many extra context
    # points. Unmeasured.
    deadline_bonus: int = 2
    # A 是/否 verdict needs the sentence up to its deciding part (with the document's title and
    # headings) to hold at least this share of the question's subject bigrams (its content words
    # other than the action's). Set by reading the yes/no questions of evals/dev.jsonl: question
    # bigrams straddle words ("企业能自己选注册地": 3 of 8 covered by "允许…企业自由选择注册地"),
    # so 0.6 lost right verdicts; the 中考 example of issue 11 covers 3 of 9 (0.33).
    verdict_coverage: float = 0.35
    # A date opens an answer only when its sentence holds at least this share of the question's
    # content tokens, or the question asks from when a text applies (its commencement clause
    # names little of the question: 0.10–0.23 on the development and held-out sets). Measured on
    # every date opening of those sets: the right ones held 0.75 and 0.78 (seed2-091, x01) and
    # 0.8 (euai-047); the wrong one 0.14 (u07 "新能源汽车购置税减免政策延续到哪一年？" opened
    # "2025年：" from a sentence on new-energy buses, held out).
    date_coverage: float = 0.5
    # A named clause is summarised by its first this-many sentences; up to ``summary_clauses``
    # named clauses are summarised so, more (a named chapter) by the headings of up to
    # ``summary_listing`` of its clauses. Unmeasured.
    summary_sentences: int = 2
    summary_clauses: int = 2
    summary_listing: int = 12

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value < 0:
                raise ValueError(f"{f.name} must not be negative. Currently, the {f.name} is {value}")
        if self.max_sentences <= 0:
            raise ValueError(f"max_sentences must be greater than 0. Currently, it is {self.max_sentences}")
