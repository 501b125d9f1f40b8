"""The one text toolkit: Han characters, folding, sentences and character bigrams.

Every stage imports these instead of writing its own: two definitions of "a Chinese character"
that disagree (one keeping Ext-B characters such as 𠮷, one dropping them) make the cleaner, the
lexical index and the citation check see different texts.

* :data:`HAN_CLASS` / :func:`is_han` / :func:`has_han` — CJK unified ideographs: the BMP blocks
  (Ext-A, the URO, compatibility ideographs) and the supplementary planes (Ext-B onwards).
* :func:`fold` — the matching form (NFKC, lower case, one dash and quote, no CJK spaces); it
  changes lengths, so it is never used for spans.
* :func:`split_sentences` — sentences keeping the ``[n]`` markers that follow them.
* :func:`bigrams` — CJK runs as overlapping character bigrams, Latin words and numbers whole.

Example::

    fold("（六）２０２１—２０３５年")     # '(六)2021-2035年'
    bigrams("深化户籍制度 reform")       # ['深化', '化户', '户籍', '籍制', '制度', 'reform']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Han ideographs: Ext-A, the URO, compatibility ideographs, and Ext-B…Ext-H (planes 2 and 3).
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN = re.compile(f"[{HAN_CLASS}]")
# A calendar year ("2025", "1999"), not part of a longer number: what a question's "2025年" names.
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
# Where a sentence's parts break (commas, semicolons, colons, stops): the stretch a figure or a verdict is
# read within.
PART_BREAK = re.compile(r"[，,；;。：:！？!?]")
# The words joining alternatives in Chinese ("支付价款十倍或者损失三倍", "盲文试卷、电子试卷或者…协助").
OR_ZH = re.compile(r"或者|或是|或")
# The words an official number follows when it names an act ("Council Directive 93/13/EEC",
# "Regulation (EC) No 261/2004", "Directive (EU) 2016/680"), lower-cased: the act's kind, then its
# issuer and "No" (rag.query.question.DESIGNATION, rag.retrieve.hybrid.without_names).
ACT_KIND = r"(?:council\s+|commission\s+)?(?:directive|regulation|decision)\s+"
ACT_ISSUER_NO = r"(?:\((?:eu|ec|eec|euratom)\)\s*)?(?:no\.?\s*)?"


def is_han(ch: str) -> bool:
    """A Han ideograph (not punctuation)."""
    return HAN.fullmatch(ch) is not None


def has_han(text: str) -> bool:
    """Does ``text`` hold any Han ideograph?"""
    return HAN.search(text) is not None


_LATIN_WORD = re.compile(r"[A-Za-z]+")


def language(text: str) -> str:
    """ "zh" when the text has Han characters, at least as many as its Latin words; else "en".

    An English question may gloss a Chinese term ("…given a removal-from-post sanction (撤职)…
    Under China's Work Safety Law, for how many years…?", a fresh question of stop 57, gy-07): it
    is still English, and was read as Chinese (its English name of the law went unread, and only
    the other English act's articles were found). A Chinese text names English acts and terms
    ("GDPR第5条", "PM2.5"), with far more characters than words. Of every set's questions three
    are written so (hz23-24, pz44-09, gy-07), and no unit of the development or held-out indexes.
    """
    han = len(HAN.findall(text))
    return "zh" if han and han >= len(_LATIN_WORD.findall(text)) else "en"


# ---------------------------------------------------------------------------------------------
# Matching form

_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_DQUOTES = re.compile(r"[\u201c\u201d\u201e\u201f\u2033\u300c\u300d\u300e\u300f\uff02]")
_SQUOTES = re.compile(r"[\u2018\u2019\u201a\u201b\u2032\uff07]")
_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{HAN_CLASS}]) +(?=[{HAN_CLASS}])")


# The traditional forms of the words Chinese law numbers and cites by (Taiwan's, Hong Kong's and
# Macao's 第 1 條, 第二章第一節), one character each, so a line read through this table keeps its
# offsets. None of them is written in simplified text. Not 項: Taiwan's 條 › 項 › 款 numbers
# paragraphs by 項 where the mainland's 条 › 款 › 项 numbers items by 项, and "第十五條第一項" read as an
# item would point inside the wrong part; the article is found, its sub-citation is not read.
TRADITIONAL_STRUCTURE = str.maketrans({"條": "条", "節": "节", "編": "编", "規": "规", "與": "与",
                                       "個": "个", "屆": "届", "號": "号", "臺": "台", "輛": "辆"})


def structural(text: str) -> str:
    """``text`` with the traditional structure words simplified, offsets unchanged:
    ``structural("第 15 條規定")`` → ``"第 15 条规定"``."""
    return text.translate(TRADITIONAL_STRUCTURE)


def fold(text: str) -> str:
    """The matching form of ``text``: NFKC, lower case, unified dashes and quotes, no CJK spaces.

    ``fold("（六）２０２１—２０３５年 Ａrticle")`` → ``"(六)2021-2035年 article"``. Use it on
    both sides of a comparison (query and document); never for offsets.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DASHES.sub("-", text)
    text = _DQUOTES.sub('"', text)
    text = _SQUOTES.sub("'", text)
    text = re.sub(r"\s+", " ", text)
    return _SPACE_BETWEEN_HAN.sub("", text).strip()


# A Markdown heading's marks at a line start ("### Article 6"): ui/clause_html.py reads them in
# escaped HTML too.
HEADING_MARKS = r"[ \t]*#{1,6}[ \t]+"
_HEADING_MARKS = re.compile(rf"(?m)^{HEADING_MARKS}")


def without_heading_marks(text: str) -> str:
    """``text`` for reading: Markdown heading marks at line starts removed (a unit keeps its
    source's ``### Article 6`` so its offsets stay the document's; a reader sees "Article 6")."""
    return _HEADING_MARKS.sub("", text)


# ---------------------------------------------------------------------------------------------
# Sentences

MARKER = re.compile(r"\[(\d+)\]")
SENTENCE_END = "。！？!?；;"
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", '"': '"'}


def strip_markers(text: str) -> str:
    """``text`` without its ``[n]`` citation markers."""
    return MARKER.sub("", text).strip()


def _decimal(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


# "SEC. 2", "Art. 5", "No. 3": the dot of a numbering word before its number ends no sentence.
_NUMBERING_WORD = re.compile(r"(?:^|(?<=[^A-Za-z]))(?:sec|secs|art|arts|no|nos|para|paras|ch)\.\s\d", re.I)


# "1. Where reference is made to this Article, …": a paragraph's own number opening it ends no
# sentence (an EU act's answers quoted “1.” alone).
_PARAGRAPH_NUMBER = re.compile(r"\s*\d{1,3}[a-z]?\.$")


def _numbering(text: str, i: int) -> bool:
    return any(m.start() <= i < m.end() for m in _NUMBERING_WORD.finditer(text, max(0, i - 5), i + 3))


def split_sentences(text: str) -> list[str]:
    """Sentences, each with the markers that follow its end; quotes are never split.

    "甲。[1]乙。[2]" → ["甲。[1]", "乙。[2]"]; an English sentence quoting a Chinese clause
    (“…。…。”) stays whole. A line break also ends a sentence.
    """
    sentences: list[str] = []
    current: list[str] = []
    closing: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        current.append(ch)
        quote_closed = False
        if closing and ch == closing[-1]:
            closing.pop()
            # “…。” closes a quoted sentence: the quote ends the sentence too.
            quote_closed = i > 0 and text[i - 1] in SENTENCE_END + "."
        elif ch in _QUOTE_PAIRS and not (ch == '"' and closing and closing[-1] == '"'):
            closing.append(_QUOTE_PAIRS[ch])
        end = not closing and (
            quote_closed
            or ch in SENTENCE_END
            or ch == "\n"
            or (
                ch == "." and (i + 1 == len(text) or text[i + 1] in " \n[")
                and not _decimal(text, i) and not _numbering(text, i) and not _PARAGRAPH_NUMBER.match("".join(current))
            )
        )
        i += 1
        if end:
            # Markers and closing quotes after the end belong to this sentence.
            while i < len(text):
                if m := re.match(r"\s*\[\d+\]", text[i:]):
                    current.append(m.group(0).lstrip())
                    i += m.end()
                elif text[i] in "”」』)）":
                    current.append(text[i])
                    i += 1
                else:
                    break
            sentences.append("".join(current))
            current = []
    if "".join(current).strip():
        sentences.append("".join(current))
    return [s.strip() for s in sentences if strip_markers(s).strip(" \n。.；;")]


# ---------------------------------------------------------------------------------------------
# Tokens

WORD_RUN = re.compile(f"[{HAN_CLASS}]+|[a-z0-9]+(?:[.\\-][a-z0-9]+)*")


def bigrams(text: str) -> list[str]:
    """Folded ``text`` as tokens: Han runs become overlapping character bigrams; Latin words and
    numbers stay whole."""
    tokens: list[str] = []
    for run in WORD_RUN.findall(fold(text)):
        if HAN.match(run) and len(run) > 1:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


def word_runs(text: str) -> list[str]:
    """Folded ``text`` as Han runs and Latin/number words (punctuation dropped)."""
    return WORD_RUN.findall(fold(text))


# English closed-class words: articles, auxiliaries and modals, pronouns, prepositions,
# conjunctions, negation and question words. In a lexical query they match nearly every English
# unit, and BM25 still rewards the units that repeat them most, so the long sections of a statute
# outrank the one that holds the asked terms. Dropped from the lexical query (never from the
# index), hit@1 / hit@5 of the development groups (benchmarks/rank_bench.py, family
# ``function_words``): en-cpra 0.681/0.912 → 0.725/0.912, en-eu-ai-act 0.873/0.986 →
# 0.887/0.986, seeds 0.810/0.939 → 0.810/0.942, the Chinese groups unchanged; chosen on the other
# groups for every held-out one. The narrower list without the modals, pronouns and negations
# (``a an the of to … does do did``) gave en-cpra 0.703/0.912. "I" is not among them: it is the
# Roman numeral of "Chapter I", "Annex I".
_EN_FUNCTION_WORDS_TEXT = (
    "a an the of to in on for and or is are was were be been by with as at from that this these those it its "
    "which what who whom how when where why does do did can may must shall should will would has have had any "
    "under than not no their they them his her he she you your we our there if"
)
EN_FUNCTION_WORDS = frozenset(_EN_FUNCTION_WORDS_TEXT.split())


def without_function_words(text: str) -> str:
    """``text`` with its English function words (:data:`EN_FUNCTION_WORDS`) removed, for a lexical
    query; Chinese, numbers and every other word stay as written.

    ``without_function_words("Can the business extend that deadline?")`` → ``" business extend  deadline?"``
    """
    return _LATIN_WORD.sub(lambda m: "" if m.group(0).lower() in EN_FUNCTION_WORDS else m.group(0), text)


_STOP_EN_TEXT = (
    "a an the of to in on for and or is are was were be been by with as at from that this these those "
    "it its it's which what who whom how when where why does do did say says said about according "
    "provision provisions clause document documents plan states state"
)
STOP_EN = frozenset(_STOP_EN_TEXT.split())


# English words compared by their first letters: a crude stem that lets a question's word find
# the statute's ("notify"/"notifying", "provider"/"providers"; "employer"/"employee" too, which the
# checks that use it accept as the price of needing no stemmer).
STEM_LETTERS = 5
_EN_WORD = re.compile(r"[a-z][a-z'-]*")


def english_words(text: str) -> list[str]:
    """The English words of ``text``, lower-cased ("consumer's", "high-risk" stay one word)."""
    return _EN_WORD.findall(text.lower())


def stems(text: str) -> list[str]:
    """The English words of ``text``, lower-cased, by their first :data:`STEM_LETTERS` letters."""
    return [w.split("'")[0][:STEM_LETTERS] for w in english_words(text)]


def content_stems(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """:func:`stems` of the words of ``text`` that are no function or stop words, nor in ``drop``."""
    skip = EN_FUNCTION_WORDS | STOP_EN | drop
    return stems(" ".join(w for w in english_words(text) if w not in skip))


def content_tokens(text: str) -> list[str]:
    """The tokens word overlap is measured on: Han bigrams and numbers when the text has Chinese,
    otherwise its non-stopword Latin words (so English prose around a Chinese quote counts the
    quote, not the prose). Markers ``[n]`` are ignored."""
    tokens = bigrams(strip_markers(text))
    if has_han(text):
        return [t for t in tokens if HAN.match(t) or t[0].isdigit()]
    return [t for t in tokens if t not in STOP_EN]


def _folded_chars(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` built one character at a time, with the index in ``text`` of each character.

    The same steps as :func:`fold` (NFKC, lower case, dashes and quotes, one space per run of
    white space, none between Han characters); the map lets a match in the folded text be shown
    where it stands in the original.
    """
    chars: list[str] = []
    source: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                source.append(i)
            continue
        folded = unicodedata.normalize("NFKC", ch).lower()
        folded = _SQUOTES.sub("'", _DQUOTES.sub('"', _DASHES.sub("-", folded)))
        for f in folded:
            if f.isspace():  # NFKC turns some characters (U+3000, U+00A0) into a space
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    source.append(i)
                continue
            chars.append(f)
            source.append(i)
    keep = [
        k
        for k, ch in enumerate(chars)
        if ch != " " or not (0 < k < len(chars) - 1 and is_han(chars[k - 1]) and is_han(chars[k + 1]))
    ]
    return "".join(chars[k] for k in keep), [source[k] for k in keep]


def folded_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it comes from."""
    return _folded_chars(text)


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """The tokens of :func:`bigrams` with where each stands in ``text``: ``(token, start, end)``.

    ``[t for t, _, _ in token_spans(x)] == bigrams(x)``; ``text[start:end]`` is the token as
    written (full-width digits, a space inside a broken line and all).
    """
    folded, source = _folded_chars(text)
    spans: list[tuple[str, int, int]] = []
    for m in WORD_RUN.finditer(folded):
        run = m.group(0)
        if HAN.match(run) and len(run) > 1:
            for k in range(m.start(), m.end() - 1):
                spans.append((folded[k : k + 2], source[k], source[k + 1] + 1))
        else:
            spans.append((run, source[m.start()], source[m.end() - 1] + 1))
    return spans


def merge_ranges(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges ``(start, end)`` sorted, overlapping or touching ones joined."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
