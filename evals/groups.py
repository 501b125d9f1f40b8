"""Gold sets from several files, each question tagged with its corpus group.

``rag eval evals/dev.jsonl evals/sets`` reads every ``*.jsonl`` given or found in a folder
given. A file is one group, named after it (``zh-law.jsonl`` → ``zh-law``), except that the
sets over the same texts form one group: ``dev`` and every ``seeds-*`` file are ``seeds`` (the
five urbanisation texts). Groups are what figures are reported per and what
leave-one-corpus-out holds out. Ids must be unique across all files.

Example::

    items = load_groups([Path("evals/dev.jsonl"), Path("evals/sets")])
    sorted({i.group for i in items})   # ['en-cpra', 'en-eu-ai-act', 'seeds', 'zh-law', …]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from evals.gold import GoldError, GoldItem, load_gold

# Files over the same documents: one group, so that leave-one-corpus-out never trains on
# questions about the very texts it holds out. Every ``seeds-*`` file (seeds-new, the held-out
# seeds-s39 …) asks about the five seed texts too.
SAME_CORPUS = {"dev": "seeds"}
SEEDS_PREFIX = "seeds-"


def group_of(path: Path) -> str:
    """The corpus group of a gold file (its name; ``dev`` and ``seeds-*`` → ``seeds``)."""
    if path.stem.startswith(SEEDS_PREFIX):
        return "seeds"
    return SAME_CORPUS.get(path.stem, path.stem)


def gold_files(paths: Sequence[Path]) -> list[Path]:
    """The JSONL files named, a folder standing for the ``*.jsonl`` in it (sorted).

    Raises:
        GoldError: a path that does not exist, or a folder with no ``.jsonl`` file.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                raise GoldError([f"{path}: no .jsonl gold file in this folder"])
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise GoldError([f"{path}: no such gold file or folder"])
    return list(dict.fromkeys(files))


def load_groups(paths: Sequence[Path]) -> list[GoldItem]:
    """Every question of every file, with ``group`` set; ids unique across files.

    Raises:
        GoldError: a bad file (every problem of every file listed) or an id used twice.
    """
    items: list[GoldItem] = []
    problems: list[str] = []
    owner: dict[str, Path] = {}
    for path in gold_files(paths):
        try:
            loaded = load_gold(path)
        except GoldError as exc:
            problems.extend(f"{path.name}: {p}" for p in exc.problems)
            continue
        for item in loaded:
            if item.id in owner:
                problems.append(f"{path.name}: id {item.id!r} is also in {owner[item.id].name}")
            owner[item.id] = path
            items.append(replace(item, group=group_of(path)))
    if problems:
        raise GoldError(problems)
    return items
