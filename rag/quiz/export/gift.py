"""Moodle GIFT: writing, with Moodle's own escaping, and reading back (for round-trip tests
and for checking a file a trainer has edited).

Escaping follows Moodle's ``qformat_gift::repchar``: a backslash before each of
``\\ ~ = # { } :`` and ``\\n`` for a line break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.quiz.export.common import ImportedQuestion, key_text, source_line, zh_items
from rag.quiz.facts import unit_at
from rag.quiz.items import Answer, QuizItem, QuizType
from rag.quiz.wording import ZH

BLANK = ZH.fill_blank

_RESERVED = "~=#{}:"
_PLACEHOLDER = {c: f"\x00{ord(c)}\x00" for c in "\\" + _RESERVED + "n"}
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


def escape(text: str) -> str:
    """Text safe inside a GIFT question: the special characters backslash-escaped."""
    text = text.replace("\\", "\\\\")
    for char in _RESERVED:
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def _weight(share: float) -> str:
    """Moodle accepts fractions like 50 or 33.33333, written without trailing zeros."""
    return f"{share:.5f}".rstrip("0").rstrip(".")


def to_gift(items: Sequence[QuizItem]) -> str:
    zh = zh_items(items)
    blocks = []
    for n, item in enumerate(items, 1):
        name = escape(f"Q{n} {item.citation.label}".strip())
        feedback = escape(item.explanation)
        head = f"// {source_line(item, zh)}\n::{name}::{escape(item.question)} {{"
        if item.type == "single_choice":
            lines = [("=" if o == item.answer else "~") + escape(o) for o in item.options]
        elif item.type == "multiple_choice":
            right, wrong = _weight(100 / len(item.keys)), _weight(-100 / (len(item.options) - len(item.keys)))
            lines = [f"~%{right if o in item.keys else wrong}%{escape(o)}" for o in item.options]
        elif item.type == "true_false":
            lines = ["TRUE" if item.answer else "FALSE"]
        elif item.type == "fill_blank":
            lines = [f"={escape(a)}" for a in _accepted(item)]
        else:
            feedback = escape(f"{key_text(item, zh)}\n{item.explanation}")
            lines = []
        blocks.append("\n".join([head, *(f"\t{line}" for line in lines), f"\t####{feedback}", "}"]))
    return "\n\n".join(blocks) + "\n"


def _accepted(item: QuizItem) -> list[str]:
    """The blank's text, and for a number also the number with the unit printed after the blank."""
    answer = str(item.answer)
    if not re.fullmatch(r"\d+(?:\.\d+)?", answer) or BLANK not in item.question:
        return [answer]
    unit = unit_at(item.question.split(BLANK, 1)[1])
    return [answer, answer + unit] if unit else [answer]


# ---------------------------------------------------------------------------------------------
# Reading


def read_gift(text: str) -> list[ImportedQuestion]:
    """The questions of a GIFT file, parsed the way Moodle's importer does.

    Raises:
        ValueError: a question without a closing brace or of a type no quiz item has.
    """
    questions = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
        body = _protect("\n".join(lines).strip())
        if body:
            questions.append(_question(body))
    return questions


def _protect(text: str) -> str:
    text = text.replace("\\\\", _PLACEHOLDER["\\"])
    for char in _RESERVED + "n":
        text = text.replace("\\" + char, _PLACEHOLDER[char])
    return text


def _restore(text: str) -> str:
    for char, mark in _PLACEHOLDER.items():
        text = text.replace(mark, "\n" if char == "n" else char)
    return text.strip()


def _question(body: str) -> ImportedQuestion:
    name = ""
    if body.startswith("::") and "::" in body[2:]:
        end = body.index("::", 2)
        name, body = _restore(body[2:end]), body[end + 2:].strip()
    start, finish = body.find("{"), body.find("}")
    if start < 0 or finish < start:
        raise ValueError(f"GIFT question without an answer block: {_restore(body)[:60]!r}")
    question = _restore(body[:start] + body[finish + 1:])
    answers = body[start + 1:finish].strip()
    feedback = ""
    if "####" in answers:
        answers, feedback = answers[: answers.rindex("####")].strip(), _restore(answers[answers.rindex("####") + 4:])
    qtype: QuizType
    options: tuple[str, ...] = ()
    answer: Answer
    if not answers:
        qtype, answer = "short_answer", ""
    elif "~" in answers:
        weighted = [_weighted(a) for a in answers.replace("=", "~=").split("~") if a.strip()]
        options = tuple(o for o, _ in weighted)
        if "=" in answers:
            qtype, answer = "single_choice", next(o for o, w in weighted if w >= 100)
        else:
            qtype, answer = "multiple_choice", tuple(o for o, w in weighted if w > 0)
    elif answers.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
        qtype, answer = "true_false", answers.split("#")[0].strip() in ("T", "TRUE")
    elif answers.startswith("#"):
        raise ValueError(f"numerical GIFT questions are not quiz items: {question[:60]!r}")
    else:
        qtype = "fill_blank"
        answer = next(_restore(a.split("#")[0]) for a in answers.split("=") if a.strip())
    return ImportedQuestion(qtype, name, question, options, answer, feedback)


def _weighted(answer: str) -> tuple[str, float]:
    answer = answer.strip()
    if answer.startswith("="):
        return _restore(answer[1:].split("#")[0]), 100.0
    m = _WEIGHT.match(answer)
    if m:
        return _restore(answer[m.end():].split("#")[0]), float(m.group(1))
    return _restore(answer.split("#")[0]), 0.0
