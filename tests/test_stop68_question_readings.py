"""Stop 68: readings of the question that fresh held-out questions showed wrong (each test fails on
the code before its change; evals/README.md, "Stop 68")."""

from __future__ import annotations

from rag.answer.smalltalk import small_talk_answer
from rag.query.commencement import asks_commencement, asks_transposition
from rag.query.quantity import states_figure
from rag.query.question import analyse
from rag.query.smalltalk import small_talk
from ui.followup import contextualize, is_followup


def test_a_clause_set_by_when_asks_no_commencement() -> None:
    # kx-29 got Brussels Ia's last article alone: the period to object to a delegated act was asked.
    assert not asks_commencement(
        "When the Commission changes the standard certificate forms in the annexes by a delegated act, how long do the "
        "European Parliament and the Council have to object before the change takes effect?")
    # Asked with "when" as the question's own word, it still is one.
    assert asks_commencement("When does the regulation take effect?")
    assert asks_commencement("When the law was amended last year, when did the new rules take effect?")


def test_from_when_proceedings_must_have_started_is_the_transitional_rule() -> None:
    # kx-26 and pe68-04 got the last article alone; Article 66 says which proceedings the act applies to.
    assert not asks_commencement(
        "We started a lawsuit against an Italian supplier in a Spanish court back in November 2014. From what date "
        "must proceedings have been started for the recast to apply?")
    # Proceedings told in the scene, not asked, leave the date of application asked.
    assert asks_commencement(
        "We filed our case in 2014 and it is still pending. From what date does the recast Regulation apply?")


def test_the_start_told_before_the_question_is_no_transposition() -> None:
    # pe68-11 tells the act's date and asks when two articles on Member States' communications applied;
    # pe67-15 asks whether Denmark is a Member State.
    assert not asks_transposition(
        "I know most of Brussels Ia applied from 10 January 2015, but the articles on Member States' communications "
        "and notifications to the Commission, Articles 75 and 76, started earlier. From what date did those two "
        "articles apply?")
    assert not asks_transposition(
        "Rome II applies when everything happens inside Member States. Does Denmark count as a Member State?")
    # Asked in the sentence that asks, it still is one (stop 49's question).
    assert asks_transposition("From what date do countries actually have to start applying them?")


def test_a_task_on_the_users_own_words_is_no_question() -> None:
    # kw-40 was answered from Brussels Ia's article on translations of judgments.
    for message in ("帮我把这句话翻成英文：明天的会议改到下午三点。", "帮我写一首关于秋天的七言绝句。", "你会写诗吗？",
                    "帮我写一张请假条，孩子发烧要请两天假。",
                    "Please translate this sentence into French: see you tomorrow.",
                    "Can you write me a poem about autumn?", "你好，帮我写首诗",
                    "Hi! Please translate this into German."):
        assert small_talk(message) == "task", message
    for message in ("你好，工伤怎么认定？",
                    "工伤认定申请书要写哪些内容？", "帮我查一下精神卫生法第三十条讲什么", "翻译件需要公证吗？",
                    "Does the court need a translation of the judgment?", "What must a written agreement contain?"):
        assert small_talk(message) is None, message
    reply = small_talk_answer("帮我写一首诗", "task", ["精神卫生法"])
    assert reply.abstained and not reply.citations and "《精神卫生法》" in reply.answer
    assert "do not translate" in small_talk_answer("Translate this, please", "task", []).answer


def test_people_counted_by_a_noun_ending_in_shi() -> None:
    # kw-28 was refused with its article first: "几个合格的咨询师" was not read as people counted.
    info = analyse("我想在上海开一家心理咨询工作室，按上海的规定至少得有几个合格的咨询师？")
    stated = "心理咨询机构开展心理咨询服务应当符合下列要求：（三）有三名以上符合心理咨询师从业要求的咨询人员。"
    assert states_figure(stated, info)
    assert not states_figure("心理咨询机构应当建立健全内部管理制度，加强自律，依法开展心理咨询服务。", info)


def test_a_follow_up_asks_in_its_own_question_though_a_sentence_ends_it() -> None:
    # kw-29 was read with the question before it, asking that one's 几个, and refused.
    question = ("那开这种工作室要去哪个部门登记？我们打算做营利性的。（接上文：我想在上海开一家心理咨询工作室，"
                "按上海的规定至少得有几个合格的咨询师？）")
    assert not analyse(question).wants_number
    # Own words asking nothing keep the question before them.
    assert analyse("那上海呢。（接上文：按精神卫生法，至少得有几个医师会诊？）").wants_number


def test_a_long_english_follow_up_carries_the_question_before_it() -> None:
    # pe68-17 (28 words) was sent alone, "he" and "us" unread.
    before = ("We're an insurance company based in Munich. One of our home-insurance policyholders has moved to Spain "
              "and stopped paying his premiums. Can we sue him in Munich, where we're based?")
    question = ("And the other way round: if he wants to sue us over a claim we refused to pay, can he do that in "
                "Spain, where he now lives?")
    assert is_followup(question)
    sent = contextualize(question, [before])
    assert before in sent and "if he wants to sue us over a claim we refused to pay" in sent, sent
    # Standing alone, it is asked as it is.
    assert contextualize(question, []) == question


def test_a_long_chinese_follow_up_opening_with_na_carries_the_question_before_it() -> None:
    # pz68-03 (49 characters) was searched without the question it leans on.
    before = ("我妈是自己愿意住进精神专科医院的，住了两周想回家，医院说要等疗程结束才能走。"
              "按精神卫生法，她能随时要求出院吗？")
    question = "那我舅舅呢？他是因为有自残的危险，经我外婆这个监护人同意才住进去的。外婆现在能随时要求接他出院吗？"
    assert is_followup(question) and before in contextualize(question, [before])
    assert is_followup("换个情况：要是我们把证有偿转给另一家同行用，被查出来以后，除了罚款，我们自己这张证还能保住吗？")
    # A document named by 那篇 is no pointing back; a long question of its own stays alone.
    assert not is_followup("那篇论文说老年流动人口从2000年的503万人增加到2015年的1304万人，"
                           "那到2020年全国老年流动人口有多少？")
    assert not is_followup("我一次性购买并下载了一款软件，如果我们国家的法律规定商家只对供应后一定期限内"
                           "出现的问题负责，这样合法吗？")
