"""The status box of the documents page: what a build changed, its progress, and its result."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from rag.index.build import BuildReport
from ui.backend import Backend, UploadResult
from ui.builds import BuildStatus, worker_for
from ui.i18n import t
from ui.reasons import reason_text
from ui.render import esc

_STEP = {"copy": "copying", "index": "indexing", "reload": "reloading"}


def report_lines(report: BuildReport, lang: str) -> list[str]:
    lines = [
        t(
            "indexed",
            lang,
            documents=report.documents,
            units=report.units,
            added=len(report.added),
            changed=len(report.changed),
            removed=len(report.removed),
            seconds=report.seconds,
        )
    ]
    lines += [
        t("skipped", lang, source=Path(s.source).name, reason=reason_text(s.reason, lang)) for s in report.skipped
    ]
    return lines


def upload_lines(result: UploadResult, lang: str) -> list[str]:
    lines = [
        t(key, lang, name=name, **{k: reason_text(str(v), lang) if k == "reason" else v for k, v in values.items()})
        for name, key, values in result.rejected
    ]
    lines += [t("replaced", lang, name=name) for name in result.replaced]
    if result.report is not None:
        lines += report_lines(result.report, lang)
    return lines


def status_html(lines: Sequence[str], kind: str = "info") -> str:
    if not lines:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'<div class="msg-box {esc(kind)}"><ul>{items}</ul></div>'


def _duration(seconds: float, lang: str) -> str:
    if seconds >= 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return t("build_seconds", lang, seconds=seconds)


def progress_lines(status: BuildStatus, lang: str, now: float | None = None) -> list[str]:
    """The lines of a running build: its step, units embedded / total, units/s and the time left."""
    elapsed = (time.monotonic() if now is None else now) - status.started
    p = status.progress
    lines = [t("build_step", lang, step=t(_STEP.get(p.step, p.step), lang))]
    if p.total:
        units = t("build_units", lang, done=p.done, total=p.total)
        if p.rate and p.eta is not None:
            units += "，" if lang == "zh" else ", "
            units += t("build_rate", lang, rate=p.rate, eta=_duration(p.eta, lang))
        lines.append(units)
    lines.append(t("build_elapsed", lang, seconds=elapsed))
    return lines


def result_lines(status: BuildStatus, lang: str) -> tuple[list[str], str]:
    """The lines and box kind of a finished build: what it changed, or why it failed."""
    if status.state == "failed":
        if status.error == "busy":
            return [t("busy", lang)], "warn"
        if status.error == "not_in_docs":
            return [t("not_in_docs", lang, **status.error_values)], "warn"
        head = {"upload": "upload_failed", "remove": "remove_failed", "reindex": "reindex_failed"}[status.kind]
        return [t(head, lang), t(status.error, lang, **status.error_values)], "error"
    result = status.result
    if isinstance(result, UploadResult):
        kind = "warn" if result.rejected or (result.report and result.report.skipped) else "ok"
        return upload_lines(result, lang), kind
    assert isinstance(result, BuildReport)
    first = [t("removed_doc", lang, name=status.target)] if status.kind == "remove" else [t("reindex_done", lang)]
    return [*first, *report_lines(result, lang)], "warn" if result.skipped else "ok"


def build_status_html(status: BuildStatus | None, lang: str) -> str:
    """The status box of an index's background build: progress while it runs, then its result."""
    if status is None:
        return ""
    if status.running:
        return status_html(progress_lines(status, lang), "info building")
    lines, kind = result_lines(status, lang)
    return status_html(lines, kind)


def load_status(backend: Backend, lang: str) -> tuple[str, Any]:
    """The status box and the poll timer for a page opened while a build of ``backend`` runs."""
    status = worker_for(backend).status()
    running = status is not None and status.running
    return (build_status_html(status, lang) if running else ""), gr.Timer(active=running)
