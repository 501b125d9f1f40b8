"""How near each Chinese name of an act is to the English documents of its index, by meaning.

For every Chinese question of the fit plan's sets, each name the document names read by meaning
(those no piece or glossary term resolved, found by :func:`rag.query.crossnames.foreign_names`:
"欧盟重组与破产指令") is read as :class:`rag.retrieve.titlemeaning.TitleMeaning` reads it: its similarity
to each English document's nearest name (file name and own title), the best and its lead over the
next. A row is ``gold`` when
the question's gold is in that best document, ``other`` when its gold is no English document (the
name is of something else: "地方性法规"). ``RetrievalOptions.name_meaning_min`` must lie between the
others' best and the gold names', ``name_meaning_margin`` under the gold names' leads; the summary
prints both sides, and per group held out the middle of the others' gap.

Usage::

    RAG_INDEX_DIR=index python benchmarks/name_meaning_bench.py [--plan evals/answerability_sets.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.fitplan import PLAN_PATH, load_plan
from rag.pipeline import Pipeline
from rag.retrieve.titlemeaning import TitleMeaning
from rag.settings import Settings
from rag.text import has_han


def _questions(paths: tuple[Path, ...]) -> list[dict[str, object]]:
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.glob("*.jsonl")))]
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


class _Recorder:
    """A :class:`rag.query.docnames.NameMeaning` that notes each name the document names read by
    meaning, and answers as the one it wraps."""

    def __init__(self, meaning: TitleMeaning) -> None:
        self.meaning = meaning
        self.seen: list[str] = []

    def match(self, name: str) -> str | None:
        self.seen.append(name)
        return self.meaning.match(name)


def rows(plan: Path) -> list[tuple[str, str, str, float, float, str]]:
    """(index, id, name, best similarity, lead over the next, "gold" | "wrong" | "other")."""
    out = []
    for fit in load_plan(plan):
        try:
            pipeline = Pipeline.from_settings(Settings.from_env(index_name=fit.index))
        except Exception as exc:  # an index not built here: say so, measure the others
            print(f"skip {fit.index}: {exc}", file=sys.stderr)
            continue
        names = pipeline.retriever.names
        meaning = names.meaning
        if not isinstance(meaning, TitleMeaning):
            continue
        recorder = _Recorder(meaning)
        names.meaning = recorder
        for item in _questions(fit.gold):
            question = str(item["question"])
            if not has_han(question):
                continue
            recorder.seen = []
            names.names(question)  # reads by meaning only the names nothing else resolved
            golds = [str(g["doc"]) for g in item.get("gold", [])]  # type: ignore[attr-defined]
            english = [g for g in golds if any(d.endswith(g) for d in meaning.docs)]
            read = []
            for name in recorder.seen:
                sims = meaning.similarities(name)
                order = sims.argsort()[::-1]
                best = float(sims[order[0]])
                lead = best - float(sims[order[1]]) if len(order) > 1 else best
                doc = meaning.docs[int(order[0])]
                kind = ("gold" if any(doc.endswith(g) for g in english) else "wrong") if english else "other"
                read.append((fit.index, str(item["id"]), name, best, lead, kind))
            # A question names its act once; another run before a kind word is no name of it
            # ("一直做不到指令" beside "欧盟执法数据保护指令"): the nearest stands for the question.
            out.extend(sorted(read, key=lambda r: -r[3])[:1])
        names.meaning = meaning
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", type=Path, default=PLAN_PATH)
    found = rows(parser.parse_args().plan)
    for index, qid, name, best, lead, kind in found:
        print(f"{index:10} {qid:10} {kind:5} {best:.3f} lead {lead:.3f}  {name}")
    gold = [r for r in found if r[5] == "gold"]
    others = [r for r in found if r[5] == "other"]
    if gold:
        print(f"gold names: {len(gold)}, similarity {min(r[3] for r in gold):.3f}-{max(r[3] for r in gold):.3f}, "
              f"lead {min(r[4] for r in gold):.3f}-{max(r[4] for r in gold):.3f}")
    if others:
        print(f"other names: {len(others)}, best similarity at most {max(r[3] for r in others):.3f}")
    print(f"wrong document nearest: {sum(1 for r in found if r[5] == 'wrong')}")
    for group in sorted({r[0] for r in gold}):
        rest_gold = [r[3] for r in gold if r[0] != group]
        rest_other = [r[3] for r in others if r[0] != group]
        if rest_gold and rest_other:
            print(f"held out {group:10} middle {(min(rest_gold) + max(rest_other)) / 2:.4f}")


if __name__ == "__main__":
    main()
