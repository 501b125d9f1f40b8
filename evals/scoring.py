"""Per-question scores: whether a retrieved item matches the gold, the gold's rank, clause-level
citation precision and recall, ALCE counts, numbers copied verbatim, and ``score_question`` that
puts them together. The definitions are in :mod:`evals.metrics`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from evals.facts import check
from evals.gold import ClauseKey, GoldItem, ResolvedGold, Span, fold
from evals.outcome import AnswerView, Outcome, Retrieved, SupportFn
from evals.records import QuestionResult
from rag.answer.cite import article_names_read

# Retrieval is judged on the first this many items (MRR@10).
RANK_DEPTH = 10
_MARKER = re.compile(r"\[\d+\]")
# A number with all its dotted parts: a statute's "1798.199.100" is one number (as the answers'
# own check reads it, rag.answer.cite.numbers).
_NUMBER = re.compile(r"\d+(?:\.\d+)*")


# -- retrieval --------------------------------------------------------------------------------


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[2], b[2]) - max(a[1], b[1])) if a[0] == b[0] else 0


def is_hit(item: Retrieved, gold: ResolvedGold) -> bool:
    """Does one retrieved item match the gold (see the module docstring)?"""
    if item.key is not None:
        return item.key in gold.keys
    if item.text and any(q and q in fold(item.text) for q in gold.quotes):
        return True
    if item.span is None:
        return False
    for span in gold.spans:
        length = span[2] - span[1]
        need = max(1, min(50, length // 2))
        if _overlap(item.span, span) >= need:
            return True
    return False


def gold_rank(retrieved: Sequence[Retrieved], gold: ResolvedGold, depth: int = RANK_DEPTH) -> int | None:
    """1-based rank of the first gold item within ``depth`` distinct items; None if absent."""
    seen: set[ClauseKey] = set()
    rank = 0
    for item in retrieved:
        if item.key is not None:
            if item.key in seen:
                continue
            seen.add(item.key)
        rank += 1
        if rank > depth:
            return None
        if is_hit(item, gold):
            return rank
    return None


# -- citations --------------------------------------------------------------------------------


def clause_citation_scores(
    cited: Iterable[ClauseKey], gold: ResolvedGold
) -> tuple[float | None, float | None, int, int]:
    """(precision, recall, cited clauses that are gold, gold references cited)."""
    cited_set = set(cited)
    hits = len(cited_set & gold.keys)
    groups = gold.groups or ((gold.keys,) if gold.keys else ())
    groups_cited = sum(1 for g in groups if g & cited_set)
    precision = hits / len(cited_set) if cited_set else None
    recall = groups_cited / len(groups) if groups else None
    return precision, recall, hits, groups_cited


def alce_counts(answer: AnswerView, support: SupportFn) -> tuple[int, int, int, int]:
    """(sentences, sentences supported by their citations, citations, precise citations)."""
    passages = answer.passages()
    n_sent = n_supported = n_cit = n_precise = 0
    for sentence in answer.sentences:
        text = _MARKER.sub("", sentence.text).strip()
        if not text:
            continue
        n_sent += 1
        cites = [n for n in dict.fromkeys(sentence.citations) if n in passages]
        n_cit += len(cites)
        joint = bool(cites) and support(text, [passages[n] for n in cites])
        if not joint:
            continue
        n_supported += 1
        if len(cites) == 1:
            n_precise += 1
            continue
        for n in cites:
            if support(text, [passages[n]]):
                n_precise += 1
                continue
            rest = [passages[m] for m in cites if m != n]
            if not support(text, rest):
                n_precise += 1  # needed: without it the others no longer support the sentence
    return n_sent, n_supported, n_cit, n_precise


def answer_numbers(text: str) -> list[str]:
    """Arabic numbers in an answer (NFKC-folded, markers removed), first occurrence order. An English
    answer names a Chinese article "Article 30 (第三十条)": that 30 is the label's, no figure."""
    return list(dict.fromkeys(_NUMBER.findall(fold(_MARKER.sub(" ", article_names_read(text))))))


def missing_numbers(text: str, cited_texts: Sequence[str]) -> list[str]:
    """The answer's numbers that occur, as whole numbers, in none of the cited texts."""
    # Line by line: folding drops white space, and a heading's "Section 1798.105" followed by
    # the text's "1798.105." on the next line must not read as one longer number.
    haystack = "\n".join(fold(line) for t in cited_texts for line in t.splitlines())
    return [
        n for n in answer_numbers(text)
        if re.search(rf"(?<!\d)(?<!\d\.){re.escape(n)}(?![\d]|\.\d)", haystack) is None
    ]


# -- one question -----------------------------------------------------------------------------


def score_question(
    item: GoldItem,
    gold: ResolvedGold,
    outcome: Outcome,
    support: SupportFn | None,
    name_of: Callable[[ClauseKey], str],
) -> QuestionResult:
    """Every per-question metric of one outcome (see the module docstring)."""
    retrieved_names = tuple(
        r.name or (name_of(r.key) if r.key is not None else "") for r in outcome.retrieved[:RANK_DEPTH]
    )
    base = QuestionResult(
        id=item.id,
        question=item.question,
        tags=item.tags,
        answerable=item.answerable,
        gold=tuple(sorted(name_of(k) for k in gold.keys)),
        rank=gold_rank(outcome.retrieved, gold) if item.answerable else None,
        retrieved=retrieved_names,
        latency_ms=None if outcome.seconds is None else outcome.seconds * 1000.0,
        error=outcome.error,
        group=item.group,
    )
    answer = outcome.answer
    if answer is None:
        return base
    by_n = {c.n: c for c in answer.citations}
    cited_ns = [n for n in answer.cited_numbers() if n in by_n] if not answer.abstained else []
    cited_keys = [k for n in cited_ns if (k := by_n[n].key) is not None]
    cited_names = tuple(by_n[n].name or (name_of(k) if (k := by_n[n].key) else f"[{n}]") for n in cited_ns)
    precision = recall = None
    cited_gold = groups_cited = 0
    if item.answerable:
        precision, recall, cited_gold, groups_cited = clause_citation_scores(cited_keys, gold)
    n_sent = n_supported = n_cit = n_precise = 0
    numbers: list[str] = []
    missing: list[str] = []
    if not answer.abstained:
        if support is not None:
            n_sent, n_supported, n_cit, n_precise = alce_counts(answer, support)
        numbers = answer_numbers(answer.text)
        missing = missing_numbers(answer.text, [by_n[n].text for n in cited_ns])
        facts = check(answer.text, answerable=item.answerable, verdict=item.verdict, figure=item.figure)
        base = replace(
            base, verdict_given=facts.verdict_given, figure_given=facts.figure_given,
            verdict_ok=facts.verdict_ok, figure_ok=facts.figure_ok,
        )
    elif item.answerable:
        # An abstention on a question with a gold verdict or figure: not right, not wrong.
        base = replace(
            base, verdict_ok=False if item.verdict else None, figure_ok=False if item.figure else None,
        )
    return replace(
        base,
        abstained=answer.abstained,
        answer=answer.text,
        cited=cited_names,
        cited_gold=cited_gold,
        gold_groups=len(gold.groups),
        gold_groups_cited=groups_cited,
        citation_precision=precision,
        citation_recall=recall,
        sentences=n_sent,
        sentences_supported=n_supported,
        citations=n_cit,
        citations_precise=n_precise,
        numbers=tuple(numbers),
        numbers_missing=tuple(missing),
    )
