"""What a quiz item asserts and where in its clause that is said: the sentences that support
its key, the statement of a true/false item, the filled blank, the one fact a false statement
changes, the points of a reference answer."""

from __future__ import annotations

import re

from rag.quiz.items import QuizItem
from rag.quiz.source import Clause
from rag.quiz.text import contains, norm, tidy
from rag.quiz.wording import CIRCLED, EN, ZH, wording

_HARD_PUNCT = "，。；：？！“”‘’《》（）,.;:?!()\"[]【】"
_CONTEXT = 10  # characters of context either side of a blank that must match the clause
_MAX_CHANGE = 12  # a false statement changes one fact: at most this many characters


_MARKERS = (ZH.choice_blank, ZH.fill_blank, EN.fill_blank, "哪一年", "多少")


def tested_sentences(item: QuizItem) -> frozenset[str]:
    """The clause sentences (comparison form) that support the key; empty if none does."""
    clause = Clause.from_citation(item.citation)
    evidence: list[str] = []
    if item.type in ("single_choice", "fill_blank"):
        filled = fill_slot(item, str(item.answer))
        if filled is not None:
            evidence.append(filled)
    elif item.type == "multiple_choice":
        evidence.extend(item.keys)
        if not item.keys:
            return frozenset()
        # A false statement made from a clause sentence tests that sentence too.
        changed = (one_change(o, clause.text) for o in item.options if o not in item.keys and len(o) > 12)
        evidence.extend(c[2] for c in changed if c is not None)
    elif item.type == "true_false":
        statement = statement_of(item)
        if item.answer is True:
            evidence.append(statement)
        else:
            change = one_change(statement, clause.text)
            if change is None:
                return frozenset()
            evidence.append(change[2])
    else:
        evidence.extend(answer_points(str(item.answer)))
    if not evidence:
        return frozenset()
    found: set[str] = set()
    for piece in evidence:
        hits = {norm(s) for s in clause.sentences if contains(s, piece)}
        if not hits:
            return frozenset()
        found |= hits
    return frozenset(found)


def statement_of(item: QuizItem) -> str:
    """The statement a true/false item asks about, without lead-in and clause reference."""
    clause = Clause.from_citation(item.citation)
    w = wording(clause)
    text = tidy(item.question)
    for lead in (ZH.tf_lead, EN.tf_lead):
        if text.startswith(lead.strip()):
            text = text[len(lead.strip()):].strip()
    prefix = tidy(w.prefix(clause))
    if text.startswith(prefix):
        text = text[len(prefix):]
    elif "》" in text and "，" in text[text.index("》"):]:
        # A drafted question may name the clause its own way: "根据《…》第六条，…".
        text = text[text.index("，", text.index("》")) + 1:]
    return text.strip().rstrip("。.！!？?（）() ")


def fill_slot(item: QuizItem, option: str) -> str | None:
    """The statement around the blank with ``option`` put in, cut at the nearest punctuation
    (``"城区常住人口300万以下的城市落户限制"``); ``None`` when the question has no blank."""
    # Not tidied: that would squeeze the full-width spaces out of the choice blank "（　　）".
    question = item.question
    clause = Clause.from_citation(item.citation)
    prefix = wording(clause).prefix(clause).strip()
    start_at = len(prefix) if question.startswith(prefix) else 0
    for marker in _MARKERS:
        at = question.find(marker, start_at)
        if at >= 0:
            break
    else:
        return None
    before, after = question[:at], question[at + len(marker):]
    if marker == "多少":
        unit = re.sub(r"^\d+(?:\.\d+)?", "", option)
        if unit and after.startswith(unit):
            after = after[len(unit):]
    left = re.split(f"[{re.escape(_HARD_PUNCT)}]", tidy(before)[-_CONTEXT:])[-1]
    right = re.split(f"[{re.escape(_HARD_PUNCT)}]", tidy(after)[:_CONTEXT])[0]
    return left + option + right


def one_change(statement: str, clause_text: str) -> tuple[str, str, str] | None:
    """How a false statement differs from the clause: ``(original, changed, original context)``
    when it is a clause passage with one short stretch replaced, else ``None``."""
    s, t = norm(statement), norm(clause_text)
    if not s or s in t:
        return None
    p = _longest(lambda k: s[:k] in t, len(s))
    q = _longest(lambda k: s[len(s) - k:] in t, len(s))
    if p + q < len(s) // 2:
        return None  # most of the statement must be the clause's own words
    for cut in range(min(p, len(s)), max(-1, len(s) - q - _MAX_CHANGE - 1), -1):
        head = s[:cut]
        for size in range(max(1, len(s) - q - cut), _MAX_CHANGE + 1):
            if cut + size > len(s):
                break
            changed, tail = s[cut:cut + size], s[cut + size:]
            m = re.search(re.escape(head) + f"(.{{1,{_MAX_CHANGE}}}?)" + re.escape(tail), t)
            if m and m.group(1) != changed:
                return m.group(1), changed, m.group(0)
    return None


def _longest(ok: object, upper: int) -> int:
    """The largest k in [0, upper] with ok(k), for a property that holds up to some k."""
    assert callable(ok)
    lo, hi = 0, upper
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if ok(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def answer_points(answer: str) -> list[str]:
    """The points of a reference answer: "①…；②…。" or "(1) … (2) …"."""
    parts = re.split(f"[{CIRCLED}]|\\(\\d+\\)\\s*", answer)
    return [p.strip().rstrip("。；;.").strip() for p in parts if p.strip().rstrip("。；;.").strip()]


def quotes_clause(item: QuizItem) -> bool:
    """Whether the explanation quotes the clause (“…” around a passage of its text)."""
    clause_len = len(norm(item.citation.text))
    for quoted in re.findall(r"“([^”]+)”", item.explanation):
        if len(norm(quoted)) >= min(8, clause_len) and contains(item.citation.text, quoted):
            return True
    return False

