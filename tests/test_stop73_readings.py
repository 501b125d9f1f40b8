"""Readings stop 73 added, each from a question a held-out or trap set (or the review of stop 72) showed."""

from __future__ import annotations

from rag.answer.asked import says_what_is_asked
from rag.answer.parties import binds_clause_party
from rag.query.question import analyse

_SCHOOL = "民办学校享受国家规定的税收优惠政策"


def test_a_follow_ups_entitlement_is_asked_in_its_own_words() -> None:
    # Stop 72's review: the asking clause was read from the earlier question a follow-up carries.
    school = (
        "那民办学校自己呢，能享受税收优惠吗？"
        "（接上文：我们公司想给一所民办学校捐一笔钱，捐完以后公司能享受税收优惠吗？）"
    )
    assert binds_clause_party(school, "民办学校", _SCHOOL, "")
    company = "那捐钱的公司呢，以后能享受税收优惠吗？（接上文：这所民办学校能享受税收优惠吗？）"
    assert not binds_clause_party(company, "民办学校", _SCHOOL, "")


def test_the_places_asked_are_the_asking_sentences() -> None:
    # hz43-07 was refused: "哪些城市" stands in the story, the asking sentence asks a kind of city.
    story = "我在省住建厅编保障性租赁住房的年度筹集计划，想先弄清楚房源该往哪些城市倾斜。"
    kind = story + "实施方案说扩大保障性租赁住房供给，是以哪类城市为重点？"
    answer = "以人口流入多的大城市为重点，扩大保障性租赁住房供给，着力解决符合条件的新市民、青年人等群体住房困难问题。"
    assert says_what_is_asked(analyse(kind), [answer])
    which = story + "实施方案说扩大保障性租赁住房供给，先在哪些城市试点？"
    assert not says_what_is_asked(analyse(which), [answer])
