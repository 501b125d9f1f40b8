"""What retrieval is asked to do (``RetrievalOptions``) and what it returns (``Retrieval``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rag.query import refs
from rag.records import Hit
from rag.retrieve.kinds import FILTERS
from rag.retrieve.lookup import Candidate
from rag.retrieve.signals import Signals
from rag.settings import FORMAL_BOOST

FUSIONS = ("rrf", "weighted", "dense", "lexical")


@dataclass(frozen=True)
class RetrievalOptions:
    """How retrieval ranks; the defaults are the best measured on the dev questions.

    ``fusion``: "rrf", "weighted", or a single retriever ("dense", "lexical") for comparison.
    ``candidates``: how many units each retriever contributes before fusion.
    ``dense_weight``: the dense share of the weighted sum (lexical gets the rest).
    ``title_boost``: added to a clause's fused score times the share of its title's bigrams
    found in the question. ``doc_prior``: per-document additive bias (doc_id → value).
    ``mention_boost``: added to clauses of a document the question names ("方案里…",
    "河南…", "the plan"; see :func:`rag.query.refs.mentioned_docs`).
    ``cross_dense_weight``: the dense share for units in another language than the question.
    ``formal_boost``: added to clauses of formal documents (laws, regulations, policy notices)
    so they rank before commentary that answers as well.
    ``kinds``: only documents of these kinds (``law``, ``regulation``, ``policy``,
    ``commentary``, or the group ``formal``); empty for all.
    Boost, prior and bonuses are fractions of the best fused score.
    ``drop_function_words``: search BM25 without the question's English function words.
    ``name_ends``: a Chinese piece of a title names the document only when it ends a run of it.
    ``drop_doc_names``: search BM25 without the words naming a document.
    ``other_when_unmatched``: when BM25 finds only units in another language than the question,
    the dense list keeps only those too.
    ``answerability``: decide answerability with the fitted model (else leave it to the caller).
    """

    fusion: str = "weighted"
    rrf_k: int = 60
    candidates: int = 50
    dense_weight: float = 0.5
    # The dense share for an English question's units in its own language (None: ``dense_weight``).
    # Off: `benchmarks/rank_bench.py --only dense_weight_en` (0.4, 0.6, 0.7, 0.8) leaves every
    # development group best at the shared 0.5 but en-air-passengers (0.6: hit@1 0.788 → 0.818, while
    # en-cpra 0.757 → 0.730); the held-out English texts pull every way (evals/README.md, "Stop 39").
    dense_weight_en: float | None = None
    # Off: rank_bench --plan, family ``title_boost`` (stop 49, 53 groups): 0.2 gives a mean of
    # 2.4243 → 2.4311, ten groups up and seven down, English ones both ways by a question or more
    # (en-s44 0.562 → 0.656, en-eu-ai-act 0.895 → 0.863, en-cpra 0.748 → 0.730; evals/README.md).
    title_boost: float = 0.0
    rewrite: bool = True
    rewrite_dense: bool = False
    # An English question's lay words add the statutory English they stand for to its lexical query
    # ("pay me back" → reimburse; rag.query.lay_terms_en). benchmarks/rank_bench.py --plan, family
    # ``english_lay_terms`` (53 groups): mean of hit@1 + hit@5 + MRR@10 2.4127 → 2.4243, ten English
    # groups up (en-gdpr 0.389/0.667 → 0.444/0.722, en-s46 0.594/0.875 → 0.625/0.906), en-s41 and
    # en-s47 one question down each, the Chinese groups unchanged but zh-edu-jobless's MRR; chosen
    # on the other groups for every held-out one. On the set written after the list (en-s49) the
    # list as first written lost hit@1 0.625 → 0.594 ("loan", taken out; evals/README.md, "Stop 49").
    english_lay_terms: bool = True
    doc_prior: Mapping[str, float] = field(default_factory=dict)
    # A document the question names ("按献血法，…") ranks its clauses over another's restating them (北京市献血条例
    # repeats 献血法's 400 ml and six months; stop 65's pz65-05 and kp-02 found it first). benchmarks/
    # rank_bench.py --plan, family ``mention_boost`` (0.0–0.5, 82 groups): 0.5 is chosen on the other groups
    # for the held-out ones; held out against 0.3, hit@1 up in seven groups (zh-s59 0.838 → 0.892, zh-s64
    # 0.667 → 0.697, en-s56 0.727/0.909 → 0.758/0.970), down one question in three (en-s50, en-s54, en-s64),
    # hit@5 down one in two (zh-s54, en-s57); the worst group unchanged (0.382/0.618).
    mention_boost: float = 0.5
    direct_lookup: bool = True
    # English function words left out of the lexical query (measured at rag.text.EN_FUNCTION_WORDS).
    drop_function_words: bool = True
    # A Chinese document name counts only when it ends a run of the title (rag.query.docnames), and
    # the words naming a document leave the lexical query (the mention boost already favours the
    # document; inside it "行政处罚法" matches every article, so "修订后的行政处罚法从哪天起施行？" found
    # no 施行 article). benchmarks/rank_bench.py, family ``name_ends``, hit@1/hit@5 before → both:
    # seeds 0.810/0.942 → 0.823/0.952, zh-law 0.729/0.886 → 0.729/0.900, zh-pdf 0.721/0.930 →
    # 0.744/0.977, zh-regulation 0.743/0.886 → 0.771/0.900, zh-policy, en-eu-ai-act and en-cpra
    # unchanged; chosen on the other groups for every held-out group. Name ends alone: zh-law hit@1
    # 0.714; dropping names alone: zh-policy hit@1 0.783 (false names such as "工伤", "社会" dropped).
    name_ends: bool = True
    drop_doc_names: bool = True
    # A Chinese name of an English act that no glossary term renders ("欧盟重组与破产指令") names the
    # English document whose title it is nearest in meaning, at least this near and this much nearer
    # than the next (rag.retrieve.titlemeaning, where the measurement is); 0 least reads no name so.
    name_meaning_min: float = 0.83
    name_meaning_margin: float = 0.01
    # benchmarks/language_bench.py over the seven development corpora (docs/lookup-and-abstention.md):
    # cross-lingual hit@1/hit@5 0.07/0.27 at 0.5 (one weight for all), 0.27/0.40 at 0.85 and at
    # 1.0; seeds 0.80/0.93 → 0.79/0.91 at 0.85, 0.78/0.91 at 1.0; other corpora equal or better.
    cross_dense_weight: float = 0.85
    # Added to the dense similarity of units in another language than the question (documents
    # are taken as in the language of their first unit): the multilingual model scores a
    # translation lower than a text in the question's language. Whole pipeline over the 18-text
    # development index (`benchmarks/rank_bench.py --only cross_dense_offset`, nine groups):
    # cross-lingual hit@1/hit@5 0.353/0.529 at 0, 0.518/0.765 at 0.03, 0.565/0.824 at 0.04,
    # 0.576/0.835 at 0.045 and 0.05; en-air-passengers 0.727/0.909 → 0.788/0.939 from 0.035, zh-law
    # 0.759/0.892 → 0.783/0.916, zh-edu-jobless hit@5 0.886 → 0.943, en-cpra hit@5 0.922 → 0.904
    # at 0.045 (0.896 at 0.05), seeds and the rest unchanged. 0.045 has the best mean of hit@1 +
    # hit@5 + MRR@10 over the nine groups; held out, every group's value is chosen among 0.04–0.05
    # by the other eight (worst held-out hit@5 0.886 → 0.896). Not chosen on, measured after: the
    # held-out laws' index, cross-lingual 0.615/0.827 → 0.673/0.865 (evals/README.md). Since stop
    # 38 it raises the Chinese units an English question meets; ``cross_dense_offset_zh`` below
    # the English units a Chinese question meets (measured then with one value for both).
    cross_dense_offset: float = 0.025
    # The raise for a Chinese question's English units. The best unit in the question's own
    # language minus the best in the other, medians on the development index
    # (benchmarks/language_gap_bench.py): a Chinese question over an English gold +0.023, over a
    # Chinese gold +0.117; an English question over a Chinese gold +0.024, over an English gold
    # +0.091. The raise must pass the first of each pair and not
    # the second, and a Chinese question leaves it more room. benchmarks/rank_bench.py (family
    # ``offset_zh``, the 18-text development index, nine groups): 0.045 → 0.065 lifts
    # en-air-passengers hit@5 0.939 → 0.970 and cross-lingual hit@5 0.859 → 0.871, no group
    # lower; 0.07 adds en-cpra hit@1 0.757 → 0.765 and takes seeds 0.884 → 0.881, 0.08 takes
    # zh-policy 0.891 / 0.935 → 0.870 / 0.913. Held out, the other eight groups choose 0.065 or 0.07
    # for every group (worst held-out hit@1 / hit@5 0.714 / 0.904 either way).
    cross_dense_offset_zh: float = 0.065
    # An English question's raise grows with the words it shares with the other language's texts:
    # ``cross_lexical_raise`` times log(1 + the best BM25 score among those units). Its glossary's
    # Chinese terms (rag.query.legal_terms) find a Chinese law's words when it asks about one and
    # next to nothing when it asks about an English text; the fixed raise above is lowered to
    # leave room. The candidates were read off the language of the first dense unit against the
    # gold's, English questions over indexes holding both languages (623, stop 44's pair's 34
    # among them): 571 agree with 0.045 alone, 598 with 0.025 + 0.01·log(1 + s). The value was
    # chosen without stop 44's pair: benchmarks/rank_bench.py --plan (family ``lexical_raise``,
    # 33 groups, ``amending_penalty`` 0.5; each held out, chosen on the others): 0.025 + 0.015 has
    # the best mean over the groups (hit@1 + hit@5 + MRR@10, 2.354 → 2.377; 0.035 + 0.01 2.376,
    # 0.025 + 0.01 2.372); questions first 1270 → 1274, in the first five 1505 → 1510 of 1668;
    # en-s38 hit@5 0.714 → 0.893, en-s41 0.688 → 0.719, en-s43 0.469 → 0.500, zh-consumer 0.857
    # → 1.000, zh-property 0.684 → 0.737, zh-law and zh-edu-jobless hit@1 up; zh-npc 0.675 →
    # 0.625, zh-lay2 0.412 → 0.382, en-cpra 0.757 / 0.904 → 0.739 / 0.896, zh-regulation hit@5
    # 0.928 → 0.916 (English questions about Chinese laws that share few glossary words with them
    # lose, and English questions beside them). Held out, the worst group 0.382 / 0.611. Then on
    # stop 44's directive: hit@5 0.750 → 0.938, hit@1 0.531 either way.
    cross_lexical_raise: float = 0.015
    # ...less ``own_lexical_damp`` times log(1 + the best BM25 score among the units in the
    # question's own language), never below 0: an English question whose own words match an
    # English text about as well as its glossary's Chinese terms match a Chinese one is no
    # question about the Chinese text (0: off). benchmarks/rank_bench.py --plan (family ``own_damp``;
    # 0, 0.25, 0.5, 0.75, 1; 52 groups; mean hit@1 + hit@5 + MRR@10 2.4121, 2.4159, 2.4132, 2.4049,
    # 2.3905): 0.25 raises seven English groups (en-gdpr 0.389 → 0.444, en-s46 0.594 → 0.625 hit@1,
    # en-s43 hit@5 0.656 → 0.719) and lowers en-s40, en-s41 and four Chinese groups whose English
    # questions ask about Chinese laws (zh-property 0.737 → 0.684, zh-edu-jobless 0.743 → 0.714),
    # cross-lingual hit@1 0.595 → 0.583; held out, the worst group is unchanged (0.382 / 0.618).
    # Best by 0.004 of the mean, about one question per group either way, and against the
    # questions the issue names (English questions about Chinese laws): left off.
    own_lexical_damp: float = 0.0
    # Dense-led fusion: when the unit the dense search puts first (after the offset above) is in
    # another language than the question, every unit is fused with this dense share instead of
    # the per-language weights; 0 leaves it off. benchmarks/rank_bench.py (family ``cross_led``,
    # with the offset above at 0.045, nine groups): 0.7 is no lower than 0 on any group, zh-pdf
    # hit@1 0.837 → 0.860, zh-regulation 0.783/0.904 → 0.795/0.928, cross-lingual 0.576/0.835 →
    # 0.600/0.859; 0.85 and 1.0 lower zh-law (0.771/0.904). Held out, the other groups choose 0.7
    # or 0.85 (worst held-out 0.686/0.904 either way). Not chosen on, measured after: the held-out
    # laws' index, cross-lingual 0.673/0.865 → 0.712/0.885 (evals/README.md).
    cross_led_weight: float = 0.7
    # When the lexical search finds only units in another language than the question, the dense
    # list keeps only those too. On the development groups and the three held-out laws (731
    # answerable questions, one index of all 18 texts; English questions whose lexical list was
    # all Chinese: 30 with a Chinese gold, 2 with an English one, both already missed): hit@1 /
    # hit@5 0.800 / 0.938 → 0.802 / 0.941, zh-consumer hit@1 0.643 → 0.714, zh-pdf hit@5 0.953 →
    # 0.977, seeds hit@5 0.942 → 0.946, no group lower. benchmarks/rank_bench.py (family
    # ``other_when_unmatched``, the 15-text index): zh-pdf hit@5 0.953 → 0.977, seeds 0.946 →
    # 0.949, cross-lingual 0.800 → 0.822, the rest equal; chosen on the other groups for every
    # held-out group.
    other_when_unmatched: bool = True
    # A question setting its case abroad (rag.query.abroad: an EU member, a European city or the
    # Union named, nothing of China) searches only the index's English texts, when it holds some
    # beside others. Measured in evals/README.md (stop 67).
    abroad_english: bool = True
    # An English question's words that no legal term or glossary key reads are read through a
    # general bilingual dictionary (rag.query.lexicon): at most this many Chinese words the index
    # holds per English word (0: off). They count in coverage (each word a slot), and with
    # ``bridge_lexical`` they join the lexical query. Measured in evals/README.md ("Bilingual
    # dictionary").
    bridge_words: int = 3
    bridge_lexical: bool = True
    # A Chinese question's words glossed in English through the same dictionary (rag.query.lexicon.
    # renderings), at most this many English words the index holds per Chinese word (the bridge's
    # RENDERINGS), order the English units of its lexical list among themselves (0: off).
    # benchmarks/rank_bench.py --plan, family ``render_words`` (95 groups, 4,787 answerable
    # questions; 0, 2, 3, 5): first places 3,804 → 3,806 / 3,807 / 3,808, first five 4,414 → 4,417 /
    # 4,415 / 4,415, the cross-lingual slice 0.598 → 0.600–0.603; en-air-passengers 0.788 → 0.818,
    # zh-edu-jobless 0.743 → 0.771, en-s40/s54/s57/s68 one up, en-s55/s59/s66 one down; held out, the
    # other groups choose 2 or 5 for every group, the worst group unchanged (evals/README.md, "Stop 75").
    render_words: int = 3
    # The dictionary's words join the lexical query only when the question's own words matched
    # some unit or the unit nearest in meaning is in the other language (False: whenever the
    # first lexical unit is not in the question's language). benchmarks/rank_bench.py --plan (family
    # ``bridge_evidence``, 52 groups): en-s48 0.562 / 0.781 → 0.594 / 0.812 (the set it came from),
    # no other group moves; held out, every group chooses it (evals/README.md, "Stop 48").
    bridge_needs_evidence: bool = True
    # A Chinese question's shortened words the index writes only in full are read in full
    # (rag.query.shortened: 年假 → 年休假) for the search, its signals and the answer. Off: measured
    # (evals/README.md, "Stop 39"), no development question is spelled out; of the held-out ones,
    # three refused 年假 questions were answered but a near miss too, 交警 → 交通警 (a word every
    # article of 道路交通安全法 holds) put ht-11's clause 1 → 7 and hn-02's 2 → 3, and one right
    # leading figure (hs-03 "5天：") was lost.
    spell_out: bool = False
    # The other-language units of an English question ordered by its vector mixed with that of its
    # Chinese words (glossary terms, each bridged word's commonest rendering), the Chinese words
    # weighing this share (0: off): measured in evals/README.md ("Bridged dense query") and chosen
    # leave-one-corpus-out in benchmarks/rank_bench.py (family ``bridge_dense``).
    bridge_dense: float = 0.5
    # The mirror for a Chinese question: its English units ordered by its vector mixed with that of
    # its words' English glosses (rag.query.lexicon.renderings, the commonest form the index holds
    # per word), these weighing this share (0: off); each keeps the similarity its place had, so
    # only their order changes. benchmarks/rank_bench.py --plan, family ``render_dense`` (97 groups,
    # 4,885 answerable questions; 0, 0.25, 0.5, 0.75): first places 3,887 → 3,890 / 3,892 / 3,884,
    # first five 4,507 → 4,506 / 4,506 / 4,504, the cross-lingual slice hit@1 0.603 → 0.608 / 0.612 /
    # 0.598; held out, the other groups choose 0.25 or 0.5, the worst group unchanged (evals/README.md,
    # "Stop 76").
    render_dense: float = 0.25
    # Subtracted (a fraction of the best fused score, like the boosts) from a clause stating its
    # text's purpose or findings ("为了……制定本法", "Findings and Declarations";
    # rag.query.purpose) unless the question asks a purpose: near every question about the text
    # in meaning and words, it answers almost none. benchmarks/rank_bench.py (family
    # ``purpose_penalty``, shares 0.5 / 0 / 0.1 / 0.2 / 0.3): hit@1 en-cpra 0.730 → 0.757, zh-law 0.747 →
    # 0.759, cross-lingual 0.535 → 0.549, no group lower; the other groups choose 0.5 for every
    # held-out group (0.3 ties with it on most; held-out worst hit@1 0.730 → 0.757).
    purpose_penalty: float = 0.5
    # Lowers, by this share of the best fused score, a clause amending another act ("Article 22
    # Amendments to Regulation (EU) 2017/2394 and Directive 2009/22/EC": it quotes the act's full
    # title into the other's annex, so it meets every question naming the act) unless the question
    # asks about amending (rag.query.amending.asks_amendment). Of every set's English questions,
    # such a clause was first seven times (five of stop 44's directive, found there: its date and
    # scope questions) and never gold. benchmarks/rank_bench.py --plan (family
    # ``amending_penalty``, shares 0.5 / 0 / 0.2 / 0.3, the 33 groups without stop 44's): 0.5 has
    # the best mean; against 0, en-gdpr hit@5 0.611 → 0.667, en-s39 MRR@10 0.576 → 0.586, no
    # group lower (held out, every group's value chosen on the others: 0.5).
    amending_penalty: float = 0.5
    # A document's preamble (its lead paragraphs before the first heading: a commentary's, a paper's or a
    # report's introduction, which says in brief what its body says) yields the first place to the clause
    # after it. Over every set's answers (stop 71), a document's preamble was first 14 times and gold once;
    # moved one place down: 8 first places won, that one lost (evals/README.md, "Stop 71"). Off: False.
    # benchmarks/rank_bench.py --plan (family ``preamble_yields``): the seed group 0.899 → 0.904 hit@1, the 88
    # others identical, so held out the seed group keeps it by the tie rule (only the seed texts have such a
    # preamble first).
    preamble_yields: bool = True
    # The first ``sentence_clauses`` clauses reordered by fused score (share of the first's) plus
    # this weight times how far each clause's sentence nearest the question in meaning stands
    # below the best such sentence (0: off). Chosen leave-one-corpus-out: in
    # benchmarks/sentence_rank_bench.py the other groups choose 20 for every held-out group
    # (evals/README.md, "Sentences by meaning").
    sentence_weight: float = 20.0
    sentence_clauses: int = 5
    # Only the clauses scoring at least this share of the first's fused score are read: on the
    # development questions the same hit@1 as reading all five (0.866 of those found in the first
    # five, every group alike from 0 to 0.7), with 1.2 clauses embedded per search instead of 3.8.
    sentence_floor: float = 0.7
    # For a Chinese question whose first clause is English, the English clauses' nearest sentences
    # are raised by the gap their dense similarity already gets (``cross_dense_offset_zh``): the
    # model puts a Chinese sentence nearer, so two Chinese tax articles had gone before the English
    # repair article a Chinese question asked about (stop 52's gp-09). Over every set (evals/README.md,
    # "Stop 52"): gp-09, dev cpra-083 and stop 42's hb-29 first, gd-32 and hd-26 second, none lower.
    # Not kept, measured the same way: the raise for English questions' Chinese clauses (three English
    # questions lost, none gained), for every Chinese question (hy-25 lost 民法典's article to the
    # CPRA), each clause against its own language's best (stop 49's pair hit@1 0.765 → 0.706).
    sentence_cross_offset: bool = True
    # A list item is also read after its lead-in's opening (rag.answer.quotes.item_pieces): a
    # penalty article's "（二）过失引起火灾的；" with "…处十日以上十五日以下拘留…". Chosen on the fit plan's
    # 35 groups, each held out (benchmarks/rank_bench.py --plan --only item_leadins): on in every
    # group's choice; hit@1 up in six Chinese groups (zh-law 0.795 → 0.807, zh-s39, s40, s42, s43,
    # zh-s44 0.694 → 0.778), down in three (zh-new 0.793 → 0.759, zh-pdf, zh-s38), English alike.
    item_leadins: bool = True
    # A clause naming every year the question names ("2023年城里居民…可支配收入") is raised by this
    # share of the best fused score: a figure is stated for a year, and a clause of another year
    # ranked first (a fresh seed question of stop 45). Chosen on the fit plan's 35 groups, each held
    # out (benchmarks/rank_bench.py --plan --only year_boost; 0, 0.05, 0.1, 0.2, 0.3): 0.3, the
    # best mean; seeds 0.869/0.967 → 0.876/0.971, en-s44 hit@5 0.969 → 1.000, en-s45 MRR 0.914 →
    # 0.912, no other group moves (0.05 and 0.1 move the same, less).
    year_boost: float = 0.3
    # Added (a fraction of the best fused score) to a clause defining the term a question quotes and
    # asks the reach of ("欠税达到多少钱就算“数额较大”？" → "…所称欠缴税款数额较大，是指5万元以上"; the
    # law's article using the term shares more words and ranked first, a fresh held-out question of
    # stop 48; rag.query.terms.defined_term); 0: off. benchmarks/rank_bench.py --plan (family
    # ``definition_boost``; 0, 0.1, 0.2, 0.3, 0.5; 52 groups): 0.1–0.3 move no question, 0.5 moves
    # one, zh-s48 hit@1 0.833 → 0.861 (the question it came from, gg-15), and no other group; held
    # out, zh-s48 keeps 0 (the others tie), every other group chooses 0.5 and is unchanged.
    definition_boost: float = 0.5
    # A question asking a fine ("罚多少") whose words match an article listing forbidden acts: the fine
    # clause citing that article by number ("有本法第四十八条第三项…行为之一的…罚款") is moved just before
    # it when it ranks below, for the first such article among the first ``fine_reach`` clauses
    # (rag.query.fines; 0: off). benchmarks/rank_bench.py --plan --fines --only fine_reach (the 228
    # questions asking a fine, 40 groups; no other question can move): mean hit@1 + hit@5 + MRR@10
    # 2.4237 off, 2.4473 at 1, 2.4594 at 2, 2.4540 at 3 and 5 (3 puts two citing clauses above stop 57's
    # gz-19, en-s57 hit@5 0.8 → 0.6); held out, every group chooses 2 or 3; 2 raises en-new, zh-s41 and
    # zh-s60 and lowers none.
    fine_reach: int = 2
    # When the question's words match the texts weakly (the answerability signal ``bm25``, log(1 + the
    # best BM25 score per query token), below ``weak_lexical_below``), the question's own-language units
    # are fused with ``weak_lexical_dense`` as the dense share instead (0: off). Off, measured at stop 57
    # (benchmarks/rank_bench.py --plan --only weak_lexical, 62 groups; the directives' pair had dense only
    # at hit@5 0.879 against the default's 0.758): mean hit@1 + hit@5 + MRR@10 2.4023 shipped, 2.3960 below
    # 0.2, 2.3869 below 0.4, 2.3860 below 0.6 (dense 0.7), 2.3463 below 0.4 at 0.85. en-s57 hit@5 0.758 →
    # 0.879 and zh-s38 0.571 → 0.657 hit@1, but seeds 0.882 → 0.869 and zh-s56 hit@5 0.838 → 0.703 (below
    # 0.4); held out, every group chooses it off.
    weak_lexical_below: float = 0.0
    weak_lexical_dense: float = 0.7
    # The dense search may read a question of several sentences by its vector mixed with that of
    # the sentence it asks in (rag.query.focus), weighing this share; 0: off. Off, measured at stop
    # 57 (benchmarks/rank_bench.py --plan --only focus; 0, 0.25, 0.5; 62 groups): mean hit@1 + hit@5
    # + MRR@10 2.4010, 2.4004, 2.3807. At 0.25 English groups move both ways by a question (en-s40
    # 0.562/0.812 → 0.594/0.844, en-s56 hit@5 0.909 → 0.939, en-s57 0.758 → 0.788; en-s49 0.625 →
    # 0.562, en-s51 0.656 → 0.594, en-s55 0.515 → 0.485), Chinese ones hardly; held out, the worst
    # group is unchanged (0.382 / 0.618) and the groups choose 0 or 0.25.
    focus_share: float = 0.0
    # Measured in docs/document-metadata.md; the lead chooses it leave-one-corpus-out.
    formal_boost: float = FORMAL_BOOST
    kinds: tuple[str, ...] = ()
    answerability: bool = True

    def __post_init__(self) -> None:
        if self.fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {FUSIONS}. Currently, the fusion is {self.fusion!r}")
        if self.candidates <= 0:
            raise ValueError(
                f"candidates must be greater than 0. Currently, the candidates is {self.candidates}"
            )
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be in [0, 1]. Currently, it is {self.dense_weight}")
        if self.dense_weight_en is not None and not 0.0 <= self.dense_weight_en <= 1.0:
            raise ValueError(f"dense_weight_en must be in [0, 1] or None. Currently, it is {self.dense_weight_en}")
        if not 0.0 <= self.name_meaning_min <= 1.0:
            raise ValueError(f"name_meaning_min must be in [0, 1]. Currently, it is {self.name_meaning_min}")
        if not 0.0 <= self.name_meaning_margin <= 1.0:
            raise ValueError(f"name_meaning_margin must be in [0, 1]. Currently, it is {self.name_meaning_margin}")
        if not 0.0 <= self.cross_dense_offset <= 0.2:
            raise ValueError(f"cross_dense_offset must be in [0, 0.2]. Currently, it is {self.cross_dense_offset}")
        if not 0.0 <= self.cross_lexical_raise <= 0.1:
            raise ValueError(f"cross_lexical_raise must be in [0, 0.1]. Currently, it is {self.cross_lexical_raise}")
        if not 0.0 <= self.own_lexical_damp <= 2.0:
            raise ValueError(f"own_lexical_damp must be in [0, 2]. Currently, it is {self.own_lexical_damp}")
        if not 0.0 <= self.cross_dense_offset_zh <= 0.2:
            raise ValueError(
                f"cross_dense_offset_zh must be in [0, 0.2]. Currently, it is {self.cross_dense_offset_zh}"
            )
        if not 0.0 <= self.cross_led_weight <= 1.0:
            raise ValueError(f"cross_led_weight must be in [0, 1]. Currently, it is {self.cross_led_weight}")
        if not 0.0 <= self.cross_dense_weight <= 1.0:
            raise ValueError(f"cross_dense_weight must be in [0, 1]. Currently, it is {self.cross_dense_weight}")
        if self.sentence_weight < 0 or self.sentence_clauses < 2 or not 0.0 <= self.sentence_floor <= 1.0:
            raise ValueError(
                "sentence_weight must be 0 or more, sentence_clauses at least 2 and sentence_floor in [0, 1]. "
                f"Currently, they are {self.sentence_weight}, {self.sentence_clauses} and {self.sentence_floor}"
            )
        if self.bridge_words < 0:
            raise ValueError(f"bridge_words must be 0 or more. Currently, it is {self.bridge_words}")
        if self.render_words < 0:
            raise ValueError(f"render_words must be 0 or more. Currently, it is {self.render_words}")
        if not 0.0 <= self.bridge_dense <= 1.0:
            raise ValueError(f"bridge_dense must be in [0, 1]. Currently, it is {self.bridge_dense}")
        if not 0.0 <= self.render_dense <= 1.0:
            raise ValueError(f"render_dense must be in [0, 1]. Currently, it is {self.render_dense}")
        if not 0.0 <= self.amending_penalty <= 1.0:
            raise ValueError(f"amending_penalty must be in [0, 1]. Currently, it is {self.amending_penalty}")
        if not 0.0 <= self.definition_boost <= 1.0:
            raise ValueError(f"definition_boost must be in [0, 1]. Currently, it is {self.definition_boost}")
        if self.fine_reach < 0:
            raise ValueError(f"fine_reach must be 0 or more. Currently, it is {self.fine_reach}")
        if not 0.0 <= self.year_boost <= 1.0:
            raise ValueError(f"year_boost must be in [0, 1]. Currently, it is {self.year_boost}")
        if not 0.0 <= self.purpose_penalty <= 1.0:
            raise ValueError(f"purpose_penalty must be in [0, 1]. Currently, it is {self.purpose_penalty}")
        if self.formal_boost < 0:
            raise ValueError(f"formal_boost must be 0 or more. Currently, it is {self.formal_boost}")
        unknown = [k for k in self.kinds if k not in FILTERS]
        if unknown:
            raise ValueError(f"kinds must be among {FILTERS}. Currently, they include {unknown}")


@dataclass(frozen=True)
class Retrieval:
    """What retrieval found for one question, with the signals abstention is decided on.

    ``direct`` is true when the hits are the clauses the question named by number.
    ``dense_top`` is the best cosine similarity between the question and any candidate unit
    (−1.0 when the dense retriever did not run).
    """

    question: str
    hits: tuple[Hit, ...]
    refs: tuple[refs.ArticleRef, ...] = ()
    direct: bool = False
    dense_top: float = -1.0
    candidates: tuple[Candidate, ...] = ()  # an ambiguous reference: one clause per document
    focus: tuple[int, int] | None = None  # the sub-citation's range of hits[0].unit.text
    signals: Signals | None = None  # of a search (None for a lookup)
    p_answerable: float | None = None  # the answerability model's probability
    threshold: float = 0.5  # the model's: answerable when p_answerable reaches it
    asked: str = ""  # the question as searched, in the index's words (rag.query.shortened); "" = question

    @property
    def answerable(self) -> bool | None:
        """True for a lookup that matched; the model's verdict for a search; None without a model."""
        if self.direct:
            return bool(self.hits)
        if self.p_answerable is None:
            return None
        if self.signals is not None and self.signals.finds_no_word():
            # Across languages the embedder's similarity is high for anything
            # ("今晚想做红烧排骨，酱油和冰糖大概各放多少合适？" found the renewable directive's biofuel crops at
            # 0.86 and was answered, p 0.70, a fresh off-topic question of stop 56). Measured over every
            # set's questions asked in one language whose first clause is in the other (477): the four
            # with no word found were all off-topic; the fewest of an answerable one, bm25 0.04.
            return False
        return self.p_answerable >= self.threshold
