"""One test per legislative-structure trap, each on a small fixture under tests/data/ingest/."""

from __future__ import annotations

from pathlib import Path

from rag.ingest.clauses import parse
from rag.ingest.clean import clean
from rag.ingest.load import load_file
from rag.ingest.markdown import DELETED_MARK
from rag.records import Document, DocumentMeta, ParseResult, Unit

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def read(name: str) -> tuple[Document, ParseResult]:
    doc = clean(load_file(DATA / name))
    return doc, parse(doc, max_chars=2000, overlap=80)


def by_label(result: ParseResult, label: str) -> Unit:
    (unit,) = [u for u in result.units if u.label == label]
    return unit


def test_inline_items_stay_in_their_article_with_the_lead_in() -> None:
    _, result = read("inline_items.txt")
    second = by_label(result, "第二条")
    assert second.kind == "article"
    assert second.text.startswith("第二条 医疗保障行政部门实施监督检查，可以采取下列措施：（一）进入现场检查；")
    assert second.text.endswith("开展监督检查，监督检查人员不得少于2人。")  # the second 款
    assert [u.label for u in result.units] == ["第一条", "第二条", "第三条"]
    assert second.path == ("第一章 总则", "第二条")  # the ideographic space after 第X章 collapsed


def test_half_width_items_and_front_matter() -> None:
    doc, result = read("half_width_items.md")
    fourteen = by_label(result, "第十四条")
    assert fourteen.text.startswith("第十四条 职工有下列情形之一的，应当认定为工伤：\n(一)在工作时间")
    assert "(三)法律、行政法规规定应当认定为工伤的其他情形。" in fourteen.text
    assert fourteen.path == ("第三章 工伤认定", "第十四条")
    # "(以下称用人单位)" in half-width brackets is no item; 第二条 is found (no "第三条 follows 第一条").
    assert by_label(result, "第二条").text.endswith("应当依照本条例规定参加工伤保险。")
    assert result.warnings == ("工伤保险条例: 第三章 follows 第一章 at level 第一章 (gap)",
                               "工伤保险条例: 第十四条 follows 第二条 at level 第一条 (gap)")
    # The front matter is metadata, quoted by no unit.
    assert doc.meta.title == "工伤保险条例" and doc.meta.kind == "regulation"
    assert doc.meta.doc_number == "中华人民共和国国务院令第375号" and doc.meta.issued == "2003年4月27日"
    assert not any("INFO END" in u.text or "国务院令" in u.text for u in result.units)


def test_cross_reference_never_opens_a_unit_and_numbering_from_463_is_normal() -> None:
    doc, result = read("numbering_from_463.md")
    labels = [u.label for u in result.units]
    assert labels == ["第四百六十三条", "第四百六十四条", "第四百六十五条", "第四百六十五条", "第四百六十八条"]
    assert by_label(result, "第四百六十三条").path == ("合同编", "第一分编 通则", "第一章 一般规定", "第四百六十三条")
    assert result.units[-1].path[-2] == "第一节 订立"
    # The duplicate and the gap are warnings, never merges; the start at 463 is no gap.
    assert len(result.warnings) == 2
    assert "duplicate" in result.warnings[0] and "第四百六十八条 follows 第四百六十五条" in result.warnings[1]
    assert doc.meta.title == "中华人民共和国民法典" and doc.meta.effective == "2021年1月1日"


def test_eu_sections_titles_and_training_note() -> None:
    doc, result = read("eu_sections.md")
    assert [(u.label, u.path) for u in result.units] == [
        ("Article 6", ("Chapter III High-risk AI systems", "Section 1 Classification of AI systems as high-risk",
                       "Article 6 Classification rules for high-risk AI systems")),
        ("Article 8", ("Chapter III High-risk AI systems", "Section 2 Requirements for high-risk AI systems",
                       "Article 8 Compliance with the requirements")),
    ]
    six = result.units[0]
    assert "- (a) the AI system is intended" in six.text and "2. In addition" in six.text
    assert "SECTION" not in six.text and "Section 2" not in six.text  # a SECTION between articles is a path level
    assert doc.meta.notes and doc.meta.notes[0].startswith("Training Note:")
    assert not any("Training Note" in u.text for u in result.units)
    assert doc.meta.kind in ("law", "regulation")


def test_cpra_codified_sections_false_headings_and_struck_text() -> None:
    doc, result = read("cpra_sections.md")
    assert [(u.label, u.path) for u in result.units] == [
        ("Section 1", ("Section 1",)),
        ("SEC. 2", ("SEC. 2 Findings and Declarations",)),
        ("Section 1798.100", ("SEC. 3 Section 1798.100 of the Civil Code is amended to read",
                              "Section 1798.100 General Duties of Businesses that Collect Personal Information")),
        ("Section 1798.105", ("SEC. 3 Section 1798.105 of the Civil Code is amended to read",
                              "Section 1798.105 Consumers' Right to Delete Personal Information")),
        ("Section 1798.106", ("SEC. 5 Section 1798.106 is added to the Civil Code to read",
                              "Section 1798.106 Consumers' Right to Correct")),
    ]
    hundred = by_label(result, "Section 1798.100")
    # "Section 1798.120." starting a wrapped line is a reference inside the sentence.
    assert "subject to Section 1798.120. The business" in hundred.text
    # Struck text is gone, marked, and counted; the escapes are removed.
    assert "request disclosure" not in hundred.text and "collects a" not in hundred.text
    assert hundred.deleted == hundred.text.count(DELETED_MARK) >= 2
    assert "consumer's personal information" in hundred.text and "\\" not in doc.text and "*" not in doc.text
    # The duplicate SEC. 3 and the missing SEC. 4 are warned.
    assert any("duplicate" in w and "SEC. 3" in w for w in result.warnings)
    assert any("SEC. 5 follows SEC. 3" in w for w in result.warnings)


def test_pdf_style_broken_lines_full_width_digits_and_spaced_heading() -> None:
    doc, result = read("pdf_broken_lines.txt")
    assert [u.label for u in result.units] == ["第一条", "第二条", "第三条", "第十条"]
    assert result.warnings == ("中华人民共和国劳动法: 第十条 follows 第三条 at level 第一条 (gap)",)
    assert by_label(result, "第一条").text.endswith("促进经济发展和社会进步，根据宪法，制定本法。")
    assert by_label(result, "第一条").path == ("第一章 总则", "第一条")
    # An item that fills the line and runs on is re-joined too: in a law an item is no title.
    assert by_label(result, "第十条").text.endswith(
        "书面形式通知劳动者本人：\n（一）劳动者患病或者非因工负伤，医疗期满后，不能从事原工作的；\n"
        "（二）劳动合同订立时所依据的客观情况发生重大变化，致使原劳动合同无法履行，经当事人协商不能就变更劳动合同达成协议的。")
    assert doc.meta.effective == "1995年1月1日" and doc.meta.kind == "law"


def test_policy_notice_keeps_its_clauses_and_drops_the_signature() -> None:
    doc, result = read("policy_notice.txt")
    assert [(u.label, u.path[-1] if u.path else "") for u in result.units] == [
        ("前言", ""),
        ("一、", "一、总体要求"),
        ("（一）", "（一）强化医保行政部门监管责任"), ("（二）", "（二）强化经办机构审核检查责任"),
        ("（一）", "（一）推进飞行检查常态化"), ("（二）", "（二）推进专项整治常态化"),
    ]
    assert result.units[0].text.startswith("医疗保障基金是人民群众")  # the addressee line is metadata
    assert result.units[-1].path == ("三、做实常态化监管", "（二）推进专项整治常态化")
    assert not any("2023年5月26日" in u.text or u.text.endswith("国务院办公厅") for u in result.units)
    assert doc.meta == DocumentMeta(
        title="国务院办公厅关于加强医疗保障基金使用常态化监管的实施意见", issuer="国务院办公厅",
        doc_number="国办发〔2023〕17号", issued="2023年5月26日", kind="policy",
        notes=("（国办发〔2023〕17号）", "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
    )


def test_plain_text_regulation_sections_hold_articles_even_after_articles_without_sections() -> None:
    doc, result = read("gdpr_plain.txt")
    assert [(u.label, u.path) for u in result.units if u.part == 0] == [
        ("Article 1", ("Chapter I General provisions", "Article 1 Subject-matter and objectives")),
        ("Article 2", ("Chapter I General provisions", "Article 2 Material scope")),
        ("Article 12", ("Chapter III Rights of the data subject", "Section 1 Transparency and modalities",
                        "Article 12 Transparent information, communication and modalities for the exercise of "
                        "the rights of the data subject")),
        ("Article 16", ("Chapter III Rights of the data subject", "Section 3 Rectification and erasure",
                        "Article 16 Right to rectification")),
        ("Article 17", ("Chapter III Rights of the data subject", "Section 3 Rectification and erasure",
                        "Article 17 Right to erasure (‘right to be forgotten’)")),
    ]
    seventeen = by_label(result, "Article 17")
    assert "(b) the data subject withdraws consent" in seventeen.text and seventeen.text.endswith("reasonable steps.")
    assert doc.meta.title.startswith("REGULATION (EU) 2016/679") and doc.meta.kind == "regulation"


def test_table_of_contents_and_bracketed_note_are_front_matter() -> None:
    doc, result = read("contents_and_note.txt")
    assert [(u.label, u.path) for u in result.units] == [
        ("第一条", ("第一章 总则", "第一条")), ("第二条", ("第一章 总则", "第二条")),
        ("第三条", ("第二章 监督管理", "第三条")), ("第四条", ("第三章 附则", "第四条")),
    ]
    assert result.warnings == ()  # the contents' 第一章…第三章 are no duplicates
    assert by_label(result, "第三条").text.endswith("（一）检查；\n（二）处罚。")
    assert doc.meta.notes == ("（2020年1月1日第十三届全国人民代表大会常务委员会第十五次会议通过）",)
    assert doc.meta.kind == "law" and doc.meta.issued == "2020年1月1日"


def _parsed(tmp_path: Path, text: str) -> ParseResult:
    path = tmp_path / "条例.md"
    path.write_text(text, encoding="utf-8")
    return parse(clean(load_file(path)), max_chars=2000, overlap=80)


_LRB_HEAD = (
    "# 北京市某某条例\n\n2021年11月26日 北京市第十五届人民代表大会常务委员会第三十五次会议通过\n\n"
    "<!-- INFO END -->\n\n"
)
_BODY = (
    "## 第一章 总 则\n\n第一条 为了规范献血工作，制定本条例。\n\n"
    "## 第二章 附 则\n\n第二条 本条例自公布之日起施行。\n"
)


def test_chapter_headings_listed_before_the_body_are_contents_without_a_contents_line(tmp_path: Path) -> None:
    """北京市献血条例 (LawRefBook) lists its chapters under its header with no "目录" line: the list
    had become six empty chapter units and an "out of order" warning. Also a title repeated on two
    lines above the list, and a list on one line (重庆市…人事任免工作条例)."""
    listed = _LRB_HEAD + "## 第一章 总 则\n\n## 第二章 附 则\n\n" + _BODY
    retitled = _LRB_HEAD + "北京市某某\n\n条例\n\n## 第一章 总 则\n\n## 第二章 附 则\n\n" + _BODY
    one_line = _LRB_HEAD + "## 第一章 总则 第二章 附则 第三章 其他\n\n" + _BODY
    for text in (listed, retitled, one_line):
        result = _parsed(tmp_path, text)
        assert [(u.label, u.path) for u in result.units] == [
            ("第一条", ("第一章 总则", "第一条")), ("第二条", ("第二章 附则", "第二条")),
        ], text
        assert result.warnings == ()
    # One heading repeated is a duplicated line, not contents: the parser still reports it.
    doubled = _LRB_HEAD + "## 第一章 总 则\n\n" + _BODY
    assert _parsed(tmp_path, doubled).warnings


def test_rtl_override_is_stripped_by_cleaning() -> None:
    doc, result = read("rtl_override.txt")
    assert "\u202e" not in doc.text
    assert by_label(result, "第二条").text == "第二条 违反本法的，依法处理。"


def test_document_meta_round_trips_through_json() -> None:
    meta = DocumentMeta(title="工伤保险条例", issuer="国务院", doc_number="国务院令第375号",
                        issued="2003年4月27日", kind="regulation", notes=("公布",))
    assert DocumentMeta.from_json(meta.to_json()) == meta
    assert DocumentMeta.from_json({}) == DocumentMeta()
    doc = Document("d", "t", "s", "txt", "x", "0")
    assert doc.meta == DocumentMeta()  # old call sites get an empty record


def test_a_file_named_for_the_disk_takes_its_title_from_its_heading(tmp_path: Path) -> None:
    """Issue 14: an upload's title came from its file name instead of its own heading."""
    from rag.ingest.clean import clean
    from rag.ingest.load import load_file

    body = "第一条 为推进屋顶绿化，制定本办法。\n\n第二条 本办法自公布之日起施行。\n"
    cases = {
        "rooftop-rules.txt": ("某市屋顶绿化管理办法（试行）\n\n" + body, "某市屋顶绿化管理办法（试行）"),
        "某市屋顶绿化管理办法.txt": ("某市屋顶绿化管理办法（试行）\n\n" + body, "某市屋顶绿化管理办法（试行）"),
        # A heading that says something else is a kicker, not the title: the file's name stays.
        "扎实推进城镇化战略.txt": (
            "优化空间格局　增添发展动能\n\n扎实推进城镇化战略\n\n正文一段。\n",
            "扎实推进城镇化战略",
        ),
        # The first line is the first clause: no title there.
        "rules.txt": (body, "rules"),
    }
    for name, (text, title) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert clean(load_file(path)).title == title, name
