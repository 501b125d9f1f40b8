"""Checks every item must pass, on the item alone, so drafts from an LLM are held to the same
rules as the offline generators' items.

``check_item`` returns the problems of one item (empty when it passes); ``check_quiz`` adds
the rules about a set: no two items test the same sentence, answer positions are balanced.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rag.quiz.items import QuizItem
from rag.quiz.source import Clause
from rag.quiz.text import contains, has_cjk, norm, tidy, words
from rag.quiz.wording import CIRCLED, EN, ZH, wording

_HARD_PUNCT = "，。；：？！“”‘’《》（）,.;:?!()\"[]【】"
_CONTEXT = 10  # characters of context either side of a blank that must match the clause
_MAX_CHANGE = 12  # a false statement changes one fact: at most this many characters


_MARKERS = (ZH.choice_blank, ZH.fill_blank, EN.fill_blank, "哪一年", "多少")
_ZH_STOP = words(
    "的 了 和 与 及 以及 等 在 是 对 为 以 将 把 并 或 其 该 这 那 有 也 都 而 被 从 由 向 于 之 上 下 中 各 个 要 "
    "可 能 应 不 及其 并且 或者 通过 进一步 加快 加强 推进 推动 完善 提高 促进 实施 建立 健全 支持 鼓励 深入 "
    "全面 有序 积极 稳步 逐步 持续 不断 着力 重点 有关 相关 方面 工作 问题 我们 他们 一个 一些"
)
_EN_STOP = words(
    "a an the and or of to in on at by for with from as is are be been was were that this these those "
    "it its their shall should will may must not no all any each other such which who whom"
)
_EDGE_CHARS = "的了和与及在是对为以将把并或其之于等"


def check_item(item: QuizItem) -> list[str]:
    """The rules one item breaks; an empty list means the item may be used."""
    problems: list[str] = []
    clause = Clause.from_citation(item.citation)
    if not item.question.strip():
        problems.append("the question is empty")
    if not clause.text.strip():
        problems.append("the citation has no clause text")
        return problems
    if not quotes_clause(item):
        problems.append("the explanation does not quote the cited clause")
    if not tested_sentences(item):
        problems.append("the key is not supported by the cited clause")
    checker = {"single_choice": _single, "multiple_choice": _multiple, "true_false": _true_false,
               "fill_blank": _fill, "short_answer": _short}[item.type]
    problems.extend(checker(item, clause))
    return problems


def check_quiz(items: Sequence[QuizItem]) -> list[str]:
    """Every item's problems (prefixed ``Q<n>``) plus the rules that span items."""
    problems = [f"Q{n}: {p}" for n, item in enumerate(items, 1) for p in check_item(item)]
    seen: dict[tuple[str, str], int] = {}
    for n, item in enumerate(items, 1):
        for sentence in tested_sentences(item):
            key = (item.citation.doc, sentence)
            if key in seen:
                problems.append(f"Q{n} tests the same sentence as Q{seen[key]}: {sentence[:30]}…")
            else:
                seen[key] = n
    if not positions_balanced(items):
        problems.append(f"single-choice answer positions are unbalanced: {position_counts(items)}")
    return problems


# ---------------------------------------------------------------------------------------------
# Rules on one item


def _single(item: QuizItem, clause: Clause) -> list[str]:
    problems = _choice_form(item)
    if len(item.options) != 4:
        problems.append(f"a single-choice item has 4 options, not {len(item.options)}")
    key = str(item.answer)
    if not meaningful_blank(key):
        problems.append(f"the key {key!r} is not a meaningful term or number")
    for option in item.options:
        if option == key:
            continue
        # Stricter than "completes the blank truly": a distractor the clause states anywhere is
        # another true statement of the clause, and a trainee who knows it would be marked wrong.
        if contains(clause.text, option):
            problems.append(f"the distractor {option!r} is supported by the clause")
    return problems


def _multiple(item: QuizItem, clause: Clause) -> list[str]:
    problems = _choice_form(item)
    keys = item.keys
    if len(item.options) < 4:
        problems.append(f"a multiple-choice item has at least 4 options, not {len(item.options)}")
    if not 2 <= len(keys) < len(item.options):
        problems.append(f"a multiple-choice item has 2 or more keys and a wrong option, not {len(keys)} keys")
    for key in keys:
        if not contains(clause.text, key):
            problems.append(f"the key {key!r} is not in the clause")
    for option in item.options:
        if option not in keys and contains(clause.text, option):
            problems.append(f"the distractor {option!r} is stated in the clause")
    return problems


def _choice_form(item: QuizItem) -> list[str]:
    problems = []
    if len(set(map(norm, item.options))) != len(item.options):
        problems.append("two options are the same")
    missing = [k for k in item.keys if k not in item.options]
    if missing:
        problems.append(f"the key {missing} is not among the options")
    if not similar_options(item.options):
        problems.append(f"the options differ in length or form: {list(item.options)}")
    shown = [k for k in item.keys if _given_away(item.question, k)]
    if shown:
        problems.append(f"the question prints its own key {shown}")
    return problems


def _true_false(item: QuizItem, clause: Clause) -> list[str]:
    statement = statement_of(item)
    if item.answer is True:
        return [] if contains(clause.text, statement) else ["a true statement is not in the clause"]
    if contains(clause.text, statement):
        return ["a false statement is stated in the clause"]
    if one_change(statement, clause.text) is None:
        return ["a false statement must change exactly one fact of a clause sentence"]
    return []


def _fill(item: QuizItem, clause: Clause) -> list[str]:
    problems = []
    answer = str(item.answer)
    if not meaningful_blank(answer):
        problems.append(f"the blank {answer!r} masks no meaningful term or number")
    if not any(m in item.question for m in (ZH.fill_blank, EN.fill_blank)):
        problems.append("the question has no blank")
    if _given_away(item.question, answer):
        problems.append(f"the question prints its own answer {answer!r}")
    return problems


def _short(item: QuizItem, clause: Clause) -> list[str]:
    points = answer_points(str(item.answer))
    missing = [p for p in points if not contains(clause.text, p)]
    return [f"reference answer points not in the clause: {missing}"] if missing or not points else []


# ---------------------------------------------------------------------------------------------
# What an item asserts, and where in the clause that is said


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


def _given_away(question: str, key: str) -> bool:
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return re.search(rf"(?<![\d.]){re.escape(key)}(?![\d.])", tidy(question)) is not None
    return contains(question, key)


# ---------------------------------------------------------------------------------------------
# Form rules


def meaningful_blank(text: str) -> bool:
    """A blank masks a number or a content term: never a stop word, punctuation or a phrase
    that starts or ends with a function word (``的城市``)."""
    t = tidy(text)
    if not t or re.search(r"[，。；：！？、,.;:!?“”\"()（）]", t) or not re.search(r"\w", t):
        return False
    if re.search(r"\d", t):
        return True
    if has_cjk(t):
        return len(t) >= 2 and t not in _ZH_STOP and t[0] not in _EDGE_CHARS and t[-1] not in _EDGE_CHARS
    words = t.lower().split()
    return len(t) >= 3 and words[0] not in _EN_STOP and words[-1] not in _EN_STOP


def similar_options(options: Sequence[str]) -> bool:
    """Options of one kind (all numbers with the same unit, or all words in one script) and of
    similar length, so the key does not stand out by its form."""
    if len(options) < 2:
        return True
    lengths = [len(norm(o)) for o in options]
    if max(lengths) > 2 * min(lengths) + 4:
        return False
    numbers = [re.fullmatch(r"(\d+(?:\.\d+)?)(\D*)", norm(o)) for o in options]
    if any(numbers):
        return all(numbers) and len({m.group(2) for m in numbers if m}) == 1
    return len({has_cjk(o) for o in options}) == 1


def position_counts(items: Sequence[QuizItem]) -> list[int]:
    """How often the key of a four-option single-choice item is A, B, C and D."""
    counts: Counter[int] = Counter()
    for item in items:
        if item.type == "single_choice" and len(item.options) == 4 and item.answer in item.options:
            counts[item.options.index(str(item.answer))] += 1
    return [counts[i] for i in range(4)]


def positions_balanced(items: Sequence[QuizItem]) -> bool:
    counts = position_counts(items)
    return max(counts) - min(counts) <= 1
