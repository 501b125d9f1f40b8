"""Every article of the real laws and regulations, and every Article/Section of the English texts,
is found by a lookup in each wording and lands on its own unit (real index of evals/corpora).

The articles expected are read from the raw files by line-start patterns
(:func:`tests.test_corpus_structure.expected`), not from the parser. Wordings:

* ``第十四条讲什么`` / ``What does Article 6 say?`` — no document named: the article itself, or,
  when several documents have that number, a list of candidates that includes it;
* ``《工伤保险条例》第十四条`` and ``劳动法第三条讲了什么`` / ``What does Article 6 of the <title> say?``
  — the document named: exactly that article first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rag.index.store import Index, load_index
from rag.ingest.load import load_file
from rag.retrieve.fusion import Retriever
from rag.settings import Settings
from tests.test_corpus_structure import expected

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "evals" / "corpora"


@dataclass(frozen=True)
class Lookup:
    doc_id: str
    label: str
    question: str
    named: bool  # the question names the document


def lookups(index: Index) -> Iterator[Lookup]:
    """Every expected article of zh-laws/ and en/ in every wording."""
    for entry in index.manifest.documents:
        if not entry.doc_id.startswith(("zh-laws/", "en/")):
            continue
        raw = load_file(CORPORA / Path(entry.source).relative_to(Path(entry.source).parents[1]))
        title = entry.meta.title
        for label, _ in expected(raw.text):
            if entry.doc_id.startswith("en/"):
                yield Lookup(entry.doc_id, label, f"What does {label} say?", False)
                yield Lookup(entry.doc_id, label, f"What does {label} of the {title} say?", True)
            else:
                short = title.removeprefix("中华人民共和国")
                yield Lookup(entry.doc_id, label, f"{label}讲什么", False)
                yield Lookup(entry.doc_id, label, f"《{title}》{label}", True)
                yield Lookup(entry.doc_id, label, f"{short}{label}讲了什么", True)


def landed(retriever: Retriever, lookup: Lookup) -> bool:
    """The lookup went straight to the article (or, unnamed and ambiguous, listed it)."""
    retrieval = retriever.retrieve(lookup.question, top_k=5)
    if not retrieval.direct or not retrieval.hits:
        return False
    target = (lookup.doc_id, lookup.label)
    first = retrieval.hits[0].unit
    if (first.doc_id, first.label) == target:
        return True
    return not lookup.named and any((c.doc_id, c.unit.label) == target for c in retrieval.candidates)


def failures(index: Index) -> tuple[int, list[Lookup]]:
    retriever = Retriever(index, None)
    every = list(lookups(index))
    return len(every), [lk for lk in every if not landed(retriever, lk)]


@pytest.fixture(scope="session")
def corpora_index(real_dev_index: Settings) -> Index:
    """The whole development corpus (the seed texts and evals/corpora) indexed with the real
    default embedder — the index the gate measures; lookups need no vectors, but this is the
    index the product serves, other documents beside the laws included."""
    index = load_index(real_dev_index.index_path)
    assert sum(1 for d in index.manifest.documents if d.doc_id.startswith(("zh-laws/", "zh-policy/", "en/"))) == 13
    return index


def test_every_article_lookup_lands_on_its_article(corpora_index: Index) -> None:
    total, failed = failures(corpora_index)
    assert total > 2000  # 9 Chinese laws and regulations (3 wordings) and 3 English texts (2)
    shown = [f"{f.question} ({f.doc_id})" for f in failed[:20]]
    assert not failed, f"{len(failed)} of {total} lookups missed: {shown}"


def test_a_part_of_the_civil_code_is_found(corpora_index: Index) -> None:
    retrieval = Retriever(corpora_index, None).retrieve("民法典第三编讲什么", top_k=5)
    assert retrieval.direct and retrieval.hits
    assert all(h.unit.doc_id == "zh-laws/民法典-合同编" for h in retrieval.hits)
    # The file names the book "合同编" without its number; the Civil Code numbers it 第三编.
    assert retrieval.hits[0].unit.path[0] == "合同编" and retrieval.hits[0].unit.label == "第四百六十三条"
    typical = Retriever(corpora_index, None).retrieve("民法典第三编第二分编讲了什么", top_k=5)
    assert typical.direct and typical.hits and all(h.unit.path[1] == "第二分编 典型合同" for h in typical.hits)
