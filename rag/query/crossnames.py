"""Names across languages: "the Social Insurance Law" → 《社会保险法》, "加州隐私法" → the CPRA.

An English question names a Chinese document by its translated title ("What does Article 95 of
the Social Insurance Law say?", "under China's Labour Law", "the Regulations on Work-Related
Injury Insurance"), which shares no character with it. The name is found by its kind word
(Law, Code, Regulations, …, :data:`rag.query.legal_terms.KIND_WORDS`) and the capitalised words
before it (or after "Regulations on"); every one of those words must be a known legal term
(:data:`rag.query.legal_terms.LEGAL_TERMS`, or the seed glossary); the document named is the one
Chinese title that holds a rendering of each term and of the kind. A name with a word the terms
do not know ("Company Law", "Personal Information Protection Law") names nothing: a law that is
not in the index must not be taken for one that is.

Example::

    translated_names("What does Article 95 of the Social Insurance Law say?", ENGLISH)
    # [("social insurance law", (("社会保险",), ("法",)))]  — one name, its terms' renderings
"""

from __future__ import annotations

import functools
import itertools
import re

from rag.query.legal_terms import CHINESE_KEYS, CHINESE_KINDS, CHINESE_TERMS, KIND_WORDS
from rag.text import HAN_RUN, fold

Rendering = tuple[tuple[str, ...], ...]  # per English term, the Chinese words it may be written as

# Words of an English name that do not translate into a Chinese title ("China's", "the PRC").
_NAME_FILLER = frozenset({
    "the", "of", "on", "for", "and", "in", "china", "china's", "chinese", "prc", "people's", "republic",
    "national", "state", "s",
})
_KIND_WORDS = sorted(KIND_WORDS, key=len, reverse=True)  # longest first: "regulations" before "regulation"
_KINDS = "|".join(k.capitalize() for k in _KIND_WORDS)
# Up to twelve capitalised words (or linking words) before the kind word: "Work-Related Injury
# Insurance Regulations", "China's Labour Law".
_BEFORE = re.compile(rf"((?:(?:[A-Z][\w'’-]*|of|on|for|and|the)\s+){{1,12}})({_KINDS})\b")
# The same written in lower case, as users do ("the implementing regulations of the statistics law"):
# at most four words before the kind, every one of which must render (``_render``), so "against the
# law" names nothing. Stop 61's trap pz61-35 found the law's commencement for its regulation's.
_BEFORE_LOWER = re.compile(
    rf"\b((?:[a-z][\w'’-]*\s+){{1,4}})({'|'.join(_KIND_WORDS)})\b"
)
# "Regulations on (the) Administration of Housing Provident Funds": the name follows the kind.
_AFTER = re.compile(rf"\b({_KINDS})\s+(?:on|of|for|concerning)\s+((?:(?:[A-Z][\w'’-]*|of|on|for|and|the)\s*){{1,12}})")


def translated_names(question: str, terms: dict[str, str]) -> list[tuple[str, Rendering]]:
    """Each English document name in ``question`` (lower-cased, as written) with the Chinese
    words a title would hold: per term of the name (by the longest ``terms`` key), its
    renderings, the kind's last. Names with a word ``terms`` does not know are left out."""
    found: list[tuple[str, Rendering]] = []
    phrases = _phrases(question)
    keys = sorted(terms, key=len, reverse=True) if phrases else []
    for runs, kind, kind_last in phrases:
        # The longest run of the words next to the kind that renders whole ("Under the Labour
        # Law" is "Labour Law"); the kind joins the words, a key may hold it ("Civil Code" → 民法典).
        for run in runs:
            rendered = _render(run, kind, terms, keys)
            if rendered is not None:
                name = f"{run} {kind}" if kind_last else f"{kind} {run}"
                found.append((name.lower(), (*rendered, (KIND_WORDS[kind.lower()],))))
                break
    return found


def _phrases(question: str) -> list[tuple[list[str], str, bool]]:
    """Each name's candidate word runs, longest first, its kind word and whether the kind comes
    last: the runs ending at the kind when the name precedes it, else those starting after "on"."""
    out: list[tuple[list[str], str, bool]] = []
    for m in itertools.chain(_BEFORE.finditer(question), _BEFORE_LOWER.finditer(question)):
        words = m.group(1).split()
        out.append(([" ".join(words[i:]) for i in range(len(words))], m.group(2), True))
    for m in _AFTER.finditer(question):
        words = m.group(2).split()
        out.append(([" ".join(words[:i]) for i in range(len(words), 0, -1)], m.group(1), False))
    return out


def _render(words: str, kind: str, terms: dict[str, str], keys: list[str]) -> Rendering | None:
    """The renderings of ``words`` (then ``kind``) term by term, ``keys`` (those of ``terms``,
    longest first) in turn, or None when a word other than the kind is left over or no word is
    rendered."""
    text = " ".join(w for w in re.sub(r"[’']s\b", "", words.lower()).split() if w not in _NAME_FILLER)
    if not text:
        return None
    text = f"{text} {kind.lower()}"
    at: list[tuple[int, tuple[str, ...]]] = []
    rest = f" {text} "
    for key in keys:
        pattern = _term_pattern(key)
        while (m := pattern.search(rest)) is not None:
            at.append((m.start(), tuple(terms[key].split())))
            rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end():]
    if rest.strip() not in ("", kind.lower()) or not at:
        return None
    return tuple(renderings for _, renderings in sorted(at))


@functools.cache
def _term_pattern(key: str) -> re.Pattern[str]:
    """A key as a word (or a stem and up to four more letters) of a space-padded name."""
    return re.compile(rf" {re.escape(key)}[a-z]{{0,4}}(?= )")


_CN_KIND = re.compile("|".join(sorted(CHINESE_KINDS, key=len, reverse=True)))


def chinese_names(question: str) -> list[tuple[str, Rendering]]:
    """Each Chinese name of an English text in ``question`` ("欧盟人工智能法案", "加州隐私法"): the
    longest run of Han characters before a kind word (法案, 法, 条例, …) that the Chinese terms
    (:data:`rag.query.legal_terms.CHINESE_TERMS`) cover whole, with per term the English words it
    may be written as, the kind's last. "多少法定赔偿" holds 法 but no name: "多少" is no term."""
    found: list[tuple[str, Rendering]] = []
    for run in HAN_RUN.findall(fold(question)):
        for m in _CN_KIND.finditer(run):
            before = run[: m.start()]
            for start in range(len(before) - 1):
                rendered = _segment(before[start:])
                if rendered is not None:
                    found.append((before[start:] + m.group(), (*rendered, tuple(CHINESE_KINDS[m.group()].split()))))
                    break
    # An English acronym before the kind word: "AI法案" is held by a text whose name has "ai" and "act".
    for m in _LATIN_NAME.finditer(fold(question)):
        found.append((m.group(0), ((m.group(1),), tuple(CHINESE_KINDS[m.group(2)].split()))))
    return found


# The kind words a Chinese name of an English act ends with, read by meaning (:func:`foreign_names`):
# not a bare 法, which ends 违法, 合法 and 没法 far more often than a name.
_FOREIGN_KIND = re.compile(r"指令|条例|法案|法规|法典|公约")
# The words before a name that are not part of it: "按照欧盟的…指令" names "欧盟的…指令".
_NAME_LEAD = re.compile(r"^.*?(?:按照|根据|依照|依据|按|据|关于|对于|那部|这部|这个|那个|该)")


def foreign_names(question: str) -> list[str]:
    """Each Chinese name of an act in ``question``: a run of Han characters ending with a kind word
    (指令, 条例, 法案, …), of two characters or more before it, without the words that lead to it
    ("按照欧盟的重组与破产指令" → "欧盟的重组与破产指令"). Which act it names is read by meaning
    (:class:`rag.retrieve.titlemeaning.TitleMeaning`)."""
    found: list[str] = []
    for run in HAN_RUN.findall(fold(question)):
        for m in _FOREIGN_KIND.finditer(run):
            before = _NAME_LEAD.sub("", run[: m.start()])
            if len(before) >= 2:
                found.append(before + m.group())
    return found


# Not before a bare 法 ("用AI法处理" is a method); "CPRA法" is named by its acronym anyway.
_LATIN_NAME = re.compile(r"(?<![a-z])([a-z]{2,8})\s*(法案|法典|条例|指令)")


def _segment(text: str) -> Rendering | None:
    """``text`` cut into Chinese terms from the left, longest first, as their English words; None
    when a character is left over."""
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(text):
        key = next((k for k in CHINESE_KEYS if text.startswith(k, i)), None)
        if key is None:
            return None
        out.append(tuple(CHINESE_TERMS[key].split()))
        i += len(key)
    return tuple(out)
