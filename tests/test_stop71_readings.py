"""Stop 71: readings of questions and texts that fresh held-out questions showed wrong (each test fails on the
code before its change; evals/README.md, "Stop 71")."""

from __future__ import annotations

from rag.answer.asked import holds_number, of_another_of_the_series
from rag.answer.quotes import english_place
from rag.query.actyears import act_years
from rag.query.commencement import asked_provision, asks_commencement, entry_asked_apart, states_transposition
from rag.query.docnames import DocNames
from rag.query.question import analyse
from rag.records import Unit
from ui.followup import contextualize

# Directive 96/71/EC: Article 5 binds the Member States to no date, Article 7 is its transposition clause.
ARTICLE_5 = ("## Article 5\nMeasures\nMember States shall take appropriate measures in the event of failure to "
             "comply with this Directive.")
ARTICLE_7 = ("## Article 7\nImplementation\nMember States shall adopt the laws, regulations and administrative "
             "provisions necessary to comply with this Directive by 16 December 1999 at the latest.")
POSTING = "eu-posting-of-workers-directive-1996-71"
ENFORCEMENT = "eu-posting-of-workers-enforcement-directive-2014-67"
CULTURE = "公共文化服务保障法(2016-12-25)"
TITLES = {POSTING: POSTING, ENFORCEMENT: ENFORCEMENT, CULTURE: CULTURE}
ALIASES = {
    POSTING: ["Directive 96/71/EC of the European Parliament and of the Council of 16 December 1996 concerning "
              "the posting of workers in the framework of the provision of services"],
    ENFORCEMENT: ["Directive 2014/67/EU of the European Parliament and of the Council of 15 May 2014 on the "
                  "enforcement of Directive 96/71/EC … amending Regulation (EU) No 1024/2012"],
}


def test_a_transposition_clause_names_its_date() -> None:
    # ld-12 and pe71-01 were answered from Article 5 alone, the directive's first clause read as binding the
    # Member States "to comply with this Directive".
    assert not states_transposition(ARTICLE_5)
    assert states_transposition(ARTICLE_7)
    # The date may stand before the words it binds: "adopt and publish, by 21 March 2016, the laws …".
    assert states_transposition("Member States shall adopt and publish, by 21 March 2016, the laws, regulations "
                                "and administrative provisions necessary to comply with this Directive.")


def test_a_yes_no_questions_when_is_its_condition() -> None:
    # ld-14 asks whether the act must refer to the directive, not by when it must be adopted.
    condition = ("I work at a labour ministry and we're drafting our act transposing the 1996 posting of workers "
                 "directive. Do we have to refer to the directive somewhere when we adopt and publish the law?")
    assert asked_provision(condition) is None
    deadline = ("By what date did EU countries have to bring in their national laws to comply with the 1996 "
                "posting of workers directive?")
    assert asked_provision(deadline) == "transposition"
    assert asked_provision("When did Member States have to transpose the directive?") == "transposition"


def test_the_review_a_story_tells_is_not_the_date_asked() -> None:
    # pe71-01 got the review clause alone.
    story = ("I'm a labour ministry lawyer writing up the history of our posting rules. Directive 96/71 was adopted "
             "on 16 December 1996, and the Commission had to review it a few years later. By what date did Member "
             "States have to adopt their own laws to comply with it?")
    assert asked_provision(story) == "transposition"
    # Asked of the Commission, the review is what is asked.
    assert asked_provision("By when did the Commission have to review the directive?") == "review"


def test_which_day_asks_the_entry_into_force() -> None:
    # pe71-05 was answered from the transposition article its story names.
    asked = ("I know the transposition deadline for Directive 2014/67 was 18 June 2016, that's not my question. "
             "On which day after its publication in the Official Journal did the Directive itself enter into force?")
    assert asks_commencement(asked)
    assert not asks_commencement("On which day of the week are inspections held?")
    # Asked as a day counted from the publication, the entry into force is asked apart from the application:
    # pe66-06 had then been quoted Rome I's "It shall apply from 17 December 2009", not its 20th day.
    assert entry_asked_apart(asked)
    assert entry_asked_apart("Rome I is dated 17 June 2008. On which day after its publication in the Official "
                             "Journal did it enter into force?")
    assert not entry_asked_apart("When did the regulation enter into force?")


def test_a_follow_up_names_the_act_its_topic_names() -> None:
    # pe71-02 was sent as "Regarding …, 2014/67 — …: <the question before, on Directive 96/71>" and answered
    # from the earlier directive: both were named, as much.
    names = DocNames(TITLES, ALIASES)
    before = "Directive 96/71 was adopted on 16 December 1996. By what date did Member States have to comply with it?"
    asked = contextualize("And the later enforcement directive, 2014/67 — by what date did countries have to bring "
                          "their laws into force for that one?", [before])
    assert asked.startswith("Regarding the later enforcement directive, 2014/67"), asked
    assert list(names.names(asked)) == [ENFORCEMENT]
    # A topic naming no act leaves the question before to name it.
    assert list(names.names(contextualize("And for a small company?", [before]))) == [POSTING]


def test_a_year_naming_the_act_scopes_nothing() -> None:
    # ld-01 was refused with Article 1 first, for want of 1996 in it.
    assert act_years("Does the 1996 posting of workers directive apply to me as part of the ship's crew?") == {"1996"}
    assert analyse("Does the 1996 posting of workers directive apply to me as part of the ship's crew?").years == ()
    assert analyse("按照1996年的派遣劳动者指令，我算不算劳动者？").years == ()
    assert act_years("根据2014年的执行指令，奥地利应当通过什么渠道告诉我们？") == {"2014"}
    # A year a figure is asked of still scopes it.
    assert analyse("2024年北京中心城区常住人口有多少？").years == ("2024",)
    assert analyse("What did Member States have to report by 2016?").years == ("2016",)


def test_a_year_names_the_one_act_adopted_in_it() -> None:
    # ld-10 and ld-19 found the other directive's articles first.
    names = DocNames(TITLES, ALIASES)
    assert list(names.names("Under the 1996 posting directive, what must the authorities do?")) == [POSTING]
    assert list(names.names("根据2014年的执行指令，奥地利应当通过什么渠道告诉我们？")) == [ENFORCEMENT]
    assert list(names.names("2016年的公共文化服务保障法规定了什么？")) == [CULTURE]
    # The year of an act a title only names is no name of it.
    assert ENFORCEMENT not in names.names("Under the 2012 rules, what must the authorities do?")


def test_a_laws_bracketed_alternatives_name_the_word_they_make() -> None:
    # pz71-19 was refused with 第十四条 first: 乡镇 asked, "乡（镇）" written.
    info = analyse("我们县想往下面的乡镇派文化工作人员去指导工作。按浙江省公共文化服务保障条例，除了省级中心镇，"
                   "常住人口要达到多少的乡镇、街道可以派驻？")
    stated = ("县（市、区）人民政府可以根据需要，向省级中心镇和常住人口五万以上的乡（镇）、街道派驻文化工作人员，"
              "指导、帮助开展公共文化服务。")
    assert holds_number(info, stated)
    # A figure in a sentence naming no 乡镇, bracketed or not, is still no answer.
    assert not holds_number(info, "县（市、区）人民政府应当安排公共文化服务经费五万元。")


def test_a_date_of_another_of_the_series_is_not_the_one_asked() -> None:
    # hz41-18 (a near miss) was answered with the sentence dating the second move.
    info = analyse("我在北京一家市属事业单位，听说单位也在排队搬通州。圆桌里叶堂林说2024年初北京市级机关"
                   "第二批搬迁完成了，那第三批搬迁计划哪一年完成？")
    second = ("2019年北京市级行政中心迁入北京城市副中心，2024年初北京市级机关第二批搬迁工作完成，"
              "共计2.2万余人入驻副中心行政办公区。")
    assert of_another_of_the_series(info, second)
    assert not of_another_of_the_series(info, "第三批搬迁计划于2026年完成。")
    assert not of_another_of_the_series(analyse("第二批搬迁是哪一年完成的？"), second)


def test_a_headings_inner_sentence_end_does_not_split_the_frame() -> None:
    # hz30-28 (and hz18-19, hz21-21, hz35-03, hz41-20) answered "of 《…》 states: …": the "！" of the news report's
    # heading ended the frame's first sentence, which the support check dropped with the verdict before it.
    text = "此次会议部署了将来一个时期城市工作七个方面的重点任务。"
    unit = Unit("news", "推动城市高质量发展 建设现代化人民城市", ("“这些培训正是我们急需的！”",), "第6–7段", 6, text,
                (0, len(text)), kind="section")
    assert english_place(unit) == "“这些培训正是我们急需的”"
