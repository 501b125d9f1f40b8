"""Who a Chinese question asks about, and whether a sentence binds that party (rag.answer.parties)."""

from __future__ import annotations

import pytest

from rag.answer.parties import binds_asked_party, narrowed_party, same_case_party


@pytest.mark.parametrize(
    ("question", "before", "upto", "binds"),
    [
        # The party before the deciding word in its part.
        ("用人单位可以随时解除劳动合同吗？", "劳动者", "劳动者可以随时通知用人单位解除劳动合同", False),
        ("劳动者可以随时解除劳动合同吗？", "劳动者", "有下列情形之一的，劳动者可以随时解除劳动合同", True),
        ("委托人可以转委托吗？", "受托人", "经委托人同意，受托人可以转委托", False),
        ("定点医院可以挂床住院吗？", "定点医药机构", "定点医药机构不得分解住院", True),  # other words
        # None there: the first party the sentence names.
        ("用人单位可以扣押身份证吗？", "", "用人单位招用劳动者，不得扣押劳动者的居民身份证", True),
        ("劳动者可以拒绝加班吗？", "", "用人单位应当严格执行劳动定额标准，不得强迫劳动者加班", False),
        # A party every rule binds; a question naming no party.
        ("出租人可以随时解除合同吗？", "当事人", "当事人可以随时解除合同", True),
        ("还限制落户吗？", "", "全面取消落户限制", True),
    ],
)
def test_the_deciding_word_binds_the_asked_party(question: str, before: str, upto: str, binds: bool) -> None:
    assert binds_asked_party(question, before, upto, heading="") is binds


def test_the_heading_names_the_party_when_the_sentence_names_none() -> None:
    assert binds_asked_party("用人单位可以…吗？", "", "不得扣押证件", heading="用人单位的义务")
    assert not binds_asked_party("用人单位可以…吗？", "", "不得扣押证件", heading="总则")


def test_the_party_of_the_question_s_condition_is_the_one_of_the_sentence_s_case() -> None:
    employer_case = "用人单位依据本法第二十四条的规定解除劳动合同的，应当依照国家有关规定给予经济补偿。"
    assert not same_case_party("劳动者提出解除劳动合同，用人单位需要支付经济补偿吗？", employer_case)
    assert same_case_party("用人单位提出解除劳动合同，需要支付经济补偿吗？", employer_case)
    assert same_case_party("需要支付经济补偿吗？", employer_case)  # no condition
    assert same_case_party("劳动者提出解除劳动合同，用人单位需要支付经济补偿吗？", "应当给予经济补偿。")  # no case


@pytest.mark.parametrize(
    ("question", "before", "narrowed"),
    [
        # The duty of the handlers above a threshold is no answer for every handler.
        ("个人信息处理者需要指定个人信息保护负责人吗？", "处理个人信息达到国家网信部门规定数量的个人信息处理者", True),
        ("处理个人信息达到国务院网信部门规定数量的个人信息处理者需要指定负责人吗？",
         "处理个人信息达到国家网信部门规定数量的个人信息处理者", False),
        # No qualifier, or the party not asked.
        ("用人单位可以扣押身份证吗？", "用人单位", False),
        ("还限制落户吗？", "处理个人信息达到规定数量的个人信息处理者", False),
    ],
)
def test_a_party_narrowed_by_a_qualifier_the_question_does_not_state(
    question: str, before: str, narrowed: bool
) -> None:
    assert narrowed_party(question, before) is narrowed
