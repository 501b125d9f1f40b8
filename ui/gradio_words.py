"""Gradio's own words in the interface language, also after the language switch.

Gradio draws the words of its widgets (the file drop zone, the "processing |" line of its status
tracker) from its locale when a widget first appears, and never redraws them: after the switch
a drop zone already on screen keeps the old language until the page reloads. Some of them are
not in its locale files at all ("processing |", "queue: 1/2 |" are fixed English in Gradio
6.31's status tracker). The page script here keeps them in the interface language: it rewrites
exactly those text nodes and ``aria-label`` values, inside Gradio's drop zones and status
trackers only, on every change of the page and on every switch.

The Chinese words are Gradio's own zh-CN ones where it has them (``upload_text.drop_file`` and
so on), so a drop zone looks the same whether Gradio or this script drew it.
"""

from __future__ import annotations

import json

# (English, Chinese), as Gradio 6.31 shows them; the text of one node, trimmed.
WORDS: tuple[tuple[str, str], ...] = (
    ("Drop File Here", "将文件拖放到此处"),
    ("- or -", "- 或 -"),
    ("Click to Upload", "点击上传"),
    ("processing |", "处理中 |"),
    ("Loading", "加载中"),
    ("Loading...", "加载中…"),
    ("Error", "错误"),
)
# aria-label values of the drop zone (read by screen readers).
LABELS: tuple[tuple[str, str], ...] = (
    ("Click to upload or drop files", "点击上传或拖放文件"),
    ("File upload", "上传文件"),
)
# The queue line, "queue: 2/5 |", has numbers in it.
QUEUE = ("queue: {position}/{size} |", "排队：{position}/{size} |")
# Where Gradio's own words are: its drop zones and its status trackers. Nothing else is touched.
AREAS = '[data-testid="upload-text"], .upload-container, [data-testid="status-tracker"], .progress-text'


def table(lang: str) -> dict[str, str]:
    """What each of Gradio's words becomes in ``lang`` ("zh" or "en"), from either language."""
    pairs = WORDS + LABELS
    if lang == "zh":
        return {en: zh for en, zh in pairs}
    return {zh: en for en, zh in pairs}


def script() -> str:
    """The page script (part of the app's ``js``): defines ``window.ragGradioWords(lang)``."""
    queue_en, queue_zh = (q.replace("{position}", "$1").replace("{size}", "$2") for q in QUEUE)
    return (
        "const ragWords = " + json.dumps({"zh": table("zh"), "en": table("en")}, ensure_ascii=False) + ";\n"
        "const ragQueue = " + json.dumps({"zh": queue_zh, "en": queue_en}, ensure_ascii=False) + ";\n"
        "const ragAreas = " + json.dumps(AREAS) + ";\n"
        + _SCRIPT
    )


_SCRIPT = r"""
const ragQueueText = /^(?:queue: |排队：)(\d+)\/(\d*) \|$/;
let ragLang = 'zh';
const ragWordsIn = (root) => {
  const words = ragWords[ragLang];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const raw = node.nodeValue;
    const text = raw.trim();
    if (!text || text.length > 40) continue;
    let said = words[text];
    if (said === undefined && ragQueueText.test(text)) said = text.replace(ragQueueText, ragQueue[ragLang]);
    if (said !== undefined && said !== text) node.nodeValue = raw.replace(text, said);
  }
  for (const el of [root, ...root.querySelectorAll('[aria-label]')]) {
    const label = el.getAttribute && el.getAttribute('aria-label');
    if (label && words[label] !== undefined) el.setAttribute('aria-label', words[label]);
  }
};
const ragWordsEverywhere = () => document.querySelectorAll(ragAreas).forEach(ragWordsIn);
window.ragGradioWords = (lang) => { ragLang = lang === 'en' ? 'en' : 'zh'; ragWordsEverywhere(); };
// At once, in the observer's callback (before the browser paints): the English is never seen.
new MutationObserver((changes) => {
  if (changes.some((c) => { const el = c.target.nodeType === 1 ? c.target : c.target.parentElement;
                            return el && (el.closest(ragAreas) || el.querySelector(ragAreas)); })) ragWordsEverywhere();
}).observe(document.body, { childList: true, subtree: true, characterData: true });
"""
