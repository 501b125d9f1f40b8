"""Feedback on answers: 👍, 👎 or "wrong citation", with an optional comment.

Each row keeps who gave it, in which knowledge base, the question as typed and as the pipeline
understood it, the answer JSON exactly as shown, and the version of the index that answered
(``built_at`` of its manifest and a digest of its embedder and documents), so a complaint can
be replayed against the index it was about. Admins list the rows and export them as gold
questions for ``rag eval`` (:func:`gold_lines`), every line marked ``"reviewed": false``.

Example::

    store = FeedbackStore(app_db_path(settings))
    fid = store.add("wang", "default", "down", asked, question, answer_json, index_version(manifest))
    store.set_comment(fid, "wang", "引用的是旧条款")
    write_gold(store.list(kind="down"), Path("feedback.jsonl"))
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.index.store import Manifest
from ui.appdb import connect, now

KINDS = ("up", "down", "wrong_citation")
MAX_COMMENT_CHARS = 2000  # a comment is a note, not a document; longer text is refused with its length

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    kb TEXT NOT NULL,
    kind TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    asked TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    index_built TEXT NOT NULL,
    index_digest TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_kind ON feedback (kind, created);
"""


@dataclass(frozen=True)
class IndexVersion:
    """Which index answered: when it was built and a digest of its embedder and documents."""

    built: str
    digest: str


def index_version(manifest: Manifest) -> IndexVersion:
    """The version of an index: ``built_at`` changes with every build, the digest with its content."""
    content = [manifest.embedder_id, *sorted(f"{d.doc_id}:{d.sha256}" for d in manifest.documents)]
    digest = hashlib.sha256("\n".join(content).encode("utf-8")).hexdigest()[:16]
    return IndexVersion(manifest.built_at, digest)


@dataclass(frozen=True)
class Feedback:
    id: int
    user: str
    kb: str
    kind: str
    comment: str
    asked: str
    question: str
    answer: dict[str, Any]
    index: IndexVersion
    created: str
    updated: str


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"feedback kind must be one of {KINDS}. Currently, it is {kind!r}")
    return kind


def check_comment(comment: str) -> str:
    text = comment.strip()
    if len(text) > MAX_COMMENT_CHARS:
        raise ValueError(f"a comment may have at most {MAX_COMMENT_CHARS} characters. Currently, it has {len(text)}")
    return text


class FeedbackStore:
    """Feedback rows in the SQLite file ``path`` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with connect(self.path) as db:
            db.executescript(_SCHEMA)

    def add(
        self,
        user: str,
        kb: str,
        kind: str,
        asked: str,
        question: str,
        answer: Mapping[str, Any],
        version: IndexVersion,
        comment: str = "",
    ) -> int:
        """Store one piece of feedback; returns its id.

        Raises:
            ValueError: an unknown kind, an empty question or a comment that is too long.
        """
        check_kind(kind)
        if not question.strip():
            raise ValueError(f"feedback needs the question it is about. Currently, it is {question!r}")
        stamp = now()
        with connect(self.path) as db:
            cursor = db.execute(
                "INSERT INTO feedback (user, kb, kind, comment, asked, question, answer, index_built, index_digest,"
                " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (user, kb, kind, check_comment(comment), asked, question, json.dumps(dict(answer), ensure_ascii=False),
                 version.built, version.digest, stamp, stamp),
            )
            return int(cursor.lastrowid or 0)

    def set_comment(self, feedback: int, user: str, comment: str) -> None:
        """Attach (or replace) the comment of one's own feedback.

        Raises:
            KeyError: no feedback of that id was given by ``user``.
            ValueError: the comment is too long.
        """
        text = check_comment(comment)
        with connect(self.path) as db:
            done = db.execute(
                "UPDATE feedback SET comment = ?, updated = ? WHERE id = ? AND user = ?", (text, now(), feedback, user)
            ).rowcount
        if not done:
            raise KeyError(f"no feedback {feedback!r} of user {user!r}")

    def list(self, *, kind: str | None = None, kb: str | None = None) -> list[Feedback]:
        """Feedback rows, newest first, optionally of one kind and/or one knowledge base.

        Raises:
            ValueError: an unknown kind.
        """
        where, params = [], []
        if kind:
            where.append("kind = ?")
            params.append(check_kind(kind))
        if kb:
            where.append("kb = ?")
            params.append(kb)
        sql = "SELECT * FROM feedback" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id DESC"
        with connect(self.path) as db:
            rows = db.execute(sql, params).fetchall()
        return [
            Feedback(
                int(r["id"]), r["user"], r["kb"], r["kind"], r["comment"], r["asked"], r["question"],
                json.loads(r["answer"]), IndexVersion(r["index_built"], r["index_digest"]), r["created"], r["updated"],
            )
            for r in rows
        ]


# --- export as gold questions (evals/README.md) ----------------------------------------------


def _cited(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The clauses the answer's sentences cite (all its citations when no sentence names one)."""
    citations = [c for c in answer.get("citations") or [] if isinstance(c, Mapping)]
    used = {n for s in answer.get("sentences") or [] if isinstance(s, Mapping) for n in s.get("citations") or []}
    chosen = [c for c in citations if c.get("n") in used] or citations
    out: list[dict[str, Any]] = []
    for c in chosen:
        path = [str(p) for p in c.get("path") or []]
        ref = {"doc": str(c.get("doc", "")), "label": str(c.get("label", "")), "path": path}
        if ref["doc"] and ref["label"] and ref not in out:
            out.append(ref)
    return out


def gold_line(row: Feedback) -> dict[str, Any]:
    """One feedback row as a gold question, ``"reviewed": false`` so ``rag eval`` skips it until checked.

    👍 on an answer: the cited clauses are the gold. 👍 on "not found": the question is marked
    unanswerable. 👎 and "wrong citation": what would be right is not known — ``gold`` stays empty
    for the reviewer to fill in (or to set ``answerable`` false), and the clauses the answer cited
    are listed under ``cited`` so they are not mistaken for gold.
    """
    answer = row.answer
    abstained = bool(answer.get("abstained"))
    line: dict[str, Any] = {"id": f"fb{row.id}", "question": row.question}
    tags = ["feedback", f"feedback_{row.kind}"]
    if row.kind == "up" and abstained:
        line.update(gold=[], answerable=False)
        tags.append("unanswerable")
    elif row.kind == "up":
        line.update(gold=_cited(answer), answerable=True)
    else:
        line.update(gold=[], answerable=True, cited=_cited(answer))
    line.update(
        tags=tags,
        reviewed=False,
        feedback={"kind": row.kind, "comment": row.comment, "user": row.user, "kb": row.kb,
                  "asked": row.asked, "index_built": row.index.built, "index_digest": row.index.digest,
                  "created": row.created},
    )
    return line


def gold_lines(rows: Iterable[Feedback]) -> list[dict[str, Any]]:
    return [gold_line(r) for r in rows]


def write_gold(rows: Sequence[Feedback], path: Path) -> int:
    """Write the rows as gold JSONL; returns how many lines."""
    lines = gold_lines(rows)
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return len(lines)
