"""The OpenVINO embedder (``rag.index.openvino_embed``) on the tiny hand-made graph of
``test_onnx_embed.py``, converted to OpenVINO IR the way ``rag.index.builtin.bf16`` saves the
real model. The real bf16 model is exercised by ``test_builtin_bf16.py`` (integration).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.index.onnx_embed import OnnxEmbedder
from rag.index.openvino_embed import OPENVINO_MODEL, OpenVinoEmbedder, compile_config
from tests.test_onnx_embed import DIM, _tiny_model

ov = pytest.importorskip("openvino")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    onnx_dir = _tiny_model(tmp_path_factory.mktemp("ov") / "tiny")
    model = ov.convert_model(str(onnx_dir / "model.onnx"))
    ov.save_model(model, str(onnx_dir / OPENVINO_MODEL), compress_to_fp16=False)
    return onnx_dir


TEXTS = ["落户 条件 城市 教育", "住房", "城市 城市", "教育 住房 租赁", "租赁 落户"]


def test_float32_reproduces_onnx_runtime(model_dir: Path) -> None:
    emb = OpenVinoEmbedder(model_dir, model_id="tiny-ov", batch_size=2, precision="f32")
    want = OnnxEmbedder(model_dir, model_id="tiny").embed(TEXTS, query=True)
    got = emb.embed(TEXTS, query=True)
    assert got.shape == (len(TEXTS), DIM) and got.dtype == np.float32
    np.testing.assert_allclose(got, want, atol=1e-6)
    assert emb.compiled_precision() == "f32"


def test_bf16_stays_close_and_batching_does_not_matter(model_dir: Path) -> None:
    emb = OpenVinoEmbedder(model_dir, model_id="tiny-ov")
    assert emb.precision == "bf16" and emb.max_batch_tokens > OnnxEmbedder.max_batch_tokens
    exact = OnnxEmbedder(model_dir, model_id="tiny").embed(TEXTS)
    together = emb.embed(TEXTS)
    alone = np.stack([emb.embed([t])[0] for t in TEXTS])
    # bf16 rounds only the products' inputs (8-bit mantissa, relative error ≤ 2^-8 per value).
    assert float(np.min(np.sum(together * exact, axis=1))) > 0.999
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, rtol=1e-5)
    assert emb.compiled_precision() in ("bf16", "f32")  # f32 on a CPU without bf16


def test_progress_and_empty_input(model_dir: Path) -> None:
    emb = OpenVinoEmbedder(model_dir, model_id="tiny-ov", batch_size=3)
    done: list[int] = []
    emb.embed(["落户"] * 7, progress=done.append)
    assert done == [3, 3, 1]
    assert emb.embed([]).shape == (0, DIM)
    assert emb._session is not None  # loaded on first use, once


def test_thread_setting_reaches_openvino(model_dir: Path) -> None:
    config = compile_config("bf16", 3)
    assert config["INFERENCE_NUM_THREADS"] == 3 and config["NUM_STREAMS"] == 1 and not config["ENABLE_CPU_PINNING"]
    emb = OpenVinoEmbedder(model_dir, model_id="tiny-ov", threads=2)
    emb.warm_up()
    assert int(emb._session._request.get_compiled_model().get_property("INFERENCE_NUM_THREADS")) == 2


def test_a_missing_model_file_names_it(model_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(model_dir, broken)
    (broken / OPENVINO_MODEL).unlink()
    with pytest.raises(RuntimeError, match=r"model\.xml"):
        OpenVinoEmbedder(broken, model_id="broken").embed(["落户"])


class _Widths:
    """Wraps a session and records the token width of every batch it runs."""

    def __init__(self, session: object) -> None:
        self.session = session
        self.widths: list[int] = []

    def run(self, outputs: None, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        self.widths.append(feeds["input_ids"].shape[1])
        assert int(feeds["attention_mask"][:, -1].max()) <= 1
        return self.session.run(outputs, feeds)  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("precision", ["f32", "bf16"])
def test_padding_widths_to_a_multiple_does_not_change_vectors(model_dir: Path, precision: str) -> None:
    unpadded = OpenVinoEmbedder(model_dir, model_id="tiny-ov", batch_size=2, precision=precision)
    unpadded.pad_multiple = 1
    padded = OpenVinoEmbedder(model_dir, model_id="tiny-ov", batch_size=2, precision=precision)
    padded.pad_multiple = 4
    for emb in (unpadded, padded):
        emb.warm_up()
        emb._session = _Widths(emb._session)
    want = unpadded.embed(TEXTS)
    got = padded.embed(TEXTS)
    # Widths 3, 4, 5 (the prompt and the words, sorted) become 4, 4 and the model's limit 6, not 8.
    assert unpadded._session.widths == [3, 4, 5] and padded._session.widths == [4, 4, 6]
    np.testing.assert_allclose(got, want, atol=1e-4)


def test_padded_width_rounds_up_within_the_model_limit(model_dir: Path) -> None:
    emb = OpenVinoEmbedder(model_dir, model_id="tiny-ov")  # max_seq_length 6
    assert emb.pad_multiple > 1 and OnnxEmbedder.pad_multiple == 1
    emb.pad_multiple = 4
    assert [emb._padded_width(w) for w in (1, 4, 5, 6)] == [4, 4, 6, 6]
