"""The bilingual dictionary an English question's unread words go through (rag/query/lexicon.py)."""

from __future__ import annotations

from collections.abc import Callable

from rag.query.lexicon import bridge, renderings
from rag.query.rewrite import unread
from rag.retrieve.signals import covered

MINORS = "学校、幼儿园的教职员工应当尊重未成年人人格尊严，不得对未成年人实施体罚、变相体罚或者其他侮辱人格尊严的行为。"


def _held_by(text: str) -> Callable[[str], bool]:
    return lambda word: word in text


def test_words_the_glossaries_read_are_left_out_of_the_dictionary() -> None:
    # "administrative department" and "complaint" are legal terms; "handle" is left for the dictionary.
    rest = unread("Within how many working days must an administrative department handle a complaint?")
    assert "administrative" not in rest and "complaint" not in rest
    assert "handle" in rest


def test_a_phrase_is_read_whole_and_only_words_the_index_holds_are_kept() -> None:
    slots = bridge("Are teachers allowed to use corporal punishment on pupils?", _held_by(MINORS))
    assert ("体罚",) in slots  # "corporal punishment" as one phrase, not "punishment" (惩罚, 刑罚)
    # "pupils" reads as 瞳孔 (the eye's pupil), which the text does not hold: no slot.
    assert all("瞳孔" not in slot for slot in slots)
    # The asking words ("allowed", "use") bring no slot.
    assert len(slots) <= 2, slots


def test_plural_and_base_forms_are_looked_up() -> None:
    assert bridge("Must museums let elderly people in free?", _held_by("博物馆")) == (("博物馆",),)
    assert bridge("Is smoking banned in hospitals?", _held_by("吸烟")) == (("吸烟",),)  # smoke


def test_a_chinese_question_gets_no_slots() -> None:
    assert bridge("学校能体罚学生吗？", lambda _: True) == ()


def test_at_most_per_word_renderings_commonest_first() -> None:
    (slot,) = bridge("teacher", lambda _: True, per_word=2)
    assert len(slot) == 2
    assert bridge("teacher", lambda _: True, per_word=0) == ()


def test_slots_count_in_the_coverage_of_a_chinese_clause() -> None:
    question = "Are teachers allowed to use corporal punishment on pupils?"
    assert covered(question, MINORS) == 0.0  # no legal term of the question is in the clause
    slots = bridge(question, _held_by(MINORS + "教师"))
    assert covered(question, MINORS, slots=slots) > 0.0
    assert covered(question, "机动车应当按照交通信号通行。", slots=slots) == 0.0


# The English words a Chinese question's words are glossed as (rag.query.lexicon.renderings).
MERGERS = ("Cross-border mergers of limited liability companies. A cooperative may be excluded. "
           "The competent authority shall be notified; the Member State concerned.")


def _english_held_by(text: str) -> Callable[[str], bool]:
    words = set(text.lower().replace(".", " ").replace(";", " ").split())
    return lambda word: word in words


def test_a_chinese_questions_words_are_glossed_in_the_forms_the_english_text_writes() -> None:
    words = renderings("合作社参与的跨境合并，要通知谁？", _english_held_by(MERGERS))
    assert "cooperative" in words and "cross-border" in words
    assert "mergers" in words  # 合并 "to merge": the text writes "mergers"
    assert "notified" in words  # 通知 "to notify"


def test_only_words_the_index_holds_and_no_asking_words_are_kept() -> None:
    words = renderings("什么情况下可以合并？", _english_held_by(MERGERS + " what situation can may"))
    assert words == ("mergers",)


def test_an_english_question_gets_no_renderings() -> None:
    assert renderings("Can a cooperative merge across borders?", lambda _: True) == ()
