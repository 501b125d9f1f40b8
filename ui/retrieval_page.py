"""The retrieval test page (as RAGFlow has): what retrieval finds for a question, and why.

For a question it shows the top-k clauses with their fused score and, behind it, each
retriever's raw score and rank (dense: cosine similarity; lexical: BM25), then the answerability
verdict with the model's probability and the signals it was computed from. ``top_k`` and the
fusion mode apply to this page in this browser session only: the app's own retriever (and every
other user) keeps the settings' values.

Example::

    probe = run_probe(backend.pipeline(), "城区人口不到300万的城市还限制落户吗？", top_k=5, fusion="rrf")
    [(row.rank, row.label, row.fused, row.dense) for row in probe.rows]
"""

from __future__ import annotations

import logging
import threading
import weakref
from dataclasses import dataclass, replace
from typing import Any

import gradio as gr

from rag.pipeline import Pipeline, answerability
from rag.retrieve.fusion import FUSIONS, Retriever
from rag.retrieve.signals import Signals
from ui.backend import NoIndexError
from ui.i18n import t
from ui.kb_backends import Backends
from ui.labels import Labels
from ui.render import esc, snippet

log = logging.getLogger(__name__)

MAX_TOP_K = 20  # a page of clauses; the answer itself uses settings.top_k (default 5)
SNIPPET = 120
# One retriever alone: the answerability model was fitted on both retrievers' signals (dense
# similarity, agreement), which are then missing — measured once here: a question the default
# mode answers at p 0.94 gets p 0.00 with "lexical".
SINGLE = ("dense", "lexical")


@dataclass(frozen=True)
class ProbeRow:
    rank: int
    doc: str
    title: str
    heading: str
    label: str
    text: str
    fused: float
    dense: float | None
    dense_rank: int | None
    lexical: float | None
    lexical_rank: int | None
    lookup: bool


@dataclass(frozen=True)
class Probe:
    question: str
    fusion: str
    top_k: int
    rows: tuple[ProbeRow, ...]
    direct: bool
    answerable: bool
    p_answerable: float | None
    threshold: float
    signals: Signals | None


_retrievers: weakref.WeakKeyDictionary[Pipeline, dict[str, Retriever]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def retriever_for(pipeline: Pipeline, fusion: str) -> Retriever:
    """The pipeline's retriever with another fusion mode (made once per pipeline and mode)."""
    if fusion not in FUSIONS:
        raise ValueError(f"fusion must be one of {FUSIONS}. Currently, the fusion is {fusion!r}")
    if fusion == pipeline.retriever.options.fusion:
        return pipeline.retriever
    with _lock:
        cache = _retrievers.setdefault(pipeline, {})
        if fusion not in cache:
            options = replace(pipeline.retriever.options, fusion=fusion)
            cache[fusion] = Retriever(pipeline.index, pipeline.embedder, options)
        return cache[fusion]


def run_probe(pipeline: Pipeline, question: str, *, top_k: int, fusion: str) -> Probe:
    """Retrieve for ``question`` with these settings and collect what the page shows.

    Raises:
        ValueError: an empty question, ``top_k`` outside 1..MAX_TOP_K, or an unknown fusion mode.
    """
    question = question.strip()
    if not question:
        raise ValueError("the question is empty")
    if not 1 <= top_k <= MAX_TOP_K:
        raise ValueError(f"top_k must be between 1 and {MAX_TOP_K}. Currently, the top_k is {top_k}")
    retrieval = retriever_for(pipeline, fusion).retrieve(question, top_k=top_k)
    rows = []
    for rank, hit in enumerate(retrieval.hits, start=1):
        unit = hit.unit
        own = unit.label and not any(p.startswith(unit.label) for p in unit.path)
        heading = " › ".join([*unit.path, *([unit.label] if own else [])])
        rows.append(ProbeRow(
            rank, unit.doc_id, unit.title, heading, unit.label, unit.text, hit.score,
            hit.scores.get("dense"), hit.ranks.get("dense"), hit.scores.get("lexical"), hit.ranks.get("lexical"),
            "ref" in hit.ranks,
        ))
    gate = answerability(retrieval)
    return Probe(question, fusion, top_k, tuple(rows), retrieval.direct, gate.answerable, retrieval.p_answerable,
                 retrieval.threshold, retrieval.signals)


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _rank(value: int | None) -> str:
    return "–" if value is None else f"#{value}"


def probe_html(probe: Probe, lang: str = "zh") -> str:
    """The verdict box and the table of clauses (all text escaped)."""
    verdict = t("probe_answerable" if probe.answerable else "probe_unanswerable", lang)
    if probe.direct:
        how = t("probe_direct", lang)
    elif probe.signals is not None and probe.signals.finds_no_word():
        how = t("probe_no_word", lang)  # refused whatever the model's probability
    elif probe.p_answerable is not None:
        how = t("probe_model", lang, p=probe.p_answerable, threshold=probe.threshold)
    else:
        how = t("probe_no_model", lang)
    signals = ""
    if probe.signals is not None:
        items = "".join(f"<li><code>{esc(name)}</code> {value:.3f}</li>"
                        for name, value in zip(Signals.names(), probe.signals.as_vector(), strict=True))
        summary = esc(t("probe_signals", lang))
        signals = f'<details class="probe-signals"><summary>{summary}</summary><ul>{items}</ul></details>'
    if probe.fusion in SINGLE and not probe.direct and probe.p_answerable is not None:
        how += t("probe_single_note", lang)
    kind = "ok" if probe.answerable else "warn"
    settings = esc(t("probe_settings", lang, top_k=probe.top_k, fusion=probe.fusion))
    head = (f'<div class="msg-box {kind}" id="probe-verdict"><b>{esc(verdict)}</b> — {esc(how)}'
            f' <span class="probe-settings">{settings}</span>{signals}</div>')
    if not probe.rows:
        return head + f'<p class="probe-empty">{esc(t("probe_none", lang))}</p>'
    keys = ("probe_rank", "probe_clause", "probe_fused", "probe_dense", "probe_lexical", "probe_text")
    cols = [t(k, lang) for k in keys]
    header = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = []
    for row in probe.rows:
        lookup = f' <span class="badge">{esc(t("probe_lookup", lang))}</span>' if row.lookup else ""
        body.append(
            f'<tr class="probe-row"><td>{row.rank}</td>'
            f'<td><div class="doc">《{esc(row.title)}》</div><div class="path">{esc(row.heading)}</div>{lookup}</td>'
            f'<td class="num fused">{_num(row.fused)}</td>'
            f'<td class="num dense">{_num(row.dense)} <span class="r">{_rank(row.dense_rank)}</span></td>'
            f'<td class="num lexical">{_num(row.lexical, 2)} <span class="r">{_rank(row.lexical_rank)}</span></td>'
            f'<td class="snippet">{esc(snippet(row.text, SNIPPET))}</td></tr>'
        )
    return head + f'<table class="probe-table"><thead><tr>{header}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def probe(backends: Backends, kb: str | None, question: str, top_k: float, fusion: str, lang: str) -> str:
    """The page's handler: HTML for the result, or a message saying what was wrong."""
    try:
        backend = backends.get(kb)
        result = run_probe(backend.pipeline(), question or "", top_k=int(top_k), fusion=fusion)
    except KeyError:
        return f'<div class="msg-box warn">{esc(t("kb_unknown", lang, name=kb))}</div>'
    except NoIndexError:
        return f'<div class="msg-box warn">{esc(t("no_index", lang))}</div>'
    except ValueError as exc:
        log.info("retrieval test refused: %s", exc)
        return f'<div class="msg-box warn">{esc(t("probe_bad_input", lang))}</div>'
    return probe_html(result, lang)


def build_retrieval_page(backends: Backends, labels: Labels, lang: gr.State) -> gr.Dropdown:
    """The page's components and events (inside an open ``gr.Blocks``); returns its KB dropdown."""
    labels.add(gr.Markdown(t("probe_intro")), value="probe_intro")
    with gr.Row(equal_height=True):
        kb = labels.add(gr.Dropdown(choices=backends.choices(), value=backends.registry.default_id, label=t("kb"),
                                    elem_id="probe-kb", scale=1), label="kb")
        question = labels.add(gr.Textbox(label=t("question"), placeholder=t("question_placeholder"), lines=1,
                                         elem_id="probe-question", scale=3), label="question",
                              placeholder="question_placeholder")
    with gr.Row(equal_height=False, elem_classes="kb-row"):
        default_k = min(backends.default.settings.top_k, MAX_TOP_K)
        top_k = labels.add(gr.Slider(1, MAX_TOP_K, value=default_k, step=1, label=t("probe_top_k"),
                                     elem_id="probe-top-k"), label="probe_top_k")
        fusion = labels.add(gr.Radio(choices=list(FUSIONS), value="weighted", label=t("probe_fusion"),
                                     elem_id="probe-fusion"), label="probe_fusion")
        go = labels.add(gr.Button(t("probe_go"), variant="primary", elem_id="probe-go"), value="probe_go")
    result = gr.HTML("", elem_id="probe-result")

    def run(kb: str | None, question: str, top_k: float, fusion: str, lang: str) -> str:
        return probe(backends, kb, question, top_k, fusion, lang)

    inputs: list[Any] = [kb, question, top_k, fusion, lang]
    go.click(run, inputs, result, api_visibility="private", concurrency_id="answer")
    question.submit(run, inputs, result, api_visibility="private", concurrency_id="answer")
    return kb
