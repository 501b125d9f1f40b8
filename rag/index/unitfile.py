"""The units of a file index on disk, column by column: no JSON to parse on the query path.

``units.jsonl`` (index format 1) cost one ``json.loads`` and one dataclass ``__init__`` per
unit: 1.0–1.3 s at 10^5 units on a quiet machine, the largest part of loading an index
(notes/speed.md), and ten times that at 10^6. Format 2 writes three files into ``units/``:

* ``texts.txt``: every unit's text, concatenated (UTF-8);
* ``strings.txt``: every distinct short string (document ids, titles, labels, kinds, lead-ins,
  heading lines) once, concatenated;
* ``columns.npz``: integer columns only (read with ``allow_pickle=False``): character offsets
  into the two files, a string code per unit for each short field, the heading paths as runs
  of string codes, ordinals, parts, spans, pages.

Reading decodes each file once and slices; the units come out equal to those written
(``tests/test_unitfile.py``). ``benchmarks/scale_bench.py`` prints the load time.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from rag.records import Unit

UNITS_DIR = "units"
_TEXTS = "texts.txt"
_STRINGS = "strings.txt"
_COLUMNS = "columns.npz"
_CODED = ("doc_id", "title", "label", "kind", "lead")  # short fields stored as string codes
_INTS = ("ordinal", "part", "parts", "deleted", "page")


def _unit_from_fields(**values: Any) -> Unit:
    """A Unit made without its ``__init__``: a frozen dataclass's sets each of its 13 fields
    through ``object.__setattr__``, more than half of reading 10^5 units. Used only while the
    fields written here are all of Unit's (else :data:`_make` is the plain constructor)."""
    unit = object.__new__(Unit)
    unit.__dict__.update(values)
    return unit


_WRITTEN = {"doc_id", "title", "path", "label", "ordinal", "text", "span", *_CODED, *_INTS}
_make: Callable[..., Unit] = _unit_from_fields if {f.name for f in fields(Unit)} == _WRITTEN else Unit


def _offsets(lengths: Sequence[int]) -> np.ndarray:
    out = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.asarray(lengths, dtype=np.int64), out=out[1:])
    return out


def write_units(directory: Path, units: Sequence[Unit]) -> None:
    """Write ``units`` into ``directory/units/`` (the caller fsyncs the build)."""
    folder = directory / UNITS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    codes: dict[str, int] = {}

    def code(value: str) -> int:
        return codes.setdefault(value, len(codes))

    coded = {name: np.fromiter((code(getattr(u, name)) for u in units), dtype=np.int32, count=len(units))
             for name in _CODED}
    path_codes = np.fromiter((code(p) for u in units for p in u.path), dtype=np.int32)
    ints = {name: np.fromiter((getattr(u, name) for u in units), dtype=np.int64, count=len(units))
            for name in _INTS}
    spans = np.array([u.span for u in units], dtype=np.int64).reshape(len(units), 2)
    # newline="": a text's own line breaks are kept as they are (offsets count characters).
    with (folder / _TEXTS).open("w", encoding="utf-8", newline="") as texts:
        for unit in units:
            texts.write(unit.text)
    with (folder / _STRINGS).open("w", encoding="utf-8", newline="") as strings:
        for value in codes:
            strings.write(value)
    arrays: dict[str, Any] = {
        "text_offsets": _offsets([len(u.text) for u in units]),
        "string_offsets": _offsets([len(s) for s in codes]),
        "path_offsets": _offsets([len(u.path) for u in units]),
        "path_codes": path_codes,
        "spans": spans,
        **coded,
        **ints,
    }
    with (folder / _COLUMNS).open("wb") as columns:
        np.savez(columns, **arrays)


def has_units(directory: Path) -> bool:
    return (directory / UNITS_DIR / _COLUMNS).is_file()


def read_units(directory: Path) -> list[Unit]:
    """The units written by :func:`write_units`. Raises OSError, ValueError or KeyError when damaged."""
    folder = directory / UNITS_DIR
    with np.load(folder / _COLUMNS, allow_pickle=False) as data:
        columns = {name: data[name] for name in data.files}
    texts_blob = (folder / _TEXTS).read_bytes().decode("utf-8")
    strings_blob = (folder / _STRINGS).read_bytes().decode("utf-8")
    text_at = columns["text_offsets"].tolist()
    string_at = columns["string_offsets"].tolist()
    if text_at[-1] != len(texts_blob) or string_at[-1] != len(strings_blob):
        raise ValueError(f"units in {folder} are damaged: the texts or strings file has another length")
    strings = [strings_blob[a:b] for a, b in itertools.pairwise(string_at)]
    path_at = columns["path_offsets"].tolist()
    heads = [strings[c] for c in columns["path_codes"].tolist()]
    coded = {name: [strings[c] for c in columns[name].tolist()] for name in _CODED}
    ints = {name: columns[name].tolist() for name in _INTS}
    spans = columns["spans"].tolist()
    n = len(text_at) - 1
    units: list[Unit] = []
    append = units.append
    doc_id, title, label, kind, lead = (coded[name] for name in _CODED)
    ordinal, part, parts, deleted, page = (ints[name] for name in _INTS)
    for i in range(n):
        append(_make(
            doc_id=doc_id[i], title=title[i], path=tuple(heads[path_at[i]:path_at[i + 1]]), label=label[i],
            ordinal=ordinal[i], text=texts_blob[text_at[i]:text_at[i + 1]], span=(spans[i][0], spans[i][1]),
            kind=kind[i], part=part[i], parts=parts[i], lead=lead[i], deleted=deleted[i], page=page[i],
        ))
    return units
