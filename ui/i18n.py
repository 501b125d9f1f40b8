# ruff: noqa: E501  (one string per line: the table reads as a glossary)
"""Interface strings: Chinese by default, English on the switch.

Only the interface is translated; document text and answers stay in the language they are in.
``t("ask", "en")`` looks a string up; a missing English string falls back to the Chinese one,
and a missing key is a KeyError (a typo should fail in the tests, not show a blank label).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
LANG_CHOICES: list[tuple[str, str]] = [("中文", "zh"), ("English", "en")]

STRINGS: dict[str, dict[str, str]] = {
    "title": {"zh": "政策文件问答", "en": "Policy Q&A"},
    "subtitle": {
        "zh": "回答中的每句话都标注出处条款，点击 [n] 查看原文。",
        "en": "Every statement cites the clause it comes from; click [n] to read it.",
    },
    "language": {"zh": "界面语言", "en": "Language"},
    # chat
    "tab_chat": {"zh": "问答", "en": "Ask"},
    "question": {"zh": "问题", "en": "Question"},
    "question_placeholder": {
        "zh": "例如：城区人口不到300万的城市还限制落户吗？",
        "en": "e.g. Do cities with fewer than 3 million urban residents still restrict hukou registration?",
    },
    "send": {"zh": "提问", "en": "Ask"},
    "clear": {"zh": "清空对话", "en": "Clear"},
    "doc_filter": {"zh": "只在这些文件中查找（不选则全部）", "en": "Search only these documents (none = all)"},
    "kind_filter": {"zh": "文件类型", "en": "Document kind"},
    "kind_all": {"zh": "全部类型", "en": "All kinds"},
    "examples": {"zh": "示例问题", "en": "Example questions"},
    "welcome": {
        "zh": "请输入问题，或点击下方的示例问题。回答只依据已收录的文件，并逐句标注出处。",
        "en": "Ask a question or pick an example below. Answers come only from the indexed documents, "
        "with a citation on every sentence.",
    },
    "you": {"zh": "你", "en": "You"},
    "assistant": {"zh": "回答", "en": "Answer"},
    "understood_as": {"zh": "理解为", "en": "Understood as"},
    "thinking": {"zh": "正在检索条款", "en": "Searching the clauses"},  # the style sheet animates the dots
    "unverified": {"zh": "生成中，引用尚未核验", "en": "Being written; citations not yet checked"},
    "sources": {"zh": "出处", "en": "Sources"},
    "maybe_related": {"zh": "可能相关", "en": "Possibly related"},
    "maybe_related_note": {
        "zh": "以下条款与问题最接近，但不足以支持回答，仅供参考：",
        "en": "These clauses are the closest to the question but do not support an answer:",
    },
    "not_found": {
        "zh": "所提供的文件中没有找到相关规定。",
        "en": "The provided documents contain no provision on this.",
    },
    "unsupported": {"zh": "此句未能在所引条款中核实", "en": "This sentence could not be verified in the cited clauses"},
    "copy": {"zh": "复制回答及出处", "en": "Copy answer with sources"},
    "copied": {"zh": "已复制", "en": "Copied"},
    "score": {"zh": "相关度", "en": "score"},
    "error": {"zh": "出错了", "en": "Something went wrong"},
    "empty_question": {"zh": "请先输入问题。", "en": "Please type a question first."},
    "no_index": {
        "zh": "还没有可用的索引。请在“文件”页上传文件，或在命令行运行 rag index。",
        "en": "There is no index yet. Upload documents on the Documents page or run `rag index`.",
    },
    # clause panel
    "clause_panel": {"zh": "条款原文", "en": "Clause"},
    "clause_hint": {
        "zh": "点击回答中的 [n] 或出处列表，在这里查看条款全文。",
        "en": "Click a [n] marker or a source to read the whole clause here.",
    },
    "prev_clause": {"zh": "上一条", "en": "Previous"},
    "next_clause": {"zh": "下一条", "en": "Next"},
    "supporting": {"zh": "高亮部分为引用核对在本条中找到的回答依据", "en": "Highlighted: where the citation check found the answer in this clause"},
    "supporting_meaning": {
        "zh": "回答中有句子按语义（而非字面）以本条为依据，无可高亮的原文。",
        "en": "A sentence of the answer rests on this clause by meaning, not wording: there are no words to highlight.",
    },
    "clause_missing": {
        "zh": "该条款已不在索引中（文件可能已被删除或更新）。",
        "en": "This clause is no longer in the index (the document may have been removed or changed).",
    },
    "passages": {"zh": "段", "en": "passages"},
    "pdf_open": {"zh": "查看 PDF 第 {page} 页", "en": "Show PDF page {page}"},
    "pdf_caption": {"zh": "PDF 原件第 {page} 页（条款文字已标出）", "en": "PDF page {page} (the clause's text marked)"},
    "pdf_missing": {"zh": "无法显示 PDF 原件：文件已不在文件目录中或无法打开。", "en": "Cannot show the PDF: the file is gone from the documents folder or cannot be opened."},
    # documents
    "tab_docs": {"zh": "文件", "en": "Documents"},
    "docs_table": {"zh": "已收录的文件", "en": "Indexed documents"},
    "col_title": {"zh": "标题", "en": "Title"},
    "col_format": {"zh": "格式", "en": "Format"},
    "col_units": {"zh": "条款单元", "en": "Units"},
    "col_warnings": {"zh": "解析警告", "en": "Warnings"},
    "pick_doc": {"zh": "查看文件的条款目录", "en": "Document to browse"},
    "remove_pick": {"zh": "要删除的文件", "en": "Document to remove"},
    "doc_clause_hint": {
        "zh": "点击左侧条款目录中的任一条款，在这里查看全文。",
        "en": "Click a clause in the clause tree to read it here.",
    },
    "upload_files": {"zh": "选择要上传的文件", "en": "Files to upload"},
    "warning_title": {"zh": "提示", "en": "Warning"},
    "error_title": {"zh": "出错了", "en": "Error"},
    "clause_tree": {"zh": "条款目录", "en": "Clause tree"},
    "warnings": {"zh": "解析警告", "en": "Parse warnings"},
    "no_warnings": {"zh": "没有解析警告。", "en": "No parse warnings."},
    "upload": {"zh": "上传文件", "en": "Upload documents"},
    "upload_hint": {
        "zh": "支持 .txt .md .pdf .docx .html，单个文件不超过 {mb} MB。上传后自动增量索引。",
        "en": "Accepted: .txt .md .pdf .docx .html, at most {mb} MB each. Indexed incrementally.",
    },
    "upload_btn": {"zh": "上传并索引", "en": "Upload and index"},
    "remove": {"zh": "删除文件", "en": "Remove document"},
    "remove_btn": {"zh": "删除并重建索引", "en": "Remove and re-index"},
    "remove_confirm": {"zh": "确认删除所选文件", "en": "I confirm removing this document"},
    "refresh": {"zh": "刷新", "en": "Refresh"},
    "status": {"zh": "状态", "en": "Status"},
    "no_files": {"zh": "请先选择要上传的文件。", "en": "Choose files to upload first."},
    "bad_type": {
        "zh": "{name}：不支持的文件类型（只接受 {types}）",
        "en": "{name}: unsupported type (accepted: {types})",
    },
    "too_big": {
        "zh": "{name}：文件过大（{size:.1f} MB，上限 {mb} MB）",
        "en": "{name}: too large ({size:.1f} MB, limit {mb} MB)",
    },
    "bad_name": {"zh": "{name}：文件名不可用", "en": "{name}: unusable file name"},
    "twin": {
        "zh": "{name}：已有同名的 {other}，请改名后再上传",
        "en": "{name}: {other} already has this name; rename the file first",
    },
    "copying": {"zh": "保存文件", "en": "Saving files"},
    "indexing": {"zh": "正在索引", "en": "Indexing"},
    "reloading": {"zh": "加载新索引", "en": "Loading the new index"},
    "indexed": {
        "zh": "索引完成：{documents} 个文件，{units} 个条款单元（新增 {added}，更新 {changed}，删除 {removed}），用时 {seconds:.1f} 秒。",
        "en": "Indexed: {documents} documents, {units} units ({added} added, {changed} changed, "
        "{removed} removed) in {seconds:.1f} s.",
    },
    "skipped": {"zh": "未能读取：{source}（{reason}）", "en": "Skipped {source}: {reason}"},
    "replaced": {"zh": "{name}：已替换同名文件", "en": "{name}: replaced the file of the same name"},
    "pick_to_remove": {
        "zh": "请先选择要删除的文件并勾选确认。",
        "en": "Pick a document and tick the confirmation first.",
    },
    "removed_doc": {"zh": "已删除 {name}。", "en": "Removed {name}."},
    "not_in_docs": {
        "zh": "{name} 不在文件目录中，无法从界面删除。",
        "en": "{name} is not in the documents directory; it cannot be removed from here.",
    },
    "busy": {"zh": "另一个索引任务正在进行，请稍后再试。", "en": "Another indexing job is running; try again shortly."},
    # quiz
    "tab_quiz": {"zh": "出题", "en": "Quiz"},
    "quiz_intro": {
        "zh": "根据所选文件的条款自动出题，每道题都注明出处条款。",
        "en": "Questions generated from the clauses of the chosen documents, each citing its clause.",
    },
    "quiz_docs": {"zh": "出题范围（不选则全部文件）", "en": "Documents (none = all)"},
    "quiz_n": {"zh": "题目数量", "en": "Number of questions"},
    "quiz_types": {"zh": "题型", "en": "Question types"},
    "quiz_difficulty": {"zh": "难度", "en": "Difficulty"},
    "quiz_seed": {"zh": "随机种子（相同种子出相同的题）", "en": "Seed (same seed, same quiz)"},
    "quiz_formats": {"zh": "导出格式", "en": "Export formats"},
    "quiz_go": {"zh": "生成试题", "en": "Generate quiz"},
    "quiz_download": {"zh": "下载", "en": "Download"},
    "quiz_answer": {"zh": "答案", "en": "Answer"},
    "quiz_source": {"zh": "出处", "en": "Source"},
    "quiz_none": {
        "zh": "没有生成题目：所选条款中找不到可出题的内容。",
        "en": "No questions: nothing quizzable in these clauses.",
    },
    # evaluation
    "tab_eval": {"zh": "评测", "en": "Evaluation"},
    "eval_intro": {
        "zh": "在标注问题集上运行问答，查看引用准确率等指标和图表，并下载报告。",
        "en": "Run the pipeline over a gold question set, see the metrics and plots, download the report.",
    },
    "eval_gold": {
        "zh": "标注问题集（JSONL，不上传则用内置开发集）",
        "en": "Gold set (JSONL; default: the built-in dev set)",
    },
    "eval_limit": {"zh": "最多评测的问题数（0 = 全部）", "en": "At most this many questions (0 = all)"},
    "eval_go": {"zh": "开始评测", "en": "Run evaluation"},
    "eval_metrics": {"zh": "指标", "en": "Metrics"},
    "eval_report": {"zh": "报告", "en": "Report"},
    "eval_running": {"zh": "正在评测", "en": "Evaluating"},
    "not_available": {
        "zh": "此功能尚未就绪：{what} 模块还没有合入。",
        "en": "Not available yet: the {what} module has not landed.",
    },
    # safety: roles, upload checks (ui/auth.py, ui/uploads.py)
    "need_admin": {
        "zh": "上传和删除文件需要管理员账号：请设置 RAG_USERS_FILE（或 RAG_UI_USER 与 RAG_UI_PASSWORD）后重启。",
        "en": "Uploading and removing documents needs an admin account: set RAG_USERS_FILE (or RAG_UI_USER and RAG_UI_PASSWORD) and restart.",
    },
    "no_permission": {
        "zh": "只有编辑或管理员可以上传、替换或删除文件。",
        "en": "Only editors and admins can upload, replace or remove documents.",
    },
    "replace_existing": {"zh": "替换同名文件（旧文件保留到新文件索引成功）", "en": "Replace documents of the same name (the old file is kept until the new one is indexed)"},
    "exists": {
        "zh": "{name}：已有同名文件，未覆盖；如需替换请勾选“替换同名文件”",
        "en": "{name}: a document of this name exists and was not overwritten; tick “replace” to replace it",
    },
    "is_link": {"zh": "{name}：同名文件是符号链接，不能通过上传替换", "en": "{name}: the existing file is a symbolic link and cannot be replaced by an upload"},
    "unreadable": {"zh": "{name}：无法索引，未保存（{reason}）", "en": "{name}: cannot be indexed, not saved ({reason})"},
    "storage_full": {
        "zh": "{name}：上传空间已满（已用 {used:.1f} MB，上限 {mb} MB）",
        "en": "{name}: upload storage is full ({used:.1f} MB used, limit {mb} MB)",
    },
    # the loader's reasons for a skipped file (ui/reasons.py)
    "reason_not_pdf": {"zh": "不是有效的 PDF 文件（缺少 PDF 文件头）", "en": "not a PDF file"},
    "reason_corrupt_pdf": {"zh": "PDF 文件已损坏，无法读取", "en": "corrupt PDF"},
    "reason_encrypted": {"zh": "PDF 文件已加密，需要密码才能打开", "en": "encrypted PDF"},
    "reason_scanned": {"zh": "PDF 中没有可提取的文字（可能是扫描件，暂不支持文字识别）", "en": "no extractable text (scanned PDF?)"},
    "reason_old_doc": {"zh": "这是旧版 Word .doc 文件，请在 Word 中另存为 .docx", "en": "an old Word .doc file"},
    "reason_corrupt_docx": {"zh": "DOCX 文件已损坏或过大，无法读取", "en": "corrupt or oversized DOCX"},
    "reason_empty": {"zh": "文件为空", "en": "empty file"},
    "reason_binary": {"zh": "这是二进制文件，不是文本", "en": "binary file, not text"},
    "reason_encoding": {"zh": "无法识别文字编码（已尝试 UTF-8 与 GB18030）", "en": "unknown text encoding"},
    "reason_too_large": {"zh": "文件过大，超过上限", "en": "file too large"},
    "reason_too_long": {"zh": "文字过长，超过每个文件的字数上限", "en": "text too long"},
    "reason_too_many_units": {"zh": "条款单元过多，超过每个文件的上限", "en": "too many units"},
    "reason_no_text": {"zh": "清理页码和不可见字符后没有剩下任何文字", "en": "no text left after cleaning"},
    "reason_unsupported": {"zh": "不支持的文件类型", "en": "unsupported file type"},
    "reason_html_deep": {"zh": "HTML 嵌套过深，无法读取", "en": "HTML nested too deeply"},
    "reason_index_failed": {"zh": "索引失败", "en": "indexing failed"},
    "reason_other": {"zh": "无法读取此文件（详细原因见服务器日志）", "en": "cannot be read (details in the server log)"},
    "internal_error": {"zh": "内部错误，请稍后再试；详情见服务器日志。", "en": "Internal error; try again later. Details are in the server log."},
    "upload_failed": {"zh": "上传失败，文件目录未作任何改动。详情见服务器日志。", "en": "The upload failed; nothing was changed. Details are in the server log."},
    "remove_failed": {"zh": "删除失败，文件已恢复。详情见服务器日志。", "en": "The removal failed; the document was restored. Details are in the server log."},

}


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The interface string ``key`` in ``lang`` (Chinese when there is no English), formatted."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["zh"]
    return text.format(**values) if values else text


def normalize_lang(value: str | None) -> Lang:
    """``"en"``/``"English"`` → ``"en"``; anything else → ``"zh"``."""
    if value and value.lower() in ("en", "english"):
        return "en"
    return "zh"


def _merge_page_strings() -> None:
    from ui.i18n_appdata import APPDATA_STRINGS
    from ui.i18n_builds import BUILD_STRINGS
    from ui.i18n_pages import PAGE_STRINGS

    for table in (PAGE_STRINGS, APPDATA_STRINGS, BUILD_STRINGS):
        clash = set(table) & set(STRINGS)
        if clash:
            raise KeyError(f"interface strings defined twice: {sorted(clash)}")
        STRINGS.update(table)


_merge_page_strings()
