"""The path element a heading line gives a clause: the whole line if it is a title, else its
number and title ("（六）深化户籍制度改革"), tidied as cited ("CHAPTER III" → "Chapter III")."""

from __future__ import annotations

import re

from rag.ingest.grammar import HeadingMatch
from rag.ingest.linetypes import TITLE_CHARS
from rag.text import HAN_CLASS

# An English title on the line below its number: at most this long (unmeasured; the EU AI Act's
# longest section title has 12 words).
EN_TITLE_CHARS, EN_TITLE_WORDS = 120, 16
# A longer one when the next line heads again (a section's title between "## Section 4" and its
# first "### Article 29"): the Digital Services Act's longest section title has 149 characters and
# 21 words ("Supervision, investigation, enforcement and monitoring in respect of providers of very
# large online platforms and of very large online search engines").
EN_LONG_TITLE_CHARS = 200
_MAX_ELEM = 30  # characters of an inline title kept in a path element (unmeasured)


def element(m: HeadingMatch, line: str) -> str:
    """The path element for a heading line: the whole line if it is a title, else number + title.

    "（六）深化户籍制度改革。放开放宽…" → "（六）深化户籍制度改革"; a list item without a title
    ("（1）用创新培育竞争新优势，发展壮大…") keeps its first phrase.
    """
    text = line[m.offset:].strip()
    head_len = len(text) - len(m.rest)
    body = m.rest
    if m.family == "code_section":
        return f"{m.label} {body.strip(' .')}".strip()  # "Section 1798.105 Consumers' Right to Delete…"
    if m.family == "bare_section":
        return f"{m.label} {body.strip()}"  # "5 Access to credit reporting information": a title alone
    if m.label.startswith("SEC.") and len(body) <= EN_TITLE_CHARS:
        # "SEC. 2 Findings and Declarations", "SEC. 5 Section 1798.105 of the Civil Code is amended
        # to read": the amending instruction is kept, it says the section below is new text.
        return f"{m.label} {body.strip(' .:')}".strip()
    if m.family == "article":
        # A Chinese article has no title unless it brackets one ("第五条【罚则】…"): its first
        # words begin a sentence ("第四条 违反本法…"), they do not name it.
        bracket = re.match(r"\s*([【\[（(][^】\]）)]{1,20}[】\]）)])", body)
        return (text[:head_len] + bracket.group(1)) if bracket else text[:head_len].strip()
    if m.family == "dot" and (titled := _TITLE_DASH.match(body)):
        # "5. Notice.—(1) Every request…": India's and older Commonwealth Acts title a section so.
        return f"{m.label.rstrip('.')} {titled.group(1).strip()}"
    if len(text) <= TITLE_CHARS[1] and not re.search(r"[。！？]|\.\s", text):
        return text.rstrip("。.；;：: ")
    sentence = re.split(r"[。！？]|\.\s", body, maxsplit=1)[0]
    if len(sentence.strip()) <= _MAX_ELEM and not re.search(r"[，,；;]", sentence):
        return (text[:head_len] + sentence).rstrip("：: ")
    phrase = re.split(r"[，,；;：:。！？]|\.\s", body, maxsplit=1)[0]
    if len(phrase.strip()) > _MAX_ELEM:
        cut = phrase[:_MAX_ELEM]
        if not re.search(f"[{HAN_CLASS}]", cut) and " " in cut.strip():
            cut = cut.rsplit(" ", 1)[0]  # whole English words
        phrase = cut.rstrip() + "…"
    return (text[:head_len] + phrase).rstrip()


# A section's title closed by a full stop and a dash before its text: "Notice.—(1) Every request…",
# "Definitions.—In this Act". ("In these Regulations—" is a sentence: no full stop before the dash.)
_TITLE_DASH = re.compile(r"\s*([A-Z][^.—–\n]{1,100})\.\s?[—–]")


_EN_KEYWORD = re.compile(r"^(PART|CHAPTER|SECTION|ARTICLE|TITLE)\b")
_SMALL_WORDS = frozenset({"of", "the", "and", "or", "to", "for", "in", "on", "by", "a", "an", "with"})


def _sentence_case(words: str) -> str:
    """ "HIGH-RISK AI SYSTEMS" → "High-risk AI systems": short all-caps words (AI, EU) stay."""
    out = []
    for k, word in enumerate(words.split(" ")):
        keep = len(word) <= 3 and word.isupper() and word.lower() not in _SMALL_WORDS
        low = word if keep else word.lower()
        out.append(low[:1].upper() + low[1:] if k == 0 else low)
    return " ".join(out)


def tidy_element(elem: str) -> str:
    """A path element as cited: no Markdown emphasis, one space, "CHAPTER III" → "Chapter III".

    An all-capitals English heading is put in sentence case ("Chapter III High-risk AI systems").
    """
    elem = re.sub(r"\s+", " ", re.sub(r"\*{1,3}|(?<!\w)_{1,2}|\\(?=[()'\"])", "", elem)).strip()
    keyword = _EN_KEYWORD.match(elem)
    if keyword:
        elem = keyword.group(1).capitalize() + elem[keyword.end():]
        number = re.match(r"^\w+ [\w.]+\.?\s*[-–:]?\s*", elem)
        if number and elem[number.end():].isupper():
            elem = elem[:number.end()] + _sentence_case(elem[number.end():])
    return elem
