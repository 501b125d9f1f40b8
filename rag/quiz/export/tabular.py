"""JSON (the exact item form), CSV for spreadsheets and Anki's tab-separated import."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence

from rag.quiz.export.common import key_text, letter, source_line, type_name, zh_items
from rag.quiz.items import QuizItem


def to_json(items: Sequence[QuizItem]) -> str:
    """The JSON array of items, exactly the ``QuizItem.to_json`` shape."""
    return json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2) + "\n"


def from_json(text: str) -> list[QuizItem]:
    return [QuizItem.from_json(d) for d in json.loads(text)]


def to_csv(items: Sequence[QuizItem]) -> str:
    """One row per item; options in columns A…; the key both as letters and as text.

    Starts with a byte-order mark so that Excel opens the Chinese text as UTF-8.
    """
    zh = zh_items(items)
    width = max([4, *(len(i.options) for i in items)])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["type", "question", *(f"option_{letter(n)}" for n in range(width)), "key", "answer",
                     "doc", "title", "label", "path", "clause", "explanation"])
    for item in items:
        options = list(item.options) + [""] * (width - len(item.options))
        if isinstance(item.answer, tuple):
            answer = "；".join(item.answer)
        elif isinstance(item.answer, bool):
            answer = key_text(item, zh)
        else:
            answer = item.answer
        key = item.key_letters if item.keys else ("" if item.type == "short_answer" else key_text(item, zh))
        writer.writerow([type_name(item.type, zh), item.question, *options, key, answer,
                         item.citation.doc, item.citation.title, item.citation.label,
                         " › ".join(item.citation.path), item.citation.text, item.explanation])
    return "\ufeff" + out.getvalue()


def to_anki(items: Sequence[QuizItem], delimiter: str = "\t") -> str:
    """Anki notes (front, back, tags) with the file headers Anki 2.1.55+ reads, HTML fields."""
    zh = zh_items(items)
    out = io.StringIO()
    name = "tab" if delimiter == "\t" else {",": "comma", ";": "semicolon"}.get(delimiter, delimiter)
    out.write(f"#separator:{name}\n#html:true\n#columns:Front{delimiter}Back{delimiter}Tags\n#tags column:3\n")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for item in items:
        front = [html.escape(item.question)]
        front += [f"{letter(n)}. {html.escape(o)}" for n, o in enumerate(item.options) if item.type != "true_false"]
        back = [html.escape(key_text(item, zh)), html.escape(item.explanation),
                f"<small>{html.escape(source_line(item, zh))}</small>"]
        tags = ["policy-rag", f"quiz::{item.type}", f"doc::{_tag(item.citation.doc)}",
                f"clause::{_tag(item.citation.label)}"]
        writer.writerow(["<br>".join(front), "<br>".join(back), " ".join(t for t in tags if not t.endswith("::"))])
    return out.getvalue()


def _tag(text: str) -> str:
    """Anki tags cannot hold spaces."""
    return "_".join(text.split())
