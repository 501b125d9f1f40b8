"""Papers assembled from the question bank: by chapter or clause, type, difficulty and count.

Only items whose last check passed against the index's current clause (status ``ok``) go on a
paper; items waiting for review after a document change, failed edits and items whose clause is
gone stay in the bank until a trainer has looked at them.

Example::

    items = assemble(bank.all(), PaperSpec(count=20, types=("single_choice", "true_false"),
                                           select=Selection(chapters=("三、",)), seed=0))
    Path(export_name(items, "docx", answers=False)).write_bytes(render_bytes(items, "docx", answers=False))
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from rag.quiz.bank.store import BankItem
from rag.quiz.build import balance_positions
from rag.quiz.items import DIFFICULTIES, QUIZ_TYPES, QuizItem
from rag.quiz.source import Selection

DEFAULT_SEED = 0  # the CLI's and the UI's default: the same settings give the same paper everywhere


@dataclass(frozen=True)
class PaperSpec:
    """What a paper holds. Empty ``difficulties``/``tags`` do not restrict."""

    count: int = 20
    types: tuple[str, ...] = QUIZ_TYPES
    difficulties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    select: Selection | None = None
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        if self.count <= 0:
            raise ValueError(f"count must be greater than 0. Currently, the count is {self.count}")
        bad = [t for t in self.types if t not in QUIZ_TYPES]
        if bad or not self.types:
            raise ValueError(f"types must be some of {QUIZ_TYPES}. Currently, they are {list(self.types)}")
        odd = [d for d in self.difficulties if d not in DIFFICULTIES]
        if odd:
            raise ValueError(f"difficulties must be some of {DIFFICULTIES}. Currently, they include {odd}")


def eligible(entries: Sequence[BankItem], spec: PaperSpec) -> list[BankItem]:
    """The bank items a paper may use: checked ``ok`` and matching the spec."""
    return [
        e for e in entries
        if e.status == "ok" and e.item.type in spec.types
        and (not spec.difficulties or e.difficulty in spec.difficulties)
        and set(spec.tags) <= set(e.tags)
        and (spec.select is None or spec.select.matches(e.clause))
    ]


def assemble(entries: Sequence[BankItem], spec: PaperSpec) -> list[QuizItem]:
    """Up to ``spec.count`` items, types spread evenly in ``spec.types`` order, then grouped by
    type and in document order, single-choice keys balanced over A–D.

    Fewer than ``count`` when the bank holds too few eligible items.
    """
    rng = random.Random(spec.seed)
    pools: dict[str, list[BankItem]] = {t: [] for t in spec.types}
    for entry in eligible(entries, spec):
        pools[entry.item.type].append(entry)
    for pool in pools.values():
        rng.shuffle(pool)
    picked: list[BankItem] = []
    while len(picked) < spec.count and any(pools.values()):
        for qtype in spec.types:
            if pools[qtype] and len(picked) < spec.count:
                picked.append(pools[qtype].pop())
    doc_order = {e.item.citation.doc: i for i, e in reversed(list(enumerate(entries)))}
    picked.sort(key=lambda e: (spec.types.index(e.item.type), doc_order[e.item.citation.doc], e.id))
    return balance_positions([e.item for e in picked], rng)
