"""The OpenVINO export of the converted model (bf16 inference), checked against the float model.

``export_openvino(float_dir, out_dir)`` traces the float BertModel with its pooling and
normalisation (``int8.export_float_onnx``, the same eager-attention graph as the int8 export,
not quantised) and saves it as OpenVINO IR with float32 weights. ``OpenVinoEmbedder`` compiles
it with ``INFERENCE_PRECISION_HINT=bf16``: on this CPU (AMX, AVX-512 bf16) the matrix products
run in bfloat16 with float32 accumulation. Why this runtime (200 corpus passages, batch 16,
1 thread, torch float32 = 1 in the same process, busy 2-core machine, 2026-12-01):

- OpenVINO bf16: 2.6–4.0× the passages per CPU-second (median 2.8× over seven rounds at load
  average 5–10; 2.47× in ``benchmarks/embed_bench.py`` at 9.4, where int8 made 2.34×), min
  cosine 0.99999 to float on the passages and on the check texts (batches of up to 4,096 padded tokens:
  ``rag.index.openvino_embed.OPENVINO_MAX_BATCH_TOKENS``);
- torch bf16 autocast (oneDNN AMX, no new dependency): 2.1–2.2×, min cosine 0.99999; too slow;
- OpenVINO f32: 1.1–1.4×; ONNX Runtime f32: 1.0–1.3× in that run;
- ONNX Runtime int8 (``int8.py``): 3.3× but min cosine 0.996, dev hit@1 −0.022 on CPRA.

bf16 keeps 8 bits of mantissa but rounds only the inputs of each product, the sums stay
float32; int8 dynamic quantisation rounds every activation to one of 255 levels per batch.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

from rag.index.builtin.binfile import ModelBuildError
from rag.index.builtin.int8 import compare_embedders, export_float_onnx, write_embedder_config
from rag.index.builtin.verify import Verification

# The bf16 model must stay this close to the float model on every check text. Measured: 0.99999
# on the eight VERIFY_SAMPLES and on 200 corpus passages (mean 0.999995). 0.9999 still lets a
# broken export or a runtime that quantises further (int8: 0.996) fail the build.
MIN_BF16_COSINE = 0.9999
PRECISION = "bf16"


def export_openvino(float_dir: Path, out_dir: Path) -> None:
    """Write ``model.xml`` / ``model.bin`` (float32 weights), ``tokenizer.json`` and
    ``embedder.json`` into ``out_dir``.

    Raises:
        ModelBuildError: ``openvino`` is missing.
    """
    try:
        import openvino as ov
    except ImportError as exc:
        raise ModelBuildError("the bf16 embedder needs OpenVINO: pip install openvino") from exc
    from rag.index.openvino_embed import OPENVINO_MODEL

    out_dir.mkdir(parents=True, exist_ok=True)
    float_onnx = out_dir / "float.onnx"
    export_float_onnx(float_dir, float_onnx)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ov.convert_model(str(float_onnx))
    # Float32 weights on disk: the precision is chosen when compiling, for the CPU at hand.
    ov.save_model(model, str(out_dir / OPENVINO_MODEL), compress_to_fp16=False)
    float_onnx.unlink()
    write_embedder_config(float_dir, out_dir)


def compare_with_float(
    model_dir: Path, float_dir: Path, samples: Sequence[tuple[str, bool]]
) -> tuple[Verification, str]:
    """Cosines between the OpenVINO model at ``PRECISION`` and the float model, and the
    precision OpenVINO actually compiled to on this CPU."""
    from rag.index.openvino_embed import OpenVinoEmbedder

    quick = OpenVinoEmbedder(model_dir, model_id="bf16-check", precision=PRECISION)
    return compare_embedders(quick, float_dir, samples), quick.compiled_precision()
