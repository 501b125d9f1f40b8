"""An ONNX Runtime embedder for models exported with pooling and L2 normalisation in the graph.

The built-in int8 embedder (``builtin:multilingual-e5-small-int8``) runs this way: the graph takes
``input_ids`` and ``attention_mask`` and returns unit vectors, so the embedder only tokenises
(the model's own ``tokenizer.json``, with the prompts from ``embedder.json``), batches by
length and runs the session. What made passages slow (README "Embedder"): the traced attention
(``rag/index/builtin/int8.py``), batches of 16 long passages and ONNX Runtime's fused
SkipLayerNormalization; ``benchmarks/embed_bench.py`` measures it against the same model in
sentence-transformers/torch float32.

Dynamic int8 quantisation scales activations per batch, so a text's vector depends slightly on
the texts batched with it (cosine ≥ 0.99 to the same text alone, checked by
``tests/test_builtin_int8.py``); vectors are not bit-identical across batchings.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

CONFIG = "embedder.json"
MODEL = "model.onnx"
TOKENIZER = "tokenizer.json"

ProgressFn = Callable[[int], None]
# Texts tokenised and sorted by length together: enough to remove most padding, few enough that
# the tokenizer's encodings (several KB each) stay small in a 10^5-unit build (unmeasured).
SORT_WINDOW = 1024
# Padded tokens per batch at most, whatever the batch size: smaller batches keep the attention
# scores (batch × 12 heads × tokens²) and the feed-forward activations near the CPU's caches.
MAX_BATCH_TOKENS = 256
# ONNX Runtime fuses Add + LayerNormalization into SkipLayerNormalization, whose CPU kernel was
# slower than the two ops apart: without it 1.15× the passages per CPU-second (64 corpus
# passages, batch 4, 1 thread, busy machine), vectors cosine ≥ 0.997 to the fused graph's.
DISABLED_OPTIMIZERS = ["SkipLayerNormFusion"]
# With more than one intra-op thread, ONNX Runtime's workers spin while waiting for work. Beside
# other busy processes on 2 cores, 2 spinning threads embedded 7.0–8.0 passages/s against
# 14.5–14.8 without spinning (and 13.7–19.2 with 1 thread; 100 corpus passages, load 6.6).
ALLOW_SPINNING = "0"


class OnnxEmbedder:
    """Embeds with ``model_dir/model.onnx`` on ONNX Runtime's CPU provider.

    ``model_dir`` holds ``model.onnx``, ``tokenizer.json`` and ``embedder.json``
    (``{"dim", "max_seq_length", "query_prompt", "passage_prompt", "pad_id"}``). The session
    loads on first use. ``threads`` is ONNX Runtime's intra-op thread count. Texts are sorted by
    length, 1,024 at a time, before batching (less padding) and returned in input order; a
    batch holds at most ``batch_size`` texts and ``max_batch_tokens`` padded tokens.
    """

    # Padded tokens per batch at most; a runtime that does better with larger matrices sets its own.
    max_batch_tokens = MAX_BATCH_TOKENS
    # Each batch's width is rounded up to a multiple of this many tokens (the mask is 0 on the
    # extra positions, so pooling ignores them). 1 = no rounding; a runtime that compiles
    # kernels per input shape (OpenVINO) sets its own, so that shapes repeat.
    pad_multiple = 1

    def __init__(self, model_dir: Path, *, model_id: str, batch_size: int = 16, threads: int = 1) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0. Currently, the batch_size is {batch_size}")
        if threads <= 0:
            raise ValueError(f"threads must be greater than 0. Currently, the threads is {threads}")
        config = json.loads((model_dir / CONFIG).read_text(encoding="utf-8"))
        self.model_dir = model_dir
        self.id = model_id
        self.dim = int(config["dim"])
        self.batch_size = batch_size
        self.threads = threads
        self.max_seq_length = int(config["max_seq_length"])
        self.query_prompt = str(config["query_prompt"])
        self.passage_prompt = str(config["passage_prompt"])
        self._pad_id = int(config["pad_id"])
        self._session: Any = None
        self._tokenizer: Any = None
        self._load_lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the tokenizer and the ONNX Runtime session now (otherwise on first use)."""
        with self._load_lock:
            if self._session is not None:
                return
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self.model_dir / TOKENIZER))
            tokenizer.enable_truncation(max_length=self.max_seq_length)
            tokenizer.no_padding()
            self._tokenizer = tokenizer
            self._session = self._open_session()

    def _open_session(self) -> Any:
        """The runtime's session: anything with ``run(None, {"input_ids", "attention_mask"})``
        returning ``[vectors]`` (ONNX Runtime's signature; ``OpenVinoEmbedder`` adapts its own)."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", ALLOW_SPINNING)
        return ort.InferenceSession(
            str(self.model_dir / MODEL),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=DISABLED_OPTIMIZERS,
        )

    def embed(
        self, texts: Sequence[str], *, query: bool = False, progress: ProgressFn | None = None
    ) -> np.ndarray:
        """Unit vectors of ``texts``; ``progress(n)`` is called after each batch of ``n`` texts."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        self.warm_up()
        prompt = self.query_prompt if query else self.passage_prompt
        for first in range(0, len(texts), SORT_WINDOW):
            window = [prompt + t for t in texts[first : first + SORT_WINDOW]]
            encodings = self._tokenizer.encode_batch(window)
            lengths = [len(e.ids) for e in encodings]
            order = sorted(range(len(window)), key=lengths.__getitem__)
            for batch in self._batches(order, lengths):
                width = self._padded_width(lengths[batch[-1]])
                ids = np.full((len(batch), width), self._pad_id, dtype=np.int64)
                mask = np.zeros((len(batch), width), dtype=np.int64)
                for row, i in enumerate(batch):
                    ids[row, : lengths[i]] = encodings[i].ids
                    mask[row, : lengths[i]] = 1
                (vectors,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
                out[[first + i for i in batch]] = vectors
                if progress is not None:
                    progress(len(batch))
        return out

    def _padded_width(self, width: int) -> int:
        """``width`` rounded up to a multiple of ``pad_multiple``, never beyond the model's
        ``max_seq_length`` (its position table) unless ``width`` already is."""
        rounded = -(-width // self.pad_multiple) * self.pad_multiple
        return max(width, min(rounded, self.max_seq_length))

    def _batches(self, order: list[int], lengths: list[int]) -> list[list[int]]:
        """``order`` (sorted by length) cut into batches of at most ``batch_size`` texts and
        ``max_batch_tokens`` padded tokens (a single longer text is a batch of its own)."""
        batches: list[list[int]] = []
        batch: list[int] = []
        for i in order:
            if batch and (len(batch) == self.batch_size or (len(batch) + 1) * lengths[i] > self.max_batch_tokens):
                batches.append(batch)
                batch = []
            batch.append(i)
        if batch:
            batches.append(batch)
        return batches
