"""The real int8 embedder: the ONNX export of the built-in model (``rag.index.builtin.int8``).

Marked ``integration``: the first run exports and quantises into the default cache (about a
minute once the float model exists), later runs load it.
"""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from rag.index.builtin.int8 import MIN_INT8_COSINE
from rag.index.builtin.models import ensure_int8_model
from rag.index.embed import BUILTIN_E5, BUILTIN_E5_INT8, OnnxEmbedder, load_embedder
from rag.settings import Settings

HELD_OUT = (
    ("进城落户的农民是否还能保留承包地和宅基地？", True),
    ("推进城镇基本公共服务由常住地供给，保障随迁子女在流入地受教育权利。", False),
    ("Which cities must relax their residency registration limits?", True),
    ("第十四条　职工有下列情形之一的，应当认定为工伤：（一）在工作时间和工作场所内，因工作原因受到事故伤害的；", False),
    ("The controller shall erase personal data without undue delay where the data are no longer necessary.", False),
)


@pytest.fixture(scope="module")
def int8_embedder() -> OnnxEmbedder:
    emb = load_embedder(Settings(embedder=BUILTIN_E5_INT8))
    assert isinstance(emb, OnnxEmbedder)
    return emb


@pytest.mark.integration
def test_int8_retrieves_the_right_chinese_passage(int8_embedder: OnnxEmbedder) -> None:
    passages = [
        "实施城市更新行动，加快老旧小区改造，完善社区配套设施。",
        "保障农业转移人口随迁子女在流入地平等接受义务教育，逐步将其纳入普惠性学前教育保障范围。",
        "加强生态环境保护，推进城市绿地和湿地建设，改善空气质量。",
    ]
    docs = int8_embedder.embed(passages)
    query = int8_embedder.embed(["农民工的孩子在城里能上学吗？"], query=True)[0]
    assert int(np.argmax(docs @ query)) == 1, docs @ query
    assert int8_embedder.id == BUILTIN_E5_INT8 and int8_embedder.dim == 384
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, rtol=1e-5)


@pytest.mark.integration
def test_int8_stays_close_to_the_float_model_on_held_out_texts(int8_embedder: OnnxEmbedder) -> None:
    floating = load_embedder(Settings(embedder=BUILTIN_E5))
    cosines = [
        float(int8_embedder.embed([text], query=q)[0] @ floating.embed([text], query=q)[0]) for text, q in HELD_OUT
    ]
    assert min(cosines) >= MIN_INT8_COSINE, cosines
    # Dynamic quantisation scales activations per batch, so a text's vector depends a little on
    # its batch-mates (and their padding); it must stay as close as the int8 model is to float.
    batch = int8_embedder.embed([t for t, q in HELD_OUT if not q])
    alone = np.stack([int8_embedder.embed([t])[0] for t, q in HELD_OUT if not q])
    assert float(np.min(np.sum(batch * alone, axis=1))) >= MIN_INT8_COSINE


@pytest.mark.integration
def test_int8_model_is_cached_with_its_verification(int8_embedder: OnnxEmbedder) -> None:
    started = time.perf_counter()
    assert ensure_int8_model(Settings().cache_dir) == int8_embedder.model_dir
    assert time.perf_counter() - started < 0.5
    record = json.loads((int8_embedder.model_dir / "verified.json").read_text(encoding="utf-8"))
    assert record["min_cosine"] >= MIN_INT8_COSINE and record["threshold"] == MIN_INT8_COSINE
    assert "per-channel, MatMul only" in record["quantisation"]
