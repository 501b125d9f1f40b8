"""The embedding stage's entry points: the hashing fake, ``load_embedder`` and ``embed_passages``.

The built-in model's pieces are tested in ``test_builtin_*.py``, the sentence-transformers
backend in ``test_sbert.py``, the ONNX Runtime backend in ``test_onnx_embed.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rag.index import embed
from rag.index.builtin import models
from rag.index.embed import (
    BUILTIN_E5,
    BUILTIN_E5_BF16,
    BUILTIN_E5_INT8,
    Embedder,
    HashingEmbedder,
    OnnxEmbedder,
    OpenVinoEmbedder,
    SentenceTransformerEmbedder,
    embed_passages,
    load_embedder,
)
from rag.settings import DEFAULT_EMBEDDER, Settings

# ----------------------------------------------------------------------------- HashingEmbedder


def test_hashing_embedder_is_deterministic_and_normalised() -> None:
    texts = ["深化户籍制度改革", "Article 5 applies to rental housing", ""]
    a = HashingEmbedder().embed(texts)
    b = HashingEmbedder().embed(texts)
    assert a.dtype == np.float32 and a.shape == (3, 256)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a[:2], axis=1), 1.0, rtol=1e-6)
    assert not a[2].any()  # nothing to hash: a zero vector, not NaN


def test_hashing_embedder_shares_words_and_validates_dim() -> None:
    emb = HashingEmbedder(dim=64)
    v = emb.embed(["户籍制度改革", "深化户籍制度改革", "生态环境保护"])
    assert emb.id == "hashing-64" and v.shape == (3, 64)
    assert v[0] @ v[1] > v[0] @ v[2]
    assert isinstance(emb, Embedder)
    with pytest.raises(ValueError, match="the dim is 0"):
        HashingEmbedder(dim=0)


# ------------------------------------------------------------------------------ dispatch


def _fake_int8_dir(path: Path) -> Path:
    path.mkdir(parents=True)
    config = {"dim": 384, "max_seq_length": 512, "query_prompt": "query: ", "passage_prompt": "passage: ", "pad_id": 1}
    (path / "embedder.json").write_text(json.dumps(config), encoding="utf-8")
    return path


def test_load_embedder_dispatch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    base = Settings(cache_dir=tmp_path, batch_size=8, threads=1)
    assert isinstance(load_embedder(base.with_(embedder="hashing")), HashingEmbedder)
    assert load_embedder(base.with_(embedder="hashing-256")).dim == 256
    assert load_embedder(base.with_(embedder="hashing-32")).id == "hashing-32"

    hub = load_embedder(base.with_(embedder="BAAI/bge-small-zh-v1.5"))
    assert isinstance(hub, SentenceTransformerEmbedder)
    assert hub.id == "BAAI/bge-small-zh-v1.5" and hub.batch_size == 8 and hub.threads == 1
    assert hub._model is None  # nothing loaded, nothing downloaded yet

    built = tmp_path / "models" / "fake-e5"
    monkeypatch.setattr(models, "ensure_builtin_model", lambda cache_dir: built)
    floating = load_embedder(base.with_(embedder=BUILTIN_E5))
    assert isinstance(floating, SentenceTransformerEmbedder)
    assert floating.id == BUILTIN_E5 and floating.name_or_path == str(built)

    int8_dir = _fake_int8_dir(tmp_path / "models" / "fake-int8")
    monkeypatch.setattr(models, "ensure_int8_model", lambda cache_dir: int8_dir)
    int8 = load_embedder(base.with_(embedder=BUILTIN_E5_INT8))
    assert isinstance(int8, OnnxEmbedder)
    assert (int8.id, int8.dim, int8.batch_size, int8.threads) == (BUILTIN_E5_INT8, 384, 8, 1)
    assert int8._session is None  # the session loads on first use

    monkeypatch.setattr(models, "ensure_bf16_model", lambda cache_dir: int8_dir)
    bf16 = load_embedder(base)
    assert DEFAULT_EMBEDDER == BUILTIN_E5_BF16 and base.embedder == BUILTIN_E5_BF16
    assert isinstance(bf16, OpenVinoEmbedder)
    assert (bf16.id, bf16.dim, bf16.batch_size, bf16.threads, bf16.precision) == (BUILTIN_E5_BF16, 384, 8, 1, "bf16")
    assert bf16._session is None

    with pytest.raises(ValueError, match=r"-bf16'.*Currently, it is 'builtin:nope'"):
        load_embedder(base.with_(embedder="builtin:nope"))


def test_load_embedder_applies_the_thread_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[int] = []
    monkeypatch.setattr(embed, "apply_threads", seen.append)
    load_embedder(Settings(cache_dir=tmp_path, embedder="hashing", threads=3))
    monkeypatch.setattr("rag.index.threads.available_cpus", lambda: 2)
    load_embedder(Settings(cache_dir=tmp_path, embedder="hashing"))
    assert seen == [3, 1]


# ---------------------------------------------------------------------------- embed_passages


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(dim=16)
        self.calls: list[int] = []

    def embed(self, texts: object, *, query: bool = False) -> np.ndarray:
        assert isinstance(texts, list | tuple)
        self.calls.append(len(texts))
        return super().embed(texts, query=query)


def test_embed_passages_reports_progress_in_chunks() -> None:
    texts = [f"第{i}条 户籍制度改革" for i in range(150)]
    emb = CountingEmbedder()
    done: list[int] = []
    vectors = embed_passages(emb, texts, done.append)
    np.testing.assert_array_equal(vectors, HashingEmbedder(dim=16).embed(texts))
    assert done == emb.calls == [64, 64, 22]
    assert embed_passages(emb, [], done.append).shape == (0, 16)
