"""policy-rag: cited question answering over policy documents."""

from rag.records import Document, Hit, ParseResult, RawDocument, Skipped, Unit
from rag.settings import Settings

__all__ = ["Document", "Hit", "ParseResult", "RawDocument", "Settings", "Skipped", "Unit"]
__version__ = "0.1.0"
