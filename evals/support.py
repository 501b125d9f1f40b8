"""The support judge the ALCE metrics use: does a sentence follow from these passages?

By default it is the answers' own check (``rag.answer.cite.SupportChecker``: lexical overlap,
embedding similarity when an embedder is given, every number present), so the evaluation
judges sentences the way the system claims to. Any ``(sentence, passages) -> bool`` can be
plugged in instead — e.g. an NLI model — through ``evaluate(..., support=...)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from evals.outcome import SupportFn
from rag.index.embed import Embedder


def cite_support(embedder: Embedder | None = None) -> SupportFn:
    """``rag.answer.cite``'s check as a support function (passages numbered 1…n, all cited)."""
    from rag.answer.cite import SupportChecker
    from rag.text import strip_markers

    checker = SupportChecker(embedder)

    def support(sentence: str, passages: Sequence[str]) -> bool:
        if not passages:
            return False
        sources = {i: text for i, text in enumerate(passages, start=1)}
        marked = strip_markers(sentence) + "".join(f"[{i}]" for i in sources)
        return checker.check(marked, sources).supported

    return support
