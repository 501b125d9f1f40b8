"""Where uploads go: staged, checked, then moved into place atomically — or nothing changes.

The upload folder (``Settings.uploads_path``) is not the shipped ``documents/`` folder of the
checkout: by default it is ``<index_dir>/kb/<index name>/documents``, which git ignores, and the
build reads both. An upload is copied into ``<upload dir>/.staging/<random>/`` (hidden, so no
build reads it), checked with the pipeline's own load → clean → parse
(:func:`rag.index.prepare.prepare`, the same limits a build applies), and only then linked into
the upload folder:

- a new name is placed with ``os.link``, which fails if the name appeared meanwhile, so an
  upload never overwrites anything it was not asked to;
- a replacement (the user ticked "replace") is made where the old file is (the documents
  folder or the upload folder, so its id stays): it first hard-links the old file into that
  folder's ``.backup/``, then ``os.replace``-s the new one over it: readers see the old file
  or the new one, never a gap; the backup is deleted once the new version indexed, and put back otherwise;
- a name that is a symbolic link is never written to, replaced or followed.

A removal moves the file into ``.backup/`` the same way and deletes the backup only once the
index without it is published.
"""

from __future__ import annotations

import glob
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rag.index.prepare import Prepared, PrepareError, prepare
from rag.index.sources import Source, doc_id_of, find_sources
from rag.settings import Settings

STAGING = ".staging"
BACKUP = ".backup"


class UploadRefused(ValueError):
    """An upload that was not placed; ``key`` is the i18n key of the message, ``values`` its fields."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(f"{key}: {values}")


@dataclass(frozen=True)
class Placed:
    """A file now in the upload folder, and the backup of what it replaced (None for a new name)."""

    name: str
    target: Path
    doc_id: str
    backup: Path | None


class UploadStore:
    """The upload folder of one app; every method leaves it as it was when it raises."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = settings.uploads_path

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """A fresh staging folder inside the upload folder (same file system), removed afterwards."""
        folder = self.root / STAGING / uuid.uuid4().hex
        folder.mkdir(parents=True)
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def used_bytes(self) -> int:
        """Bytes of the regular files in the upload folder (links and hidden folders left out)."""
        total = 0
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                st = os.lstat(os.path.join(dirpath, name))
                total += st.st_size if not os.path.islink(os.path.join(dirpath, name)) else 0
        return total

    def check_room(self, incoming: int) -> None:
        limit = int(self.settings.max_upload_total_mb * 2**20)
        used = self.used_bytes()
        if used + incoming > limit:
            raise UploadRefused("storage_full", used=used / 2**20, mb=f"{self.settings.max_upload_total_mb:g}")

    def stage(self, folder: Path, name: str, tmp: Path) -> Prepared:
        """Copy an upload into ``folder`` and check it as a build would.

        Raises:
            UploadRefused: the pipeline cannot index it (the reason is in ``values``).
        """
        staged = folder / name
        with tmp.open("rb") as src, open(staged, "xb") as dst:  # "x": never through an existing name
            shutil.copyfileobj(src, dst)
        try:
            return prepare(Source(staged, folder, doc_id_of(staged, folder)), self.settings)
        except PrepareError as exc:
            raise UploadRefused("unreadable", reason=exc.reason) from None

    def place(self, staged: Path, name: str, *, replace: bool) -> Placed:
        """Move a checked file into the upload folder, or over the file it replaces.

        A new name goes into the upload folder. A name some folder the build reads already holds
        (the shipped ``documents/`` included) is that document: it is refused unless ``replace``
        is on, and then replaced where it is, so its id stays and no second copy appears.

        Raises:
            UploadRefused: the name is a link, exists and ``replace`` is off, or another file
                already has the same document id (``a.txt`` beside ``a.pdf``).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        folders = [self.root, *(f for f in self.settings.source_dirs if f.resolve() != self.root.resolve())]
        stem = glob.escape(Path(name).stem)
        for folder in folders:
            twins = [p for p in folder.glob(f"{stem}.*") if p.name != name]
            if twins:
                raise UploadRefused("twin", other=twins[0].name)
        folder = next((f for f in folders if (f / name).is_symlink() or (f / name).exists()), self.root)
        target = folder / name
        if target.is_symlink():
            raise UploadRefused("is_link")
        doc_id = doc_id_of(target, folder)
        if not target.exists():
            try:
                os.link(staged, target)  # fails if the name appeared meanwhile: nothing is overwritten
            except FileExistsError:
                raise UploadRefused("exists") from None
            return Placed(name, target, doc_id, None)
        if not replace:
            raise UploadRefused("exists")
        if not target.is_file():
            raise UploadRefused("bad_name")
        if folder != self.root:
            # The new version first lands beside the old one (a hidden name no build reads): the
            # switch below must stay an os.replace within one file system.
            near = folder / f".{uuid.uuid4().hex[:8]}-{name}.part"
            shutil.copyfile(staged, near)
            staged = near
        backup = self._backup_path(name, folder)
        try:
            os.link(target, backup)
            os.replace(staged, target)
        finally:
            if folder != self.root:
                staged.unlink(missing_ok=True)  # gone already once replaced
        return Placed(name, target, doc_id, backup)

    def undo(self, placed: Placed) -> None:
        """Put back what ``placed`` changed."""
        if placed.backup is not None:
            os.replace(placed.backup, placed.target)
        else:
            placed.target.unlink(missing_ok=True)

    def commit(self, placed: Placed) -> None:
        if placed.backup is not None:
            placed.backup.unlink(missing_ok=True)

    def take_out(self, doc_id: str) -> Placed:
        """Move the file of ``doc_id`` into the backup folder (a removal that can be undone).

        Raises:
            KeyError: no file of the documents or upload folder has this id.
        """
        for folder in self.settings.source_dirs:
            if not folder.is_dir():
                continue
            sources, _ = find_sources([folder], follow_links=False)
            for source in sources:
                if source.doc_id == doc_id and not source.path.is_symlink():
                    backup = self._backup_path(source.path.name, folder)
                    os.replace(source.path, backup)
                    return Placed(source.path.name, source.path, doc_id, backup)
        raise KeyError(doc_id)

    def _backup_path(self, name: str, folder: Path | None = None) -> Path:
        backups = (folder or self.root) / BACKUP
        backups.mkdir(parents=True, exist_ok=True)
        return backups / f"{uuid.uuid4().hex[:8]}-{name}"
