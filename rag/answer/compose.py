"""Turning drafted sentences into an ``Answer``: check each, drop or flag, renumber.

Both answerers draft sentences with markers ``[n]`` into the numbered list of retrieved
clauses (``hits``, 1-based, rank order) and hand them to :func:`compose`, which checks each
sentence against the clauses it cites (:mod:`rag.answer.cite`) read without their
instruction-like sentences (:mod:`rag.answer.injection`), drops or flags the unsupported
ones, renumbers the citations that remain in reading order (the first marker is [1]) and builds the ``Answer``. When
nothing supported remains, the answer abstains and lists the nearest clauses as 可能相关.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.answer.cite import SupportChecker
from rag.answer.docname import cited_title
from rag.answer.injection import without_instructions
from rag.answer.records import Answer, Citation, Sentence, abstain
from rag.records import Hit, Unit
from rag.text import MARKER, language, split_sentences, strip_markers


def cited_sentences(piece: str) -> list[str]:
    """The sentences of ``piece``, a semicolon part without a marker kept with the part after
    it: "A；B。[1]" cites both (a rule quoted whole, rag.answer.quotes), and "A；" alone, having
    no marker, would be dropped as unsupported."""
    out: list[str] = []
    carry = ""
    for sentence in split_sentences(piece):
        if not MARKER.search(sentence) and sentence.rstrip().endswith(("；", ";")):
            carry += sentence + (" " if sentence.rstrip().endswith(";") else "")
            continue
        out.append(carry + sentence)
        carry = ""
    return [*out, carry] if carry else out


# An English answer names the clause once, then goes on "It also states: “…”"
# (rag.answer.extractive); "Article 48 CE marking of … reads: “" is the naming.
_AGAIN = re.compile(r"^It also (\w+): (?=“)")
_NAMING = re.compile(r"^(?!Yes\b|No\b|The figure\b)(.+?) (?:states|reads): “")


def named_again(dropped: str, sentence: str) -> str:
    """``sentence`` ("It also reads: “…”") naming its clause as ``dropped`` did, when the sentence
    that named it was dropped as unsupported: an answer never opens "It also reads". Unchanged
    when ``dropped`` opened with anything but the clause's name (a figure or a Yes/No belongs to
    the dropped quote)."""
    again, naming = _AGAIN.match(sentence), _NAMING.match(dropped)
    if again is None or naming is None:
        return sentence
    return f"{naming.group(1)} {again.group(1)}: {sentence[again.end():]}"


@dataclass(frozen=True)
class _Checked:
    text: str
    shown: tuple[int, ...]
    supported: bool
    supporting: tuple[int, ...]
    instruction: bool
    spans: tuple[tuple[int, int, int], ...]  # (source number, start, end) in the source's clause text


def compose(
    question: str,
    drafted: Sequence[str],
    hits: Sequence[Hit],
    checker: SupportChecker,
    *,
    drop_unsupported: bool,
) -> Answer:
    """Verify drafted sentences and build the Answer.

    Args:
        question: the question, which decides the answer's language and joiner.
        drafted: sentences (or a whole text) with canonical markers into ``hits``.
        hits: the numbered sources, rank order, 1-based.
        checker: the support check.
        drop_unsupported: drop unsupported sentences (extractive) or keep them flagged (LLM).

    Returns:
        The answer with renumbered citations; an abstention when no sentence is supported.
    """
    full = {i: source_text(h.unit, cited_title(h)) for i, h in enumerate(hits, start=1)}
    clean = {i: without_instructions(text) for i, text in full.items()}
    kept: list[_Checked] = []
    dropped_lead = ""  # the sentence naming the clause, dropped before anything was kept
    for piece in drafted:
        for sentence in cited_sentences(piece):
            if not kept and dropped_lead:
                sentence = named_again(dropped_lead, sentence)
            verdict = checker.check(sentence, clean)
            instruction = False
            if not verdict.supported and any(clean[n] != full[n] for n in verdict.cited):
                # Supported only by the instruction-like text of a clause: flag it.
                instruction = checker.check(sentence, full).supported
            if not verdict.supported and drop_unsupported:
                if not kept and not _AGAIN.match(sentence):
                    dropped_lead = sentence  # the latest naming: "It also" goes on from it
                continue
            shown = verdict.supporting if verdict.supported else verdict.cited
            # What the clause panel marks: the spans the check matched, in each supporting clause.
            spans = tuple(
                (n, a, b) for n in verdict.supporting for a, b in checker.spans(sentence, hits[n - 1].unit.text)
            )
            kept.append(
                _Checked(strip_markers(sentence), shown, verdict.supported, verdict.supporting, instruction, spans)
            )
    if not any(k.supported for k in kept):
        return abstain(question, hits)

    # Numbered in reading order, so the first marker of the answer is [1].
    used = list(dict.fromkeys(n for k in kept for n in k.shown))
    renumber = {old: new for new, old in enumerate(used, start=1)}
    citations = tuple(Citation.from_hit(renumber[n], hits[n - 1]) for n in used)  # in reading order
    sentences = tuple(
        Sentence(
            k.text,
            tuple(renumber[n] for n in k.shown),
            k.supported,
            tuple(renumber[n] for n in k.supporting),
            k.instruction,
            tuple((renumber[n], a, b) for n, a, b in k.spans),
        )
        for k in kept
    )
    joiner = "" if language(question) == "zh" else " "
    text = joiner.join(s.text + "".join(f"[{n}]" for n in s.citations) for s in sentences)
    return Answer(question, text, False, citations, sentences)


def source_text(unit: Unit, name: str = "") -> str:
    """What a citation vouches for: the clause, the headings it stands under and the name the
    answer gives its document (:func:`rag.answer.docname.cited_title`)."""
    return "\n".join([unit.title, *([name] if name and name != unit.title else []), *unit.path, unit.text])
