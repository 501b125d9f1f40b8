"""A shortened word the question uses where the index writes it in full: 年假 → 年休假.

Chinese shortens a compound by dropping characters from it: 年休假 is said 年假, 社会保险 社保,
医疗保险 医保. A statute writes the full word, so a question in the short one shares no bigram with
the clause that answers it: held-out "年假能不能拆开，分几次休？" (zh-s38 hs-12) had coverage 0
against 职工带薪年休假条例 第五条 and was refused with the clause ranked first. No list of such
words is written here (the glossaries of :mod:`rag.query.rewrite` and :mod:`rag.query.lay_terms`
know their topics; a corpus they have never seen has its own): a two-character word of the
question that no unit of the index holds is looked for with one character inserted (年?假) in the
index's own text, and when one insertion stands there often enough and clearly more than any
other, the question is read with the full word.

Only a pair the index lacks is spelled out, so a question already in the documents' words is
never changed, nor a word a glossary reads; a pair spanning two words of the question ("假能") is looked for too, but an
insertion rarely stands between two such characters ``MIN_USES`` times.

Not used by default (``RetrievalOptions.spell_out``): measured in evals/README.md, "Stop 39", it
answered as many near misses and misled as many searches as it helped.

Example::

    spell_out("年假能不能拆开，分几次休？", index_text)   # "年休假能不能拆开，分几次休？"
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Protocol, cast

from rag.query.question import analyse
from rag.query.rewrite import colloquial_keys
from rag.text import HAN

# How often the full word must stand in the index (unmeasured beyond the development and held-out
# questions; evals/README.md, "Stop 39").
MIN_USES = 2
# The share of the pair's insertions the chosen one must hold: one reading, not a guess between
# several.
DOMINANCE = 0.8


class Infixes(Protocol):
    """The index's text as :func:`spell_out` reads it."""

    def infixes(self, pair: str) -> Mapping[str, int]:
        """How often each Han character stands between ``pair``'s two characters in the index's
        text ({"休": 12} for 年假); empty when ``pair`` itself stands there."""
        ...


def spell_out(question: str, index: Infixes) -> str:
    """``question`` with each shortened word the index writes in full replaced by the full word;
    ``question`` itself when it is not Chinese or none is found."""
    info = analyse(question)
    if info.lang != "zh":
        return question
    read = colloquial_keys(question)  # the glossaries' words are theirs (社保 → 社会保险 医保)
    spelled = question
    for pair in info.tokens:
        if len(pair) != 2 or not all(HAN.match(ch) for ch in pair) or any(pair in key for key in read):
            continue
        full = _full_word(pair, index.infixes(pair))
        if full is not None and not _inside_word(pair, question):
            spelled = spelled.replace(pair, full)
    return spelled


def _inside_word(pair: str, question: str) -> bool:
    """Is ``pair`` part of a longer word of ``question`` as jieba cuts it (处费 of 好处费, which
    the index holds as 处理费)?"""
    _dictionary()  # loaded once, quietly
    import jieba

    return any(len(word) > 2 and pair in word for word in jieba.lcut(question))


def _full_word(pair: str, found: Mapping[str, int]) -> str | None:
    """The pair with its one dominant insertion when that makes a word, or None."""
    total = sum(found.values())
    if not total:
        return None
    infix, uses = max(found.items(), key=lambda kv: (kv[1], kv[0]))
    full = pair[0] + infix + pair[1]
    if uses < MIN_USES or uses < DOMINANCE * total or not is_word(full):
        return None
    return full


def is_word(text: str) -> bool:
    """Is ``text`` a word of jieba's dictionary (349,045 words with a frequency; its entries of
    frequency 0 are prefixes, not words)?"""
    return _dictionary().get(text, 0) > 0


@functools.cache
def _dictionary() -> Mapping[str, int]:
    import jieba  # the dictionary loads in about half a second, and only a question spelled out needs it

    jieba.setLogLevel(60)
    jieba.initialize()
    return cast(Mapping[str, int], jieba.dt.FREQ)
