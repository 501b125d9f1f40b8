"""The precompiled charsmap (double-array trie) writer (``rag.index.builtin.trie``)."""

from __future__ import annotations

import numpy as np
import pytest

from rag.index.builtin.binfile import ModelBuildError
from rag.index.builtin.trie import build_precompiled_charsmap, charsmap_lookup

# ------------------------------------------------------------------- precompiled charsmap


SMALL_MAP = {
    "Ａ": "A",  # full-width letter
    "１": "1",
    "\t": " ",
    "\u3000": " ",
    "\x01": "",  # deletion
    "ﬁ": "fi",  # one to many
    "𝐀": "A",  # four UTF-8 bytes
    "é": "é",  # identity entries are legal
    "㍱": "hPa",
}


def test_charsmap_round_trip_in_python() -> None:
    blob = build_precompiled_charsmap(SMALL_MAP)
    for key, value in SMALL_MAP.items():
        assert charsmap_lookup(blob, key) == value, key
    for other in ["B", "中", "1", " ", "ａ", "𝐁", "\x02"]:
        assert charsmap_lookup(blob, other) is None, other


def test_charsmap_is_read_identically_by_tokenizers() -> None:
    from tokenizers.normalizers import Precompiled

    norm = Precompiled(build_precompiled_charsmap(SMALL_MAP))
    assert norm.normalize_str("Ａ１\tﬁ\x01中𝐀\u3000㍱ B") == "A1 fi中A hPa B"


def test_charsmap_many_random_keys() -> None:
    from tokenizers.normalizers import Precompiled

    rng = np.random.default_rng(7)
    cps = {int(c) for c in rng.integers(1, 0x2FFFF, 3000) if not 0xD800 <= c <= 0xDFFF}
    mapping = {chr(c): chr(int(rng.integers(0x41, 0x5B))) * int(c % 3) for c in cps}
    blob = build_precompiled_charsmap(mapping)
    norm = Precompiled(blob)
    for key, value in list(mapping.items())[:500]:
        assert charsmap_lookup(blob, key) == value
        assert norm.normalize_str(key) == value
    misses = [chr(c) for c in range(0x4E00, 0x4F00) if chr(c) not in mapping]
    assert all(charsmap_lookup(blob, m) is None for m in misses)


def test_charsmap_rejects_nul() -> None:
    with pytest.raises(ModelBuildError, match="NUL"):
        build_precompiled_charsmap({"a": "b\0"})
