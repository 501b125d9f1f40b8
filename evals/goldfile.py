"""Gold files: the typed records of a gold set, and loading and validating its JSONL (see
``evals/README.md`` for the format)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.folding import fold

ClauseKey = tuple[str, int]
Span = tuple[str, int, int]  # doc_id, start, end in the cleaned document text

TAGS = (
    "number", "yes_no", "multi_clause", "names_article", "colloquial", "english", "crosslingual",
    "followup", "unanswerable", "near_miss", "offtopic", "struck_text", "structure",
)
VERDICTS = ("yes", "no")


class GoldError(ValueError):
    """The gold file is malformed or names passages the index does not have.

    ``problems`` lists every one, each starting with the question id (or line number), so an
    evaluator fixes them all in one pass.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n  ".join(self.problems[:20])
        more = f"\n  … and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(f"{len(self.problems)} gold problem(s):\n  {shown}{more}")


@dataclass(frozen=True)
class GoldRef:
    """A gold clause named by number: document (id or unique substring), label, optional path."""

    doc: str
    label: str
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldItem:
    """One question of a gold set."""

    id: str
    question: str
    gold: tuple[GoldRef, ...] = ()
    quotes: tuple[str, ...] = ()
    answerable: bool = True
    tags: tuple[str, ...] = ()
    reviewed: bool = True
    # The expected answer facts: the verdict of a yes/no question, the figure (with its unit)
    # of a number question; the questions asked before a follow-up; the corpus (file) it is from.
    verdict: str | None = None
    figure: str | None = None
    history: tuple[str, ...] = ()
    group: str = ""


@dataclass(frozen=True)
class ResolvedGold:
    """What a question's gold references resolved to in one index.

    ``keys``: every gold clause. ``spans``: where the gold text lies in the cleaned documents
    (whole clause spans for labels, the matched text for quotes) — used to judge chunks that
    are not clauses. ``quotes``: the folded quotes, so a chunk containing one is a hit.
    ``groups``: one set of keys per gold reference, for clause-level recall ("how many of the
    named passages were cited").
    """

    keys: frozenset[ClauseKey]
    spans: tuple[Span, ...] = ()
    quotes: tuple[str, ...] = ()
    groups: tuple[frozenset[ClauseKey], ...] = ()


# -- loading ----------------------------------------------------------------------------------


def load_gold(path: Path) -> list[GoldItem]:
    """Read and validate a gold JSONL file.

    Args:
        path: the file; blank lines and lines starting with ``#`` are ignored.

    Returns:
        The questions in file order.

    Raises:
        GoldError: any malformed line, missing field, duplicate id or inconsistent item
            (every problem is listed, not just the first).
    """
    items: list[GoldItem] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        try:
            item = parse_item(data)
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        if item.id in seen:
            problems.append(f"line {number}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if problems:
        raise GoldError(problems)
    return items


def parse_item(data: Any) -> GoldItem:
    """One gold line as a GoldItem; ValueError names the problem and the id."""
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")
    qid = data.get("id")
    if not isinstance(qid, str) or not qid:
        raise ValueError(f"'id' must be a non-empty string, got {qid!r}")
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError(f"{qid}: 'question' must be a non-empty string")
    answerable = data.get("answerable", True)
    if not isinstance(answerable, bool):
        raise ValueError(f"{qid}: 'answerable' must be true or false, got {answerable!r}")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(f"{qid}: 'tags' must be a list of strings")
    refs = tuple(_parse_ref(qid, g) for g in _as_list(qid, data.get("gold", []), "gold", dict))
    quotes = tuple(_as_list(qid, data.get("quote", []), "quote", str))
    if any(not fold(q) for q in quotes):
        raise ValueError(f"{qid}: empty quote")
    reviewed = data.get("reviewed", True)
    if not isinstance(reviewed, bool):
        raise ValueError(f"{qid}: 'reviewed' must be true or false, got {reviewed!r}")
    # An unreviewed line (a draft, or feedback exported from the app) may wait for its reviewer
    # to name the gold; it is refused only when someone asks to score it (evals/cli.py).
    if answerable and not refs and not quotes and reviewed:
        raise ValueError(f"{qid}: an answerable question needs 'gold' or 'quote'")
    if not answerable and (refs or quotes):
        raise ValueError(f"{qid}: an unanswerable question must have no 'gold' and no 'quote'")
    if not answerable and "unanswerable" not in tags:
        tags = [*tags, "unanswerable"]
    verdict = data.get("verdict")
    if verdict is not None and verdict not in VERDICTS:
        raise ValueError(f"{qid}: 'verdict' must be one of {VERDICTS}, got {verdict!r}")
    figure = data.get("figure")
    if figure is not None and (not isinstance(figure, str) or not figure.strip()):
        raise ValueError(f"{qid}: 'figure' must be a non-empty string, got {figure!r}")
    if not answerable and (verdict or figure):
        raise ValueError(f"{qid}: an unanswerable question has no 'verdict' or 'figure'")
    history = tuple(_as_list(qid, data.get("history", []), "history", str))
    return GoldItem(
        qid, question.strip(), refs, quotes, answerable, tuple(dict.fromkeys(tags)), reviewed,
        verdict=verdict, figure=figure.strip() if figure else None, history=history,
    )


def _as_list(qid: str, value: Any, name: str, kind: type) -> list[Any]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, kind) for v in values):
        raise ValueError(f"{qid}: '{name}' must be a {kind.__name__} or a list of them")
    return values


def _parse_ref(qid: str, data: dict[str, Any]) -> GoldRef:
    doc, label, path = data.get("doc"), data.get("label"), data.get("path", [])
    if not isinstance(doc, str) or not doc:
        raise ValueError(f"{qid}: gold 'doc' must be a non-empty string")
    if not isinstance(label, str) or not label:
        raise ValueError(f"{qid}: gold 'label' must be a non-empty string")
    if isinstance(path, str):
        path = [path]
    if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
        raise ValueError(f"{qid}: gold 'path' must be a list of strings")
    return GoldRef(doc, label, tuple(path))



def tag_counts(items: Iterable[GoldItem]) -> Mapping[str, int]:
    """How many questions carry each tag (for the README and the report)."""
    counts: dict[str, int] = {}
    for item in items:
        for tag in item.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return dict(sorted(counts.items(), key=lambda p: -p[1]))
