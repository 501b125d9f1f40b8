"""Draft candidate gold questions per clause, for evaluators to edit (``rag eval draft``).

Offline, questions come from templates over the clause's title, label and numbers; with a
chat model (``RAG_LLM_PROVIDER`` set, or one passed in) the model is asked for plain-worded
questions a civil servant would type. Every drafted line carries ``"reviewed": false`` and
names its gold clause, so an evaluator only rewrites the wording, checks the gold and flips
the flag; ``rag eval`` skips unreviewed lines unless told otherwise.

Example::

    drafts = draft_questions(Corpus(index.units), docs=["“十四五”新型城镇化实施方案"])
    write_jsonl(drafts, Path("evals/drafts.jsonl"))
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from evals.gold import Clause, Corpus
from rag.records import content_id

_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万亿|亿|万|个|公里|人|年)?")
_LIST_PREFIX = re.compile(r"^\s*(?:\d+[.、)）]|[-*•])\s*")

PROMPT = """下面是一份政策文件中的一个条款。请写出{n}个基层公务员可能会问、而这个条款能回答的问题。
要求：用日常口语，不要照抄条款原文的说法；每行一个问题，不要编号，不要解释。

条款：
{text}"""


def clause_title(clause: Clause) -> str:
    """The clause's own title words ("（六）深化户籍制度改革" → "深化户籍制度改革"), or ""."""
    head = clause.path[-1] if clause.path else ""
    if head.startswith(clause.label):
        head = head[len(clause.label):]
    head = head.strip(" 。.：:")
    if not head:
        first = re.split(r"[。；;]", clause.text.removeprefix(clause.label), maxsplit=1)[0]
        head = first.strip(" 。.：:") if len(first) <= 20 else ""
    return head


def gold_for(clause: Clause, corpus: Corpus) -> dict[str, Any]:
    """Label gold when the label names this clause alone in its document, else a quote."""
    if clause.label and len(corpus.clauses_by_label(clause.doc_id, clause.label)) == 1:
        return {"gold": [{"doc": clause.doc_id, "label": clause.label}]}
    if clause.label and len(corpus.clauses_by_label(clause.doc_id, clause.label, clause.path)) == 1:
        return {"gold": [{"doc": clause.doc_id, "label": clause.label, "path": list(clause.path)}]}
    body = clause.text.strip()
    start = len(body) // 3  # past the heading, inside the prose
    return {"quote": body[start : start + 24]}


def template_questions(clause: Clause) -> list[tuple[str, list[str]]]:
    """(question, tags) candidates from templates; wording is deliberately generic."""
    title = clause_title(clause)
    out: list[tuple[str, list[str]]] = []
    if clause.kind == "speech":
        out.append((f"{clause.label}的发言主要讲了什么？", []))
    elif clause.label.startswith(("（", "(", "第")) and not clause.label.endswith("段"):
        out.append((f"{clause.label}是关于什么的？", ["names_article"]))
    if title and title != clause.label:
        out.append((f"关于{title}，文件有哪些具体规定？", []))
        if _NUMBER.search(clause.text):
            out.append((f"关于{title}，有哪些数字目标或指标？", ["number"]))
        out.append((f"{title}方面有没有明确的要求？", ["yes_no"]))
    else:
        snippet = clause.text.strip()[:16]
        out.append((f"文件里“{snippet}”这部分是怎么说的？", []))
    return out


def llm_questions(clause: Clause, model: Any, n: int = 3) -> list[str]:
    """Ask a LangChain chat model for ``n`` plain-worded questions the clause answers."""
    reply = model.invoke(PROMPT.format(n=n, text=clause.text))
    content = getattr(reply, "content", reply)
    text = content if isinstance(content, str) else " ".join(str(c) for c in content)
    questions = [_LIST_PREFIX.sub("", line).strip() for line in text.splitlines()]
    return [q for q in questions if len(q) >= 4][:n]


def draft_questions(
    corpus: Corpus,
    *,
    docs: Iterable[str] | None = None,
    model: Any | None = None,
    per_clause: int = 3,
    skip_kinds: Sequence[str] = ("preamble",),
) -> list[dict[str, Any]]:
    """Candidate gold lines for every clause of ``docs`` (default: all documents).

    Args:
        corpus: the index's clauses.
        docs: document ids or unique substrings; None for all.
        model: a LangChain chat model; None for templates only.
        per_clause: at most this many questions per clause.
        skip_kinds: unit kinds not to draft for (chapter preambles are rarely asked about).

    Returns:
        JSON-ready dicts in the gold format with ``"reviewed": false`` and ``"source"``.

    Raises:
        ValueError: a ``docs`` entry that names no document or several.
    """
    wanted: set[str] | None = None
    if docs is not None:
        wanted = set()
        for name in docs:
            found = corpus.find_docs(name)
            if len(found) != 1:
                raise ValueError(f"--doc {name!r} matches {len(found)} documents; the index has: "
                                 f"{', '.join(corpus.doc_ids)}")
            wanted.update(found)
    out: list[dict[str, Any]] = []
    for clause in sorted(corpus.clauses.values(), key=lambda c: (c.doc_id, c.key[1])):
        if (wanted is not None and clause.doc_id not in wanted) or clause.kind in skip_kinds:
            continue
        gold = gold_for(clause, corpus)
        if model is not None:
            candidates = [(q, ["colloquial"], "llm") for q in llm_questions(clause, model, per_clause)]
        else:
            candidates = [(q, tags, "template") for q, tags in template_questions(clause)]
        for i, (question, tags, source) in enumerate(candidates[:per_clause], start=1):
            out.append({
                "id": f"draft-{content_id(clause.doc_id, length=6)}-{clause.key[1]:03d}-{i}",
                "question": question,
                **gold,
                "answerable": True,
                "tags": tags,
                "reviewed": False,
                "source": source,
            })
    return out


def write_jsonl(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Write rows as JSONL (UTF-8, Chinese unescaped); return how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
