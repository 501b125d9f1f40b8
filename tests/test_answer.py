"""Answers: the JSON shape, composing and renumbering, the extractive answerer, abstention."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rag.answer.base import Answer, Answerer, Citation, Sentence, abstain, compose, language
from rag.answer.cite import ABSTAIN_EN, ABSTAIN_ZH, SupportChecker
from rag.answer.extractive import ExtractiveAnswerer, clause_body, clause_sentences, polarity
from rag.answer.verdict import asked_action
from rag.index.embed import HashingEmbedder
from rag.index.store import Index
from rag.pipeline import Pipeline, answerability
from rag.query.question import analyse
from rag.records import Hit, Unit
from rag.retrieve.fusion import Retriever
from tests.answer_fixtures import PLAN, build_index


@pytest.fixture
def index(tmp_path: Path) -> Index:
    return build_index(tmp_path / "idx")


@pytest.fixture
def pipeline(index: Index) -> Pipeline:
    return Pipeline(index, HashingEmbedder(128))


def hits_for(index: Index, question: str, top_k: int = 5) -> list[Hit]:
    return Retriever(index, HashingEmbedder(128)).search(question, top_k=top_k)


# -- the record and its JSON ----------------------------------------------------------------


def test_json_shape_is_exactly_the_documented_one(pipeline: Pipeline) -> None:
    data = pipeline.ask("城区人口不到300万的城市还限制落户吗？").to_json()
    assert list(data) == ["question", "answer", "abstained", "citations", "sentences"]
    assert isinstance(data["abstained"], bool)
    assert data["citations"]
    for c in data["citations"]:
        assert list(c) == ["n", "doc", "title", "label", "path", "text", "score", "meta"]
        assert isinstance(c["path"], list) and isinstance(c["score"], float) and isinstance(c["n"], int)
        assert list(c["meta"]) == ["title", "kind", "issuer", "doc_number", "issued", "effective", "status"]
    texts = {c["n"]: c["text"] for c in data["citations"]}
    for s in data["sentences"]:
        assert list(s) in (["text", "citations", "supported"], ["text", "citations", "supported", "spans"])
        assert isinstance(s["citations"], list) and isinstance(s["supported"], bool)
        for n, start, end in s.get("spans", []):
            assert n in s["citations"] and 0 <= start < end <= len(texts[n])
    assert any(s.get("spans") for s in data["sentences"])  # a quoted sentence is found in its clause
    assert [c["n"] for c in data["citations"]] == list(range(1, len(data["citations"]) + 1))
    first = re.search(r"\[(\d+)\]", data["answer"])
    assert first and first.group(1) == "1"  # numbered in reading order
    json.dumps(data, ensure_ascii=False)  # serialisable as is


def test_citation_text_is_the_whole_clause(pipeline: Pipeline) -> None:
    answer = pipeline.ask("城区人口不到300万的城市还限制落户吗？")
    six = next(c for c in answer.citations if c.label == "（六）")
    assert six.text.startswith("（六）深化户籍制度改革") and six.text.endswith("集体收益分配权。")


def test_language() -> None:
    assert language("还限制落户吗") == "zh"
    assert language("Is it restricted?") == "en"


# -- compose ----------------------------------------------------------------------------------


def test_compose_drops_unsupported_and_renumbers_in_rank_order(index: Index) -> None:
    hits = hits_for(index, "城市更新改造 户籍制度改革", top_k=4)
    ranks = {h.unit.label: i for i, h in enumerate(hits, start=1)}
    renewal, six = ranks["（二十六）"], ranks["（六）"]
    drafted = [
        f"重点在老城区推进以老旧小区、老旧厂区、老旧街区、城中村等“三区一村”改造为主要内容的城市更新改造。[{renewal}]",
        f"全面取消城区常住人口300万以下的城市落户限制。[{six}]",
        f"月球上的城市将在2090年建成。[{six}]",  # supported by nothing: dropped
    ]
    answer = compose("问题", drafted, hits, SupportChecker(), drop_unsupported=True)
    assert not answer.abstained
    assert len(answer.sentences) == 2
    assert [c.label for c in answer.citations] == sorted(["（二十六）", "（六）"], key=lambda lb: ranks[lb])
    assert [c.n for c in answer.citations] == [1, 2]
    assert all(s.supported for s in answer.sentences)
    assert "月球" not in answer.answer
    # Markers in the text match the sentences' citations.
    for s in answer.sentences:
        assert f"{s.text}[{s.citations[0]}]" in answer.answer


def test_compose_flags_instead_of_dropping(index: Index) -> None:
    hits = hits_for(index, "户籍制度改革")
    six = next(i for i, h in enumerate(hits, start=1) if h.unit.label == "（六）")
    drafted = [f"全面取消城区常住人口300万以下的城市落户限制。[{six}]月球上的城市将在2090年建成。[{six}]"]
    answer = compose("问题", drafted, hits, SupportChecker(), drop_unsupported=False)
    assert [s.supported for s in answer.sentences] == [True, False]
    assert "月球" in answer.answer


def test_an_english_answer_never_opens_it_also(index: Index) -> None:
    # The sentence naming the clause was dropped (its quote unsupported): the next one, "It also
    # states: …", takes its naming (euai-053 answered "It also reads: …" before stop 32).
    hits = hits_for(index, "户籍制度改革")
    six = next(i for i, h in enumerate(hits, start=1) if h.unit.label == "（六）")
    drafted = [
        f"Clause （六） of 《“十四五”新型城镇化实施方案》 states: “月球上的城市将在2090年建成。”[{six}]",
        f"It also states: “全面取消城区常住人口300万以下的城市落户限制。”[{six}]",
    ]
    answer = compose("Are cities still restricted?", drafted, hits, SupportChecker(), drop_unsupported=True)
    assert answer.answer.startswith("Clause （六） of 《“十四五”新型城镇化实施方案》 states: “全面取消"), answer.answer
    figure = [f"The figure is “2090”: Clause （六） of 《X》 states: “月球上的城市将在2090年建成。”[{six}]", drafted[1]]
    answer = compose("Are cities still restricted?", figure, hits, SupportChecker(), drop_unsupported=True)
    assert answer.answer.startswith("It also states:")  # a figure opening is the dropped quote's own


def _article(n: int, title: str, text: str) -> Unit:
    body = f"Article {n}\n{title}\n{text}"
    return Unit("act", "The Example Act", ("Chapter I", f"Article {n} {title}"), f"Article {n}", n, body,
                (0, len(body)), kind="article")


def test_two_named_articles_are_each_quoted_and_named() -> None:
    # "What do Articles 13 and 14 of the AI Act require?" quoted three sentences of Article 13
    # and nothing of 14; a sentence of another article went on "It also states" (stop 33).
    thirteen = _article(13, "Transparency", "1. Providers shall ensure that operation is transparent to deployers. "
                        "2. Systems shall be accompanied by instructions for use that deployers can read. "
                        "3. The instructions shall contain the identity of the provider and the system's purpose:\n"
                        "- (a) the identity and the contact details of the provider;")
    fourteen = _article(14, "Human oversight", "1. Systems shall be designed so that natural persons can oversee them.")
    hits = [Hit(thirteen, 1.0, {"ref": 1}), Hit(fourteen, 0.999, {"ref": 2})]
    question = "What do Articles 13 and 14 of the Act require of providers and systems?"
    answer = ExtractiveAnswerer().answer(question, hits)
    assert [c.label for c in answer.citations] == ["Article 13", "Article 14"], answer.answer
    named = [s.text for s in answer.sentences if "natural persons" in s.text]
    assert named and named[0].startswith("Article 14 Human oversight of The Example Act states:"), answer.answer


def test_a_named_chapter_lists_each_article_by_what_it_says() -> None:
    # "行政处罚法第二章讲了什么" answered "第九条。[1]第十条。[2]…": a Chinese article has no title, so its
    # number alone was the list. Each now stands with its first sentence; an English article by its title.
    bodies = ["行政处罚的种类：（一）警告、通报批评；（二）罚款。", "法律可以设定各种行政处罚。",
              "行政法规可以设定除限制人身自由以外的行政处罚。", "地方性法规可以设定除限制人身自由以外的行政处罚。"]
    numbers = ("九", "十", "十一", "十二")
    zh = [Unit("law", "行政处罚法", ("第二章 行政处罚的种类和设定", f"第{n}条"), f"第{n}条", i, f"第{n}条 {b}",
               (0, len(b) + 5), kind="article") for i, (n, b) in enumerate(zip(numbers, bodies, strict=True))]
    hits = [Hit(u, 1.0 - i / 1000, {"ref": i + 1}) for i, u in enumerate(zh)]
    answer = ExtractiveAnswerer().answer("行政处罚法第二章讲了什么", hits)
    first_two = "第九条：行政处罚的种类：（一）警告、通报批评。[1]第十条：法律可以设定各种行政处罚。[2]"
    assert answer.answer.startswith(first_two), answer.answer
    en = [_article(n, title, "1. Providers shall comply.") for n, title in
          ((8, "Compliance with the requirements"), (9, "Risk management system"), (10, "Data governance"),
           (11, "Technical documentation"))]
    hits = [Hit(u, 1.0 - i / 1000, {"ref": i + 1}) for i, u in enumerate(en)]
    answer = ExtractiveAnswerer().answer("What does Chapter I of the Act say?", hits)
    assert answer.answer.startswith("Article 8 Compliance with the requirements.[1] Article 9 Risk management"), (
        answer.answer
    )


def test_compose_abstains_when_nothing_is_supported(index: Index) -> None:
    hits = hits_for(index, "户籍制度改革")
    answer = compose("月球呢？", ["月球上的城市将在2090年建成。[1]"], hits, SupportChecker(), drop_unsupported=False)
    assert answer.abstained and answer.answer == ABSTAIN_ZH


def test_abstention_lists_nearest_clauses_without_claiming_them(index: Index) -> None:
    hits = hits_for(index, "户籍制度改革")
    answer = abstain("What about visas?", hits)
    assert answer.abstained and answer.answer == ABSTAIN_EN
    assert answer.sentences == ()
    assert 0 < len(answer.citations) <= 3
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))


# -- the extractive answerer ------------------------------------------------------------------


def test_yes_no_question_opens_with_the_verdict_and_quotes_the_number(pipeline: Pipeline) -> None:
    answer = pipeline.ask("城区人口不到300万的城市还限制落户吗？")
    assert not answer.abstained
    assert answer.answer.startswith("否")
    assert "300" in answer.answer and "万" in answer.answer
    assert answer.citations[0].label == "（六）"
    first = answer.sentences[0]
    assert first.supported and first.citations == (1,)
    assert answer.answer.split("。")[0].endswith("城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁")


def test_every_sentence_ends_with_a_marker(pipeline: Pipeline) -> None:
    answer = pipeline.ask("城市更新改造要改造哪些老旧小区？")
    assert answer.sentences
    for s in answer.sentences:
        assert s.citations and s.supported


def test_number_question_opens_with_the_figure(pipeline: Pipeline) -> None:
    answer = pipeline.ask("老旧小区改造任务要在哪一年基本完成？")
    assert answer.answer.startswith("2025年：")


def test_named_clause_is_summarised(pipeline: Pipeline) -> None:
    answer = pipeline.ask("实施方案第十二条讲了什么")
    assert answer.answer.startswith("（十二）完善农业转移人口市民化配套政策：健全中央和省级财政")
    assert [c.label for c in answer.citations] == ["（十二）"]


def test_a_heading_that_runs_on_into_its_sentence_is_quoted_with_it(tmp_path: Path) -> None:
    # The Henan paper's "（1）中原城市群属于…之一，整体…": the heading is the sentence's opening, so
    # neither a quote nor a summary starts at its comma ("，整体规模…").
    from rag.records import Unit

    text = "（1）中原城市群属于国家重点建设的城市群之一，整体规模和实力不断壮大。2020年总人口达1.64亿人。"
    unit = Unit("henan", "河南", ("（一）现状", "（1）中原城市群属于国家重点建设的城市群之一"), "（1）", 0, text,
                (0, len(text)))
    head, body = clause_body(unit)
    assert head == "（1）中原城市群属于国家重点建设的城市群之一"
    assert body.startswith("中原城市群属于国家重点建设的城市群之一，整体规模")
    answer = Pipeline(build_index(tmp_path / "idx", [unit]), HashingEmbedder(128)).ask("（1）讲了什么")
    assert answer.answer.startswith("（1）中原城市群属于国家重点建设的城市群之一，整体规模和实力不断壮大。[1]")


def test_each_part_of_a_question_of_several_gets_its_sentence() -> None:
    # 民法典 第五百六十二条 answers the first question best and fills the answer; the second part
    # (已经履行的部分怎么处理) is 第五百六十六条's, and shares too few words with the whole question.
    from rag.answer.extractive import ExtractiveOptions
    from rag.records import Unit

    def clause(label: str, ordinal: int, text: str) -> Unit:
        return Unit("civil", "民法典-合同编", ("第七章", label), label, ordinal, f"{label} {text}", (0, len(text) + 8))

    hits = [
        Hit(clause("第五百六十二条", 562, "当事人协商一致，可以解除合同。\n\n当事人可以约定一方解除合同的事由。"
                   "解除合同的事由发生时，解除权人可以解除合同。"), 1.0, {"dense": 1}),
        Hit(clause("第五百六十六条", 566, "合同解除后，尚未履行的，终止履行；已经履行的，根据履行情况和合同性质，"
                   "当事人可以请求恢复原状或者采取其他补救措施，并有权请求赔偿损失。"), 0.9, {"dense": 2}),
    ]
    question = "什么情况下可以解除合同？合同解除以后已经履行的部分怎么处理？"

    def cited(parts: bool) -> list[str]:
        answerer = ExtractiveAnswerer(options=ExtractiveOptions(parts=parts)).vouched()
        return [c.label for c in answerer.answer(question, hits).citations]

    assert cited(parts=False) == ["第五百六十二条"]
    assert cited(parts=True) == ["第五百六十二条", "第五百六十六条"]


def test_english_question_gets_an_english_frame_quoting_the_clause(pipeline: Pipeline) -> None:
    answer = pipeline.ask("What does the plan say about urban renewal?")
    assert not answer.abstained
    assert answer.citations[0].label == "（二十六）"
    assert answer.answer.startswith(f"Clause （二十六）有序推进城市更新改造 of 《{PLAN}》 states: “")
    assert "城市更新改造" in answer.answer


def test_off_corpus_question_abstains(pipeline: Pipeline) -> None:
    for question in ("北京明天天气怎么样", "如何申请美国签证", "个人所得税起征点是多少"):
        answer = pipeline.ask(question)
        assert answer.abstained, question
        assert answer.answer == ABSTAIN_ZH
        assert answer.sentences == ()


def test_number_question_without_a_figure_abstains(index: Index) -> None:
    hits = hits_for(index, "户籍制度改革")
    answer = ExtractiveAnswerer().answer("户籍管理政务服务平台要投入多少资金？", hits)
    assert answer.abstained


def test_extractive_is_deterministic(pipeline: Pipeline) -> None:
    q = "城区人口不到300万的城市还限制落户吗？"
    assert pipeline.ask(q) == pipeline.ask(q)


def test_answerers_satisfy_the_protocol() -> None:
    assert isinstance(ExtractiveAnswerer(), Answerer)


def test_no_hits_abstains() -> None:
    assert ExtractiveAnswerer().answer("落户", []).abstained


@pytest.mark.parametrize(
    ("question", "sentence", "verdict"),
    [
        ("还限制落户吗？", "全面取消城区常住人口300万以下的城市落户限制。", False),
        ("超大城市还限制落户吗？", "严格控制超大城市人口规模。", True),
        ("可以大拆大建吗？", "严禁大拆大建。", False),
        ("会推进城市更新吗？", "有序推进城市更新改造。", True),
        ("是不是已经过了快速发展期？", "我国仍处在城镇化快速发展期。", None),
        ("Are cities allowed to restrict hukou?", "全面取消城区常住人口300万以下的城市落户限制。", False),
    ],
)
def test_polarity(question: str, sentence: str, verdict: bool | None) -> None:
    assert polarity(analyse(question), sentence) is verdict


RETURNS = "消费者有权自收到商品之日起七日内退货，且无需说明理由。"
RETURNS_EXCEPTED = "消费者有权自收到商品之日起七日内退货，且无需说明理由，但下列商品除外：（一）消费者定作的；"
LOCAL_PENALTIES = "地方性法规可以设定除限制人身自由、吊销营业执照以外的行政处罚。"
RETURNS_OTHERS = "除前款所列商品外，其他根据商品性质并经消费者在购买时确认不宜退货的商品，不适用无理由退货。"


@pytest.mark.parametrize(
    ("question", "sentence", "verdict"),
    [
        # 有权 grants what is asked; 无权 denies it.
        ("消费者可以七日内退货吗？", RETURNS, True),
        ("劳动者可以拒绝违章指挥吗？", "劳动者有权拒绝违章指挥、强令冒险作业。", True),
        ("业主可以改变物业管理用房的用途吗？", "物业服务企业无权改变物业管理用房的用途。", None),  # another subject
        ("物业服务企业可以改变物业管理用房的用途吗？", "物业服务企业无权改变物业管理用房的用途。", False),
        # The party the deciding word binds is the asked one: 劳动合同法 第三十二条-like wording
        # answered "用人单位可以随时解除劳动合同吗？" "是".
        ("用人单位可以随时解除劳动合同吗？", "有下列情形之一的，劳动者可以随时通知用人单位解除劳动合同。", None),
        ("劳动者可以随时解除劳动合同吗？", "有下列情形之一的，劳动者可以随时解除劳动合同。", True),
        ("委托人可以转委托吗？", "经委托人同意，受托人可以转委托。", None),
        ("受托人可以转委托吗？", "经委托人同意，受托人可以转委托。", True),
        ("用人单位可以扣押劳动者的身份证吗？", "用人单位招用劳动者，不得扣押劳动者的居民身份证。", False),
        ("出租人可以随时解除不定期租赁合同吗？", "对不定期租赁，当事人可以随时解除合同。", True),
        # The sentence's topic is the first party it names, not one named later as an object.
        ("劳动者可以拒绝加班吗？", "用人单位应当严格执行劳动定额标准，不得强迫劳动者加班。", None),
        # Whether one may *not* do something is not decided by a rule about doing it.
        ("劳动者可以不加班吗？", "用人单位不得强迫劳动者加班。", None),
        ("用人单位能不签劳动合同吗？", "建立劳动关系，应当订立书面劳动合同。", None),
        # Nor whether a thing is *not* so, unless the sentence negates the same verb (hz25-23, stop 55).
        ("“七个着力”是不是只管硬件提升、不涉及软件建设？", "“七个着力”既包括硬件提升，也涵盖软件建设。", None),
        ("投标截止后撤销投标文件，招标人是不是可以扣着保证金不退？",
         "投标截止后投标人撤销投标文件的，招标人可以不退还投标保证金。", True),
        # A negation in the asker's own case, before the yes/no word, is no such question.
        ("经营者对行政处罚决定不服，可以申请行政复议吗？", "经营者对行政处罚决定不服的，可以申请行政复议。", True),
        ("能不能在城区落户？", "全面放开城区落户限制。", True),
        # Nor whether something may be done to one (the deciding word binds the one acting).
        ("农民可以被强迫退出宅基地吗？", "在充分保障农民宅基地合法权益的前提下，探索盘活闲置宅基地。", None),
        # A permission to cancel one thing says nothing of whether another act may be done.
        ("用人单位可以签订无固定期限劳动合同吗？", "劳动者严重失职的，用人单位可以解除劳动合同。", None),
        ("用人单位可以解除劳动合同吗？", "劳动者严重失职的，用人单位可以解除劳动合同。", True),
        # The party acting in the question's condition is the one of the sentence's case.
        ("劳动者提出解除劳动合同，用人单位需要支付经济补偿吗？",
         "用人单位依据本法第二十四条的规定解除劳动合同的，应当依照国家有关规定给予经济补偿。", None),
        ("用人单位提出解除劳动合同，需要支付经济补偿吗？",
         "用人单位依据本法第二十四条的规定解除劳动合同的，应当依照国家有关规定给予经济补偿。", True),
        # The topic party named in other words, or with its qualifier (dev zhreg-054, zhx-007).
        ("定点医院可以挂床住院吗？", "定点医药机构不得分解住院、挂床住院。", False),
        ("义务教育阶段的学校可以分设重点班吗？", "学校不得分设重点班和非重点班。", False),
        # A rule with its exceptions, or an exception itself, decides nothing: 消费者权益保护法
        # 第二十五条 opened "否" for "消费者网购商品可以七天无理由退货吗？" from its second paragraph.
        ("消费者网购商品可以七天无理由退货吗？", RETURNS_OTHERS, None),
        ("消费者可以七日内退货吗？", RETURNS_EXCEPTED, None),
        ("定制的商品可以退货吗？", "定制的商品不适用无理由退货。", None),
        # An exception inside the rule: about what it excepts, 否 where the rule grants or lifts;
        # about anything else, no verdict.
        ("超大城市可以全面放开落户吗？", "放开放宽除个别超大城市外的落户限制。", False),
        ("大城市可以放开落户吗？", "放开放宽除个别超大城市外的落户限制。", None),
        ("地方性法规能不能设定吊销营业执照的行政处罚？", LOCAL_PENALTIES, False),
        ("地方性法规能不能设定罚款？", LOCAL_PENALTIES, None),
        # The exception is cut from the rule as the default clause left it (positions of one text).
        ("地方性法规能不能设定吊销营业执照的行政处罚？", "除法律另有规定外，" + LOCAL_PENALTIES, False),
        ("可以放开落户限制吗？", "全面取消城区常住人口300万以下的城市落户限制，消除户籍壁垒外在障碍。", True),
        # A default left to other law or agreement is no exception: the rule decides.
        ("承租人可以转租吗？", "承租人经出租人同意，可以将租赁物转租给第三人，但是当事人另有约定的除外。", True),
        ("用人单位可以扣押劳动者的身份证吗？", "除法律另有规定外，用人单位不得扣押劳动者的居民身份证。", False),
        # A duty asked stands after the deciding word: "该同意应当…作出" is a duty on the consent,
        # not one to obtain it (stop 38's probes over 个人信息保护法).
        ("处理个人信息需要取得个人同意吗？",
         "基于个人同意处理个人信息的，该同意应当由个人在充分知情的前提下自愿、明确作出。", None),
        ("处理不满十四周岁未成年人的个人信息，需要父母同意吗？",
         "个人信息处理者处理不满十四周岁未成年人个人信息的，应当取得未成年人的父母或者其他监护人的同意。", True),
        # An act the sentence takes as its premise is ruled in its manner, not forbidden: 电子商务法
        # 第十九条 forbids making tied goods the default, not tying.
        ("网店可以搭售商品吗？",
         "电子商务经营者搭售商品或者服务，应当以显著方式提请消费者注意，"
         "不得将搭售商品或者服务作为默认同意的选项。", None),
        ("经营者可以销售过期商品吗？", "经营者销售商品，应当保证质量，不得销售过期商品。", False),
        # The handlers above a threshold are not every handler.
        ("个人信息处理者需要指定个人信息保护负责人吗？",
         "处理个人信息达到国家网信部门规定数量的个人信息处理者应当指定个人信息保护负责人。", None),
    ],
)
def test_polarity_reads_rights_and_exceptions(question: str, sentence: str, verdict: bool | None) -> None:
    assert polarity(analyse(question), sentence) is verdict


@pytest.mark.parametrize(
    ("question", "action"),
    [
        ("Must employers pay work-related injury insurance premiums?", "require"),
        ("Does the employer have to sign a written contract?", "require"),
        ("Are employers required to pay the premiums?", "require"),
        # A duty, restriction or lifting named as the thing done, or inside another word, is no
        # such question: these ask whether something may be done.
        ("Can the employer require the worker to provide a guarantee?", "permit"),
        ("Can a bank freeze my account?", "permit"),
        ("Is the minimum capital of a company fixed?", "permit"),
        ("Can a lessee in an eastern city sublet?", "permit"),
        ("Are cities allowed to restrict hukou?", "restrict"),
    ],
)
def test_the_english_action_asked_is_read_from_the_question_s_grammar(question: str, action: str) -> None:
    assert asked_action(analyse(question)) == action


def test_a_permission_question_is_not_answered_by_a_duty() -> None:
    """"Can the employer require…a guarantee?" opened "Yes" from "用人单位应当…保障劳动者…"."""
    sentence = "用人单位应当依法建立和完善规章制度，保障劳动者享有劳动权利和履行劳动义务。"
    assert polarity(analyse("Can the employer require the worker to provide a guarantee?"), sentence) is None


def test_clause_body_and_sentences() -> None:
    from tests.answer_fixtures import units

    six = units()[1]
    head, body = clause_body(six)
    assert head == "（六）深化户籍制度改革"
    assert body.startswith("放开放宽")
    assert clause_sentences("甲。乙；丙！") == ["甲。", "乙；", "丙！"]


def test_a_semicolon_part_governed_by_its_sentence_condition_stays_with_it() -> None:
    """道路交通安全法 第九十一条: the five-year bar belongs to drunk driving; quoted alone, the
    answer to "醉驾…多少年内不能重新考" led with another paragraph's rule."""
    drunk = "醉酒驾驶机动车的，由交通管理部门约束至酒醒，吊销驾驶证，依法追究刑事责任；五年内不得重新取得驾驶证。"
    assert clause_sentences(drunk + "\n\n饮酒后驾驶营运机动车的，处十五日拘留。") == [
        drunk, "饮酒后驾驶营运机动车的，处十五日拘留。"
    ]
    # A part with a condition of its own, a list item and a policy's parallel measures stay apart.
    assert clause_sentences("违反本法规定的，责令改正；逾期不改正的，处罚款。") == [
        "违反本法规定的，责令改正；", "逾期不改正的，处罚款。"
    ]
    assert clause_sentences("有下列行为的，可以采取下列措施：（一）进入现场检查；（二）询问有关人员。") == [
        "有下列行为的，可以采取下列措施：（一）进入现场检查；", "（二）询问有关人员。"
    ]
    assert clause_sentences("全面取消300万以下的城市落户限制；全面放宽落户条件。") == [
        "全面取消300万以下的城市落户限制；", "全面放宽落户条件。"
    ]


def test_a_quote_with_a_semicolon_is_checked_and_cited_whole() -> None:
    from rag.answer.compose import cited_sentences

    assert cited_sentences("出租人出卖房屋的，应当通知承租人；但是，近亲属的除外。[1]乙。[2]") == [
        "出租人出卖房屋的，应当通知承租人；但是，近亲属的除外。[1]", "乙。[2]"
    ]
    assert cited_sentences("甲；[1]乙。[2]") == ["甲；[1]", "乙。[2]"]
    assert cited_sentences("A business shall comply; and it shall notify [1]") == [
        "A business shall comply; and it shall notify [1]"
    ]


# -- the gate ---------------------------------------------------------------------------------


def test_gate_passes_named_clauses_and_covered_questions(index: Index) -> None:
    retriever = Retriever(index, HashingEmbedder(128))
    assert answerability(retriever.retrieve("（六）")).answerable
    covered = answerability(retriever.retrieve("城市更新改造"))
    assert covered.answerable and covered.coverage == 1.0
    off = answerability(retriever.retrieve("北京明天天气怎么样"))
    assert not off.answerable and off.coverage < 0.3


def test_pipeline_validates_input(pipeline: Pipeline) -> None:
    with pytest.raises(ValueError, match="empty"):
        pipeline.ask("  ")
    with pytest.raises(ValueError, match="top_k"):
        pipeline.ask("落户", top_k=0)
    assert pipeline.ask("户籍制度改革", docs=[PLAN]).citations[0].doc == PLAN


def test_records_are_frozen() -> None:
    s = Sentence("甲。", (1,), True)
    with pytest.raises(AttributeError):
        s.text = "乙"  # type: ignore[misc]
    a = Answer("q", "a", False, (), (s,))
    assert a.to_json()["sentences"] == [{"text": "甲。", "citations": [1], "supported": True}]
    assert Citation.__dataclass_fields__["unit"].compare is False


def test_public_api_is_importable_from_rag() -> None:
    import rag

    assert rag.Pipeline is Pipeline and rag.Answer is Answer and rag.ExtractiveAnswerer is ExtractiveAnswerer
    assert {"Pipeline", "Answer", "PolicyRetriever", "LLMAnswerer", "Retriever"} <= set(rag.__all__)
    with pytest.raises(AttributeError):
        rag.NoSuchThing  # noqa: B018


def test_a_number_the_question_gives_is_not_its_answer(pipeline: Pipeline) -> None:
    # "2000年" is a condition in the question; the answer is the deadline 2025年.
    answer = pipeline.ask("2000年底前建成的老旧小区哪一年改造完？")
    assert answer.answer.startswith("2025年：")


def test_a_year_the_documents_never_mention_means_no_answer(index: Index) -> None:
    hits = hits_for(index, "老旧小区改造任务")
    answer = ExtractiveAnswerer().answer("2031年老旧小区改造任务要完成多少？", hits)
    assert answer.abstained


def test_table_rows_are_not_quoted() -> None:
    assert clause_sentences("人口数据 | 六普 | 七普\n城镇化率达到55.43%。") == ["城镇化率达到55.43%。"]
