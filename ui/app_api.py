"""The app's JSON API behind ``/ask`` and ``/upload``: checks, answers, and short Chinese errors."""

from __future__ import annotations

import base64
import binascii
import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from ui.backend import Backend, BusyError, NoIndexError
from ui.i18n import t
from ui.kb_backends import Backends

log = logging.getLogger(__name__)


def ask_json(backend: Backend | Backends, question: Any, kb: Any = "") -> dict[str, Any]:
    """Answer a question in knowledge base ``kb`` (id or name; "" for the default); returns exactly
    the JSON object printed by ``rag ask --json``.

    Errors reach the client as short Chinese messages, never as internal exception text.
    """
    if not isinstance(question, str) or not question.strip():
        raise gr.Error("请提供文字形式的问题。", title=t("error_title"))
    if kb is not None and not isinstance(kb, str):
        raise gr.Error(f"知识库名称应为文字，收到的是：{kb!r}", title=t("error_title"))
    if isinstance(backend, Backends):
        backends = backend
        try:
            backend = backends.get(kb or None)
        except KeyError:
            known = "、".join(name for name, _ in backends.choices())
            raise gr.Error(f"没有名为“{kb}”的知识库；现有：{known}", title=t("error_title")) from None
    elif kb:
        raise gr.Error(f"没有名为“{kb}”的知识库。", title=t("error_title"))
    try:
        return backend.ask(question)
    except NoIndexError as exc:
        log.warning("ask without an index: %s", exc)
        raise gr.Error("还没有可用的索引，请管理员先建立索引。", title=t("error_title")) from None
    except ValueError as exc:
        log.info("ask refused: %s", exc)
        raise gr.Error("无法回答这个问题：问题或文件范围无效。", title=t("error_title")) from None
    except Exception:
        log.exception("ask failed")
        raise gr.Error("内部错误，请稍后再试。", title=t("error_title")) from None


def upload_json(backend: Backend, name: Any, content_base64: Any, replace: Any = False) -> dict[str, Any]:
    """Upload one document given as base64 bytes; the upload page's checks, then a re-index.

    Returns ``{"saved", "replaced", "rejected": [{"name", "reason", …}], "documents", "units"}``.
    Errors reach the client as short Chinese messages, never as internal exception text.
    """
    if not isinstance(name, str) or not name.strip() or not isinstance(content_base64, str):
        raise gr.Error("请提供文件名和 base64 编码的文件内容。")
    limit = backend.settings.max_file_mb
    if len(content_base64) * 3 / 4 / 2**20 > limit:  # refused before decoding anything large
        raise gr.Error(f"文件超过 {limit:g} MB 的上限。")
    try:
        data = base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise gr.Error("文件内容不是有效的 base64。") from None
    with tempfile.TemporaryDirectory(prefix="rag-upload-api-") as folder:
        tmp = Path(folder) / "upload"
        tmp.write_bytes(data)
        try:
            result = backend.upload([(name, tmp)], replace=bool(replace))
        except BusyError:
            raise gr.Error("另一个索引任务正在进行，请稍后再试。") from None
        except Exception:
            log.exception("upload through the API failed")  # the upload changed nothing
            raise gr.Error("上传失败，文件目录未作任何改动。") from None
    report = result.report
    return {
        "saved": result.saved,
        "replaced": result.replaced,
        "rejected": [{"name": n, "reason": key, **{k: str(v) for k, v in values.items()}}
                     for n, key, values in result.rejected],
        "documents": report.documents if report else len(backend.documents()),
        "units": report.units if report else None,
    }
