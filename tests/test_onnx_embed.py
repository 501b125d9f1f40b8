"""The ONNX Runtime embedder (``rag.index.onnx_embed``) on a tiny hand-made graph.

The graph looks words up in a random table and mean-pools them under the attention mask, then
L2-normalises: the same contract as the exported built-in model, in milliseconds. The real
int8 model is exercised by the integration tests in ``test_builtin_int8.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rag.index.onnx_embed import OnnxEmbedder

WORDS = ["<unk>", "<pad>", "query:", "passage:", "落户", "条件", "城市", "教育", "住房", "租赁"]
DIM = 8


def _tiny_model(directory: Path) -> Path:
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from tokenizers import Tokenizer, models, pre_tokenizers

    directory.mkdir()
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer.save(str(directory / "tokenizer.json"))

    table = np.random.default_rng(3).normal(size=(len(WORDS), DIM)).astype(np.float32)
    nodes = [
        helper.make_node("Gather", ["table", "input_ids"], ["vectors"]),
        helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask", "axis2"], ["mask3"]),
        helper.make_node("Mul", ["vectors", "mask3"], ["kept"]),
        helper.make_node("ReduceSum", ["kept", "axis1"], ["summed"], keepdims=0),
        helper.make_node("ReduceSum", ["mask", "axis1"], ["count"], keepdims=1),
        helper.make_node("Div", ["summed", "count"], ["mean"]),
        helper.make_node("LpNormalization", ["mean"], ["embedding"], axis=1, p=2),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", DIM])],
        initializer=[
            numpy_helper.from_array(table, "table"),
            numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
            numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(directory / "model.onnx"))
    config = {"dim": DIM, "max_seq_length": 6, "query_prompt": "query: ", "passage_prompt": "passage: ", "pad_id": 1}
    (directory / "embedder.json").write_text(json.dumps(config), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tiny_model(tmp_path_factory.mktemp("onnx") / "tiny")


def test_padding_batching_and_order_do_not_change_vectors(model_dir: Path) -> None:
    emb = OnnxEmbedder(model_dir, model_id="tiny", batch_size=2)
    texts = ["落户 条件 城市 教育", "住房", "城市 城市", "教育 住房 租赁"]
    together = emb.embed(texts)
    alone = np.stack([emb.embed([t])[0] for t in texts])
    assert together.shape == (4, DIM) and together.dtype == np.float32
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, rtol=1e-5)
    assert not np.allclose(together[0], together[1])


def test_prompts_and_truncation(model_dir: Path) -> None:
    emb = OnnxEmbedder(model_dir, model_id="tiny")
    assert not np.allclose(emb.embed(["落户"], query=True), emb.embed(["落户"]))
    # max_seq_length 6: the prompt and five words; later words are cut off.
    np.testing.assert_allclose(emb.embed(["落户 条件 城市 教育 住房 租赁"]), emb.embed(["落户 条件 城市 教育 住房"]))


def test_texts_beyond_one_sort_window_keep_their_order(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.index import onnx_embed

    emb = OnnxEmbedder(model_dir, model_id="tiny", batch_size=2)
    texts = ["住房 租赁 城市", "落户", "教育 教育", "条件 城市 落户 住房", "租赁"]
    whole = emb.embed(texts)
    monkeypatch.setattr(onnx_embed, "SORT_WINDOW", 2)
    np.testing.assert_allclose(emb.embed(texts), whole, atol=1e-6)


def test_progress_counts_every_batch(model_dir: Path) -> None:
    emb = OnnxEmbedder(model_dir, model_id="tiny", batch_size=3)
    done: list[int] = []
    emb.embed(["落户"] * 7, progress=done.append)
    assert done == [3, 3, 1]
    assert emb.embed([]).shape == (0, DIM)


def test_arguments_are_checked(model_dir: Path) -> None:
    with pytest.raises(ValueError, match="the batch_size is 0"):
        OnnxEmbedder(model_dir, model_id="tiny", batch_size=0)
    with pytest.raises(ValueError, match="the threads is 0"):
        OnnxEmbedder(model_dir, model_id="tiny", threads=0)


def test_batches_stop_at_the_token_budget(model_dir: Path) -> None:
    emb = OnnxEmbedder(model_dir, model_id="tiny", batch_size=16)
    texts = ["落户", "城市 教育 住房 租赁", "落户", "城市 教育 住房 租赁", "落户", "城市 教育 住房"]
    whole = emb.embed(texts)
    # "passage: " + one word is 2 tokens, + three words 4, + four words 5: sorted by length,
    # 8 tokens take the three short texts (3 × 2) but only one of the longer ones at a time.
    emb.max_batch_tokens = 8
    done: list[int] = []
    np.testing.assert_allclose(emb.embed(texts, progress=done.append), whole, atol=1e-6)
    assert done == [3, 1, 1, 1]


def test_worker_threads_do_not_spin(model_dir: Path) -> None:
    emb = OnnxEmbedder(model_dir, model_id="tiny", threads=2)
    emb.warm_up()
    assert emb._session.get_session_options().get_session_config_entry("session.intra_op.allow_spinning") == "0"
