"""Which English document a Chinese name of it means: "欧盟重组与破产指令" → Directive (EU) 2019/1023.

A Chinese question names an English act by a translation of its title ("按照欧盟的重组与破产指令…",
"欧盟数字单一市场版权指令第二十四条讲的是什么？"), which the glossary renders only when every word of
it is one of its terms (:func:`rag.query.crossnames.chinese_names`). A name whose words it does not
know is compared by meaning with each English document's title: the nearest names the document
when it is near enough and clearly nearer than the next.

Measured (stop 54) over every Chinese question of the fit plan's sets and stop 54's fresh pair whose
name no piece or term resolved, each name embedded as a query and each English title as a passage:
the 12 names of an English act in its index (nine groups) reach similarity 0.839-0.884, each nearest
its own act; the names of other things ("地方性法规", "医保基金监管条例", "行政法规") at most 0.824.
``RetrievalOptions.name_meaning_min`` 0.83 is the middle, and each group held out in turn the middle
of the others' falls in the same gap (0.8295-0.8345), so every group's names are read as with all.
Of the names with two or more English titles in their index, the right one led the next by
0.014-0.046, the others' by 0.001-0.011: ``name_meaning_margin`` 0.01 keeps a near tie unnamed.

A document is read by each of its names, the nearest counting: its file name and its own title
(the heading, :class:`rag.records.DocumentMeta`), an EU act's title without who made it and when
(:func:`short_title`). Stop 55's fresh pair named Directive (EU) 2024/1760 "欧盟企业可持续发展尽职调查
指令": by file name alone it led the other directive by 0.007 (0.840) and was left unnamed; by its
own title "Directive (EU) 2024/1760 on corporate sustainability due diligence" 0.857, ahead by 0.024.
Over every name measured above the change moved no other name across either number (the nearest
other thing stays 劳动法规, 0.829), and a file name that says nothing ("32024L1760.md") leaves the title.

Re-run: ``RAG_INDEX_DIR=index python benchmarks/name_meaning_bench.py`` (the fit plan's indexes). At
stop 55: 20 questions' names of an English act 0.838-0.884, each nearest its own act, leading by
0.013 or more; 7 names of other things at most 0.829 (劳动法规, 0.001 under the least — the margin
does not keep it out, its lead being 0.015); each group held out, the middle of the others' gap
0.8308-0.8341.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from rag.index.embed import Embedder

# Who made an EU act and when ("… of the European Parliament and of the Council of 13 June 2024"),
# and the acts it amends or repeals: words every act's title shares, which draw the titles together.
_MADE_BY = re.compile(r"\s+of the European Parliament and of the Council(?:\s+of \d{1,2} \w+ \d{4})?"
                      r"|\s+of \d{1,2} \w+ \d{4}")
_AMENDING = re.compile(r",?\s+and\s+(?:amending|repealing)\b.*$", re.S)


def short_title(title: str) -> str:
    """``title`` without its maker, date and the acts it amends ("Directive (EU) 2024/1760 of the
    European Parliament and of the Council of 13 June 2024 on corporate sustainability due diligence
    and amending Directive (EU) 2019/1937 …" → "Directive (EU) 2024/1760 on corporate sustainability
    due diligence")."""
    return _AMENDING.sub("", _MADE_BY.sub("", title)).strip()


class TitleMeaning:
    """The English document a Chinese name means, by the similarity of the name to its names."""

    def __init__(
        self, embedder: Embedder, titles: Mapping[str, Sequence[str]], *, least: float, margin: float
    ) -> None:
        self.embedder = embedder
        self.docs = list(titles)
        self._owner = [i for i, d in enumerate(self.docs) for _ in titles[d]]  # each name's document
        self._titles = [name for d in self.docs for name in titles[d]]
        self.least = least
        self.margin = margin
        self._vectors: np.ndarray | None = None  # the names', on the first name asked
        self._known: dict[str, str | None] = {}

    def similarities(self, name: str) -> np.ndarray:
        """Per document of ``docs``, the similarity of ``name`` to its nearest name (what
        :meth:`match` reads, and benchmarks/name_meaning_bench.py prints)."""
        if self._vectors is None:
            self._vectors = self.embedder.embed(self._titles, query=False)
        each = self._vectors @ self.embedder.embed([name], query=True)[0]
        sims = np.full(len(self.docs), -1.0)
        np.maximum.at(sims, self._owner, each)
        return sims

    def match(self, name: str) -> str | None:
        """The document ``name`` means, or None when none is near enough or two are as near."""
        if not self.docs:
            return None
        if name not in self._known:
            sims = self.similarities(name)
            order = np.argsort(-sims)
            best = float(sims[order[0]])
            second = float(sims[order[1]]) if len(order) > 1 else -1.0
            near = best >= self.least and best - second >= self.margin
            self._known[name] = self.docs[int(order[0])] if near else None
        return self._known[name]
