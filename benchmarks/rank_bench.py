"""Retrieval variants per corpus group, with each constant chosen leave-one-corpus-out.

For every variant, hit@1 / hit@5 / MRR@10 of the answerable questions of each corpus group
(gold by label, else by quote) and of the cross-lingual questions. Variants that differ in one
constant form a *family*; for each held-out group the family's value is chosen on the other
groups (best mean of hit@1 + hit@5 + MRR@10 over them, ties to the shipped value) and the
held-out group is measured with it, so a constant is never chosen on the questions it is
measured on. The last table gives, per family, the held-out figure of every group and the worst.

Query vectors are cached in ``--cache`` (an ``.npz``), so repeated runs embed nothing new.

Usage::

    RAG_INDEX_DIR=/path/to/index python benchmarks/rank_bench.py evals/dev.jsonl evals/sets \
        [--cache /tmp/q.npz] [--only FAMILY] [--dump out.json] [--fines]
    RAG_INDEX_DIR=/path/to/index python benchmarks/rank_bench.py --plan evals/answerability_sets.json …

With ``--plan`` every set of the fit plan is searched over its own index (the indexes
``python -m evals.fit_answerability --plan`` builds), and every group of every set is held out
in turn: a constant is chosen on the development groups and the held-out laws together.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.fit_answerability import _gold_keys
from evals.fitplan import load_plan
from evals.gold import Corpus
from evals.groups import load_groups
from evals.harness import asked
from rag.index.embed import Embedder, load_embedder
from rag.index.store import Index, load_index
from rag.query.fines import asks_fine
from rag.retrieve.fusion import RetrievalOptions, Retriever
from rag.settings import Settings

ClauseKey = tuple[str, int]


class DiskCachedEmbedder:
    """Embeds each text once, remembering query and passage vectors across runs in an ``.npz``."""

    def __init__(self, inner: Embedder, path: Path | None) -> None:
        self.inner, self.id, self.dim = inner, inner.id, inner.dim
        self.path = path
        self._cache: dict[tuple[str, bool], np.ndarray] = {}
        self._new = 0
        if path is not None and path.exists():
            data = np.load(path, allow_pickle=False)
            keys = json.loads(str(data["keys"]))
            for (text, query), vec in zip(keys, data["vectors"], strict=True):
                self._cache[(text, bool(query))] = vec

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if (t, query) not in self._cache))
        for start in range(0, len(missing), 16):
            batch = missing[start : start + 16]
            for text, vec in zip(batch, self.inner.embed(batch, query=query), strict=True):
                self._cache[(text, query)] = vec
            self._new += len(batch)
        return np.stack([self._cache[(t, query)] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def save(self) -> None:
        if self.path is None or not self._new:
            return
        keys = list(self._cache)
        np.savez(self.path, keys=json.dumps(keys, ensure_ascii=False), vectors=np.stack([self._cache[k] for k in keys]))
        self._new = 0


@dataclass(frozen=True)
class Question:
    group: str
    crosslingual: bool
    text: str
    gold: frozenset[ClauseKey]


Score = dict[str, tuple[float, float, float, int]]  # group → (hit@1, hit@5, mrr@10, n)


def score(questions: Sequence[Question], ranked: Sequence[Sequence[ClauseKey]]) -> Score:
    out: Score = {}
    groups = sorted({q.group for q in questions})
    for group in [*groups, "crossling."]:
        rows = [
            (q, r) for q, r in zip(questions, ranked, strict=True)
            if (q.crosslingual if group == "crossling." else q.group == group)
        ]
        n = max(len(rows), 1)
        h1 = sum(1 for q, r in rows if r[:1] and r[0] in q.gold) / n
        h5 = sum(1 for q, r in rows if set(r[:5]) & q.gold) / n
        mrr = sum(next((1 / i for i, k in enumerate(r[:10], 1) if k in q.gold), 0.0) for q, r in rows) / n
        out[group] = (h1, h5, mrr, len(rows))
    return out


def objective(s: Score, groups: Sequence[str]) -> float:
    """What a value is chosen by on the training groups: mean of hit@1 + hit@5 + MRR@10."""
    return sum(s[g][0] + s[g][1] + s[g][2] for g in groups) / max(len(groups), 1)


def loco(family: dict[str, Score], shipped: str, groups: Sequence[str]) -> dict[str, tuple[str, Score]]:
    """For each held-out group: the family member chosen on the others, and its scores."""
    out: dict[str, tuple[str, Score]] = {}
    for held in groups:
        train = [g for g in groups if g != held]
        best = max(family, key=lambda name: (round(objective(family[name], train), 6), name == shipped))
        out[held] = (best, family[best])
    return out


Families = dict[str, dict[str, RetrievalOptions]]


def families(base: RetrievalOptions) -> Families:
    """One constant per family; the first member is the shipped value."""
    return {
        "shipped": {"shipped": base},
        "dense_weight": {f"dw {w}": replace(base, dense_weight=w) for w in (0.5, 0.4, 0.6, 0.7)},
        "title_boost": {f"tb {b}": replace(base, title_boost=b) for b in (0.0, 0.05, 0.1, 0.2)},
        "mention_boost": {f"mb {b}": replace(base, mention_boost=b) for b in (0.5, 0.0, 0.1, 0.2, 0.3)},
        "formal_boost": {f"fb {b}": replace(base, formal_boost=b) for b in (0.05, 0.0, 0.1)},
        "cross_dense_weight": {f"cw {b}": replace(base, cross_dense_weight=b) for b in (0.85, 0.7, 1.0)},
        "cross_led": {f"led {b}": replace(base, cross_led_weight=b) for b in (0.7, 0.0, 0.85, 1.0)},
        "cross_dense_offset": {
            f"co {b}": replace(base, cross_dense_offset=b) for b in (0.025, 0.0, 0.02, 0.03, 0.035, 0.04, 0.045)
        },
        "lexical_raise": {
            f"co {b} x {x}": replace(base, cross_dense_offset=b, cross_lexical_raise=x)
            for b, x in ((0.025, 0.015), (0.045, 0.0), (0.025, 0.01), (0.035, 0.01), (0.03, 0.01), (0.03, 0.015),
                         (0.02, 0.01), (0.015, 0.015), (0.02, 0.015), (0.03, 0.005))
        },
        # Stop 53: lower language raises for the directives' English questions (evals/README.md, "Stop 53").
        "lang_raise": {
            f"co {b} x {x} damp {d}": replace(base, cross_dense_offset=b, cross_lexical_raise=x, own_lexical_damp=d)
            for b, x, d in ((0.025, 0.015, 0.0), (0.02, 0.015, 0.5), (0.02, 0.015, 0.25), (0.02, 0.01, 0.25),
                            (0.025, 0.015, 0.5), (0.015, 0.01, 0.0), (0.02, 0.01, 0.5))
        },
        "definition_boost": {f"db {b}": replace(base, definition_boost=b) for b in (0.5, 0.0, 0.1, 0.2, 0.3)},
        "own_damp": {f"damp {d}": replace(base, own_lexical_damp=d) for d in (0.0, 0.25, 0.5, 0.75, 1.0)},
        "english_lay_terms": {f"lay {b}": replace(base, english_lay_terms=b) for b in (False, True)},
        "bridge_evidence": {f"evidence {b}": replace(base, bridge_needs_evidence=b) for b in (True, False)},
        "function_words": {f"drop {b}": replace(base, drop_function_words=b) for b in (True, False)},
        "other_when_unmatched": {f"other {b}": replace(base, other_when_unmatched=b) for b in (True, False)},
        "name_ends": {
            f"ends {e} drop {d}": replace(base, name_ends=e, drop_doc_names=d)
            for e, d in ((True, True), (False, False), (True, False), (False, True))
        },
        "candidates": {f"k {b}": replace(base, candidates=b) for b in (50, 20, 100)},
        "amending_penalty": {f"ap {b}": replace(base, amending_penalty=b) for b in (0.5, 0.0, 0.2, 0.3)},
        "preamble_yields": {f"py {b}": replace(base, preamble_yields=b) for b in (True, False)},
        "year_boost": {f"yb {b}": replace(base, year_boost=b) for b in (0.3, 0.0, 0.05, 0.1, 0.2)},
        # Stop 60: the fine clause citing a listing article (rag.query.fines).
        "fine_reach": {f"fr {b}": replace(base, fine_reach=b) for b in (2, 0, 1, 3, 5)},
        "item_leadins": {f"il {b}": replace(base, item_leadins=b) for b in (True, False)},
        "purpose_penalty": {f"pp {b}": replace(base, purpose_penalty=b) for b in (0.5, 0.0, 0.1, 0.2, 0.3)},
        "offset_zh": {
            f"zh {z}": replace(base, cross_dense_offset_zh=z) for z in (0.065, 0.045, 0.05, 0.055, 0.06, 0.07, 0.08)
        },
        "bridge_dense": {f"bd {b}": replace(base, bridge_dense=b) for b in (0.5, 0.0, 0.25, 0.75)},
        "weak_lexical": {
            f"below {b} dense {d}": replace(base, weak_lexical_below=b, weak_lexical_dense=d)
            for b, d in ((0.0, 0.7), (0.2, 0.7), (0.4, 0.7), (0.6, 0.7), (0.4, 0.85), (0.8, 0.7))
        },
        "focus": {f"focus {f}": replace(base, focus_share=f) for f in (0.0, 0.25, 0.5)},
        "render_dense": {f"rd {b}": replace(base, render_dense=b) for b in (0.0, 0.25, 0.5, 0.75)},
        "render_words": {f"rw {b}": replace(base, render_words=b) for b in (0, 2, 3, 5)},
        "sentence_weight": {f"sw {b}": replace(base, sentence_weight=b) for b in (20.0, 0.0, 10.0, 15.0, 30.0)},
        "dense_weight_en": {
            f"en {w}": replace(base, dense_weight_en=w) for w in (None, 0.4, 0.6, 0.7, 0.8)
        },
    }


def run(paths: Sequence[Path], cache: Path | None, only: str | None, dump: Path | None,
        make_families: Callable[[RetrievalOptions], Families] = families, plan: Path | None = None,
        keep: Callable[[str], bool] | None = None) -> None:
    settings = Settings.from_env()
    embedder = DiskCachedEmbedder(load_embedder(settings), cache)
    # (index, its questions): the index in the settings for ``paths``, or each set of the plan
    # over its own index (built with `python -m evals.fit_answerability --plan`).
    parts: list[tuple[Index, list[Question]]] = []
    sources = [(s.index, s.gold) for s in load_plan(plan)] if plan else [(settings.index_name, tuple(paths))]
    for name, gold in sources:
        index = load_index(replace(settings, index_name=name).index_path, embedder_id=embedder.id)
        corpus = Corpus(index.units)
        part: list[Question] = []
        for item in load_groups(gold):
            keys = _gold_keys(corpus, item) if item.answerable else frozenset()
            if keys and (keep is None or keep(asked(item))):
                part.append(Question(item.group, "crosslingual" in item.tags, asked(item), keys))
        parts.append((index, part))
    questions = [q for _, part in parts for q in part]
    groups = sorted({q.group for q in questions})
    print("n:", {g: sum(1 for q in questions if q.group == g) for g in groups},
          "crosslingual:", sum(1 for q in questions if q.crosslingual), flush=True)
    fams = make_families(RetrievalOptions(answerability=False))
    dumped: dict[str, list[list[str]]] = {}
    cols = [*groups, "crossling."]
    held_out: dict[str, dict[str, tuple[str, Score]]] = {}
    for fam_name, members in fams.items():
        if only and fam_name not in ("shipped", only):
            continue
        results: dict[str, Score] = {}
        print(f"\n== {fam_name}")
        print("variant".ljust(30), *(c[:12].rjust(19) for c in cols))
        for name, options in members.items():
            ranked: list[list[ClauseKey]] = []
            for index, part in parts:
                retriever = Retriever(index, embedder, replace(options, answerability=False))
                ranked.extend([h.unit.clause_key for h in retriever.search(q.text, top_k=10)] for q in part)
            embedder.save()
            results[name] = s = score(questions, ranked)
            dumped[f"{fam_name}/{name}"] = [[f"{d}#{o}" for d, o in r] for r in ranked]
            print(name[:30].ljust(30), *(f"{s[c][0]:.3f}/{s[c][1]:.3f}/{s[c][2]:.3f}".rjust(19) for c in cols),
                  flush=True)
        held_out[fam_name] = loco(results, next(iter(members)), groups)
    print("\n== held out (value chosen on the other groups; hit@1/hit@5; worst)")
    for fam_name, per in held_out.items():
        cells = [f"{per[g][1][g][0]:.3f}/{per[g][1][g][1]:.3f}".rjust(13) for g in groups]
        worst1 = min(per[g][1][g][0] for g in groups)
        worst5 = min(per[g][1][g][1] for g in groups)
        chosen = sorted({per[g][0] for g in groups})
        print(fam_name[:20].ljust(20), *cells, f"worst {worst1:.3f}/{worst5:.3f}", "chosen:", ", ".join(chosen))
    if dump:
        dump.write_text(json.dumps({"questions": [q.text for q in questions], "ranked": dumped}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--plan", type=Path,
                        help="the fit plan (evals/answerability_sets.json): every set over its own index")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--only")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--fines", action="store_true",
                        help="only the questions asking a fine, the only ones fine_reach can move (rag.query.fines)")
    args = parser.parse_args()
    if bool(args.plan) == bool(args.gold):
        parser.error("give either gold files (over the index in the settings) or --plan")
    run(args.gold, args.cache, args.only, args.dump, plan=args.plan, keep=asks_fine if args.fines else None)


if __name__ == "__main__":
    main()
