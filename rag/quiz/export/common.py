"""What every export shares: type names, option letters, the displayed key, the quiz title,
and the record the GIFT and Moodle XML readers return."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.quiz.items import Answer, QuizItem, QuizType
from rag.quiz.text import is_chinese

TYPE_NAMES_ZH: dict[str, str] = {"single_choice": "单选题", "multiple_choice": "多选题", "true_false": "判断题",
                                 "fill_blank": "填空题", "short_answer": "简答题"}
TYPE_NAMES_EN: dict[str, str] = {"single_choice": "Single choice", "multiple_choice": "Multiple choice",
                                 "true_false": "True or false", "fill_blank": "Fill in the blank",
                                 "short_answer": "Short answer"}


@dataclass(frozen=True)
class ImportedQuestion:
    """A question read back from an LMS file, for comparing with the items it came from."""

    type: QuizType
    name: str
    question: str
    options: tuple[str, ...]
    answer: Answer
    feedback: str


def letter(index: int) -> str:
    return chr(ord("A") + index)


def zh_items(items: Sequence[QuizItem]) -> bool:
    """Whether the quiz is Chinese (its labels and headings follow its items' language)."""
    return bool(items) and is_chinese(" ".join(i.question for i in items[:5]))


def type_name(qtype: str, zh: bool) -> str:
    return (TYPE_NAMES_ZH if zh else TYPE_NAMES_EN)[qtype]


def key_text(item: QuizItem, zh: bool) -> str:
    """The key as printed in an answer key: "B（300万）", "AC", "正确", the blank's text, or
    "参考答案：①…" for a short answer."""
    if item.type == "single_choice":
        return f"{item.key_letters}（{item.answer}）" if zh else f"{item.key_letters} ({item.answer})"
    if item.type == "multiple_choice":
        return item.key_letters
    if item.type == "true_false":
        return ("正确" if item.answer else "错误") if zh else ("True" if item.answer else "False")
    if item.type == "short_answer":
        return f"{reference_label(zh)}{item.answer}"
    return str(item.answer)


def reference_label(zh: bool) -> str:
    return "参考答案：" if zh else "Reference answer: "


def quiz_title(items: Sequence[QuizItem], title: str | None = None) -> str:
    if title:
        return title
    zh = zh_items(items)
    docs = list(dict.fromkeys(i.citation.title for i in items))
    if len(docs) == 1:
        return f"《{docs[0]}》培训测验" if zh else f"Quiz: {docs[0]}"
    return "政策文件培训测验" if zh else "Policy training quiz"


def source_line(item: QuizItem, zh: bool) -> str:
    """Where the item is answered: "《…》三、… › （六）深化户籍制度改革"."""
    where = " › ".join(item.citation.path) or item.citation.label
    return f"《{item.citation.title}》{where}" if zh else f"{item.citation.title}, {where}"
