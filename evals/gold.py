"""Gold sets: load and validate the JSONL, resolve every gold reference to clauses of the index.

A question names its gold passage by clause label (``{"doc", "label", "path"?}``) or by a
verbatim ``quote``; both resolve to clause keys ``(doc_id, ordinal)`` — the identity the
retriever and the citations share — and to character spans in the cleaned documents, which is
what the chunk-based baseline is judged on. See ``evals/README.md`` for the format.

Example::

    items = load_gold(Path("evals/dev.jsonl"))
    corpus = Corpus(index.units)
    resolved = corpus.resolve_all(items)      # raises GoldError listing every bad reference
"""

from __future__ import annotations

from evals.corpus import Clause, Corpus, short_doc
from evals.folding import fold, fold_with_map
from evals.goldfile import (
    TAGS,
    VERDICTS,
    ClauseKey,
    GoldError,
    GoldItem,
    GoldRef,
    ResolvedGold,
    Span,
    load_gold,
    parse_item,
    tag_counts,
)

__all__ = [
    "TAGS", "VERDICTS", "Clause", "ClauseKey", "Corpus", "GoldError", "GoldItem", "GoldRef", "ResolvedGold", "Span",
    "fold", "fold_with_map", "load_gold", "parse_item", "short_doc", "tag_counts",
]
