"""What the quiz page's buttons do: generate into the bank, search, edit with a re-check,
regenerate, delete, tag, and assemble a paper into student and teacher files.

Every function takes plain widget values and returns plain values (HTML, file paths), so the
page wires them without logic and the tests call them without a browser.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from rag.quiz import Selection, build_quiz
from rag.quiz.bank import Bank, BankItem, ClauseIndex, bank_path, refresh, regenerate
from rag.quiz.export import EXTENSIONS, STUDENT_FORMATS, export_name, render_bytes
from rag.quiz.items import QUIZ_TYPES, Answer, QuizItem
from rag.quiz.paper import PaperSpec, assemble
from ui.backend import Backend, NoIndexError
from ui.i18n import t
from ui.quiz_view import bank_html, quiz_html, verdict_html
from ui.render import message_html
from ui.scratch import scratch_dir

log = logging.getLogger(__name__)

_SPLIT = re.compile(r"[,，、;；\n]+")
_TRUE = ("正确", "对", "是", "√", "true", "t", "yes")
_FALSE = ("错误", "错", "否", "×", "false", "f", "no")


def split_list(text: str | None) -> tuple[str, ...]:
    """``"三、, 四、"`` → ``("三、", "四、")``: a comma-, 、- or line-separated field."""
    return tuple(p.strip() for p in _SPLIT.split(text or "") if p.strip())


def scope(docs: Sequence[str] | None, chapters: str | None, clauses: str | None) -> Selection | None:
    """The selection the three scope fields describe (None: everything)."""
    # "、" separates list entries, but a chapter is written "三、": keep it on its numeral.
    chapter_list = tuple(c.strip() for c in re.split(r"[,，;；\n]+", chapters or "") if c.strip())
    selection = Selection(docs=tuple(docs or ()), chapters=chapter_list, clauses=split_list(clauses))
    return selection if selection.docs or selection.chapters or selection.clauses else None


def open_bank(backend: Backend) -> tuple[Bank, list[Any], str]:
    """The bank of the loaded index, refreshed against it: (bank, units, index version)."""
    pipe = backend.pipeline()
    units = list(pipe.index.units)
    version = str(pipe.index.manifest.built_at)
    bank = Bank(bank_path(backend.settings.index_dir, backend.settings.index_name))
    refresh(bank, units, version)
    return bank, units, version


def _count_line(bank: Bank, shown: int, lang: str) -> str:
    everything = bank.all()
    review = sum(e.status in ("review", "missing", "ambiguous") for e in everything)
    return message_html(t("bank_count", lang, total=len(everything), shown=shown, review=review), "info")


def generate(backend: Backend, docs: Sequence[str] | None, chapters: str | None, clauses: str | None, n: float,
             types: Sequence[str] | None, difficulty: str, seed: float, show: bool,
             lang: str) -> tuple[str, str, list[int]]:
    """Build checked items over the scope and save them to the bank: (status, items, their ids)."""
    try:
        bank, units, version = open_bank(backend)
        items = build_quiz(units, n=int(n), types=list(types or QUIZ_TYPES), difficulty=difficulty,
                           seed=int(seed), select=scope(docs, chapters, clauses))
    except NoIndexError:
        return message_html(t("no_index", lang), "warn"), "", []
    except ValueError as exc:
        return message_html(str(exc), "warn"), "", []
    saved = bank.save(items, difficulty=difficulty, index_version=version, clauses=ClauseIndex(units))
    if len(items) < int(n):
        status = message_html(t("quiz_short", lang, n=len(items), wanted=int(n)), "warn")
    else:
        status = message_html(t("quiz_generated", lang, n=len(items)), "ok")
    return status, bank_html(saved, lang, show), [e.id for e in saved]


def show(backend: Backend, ids: Sequence[int] | None, show_answers: bool, lang: str) -> str:
    """The listed bank entries again (after the answers toggle or an edit)."""
    if not ids:
        return ""
    try:
        bank, _, _ = open_bank(backend)
    except NoIndexError:
        return message_html(t("no_index", lang), "warn")
    entries = []
    for item_id in ids:
        try:
            entries.append(bank.get(item_id))
        except KeyError:
            continue  # deleted since it was listed
    return bank_html(entries, lang, show_answers)


def search(backend: Backend, text: str, tags: str, statuses: Sequence[str] | None, docs: Sequence[str] | None,
           chapters: str | None, clauses: str | None, show_answers: bool, lang: str) -> tuple[str, str, list[int]]:
    """Bank entries matching the search: (count line, list, ids)."""
    try:
        bank, _, _ = open_bank(backend)
    except NoIndexError:
        return message_html(t("no_index", lang), "warn"), "", []
    found = bank.search(text or "", tags=split_list(tags), statuses=tuple(statuses or ()),
                        select=scope(docs, chapters, clauses))
    return _count_line(bank, len(found), lang), bank_html(found, lang, show_answers), [e.id for e in found]


def _fields(entry: BankItem, lang: str) -> tuple[str, str, str, str, str, str]:
    item = entry.item
    if item.type in ("single_choice", "multiple_choice"):
        key = item.key_letters
    elif item.type == "true_false":
        key = ("True" if item.answer else "False") if lang == "en" else ("正确" if item.answer else "错误")
    else:
        key = str(item.answer)
    options = "" if item.type == "true_false" else "\n".join(item.options)
    return (item.question, options, key, item.explanation, "，".join(entry.tags), verdict_html(entry, lang))


EditorValues = tuple[str, str, str, str, str, str]


def load(backend: Backend, item_id: float | None, lang: str) -> EditorValues:
    """The editor's fields for item ``item_id``: question, options, key, explanation, tags, verdict."""
    try:
        bank, _, _ = open_bank(backend)
        return _fields(bank.get(int(item_id or 0)), lang)
    except NoIndexError:
        return ("", "", "", "", "", message_html(t("no_index", lang), "warn"))
    except KeyError:
        return ("", "", "", "", "", message_html(t("bank_no_item", lang, id=int(item_id or 0)), "warn"))


def parse_key(item: QuizItem, key: str, options: Sequence[str]) -> Answer:
    """The editor's key as an item answer: letters or option texts for choices, 正确/错误 for
    true/false, the text itself for blanks and short answers.

    Raises:
        ValueError: a key that names no option or is not true/false (the message quotes it).
    """
    text = key.strip()
    if item.type == "true_false":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError(f"a true/false key is 正确 or 错误, not {text!r}")
    if item.type not in ("single_choice", "multiple_choice"):
        return text
    if re.fullmatch(r"[A-Za-z]+", text) and all(ord(c) - 65 < len(options) for c in text.upper()):
        chosen = [options[ord(c) - 65] for c in dict.fromkeys(text.upper())]
    else:
        chosen = [o for o in split_list(text)]
        unknown = [c for c in chosen if c not in options]
        if unknown:
            raise ValueError(f"the key {unknown} is not among the options")
    if item.type == "single_choice":
        if len(chosen) != 1:
            raise ValueError(f"a single-choice key is one option, not {text!r}")
        return chosen[0]
    return tuple(o for o in options if o in chosen)


def save_edit(backend: Backend, item_id: float | None, question: str, options: str, key: str, explanation: str,
              lang: str) -> EditorValues:
    """Save the editor's fields into the item and check it again; the editor shows the verdict."""
    try:
        bank, _, version = open_bank(backend)
        entry = bank.get(int(item_id or 0))
        option_list = tuple(o.strip() for o in options.splitlines() if o.strip())
        if entry.item.type == "true_false":
            option_list = entry.item.options
        answer = parse_key(entry.item, key, option_list)
        edited = bank.edit(entry.id, question=question.strip(), options=option_list, answer=answer,
                           explanation=explanation.strip(), index_version=version)
    except NoIndexError:
        return ("", "", "", "", "", message_html(t("no_index", lang), "warn"))
    except KeyError:
        return ("", "", "", "", "", message_html(t("bank_no_item", lang, id=int(item_id or 0)), "warn"))
    except ValueError as exc:
        return (question, options, key, explanation, "", message_html(str(exc), "error"))
    return _fields(edited, lang)


def regenerate_item(backend: Backend, item_id: float | None, seed: float, lang: str) -> EditorValues:
    """A new item of the same type on the same clause in place of ``item_id``."""
    try:
        bank, units, version = open_bank(backend)
        entry = regenerate(bank, int(item_id or 0), units, seed=int(seed), index_version=version)
    except NoIndexError:
        return ("", "", "", "", "", message_html(t("no_index", lang), "warn"))
    except KeyError:
        return ("", "", "", "", "", message_html(t("bank_no_item", lang, id=int(item_id or 0)), "warn"))
    except ValueError as exc:
        return ("", "", "", "", "", message_html(str(exc), "warn"))
    return _fields(entry, lang)


def delete_item(backend: Backend, item_id: float | None, lang: str) -> EditorValues:
    try:
        bank, _, _ = open_bank(backend)
        bank.delete(int(item_id or 0))
    except NoIndexError:
        return ("", "", "", "", "", message_html(t("no_index", lang), "warn"))
    except KeyError:
        return ("", "", "", "", "", message_html(t("bank_no_item", lang, id=int(item_id or 0)), "warn"))
    return ("", "", "", "", "", message_html(t("bank_deleted", lang, id=int(item_id or 0)), "ok"))


def tag_item(backend: Backend, item_id: float | None, tags: str, lang: str) -> str:
    try:
        bank, _, _ = open_bank(backend)
        entry = bank.tag(int(item_id or 0), split_list(tags))
    except NoIndexError:
        return message_html(t("no_index", lang), "warn")
    except KeyError:
        return message_html(t("bank_no_item", lang, id=int(item_id or 0)), "warn")
    return message_html(t("bank_tagged", lang, id=entry.id, tags="，".join(entry.tags) or "—"), "ok")


def paper(backend: Backend, docs: Sequence[str] | None, chapters: str | None, clauses: str | None, title: str,
          count: float, types: Sequence[str] | None, difficulties: Sequence[str] | None, tags: str, seed: float,
          formats: Sequence[str] | None, lang: str) -> tuple[str, str, list[str] | None]:
    """Assemble a paper from the bank and write the student and teacher files: (status, preview, files)."""
    try:
        bank, _, _ = open_bank(backend)
        spec = PaperSpec(count=int(count), types=tuple(types or QUIZ_TYPES), difficulties=tuple(difficulties or ()),
                         tags=split_list(tags), select=scope(docs, chapters, clauses), seed=int(seed))
    except NoIndexError:
        return message_html(t("no_index", lang), "warn"), "", None
    except ValueError as exc:
        return message_html(str(exc), "warn"), "", None
    items = assemble(bank.all(), spec)
    if not items:
        return message_html(t("paper_none", lang), "warn"), "", None
    files = write_paper(items, list(formats or ("docx",)), title.strip() or None)
    return (message_html(t("paper_made", lang, n=len(items)), "ok"), quiz_html(items, lang, show_answers=False),
            files)


def write_paper(items: Sequence[QuizItem], formats: Sequence[str], title: str | None, *,
                student: bool = True) -> list[str]:
    """Each format's teacher file, and (``student``) the student file where the format can hide
    its key, named from the title and today's date, in a fresh temporary directory."""
    directory = scratch_dir("paper-")
    paths: list[str] = []
    for fmt in formats:
        if fmt not in EXTENSIONS:
            continue
        for answers in (False, True) if student and fmt in STUDENT_FORMATS else (True,):
            target = directory / export_name(items, fmt, title=title, answers=answers)
            try:
                target.write_bytes(render_bytes(items, fmt, title=title, answers=answers))
            except Exception:  # one failing format must not cost the others
                log.exception("paper export to %s failed", fmt)
                continue
            paths.append(str(target))
    return paths
