# ruff: noqa: E501  (one string per line: the table reads as a glossary)
"""Interface strings of the quiz/bank and evaluation pages (merged into ``ui.i18n.STRINGS``).

Kept apart so that the two pages' many strings do not crowd the shared table.
"""

from __future__ import annotations

PAGE_STRINGS: dict[str, dict[str, str]] = {
    # quiz: scope and preview
    "quiz_chapters": {"zh": "章节（如 三、；多个用逗号分隔）", "en": "Chapters (a heading number as the document writes it, e.g. Chapter III; comma-separated)"},
    "quiz_clauses": {"zh": "条款（如 （六）、第十四条；多个用逗号分隔）", "en": "Clauses (a clause number as the document writes it, e.g. Article 17; comma-separated)"},
    "quiz_show_answers": {"zh": "显示答案与解析", "en": "Show answers and explanations"},
    "quiz_generated": {"zh": "已生成 {n} 道题并存入题库。", "en": "Generated {n} questions and saved them to the bank."},
    "quiz_short": {"zh": "只生成了 {n} 道题（要求 {wanted} 道）：所选条款中可出题的句子不够。", "en": "Only {n} of {wanted} questions: the selection has too few testable sentences."},
    # bank
    "bank_title": {"zh": "题库", "en": "Question bank"},
    "bank_search": {"zh": "搜索题干、选项、答案或条款", "en": "Search stems, options, keys or clauses"},
    "bank_tags": {"zh": "标签（多个用逗号分隔）", "en": "Tags (comma-separated)"},
    "bank_status": {"zh": "状态", "en": "Status"},
    "bank_find": {"zh": "搜索题库", "en": "Search the bank"},
    "bank_count": {"zh": "题库中共 {total} 道题，显示 {shown} 道；待复核 {review} 道。", "en": "{total} questions in the bank, {shown} shown; {review} waiting for review."},
    "bank_empty": {"zh": "题库中没有符合条件的题目。", "en": "No questions in the bank match."},
    "bank_item_id": {"zh": "题号（#）", "en": "Item number (#)"},
    "bank_load": {"zh": "载入编辑", "en": "Load for editing"},
    "bank_question": {"zh": "题干", "en": "Question"},
    "bank_options": {"zh": "选项（每行一个）", "en": "Options (one per line)"},
    "bank_answer": {"zh": "答案（选择题填字母如 B 或 AC；判断题填 正确/错误）", "en": "Key (a letter such as B or AC for choices; True/False)"},
    "bank_explanation": {"zh": "解析", "en": "Explanation"},
    "bank_save": {"zh": "保存并复核", "en": "Save and re-check"},
    "bank_regenerate": {"zh": "重新生成此题", "en": "Regenerate this item"},
    "bank_delete": {"zh": "删除此题", "en": "Delete this item"},
    "bank_set_tags": {"zh": "设置标签", "en": "Set tags"},
    "bank_no_item": {"zh": "题库中没有第 {id} 题。", "en": "There is no item #{id} in the bank."},
    "bank_deleted": {"zh": "已删除第 {id} 题。", "en": "Deleted item #{id}."},
    "bank_tagged": {"zh": "第 {id} 题的标签：{tags}", "en": "Tags of item #{id}: {tags}"},
    "verdict_ok": {"zh": "复核通过：答案与所引条款一致。", "en": "Re-check passed: the key agrees with the cited clause."},
    "verdict_failed": {"zh": "复核未通过，请修改：", "en": "Re-check failed; please correct:"},
    "verdict_review": {"zh": "条款已修改，请复核此题（答案可能已不成立）。", "en": "The clause has changed; review this item (its key may no longer hold)."},
    "verdict_missing": {"zh": "所引条款已不在索引中。", "en": "The cited clause is no longer in the index."},
    "verdict_ambiguous": {"zh": "无法确定此题引用的是哪一条（文件中有多条同编号条款，且均非出题时的原文），请复核后修改或删除：",
                          "en": "Cannot tell which clause this item cites (several share its number and none has the "
                                "text it was made from); review, then edit or delete it:"},
    "status_ok": {"zh": "通过", "en": "OK"},
    "status_failed": {"zh": "未通过", "en": "Failed"},
    "status_review": {"zh": "待复核", "en": "Review"},
    "status_missing": {"zh": "条款已删除", "en": "Clause gone"},
    "status_ambiguous": {"zh": "条款不明", "en": "Clause unclear"},
    "edited": {"zh": "已修改", "en": "edited"},
    # paper
    "paper_title": {"zh": "组卷", "en": "Assemble a paper"},
    "paper_name": {"zh": "试卷标题（不填则为《文件名》培训测验）", "en": "Paper title (default: Quiz: <document>)"},
    "paper_count": {"zh": "题目数量", "en": "Number of questions"},
    "paper_difficulties": {"zh": "难度（不选则不限）", "en": "Difficulties (none = any)"},
    "paper_go": {"zh": "组卷并导出", "en": "Assemble and export"},
    "paper_made": {"zh": "试卷共 {n} 道题：学生版不含答案，教师版附答案与所引条款。", "en": "The paper has {n} questions: the student version has no answers; the teacher version adds the key with the cited clauses."},
    "paper_none": {"zh": "题库中没有符合条件且复核通过的题目，请先生成试题。", "en": "No checked questions in the bank match; generate some first."},
    # evaluation
    "eval_gold_help": {"zh": "标注问题集为 JSONL 文件，每行一个问题：{\"id\", \"question\", \"gold\": [{\"doc\", \"label\"}] 或 \"quote\", \"answerable\", \"tags\"}，可加 \"verdict\"、\"figure\"、\"history\"，详见 evals/README.md。可同时选择多个文件：每个文件算一个语料组，页面按语料分别给出结果。", "en": "A gold set is a JSONL file, one question a line: {\"id\", \"question\", \"gold\": [{\"doc\", \"label\"}] or \"quote\", \"answerable\", \"tags\"}, optionally \"verdict\", \"figure\", \"history\"; see evals/README.md. Choose several files to get figures per corpus (one group per file)."},
    "eval_running_n": {"zh": "正在评测 {n} 个问题…", "en": "Evaluating {n} questions…"},
    "eval_slices": {"zh": "各类问题", "en": "By slice"},
    "eval_drill": {"zh": "逐题查看", "en": "Question by question"},
    "eval_failures_only": {"zh": "只看未通过的问题", "en": "Only questions that failed"},
    "eval_pick": {"zh": "选择问题查看详情", "en": "Pick a question to see its details"},
    "eval_compare": {"zh": "对比两次评测", "en": "Compare two runs"},
    "eval_run_a": {"zh": "评测结果 A（results.json）", "en": "Run A (results.json)"},
    "eval_run_b": {"zh": "评测结果 B（results.json，不上传则用本次评测）", "en": "Run B (results.json; default: this page's run)"},
    "eval_compare_go": {"zh": "对比", "en": "Compare"},
    "eval_compare_need": {"zh": "请上传评测结果 A，并上传 B 或先在本页运行一次评测。", "en": "Upload run A, and run B or run an evaluation on this page first."},
    "eval_this_run": {"zh": "本次评测", "en": "this run"},
}
