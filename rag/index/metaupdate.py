"""Apply an administrator's metadata edits to the index without parsing or embedding anything.

``set_meta(settings, doc_id, fields)`` validates the fields, writes them into the sidecar of the
folder the document was indexed from (:mod:`rag.index.metafile`) and publishes a new build of
the index whose manifest carries them: the units, vectors and lexical files are copied as they
are, so an edit can never lose indexed data, and a reader sees the old index or the new one.
The next ``rag index`` reads the same sidecar, so the edit also survives every rebuild.

Example::

    set_meta(settings, "zh-laws/工伤保险条例(2010-12-20)", {"status": "amended"})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from rag.index import metafile
from rag.index.locks import build_lock
from rag.index.store import DocEntry, load_index, new_build_dir, publish, write_index
from rag.settings import Settings


def folder_of(entry: DocEntry, settings: Settings | None = None) -> Path:
    """The documents folder of ``entry`` (its sidecar's folder).

    One of the settings' folders (``Settings.source_dirs``) that holds the document's file, so
    the edit lands where the next ``rag index`` of these settings reads it — also when the index
    and its documents were copied elsewhere after the build. Otherwise the folder the document
    was indexed from (the paths passed to ``rag index``).
    """
    relative = PurePosixPath(entry.doc_id)
    indexed = Path(entry.source).parents[len(relative.parts) - 1]
    name = Path(entry.source).name
    for folder in settings.source_dirs if settings is not None else ():
        if (folder / relative.parent / name).is_file():
            return folder
    return indexed


def set_meta(settings: Settings, doc_id: str, fields: Mapping[str, Any]) -> DocEntry:
    """Set (or, with ``None``, clear) metadata fields of one indexed document.

    Returns:
        The document's manifest entry after the edit (``entry.meta`` is what citations show).

    Raises:
        KeyError: no such document in the index (the message lists the documents).
        MetaError: a bad field or value (the message names it); nothing is written.
        IndexLoadError: no index, or a damaged one.
    """
    if settings.store:
        # The PostgreSQL store publishes generations of its own (rag/index/pgstore.py); until it
        # can replace a manifest in place, its metadata changes through the sidecar and a build.
        raise metafile.MetaError(
            f"{doc_id}: the index is in PostgreSQL ({settings.store.split('@')[-1]}); edit the documents "
            f"folder's {metafile.SIDECAR} and run `rag index`"
        )
    with build_lock(settings.index_path, max_builds=settings.max_concurrent_builds):
        index = load_index(settings.index_path)
        entry = index.manifest.document(doc_id)
        folder = folder_of(entry, settings)
        if not folder.is_dir():
            raise metafile.MetaError(
                f"{doc_id}: its documents folder {folder} is not here (the index was built from another "
                "working directory); run this where `rag index` was run"
            )
        override = metafile.set_fields(folder, doc_id, fields)
        updated = replace(entry, override=override)
        documents = tuple(updated if d.doc_id == doc_id else d for d in index.manifest.documents)
        manifest = replace(index.manifest, documents=documents)
        build_dir = new_build_dir(settings.index_path)
        write_index(build_dir, manifest, index.units, index.vectors, index.lexical, index.document_frequencies())
        publish(settings.index_path, build_dir)
    return updated
