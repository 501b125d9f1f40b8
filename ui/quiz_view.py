"""HTML of quiz items and bank entries: answers hidden unless asked for, every text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ui.i18n import t
from ui.quiz_problems import problem_text
from ui.render import esc, message_html

TYPE_NAMES: dict[str, dict[str, str]] = {
    "single_choice": {"zh": "单选题", "en": "Single choice"},
    "multiple_choice": {"zh": "多选题", "en": "Multiple choice"},
    "true_false": {"zh": "判断题", "en": "True / false"},
    "fill_blank": {"zh": "填空题", "en": "Fill in the blank"},
    "short_answer": {"zh": "简答题", "en": "Short answer"},
}
DIFFICULTY_NAMES: dict[str, dict[str, str]] = {
    "easy": {"zh": "容易", "en": "Easy"},
    "medium": {"zh": "中等", "en": "Medium"},
    "hard": {"zh": "困难", "en": "Hard"},
}


def answer_text(item: Any, lang: str) -> str:
    if item.type in ("single_choice", "multiple_choice"):
        letters = item.key_letters
        return f"{letters}（{'；'.join(item.keys)}）" if letters else "；".join(item.keys)
    if item.type == "true_false":
        if lang == "en":
            return "True" if item.answer else "False"
        return "正确" if item.answer else "错误"
    return str(item.answer)


def verdict_html(entry: Any, lang: str) -> str:
    """What the last check said about a bank entry, in the page's language."""
    if entry.status == "review":
        return message_html(t("verdict_review", lang), "warn")
    if entry.status == "missing":
        return message_html(t("verdict_missing", lang), "warn")
    if entry.status == "ambiguous":
        return message_html(f'{t("verdict_ambiguous", lang)} {entry.note}', "warn")
    if entry.verdict:
        problems = "".join(f"<li>{esc(problem_text(p, lang))}</li>" for p in entry.verdict)
        return (f'<div class="verdict failed">{esc(t("verdict_failed", lang))}'
                f"<ul>{problems}</ul></div>")
    return f'<div class="verdict ok">{esc(t("verdict_ok", lang))}</div>'


def _item_li(item: Any, lang: str, show_answers: bool, head: str = "", extra: str = "") -> str:
    kind = TYPE_NAMES.get(item.type, {}).get(lang, item.type)
    options = "".join(f"<li>{esc(o)}</li>" for o in item.options)
    c = item.citation
    where = " › ".join([*c.path] if c.path else [c.label])
    answers = ""
    if show_answers:
        answers = (f'<div class="key">{esc(t("quiz_answer", lang))}：{esc(answer_text(item, lang))}</div>'
                   + (f'<div class="expl">{esc(item.explanation)}</div>' if item.explanation else ""))
    return (
        f'<li class="item">{head}<div><span class="badge">{esc(kind)}</span> {esc(item.question)}</div>'
        + (f'<ol class="options">{options}</ol>' if options else "")
        + answers
        + f'<div class="src">{esc(t("quiz_source", lang))}：《{esc(c.title)}》{esc(where)}</div>{extra}</li>'
    )


def quiz_html(items: Sequence[Any], lang: str, show_answers: bool = True) -> str:
    """Quiz items with options, the clause each comes from, and (when shown) keys and explanations."""
    if not items:
        return message_html(t("quiz_none", lang), "warn")
    out = [_item_li(item, lang, show_answers) for item in items]
    return f'<div class="quiz"><ol>{"".join(out)}</ol></div>'


def bank_html(entries: Sequence[Any], lang: str, show_answers: bool) -> str:
    """Bank entries with their number, status, difficulty, tags and (for flagged ones) the verdict."""
    if not entries:
        return message_html(t("bank_empty", lang), "warn")
    out = []
    for entry in entries:
        status = t(f"status_{entry.status}", lang)
        level = DIFFICULTY_NAMES.get(entry.difficulty, {}).get(lang, entry.difficulty)
        tags = "".join(f'<span class="badge tag">{esc(tag)}</span>' for tag in entry.tags)
        edited = f'<span class="badge">{esc(t("edited", lang))}</span>' if entry.edited else ""
        head = (f'<div class="bank-head" data-id="{entry.id}"><b class="item-id">#{entry.id}</b>'
                f'<span class="badge status {esc(entry.status)}">{esc(status)}</span>'
                f'<span class="badge">{esc(level)}</span>{edited}{tags}</div>')
        extra = verdict_html(entry, lang) if entry.status != "ok" else ""
        out.append(_item_li(entry.item, lang, show_answers, head, extra))
    return f'<div class="quiz bank"><ol class="bank-list">{"".join(out)}</ol></div>'
