"""The sentence a long question asks in, after the sentences setting its scene.

People describe their situation before they ask: "I'm a bank cashier and I was the one who flagged
a customer as suspicious. If the police later ask the financial intelligence unit for information on
the case, will the FIU tell them the report came from me?" The whole question's vector carries the
scene as much as the ask; the dense search may also read the asking sentence on its own
(``RetrievalOptions.focus_share``). A question of one sentence, or one whose last sentence names
nothing of its own ("这样合法吗？"), has no such sentence; neither has a follow-up carrying the
question before it ("（接上文：…）"), whose own words are already the ask.

Example::

    asked_sentence("我在化工厂上班，闻到很浓的泄漏气味。这种情况我能自己先停下手里的活跑出车间吗？")
    # "这种情况我能自己先停下手里的活跑出车间吗？"
"""

from __future__ import annotations

from rag.query.carried import without_context
from rag.text import HAN, english_words, split_sentences

# The words an asking sentence needs of its own: six Chinese characters or five English words
# (unmeasured; "这样合法吗？", "Is that allowed?" name nothing of their own).
MIN_HAN = 6
MIN_WORDS = 5


def asked_sentence(question: str) -> str | None:
    """The last sentence of ``question`` that asks ("?"/"？"), when the question has other sentences
    and it holds words of its own; else None."""
    if without_context(question) != question.strip():
        return None
    sentences = [s.strip() for s in split_sentences(question.strip()) if s.strip()]
    asking = [s for s in sentences if s.endswith(("?", "？"))]
    if len(sentences) < 2 or not asking:
        return None
    last = asking[-1]
    if len(HAN.findall(last)) >= MIN_HAN or len(english_words(last)) >= MIN_WORDS:
        return last
    return None
