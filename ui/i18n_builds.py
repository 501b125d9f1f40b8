# ruff: noqa: E501  (one string per line: the table reads as a glossary)
"""Interface strings of background index builds on the documents page (merged into
``ui.i18n.STRINGS``; a key defined twice is an error at import)."""

from __future__ import annotations

BUILD_STRINGS: dict[str, dict[str, str]] = {
    "build_started": {"zh": "正在建立索引…", "en": "Building the index…"},
    "build_step": {"zh": "正在建立索引…（{step}）", "en": "Building the index… ({step})"},
    "build_units": {"zh": "已嵌入 {done} / {total} 个单元", "en": "{done} / {total} units embedded"},
    "build_rate": {"zh": "每秒 {rate:.1f} 个，预计还需 {eta}", "en": "{rate:.1f} units/s, about {eta} left"},
    "build_elapsed": {"zh": "已用时 {seconds:.0f} 秒；提问仍按当前索引回答。", "en": "{seconds:.0f} s so far; questions are still answered from the current index."},
    "build_seconds": {"zh": "{seconds:.0f} 秒", "en": "{seconds:.0f} s"},
    "build_busy": {
        "zh": "该知识库正在建立索引，请等当前任务完成后再试；本次请求未执行（所选文件仍保留）。",
        "en": "This knowledge base is already being indexed; try again when the current build has finished. Nothing was done (your files are still selected).",
    },
    "reindex_btn": {"zh": "重建索引", "en": "Re-index"},
    "reindex_done": {"zh": "已重新索引文件目录。", "en": "Re-indexed the documents folder."},
    "reindex_failed": {"zh": "重建索引失败，已发布的索引保持不变。", "en": "Re-indexing failed; the published index is unchanged."},
    "build_failed": {"zh": "原因：内部错误（{error}），详情见服务器日志；已发布的索引保持不变。", "en": "Reason: internal error ({error}), details in the server log; the published index is unchanged."},
    "build_no_folder": {"zh": "原因：文件目录不存在；已发布的索引保持不变。", "en": "Reason: the documents folder does not exist; the published index is unchanged."},
    "build_no_model": {"zh": "原因：嵌入模型无法加载；已发布的索引保持不变。", "en": "Reason: the embedding model could not be loaded; the published index is unchanged."},
    "build_no_memory": {"zh": "原因：内存不足；已发布的索引保持不变。", "en": "Reason: out of memory; the published index is unchanged."},
    "build_no_space": {"zh": "原因：磁盘空间不足；已发布的索引保持不变。", "en": "Reason: no space left on the disk; the published index is unchanged."},
}
