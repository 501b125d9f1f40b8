"""Conversations that last: every user's questions and answers, kept server side.

A conversation is a list of finished turns (the question as typed, as understood, the answer
JSON or the error, the document filter) in one knowledge base, owned by one user. The chat page
saves the whole conversation after each answer, lists the user's conversations, reopens one
after a reload, and deletes one. A user never sees or changes another user's conversation:
every call names the user, and a conversation of someone else is reported as not found.

Example::

    store = HistoryStore(app_db_path(settings))
    cid = store.save("wang", None, "default", turns)      # a new conversation
    store.save("wang", cid, "default", turns)             # the same one, grown
    [c.title for c in store.list("wang")]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ui.appdb import connect, now
from ui.turns import AnswerView, Turn

TITLE_CHARS = 40  # a conversation's title: its first question, cut to fit one line of the list

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    kb TEXT NOT NULL,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_user ON conversations (user, updated);
CREATE TABLE IF NOT EXISTS turns (
    conversation INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    asked TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT,
    error TEXT,
    docs TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (conversation, seq)
);
"""


@dataclass(frozen=True)
class ConversationInfo:
    """One line of a user's conversation list."""

    id: int
    kb: str
    title: str
    created: str
    updated: str
    turns: int


@dataclass(frozen=True)
class Conversation:
    info: ConversationInfo
    turns: tuple[Turn, ...]


def answer_json(answer: AnswerView) -> dict[str, Any]:
    """The answer view back as the JSON of ``rag ask --json`` (what ``AnswerView.from_json`` reads)."""
    return asdict(answer)


def title_of(turns: Sequence[Turn]) -> str:
    first = " ".join((turns[0].asked if turns else "").split())
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1] + "…"


class HistoryStore:
    """Conversations in the SQLite file ``path`` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with connect(self.path) as db:
            db.executescript(_SCHEMA)

    def save(self, user: str, conversation: int | None, kb: str, turns: Sequence[Turn]) -> int | None:
        """Store the finished turns of a conversation; returns its id (None when nothing is finished).

        ``conversation`` None starts a new one. Turns still waiting for their answer are left out.

        Raises:
            KeyError: ``conversation`` is not one of ``user``'s.
        """
        done = [t for t in turns if t.answer is not None or t.error is not None]
        if not done:
            return conversation
        stamp = now()
        with connect(self.path) as db:
            if conversation is None:
                cursor = db.execute(
                    "INSERT INTO conversations (user, kb, title, created, updated) VALUES (?, ?, ?, ?, ?)",
                    (user, kb, title_of(done), stamp, stamp),
                )
                conversation = int(cursor.lastrowid or 0)
            else:
                self._owned(db, user, conversation)
                db.execute("UPDATE conversations SET updated = ?, kb = ? WHERE id = ?", (stamp, kb, conversation))
                db.execute("DELETE FROM turns WHERE conversation = ?", (conversation,))
            db.executemany(
                "INSERT INTO turns (conversation, seq, asked, question, answer, error, docs)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        conversation, seq, t.asked, t.question,
                        json.dumps(answer_json(t.answer), ensure_ascii=False) if t.answer is not None else None,
                        t.error, json.dumps(list(t.docs), ensure_ascii=False),
                    )
                    for seq, t in enumerate(done)
                ],
            )
        return conversation

    def list(self, user: str) -> list[ConversationInfo]:
        """The user's conversations, the most recently used first."""
        with connect(self.path) as db:
            rows = db.execute(
                "SELECT c.*, (SELECT COUNT(*) FROM turns WHERE conversation = c.id) AS n FROM conversations c"
                " WHERE user = ? ORDER BY updated DESC, id DESC",
                (user,),
            ).fetchall()
        return [_info(row) for row in rows]

    def load(self, user: str, conversation: int) -> Conversation:
        """One of the user's conversations with its turns.

        Raises:
            KeyError: no conversation of that id belongs to ``user``.
        """
        with connect(self.path) as db:
            self._owned(db, user, conversation)
            row = db.execute(
                "SELECT c.*, (SELECT COUNT(*) FROM turns WHERE conversation = c.id) AS n FROM conversations c"
                " WHERE id = ?",
                (conversation,),
            ).fetchone()
            rows = db.execute("SELECT * FROM turns WHERE conversation = ? ORDER BY seq", (conversation,)).fetchall()
        turns = tuple(
            Turn(
                asked=r["asked"],
                question=r["question"],
                answer=AnswerView.from_json(json.loads(r["answer"])) if r["answer"] else None,
                error=r["error"],
                docs=tuple(json.loads(r["docs"])),
            )
            for r in rows
        )
        return Conversation(_info(row), turns)

    def delete(self, user: str, conversation: int) -> None:
        """Delete one of the user's conversations.

        Raises:
            KeyError: no conversation of that id belongs to ``user``.
        """
        with connect(self.path) as db:
            self._owned(db, user, conversation)
            db.execute("DELETE FROM conversations WHERE id = ?", (conversation,))

    @staticmethod
    def _owned(db: Any, user: str, conversation: int) -> None:
        row = db.execute("SELECT user FROM conversations WHERE id = ?", (conversation,)).fetchone()
        if row is None or row["user"] != user:
            raise KeyError(f"no conversation {conversation!r} of user {user!r}")


def _info(row: Any) -> ConversationInfo:
    return ConversationInfo(int(row["id"]), row["kb"], row["title"], row["created"], row["updated"], int(row["n"]))
