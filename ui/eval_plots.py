"""The evaluation page's plots, titled and labelled in the page's language.

Chinese needs a CJK font: the first installed one of ``CJK_FONTS`` is used (``make browser``
installs WenQuanYi Micro Hei); without any, the plots fall back to English text rather than
print empty boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ui.eval_view import metric_name, slice_name

CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "SimHei",
             "Microsoft YaHei", "PingFang SC")
RATE_METRICS = ("hit@5", "citation_precision", "citation_recall", "alce_recall")


# Font files of the CJK fonts above, registered by hand when matplotlib's font cache was built
# before the font was installed (the cache is not rebuilt on its own).
CJK_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@cache
def cjk_font() -> str | None:
    """The family name of an installed CJK font, or None."""
    from matplotlib import font_manager

    def known() -> str | None:
        installed = {f.name for f in font_manager.fontManager.ttflist}
        return next((name for name in CJK_FONTS if name in installed), None)

    found = known()
    if found is None:
        for path in CJK_FILES:
            if Path(path).is_file():
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = known()
    return found


def plot_lang(lang: str) -> str:
    """The language the plots can be drawn in: Chinese only with a CJK font."""
    return "zh" if lang != "en" and cjk_font() else "en"


def _figure(lang: str, width: float, height: float) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = cjk_font()
    family = [font, "DejaVu Sans"] if font and lang == "zh" else ["DejaVu Sans"]
    with plt.rc_context({"font.family": family, "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(width, height), dpi=110)
    return fig, ax


def _save(fig: Any, path: Path, lang: str) -> Path:
    import matplotlib.pyplot as plt

    font = cjk_font()
    if font and lang == "zh":
        for text in fig.findobj(lambda o: hasattr(o, "set_fontfamily")):
            text.set_fontfamily([font, "DejaVu Sans"])
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def metrics_bars(system: Any, path: Path, lang: str) -> tuple[Path, str]:
    """The main rates over all questions, one labelled horizontal bar each."""
    lang = plot_lang(lang)
    totals = system.totals.get("all", {})
    chosen = [m for m in RATE_METRICS if getattr(totals.get(m), "score", None) is not None]
    fig, ax = _figure(lang, 7, 0.6 * len(chosen) + 1.4)
    values = [totals[m].score for m in chosen]
    ax.barh([metric_name(m, lang) for m in chosen], values, color="#2563eb")
    for y, v in enumerate(values):
        ax.text(min(v, 0.92) + 0.01, y, f"{v:.0%}", va="center")
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    title = "主要指标（全部问题）" if lang == "zh" else "Main metrics (all questions)"
    ax.set_title(title)
    return _save(fig, path, lang), title


def slices_bars(system: Any, path: Path, lang: str, metric: str = "hit@5") -> tuple[Path, str]:
    """One metric per question slice, slices named in the page's language."""
    lang = plot_lang(lang)
    names = [s for s in system.totals if getattr(system.totals[s].get(metric), "score", None) is not None]
    fig, ax = _figure(lang, 7, 0.5 * len(names) + 1.4)
    values = [system.totals[s][metric].score for s in names]
    counts = [sum(1 for q in system.questions if s == "all" or s in q.tags) for s in names]
    labels = [f"{slice_name(s, lang)}（{n}）" if lang == "zh" else f"{slice_name(s, lang)} ({n})"
              for s, n in zip(names, counts, strict=True)]
    ax.barh(labels, values, color="#059669")
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    title = f"各类问题的{metric_name(metric, lang)}" if lang == "zh" else f"{metric_name(metric, lang)} by slice"
    ax.set_title(title)
    return _save(fig, path, lang), title


def rank_histogram(system: Any, path: Path, lang: str) -> tuple[Path, str]:
    """Where the gold clause was ranked (answerable questions), misses last."""
    lang = plot_lang(lang)
    ranks = [q.rank for q in system.questions if q.answerable and q.gold]
    labels = [str(r) for r in range(1, 11)] + (["未命中"] if lang == "zh" else ["miss"])
    counts = [sum(1 for r in ranks if r == k) for k in range(1, 11)] + [sum(1 for r in ranks if r is None)]
    fig, ax = _figure(lang, 7, 3.2)
    ax.bar(labels, counts, color=["#2563eb"] * 10 + ["#dc2626"])
    ax.set_xlabel("标准条款排名" if lang == "zh" else "rank of the gold clause")
    ax.set_ylabel("问题数" if lang == "zh" else "questions")
    title = "标准条款的检索排名分布" if lang == "zh" else "Rank of the gold clause"
    ax.set_title(title)
    return _save(fig, path, lang), title


def page_plots(system: Any, directory: Path, lang: str) -> list[tuple[str, str]]:
    """The page's plots as (png path, caption) pairs."""
    directory.mkdir(parents=True, exist_ok=True)
    made: Sequence[tuple[Path, str]] = [
        metrics_bars(system, directory / "metrics.png", lang),
        slices_bars(system, directory / "slices.png", lang),
        rank_histogram(system, directory / "ranks.png", lang),
    ]
    return [(str(p), caption) for p, caption in made]
