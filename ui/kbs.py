"""Knowledge bases: named collections of documents, each with its own index.

The default knowledge base is the one the settings describe (the shipped ``documents_dir`` plus
its upload folder ``index_dir/kb/<index_name>/documents``, index ``index_dir/<index_name>``); it
can be renamed but not removed (its documents folder is the configured corpus). Every other one
has a fixed id (``kb-`` + 8 hex digits, never reused) and a display name an admin can change;
its documents live in ``<index_dir>/kb/<id>/documents`` and its index is ``<index_dir>/<id>`` —
so ``rag --index kb-… ask`` and ``rag --index kb-… index`` (which reads only that folder) work on it
from the command line, and a rename never moves a file. Removing one deletes exactly the files
named by its id (its folder, index link, build folders, lock and question bank) and nothing of
another knowledge base.

Example::

    kbs = KbRegistry(app_db_path(settings), settings)
    edu = kbs.create("教育")
    kbs.settings_for(edu)        # a Settings whose documents and index are the KB's own
    kbs.rename(edu.id, "教育政策")
    kbs.remove(edu.id)
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from rag.quiz.bank.store import bank_path
from rag.settings import KB_FOLDER, KB_ID, Settings
from ui.appdb import connect, now

MAX_NAME_CHARS = 32  # a name fits a dropdown line beside its document count
DEFAULT_NAME = "默认知识库"
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kbs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    folded TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
"""


class KbRefused(ValueError):
    """A refused change; ``key`` is the i18n key of the page's message, ``values`` its fields."""

    def __init__(self, message: str, key: str, **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class KnowledgeBase:
    id: str
    name: str
    default: bool = False


def check_name(name: object) -> str:
    """A usable display name (trimmed), or a ValueError with the bad value."""
    if not isinstance(name, str):
        raise KbRefused(f"a knowledge base name must be text. Currently, it is {name!r}", "kb_bad_name",
                        name=repr(name))
    clean = " ".join(name.split())
    if not clean:
        raise KbRefused(f"a knowledge base name must not be empty. Currently, it is {name!r}", "kb_bad_name",
                        name=repr(name))
    if len(clean) > MAX_NAME_CHARS:
        raise KbRefused(
            f"a knowledge base name has at most {MAX_NAME_CHARS} characters. "
            f"Currently, {clean!r} has {len(clean)}",
            "kb_bad_name", name=repr(clean),
        )
    if _BAD_CHARS.search(name) or clean.startswith("."):
        raise KbRefused(
            "a knowledge base name must not hold control characters, slashes or start with a dot. "
            f"Currently, it is {name!r}", "kb_bad_name", name=repr(name),
        )
    return clean


def _fold(name: str) -> str:
    return name.casefold()


class KbRegistry:
    """The knowledge bases of one app (the table ``kbs`` of the app database)."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = Path(path)
        self.settings = settings
        self.default_id = settings.index_name
        with connect(self.path) as db:
            db.executescript(_SCHEMA)
            # Two app servers sharing one app database start together (docs/deploy.md): each read the default
            # as missing and the second insert failed on its name (UNIQUE kbs.folded), so that server exited
            # (a clean-clone CI run of stop 72, tests/test_pg_servers.py). The write lock is taken before
            # the read: the second waits for the first's row and sees it.
            db.execute("BEGIN IMMEDIATE")
            if db.execute("SELECT 1 FROM kbs WHERE id = ?", (self.default_id,)).fetchone() is None:
                name = DEFAULT_NAME
                if db.execute("SELECT 1 FROM kbs WHERE folded = ?", (_fold(name),)).fetchone() is not None:
                    name = f"{DEFAULT_NAME}（{self.default_id}）"
                db.execute("INSERT INTO kbs (id, name, folded, created) VALUES (?, ?, ?, ?)",
                           (self.default_id, name, _fold(name), now()))

    # --- reading ---------------------------------------------------------------------------

    def list(self) -> list[KnowledgeBase]:
        """Every knowledge base, the default first, then by creation."""
        with connect(self.path) as db:
            rows = db.execute("SELECT id, name FROM kbs ORDER BY (id != ?), created, id", (self.default_id,)).fetchall()
        return [KnowledgeBase(r["id"], r["name"], r["id"] == self.default_id) for r in rows]

    def get(self, key: str | None) -> KnowledgeBase:
        """The knowledge base with this id or name (the default for None or "").

        Raises:
            KeyError: no knowledge base has that id or name (the message lists them).
        """
        if not key:
            key = self.default_id
        kbs = self.list()
        for kb in kbs:
            if kb.id == key:
                return kb
        for kb in kbs:
            if _fold(kb.name) == _fold(str(key).strip()):
                return kb
        known = ", ".join(f"{kb.name} ({kb.id})" for kb in kbs)
        raise KeyError(f"no knowledge base {key!r}; there are: {known}")

    def documents_dir(self, kb: KnowledgeBase) -> Path:
        if kb.default:
            return self.settings.uploads_path
        return self.settings.index_dir / KB_FOLDER / kb.id / "documents"

    def settings_for(self, kb: KnowledgeBase) -> Settings:
        """The settings of one knowledge base: its own documents folder and index name."""
        if kb.default:
            return self.settings
        return self.settings.with_(index_name=kb.id, documents_dir=self.documents_dir(kb), upload_dir=None)

    # --- changing --------------------------------------------------------------------------

    def create(self, name: str) -> KnowledgeBase:
        """A new, empty knowledge base (its documents folder is made; its index comes with the first upload).

        Raises:
            ValueError: a bad name, or one another knowledge base already has.
        """
        clean = check_name(name)
        kb = KnowledgeBase(f"kb-{uuid.uuid4().hex[:8]}", clean)
        with connect(self.path) as db:
            self._free(db, clean)
            db.execute("INSERT INTO kbs (id, name, folded, created) VALUES (?, ?, ?, ?)",
                       (kb.id, clean, _fold(clean), now()))
        self.documents_dir(kb).mkdir(parents=True, exist_ok=True)
        return kb

    def rename(self, key: str, name: str) -> KnowledgeBase:
        """Give a knowledge base another display name (its id, files and index stay).

        Raises:
            KeyError: no such knowledge base.
            ValueError: a bad name, or one another knowledge base already has.
        """
        kb = self.get(key)
        clean = check_name(name)
        with connect(self.path) as db:
            self._free(db, clean, but=kb.id)
            db.execute("UPDATE kbs SET name = ?, folded = ? WHERE id = ?", (clean, _fold(clean), kb.id))
        return KnowledgeBase(kb.id, clean, kb.default)

    def remove(self, key: str) -> KnowledgeBase:
        """Delete a knowledge base: its documents, its index and its question bank.

        Raises:
            KeyError: no such knowledge base.
            ValueError: it is the default one.
        """
        kb = self.get(key)
        if kb.default or not KB_ID.match(kb.id):
            raise KbRefused(f"the default knowledge base {kb.name!r} ({kb.id}) cannot be removed", "kb_default_kept",
                            name=kb.name)
        index_dir = self.settings.index_dir
        with connect(self.path) as db:
            db.execute("DELETE FROM kbs WHERE id = ?", (kb.id,))
        # Only names made from this id: ``kb-xxxxxxxx`` followed by a fixed suffix matches no other id.
        folder = index_dir / KB_FOLDER / kb.id
        _delete(folder)
        _delete(index_dir / kb.id)
        for pattern in (f".{kb.id}.build-*", f".{kb.id}.link-*", f".{kb.id}.old-*", f".{kb.id}.lock"):
            for path in index_dir.glob(pattern):
                _delete(path)
        _delete(bank_path(index_dir, kb.id))
        return kb

    def _free(self, db: sqlite3.Connection, name: str, *, but: str = "") -> None:
        # A name that is some KB's id (or could become one) would make ``get`` ambiguous: ids win.
        if KB_ID.match(name.lower()) or db.execute("SELECT 1 FROM kbs WHERE lower(id) = ?", (name.lower(),)).fetchone():
            raise KbRefused(f"a knowledge base name must not be an id. Currently, it is {name!r}", "kb_bad_name",
                            name=repr(name))
        row = db.execute("SELECT id, name FROM kbs WHERE folded = ? AND id != ?", (_fold(name), but)).fetchone()
        if row is not None:
            raise KbRefused(
                f"a knowledge base is already named {row['name']!r} ({row['id']}); choose another name than {name!r}",
                "kb_name_taken", name=row["name"],
            )


def _delete(path: Path) -> None:
    """Remove a file, a link (never what it points to) or a folder tree."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path)
