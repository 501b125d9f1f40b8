"""Stop 70: readings of questions and sentences that fresh held-out questions showed wrong (each test fails on
the code before its change; evals/README.md, "Stop 70")."""

from __future__ import annotations

from rag.answer.asked import only_the_given_figures
from rag.answer.figures import asked_step, date, figure
from rag.answer.options import ExtractiveOptions
from rag.answer.verdict import excepted_case_named, polarity
from rag.query.question import analyse

OPTIONS = ExtractiveOptions()

# 医师法 (2021) 第十八条, as the parser keeps it (paragraphs and list items on their own lines).
ARTICLE_18 = (
    "第十八条 医师变更执业地点、执业类别、执业范围等注册事项的，应当依照本法规定到准予注册的卫生健康主管部门"
    "办理变更注册手续。\n\n"
    "医师从事下列活动的，可以不办理相关变更注册手续：\n\n"
    "（一）参加规范化培训、进修、对口支援、会诊、突发事件医疗救援、慈善或者其他公益性医疗、义诊；\n\n"
    "（二）承担国家任务或者参加政府组织的重要活动等；\n\n"
    "（三）在医疗联合体内的医疗机构中执业。"
)
RULE_18 = ("医师变更执业地点、执业类别、执业范围等注册事项的，应当依照本法规定到准予注册的卫生健康主管部门"
           "办理变更注册手续。")


def test_no_verdict_from_a_rule_whose_clause_exempts_the_case_named() -> None:
    # pz70-04 was answered "是" (a change of registration is needed) for a weekend's 义诊, which the
    # same article lists among the activities needing none.
    asked = ("我是市医院的执业医师，这个周末要跟志愿者团队去外省山区搞义诊。按医师法，"
             "我得先去办变更执业地点的注册手续吗？")
    assert excepted_case_named(asked, RULE_18, ARTICLE_18)
    # A move of the place of practice for good names no exempted activity: the rule answers it.
    moving = "我从县医院调到市医院工作了，按医师法，我得去办变更执业地点的注册手续吗？"
    assert not excepted_case_named(moving, RULE_18, ARTICLE_18)
    # The exempting sentence itself, quoted, names the item: nothing is exempted outside it.
    exempting = ("医师从事下列活动的，可以不办理相关变更注册手续：（一）参加规范化培训、进修、"
                 "对口支援、会诊、义诊；")
    assert not excepted_case_named(asked, exempting, ARTICLE_18)


def test_no_verdict_from_a_sentence_naming_the_asked_thing_with_a_word_the_asker_tells_apart() -> None:
    # pz70-08 was answered "是" from 第十条's 执业助理医师资格考试 for the 执业医师资格考试 asked.
    asked = analyse("我是临床医学专科毕业，在医院跟着执业医师实践满一年了，还没考助理医师。按医师法，"
                    "我能直接报考执业医师资格考试吗？")
    assistant = ("具有高等学校相关医学专业专科以上学历，在执业医师指导下，在医疗卫生机构中"
                 "参加医学专业工作实践满一年的，可以参加执业助理医师资格考试。")
    assert polarity(asked, assistant, OPTIONS) is None
    # The same question over a sentence naming the exam asked is read as before ("是" here: it permits it).
    own = ("具有高等学校相关医学专业本科以上学历，在执业医师指导下，在医疗卫生机构中"
           "参加医学专业工作实践满一年的，可以参加执业医师资格考试。")
    assert polarity(asked, own, OPTIONS) is True
    # A word the question writes elsewhere by the way is no other thing: pz-38 keeps its "是".
    settled = analyse("在医调委调解达成协议了，能不能再去法院申请司法确认？")
    assert polarity(settled, "达成调解协议的，医疗纠纷人民调解委员会应当告知医患双方可以依法向人民法院申请司法确认。",
                    OPTIONS) is True
    # Nor the word after what precedes it in the sentence: 乡村振兴促进法 is named, 振兴促进工作 is asked (pz66-07).
    town = analyse("我是镇政府的办事员。按乡村振兴促进法，我们镇的乡村振兴工作情况要向镇人民代表大会报告吗？")
    assert polarity(town, "乡镇人民政府应当向本级人民代表大会报告乡村振兴促进工作情况。", OPTIONS) is True
    # A word the question does not name apart is no other thing: 城区人口 is the 城区常住人口 of the plan.
    plan = analyse("城区人口不到300万的城市还限制落户吗？")
    assert polarity(plan, "全面取消城区常住人口300万以下的城市落户限制。", OPTIONS) is False


def test_a_time_done_to_the_asker_is_of_that_step() -> None:
    # la-07 (a follow-up on the 考核's cycle) opened "三年：" from "考核周期为三年" for how long a doctor failing it
    # is suspended.
    asked = analyse("那要是考核没通过，会被停多长时间不让看病？（接上文：我在社区卫生服务中心当医生，听说医生要"
                    "定期考核，这个考核多长时间一轮？）")
    assert asked_step(asked) == {"停"}
    cycle = ("县级以上人民政府卫生健康主管部门…应当按照医师执业标准，对医师的业务水平、"
             "工作业绩和职业道德状况进行考核，考核周期为三年。")
    assert figure(asked, cycle, OPTIONS, "") is None
    # Words after the time still name the step ("多长时间内不能再申请").
    again = analyse("被吊销以后多长时间内不能再申请导游证？")
    assert "申" in asked_step(again) and "吊" not in asked_step(again)


def test_the_date_of_an_event_asked_stands_where_the_event_is_told() -> None:
    # hz40-20 (a near miss) opened "2024年：" from the half-year of an air-quality figure after the rules' issue.
    asked = analyse("圆桌里曾刚说京津冀城市群制发了《京津冀生态协同专题工作组工作规则》来强化大气污染联防联控，"
                    "这个工作规则是哪一年印发的？")
    sentence = ("在环境污染治理方面，京津冀城市群通过制发《京津冀生态协同专题工作组工作规则》，强化大气污染联防联控，"
                "2024年上半年，北京、天津、河北PM2.5平均浓度分别降至34微克/立方米，区域空气质量大幅改善。")
    assert date(asked, sentence, OPTIONS) is None
    issued = "2023年，三地联合印发《京津冀生态协同专题工作组工作规则》。"
    assert date(asked, issued, OPTIONS) == "2023年"
    # A date asked with no event after it keeps every date of the sentence.
    when = analyse("农业转移人口市民化的目标是哪一年？")
    assert date(when, "到2025年，农业转移人口市民化质量显著提升。", OPTIONS) == "2025年"


def test_a_sentence_stating_only_the_figure_the_question_restates_says_nothing_asked() -> None:
    # hz40-36, a near miss, was answered with the one sentence stating the 89.18% the question restates.
    asked = analyse("那篇论文说全国建制镇的生活垃圾处理率只有89.18%，那乡（不含镇）一级的生活垃圾处理率是多少？")
    assert only_the_given_figures(asked, ["全国建制镇的生活垃圾处理率仅为89.18%，污水处理率仅为60.98%。"])
    # The figure asked beside the restated one is an answer: the 污水处理率 after the 垃圾 rate.
    other = analyse("那篇论文说全国建制镇的生活垃圾处理率只有89.18%，那污水处理率是多少？")
    assert not only_the_given_figures(other, ["全国建制镇的生活垃圾处理率仅为89.18%，污水处理率仅为60.98%。"])
    # Another place's share, where the text gives only the restated one's and other industries' (hz34-34).
    region = analyse("圆桌里曾刚说长三角集成电路产业规模占全国58.3%，那京津冀的集成电路产业规模占全国多少？")
    assert only_the_given_figures(region, ["长三角集成电路产业规模在全国占比58.3%。",
                                           "生物医药产业规模约占全国1/3，近3年获批新药数量占全国70%。"])
    # What the restated part names is asked: 成都's GDP stated beside it answers.
    gdp = analyse("我在成都上班，河南那篇文章说2021年郑州的GDP只有成都的64%，那2021年成都的GDP是多少？")
    assert not only_the_given_figures(gdp, ["2021年郑州GDP为1.27万亿元，只有成都的64%，成都GDP为1.99万亿元。"])
    # "那篇文章说…" restates nothing (hz28-02, answerable, was refused).
    cities = analyse("河南17个省辖市加上济源示范区，那篇文章说常住人口城镇化率低于全省平均水平的有几个市？")
    stated = "全省17个省辖市和济源示范区中，常住人口城镇化率低于全省平均水平的有11个。"
    assert not only_the_given_figures(cities, [stated])
    # A question restating nothing is not read so.
    plain = analyse("全国建制镇的生活垃圾处理率是多少？")
    assert not only_the_given_figures(plain, ["全国建制镇的生活垃圾处理率仅为89.18%，污水处理率仅为60.98%。"])


def test_a_range_stated_whole_is_the_figure_when_no_end_is_asked() -> None:
    # la-07's suspension "三个月至六个月" was no figure at all: each end alone is half of it.
    asked = analyse("那要是考核没通过，会被停多长时间不让看病？（接上文：我在社区卫生服务中心当医生，听说医生要"
                    "定期考核，这个考核多长时间一轮？）")
    suspended = ("对考核不合格的医师，县级以上人民政府卫生健康主管部门应当责令其暂停执业活动三个月至六个月，"
                 "并接受相关专业培训。")
    assert figure(asked, suspended, OPTIONS, "") == "三个月至六个月"
    detained = "情节严重的，处五日以上十日以下拘留。"
    fled = analyse("服务员没组织客人疏散，情节严重的，会被拘留多久？")
    assert figure(fled, detained, OPTIONS, "") == "五日以上十日以下"
    # A fine's range is no opening (another party's or article's fine opened so); an end asked is that end.
    fined = "由县级以上人民政府卫生健康主管部门责令改正，给予警告，没收违法所得，并处一万元以上三万元以下的罚款。"
    assert figure(analyse("医院出具虚假证明文件，要罚多少钱？"), fined, OPTIONS, "") is None
    assert figure(analyse("医院出具虚假证明文件，最多罚多少钱？"), fined, OPTIONS, "") == "三万元以下"
    # A period of dates is no length of time.
    plan = "2021年至2025年，全国新增城镇就业5000万人以上。"
    assert figure(analyse("“十四五”期间全国要新增多少年的城镇就业？"), plan, OPTIONS, "") != "2021年至2025年"
