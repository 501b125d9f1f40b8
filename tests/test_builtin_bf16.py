"""The real bf16 embedder: the OpenVINO export of the built-in model (``rag.index.builtin.bf16``).

Marked ``integration``: the first run exports into the default cache (20–30 s of CPU once the
float model exists), later runs load it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from rag.index.builtin.bf16 import MIN_BF16_COSINE
from rag.index.builtin.models import ensure_bf16_model
from rag.index.embed import BUILTIN_E5, BUILTIN_E5_BF16, OpenVinoEmbedder, load_embedder
from rag.settings import Settings
from tests.test_builtin_int8 import HELD_OUT

pytest.importorskip("openvino")


def _cpu_has_bf16() -> bool:
    cpuinfo = Path("/proc/cpuinfo")
    flags = cpuinfo.read_text(encoding="ascii", errors="replace") if cpuinfo.exists() else ""
    return "amx_bf16" in flags or "avx512_bf16" in flags


@pytest.fixture(scope="module")
def bf16_embedder() -> OpenVinoEmbedder:
    emb = load_embedder(Settings(embedder=BUILTIN_E5_BF16))
    assert isinstance(emb, OpenVinoEmbedder)
    return emb


@pytest.mark.integration
def test_bf16_retrieves_the_right_chinese_passage(bf16_embedder: OpenVinoEmbedder) -> None:
    passages = [
        "实施城市更新行动，加快老旧小区改造，完善社区配套设施。",
        "保障农业转移人口随迁子女在流入地平等接受义务教育，逐步将其纳入普惠性学前教育保障范围。",
        "加强生态环境保护，推进城市绿地和湿地建设，改善空气质量。",
    ]
    docs = bf16_embedder.embed(passages)
    query = bf16_embedder.embed(["农民工的孩子在城里能上学吗？"], query=True)[0]
    assert int(np.argmax(docs @ query)) == 1, docs @ query
    assert bf16_embedder.id == BUILTIN_E5_BF16 and bf16_embedder.dim == 384
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, rtol=1e-5)


@pytest.mark.integration
def test_bf16_reproduces_the_float_model_on_held_out_texts(bf16_embedder: OpenVinoEmbedder) -> None:
    floating = load_embedder(Settings(embedder=BUILTIN_E5))
    passages = [t for t, q in HELD_OUT if not q]
    cosines = [float(bf16_embedder.embed([t], query=q)[0] @ floating.embed([t], query=q)[0]) for t, q in HELD_OUT]
    assert min(cosines) >= MIN_BF16_COSINE, cosines
    # Batched together (padded to the longest) the vectors are those of each text alone, and as
    # close to the float model's batch.
    batch = bf16_embedder.embed(passages)
    alone = np.stack([bf16_embedder.embed([t])[0] for t in passages])
    assert float(np.min(np.sum(batch * alone, axis=1))) >= MIN_BF16_COSINE
    assert float(np.min(np.sum(batch * floating.embed(passages), axis=1))) >= MIN_BF16_COSINE


@pytest.mark.integration
def test_bf16_runs_at_bf16_where_the_cpu_can(bf16_embedder: OpenVinoEmbedder) -> None:
    precision = bf16_embedder.compiled_precision()
    assert precision == ("bf16" if _cpu_has_bf16() else "f32")


@pytest.mark.integration
def test_bf16_model_is_cached_with_its_verification(bf16_embedder: OpenVinoEmbedder) -> None:
    started = time.perf_counter()
    assert ensure_bf16_model(Settings().cache_dir) == bf16_embedder.model_dir
    assert time.perf_counter() - started < 0.5
    record = json.loads((bf16_embedder.model_dir / "verified.json").read_text(encoding="utf-8"))
    assert record["min_cosine"] >= MIN_BF16_COSINE and record["threshold"] == MIN_BF16_COSINE
    assert record["runtime"].startswith("openvino ") and record["precision_hint"] == "bf16"


@pytest.mark.integration
def test_bf16_padding_widths_does_not_change_vectors(bf16_embedder: OpenVinoEmbedder) -> None:
    # Batch widths rounded up to a multiple of pad_multiple (attention mask 0 on the extra
    # positions) against each batch's own width. The bf16 kernels round differently for another
    # shape, so the vectors are not bit-identical (max abs difference 5e-4 per component on 200
    # corpus passages, as for another batching) but stay within 1e-4 of cosine 1.
    assert bf16_embedder.pad_multiple > 1
    unpadded = load_embedder(Settings(embedder=BUILTIN_E5_BF16))
    assert isinstance(unpadded, OpenVinoEmbedder)
    unpadded.pad_multiple = 1
    for query in (False, True):
        texts = [t for t, q in HELD_OUT if q == query]
        padded = bf16_embedder.embed(texts, query=query)
        cosines = np.sum(padded * unpadded.embed(texts, query=query), axis=1)
        assert float(np.min(cosines)) >= 1 - 1e-4, cosines
