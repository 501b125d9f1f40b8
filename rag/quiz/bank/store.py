"""The question bank: checked items of one knowledge base in one SQLite file.

Each row keeps the item (its exact JSON form), the difficulty it was made at, the trainer's
tags, the hash of the clause text it was checked against, the index version of that check,
the check's verdict and a review status:

- ``ok``: the item passed ``check_item`` against its clause as the index has it;
- ``failed``: an edit broke a rule (the verdict lists which);
- ``review``: the document changed and the clause's text is no longer the one checked;
- ``missing``: the clause is no longer in the index;
- ``ambiguous``: several clauses of the index could be the one cited and none is chosen (``note``
  says which); the trainer reviews the item.

An item's clause is found by document, heading path and label (``locate.py``); ``occurrence``
tells apart clauses that share all three. Banks written before ``occurrence`` and ``note`` existed
are upgraded in place when opened (both columns added empty; ``refresh`` fills ``occurrence``).

Example::

    bank = Bank(bank_path(settings))
    saved = bank.save(items, difficulty="medium", index_version=manifest.built_at)
    bank.edit(saved[0].id, answer="300万")
    bank.search("户籍", tags=("第一期",))
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.quiz.checks import check_item
from rag.quiz.items import DIFFICULTIES, QUIZ_TYPES, Answer, QuizItem
from rag.quiz.source import Clause, Selection
from rag.quiz.text import norm

if TYPE_CHECKING:
    from rag.quiz.bank.locate import ClauseIndex

STATUSES = ("ok", "failed", "review", "missing", "ambiguous")
SUFFIX = ".quizbank.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item TEXT NOT NULL,
    type TEXT NOT NULL,
    doc TEXT NOT NULL,
    label TEXT NOT NULL,
    difficulty TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    clause_hash TEXT NOT NULL,
    index_version TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    current_text TEXT,
    occurrence INTEGER,
    note TEXT,
    edited INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_clause ON items (doc, label);
"""
# Columns added after the first banks were written: name -> SQL type (added when missing).
_ADDED_COLUMNS = {"occurrence": "INTEGER", "note": "TEXT"}


def bank_path(index_dir: Path, index_name: str) -> Path:
    """Where the bank of an index lives: beside it, so that rebuilding the index keeps it."""
    return Path(index_dir) / f"{index_name}{SUFFIX}"


def clause_hash(text: str) -> str:
    """The hash that tells whether a clause changed (layout-only changes do not count)."""
    return hashlib.sha256(norm(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class BankItem:
    """One saved item with what the bank knows about it."""

    id: int
    item: QuizItem
    difficulty: str
    tags: tuple[str, ...]
    clause_hash: str
    index_version: str
    verdict: tuple[str, ...]
    status: str
    edited: bool
    created: str
    updated: str
    current_text: str | None = None  # the clause's new text while the item waits for review
    # The item's place among the index's clauses with its document, path and label (None: not yet known).
    occurrence: int | None = None
    note: str = ""  # why the item is ``ambiguous``

    @property
    def clause(self) -> Clause:
        return Clause.from_citation(self.item.citation)


class Bank:
    """A question bank in the SQLite file ``path`` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.executescript(_SCHEMA)
            have = {str(r["name"]) for r in db.execute("PRAGMA table_info(items)")}
            for name, kind in _ADDED_COLUMNS.items():
                if name not in have:
                    db.execute(f"ALTER TABLE items ADD COLUMN {name} {kind}")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.row_factory = sqlite3.Row
        return db

    def _write(self, sql: str, params: Sequence[Any]) -> int:
        with self._lock, self._connect() as db:
            cursor = db.execute(sql, params)
            return int(cursor.lastrowid or 0)

    # --- writing -----------------------------------------------------------------------------

    def save(self, items: Iterable[QuizItem], *, difficulty: str = "medium", index_version: str = "",
             tags: Sequence[str] = (), clauses: ClauseIndex | None = None) -> list[BankItem]:
        """Store items (checked again here, so a hand-made or imported item gets a verdict too).

        ``clauses``, the index the items were made from, records which of same-named clauses each
        cites; without it the first ``refresh`` does.

        Raises:
            ValueError: an unknown difficulty.
        """
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {DIFFICULTIES}. Currently, it is {difficulty!r}")
        ids = []
        for item in items:
            verdict = check_item(item)
            checked = clause_hash(item.citation.text)
            occurrence = None if clauses is None else clauses.locate(item.citation, checked).occurrence
            now = _now()
            ids.append(self._write(
                "INSERT INTO items (item, type, doc, label, difficulty, tags, clause_hash, index_version, verdict,"
                " status, occurrence, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_dump(item.to_json()), item.type, item.citation.doc, item.citation.label, difficulty,
                 _dump(_clean_tags(tags)), checked, index_version, _dump(verdict),
                 "failed" if verdict else "ok", occurrence, now, now)))
        return [self.get(i) for i in ids]

    def edit(self, item_id: int, *, question: str | None = None, options: Sequence[str] | None = None,
             answer: Answer | None = None, explanation: str | None = None,
             index_version: str | None = None) -> BankItem:
        """Change an item's stem, options, key or explanation and check it again against its
        clause — the clause's current text when the document has changed since.

        Raises:
            KeyError: no item ``item_id``.
            ValueError: a key of the wrong form for the item's type (the message names it).
        """
        old = self.get(item_id)
        citation = old.item.citation
        if old.current_text is not None:
            citation = replace(citation, text=old.current_text)
        item = QuizItem(type=old.item.type, question=old.item.question if question is None else question,
                        options=old.item.options if options is None else tuple(options),
                        answer=old.item.answer if answer is None else answer, citation=citation,
                        explanation=old.item.explanation if explanation is None else explanation)
        return self.replace_item(item_id, item, edited=True, index_version=index_version)

    def replace_item(self, item_id: int, item: QuizItem, *, edited: bool,
                     index_version: str | None = None, occurrence: int | None = None) -> BankItem:
        """Put ``item`` in place of item ``item_id`` (an edit or a regeneration), checked.

        ``occurrence`` is the new item's place among same-named clauses; None keeps the old one
        when the item cites the same path and label, and forgets it otherwise.
        """
        old = self.get(item_id)
        verdict = check_item(item)
        same_place = (item.citation.doc, item.citation.path, item.citation.label) == (
            old.item.citation.doc, old.item.citation.path, old.item.citation.label)
        if occurrence is None and same_place:
            occurrence = old.occurrence
        self._write(
            "UPDATE items SET item = ?, type = ?, doc = ?, label = ?, clause_hash = ?, verdict = ?, status = ?,"
            " current_text = NULL, note = NULL, occurrence = ?, edited = ?, index_version = ?, updated = ?"
            " WHERE id = ?",
            (_dump(item.to_json()), item.type, item.citation.doc, item.citation.label,
             clause_hash(item.citation.text), _dump(verdict), "failed" if verdict else "ok", occurrence,
             int(edited), old.index_version if index_version is None else index_version, _now(), item_id))
        return self.get(item_id)

    def mark(self, item_id: int, status: str, *, current_text: str | None = None,
             index_version: str | None = None, note: str = "") -> BankItem:
        """Set an item's review status (used when the index changes), with why for ``ambiguous``."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}. Currently, it is {status!r}")
        old = self.get(item_id)
        self._write("UPDATE items SET status = ?, current_text = ?, note = ?, index_version = ?, updated = ?"
                    " WHERE id = ?",
                    (status, current_text, note or None,
                     old.index_version if index_version is None else index_version, _now(), item_id))
        return self.get(item_id)

    def place(self, item_id: int, occurrence: int) -> BankItem:
        """Record which of the clauses sharing the item's document, path and label it cites."""
        self.get(item_id)
        self._write("UPDATE items SET occurrence = ? WHERE id = ?", (int(occurrence), item_id))
        return self.get(item_id)

    def tag(self, item_id: int, tags: Sequence[str]) -> BankItem:
        """Replace an item's tags (blank and repeated tags dropped)."""
        self.get(item_id)
        self._write("UPDATE items SET tags = ?, updated = ? WHERE id = ?", (_dump(_clean_tags(tags)), _now(), item_id))
        return self.get(item_id)

    def delete(self, item_id: int) -> None:
        """Remove an item. Raises KeyError when there is none."""
        self.get(item_id)
        self._write("DELETE FROM items WHERE id = ?", (item_id,))

    # --- reading -----------------------------------------------------------------------------

    def get(self, item_id: int) -> BankItem:
        with self._connect() as db:
            row = db.execute("SELECT * FROM items WHERE id = ?", (int(item_id),)).fetchone()
        if row is None:
            raise KeyError(f"no item {item_id} in the question bank {self.path}")
        return _from_row(row)

    def all(self) -> list[BankItem]:
        with self._connect() as db:
            return [_from_row(r) for r in db.execute("SELECT * FROM items ORDER BY id")]

    def __len__(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM items").fetchone()[0])

    def search(self, text: str = "", *, tags: Sequence[str] = (), types: Sequence[str] = (),
               difficulties: Sequence[str] = (), statuses: Sequence[str] = (),
               select: Selection | None = None) -> list[BankItem]:
        """Items whose stem, options, key, explanation or clause contain ``text`` and that have
        every tag in ``tags`` and one of the given types, difficulties and statuses (empty: any),
        in the selected documents, chapters and clauses."""
        bad = [t for t in types if t not in QUIZ_TYPES]
        if bad:
            raise ValueError(f"types must be some of {QUIZ_TYPES}. Currently, they include {bad}")
        wanted = norm(text)
        out = []
        for entry in self.all():
            item = entry.item
            if types and item.type not in types:
                continue
            if difficulties and entry.difficulty not in difficulties:
                continue
            if statuses and entry.status not in statuses:
                continue
            if tags and not set(tags) <= set(entry.tags):
                continue
            if select is not None and not select.matches(entry.clause):
                continue
            if wanted and wanted not in norm(_haystack(entry)):
                continue
            out.append(entry)
        return out


def _haystack(entry: BankItem) -> str:
    item = entry.item
    answer = item.answer if isinstance(item.answer, str) else " ".join(map(str, item.keys))
    return " ".join([item.question, *item.options, answer, item.explanation, item.citation.label,
                     item.citation.title, *entry.tags])


def _from_row(row: sqlite3.Row) -> BankItem:
    return BankItem(id=int(row["id"]), item=QuizItem.from_json(json.loads(row["item"])),
                    difficulty=str(row["difficulty"]), tags=tuple(json.loads(row["tags"])),
                    clause_hash=str(row["clause_hash"]), index_version=str(row["index_version"]),
                    verdict=tuple(json.loads(row["verdict"])), status=str(row["status"]),
                    edited=bool(row["edited"]), created=str(row["created"]), updated=str(row["updated"]),
                    current_text=row["current_text"],
                    occurrence=None if row["occurrence"] is None else int(row["occurrence"]),
                    note=str(row["note"] or ""))


def _clean_tags(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in tags if t.strip()))


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
