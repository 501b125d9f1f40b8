"""PNG plots for the report (matplotlib, Agg backend: no display needed).

Clause names are Chinese and a CI machine often has no CJK font, so plots label clauses in
ASCII — documents as D1…Dn, （六） as (6) — and the report prints the legend.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot: reports are written on headless machines
import matplotlib.pyplot as plt

from evals.metrics import RANK_DEPTH
from evals.records import SystemRun

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}


def cn_number(text: str) -> int | None:
    """A Chinese numeral up to 999 ("五十二" → 52); None if ``text`` is not one."""
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
    return total + digit


class Aliases:
    """ASCII names for clause names ("<doc> › <label>[ #ordinal]"): "D1 (6)", "D3 1. #12"."""

    def __init__(self) -> None:
        self.docs: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name in self.names:
            return self.names[name]
        doc, _, rest = name.partition(" › ")
        label, _, ordinal = rest.partition(" #")
        alias = self.docs.setdefault(doc, f"D{len(self.docs) + 1}")
        suffix = f" #{ordinal}" if ordinal else ""
        short = f"{alias} {ascii_label(label)}{suffix}".strip()
        # Two clauses must never share a bar: non-ASCII labels (speakers) all become "(other)".
        taken = set(self.names.values())
        candidate, n = short, 1
        while candidate in taken:
            n += 1
            candidate = f"{short} {n}"
        self.names[name] = candidate
        return candidate


def ascii_label(label: str) -> str:
    m = re.fullmatch(r"[（(]([^）)]+)[）)]", label)
    if m:
        inner = unicodedata.normalize("NFKC", m.group(1))
        n = int(inner) if inner.isdigit() else cn_number(inner)
        return f"({n})" if n is not None else "(?)"
    m = re.fullmatch(r"([零〇一二两三四五六七八九十百]+)、", label)
    if m:
        return f"part {cn_number(m.group(1))}"
    m = re.fullmatch(r"(\d+)[.、]", label)
    if m:
        return f"{m.group(1)}."
    m = re.fullmatch(r"第(\d+)(?:[–-](\d+))?段", label)
    if m:
        return f"para {m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "")
    return label if label.isascii() else "(other)"


def _save(fig: plt.Figure, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def metrics_per_tag(system: SystemRun, path: Path, metrics: Sequence[str]) -> Path:
    """Grouped bars: each metric per slice (all, then every tag)."""
    slices = list(system.totals)
    fig, ax = plt.subplots(figsize=(max(7.0, 1.1 * len(slices)), 4.2))
    width = 0.8 / max(1, len(metrics))
    for i, metric in enumerate(metrics):
        values = [(v.score or 0.0) if (v := system.totals[s].get(metric)) else 0.0 for s in slices]
        ax.bar([x + i * width for x in range(len(slices))], values, width, label=metric)
    ax.set_xticks([x + width * (len(metrics) - 1) / 2 for x in range(len(slices))], slices, rotation=20)
    ax.set_ylim(0, 1.2)  # headroom so the legend never covers a bar
    ax.set_title(f"{system.name}: metrics per tag")
    ax.legend(fontsize=8, ncol=min(4, len(metrics)), loc="upper center")
    return _save(fig, path)


def gold_rank(systems: Sequence[SystemRun], path: Path) -> Path:
    """Where the gold clause ranked (1…10, or missed), per system, answerable questions only."""
    buckets = [str(r) for r in range(1, RANK_DEPTH + 1)] + ["miss"]
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / max(1, len(systems))
    for i, system in enumerate(systems):
        counts = Counter(str(q.rank) if q.rank else "miss" for q in system.questions if q.answerable)
        ax.bar([x + i * width for x in range(len(buckets))], [counts.get(b, 0) for b in buckets], width,
               label=system.name)
    ax.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(buckets))], buckets)
    ax.set_xlabel("rank of the first gold clause")
    ax.set_ylabel("questions")
    ax.set_title("Rank distribution of the gold clause")
    ax.legend(fontsize=8)
    return _save(fig, path)


def cited_instead(counts: Mapping[str, int], path: Path, aliases: Aliases, top: int = 15) -> Path:
    """Horizontal bars: the clauses most often cited although they were not gold."""
    items = Counter(counts).most_common(top)
    fig, ax = plt.subplots(figsize=(7, max(2.5, 0.35 * len(items) + 1)))
    if items:
        names = [aliases(name) for name, _ in items][::-1]
        ax.barh(names, [c for _, c in items][::-1], color="tab:red")
    else:
        ax.text(0.5, 0.5, "no citation outside the gold", ha="center", va="center")
        ax.set_yticks([])
    ax.set_xlabel("times cited instead of the gold clause")
    ax.set_title("Clauses cited instead of the gold one")
    return _save(fig, path)


def latency(system: SystemRun, path: Path) -> Path:
    values = [q.latency_ms for q in system.questions if q.latency_ms is not None]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.hist(values or [0.0], bins=30, color="tab:blue")
    ax.set_xlabel("milliseconds per question")
    ax.set_ylabel("questions")
    ax.set_title(f"{system.name}: latency per question")
    return _save(fig, path)


def systems_bars(systems: Sequence[SystemRun], path: Path, metrics: Sequence[str]) -> Path:
    """Grouped bars: retrieval metrics per system (what chunking and fusion buy)."""
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / max(1, len(systems))
    for i, system in enumerate(systems):
        all_ = system.totals.get("all", {})
        values = [(v.score or 0.0) if (v := all_.get(m)) else 0.0 for m in metrics]
        ax.bar([x + i * width for x in range(len(metrics))], values, width, label=system.name)
    ax.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(metrics))], list(metrics))
    ax.set_ylim(0, 1.2)
    ax.set_title("Retrieval by system (answerable questions)")
    ax.legend(fontsize=8, ncol=max(1, len(systems)), loc="upper center")
    return _save(fig, path)
