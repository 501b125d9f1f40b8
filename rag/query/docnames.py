"""Which documents a question names: "工伤保险条例第十四条", "劳动法", "the AI Act", "CPRA", "方案里…".

A document is named by any string that its title, its file name (doc id) or its own title
from its metadata (``aliases``: "中华人民共和国社会保险法" for ``社会保险法(2018-12-29)``) holds and no
other document's does: every Chinese substring of two characters or more, every English word of
four letters or more, every pair of adjacent English words ("ai act" from
``eu-ai-act_ch03_…``) and every acronym ("CPRA"). "实施方案第十二条" names the plan because
"实施方案" is in its title alone; "城镇化" is in every seed title and names none.

A Chinese piece names a document only when it *ends* a run of Han characters of one of its
names (``ends_only``): "行政处罚法", "工伤保险条例", "实施方案", "意见", "河南" of "…战略（河南）",
but not "行政处罚", "工伤" or "小城市", which are what the texts are about ("医保部门作出行政处罚之前…"
is no question about 行政处罚法). Measured with the retriever's mention boost and name dropping
(``RetrievalOptions.name_ends``).

Also (stop 59): a law quoted inside another's title ("北京市实施《中华人民共和国残疾人保障法》办法") is the
law's name, not the quoting regulation's, unless the question names the regulation in words of its own;
the place a title is of ("北京", "Beijing") names it; an English act is named by the initials of three
or four running words of its title's subject ("NIS") or a three-letter word of its file name ("ECN"),
written in capitals.

Example::

    names = DocNames({"工伤保险条例(2010-12-20)": "工伤保险条例", "cpra-2020_prop24": "CPRA"})
    names.mentioned("工伤保险条例第十四条第（一）项")   # ["工伤保险条例(2010-12-20)"]
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Container, Mapping, Sequence
from typing import Protocol

from rag.query.actyears import act_years
from rag.query.carried import follow_up_topic, without_context
from rag.query.crossnames import chinese_names, foreign_names, translated_names
from rag.query.places import named_places
from rag.query.refparse import PROVISION_WORDS
from rag.query.rewrite import ENGLISH
from rag.query.title_words import TITLE_WORDS
from rag.text import EN_FUNCTION_WORDS, HAN_CLASS, HAN_RUN, fold, has_han, language

_QUOTES = re.compile(r"[\s\"'“”‘’《》〈〉「」『』()（）:：,，、.。·\-—_]")
# English names a reader gives the kinds of documents in the seed corpus.
_EN_DOC_WORDS = {
    "plan": ("方案", "规划"), "programme": ("方案", "规划"), "program": ("方案",),
    "round-table": ("圆桌",), "roundtable": ("圆桌",), "round table": ("圆桌",),
    "henan": ("河南",), "paper": ("新特征",), "conference": ("人民城市",),
}
# A Chinese word naming a jurisdiction, and the marks of its acts' English titles: "我们在欧盟一个大型电商平台
# 上开店…它能拿我们店铺那些不公开的销售数据来跟我们抢生意吗？" asks of the EU act indexed beside Chinese laws (a fresh
# held-out question of stop 65, kq-30, found 反食品浪费法's 外卖平台 article first). It names every such act, as
# a word for a document's kind does, but weighs less than any name of one act (1; a piece weighs 2 or more).
# Marks are read in the titles and file names ("eu-261-2004_air-passenger-rights").
_JURISDICTIONS_ZH = {"欧盟": ("(eu)", "(ec)", "(eec)", "european union", "european parliament", "eu-")}
# The weight of an English name rendered in Chinese (see DocNames._translated): an English
# word or pair weighs 2, a Chinese piece its length. Not tuned: a whole name outweighs a word.
_TRANSLATED_WEIGHT = 4
# "regulation 4", "rule 12": a provision cited by its instrument's kind (rag.query.refparse), so its
# word names no document ("REGULATION (EU) 2016/679" is named by "the regulation"); a number before
# "/" is an act's own ("Regulation 261/2004"), which names one.
_PROVISION_REF = re.compile(rf"\b(?:{'|'.join(PROVISION_WORDS)})\.?\s*\d+[a-z]?(?![\d/])", re.IGNORECASE)
# An act pointed at by its kind alone ("按照这个条例", "该法", "这部法律"): the one the question is about, named by
# nothing. In an index holding one Chinese 条例 beside an English regulation, "…按照这个条例应该由哪个国家的法院来管？"
# (stop 69's kz-30, a case set in Italy and Germany) named 北京市城乡规划条例 by its last two characters.
_POINTED_KIND = re.compile(
    r"(?:这个|这部|这项|这条|这份|该|此|那个|那部)(?:条例|法律|法规|法|规定|办法|细则|决定|规章)"
)
# Words of legal titles that name a level of structure, not a document.
_GENERIC = frozenset({"chapter", "section", "article", "part", "title", "annex", "with", "from", "that", "this"})
# The bodies adopting an EU act ("…of the European Parliament and of the Council"): no name of it. "Under
# the State Council regulations implementing the PRC Private Education Promotion Law…" named the Data
# Act indexed beside the Chinese law (a fresh held-out question of stop 50).
_ADOPTED_BY = frozenset({"council", "parliament"})


class NameMeaning(Protocol):
    """The English document a Chinese name of an act means, or None."""

    def match(self, name: str) -> str | None: ...


class DocNames:
    """Which documents a question names; built once per index (linear in the titles' length).
    ``meaning``, when given, reads a Chinese name of an English act that no term renders
    (:meth:`_translated`)."""

    def __init__(
        self, titles: Mapping[str, str], aliases: Mapping[str, Sequence[str]] | None = None, *,
        ends_only: bool = True, meaning: NameMeaning | None = None,
    ) -> None:
        self.titles = dict(titles)
        self.meaning = meaning
        aliases = aliases or {}
        # The file name without its folder: "zh-policy/…" does not make "policy" a name. The
        # documents' own titles make a shared prefix ("中华人民共和国") nobody's name.
        named = {
            doc: " ".join([title, doc.rsplit("/", 1)[-1], *aliases.get(doc, ())]) for doc, title in titles.items()
        }
        pieces = {
            doc: _pieces(text) | _pairs(text)
            | {n for name in (title, *aliases.get(doc, ())) for n in _short_names(name, doc.rsplit("/", 1)[-1])}
            for (doc, text), title in zip(named.items(), titles.values(), strict=True)
        }
        counts = Counter(p for ps in pieces.values() for p in ps)
        self._owner = {p: doc for doc, ps in pieces.items() for p in ps if counts[p] == 1}
        self.ends_only = ends_only
        # A document's whole name that another's name holds: "食品安全法" of 食品安全法(2021-04-29) in
        # "食品安全法实施条例" (a law indexed with its implementing regulation). It is no piece of one
        # document's alone, yet names the law wherever the question does not go on into the other's
        # name ("食品安全法第六十三条讲的是什么？" was answered from the regulation, a fresh held-out
        # question of stop 45). Each such name → (its document, the other names holding it).
        # An act quoted inside another's name is that act's name, not the other's: "残疾人保障法" of
        # "北京市实施《残疾人保障法》办法" names 残疾人保障法(2018-10-26) indexed beside it ("残疾人保障法第五十八条
        # 讲的是什么？" was read as citing a law the index lacks, stop 59's kc-32); the quoting name, read
        # without its marks ("北京市实施残疾人保障法办法"), is the longer name it must not go on into.
        own = {
            doc: [fold(name) for name in (title, doc.rsplit("/", 1)[-1], *aliases.get(doc, ()))]
            for doc, title in titles.items()
        }
        runs = {
            doc: {r for name in names for r in HAN_RUN.findall(_EMBEDDED_QUOTE.sub(" ", name))}
            for doc, names in own.items()
        }
        run_count = Counter(r for rs in runs.values() for r in rs)
        longer = {
            doc: runs[doc] | {r for name in names for r in HAN_RUN.findall(_unmarked(name))}
            for doc, names in own.items()
        }
        self._whole: dict[str, tuple[str, list[str]]] = {
            run: (doc, [r for other, rs in longer.items() if other != doc for r in rs if run in r])
            for doc, rs in runs.items() for run in rs
            if len(run) >= 2 and run_count[run] == 1 and counts[run] > 1
        }
        # ...and the documents whose names quote it: one of them named by words of its own ("北京那个实施残疾人
        # 保障法的办法": 办法) is the one meant (stop 59's kc-12, kc-33). A name holding it unquoted
        # ("食品安全法实施条例") does not: "食品安全法实施条例和食品安全法有什么区别？" names both.
        quoted = {
            doc: {r for name in names for m in _EMBEDDED_QUOTE.finditer(name) for r in HAN_RUN.findall(m.group(0))}
            for doc, names in own.items()
        }
        self._holders = {
            run: {other for other, rs in quoted.items() if other != doc and any(run in r for r in rs)}
            for run, (doc, _) in self._whole.items()
        }
        # The Chinese pieces that end a run of a name: "行政处罚法", "工伤保险条例", "实施方案",
        # "河南" of "…战略（河南）"; not "行政处罚" or "工伤", which are what the texts are about.
        self._ends = {
            run[i:] for text in named.values() for run in HAN_RUN.findall(fold(text)) for i in range(len(run) - 1)
        }
        # ...and a place a title is of ("北京" of "北京市实施《…》办法", a local regulation): "北京这边规定的比例最低
        # 是多少？" asks the Beijing text's figure (stop 59's kc-01, refused with the national law's article first;
        # named, the regulation still ranks second there).
        places_en: dict[str, set[str]] = {}
        for doc, title in titles.items():
            for zh, en in {p for name in (title, *aliases.get(doc, ())) for p in named_places(name)}:
                self._ends.add(fold(zh))
                places_en.setdefault(en.lower(), set()).add(doc)
        # English words naming documents as a reader does (:data:`_EN_DOC_WORDS`: "plan", "Henan") and the
        # English name of the place one title alone is of ("Beijing"): words the lexical query keeps ("Which
        # Henan cultural brands…", seed hz28-28, fell from first to tenth when "Henan" was read as a name
        # piece and dropped from the search).
        self._doc_words: dict[str, set[str]] = {
            word: {doc for doc, title in self.titles.items() if any(m in title for m in marks)}
            for word, marks in _EN_DOC_WORDS.items()
        }
        self._jurisdictions = {
            word: {doc for doc, text in named.items()
                   if any(m in text.lower() or doc.rsplit("/", 1)[-1].lower().startswith(m) for m in marks)}
            for word, marks in _JURISDICTIONS_ZH.items()
        }
        for en, docs in places_en.items():
            if len(docs) == 1:
                self._doc_words[en] = self._doc_words.get(en, set()) | docs
        # The year one document alone was adopted in (:data:`_ADOPTED_IN`).
        years = {
            doc: _adopted_years((title, doc.rsplit("/", 1)[-1], *aliases.get(doc, ()))) for doc, title in titles.items()
        }
        adopted = Counter(y for ys in years.values() for y in ys)
        self._year_owner = {y: doc for doc, ys in years.items() for y in ys if adopted[y] == 1}
        # Each document's Chinese names, folded, for English names rendered in Chinese.
        self._han_names = {doc: fold(text) for doc, text in named.items() if has_han(text)}
        # ...and each English document's words, for Chinese names rendered in English, plurals with
        # their singular ("…on adequate minimum wages…" holds "wage": "欧盟最低工资指令", stop 52).
        self._english_names = {
            doc: _with_singulars(re.findall(r"[a-z]+", fold(text).lower()))
            for doc, text in named.items() if not has_han(text)
        }

    def mentioned(self, question: str, *, translated: bool = True) -> list[str]:
        """The best-named document(s), or [] when the question names none."""
        return list(self.names(question, translated=translated))

    def names(self, question: str, *, translated: bool = True) -> dict[str, str]:
        """The best-named document(s), each with the longest piece of the question naming it
        (folded: "行政处罚法", "cpra"; "" when an English word for the kind named it). With
        ``translated``, English names of Chinese documents count too (:meth:`_translated`)."""
        best, piece_of = self._scored(self._own_words(question), translated)
        if not best:
            return {}
        top = max(best.values())
        return {doc: piece_of.get(doc, "") for doc, score in best.items() if score == top}

    def every(self, question: str) -> dict[str, str]:
        """Every document the question names by a piece of its own (not only the best-named:
        "工伤保险条例和社会保险法有什么区别？" names two), each with that piece."""
        best, piece_of = self._scored(self._own_words(question), True)
        return {doc: piece for doc, piece in piece_of.items() if piece and best.get(doc, 0) >= 2}

    def _own_words(self, question: str) -> str:
        """A follow-up's own words when they name a document, else the question with the earlier one it
        carries: "那国家那部献血法呢，是哪天起施行的？（接上文：北京的献血条例…从哪天开始施行？）" asks of 献血法,
        not of the Beijing regulation its longer name in the earlier question made the best-named (a fresh
        trap of stop 65, pz65-27, answered "本条例自2022年2月1日起施行")."""
        own = without_context(question)
        if own == question.strip():
            # …or its topic, sent before the question it leans on: "Regarding the later enforcement directive,
            # 2014/67 — by what date did countries have to bring their laws into force for that one: <the question
            # before, on Directive 96/71>" (stop 71's trap pe71-02 was answered from the earlier directive).
            own = follow_up_topic(question) or own
        return own if own != question.strip() and self._scored(own, True)[0] else question

    def _scored(self, question: str, translated: bool) -> tuple[dict[str, int], dict[str, str]]:
        """Each named document's weight (the longest piece naming it) and that piece."""
        best: dict[str, int] = {}
        piece_of: dict[str, str] = {}
        question = _POINTED_KIND.sub(" ", _PROVISION_REF.sub(" ", question))
        # In sorted order: of two pieces as long naming one document ("contracts", "directive"), the
        # same one is its piece in every process (a set's order follows the interpreter's string
        # hashing, which changes from run to run, and the piece decides the words dropped from the
        # lexical query).
        capitals = _acronyms(question)
        for piece in sorted(_pieces(question) | _pairs(question)):
            if (doc := self._owner.get(piece)) is not None:
                if self.ends_only and not piece.isascii() and piece not in self._ends:
                    continue
                # An English word (or word pair) counts as much as two Chinese characters; an acronym
                # is a name, as good as a whole translated one ("the NIS Directive" against the
                # "functioning" of another directive's title, stop 59's pe59-06).
                weight = (_TRANSLATED_WEIGHT if piece in capitals else 2) if piece.isascii() else len(piece)
                best[doc] = max(best.get(doc, 0), weight)
                if len(piece) > len(piece_of.get(doc, "")):
                    piece_of[doc] = piece
        folded = _unmarked(fold(question))
        own_named = set(best)
        for piece, (doc, longer) in self._whole.items():
            if self._holders[piece] & own_named:
                continue
            if piece in folded and _stands_alone(folded, piece, longer) and len(piece) > best.get(doc, 0):
                best[doc] = len(piece)
                piece_of[doc] = piece
        for piece, doc in self._translated(question) if translated else ():
            # A whole translated name ("the Social Insurance Law") is as good as four characters.
            best[doc] = max(best.get(doc, 0), _TRANSLATED_WEIGHT)
            piece_of.setdefault(doc, piece)
        for word, docs in self._jurisdictions.items():
            if word in question and len(docs) < len(self.titles):
                for doc in docs:
                    best[doc] = max(best.get(doc, 0), 1)
        lower = question.lower()
        for word, docs in self._doc_words.items():
            if re.search(rf"\b{re.escape(word)}\b", lower):
                for doc in docs:
                    best[doc] = max(best.get(doc, 0), 2)
        for year in act_years(question):
            # A year naming an act ("the 1996 posting directive") weighs as an English word of its name.
            if (doc := self._year_owner.get(year)) is not None:
                best[doc] = max(best.get(doc, 0), 2)
        return best, piece_of


    def _translated(self, question: str) -> list[tuple[str, str]]:
        """(name, doc) for each English name in an English ``question`` whose Chinese rendering
        (:mod:`rag.query.crossnames`) fits exactly one document's Chinese names; for a Chinese
        question, each Chinese name whose English words fit one English document's names."""
        # A Chinese name is held by an English document's words; an English name's Chinese
        # renderings by a Chinese document's names (as substrings).
        held: Mapping[str, Container[str]]
        if language(question) == "zh":
            found, held = chinese_names(question), self._english_names
        else:
            found, held = translated_names(question, _NAME_TERMS), self._han_names
        out = []
        for piece, rendering in found:
            fits = [doc for doc, names in held.items() if all(any(w in names for w in words) for words in rendering)]
            if language(question) == "en":
                # Also when one document fits: "Article 38 of the Labour Contract Law" does not name
                # 劳动合同法实施条例 when the law itself is not indexed (stop 44's pz44-09, read as English since
                # stop 57, answered from the regulation's Article 38).
                fits = self._law_or_its_rules(question, fits)
            if len(fits) == 1:
                out.append((piece, fits[0]))
        if not out and language(question) == "zh" and self.meaning is not None:
            # A name no term renders ("欧盟重组与破产指令", stop 54's fresh pair: four Chinese questions
            # about Directive 2019/1023 found 外商投资法's articles), unless it is a Chinese
            # document's own ("外商投资法实施条例" ends a run of its title).
            for name in foreign_names(question):
                if any(name in names for names in self._han_names.values()):
                    continue
                if (doc := self.meaning.match(name)) is not None:
                    out.append((name, doc))
        return out

    def _law_or_its_rules(self, question: str, fits: list[str]) -> list[str]:
        """Of documents an English name fits, those of its kind: a law and its own implementing
        regulation both hold "土地管理" and "法", so "China's Land Administration Law" names the
        one without 实施条例 / 实施细则 and "the Implementing Regulations of China's Land
        Administration Law" the other (held-out ge-27 and gg-13 found the sibling's article first)."""
        implementing = _IMPLEMENTING_EN.search(question) is not None
        return [doc for doc in fits
                if (_IMPLEMENTING_ZH.search(self._han_names.get(doc, "")) is not None) == implementing]


# The year an act was adopted, as its title dates it ("Directive 96/71/EC … of 16 December 1996") or its file
# name does ("公共文化服务保障法(2016-12-25)"): "Under the 1996 posting directive, …", "根据2014年的执行指令，…"
# name the act of that year when one alone is (stop 71's ld-10 and ld-19 had the posting directive of 1996
# indexed beside its enforcement directive of 2014, and found the other's article first). Another act a title
# names ("amending Regulation (EU) No 1024/2012") is no date of its own.
_ADOPTED_IN = re.compile(r"\bof \d{1,2} [A-Za-z]+ ((?:19|20)\d\d)\b|\(((?:19|20)\d\d)-\d\d-\d\d\)")


def _adopted_years(names: Sequence[str]) -> set[str]:
    """The years a document's ``names`` (title, file name, aliases) date its act in."""
    return {y for text in names for m in _ADOPTED_IN.finditer(text) for y in m.groups() if y}


# The words an English name of a Chinese text renders by: the glossaries' and the titles' own
# (rag.query.title_words), the glossaries' rendering first where both hold a word.
_NAME_TERMS = {**TITLE_WORDS, **ENGLISH}
# A law's implementing rules, named in English and in a Chinese title.
_IMPLEMENTING_EN = re.compile(r"\bimplement(?:ing|ation)\b|\bdetailed rules\b", re.IGNORECASE)
_IMPLEMENTING_ZH = re.compile(r"实施(?:《[^《》]*》)?(?:条例|细则|办法)")


def of_implementing_rules(text: str) -> bool:
    """Does ``text`` (a question or a title) name a law's implementing rules ("the implementing
    regulations of China's statistics law", "统计法实施条例")?"""
    return _IMPLEMENTING_EN.search(text) is not None or _IMPLEMENTING_ZH.search(text) is not None


# A title quoted inside a name, Han characters on either side: "北京市实施《中华人民共和国残疾人保障法》办法".
_EMBEDDED_QUOTE = re.compile(rf"(?<=[{HAN_CLASS}])《[^《》]*》|《[^《》]*》(?=[{HAN_CLASS}])")


def _unmarked(text: str) -> str:
    """``text`` without title marks: "北京市实施《残疾人保障法》办法" → "北京市实施残疾人保障法办法"."""
    return text.replace("《", "").replace("》", "")


def _with_singulars(words: list[str]) -> set[str]:
    """``words`` and the singular of each plain English plural ("wages" → "wage")."""
    return set(words) | {w[:-1] for w in words if len(w) > 3 and w.endswith("s") and not w.endswith("ss")}


def _stands_alone(question: str, name: str, longer: Sequence[str]) -> bool:
    """Does ``name`` stand in ``question`` somewhere not going on into one of the ``longer``
    names holding it ("食品安全法第六十三条", not "食品安全法实施条例")?"""
    for m in re.finditer(re.escape(name), question):
        after = question[m.end() : m.end() + 1]
        if not after or not any(f"{name}{after}" in other for other in longer):
            return True
    return False


# What an English act's title is about follows one of these ("…concerning measures for a high common
# level of security of network and information systems across the Union").
_ABOUT = re.compile(r"\b(?:concerning|on|to|laying down|amending|establishing)\b", re.IGNORECASE)
_GLUE = frozenset({"and", "of", "for"})  # words a short name's initials read past ("network and information systems")
_INITIALS = (3, 4)


def _short_names(title: str, file_name: str) -> set[str]:
    """The short names an English text is known by that neither its words nor its capitals give: the
    initials of three or four running words of what its title is about ("NIS" of "…network and
    information systems…", stop 59's NIS Directive: "the NIS Directive" named nothing, and a question on
    its review found another directive's article) and the three-letter words of its file name ("ecn" of
    "eu-competition-authorities-ecn-plus-directive-2019-1"). Only a question's capitals meet them
    (:func:`_pieces` reads "NIS", "ECN+"), and only a document's own name names it."""
    if has_han(title) or (about := _ABOUT.search(title)) is None:
        return set()
    names = {w for w in re.findall(r"[a-z]+", file_name.lower()) if len(w) == 3 and w not in EN_FUNCTION_WORDS}
    words = re.findall(r"[A-Za-z]+", title[about.end():])
    runs: list[list[str]] = [[]]
    for word in words:
        low = word.lower()
        if low in _GLUE:
            continue
        if low in EN_FUNCTION_WORDS or low in _ADOPTED_BY or len(low) < 3:
            runs.append([])
        else:
            runs[-1].append(low)
    for run in runs:
        for size in _INITIALS:
            names |= {"".join(w[0] for w in run[i : i + size]) for i in range(len(run) - size + 1)}
    return names - _GENERIC


def _pieces(text: str) -> set[str]:
    """Every Chinese substring of two characters or more, every word of four letters or more,
    every acronym of three capitals or more (lower-cased, so "CPRA" and "cpra" meet), every
    official number ("no.261/2004")."""
    plain = fold(text)
    folded = _QUOTES.sub(" ", plain)  # (which blanks the "/" and "-" of an official number)
    cjk = {
        run[i:j] for run in HAN_RUN.findall(folded) for i in range(len(run)) for j in range(i + 2, len(run) + 1)
    }
    words = {
        w for w in re.findall(r"[a-z]{4,}", folded)
        if w not in _GENERIC and w not in _ADOPTED_BY and w not in EN_FUNCTION_WORDS
    }
    numbers = {
        "no." + re.sub(r"\s*[/-]\s*", "/", n) for n in _OFFICIAL_NUMBER.findall(plain) if not _YEARS.fullmatch(n)
    }
    # The act's number without its year, as a Chinese reader names it: "欧盟261号条例" is
    # "No 261/2004" (a number before its year only; "2016/679" is named with its year).
    numbers |= {n.split("/")[0] for n in list(numbers) if not _YEAR_FIRST.match(n[3:])}
    numbers |= {"no." + n for n in _ACT_NUMBER_ZH.findall(plain)}
    return cjk | words | _acronyms(text) | numbers


def _acronyms(text: str) -> set[str]:
    """Every acronym of three capitals or more, lower-cased ("CPRA", "ECN" of "ECN+指令")."""
    return {
        a.lower() for a in re.findall(r"(?<![A-Za-z0-9])[A-Z]{3,}(?![A-Za-z0-9])", text)
        if a.lower() not in _GENERIC and not _ROMAN.fullmatch(a)
    }


# The number an official text is known by, in any language: "Regulation (EC) No 261/2004",
# "欧盟261/2004号条例", a file named "eu-261-2004_…", "Regulation (EU) 2016/679" — a number and a
# year joined by "/" or "-", either way round, not part of a date ("2018-12-29") nor two years
# ("2020-2021").
_OFFICIAL_NUMBER = re.compile(
    r"(?<!\d)(?<!\d[/-])(\d{1,4}\s*[/-]\s*(?:19|20)\d\d|(?:19|20)\d\d\s*[/-]\s*\d{1,4})(?!\d)(?![/-]\d)"
)
_YEAR_FIRST = re.compile(r"(?:19|20)\d\d/")
# A foreign act named by its number in Chinese: "261号条例", "2016/679号条例" is read whole above.
_ACT_NUMBER_ZH = re.compile(r"(?<![\d/\-])(\d{2,4})\s*号\s*(?:条例|法规|法案|指令)")
_YEARS = re.compile(r"(?:19|20)\d\d\s*[/-]\s*(?:19|20)\d\d")


# A Roman numeral numbers a part ("Chapter III" of a title, "Part III" of a question); it names no
# document: "What does item (4) of Part III … require?" was looked up in the EU AI Act alone,
# whose title holds "Chapter III".
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def _pairs(text: str) -> set[str]:
    """Adjacent English words, "ai act": short words name a document only together. A function
    word is in no pair: "OF THE" of the GDPR's title ("…OF THE EUROPEAN PARLIAMENT AND OF THE
    COUNCIL") named the GDPR in every English question that says "of the"."""
    words = [w for w in re.split(r"[^a-z0-9]+", fold(text).lower()) if w and not w.isdigit()]
    return {
        f"{a} {b}" for a, b in itertools.pairwise(words)
        if min(len(a), len(b)) >= 2 and a not in EN_FUNCTION_WORDS and b not in EN_FUNCTION_WORDS
    }


def mentioned_docs(question: str, titles: Mapping[str, str]) -> list[str]:
    """The documents ``question`` names among ``titles`` (see :class:`DocNames`)."""
    return DocNames(titles).mentioned(question)
