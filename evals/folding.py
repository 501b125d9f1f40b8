"""The evaluation's matching form: NFKC, lower case, whitespace removed, with a map back to the
original text (quotes copied from a raw extraction are compared with the cleaned text)."""

from __future__ import annotations

import unicodedata


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """NFKC, lower case, whitespace removed; plus each folded char's index in ``text``.

    Quotes are copied from the raw extraction (full-width digits, spaces between characters,
    line breaks) and compared with the cleaned text, so both sides are folded the same way and
    the map turns a match back into a span of the original.
    """
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for piece in unicodedata.normalize("NFKC", ch).lower():
            if not piece.isspace():
                out.append(piece)
                where.append(i)
    return "".join(out), where


def fold(text: str) -> str:
    """``text`` folded for matching (see :func:`fold_with_map`)."""
    return fold_with_map(text)[0]
