"""Sweep the extractive answerer's options on a gold set and print the answer metrics.

Each ``--set NAME=V1,V2,…`` varies one field of :class:`rag.answer.options.ExtractiveOptions`
(the others stay at their defaults); every value is run over the gold set with the same index
and retrieval, and the table shows citation precision/recall, abstention and numbers quoted
verbatim per value. Tune on one gold set, confirm on another: figures chosen on the questions
they are reported on are not evidence.

Usage::

    python benchmarks/answer_sweep.py evals/dev.jsonl --set rank_bonus=0.04,0.08,0.12 --set min_matched=1,2
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.gold import Corpus, load_gold
from evals.harness import evaluate
from evals.outcome import System
from evals.support import cite_support
from evals.systems import PipelineSystem
from evals.tables import systems_table
from rag.answer.cite import SupportChecker
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.options import ExtractiveOptions
from rag.pipeline import Pipeline
from rag.settings import Settings


def variants(settings: list[str]) -> list[tuple[str, ExtractiveOptions]]:
    """("name=value", options) for the defaults and each value of each ``NAME=V1,V2`` setting.

    Raises:
        ValueError: an unknown option name or a value of the wrong type.
    """
    types = {f.name: type(getattr(ExtractiveOptions(), f.name)) for f in fields(ExtractiveOptions)}
    out = [("defaults", ExtractiveOptions())]
    for setting in settings:
        name, _, values = setting.partition("=")
        if name not in types:
            raise ValueError(f"--set names an ExtractiveOptions field ({', '.join(types)}). Currently, it is {name!r}")
        for raw in values.split(","):
            out.append((f"{name}={raw}", replace(ExtractiveOptions(), **{name: types[name](raw)})))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=V1,V2")
    parser.add_argument("--index-dir", type=Path, default=None)
    args = parser.parse_args()
    settings = Settings.from_env(index_dir=args.index_dir)
    base = Pipeline.from_settings(settings)
    corpus = Corpus(base.index.units)
    systems: list[System] = []
    for name, options in variants(args.set):
        answerer = ExtractiveAnswerer(SupportChecker(base.embedder), options=options)
        pipeline = Pipeline(base.index, base.embedder, answerer, top_k=settings.top_k)
        pipeline.retriever = base.retriever  # one retrieval for every variant
        systems.append(PipelineSystem(pipeline, corpus, name=name, description=str(options)))
    run = evaluate(load_gold(args.gold), corpus, systems, support=cite_support(base.embedder), settings=settings)
    print(systems_table(run))


if __name__ == "__main__":
    main()
