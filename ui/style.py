# ruff: noqa: E501  (one CSS rule per line reads better than wrapped rules)
"""The app's theme and style sheet."""

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
.gradio-container { max-width: 1320px !important; margin: 0 auto; }
#app-header { display: flex; align-items: baseline; gap: 14px; flex-wrap: wrap; }
#app-header h1 { margin: 0; font-size: 1.6rem; color: #9f1c1c; letter-spacing: .04em; }
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
.rag-chat .msg.user .bubble { background: #9f1c1c; color: #fff; border-bottom-right-radius: 4px; }
.rag-chat .msg.bot .bubble { background: var(--background-fill-primary); border: 1px solid var(--border-color-primary); border-bottom-left-radius: 4px; width: 92%; }
.rag-chat .understood { font-size: .85em; color: var(--body-text-color-subdued); margin-bottom: 6px; }
.rag-chat .answer-text { white-space: pre-wrap; font-size: 1.02em; }
.rag-chat .answer-text.abstained { color: #8a5a00; font-weight: 600; }
.rag-chat .unverified-note { color: var(--body-text-color-subdued); font-size: 0.85em; }
.rag-chat .streaming[data-verified="false"] { opacity: 0.75; }
.rag-chat .pending { color: var(--body-text-color-subdued); font-style: italic; }
.rag-chat .pending::after { content: ' ⏳'; }
.rag-chat .error { color: #b42318; }
.rag-chat .unsupported { text-decoration: underline wavy #d97706; text-underline-offset: 3px; }
a.cite { color: #9f1c1c; font-weight: 600; text-decoration: none; padding: 0 1px; border-radius: 4px; cursor: pointer; }
a.cite:hover, a.cite.active { background: #fde2e2; }
.rag-chat sup { line-height: 0; }
.sources { margin-top: 10px; border-top: 1px dashed var(--border-color-primary); padding-top: 8px; font-size: .9em; }
.sources-title { font-weight: 600; color: var(--body-text-color-subdued); margin-bottom: 4px; }
.sources ol { list-style: none; padding-left: 0; margin: 0; display: flex; flex-direction: column; gap: 6px; }
.sources li.source a.src { color: inherit; text-decoration: none; }
.sources li.source a.src:hover .doc, .sources li.source a.src:hover .path { text-decoration: underline; }
.sources li.source .n { color: #9f1c1c; font-weight: 700; }
.sources li.source .doc { font-weight: 600; }
.sources li.source .path { color: var(--body-text-color-subdued); }
.sources li.source .snippet { color: var(--body-text-color-subdued); font-size: .92em; margin-left: 2.2em; }
.maybe-block { background: #fff8e6; border: 1px solid #f5d48a; border-radius: 8px; padding: 8px 10px; }
.maybe-block .note { color: #8a5a00; font-size: .92em; margin-bottom: 6px; }
.badge { display: inline-block; font-size: .75em; padding: 0 6px; margin-left: 6px; border-radius: 999px; vertical-align: middle; }
.badge.maybe { background: #fde68a; color: #7a4b00; }
.badge.stale { background: #fee2e2; color: #991b1b; }
.clause-meta { color: #4b5563; font-size: .85em; margin: 2px 0 4px; }
.clause-meta.stale { color: #991b1b; }
.actions { margin-top: 8px; display: flex; justify-content: flex-end; }
.copy-btn { font-size: .82em; border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary); border-radius: 6px; padding: 2px 10px; cursor: pointer; }
.copy-btn:hover { background: var(--background-fill-primary); }
#examples { gap: 6px; flex-wrap: wrap; }
#examples button.example { flex: 0 1 auto !important; min-width: 0 !important; font-weight: 400; }
.examples-title p { margin: 6px 0 0 0; font-weight: 600; }

/* clause panel */
.clause { border: 1px solid var(--border-color-primary); border-left: 4px solid #9f1c1c; border-radius: 10px; padding: 14px 16px; background: var(--background-fill-primary); }
.clause.empty { border-left-color: var(--border-color-primary); color: var(--body-text-color-subdued); text-align: center; padding: 36px 16px; }
.clause-doc { font-weight: 700; font-size: 1.05em; margin-bottom: 6px; }
.crumbs { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 10px; font-size: .88em; }
.crumbs .crumb { background: var(--background-fill-secondary); border-radius: 6px; padding: 1px 8px; color: var(--body-text-color-subdued); }
.crumbs .crumb + .crumb::before { content: '› '; }
.clause-text { white-space: pre-wrap; line-height: 1.85; max-height: 460px; overflow-y: auto; }
.clause-text mark { background: #fff1a8; padding: 1px 0; border-radius: 2px; }
.clause-note { font-size: .82em; color: var(--body-text-color-subdued); margin-top: 6px; }
.clause-nav { display: flex; justify-content: space-between; gap: 8px; margin-top: 12px; border-top: 1px dashed var(--border-color-primary); padding-top: 8px; font-size: .9em; }
.clause-nav a.nav { color: #9f1c1c; text-decoration: none; }
.clause-nav a.nav:hover { text-decoration: underline; }

/* documents */
.clause-tree { font-size: .92em; line-height: 1.7; }
.clause-tree ul { list-style: none; padding-left: 1.1em; margin: 0; }
.clause-tree > ul { padding-left: 0; }
.clause-tree summary { cursor: pointer; }
.clause-tree a.nav { color: inherit; text-decoration: none; }
.clause-tree a.nav:hover { color: #9f1c1c; text-decoration: underline; }
.clause-tree .snip { color: var(--body-text-color-subdued); }
.clause-tree .tree-head { font-weight: 600; }
.warnings { font-size: .9em; background: #fff8e6; border: 1px solid #f5d48a; border-radius: 8px; padding: 6px 12px; }
.warnings.none { background: transparent; border: none; color: var(--body-text-color-subdued); padding: 0; }
.msg-box { border-radius: 8px; padding: 8px 12px; font-size: .92em; }
.msg-box ul { margin: 0; padding-left: 1.2em; }
.msg-box.ok { background: #ecfdf3; border: 1px solid #abefc6; }
.msg-box.warn { background: #fff8e6; border: 1px solid #f5d48a; }
.msg-box.error { background: #fef3f2; border: 1px solid #fecdca; }
.msg-box.info { background: var(--background-fill-secondary); }

/* quiz */
.quiz ol { padding-left: 1.4em; }
.quiz li.item { margin-bottom: 14px; line-height: 1.7; }
.quiz .options { list-style: upper-alpha; padding-left: 1.6em; }
.quiz .key { color: #067647; font-weight: 600; }
.quiz .src { color: var(--body-text-color-subdued); font-size: .88em; }
.bank-head .item-id { margin-right: 4px; }
.badge.status.ok { background: #d1fae5; color: #065f46; }
.badge.status.failed, .badge.status.missing { background: #fee2e2; color: #991b1b; }
.badge.status.review { background: #fde68a; color: #7a4b00; }
.badge.tag { background: #e0e7ff; color: #3730a3; }
.verdict.ok { color: #067647; font-weight: 600; }
.verdict.failed { color: #b42318; }
/* evaluation */
.eval-table { border-collapse: collapse; width: 100%; font-size: .92em; }
.eval-table th, .eval-table td { border-bottom: 1px solid var(--border-color-primary); padding: 4px 8px; text-align: left; }
.eval-table th.name, .eval-table td.num, .eval-table thead th { white-space: nowrap; word-break: keep-all; }
.eval-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.eval-scroll { overflow-x: auto; }
.legend { color: var(--body-text-color-subdued); font-size: .88em; columns: 2; }
.eval-table td.help { color: var(--body-text-color-subdued); font-size: .9em; }
.eval-table tr.better td, .changes li.better, h4.better { color: #067647; }
.eval-table tr.worse td, .changes li.worse, h4.worse { color: #b42318; }
.eval-table tr.better { background: #ecfdf3; }
.eval-table tr.worse { background: #fef3f2; }
.changes .details { color: var(--body-text-color-subdued); font-size: .88em; }
dl.drill dt { font-weight: 600; margin-top: 6px; }
dl.drill dd { margin-left: 1.2em; }
dl.drill.fail { border-left: 3px solid #b42318; padding-left: 8px; }
"""
