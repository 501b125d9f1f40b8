"""The default answerer: offline, deterministic, extractive.

From the retrieved clauses it selects the sentences that answer the question (by how much of
the question's content each covers, preferring better-ranked clauses), opens with the direct
answer when the question asks for one (是/否, the number or date, quoted from the clause), and
marks every sentence ``[n]``. Sentences are quoted as written, so numbers, targets and dates
are verbatim. An English question gets an English framing sentence that quotes the Chinese
clause. Everything then goes through the same citation check as a model's answer
(:func:`rag.answer.base.compose`), unsupported sentences dropped.

Example::

    answer = ExtractiveAnswerer().answer(question, retriever.search(question))
    print(answer.answer)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.answer.base import Answer, abstain, compose
from rag.answer.cite import SupportChecker
from rag.query.question import QuestionInfo, analyse, relevance
from rag.records import Hit, Unit
from rag.text import bigrams, fold

# Below this relevance (share of the question's content words a sentence covers) the best
# sentence does not answer the question and the answerer abstains. Calibrated on
# evals/dev.jsonl with benchmarks/retrieval_bench.py --calibrate; see the README.
MIN_RELEVANCE = 0.3
# A further sentence joins the answer when it scores at least this share of the best one.
KEEP_SHARE = 0.8
# Added per rank above the third to the sentences of the first and second clause: raising it
# from 0.04 to 0.12 raised clause-level citation precision on evals/dev.jsonl from 0.82 to 0.86
# (recall 0.93 → 0.90); the first sentence then more often comes from the clause retrieval
# ranked first, which is more often the gold clause than the best single sentence elsewhere.
RANK_BONUS = 0.12

_SPLIT = re.compile(r"(?<=[。！？；!?;\n])")
# A flattened table row ("人口数据 | 六普 | 七普"): data, not a sentence to quote.
_TABLE = re.compile(r"\s\|\s")
_NUMBER_SPAN = re.compile(
    r"(?:(?:超过|达到|达|不低于|不少于|不超过|不高于|低于|高于|提高到|提升到|增至|降至|增加到|减少到|"
    r"控制在|稳定在|保持在|约|近|突破|累计|由)\s*)?"
    r"\d[\d,，.．]*\s*(?:%|％|‰)?\s*"
    r"(?:万亿|亿|万|千|百)?\s*"
    r"(?:平方公里|公里|千米|平方米|万亩|万人|亿元|万元|个百分点|个|套|人|户|所|家|元|吨|辆|张|岁|倍|小时|分钟|天|座|条|项|亩|"
    r"米|年|月|日|名|处|次)?"
    r"(?:以上|以下|以内|左右)?"
)
_DAY = r"\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*至\s*\d{1,2}\s*日)?"
_TIME_SPAN = re.compile(rf"\d{{4}}\s*年(?:\s*{_DAY}|\s*\d{{1,2}}\s*月)?|{_DAY}")

_CANCEL = ("取消", "放开", "废除", "破除", "消除", "不再", "摒弃", "清理")
_PROHIBIT = ("不得", "禁止", "严禁", "严控", "严格控制", "严格限制", "杜绝", "防止", "避免", "不宜", "不允许")
_RESTRICT_Q = ("限制", "门槛", "限购", "禁止", "不允许", "不让", "严控", "控制")
_POSITIVE = (
    "支持", "鼓励", "推进", "推动", "允许", "加快", "实施", "建立", "完善", "实行", "推广", "保障", "确保",
    "提高", "开展", "建设", "引导", "促进", "深化", "健全", "增强", "提升", "落实", "全面",
)
_EN_POSITIVE_Q = re.compile(r"^\s*(can|could|may|will|should|shall|do|does|is|are)\b", re.I)


@dataclass(frozen=True)
class _Candidate:
    rank: int  # 1-based position of the clause in hits
    position: int  # sentence index in the clause
    text: str
    clause: str  # the whole clause, folded (years the question names are looked up in it)
    relevance: float  # share of the question's content the sentence covers
    score: float  # relevance plus the preferences that rank sentences (clause rank, numbers)


def clause_body(unit: Unit) -> tuple[str, str]:
    """(heading, body): the clause's heading line as it opens the text, and the rest."""
    head = unit.path[-1] if unit.path else ""
    text = unit.text.strip()
    if head and text.startswith(head):
        return head, text[len(head):].lstrip("。.：: \n")
    if unit.label and text.startswith(unit.label):
        # "（六）深化户籍制度改革。放开…": the title runs up to the first full stop.
        first, _, rest = text.partition("。")
        if len(first) <= 40 and rest:
            return first, rest.lstrip()
    return head, text


def clause_sentences(text: str) -> list[str]:
    """A clause's sentences and semicolon-separated parts, each ending in its punctuation."""
    return [s.strip() for s in _SPLIT.split(text) if len(s.strip()) > 1 and not _TABLE.search(s)]


class ExtractiveAnswerer:
    """See the module docstring. Deterministic: the same hits give the same answer."""

    def __init__(
        self,
        checker: SupportChecker | None = None,
        *,
        max_sentences: int = 3,
        max_clauses: int = 3,
        min_relevance: float = MIN_RELEVANCE,
    ) -> None:
        if max_sentences <= 0:
            raise ValueError(f"max_sentences must be greater than 0. Currently, it is {max_sentences}")
        self.checker = checker or SupportChecker()
        self.max_sentences = max_sentences
        self.max_clauses = max_clauses
        self.min_relevance = min_relevance

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        """Answer ``question`` from ``hits`` (rank order); abstains when nothing answers it."""
        if not hits:
            return abstain(question, hits)
        info = analyse(question)
        direct = [i for i, h in enumerate(hits, start=1) if "ref" in h.ranks]
        if direct and (info.summary or not info.tokens):
            drafted = self._summary(info, hits, direct)
        else:
            chosen = self.select(info, hits, only=direct or None)
            if not direct and not self._answers(info, chosen):
                return abstain(question, hits)
            drafted = self._draft(info, hits, chosen)
        return compose(question, drafted, hits, self.checker, drop_unsupported=True)

    def _answers(self, info: QuestionInfo, chosen: Sequence[_Candidate]) -> bool:
        """Do the chosen sentences answer the question? The best must be relevant enough, and
        a question asking for a number must get a sentence holding one: "公积金最高能贷多少"
        answered by a sentence about 住房公积金 without any figure is not an answer."""
        if not chosen or chosen[0].relevance < self.min_relevance:
            return False
        if info.wants_number and not any(re.search(r"\d", c.text) for c in chosen):
            return False
        # "2024年…目标是多少" is not answered by clauses that never mention 2024.
        return not info.years or any(y in c.clause for y in info.years for c in chosen)

    # -- selection ------------------------------------------------------------------------

    def score_sentences(
        self, info: QuestionInfo, hits: Sequence[Hit], only: Sequence[int] | None = None
    ) -> list[_Candidate]:
        """Every sentence of the hits with its relevance, best first."""
        out: list[_Candidate] = []
        for rank, hit in enumerate(hits, start=1):
            if only is not None and rank not in only:
                continue
            _, body = clause_body(hit.unit)
            folded = fold(hit.unit.text)
            for position, sentence in enumerate(clause_sentences(body)):
                rel = relevance(info, set(bigrams(sentence)))
                # Better-ranked clauses win near-ties: retrieval saw the whole clause, not one line.
                score = rel + RANK_BONUS * max(0, 3 - rank)
                if (info.wants_number or info.wants_time) and re.search(r"\d", sentence):
                    score += 0.05
                if info.years and any(y in fold(sentence) for y in info.years):
                    score += 0.1
                out.append(_Candidate(rank, position, sentence, folded, rel, score))
        out.sort(key=lambda c: (-c.score, c.rank, c.position))
        return out

    def select(
        self, info: QuestionInfo, hits: Sequence[Hit], only: Sequence[int] | None = None
    ) -> list[_Candidate]:
        """The sentences to answer with: the best, then those nearly as good, from a few
        clauses; returned best first."""
        ranked = self.score_sentences(info, hits, only)
        if not ranked:
            return []
        best = ranked[0]
        chosen = [best]
        clauses = {best.rank}
        for cand in ranked[1:]:
            if len(chosen) >= self.max_sentences or cand.score < KEEP_SHARE * best.score:
                break
            if cand.relevance < self.min_relevance:
                continue
            if cand.rank not in clauses and len(clauses) >= self.max_clauses:
                continue
            chosen.append(cand)
            clauses.add(cand.rank)
        return chosen

    # -- drafting -------------------------------------------------------------------------

    def _draft(self, info: QuestionInfo, hits: Sequence[Hit], chosen: Sequence[_Candidate]) -> list[str]:
        best = chosen[0]
        opening = self._opening(info, best.text)
        # Reading order: by clause rank, then as the clause has them; the best sentence first.
        rest = sorted(chosen[1:], key=lambda c: (c.rank, c.position))
        drafted: list[str] = []
        for i, cand in enumerate([best, *rest]):
            unit = hits[cand.rank - 1].unit
            if info.lang == "zh":
                drafted.append(_end(cand.text if i else opening + cand.text) + f"[{cand.rank}]")
            else:
                drafted.append(_english(unit, cand.text, opening if i == 0 else "", again=i > 0) + f" [{cand.rank}]")
        return drafted

    def _summary(self, info: QuestionInfo, hits: Sequence[Hit], direct: Sequence[int]) -> list[str]:
        """What a named clause says: its heading and first sentences; for a whole chapter,
        the heading of each clause in it."""
        drafted: list[str] = []
        listing = len(direct) > 2
        for rank in direct[: 12 if listing else 2]:
            unit = hits[rank - 1].unit
            head, body = clause_body(unit)
            sentences = clause_sentences(body)
            lines = [head or (sentences[0] if sentences else unit.text)] if listing else sentences[:2] or [body]
            if not listing and head:
                lines[0] = f"{head}：{lines[0]}"
            for i, line in enumerate(lines):
                if info.lang == "zh":
                    drafted.append(_end(line) + f"[{rank}]")
                else:
                    drafted.append(_english(unit, line, "", again=i > 0, verb="reads") + f" [{rank}]")
        return drafted

    # -- the direct answer ----------------------------------------------------------------

    def _opening(self, info: QuestionInfo, sentence: str) -> str:
        """"否，" / "是，" / "超过 7000公里：" (or the English equivalent), or ""."""
        if info.wants_time and (m := _best_span(_TIME_SPAN, sentence, info)):
            return f"{m}：" if info.lang == "zh" else f"The date is “{m}”: "
        if info.wants_number and (m := _best_span(_NUMBER_SPAN, sentence, info)):
            return f"{m}：" if info.lang == "zh" else f"The figure is “{m}”: "
        if info.yes_no:
            verdict = polarity(info, sentence)
            if verdict is not None:
                if info.lang == "zh":
                    return "是，" if verdict else "否，"
                return "Yes — " if verdict else "No — "
        return ""


def polarity(info: QuestionInfo, sentence: str) -> bool | None:
    """Is the answer to a yes/no question 是 (True), 否 (False), or unclear (None)?

    Only the clear cases: a question about a restriction (还限制落户吗) answered by a
    sentence that lifts it (取消…限制) is 否, by one that imposes it is 是; a question whether
    something may or will be done answered by a prohibition (严禁…) is 否, by a directive
    (支持/推进/允许…) is 是. Anything else gets no verdict rather than a guess.
    """
    question = info.text
    cancel = any(w in sentence for w in _CANCEL)
    prohibit = any(w in sentence for w in _PROHIBIT)
    restrict_q = info.lang == "zh" and any(w in question for w in _RESTRICT_Q)
    if info.lang == "en":
        restrict_q = bool(re.search(r"\b(restrict|limit|ban|prohibit|forbid|cap)", question, re.I))
    if restrict_q:
        if cancel:
            return False
        if prohibit:
            return True
        return None
    if prohibit and not cancel and "不得以" not in sentence:
        return False
    if info.lang == "en" and not _EN_POSITIVE_Q.search(question):
        return None
    if not cancel and any(w in sentence for w in _POSITIVE):
        return True
    return None


def _best_span(pattern: re.Pattern[str], sentence: str, info: QuestionInfo) -> str | None:
    """The number/date span whose surrounding words share most with the question.

    A number the question itself gives ("到2025年…多少", "300万以下…") is its condition, not
    its answer; a bare year does not answer "how many" when the sentence has a figure too.
    """
    given = {t for t in info.tokens if t[0].isdigit()}
    spans = [(m, m.group(0).strip(" ，,.．")) for m in pattern.finditer(sentence)]
    spans = [(m, span) for m, span in spans if (digits := re.findall(r"\d+", span)) and not set(digits) <= given]
    if not info.wants_time:
        figures = [(m, span) for m, span in spans if not re.fullmatch(r"\d{4}\s*年", span)]
        spans = figures or spans
    best: tuple[int, int, str] | None = None
    wanted = set(info.tokens) | set(info.extra)
    for m, span in spans:
        context = set(bigrams(sentence[max(0, m.start() - 14) : m.end() + 4]))
        score = len(context & wanted)
        # "到2025年" is how plans state a deadline or target; "2000年底前建成的" is not one.
        if sentence[max(0, m.start() - 2) : m.start()].endswith(("到", "至", "截至")):
            score += 2
        if best is None or score > best[0]:
            best = (score, -m.start(), span)
    return best[2] if best else None


def _end(text: str) -> str:
    """A sentence ends with a full stop (a semicolon-ended part of a clause becomes one)."""
    text = text.rstrip()
    if text.endswith(("；", ";", "，", ",", "：", ":")):
        text = text[:-1]
    return text if text.endswith(("。", "！", "？", "!", "?")) else text + "。"


def _english(unit: Unit, quote: str, opening: str, *, again: bool, verb: str = "states") -> str:
    """An English sentence that quotes the Chinese clause and says where it stands."""
    if again:
        return f"It also {verb}: “{_end(quote)}”"
    where = unit.path[-1] if unit.path else unit.label
    noun = "clause" if unit.kind == "clause" else "the passage"
    source = f"{noun} {where} of 《{unit.title}》" if where else f"《{unit.title}》"
    if not opening:
        source = source[0].upper() + source[1:]
    return f"{opening}{source} {verb}: “{_end(quote)}”"
