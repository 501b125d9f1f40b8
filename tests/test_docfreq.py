"""Batched document frequencies count exactly the tokens of rag.text.bigrams."""

from __future__ import annotations

from collections import Counter

from rag.ingest import clauses, clean
from rag.ingest.load import load_file
from rag.retrieve.docfreq import FOLD_BATCH, document_frequencies, token_sets
from rag.text import bigrams
from tests.conftest import DOCUMENTS, LAW_TEXT, PLAN_TEXT

AWKWARD = [
    "", "   ", "（六）２０２１—２０３５年 Ａrticle 5", "城镇 化 率", "İstanbul ĲSSEL ﬁne", "“引号”‘单’",
    "第一条\n\n第二条", "𠮷野家 与 吉野家", "a\x00b 中\x00文", "数字3.14与v2-beta", " 中 ", "ﾊﾝｶｸ カナ",
]


def test_token_sets_equal_bigrams_on_awkward_texts() -> None:
    assert list(token_sets(AWKWARD)) == [set(bigrams(t)) for t in AWKWARD]


def test_token_sets_equal_bigrams_on_the_corpus_across_batches() -> None:
    texts = [LAW_TEXT, PLAN_TEXT]
    for path in sorted(DOCUMENTS.glob("*.txt")):
        document = clean.clean(load_file(path))
        texts += [u.text for u in clauses.parse(document).units]
    texts = (texts * (FOLD_BATCH // len(texts) + 2))[: FOLD_BATCH + 7]  # more than one batch
    assert list(token_sets(texts)) == [set(bigrams(t)) for t in texts]
    expected: Counter[str] = Counter()
    for text in texts:
        expected.update(set(bigrams(text)))
    assert document_frequencies(texts) == expected
