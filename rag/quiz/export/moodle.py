"""Moodle XML: writing with ElementTree (question text as escaped HTML, as Moodle exports it)
and reading back for round-trip checks."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from rag.quiz.export.common import ImportedQuestion, key_text, quiz_title, zh_items
from rag.quiz.export.gift import _weight
from rag.quiz.items import Answer, QuizItem, QuizType

_MOODLE_TYPES: dict[str, str] = {"single_choice": "multichoice", "multiple_choice": "multichoice",
                                 "true_false": "truefalse", "fill_blank": "shortanswer", "short_answer": "essay"}


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _answer(question: ET.Element, text: str, fraction: str, fmt: str = "html") -> None:
    answer = ET.SubElement(question, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(answer, "text").text = text
    _text(answer, "feedback", "")


def to_moodle_xml(items: Sequence[QuizItem], title: str | None = None) -> str:
    zh = zh_items(items)
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _text(category, "category", f"$course$/top/{quiz_title(items, title)}", fmt=None)
    for n, item in enumerate(items, 1):
        q = ET.SubElement(quiz, "question", {"type": _MOODLE_TYPES[item.type]})
        _text(q, "name", f"Q{n} {item.citation.label}".strip(), fmt=None)
        _text(q, "questiontext", _html(item.question))
        _text(q, "generalfeedback", _html(item.explanation))
        ET.SubElement(q, "defaultgrade").text = "1"
        ET.SubElement(q, "penalty").text = "1" if item.type == "true_false" else "0.3333333"
        ET.SubElement(q, "hidden").text = "0"
        if item.type in ("single_choice", "multiple_choice"):
            single = item.type == "single_choice"
            ET.SubElement(q, "single").text = "true" if single else "false"
            # The key positions were balanced on purpose; Moodle must not reshuffle them.
            ET.SubElement(q, "shuffleanswers").text = "false"
            ET.SubElement(q, "answernumbering").text = "ABCD"
            right = "100" if single else _weight(100 / len(item.keys))
            wrong = "0" if single else _weight(-100 / (len(item.options) - len(item.keys)))
            for option in item.options:
                _answer(q, _html(option), right if option in item.keys else wrong)
        elif item.type == "true_false":
            _answer(q, "true", "100" if item.answer else "0", "moodle_auto_format")
            _answer(q, "false", "0" if item.answer else "100", "moodle_auto_format")
        elif item.type == "fill_blank":
            ET.SubElement(q, "usecase").text = "0"
            _answer(q, str(item.answer), "100", "moodle_auto_format")
        else:
            for tag, value in (("responseformat", "editor"), ("responserequired", "1"),
                               ("responsefieldlines", "10"), ("attachments", "0"), ("attachmentsrequired", "0")):
                ET.SubElement(q, tag).text = value
            _text(q, "graderinfo", _html(key_text(item, zh)))
            _text(q, "responsetemplate", "")
        tags = ET.SubElement(q, "tags")
        for tag in ("policy-rag", item.citation.label):
            if tag:
                ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def read_moodle_xml(text: str) -> list[ImportedQuestion]:
    """The questions of a Moodle XML file (categories skipped), texts unescaped to plain text.

    Raises:
        ValueError: not Moodle XML, or a question type no quiz item has.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ValueError(f"not a Moodle XML file: {exc}") from exc
    if root.tag != "quiz":
        raise ValueError(f"not a Moodle XML file: the root element is <{root.tag}>, not <quiz>")
    out = []
    for q in root.iter("question"):
        kind = q.get("type", "")
        if kind == "category":
            continue
        answers = [(_plain(a.findtext("text", "")), float(a.get("fraction", "0"))) for a in q.findall("answer")]
        qtype: QuizType
        options: tuple[str, ...] = ()
        answer: Answer
        if kind == "multichoice":
            options = tuple(t for t, _ in answers)
            if q.findtext("single", "true").strip() in ("true", "1"):
                qtype, answer = "single_choice", next(t for t, f in answers if f >= 100)
            else:
                qtype, answer = "multiple_choice", tuple(t for t, f in answers if f > 0)
        elif kind == "truefalse":
            qtype, answer = "true_false", next(t for t, f in answers if f >= 100) == "true"
        elif kind == "shortanswer":
            qtype, answer = "fill_blank", next(t for t, f in answers if f >= 100)
        elif kind == "essay":
            qtype, answer = "short_answer", _plain(q.findtext("graderinfo/text", ""))
        else:
            raise ValueError(f"Moodle question type {kind!r} is not a quiz item type")
        out.append(ImportedQuestion(qtype, q.findtext("name/text", ""), _plain(q.findtext("questiontext/text", "")),
                                    options, answer, _plain(q.findtext("generalfeedback/text", ""))))
    return out


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<br\s*/?>", "\n", markup)).strip()
