"""The loader's one-line reasons (English, for logs and the CLI) in the interface's language.

``rag`` reports why a file was skipped in English ("corrupt PDF: not a PDF file (no %PDF
header)"); the Chinese interface must not show that inside a Chinese sentence. Each known reason
is recognised by its opening words and given a Chinese sentence; an unknown one becomes a
generic sentence and the English text goes to the log, never half into the page.
"""

from __future__ import annotations

import logging
import re

from ui.i18n import t

log = logging.getLogger(__name__)

# (opening words of the loader's reason, i18n key). Order matters: the first match wins.
REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), key)
    for pattern, key in (
        (r"^corrupt PDF: not a PDF file", "reason_not_pdf"),
        (r"^corrupt PDF", "reason_corrupt_pdf"),
        (r"^encrypted PDF", "reason_encrypted"),
        (r"^no extractable text", "reason_scanned"),
        (r"^an old Word \.doc file", "reason_old_doc"),
        (r"^corrupt DOCX|^DOCX (has|unpacks)", "reason_corrupt_docx"),
        (r"^empty file", "reason_empty"),
        (r"^binary file", "reason_binary"),
        (r"^cannot tell the text encoding|byte-order mark", "reason_encoding"),
        (r"^too large", "reason_too_large"),
        (r"^too long", "reason_too_long"),
        (r"^too many units", "reason_too_many_units"),
        (r"^no text left after cleaning", "reason_no_text"),
        (r"^unsupported extension", "reason_unsupported"),
        (r"^HTML nested too deeply", "reason_html_deep"),
        (r"^indexing failed", "reason_index_failed"),
    )
)


def reason_text(reason: str, lang: str = "zh") -> str:
    """``reason`` as the interface shows it: English as is; Chinese from the table, or a generic sentence."""
    if lang == "en":
        return reason
    for pattern, key in REASONS:
        if pattern.search(reason):
            return t(key, lang)
    log.info("no Chinese text for the reason %r", reason)
    return t("reason_other", lang)
