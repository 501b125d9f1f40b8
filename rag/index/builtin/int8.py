"""The int8 ONNX export of the converted model, checked against the float model before use.

``export_int8(float_dir, out_dir)`` traces the BertModel with mean pooling and L2 normalisation
into one ONNX graph (``torch.onnx.export``, TorchScript exporter, opset 17), then quantises it
with ONNX Runtime's dynamic quantisation: int8 weights per output channel, MatMul only, so the
250,037 × 384 embedding table stays float32, and 7-bit weight range (``reduce_range``). What
was measured on 2 cores (dense-only hit@1 / hit@5 on the 191 answerable dev questions over the
262 seed units; float32: 0.675 / 0.869 then, 0.665 / 0.880 in the latest run):

- per-channel, MatMul only, full 8-bit range: hit@1 0.644, hit@5 0.853 (−0.031 / −0.016), min
  cosine 0.9933 to float on 200 passages. (Saturating 16-bit sums in AVX2 u8×s8 kernels were
  blamed, but these CPUs report avx512_vnni, avx_vnni and amx_int8, which accumulate in 32
  bits: the cause is not established; not re-measured with the eager graph);
- the same with ``reduce_range`` (7-bit weights): hit@1 0.670, hit@5 0.864, min cosine 0.9948;
- with the eager attention graph (``ATTENTION``) and ``OnnxEmbedder``'s batching: hit@1 0.649,
  hit@5 0.885 against float's 0.665 / 0.880 in the same run, min cosine 0.9957 on 200
  passages, 3.33× torch float32's passages per CPU-second and 11× less CPU per query
  (``benchmarks/embed_bench.py``, load average 3–8; 2.87× in a run at load average 15);
- u8 weights instead: min cosine 0.9950 but slower (1.6× against 1.9× with the sdpa graph);
- default settings (per-tensor, embedding table quantised), from the shared notes: 3.4× but
  hit@1 −0.047.
"""

from __future__ import annotations

import json
import logging
import shutil
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.index.builtin.binfile import ModelBuildError
from rag.index.builtin.cache import write_json
from rag.index.builtin.verify import Verification
from rag.index.builtin.weights import PASSAGE_PROMPT, QUERY_PROMPT

OPSET = 17
# The int8 model must stay this close to the float model on every check text. Measured: the
# lowest of the eight VERIFY_SAMPLES is 0.995 (0.9959 over 200 corpus passages); 0.99 leaves
# room for ONNX Runtime versions without letting a broken export (cosines < 0.9) through.
MIN_INT8_COSINE = 0.99
# Attention as traced into the graph. transformers' default ("sdpa") traces a NaN guard
# (IsNaN + Where over every batch × heads × tokens × tokens score matrix) that took 23 % of the
# int8 model's time on batches of 16 × 192 tokens (ONNX Runtime profiler); "eager" traces plain
# scores + mask → Softmax → MatMul, the same vectors (cosine 1.00000 in float32) and 1.6× the
# passages per CPU-second in int8 (96 corpus passages, batch 16, 1 thread, busy machine).
ATTENTION = "eager"


def export_float_onnx(float_dir: Path, onnx_path: Path) -> None:
    """Trace the float BertModel with mean pooling and L2 normalisation into one ONNX graph."""
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    from rag.index.sbert import quiet_transformers

    with quiet_transformers():
        bert = AutoModel.from_pretrained(str(float_dir), local_files_only=True, attn_implementation=ATTENTION)
    bert.eval()
    sample = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    # The tracer warns about Python conditions in transformers' masking code; they only depend
    # on the mask's length equalling the tokens' length, true for every input this graph gets
    # (checked: padded batches match sentence-transformers to cosine 0.99999 in float32).
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled(bert),
            (sample, sample),
            str(onnx_path),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
        )


def export_int8(float_dir: Path, out_dir: Path) -> None:
    """Write ``model.onnx`` (int8), ``tokenizer.json`` and ``embedder.json`` into ``out_dir``.

    Raises:
        ModelBuildError: ``onnx`` / ``onnxruntime`` are missing.
    """
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ModelBuildError("the int8 embedder needs onnx and onnxruntime: pip install onnx onnxruntime") from exc
    from rag.index.onnx_embed import MODEL

    out_dir.mkdir(parents=True, exist_ok=True)
    float_onnx = out_dir / "float.onnx"
    export_float_onnx(float_dir, float_onnx)
    quiet = logging.getLogger()  # onnxruntime's quantiser logs advice on the root logger
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        quantize_dynamic(
            str(float_onnx),
            str(out_dir / MODEL),
            per_channel=True,
            op_types_to_quantize=["MatMul"],
            weight_type=QuantType.QInt8,
            reduce_range=True,
        )
    finally:
        quiet.setLevel(level)
    float_onnx.unlink()
    (out_dir / MODEL).chmod(0o644)

    write_embedder_config(float_dir, out_dir)


def write_embedder_config(float_dir: Path, out_dir: Path) -> None:
    """``embedder.json`` (dimension, length limit, prompts, pad id) and the tokenizer for an
    exported graph, from the float directory's config."""
    from rag.index.onnx_embed import CONFIG, TOKENIZER

    shutil.copyfile(float_dir / TOKENIZER, out_dir / TOKENIZER)
    config = json.loads((float_dir / "config.json").read_text(encoding="utf-8"))
    write_json(
        out_dir / CONFIG,
        {
            "dim": config["hidden_size"],
            "max_seq_length": config["max_position_embeddings"],
            "query_prompt": QUERY_PROMPT,
            "passage_prompt": PASSAGE_PROMPT,
            "pad_id": config["pad_token_id"],
        },
    )


def compare_with_float(int8_dir: Path, float_dir: Path, samples: Sequence[tuple[str, bool]]) -> Verification:
    """Cosines between the int8 model and the float model (through sentence-transformers)."""
    from rag.index.onnx_embed import OnnxEmbedder

    return compare_embedders(OnnxEmbedder(int8_dir, model_id="int8-check"), float_dir, samples)


def compare_embedders(quick: Any, float_dir: Path, samples: Sequence[tuple[str, bool]]) -> Verification:
    """Cosines between an ``OnnxEmbedder`` (or subclass) and the float model, text by text, and
    both sides' token counts."""
    from rag.index.sbert import SentenceTransformerEmbedder

    full = SentenceTransformerEmbedder(str(float_dir), local_files_only=True)
    cosines: list[float] = []
    counts: list[tuple[int, int]] = []
    for text, is_query in samples:
        got = quick.embed([text], query=is_query)[0]
        want = full.embed([text], query=is_query)[0]
        cosines.append(float(np.dot(got, want) / (np.linalg.norm(got) * np.linalg.norm(want))))
        prompt = quick.query_prompt if is_query else quick.passage_prompt
        n = len(full.model.tokenizer(prompt + text)["input_ids"])
        counts.append((n, len(quick._tokenizer.encode(prompt + text).ids)))
    return Verification(tuple(cosines), tuple(counts))
