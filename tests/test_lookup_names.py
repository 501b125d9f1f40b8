"""Lookups that name a document by its own full title, and the Civil Code's books by number."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.query.docnames import DocNames
from rag.query.refs import RefIndex, heading_ref, parse_refs
from rag.records import DocumentMeta, Unit
from rag.retrieve.fusion import Retriever
from tests.answer_fixtures import build_index

TITLES = {
    "zh-laws/中华人民共和国劳动法": "中华人民共和国劳动法",
    "zh-laws/社会保险法(2018-12-29)": "社会保险法(2018-12-29)",
    "zh-laws/民法典-合同编": "民法典-合同编",
}
OWN = {
    "zh-laws/社会保险法(2018-12-29)": ("中华人民共和国社会保险法",),
    "zh-laws/民法典-合同编": ("中华人民共和国民法典",),
}


def test_a_full_title_names_its_document_not_the_one_whose_file_shares_its_prefix() -> None:
    without = DocNames(TITLES, ends_only=False)
    assert without.mentioned("《中华人民共和国社会保险法》第十条") == ["zh-laws/中华人民共和国劳动法"]  # the old bug
    # Only the end of a name names: "中华人民共和国" opens the 劳动法's title but ends no name.
    assert DocNames(TITLES).mentioned("《中华人民共和国社会保险法》第十条") == ["zh-laws/社会保险法(2018-12-29)"]
    names = DocNames(TITLES, OWN)
    assert names.mentioned("《中华人民共和国社会保险法》第十条") == ["zh-laws/社会保险法(2018-12-29)"]
    assert names.mentioned("《中华人民共和国民法典》第四百六十三条") == ["zh-laws/民法典-合同编"]
    assert names.mentioned("劳动法第三条讲了什么") == ["zh-laws/中华人民共和国劳动法"]


def _article(doc: str, title: str, path: tuple[str, ...], label: str, n: int) -> Unit:
    text = f"{label} 条文{n}。"
    return Unit(doc, title, (*path, label), label, n, text, (n * 20, n * 20 + len(text)), "article")


def test_the_retriever_names_documents_by_their_own_titles(tmp_path: Path) -> None:
    units = [
        _article("劳动法", "中华人民共和国劳动法", ("第一章 总则",), "第十条", 1),
        _article("社会保险法(2018-12-29)", "社会保险法(2018-12-29)", ("第一章 总则",), "第十条", 2),
    ]
    metas = {"社会保险法(2018-12-29)": DocumentMeta(title="中华人民共和国社会保险法", kind="law"),
             "劳动法": DocumentMeta(title="中华人民共和国劳动法", kind="law")}
    retriever = Retriever(build_index(tmp_path / "i", units, metas=metas), None)
    retrieval = retriever.retrieve("《中华人民共和国社会保险法》第十条")
    assert retrieval.direct and retrieval.hits[0].unit.doc_id == "社会保险法(2018-12-29)"
    assert retrieval.hits[0].meta is not None and retrieval.hits[0].meta.title == "中华人民共和国社会保险法"


def test_an_unnumbered_civil_code_book_is_found_by_its_number() -> None:
    assert heading_ref("合同编") == ("book", (3,))
    assert heading_ref("侵权责任编") == ("book", (7,))
    assert heading_ref("第三编 合同") == ("book", (3,))
    book = ("合同编", "第一分编 通则", "第一章 一般规定")
    units = [_article("民法典-合同编", "民法典-合同编", book, "第四百六十三条", 463),
             _article("工伤保险条例", "工伤保险条例", ("第三章 工伤认定",), "第十四条", 14)]
    found = RefIndex(units).lookup(parse_refs("第三编讲什么"))
    assert [u.label for u in found] == ["第四百六十三条"]


def test_a_sub_book_inside_a_book_is_found() -> None:
    assert heading_ref("第二分编 典型合同") == ("subbook", (2,))
    refs = parse_refs("第三编第一分编讲了什么")
    assert [(r.kind, r.number, r.nested) for r in refs] == [("book", (3,), False), ("subbook", (1,), True)]
    general = ("合同编", "第一分编 通则", "第一章 一般规定")
    typical = ("合同编", "第二分编 典型合同", "第九章 买卖合同")
    units = [_article("民法典-合同编", "民法典-合同编", general, "第四百六十三条", 463),
             _article("民法典-合同编", "民法典-合同编", typical, "第五百九十五条", 595)]
    table = RefIndex(units)
    assert [u.label for u in table.lookup(refs)] == ["第四百六十三条"]
    assert [u.label for u in table.lookup(parse_refs("第三编第二分编第九章"))] == ["第五百九十五条"]
    assert [u.label for u in table.lookup(parse_refs("第三编"))] == ["第四百六十三条", "第五百九十五条"]
    # Two containers side by side, not one inside the other: both.
    assert [r.nested for r in parse_refs("第一分编和第二分编")] == [False, False]
    assert len(table.lookup(parse_refs("第一分编和第二分编"))) == 2


def test_a_topic_word_of_a_title_names_no_document() -> None:
    names = DocNames({**TITLES, "zh-laws/行政处罚法(2021-01-22)": "行政处罚法(2021-01-22)"})
    assert names.mentioned("医保部门作出行政处罚之前要听取陈述申辩吗？") == []
    assert names.mentioned("修订后的行政处罚法从哪天起施行？") == ["zh-laws/行政处罚法(2021-01-22)"]
    assert names.names("修订后的行政处罚法从哪天起施行？") == {"zh-laws/行政处罚法(2021-01-22)": "行政处罚法"}
    assert DocNames(TITLES).mentioned("合同编里怎么规定的") == ["zh-laws/民法典-合同编"]
    assert "zh-laws/中华人民共和国劳动法" in DocNames(TITLES, ends_only=False).mentioned("劳动合同怎么签")
    assert DocNames(TITLES).mentioned("劳动合同怎么签") == []


def test_a_roman_numeral_names_no_document() -> None:
    titles = {
        "en/eu-ai-act_ch03": "Regulation (EU) 2024/1689, Chapter III High-risk AI systems",
        "zh-policy/notice": "关于加强医疗保障基金使用常态化监管的实施意见",
    }
    names = DocNames(titles)
    # "Part III" numbers a part of whatever text is asked about; "Chapter III" of a title is no name.
    assert names.mentioned("What does item (4) of Part III, on intelligent monitoring, require?") == []
    assert names.mentioned("What does the AI Act say about logs?") == ["en/eu-ai-act_ch03"]
    # An English acronym before a Chinese kind word (stop 33: "AI法案第14条" named nothing); not
    # before a bare 法, which is as often a method ("用AI法处理").
    assert names.mentioned("AI法案第14条讲什么？") == ["en/eu-ai-act_ch03"]
    assert names.mentioned("能用AI法处理吗？") == []


def test_an_official_number_names_its_text_in_any_language() -> None:
    titles = {
        "en/eu-261-2004_air-passenger-rights": "eu-261-2004_air-passenger-rights",
        "en/gdpr": "Regulation (EU) 2016/679 (General Data Protection Regulation)",
        "zh-laws/义务教育法(2018-12-29)": "义务教育法(2018-12-29)",
        "zh-laws/中华人民共和国劳动法": "中华人民共和国劳动法",
    }
    names = DocNames(titles)
    # A Chinese question names the English regulation by its number (the file name holds it).
    assert names.mentioned("欧盟261/2004号条例第14条规定了什么？") == ["en/eu-261-2004_air-passenger-rights"]
    assert names.mentioned("What does Article 5 of Regulation 2016/679 say?") == ["en/gdpr"]
    # Its number without the year, as Chinese readers name it (stop 33: the candidates of every
    # text with a 第7条 were listed); a day of the month is no act ("3月25号").
    assert names.mentioned("欧盟261号条例第7条规定了什么？") == ["en/eu-261-2004_air-passenger-rights"]
    assert names.mentioned("3月25号前要办理吗？") == []
    assert names.mentioned("679号条例讲什么？") == []  # GDPR's 679 follows its year: named with it
    # A date in a title and two years in a question are no official numbers.
    assert names.mentioned("2018-12 修订的内容是什么？") == []
    assert names.mentioned("What did the plan achieve in 2020-2021?") == []


# As an index builds them: each document's title is its file name, its own title an alias.
LOCAL_TITLES = {
    "残疾人保障法(2018-10-26)": "中华人民共和国残疾人保障法",
    "北京市实施《残疾人保障法》办法(2019-05-30)": "北京市实施《中华人民共和国残疾人保障法》办法",
}
LOCAL = DocNames({doc: doc for doc in LOCAL_TITLES}, {doc: (title,) for doc, title in LOCAL_TITLES.items()})


@pytest.mark.parametrize(
    ("question", "named"),
    [
        # kc-32 / kc-34, fresh questions: the law quoted in a local regulation's title is the law's name.
        ("残疾人保障法第五十八条讲的是什么？", "残疾人保障法(2018-10-26)"),
        ("中华人民共和国残疾人保障法第三条", "残疾人保障法(2018-10-26)"),
        # ...the regulation named in its own words, quoted or not (kc-12, kc-33).
        ("北京市实施《残疾人保障法》办法第十二条讲什么", "北京市实施《残疾人保障法》办法(2019-05-30)"),
        ("北京那个实施残疾人保障法的办法，是从什么时候开始施行的？", "北京市实施《残疾人保障法》办法(2019-05-30)"),
        ("北京那个残疾人保障法实施办法第四十六条讲什么？", "北京市实施《残疾人保障法》办法(2019-05-30)"),
        # The place a title is of names it (kc-01), in English too; and an English name of each.
        ("我们是北京一家公司，北京这边规定的比例最低是多少？", "北京市实施《残疾人保障法》办法(2019-05-30)"),
        ("In Beijing, what share of staff must be disabled?", "北京市实施《残疾人保障法》办法(2019-05-30)"),
        ("Under China's Law on the Protection of Persons with Disabilities, is the subway free?",
         "残疾人保障法(2018-10-26)"),
        ("From what date have Beijing's Measures for implementing the Law on the Protection of Persons with "
         "Disabilities been in force?", "北京市实施《残疾人保障法》办法(2019-05-30)"),
    ],
)
def test_stop_59_a_law_and_the_local_regulation_quoting_it(question: str, named: str) -> None:
    assert LOCAL.mentioned(question) == [named], question


def test_stop_59_an_english_act_by_its_initials_or_its_file_names_short_word() -> None:
    own = {
        "eu-network-information-security-directive-2016-1148": (
            "Directive (EU) 2016/1148 of the European Parliament and of the Council of 6 July 2016 concerning measures "
            "for a high common level of security of network and information systems across the Union"),
        "eu-competition-authorities-ecn-plus-directive-2019-1": (
            "Directive (EU) 2019/1 of the European Parliament and of the Council of 11 December 2018 to empower the "
            "competition authorities of the Member States to be more effective enforcers and to ensure the proper "
            "functioning of the internal market"),
    }
    names = DocNames({doc: doc for doc in own}, {doc: (title,) for doc, title in own.items()})
    nis = "eu-network-information-security-directive-2016-1148"
    ecn = "eu-competition-authorities-ecn-plus-directive-2019-1"
    # pe59-06: "functioning" of ECN+'s title tied with the NIS acronym.
    assert names.mentioned("When was the Commission's first periodic report on the functioning of the NIS Directive "
                           "due?") == [nis]
    assert names.mentioned("按照欧盟的ECN+指令，没有法院事先批准，他们能直接搜查吗？") == [ecn]
    assert names.mentioned("Können wir nach der ECN+-Richtlinie trotzdem einen Erlass bekommen?") == [ecn]
    # Lower case is the question's own wording, no name; nor are the adopting bodies' initials.
    assert names.mentioned("is the nis relevant?") == []
    assert names.mentioned("What does the EPC say?") == []


_BLOOD = {
    "北京市献血条例(2021-11-26)": ("北京市献血条例",),
    "献血法(1997-12-29)": ("中华人民共和国献血法",),
    "eu-digital-markets-act-regulation-2022-1925": (
        "Regulation (EU) 2022/1925 of the European Parliament and of the Council of 14 September 2022 on contestable "
        "and fair markets in the digital sector (Digital Markets Act)",),
}


def test_stop_65_a_follow_ups_own_words_name_its_document() -> None:
    # pz65-27, a fresh trap: the Beijing regulation's longer name in the earlier question won.
    names = DocNames({doc: doc for doc in _BLOOD}, _BLOOD)
    question = ("那国家那部献血法呢，是哪天起施行的？"
                "（接上文：北京的献血条例是2021年11月26日通过的，那它从哪天开始施行？）")
    assert names.mentioned(question) == ["献血法(1997-12-29)"]
    # A follow-up naming none is still read with the earlier question's name.
    assert names.mentioned("那外地人呢？（接上文：北京的献血条例从哪天开始施行？）") == ["北京市献血条例(2021-11-26)"]


def test_stop_65_the_eu_names_its_acts_among_chinese_laws() -> None:
    # kq-30, a fresh question, found 反食品浪费法's 外卖平台 article before the DMA.
    names = DocNames({doc: doc for doc in _BLOOD}, _BLOOD)
    dma = "eu-digital-markets-act-regulation-2022-1925"
    assert names.mentioned("我们在欧盟一个大型电商平台上开店，它能拿我们不公开的销售数据来跟我们抢生意吗？") == [dma]
    # Any name of one act outweighs it, and with only EU acts indexed it names none of them.
    assert names.mentioned("欧盟的规定和北京市献血条例有什么不同？") == ["北京市献血条例(2021-11-26)"]
    only_eu = DocNames({dma: dma}, {dma: _BLOOD[dma]})
    assert only_eu.mentioned("欧盟对守门人有哪些义务？") == []
