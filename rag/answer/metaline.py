"""How a cited document's metadata reads in one line: title · kind · issuing body · number ·
dates · status — the fields that are known, in Chinese or English.

The CLI's source list and the app's clause panel both print this line, so they never disagree.

Example::

    meta_line(DocumentMeta(title="工伤保险条例", kind="regulation", issuer="国务院").shown(), zh=True)
    # "工伤保险条例 · 法规 · 国务院"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KIND_LABELS_ZH = {"law": "法律", "regulation": "法规", "policy": "政策文件", "commentary": "解读/评论",
                  "unknown": "未知类型", "formal": "正式文件（法律、法规、政策）"}
KIND_LABELS_EN = {"law": "law", "regulation": "regulation", "policy": "policy notice", "commentary": "commentary",
                  "unknown": "unknown kind", "formal": "formal (law, regulation, policy)"}
STATUS_LABELS_ZH = {"in_force": "现行有效", "amended": "已修订", "repealed": "已废止"}
STATUS_LABELS_EN = {"in_force": "in force", "amended": "amended", "repealed": "repealed"}


def meta_line(meta: Mapping[str, Any] | None, *, zh: bool) -> str:
    """The known fields of ``meta`` (``DocumentMeta.shown()`` or its JSON) as one line."""
    if not meta:
        return ""
    kinds, statuses = (KIND_LABELS_ZH, STATUS_LABELS_ZH) if zh else (KIND_LABELS_EN, STATUS_LABELS_EN)
    kind = str(meta.get("kind") or "")
    status = str(meta.get("status") or "")
    issued, effective = meta.get("issued") or "", meta.get("effective") or ""
    dates = [f"{issued}{'发布' if zh else ' issued'}" if issued else "",
             f"{effective}{'施行' if zh else ' in force'}" if effective else ""]
    parts = [str(meta.get("title") or ""), kinds.get(kind, kind), str(meta.get("issuer") or ""),
             str(meta.get("doc_number") or ""), *dates, statuses.get(status, status)]
    return " · ".join(p for p in parts if p)
