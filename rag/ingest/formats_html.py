"""Web pages (BeautifulSoup): visible text, blocks on their own lines, headings as Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rag.ingest.decode import decode_text
from rag.ingest.errors import LoadError, clean_title
from rag.text import HAN_CLASS

if TYPE_CHECKING:
    from bs4.element import PageElement, Tag

_DROP = frozenset({"script", "style", "nav", "noscript", "template", "head", "iframe", "object", "svg",
                   "canvas"})
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
                    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
                    "form", "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary",
                    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML collapses these, but not U+3000 or &nbsp;
_CJK = f"{HAN_CLASS}\u3000-\u303f\uff00-\uffef"  # Han, CJK punctuation, full-width forms
# Browsers drop a source line break between two CJK characters instead of showing a space.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")


def load_html(path: Path, data: bytes) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    declared = _META_CHARSET.search(data[:4096])
    text = decode_text(data, path, declared=declared.group(1).decode("ascii") if declared else None)
    try:
        soup = BeautifulSoup(text, "html.parser")
        title = clean_title(soup.title.get_text(" ", strip=True) if soup.title else "")
        raw = _html_text(soup)
    except RecursionError:
        raise LoadError(path, "HTML nested too deeply to read") from None
    # U+3000 is kept: Chinese pages indent paragraphs with it, as the .txt documents do.
    lines = (line.strip(" \t\xa0") for line in raw.split("\n"))
    return "\n".join(line for line in lines if line.strip()), title


def _html_text(root: Tag) -> str:
    """The visible text of ``root``'s children: blocks on their own lines, headings as Markdown.

    The walk keeps its own stack (and never edits the tree, which costs bs4 time proportional
    to the subtree per edit), so a maliciously deep page cannot exhaust Python's recursion
    limit or take quadratic time.
    """
    from bs4.element import NavigableString, PreformattedString, Tag

    out: list[str] = []
    # (node, inside <pre>)
    stack: list[tuple[PageElement | str, bool]] = [(child, False) for child in reversed(root.contents)]
    while stack:
        node, pre = stack.pop()
        if isinstance(node, NavigableString):
            # Comments, doctype, CDATA and processing instructions are not visible text.
            if not isinstance(node, PreformattedString):
                out.append(str(node) if pre else _HTML_SPACE.sub(" ", _CJK_BREAK.sub("", str(node))))
        elif isinstance(node, str):  # a line break queued after a block's children
            out.append(node)
        elif isinstance(node, Tag) and node.name not in _DROP and not _invisible(node):
            if node.name == "br":
                out.append("\n")
            elif level := _HEADINGS.get(node.name, 0):
                head = " ".join(_html_text(node).split())
                out.append(f"\n{'#' * level} {head}\n" if head else "\n")
            elif node.name == "tr":
                cells = (" ".join(_html_text(c).split()) for c in node.find_all(["td", "th"], recursive=False))
                out.append("\n" + "  ".join(c for c in cells if c) + "\n")
            else:
                if node.name in _BLOCK:
                    out.append("\n")
                    stack.append(("\n", pre))
                inner = pre or node.name == "pre"
                stack.extend((child, inner) for child in reversed(node.contents))
    return "".join(out)


def _invisible(tag: Tag) -> bool:
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style
