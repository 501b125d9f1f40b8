"""Citation markers: every shape a model writes normalised to ``[n]``.

Models write ``【1】``, ``[ID:1]``, ``(1)``, ``[1,2]``, ``[^1]``, ``[1-3]``; these become
``[1]``, ``[1][2]``…, and markers pointing outside the numbered sources are removed.
"""

from __future__ import annotations

import re

from rag.text import MARKER

# A range "[1-30]" is expanded only when it spans fewer than this many sources; a longer one
# is more likely a figure than a marker list. Unmeasured.
MAX_RANGE = 20

_LIST = r"\d+(?:\s*(?:[,，、;；]|[-–~～])\s*\d+)*"
_SHAPES = (
    re.compile(rf"【\s*(?:ID|id|来源|出处|引用|source)?\s*[:：]?\s*({_LIST})\s*】"),
    re.compile(rf"\[\s*(?:\^|ID|id|来源|出处|引用|source|Source)?\s*[:：]?\s*({_LIST})\s*\]"),
    re.compile(rf"〔\s*({_LIST})\s*〕"),
)
# "(1)" is a marker only right after the end of a statement or before its punctuation,
# never at the start of a line where it numbers a list item.
_PAREN = re.compile(rf"(?<=[^\s(（\n])\s?[（(]\s*({_LIST})\s*[)）](?=\s*(?:[。.!！?？;；,，]|$|\n|\[))")


def _expand(numbers: str) -> list[int]:
    out: list[int] = []
    for piece in re.split(r"\s*[,，、;；]\s*", numbers.strip()):
        bounds = re.split(r"\s*[-–~～]\s*", piece)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if 0 < high - low < MAX_RANGE:
                out.extend(range(low, high + 1))
                continue
        out.extend(int(b) for b in bounds if b.isdigit())
    return out


def normalise_markers(text: str, n_sources: int) -> str:
    """Every marker shape rewritten as ``[n]``; markers outside 1..n_sources removed.

    Args:
        text: an answer as a model wrote it.
        n_sources: how many clauses were numbered in the prompt.

    Returns:
        The text with canonical markers only.
    """

    def canonical(numbers: list[int]) -> str:
        return "".join(f"[{n}]" for n in dict.fromkeys(numbers) if 1 <= n <= n_sources)

    for shape in _SHAPES:
        text = shape.sub(lambda m: canonical(_expand(m.group(1))), text)

    def paren(m: re.Match[str]) -> str:
        numbers = _expand(m.group(1))
        # An out-of-range "(7)" is more likely prose than a marker: leave it alone.
        return canonical(numbers) if all(1 <= n <= n_sources for n in numbers) else m.group(0)

    return _PAREN.sub(paren, text)


def markers(text: str) -> tuple[int, ...]:
    """The marker numbers in ``text``, first occurrence order, without repeats."""
    return tuple(dict.fromkeys(int(n) for n in MARKER.findall(text)))
