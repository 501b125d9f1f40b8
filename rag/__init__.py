"""policy-rag: cited question answering over policy documents."""

import os

# OpenMP threads that spin while waiting turn a 50 ms query embedding into 1.5 s as soon as
# anything else uses the second core (a browser, a test, the UI's own threads). Passive
# waiting must be chosen before torch starts its thread pool, hence here. Measured on the
# 2-core machines: 1,480 ms -> 54 ms per query under load; 4.2 -> 6.7 passages/s indexing.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from rag.records import Document, Hit, ParseResult, RawDocument, Skipped, Unit
from rag.settings import Settings

__all__ = ["Document", "Hit", "ParseResult", "RawDocument", "Settings", "Skipped", "Unit"]
__version__ = "0.1.0"

from typing import TYPE_CHECKING

# The answering API, imported on first use: `import rag` (and so every `rag` command) stays
# cheap, while `from rag import Pipeline` loads the retrieval and answering stack.
_LAZY = {
    "Answer": "rag.answer",
    "Answerer": "rag.answer",
    "Citation": "rag.answer",
    "Sentence": "rag.answer",
    "ExtractiveAnswerer": "rag.extractive",
    "LLMAnswerer": "rag.llm",
    "Pipeline": "rag.pipeline",
    "PolicyRetriever": "rag.lc_retriever",
    "Retrieval": "rag.retrieve",
    "RetrievalOptions": "rag.retrieve",
    "Retriever": "rag.retrieve",
    "SupportChecker": "rag.cite",
}
__all__ += list(_LAZY)


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")


if TYPE_CHECKING:  # the same names, seen by type checkers without importing anything at run time
    from rag.answer import Answer as Answer
    from rag.answer import Answerer as Answerer
    from rag.answer import Citation as Citation
    from rag.answer import Sentence as Sentence
    from rag.cite import SupportChecker as SupportChecker
    from rag.extractive import ExtractiveAnswerer as ExtractiveAnswerer
    from rag.lc_retriever import PolicyRetriever as PolicyRetriever
    from rag.llm import LLMAnswerer as LLMAnswerer
    from rag.pipeline import Pipeline as Pipeline
    from rag.retrieve import Retrieval as Retrieval
    from rag.retrieve import RetrievalOptions as RetrievalOptions
    from rag.retrieve import Retriever as Retriever
