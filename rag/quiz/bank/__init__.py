"""The question bank of a knowledge base: saved, edited, tagged and re-checked quiz items."""

from rag.quiz.bank.locate import ClauseIndex, Located
from rag.quiz.bank.review import RefreshReport, refresh, regenerate
from rag.quiz.bank.store import STATUSES, Bank, BankItem, bank_path, clause_hash

__all__ = ["STATUSES", "Bank", "BankItem", "ClauseIndex", "Located", "RefreshReport", "bank_path", "clause_hash",
           "refresh", "regenerate"]
