# ruff: noqa: E501  (one CSS rule per line reads better than wrapped rules)
"""Styles of the feedback buttons, the conversation list and the retrieval test page (appended to ``ui.style.CSS``).

Colours come from Gradio's theme variables, so the rules hold in a dark theme as in a light one.
"""

from __future__ import annotations

APPDATA_CSS = """
.rag-chat .actions .feedback { display: inline-flex; gap: 4px; margin-left: 8px; }
.rag-chat .fb-btn { border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary); color: var(--body-text-color); border-radius: 999px; padding: 0 8px; font-size: .85em; line-height: 1.7; cursor: pointer; }
.rag-chat .fb-btn:hover { border-color: var(--color-accent); }
#history-list .wrap { flex-direction: column; align-items: stretch; max-height: 260px; overflow-y: auto; flex-wrap: nowrap; }
.kb-row { align-items: flex-end !important; }
.probe-table { width: 100%; border-collapse: collapse; font-size: .92em; margin-top: 8px; }
.probe-table th, .probe-table td { border-bottom: 1px solid var(--border-color-primary); padding: 6px 8px; text-align: left; vertical-align: top; }
.probe-table td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.probe-table td .r, .probe-table td .path { color: var(--body-text-color-subdued); }
.probe-table td .doc { font-weight: 600; }
.probe-settings { color: var(--body-text-color-subdued); }
.probe-signals ul { columns: 2; margin: 4px 0 0; }
"""
