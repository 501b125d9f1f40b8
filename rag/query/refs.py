"""Article references: "第十二条", "（六）", "第三部分", "Article 5" → the units they name.

A question that names a clause is answered from that clause, whatever the embeddings say, so
the matching here is exact: a reference is parsed into a typed ``ArticleRef`` (kind + number),
every heading on a unit's path is parsed the same way, and the two are compared as numbers.

Kinds are families, not spellings: ``article`` (第N条, Article/Clause N), ``item`` (（六）),
``subitem`` ((6), （１）), ``book`` (第N编 of a code), ``part`` (第N部分, Part N), ``chapter`` (第N章, 三、,
Chapter N), ``section`` (第N节, Section 2.1). Headings are read with the clause parser's own
grammar (:func:`rag.ingest.grammar.match_heading`). A reference that finds nothing of its kind falls
back to the kind a civil servant means by it in a document numbered otherwise: the plan has
no 第N条, so "实施方案第十二条" is its （十二）; it has no 第N章 or 第N部分, so "第三章" and
"第三部分" are its 三、.

Example::

    refs = parse_refs("实施方案第十二条讲了什么")   # (ArticleRef(kind="article", number=(12,), ...),)
    units = lookup(refs, index.units, doc_ids=mentioned_docs("实施方案第十二条讲了什么", titles))
"""

from __future__ import annotations

from rag.query.docnames import DocNames, mentioned_docs
from rag.query.headref import CIVIL_CODE_BOOKS, heading_ref
from rag.query.refindex import DocMatch, RefIndex, lookup
from rag.query.refparse import ArticleRef, parse_refs, to_int

__all__ = [
    "CIVIL_CODE_BOOKS", "ArticleRef", "DocMatch", "DocNames", "RefIndex", "heading_ref", "lookup", "mentioned_docs",
    "parse_refs", "to_int",
]
