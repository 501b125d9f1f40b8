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
    "Answer": "rag.answer.base",
    "Answerer": "rag.answer.base",
    "Citation": "rag.answer.base",
    "Sentence": "rag.answer.base",
    "ExtractiveAnswerer": "rag.answer.extractive",
    "LLMAnswerer": "rag.answer.llm",
    "Pipeline": "rag.pipeline",
    "PolicyRetriever": "rag.retrieve.langchain",
    "Retrieval": "rag.retrieve.fusion",
    "RetrievalOptions": "rag.retrieve.fusion",
    "Retriever": "rag.retrieve.fusion",
    "SupportChecker": "rag.answer.cite",
}
__all__ += list(_LAZY)


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")


if TYPE_CHECKING:  # the same names, seen by type checkers without importing anything at run time
    from rag.answer.base import Answer as Answer
    from rag.answer.base import Answerer as Answerer
    from rag.answer.base import Citation as Citation
    from rag.answer.base import Sentence as Sentence
    from rag.answer.cite import SupportChecker as SupportChecker
    from rag.answer.extractive import ExtractiveAnswerer as ExtractiveAnswerer
    from rag.answer.llm import LLMAnswerer as LLMAnswerer
    from rag.pipeline import Pipeline as Pipeline
    from rag.retrieve.fusion import Retrieval as Retrieval
    from rag.retrieve.fusion import RetrievalOptions as RetrievalOptions
    from rag.retrieve.fusion import Retriever as Retriever
    from rag.retrieve.langchain import PolicyRetriever as PolicyRetriever
