"""Batched document frequencies count exactly the tokens of rag.text.bigrams; the file store keeps them."""

from __future__ import annotations

import shutil
from collections import Counter

from rag.index.build import build_index
from rag.index.docfreq import DOCFREQ_DIR, FOLD_BATCH, document_frequencies, token_sets
from rag.index.store import load_index
from rag.ingest import clauses, clean
from rag.ingest.load import load_file
from rag.retrieve.fusion import Retriever
from rag.settings import Settings
from rag.text import bigrams
from tests.conftest import DOCUMENTS, LAW_TEXT, PLAN_TEXT, CountingEmbedder

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


def test_the_file_store_keeps_the_table_the_retriever_would_count(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    index = load_index(settings.index_path)
    stored = index.document_frequencies()
    assert stored is not None and stored == document_frequencies(u.text for u in index.units)
    assert load_index(settings.index_path, lexical=False).document_frequencies() is None


def test_an_index_without_the_table_is_counted_at_warm_up(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    shutil.rmtree(settings.index_path.resolve() / DOCFREQ_DIR)
    index = load_index(settings.index_path)
    assert index.document_frequencies() is None
    retriever = Retriever(index, CountingEmbedder())
    retriever.warm_up()
    assert retriever._df == document_frequencies(u.text for u in index.units)
