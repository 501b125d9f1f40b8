"""An OpenVINO embedder for the same exported graph (pooling and L2 normalisation inside).

The built-in bf16 embedder (``builtin:multilingual-e5-small-bf16``) runs this way: the float
graph that ``rag.index.builtin.bf16`` exports, saved as OpenVINO IR (``model.xml`` / ``model.bin``,
float32 weights), compiled for the CPU with ``INFERENCE_PRECISION_HINT=bf16``. On CPUs with
AMX / AVX-512 bf16 the matrix products then run in bfloat16 with float32 accumulation while
OpenVINO keeps normalisations and softmax accurate: the vectors stay within cosine 0.99999 of
torch float32 (README "Embedder"). On a CPU without bf16 OpenVINO runs float32 instead (the
same vectors, slower). Tokenising, prompts, length sorting and batching are ``OnnxEmbedder``'s;
batch widths are rounded up to a multiple of ``OPENVINO_PAD_MULTIPLE`` tokens so that OpenVINO
compiles fewer input shapes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from rag.index.onnx_embed import OnnxEmbedder

OPENVINO_MODEL = "model.xml"
# Padded tokens per batch at most. OpenVINO's bf16 (AMX) kernels gain from larger matrices than
# ONNX Runtime's int8 ones (whose 256 keeps them in cache). Passages per CPU-second, 200 corpus
# passages (~190 tokens each), batch 16, 1 thread, two rounds on a busy machine (torch float32
# 7.4 / 7.8 in the same process): 256 tokens 17.4 / 22.8, 1,024: 19.3 / 25.0, 4,096: 20.3 / 30.6;
# batch 8 at 4,096: 18.8 / 30.6; batch 32 at 8,192: 25.6 / 29.2. Vectors equal at every setting
# (min cosine to float 0.99999).
OPENVINO_MAX_BATCH_TOKENS = 4096
# Batch widths rounded up to a multiple of this many tokens (attention mask 0 on the extra
# positions): OpenVINO compiles kernels for each new input shape, and rounding makes shapes repeat.
# Five runs of benchmarks/embed_bench.py side by side (200 passages, 1 thread, load 1.3–4.1):
# passages per CPU-second 1.13× unpadded's in the median (0.96–1.31×; 2.54–4.40× torch float32
# against 2.35–3.61×); whole dev build 41–50 CPU-seconds against 55. Multiples of 8 and 32 were
# no different from 16 beyond the noise (a fresh model per round, two rounds, load 1.7–3.8:
# unpadded 25.8 / 28.5 passages per CPU-second, 8: 23.6 / 30.4, 16: 29.7 / 26.6, 32: 27.0 / 30.2).
# Vectors: cosine ≥ 0.999996 to unpadded (bf16 kernels round differently per shape, at most 5.5e-4
# per component, as batching a text with others already does: 3.6e-4). README "Embedder".
OPENVINO_PAD_MULTIPLE = 16


class _Session:
    """OpenVINO's compiled model behind ONNX Runtime's ``run(None, feeds) -> [vectors]``.

    One infer request, used under a lock: a request is not safe to share between threads, and
    with one inference thread per process concurrent calls would only queue anyway.
    """

    def __init__(self, compiled: Any) -> None:
        self._request = compiled.create_infer_request()
        self._lock = threading.Lock()
        hint = compiled.get_property("INFERENCE_PRECISION_HINT")  # an openvino Type
        self.precision = hint.to_string() if hasattr(hint, "to_string") else str(hint)

    def run(self, _outputs: None, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        with self._lock:
            self._request.infer(feeds)
            return [np.array(self._request.get_output_tensor(0).data, dtype=np.float32, copy=True)]


def compile_config(precision: str, threads: int) -> dict[str, Any]:
    """OpenVINO CPU properties: the precision hint and ``threads`` inference threads, one
    stream, no core pinning (the machine is shared; the OS places the thread)."""
    return {
        "INFERENCE_PRECISION_HINT": precision,
        "INFERENCE_NUM_THREADS": threads,
        "NUM_STREAMS": 1,
        "PERFORMANCE_HINT": "LATENCY",
        "ENABLE_CPU_PINNING": False,
    }


class OpenVinoEmbedder(OnnxEmbedder):
    """Embeds with ``model_dir/model.xml`` on OpenVINO's CPU plugin at ``precision``.

    ``model_dir`` holds ``model.xml`` / ``model.bin``, ``tokenizer.json`` and ``embedder.json``
    (as ``OnnxEmbedder``). ``threads`` is OpenVINO's inference thread count. The model compiles
    on first use (about a second).
    """

    max_batch_tokens = OPENVINO_MAX_BATCH_TOKENS
    pad_multiple = OPENVINO_PAD_MULTIPLE

    def __init__(
        self, model_dir: Path, *, model_id: str, batch_size: int = 16, threads: int = 1, precision: str = "bf16"
    ) -> None:
        super().__init__(model_dir, model_id=model_id, batch_size=batch_size, threads=threads)
        self.precision = precision

    def _open_session(self) -> Any:
        try:
            import openvino as ov
        except ImportError as exc:
            raise ImportError(f"the embedder {self.id!r} needs OpenVINO: pip install openvino") from exc
        core = ov.Core()
        model = core.read_model(str(self.model_dir / OPENVINO_MODEL))
        compiled = core.compile_model(model, "CPU", compile_config(self.precision, self.threads))
        return _Session(compiled)

    def compiled_precision(self) -> str:
        """The precision OpenVINO actually runs at on this CPU (``bf16``, or ``f32`` without bf16)."""
        self.warm_up()
        return str(self._session.precision)
