"""Which files an index is built from, and each one's identity inside the documents folder.

The index stage decides what may be read before the loader reads anything: a walk that never
follows a symbolic link out of the documents folder (unless ``follow_links``), never raises on a
link loop, and skips FIFOs, devices and sockets, each with a one-line reason. A link to a file
inside the documents folder is left out too: the file is indexed under its own name. Every file gets a
``doc_id`` — its path relative to the folder it was found in, without the extension (the
loader's rule) — which is what an index matches documents by, so a moved documents folder or
another working directory changes nothing.

Example::

    sources, skipped = find_sources([Path("documents")])
    for s in sources:
        print(s.doc_id, s.path)
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rag.ingest.load import is_hidden
from rag.records import Skipped

LINKS_HINT = "set RAG_FOLLOW_LINKS=1 to allow"


@dataclass(frozen=True)
class Source:
    """One file to index: where to read it, the folder it was found in, and its identity."""

    path: Path
    root: Path | None
    doc_id: str


def doc_id_of(path: Path, root: Path | None) -> str:
    """The identity of ``path``: relative to ``root`` without the extension, else its stem."""
    if root is None:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


def find_sources(paths: Sequence[Path], *, follow_links: bool = False) -> tuple[list[Source], list[Skipped]]:
    """The files under ``paths`` that may be read, and why the others may not.

    Args:
        paths: files and directories; a directory is the root of the ids of the files under it.
        follow_links: read through symbolic links whose target lies outside every directory of
            ``paths`` (off by default: a link must not turn ``/etc/passwd`` into a document).

    Returns:
        The sources in walk order (sorted, each real file once) and a ``Skipped`` record for
        every link, special file or missing path left out.
    """
    # The paths themselves are the user's choice and are trusted even when they are links
    # (``documents -> /data/docs``); only what is found inside them is checked.
    roots = [Path(os.path.realpath(p)) for p in paths if Path(p).is_dir()]
    walker = _Walker(roots, follow_links)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            walker.walk_dir(path, path)
        elif path.is_file():
            walker.take(path, None, os.path.realpath(path))
        else:
            walker.add(path, None)
    return walker.sources, walker.skipped


class _Walker:
    def __init__(self, roots: list[Path], follow_links: bool) -> None:
        self.roots = roots
        self.follow_links = follow_links
        self.sources: list[Source] = []
        self.skipped: list[Skipped] = []
        self._seen: set[str] = set()  # real paths of files and directories already taken

    def walk_dir(self, directory: Path, root: Path) -> None:
        self._seen.add(os.path.realpath(directory))
        for entry in _sorted_entries(directory):
            if is_hidden(entry.name):
                continue
            self.add(entry, root)

    def add(self, path: Path, root: Path | None) -> None:
        try:
            st = path.lstat()
        except OSError as exc:
            self.skipped.append(Skipped(str(path), _os_reason(exc, "no such file or directory")))
            return
        if stat.S_ISLNK(st.st_mode):
            target = self._link_target(path)
            if target is None:
                return
            real, st = target
        else:
            real = os.path.realpath(path)
        if stat.S_ISDIR(st.st_mode):
            if real in self._seen:
                return
            if root is None:  # a directory named directly is walked as its own root
                self.walk_dir(path, path)
            else:
                self._seen.add(real)
                for entry in _sorted_entries(path):
                    if not is_hidden(entry.name):
                        self.add(entry, root)
            return
        if not stat.S_ISREG(st.st_mode):
            self.skipped.append(Skipped(str(path), f"not a regular file ({_kind(st.st_mode)}); skipped"))
            return
        self.take(path, root, real)

    def take(self, path: Path, root: Path | None, real: str) -> None:
        if real in self._seen:
            return
        self._seen.add(real)
        self.sources.append(Source(path, root, doc_id_of(path, root)))

    def _link_target(self, path: Path) -> tuple[str, os.stat_result] | None:
        """The real path and status of a link's target, or None (with a reason) to skip it."""
        try:
            st = path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.skipped.append(Skipped(str(path), "symbolic link loop; skipped"))
            else:
                self.skipped.append(Skipped(str(path), f"broken symbolic link to {os.readlink(path)}; skipped"))
            return None
        real = os.path.realpath(path)
        inside = any(Path(real).is_relative_to(r) for r in self.roots)
        if inside:  # the target is walked under its own name; a second id for it would be a duplicate
            self.skipped.append(Skipped(str(path), f"symbolic link to {real}, which is indexed under its own name"))
            return None
        if not self.follow_links:
            self.skipped.append(
                Skipped(str(path), f"symbolic link to {real}, outside the documents folder; not read ({LINKS_HINT})")
            )
            return None
        return real, st


def _sorted_entries(directory: Path) -> Iterator[Path]:
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return
    for name in names:
        yield directory / name


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "special file"


def _os_reason(exc: OSError, fallback: str) -> str:
    if exc.errno == errno.ENOENT:
        return fallback
    return f"unreadable: {exc.strerror or exc}"
