# ruff: noqa: E501  (one CSS rule per line reads better than wrapped rules)
"""The app's theme and style sheet.

Every colour of the app's own markup is a variable defined twice: for the light theme and, under
Gradio's ``.dark`` class (set when the operating system or ``?__theme=dark`` asks for it), for the
dark one — so a highlighted sentence is dark text on yellow in one and light text on brown in
the other, never white on pale yellow. Narrow screens (phones, 390 px) get one column, a title
that wraps by words, and tables whose short cells never break inside a word.
"""

from __future__ import annotations

import gradio as gr

FONTS = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif"]


def theme() -> gr.themes.Base:
    return gr.themes.Soft(
        primary_hue=gr.themes.colors.red,
        secondary_hue=gr.themes.colors.slate,
        neutral_hue=gr.themes.colors.slate,
        font=FONTS,
    ).set(body_text_size="15px")


CSS = """
:root {
  --rag-accent: #9f1c1c; --rag-accent-soft: #fde2e2; --rag-on-accent: #ffffff; --rag-bubble: #9f1c1c;
  --rag-mark-bg: #fff1a8; --rag-mark-fg: #1f2937;
  --rag-warn-bg: #fff8e6; --rag-warn-border: #f5d48a; --rag-warn-fg: #8a5a00;
  --rag-ok-bg: #ecfdf3; --rag-ok-border: #abefc6; --rag-ok-fg: #067647;
  --rag-err-bg: #fef3f2; --rag-err-border: #fecdca; --rag-err-fg: #b42318;
  --rag-badge-bg: #fde68a; --rag-badge-fg: #7a4b00;
  --rag-tag-bg: #e0e7ff; --rag-tag-fg: #3730a3;
}
.dark {
  --rag-accent: #f87171; --rag-accent-soft: #4c1d1d; --rag-on-accent: #ffffff; --rag-bubble: #8f1d1d;
  --rag-mark-bg: #7c5a06; --rag-mark-fg: #fff7d6;
  --rag-warn-bg: #33270a; --rag-warn-border: #8a6a1f; --rag-warn-fg: #fcd58a;
  --rag-ok-bg: #0b2e1c; --rag-ok-border: #1f6f45; --rag-ok-fg: #86efac;
  --rag-err-bg: #3a1412; --rag-err-border: #8f2f28; --rag-err-fg: #fca5a5;
  --rag-badge-bg: #6b4a0a; --rag-badge-fg: #fde68a;
  --rag-tag-bg: #312e81; --rag-tag-fg: #e0e7ff;
}
.gradio-container { max-width: 1320px !important; width: 100% !important; margin: 0 auto; }
#tabs, #tabs > .tabitem, #tabs .tabitem { width: 100%; box-sizing: border-box; }
#app-header { display: flex; align-items: baseline; gap: 4px 14px; flex-wrap: wrap; }
#app-header h1 { margin: 0; font-size: 1.6rem; color: var(--rag-accent); letter-spacing: .04em; word-break: keep-all; overflow-wrap: normal; }
#header-html { min-width: min(100%, 280px) !important; flex: 1 1 280px !important; }
#app-header .sub { color: var(--body-text-color-subdued); }

/* conversation */
#transcript { border: 1px solid var(--border-color-primary); border-radius: 12px; background: var(--background-fill-secondary); }
.rag-chat { padding: 14px 16px; display: flex; flex-direction: column; gap: 12px; max-height: 640px; min-height: 240px; overflow-y: auto; position: relative; }
#clause-col { position: sticky; top: 8px; align-self: flex-start; }
#ask-row { align-items: stretch; }
#ask-row textarea { font-size: 1.02em; }
#lang-switch .wrap { flex-wrap: nowrap; }
#header-row { align-items: center; }
.rag-chat.empty .welcome { color: var(--body-text-color-subdued); padding: 28px 8px; text-align: center; line-height: 1.8; }
.rag-chat .msg { display: flex; }
.rag-chat .msg.user { justify-content: flex-end; }
.rag-chat .msg .bubble { max-width: 92%; padding: 10px 14px; border-radius: 12px; line-height: 1.75; word-break: break-word; }
.rag-chat .msg.user .bubble { background: var(--rag-bubble); color: var(--rag-on-accent); border-bottom-right-radius: 4px; }
.rag-chat .msg.bot .bubble { background: var(--background-fill-primary); border: 1px solid var(--border-color-primary); border-bottom-left-radius: 4px; width: 92%; }
.rag-chat .understood { font-size: .85em; color: var(--body-text-color-subdued); margin-bottom: 6px; }
.rag-chat .answer-text { white-space: pre-wrap; font-size: 1.02em; }
.rag-chat .answer-text.abstained { color: var(--rag-warn-fg); font-weight: 600; }
.rag-chat .unverified-note { color: var(--body-text-color-subdued); font-size: 0.85em; }
.rag-chat .streaming[data-verified="false"] { opacity: 0.75; }
.rag-chat .pending { color: var(--body-text-color-subdued); font-style: italic; }
.rag-chat .pending::after { content: ''; display: inline-block; width: 1.5em; text-align: left; animation: rag-dots 1.2s steps(1) infinite; }
@keyframes rag-dots { 0% { content: ''; } 25% { content: '.'; } 50% { content: '..'; } 75% { content: '...'; } }
.rag-chat .error { color: var(--rag-err-fg); }
.rag-chat .unsupported { text-decoration: underline wavy #d97706; text-underline-offset: 3px; }
a.cite { color: var(--rag-accent); font-weight: 600; text-decoration: none; padding: 0 1px; border-radius: 4px; cursor: pointer; }
a.cite:hover, a.cite.active { background: var(--rag-accent-soft); }
.rag-chat sup { line-height: 0; }
.sources { margin-top: 10px; border-top: 1px dashed var(--border-color-primary); padding-top: 8px; font-size: .9em; }
.sources-title { font-weight: 600; color: var(--body-text-color-subdued); margin-bottom: 4px; }
.sources ol { list-style: none; padding-left: 0; margin: 0; display: flex; flex-direction: column; gap: 6px; }
.sources li.source a.src { color: inherit; text-decoration: none; }
.sources li.source a.src:hover .doc, .sources li.source a.src:hover .path { text-decoration: underline; }
.sources li.source .n { color: var(--rag-accent); font-weight: 700; }
.sources li.source .doc { font-weight: 600; }
.sources li.source .path { color: var(--body-text-color-subdued); }
.sources li.source .snippet { color: var(--body-text-color-subdued); font-size: .92em; margin-left: 2.2em; }
.maybe-block { background: var(--rag-warn-bg); border: 1px solid var(--rag-warn-border); border-radius: 8px; padding: 8px 10px; }
.maybe-block .note { color: var(--rag-warn-fg); font-size: .92em; margin-bottom: 6px; }
.badge { display: inline-block; font-size: .75em; padding: 0 6px; margin-left: 6px; border-radius: 999px; vertical-align: middle; }
.badge.maybe { background: var(--rag-badge-bg); color: var(--rag-badge-fg); }
.badge.stale { background: var(--rag-err-bg); color: var(--rag-err-fg); }
.clause-meta { color: var(--body-text-color-subdued, #4b5563); font-size: .85em; margin: 2px 0 4px; }
.clause-meta.stale { color: var(--rag-err-fg); }
.actions { margin-top: 8px; display: flex; justify-content: flex-end; }
.copy-btn { font-size: .82em; border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary); border-radius: 6px; padding: 2px 10px; cursor: pointer; }
.copy-btn:hover { background: var(--background-fill-primary); }
#examples { gap: 6px; flex-wrap: wrap; }
#examples button.example { flex: 0 1 auto !important; min-width: 0 !important; font-weight: 400; }
.examples-title p { margin: 6px 0 0 0; font-weight: 600; }

/* clause panel */
.clause { border: 1px solid var(--border-color-primary); border-left: 4px solid var(--rag-accent); border-radius: 10px; padding: 14px 16px; background: var(--background-fill-primary); }
.clause.empty { border-left-color: var(--border-color-primary); color: var(--body-text-color-subdued); text-align: center; padding: 36px 16px; }
.clause-doc { font-weight: 700; font-size: 1.05em; margin-bottom: 6px; }
.crumbs { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 10px; font-size: .88em; }
.crumbs .crumb { background: var(--background-fill-secondary); border-radius: 6px; padding: 1px 8px; color: var(--body-text-color-subdued); }
.crumbs .crumb + .crumb::before { content: '› '; }
.clause-text { white-space: pre-wrap; line-height: 1.85; max-height: 460px; overflow-y: auto; }
.clause-text mark { background: var(--rag-mark-bg); color: var(--rag-mark-fg); padding: 1px 0; border-radius: 2px; }
.clause-note { font-size: .82em; color: var(--body-text-color-subdued); margin-top: 6px; }
.clause-nav { display: flex; justify-content: space-between; gap: 8px; margin-top: 12px; border-top: 1px dashed var(--border-color-primary); padding-top: 8px; font-size: .9em; }
.clause-nav a.nav { color: var(--rag-accent); text-decoration: none; }
.clause-nav a.nav:hover { text-decoration: underline; }

/* documents */
.clause-tree { font-size: .92em; line-height: 1.7; }
.clause-tree ul { list-style: none; padding-left: 1.1em; margin: 0; }
.clause-tree > ul { padding-left: 0; }
.clause-tree summary { cursor: pointer; }
.clause-tree a.nav { color: inherit; text-decoration: none; }
.clause-tree a.nav:hover { color: var(--rag-accent); text-decoration: underline; }
.clause-tree .snip { color: var(--body-text-color-subdued); }
.clause-tree .tree-head { font-weight: 600; }
.warnings { font-size: .9em; background: var(--rag-warn-bg); border: 1px solid var(--rag-warn-border); border-radius: 8px; padding: 6px 12px; }
.warnings.none { background: transparent; border: none; color: var(--body-text-color-subdued); padding: 0; }
.msg-box { border-radius: 8px; padding: 8px 12px; font-size: .92em; }
.msg-box ul { margin: 0; padding-left: 1.2em; }
.msg-box.ok { background: var(--rag-ok-bg); border: 1px solid var(--rag-ok-border); }
.msg-box.warn { background: var(--rag-warn-bg); border: 1px solid var(--rag-warn-border); }
.msg-box.error { background: var(--rag-err-bg); border: 1px solid var(--rag-err-border); }
.msg-box.info { background: var(--background-fill-secondary); }

/* quiz */
.quiz ol { padding-left: 1.4em; }
.quiz li.item { margin-bottom: 14px; line-height: 1.7; }
.quiz .options { list-style: upper-alpha; padding-left: 1.6em; }
.quiz .key { color: var(--rag-ok-fg); font-weight: 600; }
.quiz .src { color: var(--body-text-color-subdued); font-size: .88em; }
.bank-head .item-id { margin-right: 4px; }
.badge.status.ok { background: var(--rag-ok-bg); color: var(--rag-ok-fg); }
.badge.status.failed, .badge.status.missing { background: var(--rag-err-bg); color: var(--rag-err-fg); }
.badge.status.review { background: var(--rag-badge-bg); color: var(--rag-badge-fg); }
.badge.tag { background: var(--rag-tag-bg); color: var(--rag-tag-fg); }
.verdict.ok { color: var(--rag-ok-fg); font-weight: 600; }
.verdict.failed { color: var(--rag-err-fg); }
/* evaluation */
.eval-table { border-collapse: collapse; width: 100%; font-size: .92em; }
.eval-table th, .eval-table td { border-bottom: 1px solid var(--border-color-primary); padding: 4px 8px; text-align: left; }
.eval-table th.name, .eval-table td.num, .eval-table thead th { white-space: nowrap; word-break: keep-all; }
.eval-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.eval-scroll { overflow-x: auto; }
.legend { color: var(--body-text-color-subdued); font-size: .88em; columns: 2; }
.eval-table td.help { color: var(--body-text-color-subdued); font-size: .9em; }
.eval-table tr.better td, .changes li.better, h4.better { color: var(--rag-ok-fg); }
.eval-table tr.worse td, .changes li.worse, h4.worse { color: var(--rag-err-fg); }
.eval-table tr.better { background: var(--rag-ok-bg); }
.eval-table tr.worse { background: var(--rag-err-bg); }
.changes .details { color: var(--body-text-color-subdued); font-size: .88em; }
dl.drill dt { font-weight: 600; margin-top: 6px; }
dl.drill dd { margin-left: 1.2em; }
dl.drill.fail { border-left: 3px solid var(--rag-err-fg); padding-left: 8px; }

/* documents table: short cells (format, counts) never break inside a word ("tx t") */
#docs-table td, #docs-table th, #docs-table .cell-wrap { word-break: keep-all; overflow-wrap: normal; }
#docs-table td:not(:first-child), #docs-table th:not(:first-child) { width: auto !important; min-width: 0 !important; max-width: none !important; }
#docs-table td:not(:first-child) .cell-wrap, #docs-table th:not(:first-child) .cell-wrap, #docs-table th:not(:first-child) span { white-space: nowrap; }

/* the PDF page beside its clause */
.pdf-page { margin-top: 10px; }
.pdf-page img { max-width: 100%; border: 1px solid var(--border-color-primary); border-radius: 6px; background: #fff; }
.pdf-page .pdf-caption { font-size: .85em; color: var(--body-text-color-subdued); margin-bottom: 4px; }
a.pdf-link { color: var(--rag-accent); font-size: .88em; margin-left: 6px; }

/* Gradio titles its notices with their type in English ("Warning"), whatever its locale: the
   Chinese interface (html lang zh-CN, set with Gradio's locale) shows Chinese titles instead. */
html:lang(zh) .toast-title.warning, html:lang(zh) .toast-title.error, html:lang(zh) .toast-title.info, html:lang(zh) .toast-title.success { font-size: 0; }
html:lang(zh) .toast-title::before { font-size: var(--text-md, 14px); }
html:lang(zh) .toast-title.warning::before { content: "提示"; }
html:lang(zh) .toast-title.error::before { content: "出错了"; }
html:lang(zh) .toast-title.info::before, html:lang(zh) .toast-title.success::before { content: "消息"; }

/* phones */
@media (max-width: 640px) {
  .gradio-container { padding: 0 6px !important; }
  #header-row { flex-wrap: wrap; }
  #header-row > * { min-width: 100% !important; }
  #app-header h1 { font-size: 1.35rem; }
  .rag-chat .msg .bubble { max-width: 100%; }
  .rag-chat .msg.bot .bubble { width: 100%; }
  #clause-col, #doc-clause-col { position: static; min-height: calc(100vh - 16px); } /* room to scroll the panel to the top */
  .clause-text { max-height: none; }
  .legend { columns: 1; }
}
"""
