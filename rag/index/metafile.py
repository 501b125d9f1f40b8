"""The metadata sidecar: an administrator's corrections to what documents say about themselves.

One file per documents folder, ``<folder>/.meta.json`` (a dot file, so never indexed itself),
mapping a document id (the path relative to the folder, without the extension — the id the
index uses) to the fields to override::

    {
      "工伤保险条例(2010-12-20)": {"status": "amended", "effective": "2004-01-01"},
      "some-news": {"kind": "commentary", "issuer": "新华社"}
    }

Fields: ``title``, ``issuer``, ``doc_number``, ``issued``, ``effective`` (dates as
``2021-05-01`` or ``2021年5月1日``), ``status`` (:data:`~rag.records.STATUSES`: ``in_force``,
``amended``, ``repealed``, or ``""`` for not stated) and ``kind``
(:data:`~rag.records.KINDS`). A value that is not allowed is refused with the value in the
message. The index build applies the sidecar over what was detected (:mod:`rag.ingest.dockind`,
:mod:`rag.ingest.frontmatter`); a bad entry is a warning and that document keeps the metadata it
was indexed with, and editing the sidecar never re-parses or re-embeds anything.

Example::

    set_fields(Path("documents"), "工伤保险条例(2010-12-20)", {"status": "repealed"})
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rag.records import KINDS, STATUSES, DocumentMeta

SIDECAR = ".meta.json"
EDITABLE = ("title", "issuer", "doc_number", "issued", "effective", "status", "kind")
_DATES = ("issued", "effective")
MAX_CHARS = 200  # a title or an issuing body's name; longer is a pasted paragraph (unmeasured)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


class MetaError(ValueError):
    """A sidecar value, entry or file that cannot be used; the message names the bad value."""


def _check_date(doc_id: str, name: str, value: str) -> None:
    m = _ISO.match(value) or _CN.match(value)
    try:
        if m is None:
            raise ValueError
        date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise MetaError(
            f"{doc_id}: {name} {value!r} is not a date; write it as 2021-05-01 or 2021年5月1日"
        ) from None


def validate(doc_id: str, fields: Mapping[str, Any]) -> dict[str, str]:
    """The fields of one sidecar entry, checked.

    Raises:
        MetaError: an unknown field, a value that is not a string, a kind or status not allowed,
            a date that is not one, or an over-long value — the message names it.
    """
    if not isinstance(fields, Mapping):
        raise MetaError(f"{doc_id}: expected an object of fields, got {fields!r}")
    out: dict[str, str] = {}
    for name, value in fields.items():
        if name not in EDITABLE:
            raise MetaError(f"{doc_id}: unknown field {name!r}; the fields are {', '.join(EDITABLE)}")
        if not isinstance(value, str):
            raise MetaError(f"{doc_id}: {name} must be text, got {value!r}")
        value = value.strip()
        if name == "kind" and value not in KINDS:
            raise MetaError(f"{doc_id}: kind {value!r} is not one of {', '.join(KINDS)}")
        if name == "status" and value not in STATUSES:
            allowed = ", ".join(repr(s) for s in STATUSES)
            raise MetaError(f"{doc_id}: status {value!r} is not one of {allowed}")
        if name in _DATES and value:
            _check_date(doc_id, name, value)
        if len(value) > MAX_CHARS:
            raise MetaError(f"{doc_id}: {name} is {len(value)} characters, at most {MAX_CHARS}: {value[:40]!r}…")
        out[name] = value
    return out


def apply(meta: DocumentMeta, fields: Mapping[str, str]) -> DocumentMeta:
    """``meta`` with the (validated) sidecar fields in place of what was detected."""
    if not fields:
        return meta
    data = meta.to_json()
    data.update({k: v for k, v in fields.items() if k in EDITABLE})
    return DocumentMeta.from_json(data)


@dataclass(frozen=True)
class Sidecar:
    """A folder's sidecar as read: the valid entries, and what could not be used.

    ``usable`` is False when the file itself is unreadable; ``bad`` names the documents whose
    entry was refused. Either way those documents keep the metadata they were indexed with.
    """

    entries: dict[str, dict[str, str]]
    bad: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()
    usable: bool = True

    def override(self, doc_id: str, indexed: Mapping[str, str]) -> dict[str, str]:
        """The fields to apply to ``doc_id``: its entry, or ``indexed`` when none can be trusted."""
        if not self.usable or doc_id in self.bad:
            return dict(indexed)
        return dict(self.entries.get(doc_id, {}))


def read(folder: Path) -> Sidecar:
    """``folder``'s sidecar: a missing one has no entries and no problem, an unreadable one is
    not usable (one problem), a bad entry is left out with its problem and the others are used."""
    path = folder / SIDECAR
    if not path.is_file():
        return Sidecar({})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return Sidecar({}, problems=(f"{path}: not readable as JSON ({exc}); metadata kept as indexed",), usable=False)
    if not isinstance(data, dict):
        problem = f"{path}: expected an object of document ids, got {type(data).__name__}; metadata kept as indexed"
        return Sidecar({}, problems=(problem,), usable=False)
    entries: dict[str, dict[str, str]] = {}
    bad: set[str] = set()
    problems: list[str] = []
    for doc_id, fields in data.items():
        try:
            entries[str(doc_id)] = validate(str(doc_id), fields)
        except MetaError as exc:
            bad.add(str(doc_id))
            problems.append(f"{path}: {exc}; this document keeps the metadata it was indexed with")
    return Sidecar(entries, frozenset(bad), tuple(problems))


def set_fields(folder: Path, doc_id: str, fields: Mapping[str, Any]) -> dict[str, str]:
    """Validate ``fields`` and write them into ``folder``'s sidecar for ``doc_id``.

    A field given as ``None`` is removed (the detected value comes back). The file is replaced
    atomically; the other documents' entries are kept as they are.

    Returns:
        The document's overrides after the change.

    Raises:
        MetaError: a bad field or value (nothing is written), or an unreadable sidecar.
    """
    removed = [name for name, value in fields.items() if value is None]
    bad = [name for name in removed if name not in EDITABLE]
    if bad:
        raise MetaError(f"{doc_id}: unknown field {bad[0]!r}; the fields are {', '.join(EDITABLE)}")
    given = validate(doc_id, {k: v for k, v in fields.items() if v is not None})
    path = folder / SIDECAR
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise MetaError(f"{path}: not readable as JSON ({exc}); fix or remove it first") from None
        if not isinstance(data, dict):
            raise MetaError(f"{path}: expected an object of document ids; fix or remove it first")
    entry = {k: v for k, v in dict(data.get(doc_id) or {}).items() if k not in removed}
    entry.update(given)
    if entry:
        data[doc_id] = entry
    else:
        data.pop(doc_id, None)
    tmp = path.with_name(f"{SIDECAR}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return validate(doc_id, entry)
