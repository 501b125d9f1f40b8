# ruff: noqa: E501  (one glossary entry per line)
"""The evaluation page's text: every metric and slice named in the page's language with a
one-line explanation, the metric and slice tables, the per-question drill-down and the
comparison of two runs, as escaped HTML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evals.metrics import COUNT_METRICS, LOWER_IS_BETTER
from ui.render import esc

# metric: (中文名, English name, 中文说明, English explanation)
METRICS: dict[str, tuple[str, str, str, str]] = {
    "hit@1": ("首位命中率", "Hit at 1", "标准条款排在检索结果第 1 位的问题占比。", "Share of questions whose gold clause is the first retrieved."),
    "hit@3": ("前三命中率", "Hit at 3", "标准条款出现在前 3 条检索结果中的问题占比。", "Share of questions whose gold clause is among the first 3 retrieved."),
    "hit@5": ("前五命中率", "Hit at 5", "标准条款出现在前 5 条检索结果中的问题占比。", "Share of questions whose gold clause is among the first 5 retrieved."),
    "mrr@10": ("平均倒数排名", "Mean reciprocal rank", "标准条款排名倒数的平均值（前 10 名以外计 0），越接近 1 越好。", "Mean of 1/rank of the gold clause (0 beyond rank 10); closer to 1 is better."),
    "citation_precision": ("引用准确率", "Citation precision", "回答所引条款中属于标准条款的比例。", "Share of the cited clauses that are gold clauses."),
    "citation_recall": ("引用召回率", "Citation recall", "标准条款被回答引用到的比例。", "Share of the gold clauses the answer cites."),
    "alce_recall": ("句子支持率", "Sentence support (ALCE recall)", "回答中能被所引条款支持的句子占比。", "Share of answer sentences supported by the clauses they cite."),
    "alce_precision": ("引用必要率", "Citation necessity (ALCE precision)", "所引条款中确实支持其句子的比例。", "Share of citations that actually support their sentence."),
    "numbers_verbatim": ("数字准确率", "Numbers verbatim", "回答中的数字都能在所引条款中找到的问题占比。", "Share of answers whose every number appears in a cited clause."),
    "abstention_precision": ("拒答准确率", "Abstention precision", "系统拒答的问题中确实无法回答的比例。", "Share of abstentions on questions that are indeed unanswerable."),
    "abstention_recall": ("拒答召回率", "Abstention recall", "无法回答的问题中系统正确拒答的比例。", "Share of unanswerable questions the system declines."),
    "false_abstention": ("误拒答率", "False abstention", "可以回答的问题却被拒答的比例，越低越好。", "Share of answerable questions declined; lower is better."),
    "latency_p50_ms": ("响应时间中位数（毫秒）", "Median latency (ms)", "一半问题在此时间内得到回答。", "Half of the questions are answered within this time."),
    "latency_p95_ms": ("95% 响应时间（毫秒）", "95th percentile latency (ms)", "95% 的问题在此时间内得到回答。", "95% of the questions are answered within this time."),
    "errors": ("出错次数", "Errors", "运行出错的问题数。", "Questions whose run raised an error."),
    "offtopic_abstention": ("闲聊拒答率", "Off-topic refused", "与文件无关的闲聊或问题中被拒答的比例。",
                            "Share of off-topic questions (chit-chat, other subjects) declined."),
    "near_miss_abstention": ("近似问题拒答率", "Near misses refused", "与文件内容相近、但文件没有规定的问题中被拒答的比例。",
                             "Share of near-miss questions (close to the text, not answered by it) declined."),
    "verdict_accuracy": ("是非结论正确率", "Verdict accuracy", "是非题中，回答开头给出与标准答案一致的“是/否”的比例。",
                         "Yes/no questions whose answer opens with the gold Yes or No."),
    "wrong_verdicts": ("错误是非结论数", "Wrong verdicts", "回答开头给出了错误“是/否”的次数；错误结论比不给结论更糟，应为 0。",
                       "Answers opening with the wrong Yes/No; worse than none, should be 0."),
    "figure_accuracy": ("数字开头正确率", "Figure accuracy", "问数字的问题中，回答开头给出标准数字（含单位）的比例。",
                        "Number questions whose answer opens with the gold figure."),
    "wrong_figures": ("错误数字开头数", "Wrong leading figures", "回答开头给出了不是所问数量的数字的次数，应为 0。",
                      "Answers opening with a figure that is not the quantity asked; should be 0."),
    "answer_correct": ("答案正确率", "Answer correctness", "回答结论与标准答案一致的问题占比。", "Share of answers whose conclusion matches the gold answer."),
}
# slice: (中文名, English name, 中文说明, English explanation)
SLICES: dict[str, tuple[str, str, str, str]] = {
    "all": ("全部问题", "All questions", "评测集中的所有问题。", "Every question of the gold set."),
    "number": ("数字类", "Numbers", "答案含有数字（人数、比例、金额、期限）的问题。", "Questions whose answer holds a figure."),
    "colloquial": ("口语化", "Colloquial", "用日常说法而非条文用语提出的问题。", "Questions asked in everyday words, not the text's wording."),
    "yes_no": ("是非题", "Yes / no", "以“是否”“能不能”提问的问题。", "Questions asking yes or no."),
    "unanswerable": ("无法回答", "Unanswerable", "文件中没有规定、应当拒答的问题。", "Questions the documents do not answer; the system should decline."),
    "multi_clause": ("多条款", "Several clauses", "需要综合两条以上条款才能回答的问题。", "Questions that need two or more clauses."),
    "english": ("英文", "English", "用英文提出的问题。", "Questions asked in English."),
    "names_article": ("点名条款", "Names a clause", "问题中直接点名了条款（如“第十四条”）。", "Questions that name the clause (e.g. Article 14)."),
    "crosslingual": ("跨语言", "Cross-lingual", "用中文问英文文件，或用英文问中文文件。",
                     "A Chinese question over an English text, or the reverse."),
    "followup": ("追问", "Follow-ups", "承接上一个问题的追问（如“那500万以上的呢？”）。",
                 "Questions that lean on the one before (\"what about …?\")."),
    "near_miss": ("近似问题", "Near misses", "与文件内容相近、但文件没有规定的问题。",
                  "Close to what the text says, but not answered by it."),
    "offtopic": ("闲聊/无关", "Off-topic", "与文件无关的闲聊或问题。", "Chit-chat or questions about anything else."),
    "struck_text": ("已删除条文", "Struck text", "问到法规中标为删除的文字，不得当作现行规定引用。",
                    "About text a statute marks deleted, never to be quoted as current law."),
    "structure": ("文件结构", "Structure", "问文件本身的结构（有几章、几条）。", "About the document's own structure."),
}
VERDICTS: dict[str, tuple[str, str]] = {
    "ok": ("正确", "Correct"), "missed": ("未检索到标准条款", "Gold clause not retrieved"),
    "wrong_citation": ("引用不全或有误", "Citations incomplete or wrong"), "false_abstention": ("误拒答", "Declined an answerable question"),
    "should_abstain": ("应拒答却作答", "Answered an unanswerable question"), "unsupported": ("有句子无依据", "Unsupported sentences"),
    "numbers": ("数字未见于条款", "Numbers not in a cited clause"), "error": ("运行出错", "Error"),
}


def metric_name(metric: str, lang: str) -> str:
    info = METRICS.get(metric)
    return (info[0] if lang != "en" else info[1]) if info else metric


def metric_help(metric: str, lang: str) -> str:
    info = METRICS.get(metric)
    return (info[2] if lang != "en" else info[3]) if info else ""


def slice_name(name: str, lang: str) -> str:
    if name.startswith("corpus:"):
        return ("语料：" if lang != "en" else "Corpus: ") + name.split(":", 1)[1]
    info = SLICES.get(name)
    return (info[0] if lang != "en" else info[1]) if info else name


def slice_help(name: str, lang: str) -> str:
    info = SLICES.get(name)
    return (info[2] if lang != "en" else info[3]) if info else ""


def value_text(metric: str, value: Any) -> str:
    score = getattr(value, "score", None)
    if score is None:
        return "–"
    if metric.endswith("_ms") or metric in COUNT_METRICS:
        return f"{score:.0f}"
    return f"{score:.1%}"


def metrics_html(run: Any, lang: str, metrics: Sequence[str]) -> str:
    """Every metric (rows, named and explained) for every system (columns), over all questions."""
    head = "".join(f"<th>{esc(s.name)}</th>" for s in run.systems)
    rows = []
    # Metrics the harness reports beyond the known ones (answer correctness…) are shown too.
    extra = sorted({m for s in run.systems for m in s.totals.get("all", {})} - set(metrics))
    for metric in (*metrics, *extra):
        cells = [value_text(metric, s.totals.get("all", {}).get(metric)) for s in run.systems]
        if all(c == "–" for c in cells):
            continue
        rows.append(f'<tr><th class="name" title="{esc(metric)}">{esc(metric_name(metric, lang))}</th>'
                    + "".join(f'<td class="num">{esc(c)}</td>' for c in cells)
                    + f'<td class="help">{esc(metric_help(metric, lang))}</td></tr>')
    label = "指标" if lang != "en" else "Metric"
    explain = "说明" if lang != "en" else "What it means"
    return (f'<table class="eval-table"><thead><tr><th>{label}</th>{head}<th>{explain}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def slices_html(system: Any, lang: str, metrics: Sequence[str]) -> str:
    """The main metrics (columns) per slice (rows: named and counted) of one system, then what
    each slice is, one line each (a column of explanations would be squeezed to a letter wide)."""
    columns = [m for m in metrics if any(system.totals[s].get(m) for s in system.totals)]
    head = "".join(f'<th title="{esc(metric_help(m, lang))}">{esc(metric_name(m, lang))}</th>' for m in columns)
    rows = []
    legend = []
    for name, totals in system.totals.items():
        n = sum(1 for q in system.questions if name == "all" or name in q.tags)
        rows.append(f'<tr><th class="name" title="{esc(slice_help(name, lang))}">{esc(slice_name(name, lang))}</th>'
                    f'<td class="num">{n}</td>'
                    + "".join(f'<td class="num">{esc(value_text(m, totals.get(m)))}</td>' for m in columns)
                    + "</tr>")
        if slice_help(name, lang):
            legend.append(f"<li><b>{esc(slice_name(name, lang))}</b>：{esc(slice_help(name, lang))}</li>")
    first = "问题类别" if lang != "en" else "Slice"
    count = "题数" if lang != "en" else "n"
    return (f'<div class="eval-scroll"><table class="eval-table"><thead><tr><th>{first}</th><th>{count}</th>{head}'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div><ul class="legend">{"".join(legend)}</ul>')


_SYSTEM_FIELDS = frozenset({"name", "description", "totals", "questions"})


def groups_html(system_json: dict[str, Any], lang: str, metrics: Sequence[str]) -> str:
    """Any further grouping the harness reports beside the slices (per corpus, per answer
    correctness…): each ``{group: {metric: {"score", "n"}}}`` field of a system's JSON as a table."""
    parts = []
    totals = system_json.get("totals", {})
    corpora = {k.split(":", 1)[1]: v for k, v in totals.items() if k.startswith("corpus:")} if totals else {}
    fields = {**({"corpora": corpora} if corpora else {}), **system_json}
    for field, groups in fields.items():
        if field in _SYSTEM_FIELDS or not isinstance(groups, dict) or not groups:
            continue
        if not all(isinstance(v, dict) and all(isinstance(m, dict) and "score" in m for m in v.values())
                   for v in groups.values()):
            continue
        shown = [m for m in (*metrics, *sorted({k for v in groups.values() for k in v} - set(metrics)))
                 if any(m in v for v in groups.values())]
        head = "".join(f'<th title="{esc(metric_help(m, lang))}">{esc(metric_name(m, lang))}</th>' for m in shown)
        rows = "".join(
            f'<tr><th class="name">{esc(slice_name(name, lang))}</th>'
            + "".join(f'<td class="num">{esc(value_text(m, _Score(values.get(m))))}</td>' for m in shown) + "</tr>"
            for name, values in groups.items())
        parts.append(f'<h4>{esc(_group_title(field, lang))}</h4><div class="eval-scroll"><table class="eval-table">'
                     f"<thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table></div>")
    return "".join(parts)


class _Score:
    def __init__(self, data: Any) -> None:
        self.score = data.get("score") if isinstance(data, dict) else None


def _group_title(field: str, lang: str) -> str:
    names = {"corpora": ("各语料", "By corpus"), "corpus": ("各语料", "By corpus"), "groups": ("分组", "Groups")}
    zh, en = names.get(field, (field, field))
    return en if lang == "en" else zh


def verdict_of(q: Any) -> str:
    """The first thing that went wrong on a question ("ok" when nothing did)."""
    if q.error:
        return "error"
    if q.abstained is not None and not q.answerable and not q.abstained:
        return "should_abstain"
    if q.abstained and q.answerable:
        return "false_abstention"
    if q.answerable and q.gold and q.rank is None:
        return "missed"
    if q.citation_recall is not None and (q.citation_recall < 1 or (q.citation_precision or 0) < 1):
        return "wrong_citation"
    if q.sentences and q.sentences_supported < q.sentences:
        return "unsupported"
    if q.numbers_missing:
        return "numbers"
    return "ok"


def verdict_name(verdict: str, lang: str) -> str:
    zh, en = VERDICTS.get(verdict, (verdict, verdict))
    return en if lang == "en" else zh


def drill_rows(system: Any, lang: str, failures_only: bool) -> list[list[str]]:
    """One row per question: id, question, verdict, gold, answer, cited clauses."""
    rows = []
    for q in system.questions:
        verdict = verdict_of(q)
        if failures_only and verdict == "ok":
            continue
        rows.append([q.id, q.question, verdict_name(verdict, lang), "；".join(q.gold) or "—",
                     (q.answer or "")[:200], "；".join(q.cited) or "—"])
    return rows


def drill_headers(lang: str) -> list[str]:
    if lang == "en":
        return ["id", "Question", "Verdict", "Gold", "Answer", "Cited"]
    return ["编号", "问题", "判定", "标准条款", "回答", "引用条款"]


def question_html(q: Any, lang: str) -> str:
    """Everything about one question: gold, answer, citations, retrieved clauses, the verdict."""
    en = lang == "en"
    verdict = verdict_of(q)
    rank = str(q.rank) if q.rank else ("not in the top 10" if en else "未进入前 10")
    fields = [
        ("Question" if en else "问题", q.question),
        ("Verdict" if en else "判定", verdict_name(verdict, lang)),
        ("Gold clauses" if en else "标准条款", "；".join(q.gold) or "—"),
        ("Rank of the gold clause" if en else "标准条款排名", rank),
        ("Answer" if en else "回答", q.answer or ("(declined)" if q.abstained else "—") if en
         else q.answer or ("（拒答）" if q.abstained else "—")),
        ("Cited" if en else "引用条款", "；".join(q.cited) or "—"),
        ("Retrieved" if en else "检索结果", "；".join(q.retrieved[:5]) or "—"),
        ("Numbers not in a cited clause" if en else "未见于条款的数字", "、".join(q.numbers_missing) or "—"),
    ]
    if q.error:
        fields.append(("Error" if en else "错误", q.error))
    body = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in fields)
    return f'<dl class="drill {"ok" if verdict == "ok" else "fail"}" data-id="{esc(q.id)}">{body}</dl>'


_DETAIL_ZH = (("numbers not in a cited clause", "未见于条款的数字"), ("supported sentences", "句子支持率"),
              ("citation recall", "引用召回率"), ("citation precision", "引用准确率"), ("gold rank", "标准条款排名"),
              ("abstained", "拒答"), ("answered", "作答"), ("error:", "错误："), ("miss", "未命中"), ("none", "无"))


def detail_text(detail: str, lang: str) -> str:
    """One change of a comparison (``evals.compare`` writes English) in the page's language."""
    if lang == "en":
        return detail
    for en, zh in _DETAIL_ZH:
        detail = detail.replace(en, zh)
    return detail


def comparison_html(c: Any, lang: str, a_name: str, b_name: str) -> str:
    """Totals side by side (changes coloured) and the questions that got better, worse or mixed."""
    en = lang == "en"
    rows = []
    for metric, va, vb in c.totals:
        cls = ""
        if va != vb and va not in ("–", "") and vb not in ("–", ""):
            up = float(vb) > float(va)
            cls = "better" if up != (metric in LOWER_IS_BETTER) else "worse"
        rows.append(f'<tr class="{cls}"><th class="name">{esc(metric_name(metric, lang))}</th>'
                    f'<td class="num">{esc(va)}</td><td class="num">{esc(vb)}</td></tr>')
    table = (f'<table class="eval-table compare"><thead><tr><th>{"Metric" if en else "指标"}</th>'
             f"<th>{esc(a_name)}</th><th>{esc(b_name)}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    names = {"better": ("变好", "Better"), "worse": ("变差", "Worse"), "mixed": ("有好有坏", "Mixed")}
    parts = [table]
    for verdict in ("worse", "better", "mixed"):
        chosen = c.of(verdict)
        title = names[verdict][1 if en else 0]
        items = "".join(f'<li class="{verdict}"><b>{esc(ch.id)}</b> {esc(ch.question)}'
                        f'<div class="details">{esc("；".join(detail_text(d, lang) for d in ch.details))}</div></li>'
                        for ch in chosen)
        parts.append(f'<h4 class="{verdict}">{esc(title)}（{len(chosen)}）</h4><ul class="changes">{items}</ul>')
    return f'<div class="comparison">{"".join(parts)}</div>'
