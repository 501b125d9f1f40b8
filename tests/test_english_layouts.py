"""English regulations laid out as the US, UK, Australia and the EU's Official Journal print them:
every section or regulation one unit under its own title, looked up by the number a reader cites.

The texts in tests/data/layouts are written for these tests after these layouts; their wording
is abridged or invented, not the published text:

- eCFR's 14 CFR Part 382 ("PART 382—…", "Subpart A—…", "§ 382.1 What is …?"), and its older
  text export with the number alone above the title;
- the US Code's 5 U.S.C. §§ 551–553 ("§ 552a. Records maintained on individuals");
- a US state Act ("Section 2. Definitions. As used in this Act:" over "(1) …");
- legislation.gov.uk's plain text of SI 2012/3110 (the title above the number: "Interpretation"
  / "2.  In these Regulations—") and of the Equality Act 2010 ("1 Public sector duty…" over
  "(1) …");
- an Australian instrument ("Part 1—Preliminary", "1  Name");
- Canada's: the Justice Laws site's text of a regulation (SOR/2019-150, "Marginal note:Application"
  above "2 These Regulations apply to…") and an Act's PDF (S.C. 2019, c. 10, the marginal note a
  plain line above "2 (1) The following definitions…");
- India's Acts ("5. Notice.—(1) Every request…", the Digital Personal Data Protection Act, 2023);
- an English report numbered "1 Introduction" / "1.1 Scope" (no Act);
- GDPR's Articles 12–13 as a PDF of the Official Journal extracts them (its page header inside a
  sentence).
"""

from __future__ import annotations

from pathlib import Path

from evals.articles import check
from rag.answer.quotes import clause_body, clause_sentences, end, english_place
from rag.ingest.clauses import parse
from rag.ingest.clean import clean
from rag.ingest.dockind import title_kind
from rag.ingest.english_layout import sections_titled_above
from rag.ingest.load import load_file
from rag.ingest.paragraphs import ends_sentence
from rag.ingest.spaces import normalize_line
from rag.query.docnames import DocNames
from rag.query.refs import lookup, parse_refs
from rag.records import Unit
from rag.text import split_sentences

LAYOUTS = Path(__file__).parent / "data" / "layouts"


def _parsed(name: str) -> tuple[str, list[Unit]]:
    doc = clean(load_file(LAYOUTS / name, root=LAYOUTS))
    return doc.meta.kind, [u for u in parse(doc).units if u.part == 0]


def test_every_cfr_section_is_one_unit_under_its_subpart() -> None:
    kind, units = _parsed("cfr-part382-excerpt.txt")
    assert kind == "regulation"
    assert [u.label for u in units] == ["§ 382.1", "§ 382.3", "§ 382.11", "§ 382.17", "§ 382.19"]
    assert [u.kind for u in units] == ["article"] * 5
    # A section titled as a question ("May carriers …?") is a heading, not a reference.
    may = units[3]
    assert may.path[-1] == "§ 382.17 May carriers limit the number of passengers with a disability on a flight?"
    assert may.path[1].startswith("Subpart B")
    # Its items stay inside it, with the lead-in sentence they complete.
    general = units[2]
    assert general.text.count("(1) You must not discriminate") == 1
    assert "you must not do any of the following things" in general.text
    assert "limit the number of passengers" not in general.text


def test_a_cfr_section_is_found_by_its_number() -> None:
    _, units = _parsed("cfr-part382-excerpt.txt")
    for question in ("What does § 382.17 say?", "What does section 382.17 say?", "What does §382.17 require?"):
        assert [u.label for u in lookup(parse_refs(question), units)] == ["§ 382.17"], question


def test_a_uk_regulation_carries_the_title_printed_above_its_number() -> None:
    kind, units = _parsed("uk-si-surcharges-excerpt.txt")
    assert kind == "regulation"  # "… Regulations 2012" on the first line of a file named for the disk
    title = clean(load_file(LAYOUTS / "uk-si-surcharges-excerpt.txt", root=LAYOUTS)).title
    assert title == "The Consumer Rights (Payment Surcharges) Regulations 2012"
    regulations = [u for u in units if u.kind != "preamble"]
    assert [u.path[-1] for u in regulations] == [
        "1. Citation and commencement", "2. Interpretation", "3. Scope of these Regulations",
        "4. Prohibition on excessive payment surcharges", "5. Enforcement", "6. Review",
    ]
    # The title is the next regulation's, not the last line of the one before.
    interpretation = regulations[1]
    assert interpretation.text.startswith("2. In these Regulations")
    assert "Scope of these Regulations" not in interpretation.text
    assert interpretation.text.rstrip().endswith("craft or profession.")


def test_a_uk_regulation_is_found_as_regulation_n() -> None:
    _, units = _parsed("uk-si-surcharges-excerpt.txt")
    found = lookup(parse_refs("What does regulation 4 say?"), units)
    assert [u.path[-1] for u in found] == ["4. Prohibition on excessive payment surcharges"]
    # An act's own number is not a provision of it.
    assert parse_refs("What does Regulation 261/2004 say about delays?") == ()


def test_curly_quotes_around_english_words_keep_their_spaces() -> None:
    assert normalize_line("the term “trader” means a person") == "the term “trader” means a person"
    assert normalize_line("‘personal data’ means any information") == "‘personal data’ means any information"
    assert normalize_line("the data subjects’ rights") == "the data subjects’ rights"
    assert normalize_line("Part 2 — Consumer credit") == "Part 2 — Consumer credit"
    # Chinese text still loses them.
    assert normalize_line("推进 “十四五” 规划") == "推进“十四五”规划"
    assert normalize_line("在 “CPRA” 中") == "在“CPRA”中"


def test_an_english_line_ends_its_sentence_at_a_full_stop() -> None:
    assert ends_sentence("fees that exceed the cost borne by the trader.")
    assert ends_sentence("These Regulations come into force on 6th April 2013.")
    assert not ends_sentence("as defined in Art.")
    assert not ends_sentence("for purposes such as, e.g.")
    assert not ends_sentence("城镇化率达到65.")  # a Chinese line's full stop is a number's


def test_a_paragraph_number_opens_its_sentence_and_is_never_one() -> None:
    # EU acts' answers quoted “1.” alone: "1. Where reference is made…" was split after the number.
    assert split_sentences("1. Where reference is made to this Article, passengers shall receive: (a) EUR 250;") == [
        "1. Where reference is made to this Article, passengers shall receive: (a) EUR 250;"
    ]
    assert split_sentences("The limit is EUR 250. 2. The rest.") == ["The limit is EUR 250.", "2. The rest."]
    assert split_sentences("It came to 1. Then it rose.") == ["It came to 1.", "Then it rose."]


def test_an_eu_acts_dashed_indents_stay_with_the_point_they_finish() -> None:
    # EU 261's Article 9(1)(b) was quoted "(b) hotel accommodation in cases." — its line alone.
    article = (
        "1. Passengers shall be offered free of charge:\n(b) hotel accommodation in cases\n"
        "- where a stay of one or more nights becomes necessary, or\n- where a further stay becomes necessary;\n"
        "The list:\n- (a) identifying situations;"
    )
    assert clause_sentences(article) == [
        "Passengers shall be offered free of charge:",  # its paragraph number is no part of a quote
        "(b) hotel accommodation in cases - where a stay of one or more nights becomes necessary, or"
        " - where a further stay becomes necessary;",
        "The list:",
        "(a) identifying situations;",  # a point's Markdown bullet is no part of its quote (stop 33)
    ]


def test_an_english_instruments_kind_is_read_past_its_year() -> None:
    assert title_kind("The Consumer Rights (Payment Surcharges) Regulations 2012") == "regulation"
    assert title_kind("Noise Abatement (Noise Labelling of Equipment) Regulations (No. 2) 1985") == "regulation"
    assert title_kind("Equality Act 2010") == "law"
    assert title_kind("California Privacy Rights Act of 2020") == "law"
    assert title_kind("THE DIGITAL PERSONAL DATA PROTECTION ACT, 2023") == "law"


def test_an_english_answer_names_the_section_in_words_that_stay_one_sentence() -> None:
    _, cfr = _parsed("cfr-part382-excerpt.txt")
    _, uk = _parsed("uk-si-surcharges-excerpt.txt")
    assert english_place(cfr[3]) == "§ 382.17"  # its title asks a question of its own
    assert english_place(uk[4]) == "4 Prohibition on excessive payment surcharges"
    act = next(u for u in _parsed("state-act-sections.txt")[1] if u.label == "Section 3")
    assert english_place(act) == "Section 3 Consumer rights"
    for unit in (cfr[3], uk[4], act):
        drafted = f"{english_place(unit)} of {unit.title} states: “…”"
        assert len(split_sentences(drafted)) == 1, drafted


def test_a_commonwealth_section_is_one_unit_with_its_subsections() -> None:
    kind, units = _parsed("au-instrument-excerpt.txt")
    assert kind == "law"  # "… Code 2024"
    assert [u.path[-1] for u in units] == [
        "1 Name", "2 Commencement", "3 Authority", "4 Notification of collection",
        "5 Access to credit reporting information",
    ]
    access = units[-1]
    assert access.path[0] == "Part 2—Consumer credit reporting"
    assert "(1) A credit reporting body must give" in access.text and "(2) Access must be given" in access.text
    assert [u.label for u in lookup(parse_refs("What does section 5 say?"), units)] == ["5"]
    # One space after the number is running text, not a section.
    assert normalize_line("2 In these Regulations—") == "2 In these Regulations—"
    assert normalize_line("1  Name") == "1  Name"


def test_a_us_code_section_keeps_its_items_and_its_inserted_neighbour() -> None:
    kind, units = _parsed("usc-title5-excerpt.txt")
    assert kind == "law"
    assert [u.label for u in units] == ["§ 551", "§ 552", "§ 552a", "§ 553"]
    public = units[1]
    assert public.path[-1] == "§ 552 Public information; agency rules, opinions, orders, records, and proceedings"
    # The lead-in stays with the items it introduces; § 552a is not swallowed by § 552.
    assert "(a) Each agency shall make available to the public information as follows:" in public.text
    assert "(A) descriptions of its central and field organization;" in public.text
    assert "Records maintained on individuals" not in public.text
    assert [u.label for u in lookup(parse_refs("What does § 552a say?"), units)] == ["§ 552a"]
    assert [u.label for u in lookup(parse_refs("What does section 552a say?"), units)] == ["§ 552a"]
    assert [u.label for u in lookup(parse_refs("What does § 552 say?"), units)] == ["§ 552"]


def test_the_article_audit_reads_us_sections() -> None:
    for name, sections in (("cfr-part382-excerpt.txt", 5), ("usc-title5-excerpt.txt", 4)):
        result = check(LAYOUTS / name, LAYOUTS)
        assert (result.expected, result.parsed, result.problem) == (sections, sections, ""), name


def test_a_section_number_alone_heads_the_section_titled_on_the_line_below() -> None:
    # eCFR's older text export: "§382.1" / "What is the purpose of this part?"; a list of bare
    # references ("§ 382.9", "§ 382.23(e)") inside § 382.7 heads nothing.
    _, units = _parsed("ecfr-part382-numbers-alone.txt")
    assert [u.label for u in units] == ["§ 382.1", "§ 382.3", "§ 382.7", "§ 382.11"]
    assert units[0].path[-1] == "§ 382.1 What is the purpose of this part?"
    assert "§ 382.9\n§ 382.23(e)" in units[2].text


def test_an_acts_sections_are_its_units_and_keep_their_lead_in() -> None:
    kind, units = _parsed("state-act-sections.txt")
    assert kind == "law"
    sections = [u for u in units if u.kind != "preamble"]
    assert [u.label for u in sections] == ["Section 1", "Section 2", "Section 3", "Section 4"]
    assert {u.kind for u in sections} == {"article"}
    definitions = sections[1]
    assert definitions.text.startswith("Section 2. Definitions. As used in this Act:")
    assert '(2) "Controller" means' in definitions.text
    doc = clean(load_file(LAYOUTS / "state-act-sections.txt", root=LAYOUTS))
    rights = [u for u in parse(doc).units if u.label == "Section 3"]  # its passages
    assert "(b) A controller shall comply with a request to exercise the consumer rights as follows:" in rights[0].text
    # A passage of it that holds the items opens with the sentence they complete.
    assert rights[-1].text.startswith("(b) A controller shall comply")
    assert "(1) A controller shall respond" in rights[-1].text
    assert [u.label for u in lookup(parse_refs("What does section 3 say?"), units)] == ["Section 3"]


def test_a_uk_acts_section_titled_after_one_space_is_one_unit() -> None:
    kind, units = _parsed("uk-act-sections.txt")
    assert kind == "law"
    assert [u.path[-1] for u in units] == [
        "1 Public sector duty regarding socio-economic inequalities", "2 Power to amend section 1",
        "4 The protected characteristics", "5 Age",
    ]
    assert units[0].path[0] == "Part 1 Socio-economic inequalities"
    assert "disability;" in units[2].text  # its list stays with it
    assert [u.label for u in lookup(parse_refs("What does section 2 say?"), units)] == ["2"]


def test_a_reports_numbered_chapters_over_subsections_are_no_act() -> None:
    kind, units = _parsed("report-numbered-chapters.txt")
    assert kind == "commentary"
    assert [u.label for u in units if u.kind != "preamble"] == ["1.1", "1.2", "2.1", "2.2"]


def test_a_lead_in_ending_in_a_dash_is_quoted_as_a_sentence() -> None:
    assert end("(a) Definitions.—For purposes of this section—") == "(a) Definitions.—For purposes of this section."
    assert end("In these Regulations–") == "In these Regulations."


def test_the_official_journals_page_header_leaves_the_sentence_it_cut() -> None:
    _, units = _parsed("eu-oj-page-headers.txt")
    article = next(u for u in units if u.label == "Article 12")
    assert "Official Journal" not in article.text and "L 119" not in article.text
    assert "in a concise, transparent, intelligible and easily accessible form" in article.text
    assert [u.label for u in units if u.kind == "article"] == ["Article 12", "Article 13"]


def test_regulation_n_names_a_provision_not_the_regulation() -> None:
    names = DocNames({"gdpr": "REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
                      "uk-si": "The Consumer Rights (Payment Surcharges) Regulations 2012"})
    assert names.mentioned("What does the regulation say about consent?") == ["gdpr"]
    assert names.mentioned("What does regulation 4 say?") == []  # was ["gdpr"]: no article 4 there
    names = DocNames({"eu-261": "Regulation (EC) No 261/2004 air passenger rights", "uk-si": "Payment Surcharges"})
    assert names.mentioned("What does Regulation 261/2004 say about delays?") == ["eu-261"]


def test_a_canadian_section_takes_its_marginal_note_as_title() -> None:
    # Justice Laws' text: "Marginal note:Application" above "2 These Regulations apply to…", the
    # number followed by the section's first sentence (stop 31's code left it running text).
    kind, units = _parsed("ca-passenger-protection-excerpt.txt")
    assert kind == "regulation"
    sections = [u for u in units if u.kind != "preamble"]
    assert [u.path[-1] for u in sections] == [
        "1 Definitions", "2 Application", "3 Terms and conditions of carriage",
        "4 Information — terms and conditions", "19 Minimum compensation — large carrier",
    ]
    assert [u.kind for u in sections] == ["article"] * 5
    doc = clean(load_file(LAYOUTS / "ca-passenger-protection-excerpt.txt", root=LAYOUTS))
    four = "\n".join(u.text for u in parse(doc).units if u.label == "4")  # its passages
    assert four.startswith("4 (1) A carrier must make the following information available")
    assert "(b) the recourse available" in four and "every 30 minutes" in four  # its items and (2)
    # A subsection's marginal note stays a line of its own, not the end of the item before it.
    assert "carrier.\nMarginal note:Delays and cancellations" in four
    assert [u.label for u in lookup(parse_refs("What does section 19 say?"), units)] == ["19"]


def test_a_canadian_acts_pdf_titles_its_sections_on_the_line_above() -> None:
    # The PDF prints the marginal note as a plain line: "Definitions" / "2 (1) The following…";
    # "N (1)" shows the layout, and then "Purpose of Act" / "3 The purpose of this Act…" too.
    kind, units = _parsed("ca-act-pdf-excerpt.txt")
    assert kind == "law"
    assert [u.path[-1] for u in units if u.kind != "preamble"] == [
        "1 Short title", "2 Definitions", "3 Purpose of Act", "4 Application to regulated entities",
        "5 Accessibility plan",
    ]
    five = units[-1]
    assert "within one year after" in five.text and "every three years" in five.text


def test_canadas_group_headings_head_their_sections_not_end_the_one_before() -> None:
    # "Tariff" / "Marginal note:Terms and conditions of carriage" / "3 A carrier must…": the
    # unnumbered heading groups the sections below it. Stop 32's code left it the last line of
    # section 2 ("…within Canada.\nTariff") and out of section 3's path.
    _, units = _parsed("ca-passenger-protection-excerpt.txt")
    assert [u.path for u in units if u.kind == "article"] == [
        ("Interpretation", "1 Definitions"), ("Application", "2 Application"),
        ("Tariff", "3 Terms and conditions of carriage"),
        ("Communication of Information", "4 Information — terms and conditions"),
        ("Flight Delay or Cancellation", "19 Minimum compensation — large carrier"),
    ]
    two = next(u for u in units if u.label == "2")
    assert two.text.endswith("from and within Canada.")
    assert not any(u.text.rstrip().endswith(("Tariff", "Cancellation", "Information")) for u in units)
    # The Act's PDF: "Accessibility Plans" / "Accessibility plan" / "5 (1) …".
    _, units = _parsed("ca-act-pdf-excerpt.txt")
    assert [u.path[0] for u in units if u.kind == "article"] == [
        "Short Title", "Interpretation", "Interpretation", "Application", "Accessibility Plans",
    ]


def test_a_sections_last_line_not_title_cased_stays_in_it() -> None:
    # "Minister means the Minister of Transport" above a section's marginal note is the end of
    # the definitions before it, not a heading over the next section.
    doc = ("Marginal note:Definitions\n1 (1) The following definitions apply.\n"
           "Minister means the Minister of Transport\n"
           "Marginal note:Application\n2 These Regulations apply to carriers.\nFlight Delays\n"
           "Marginal note:Delays\n3 A carrier must inform passengers.")
    found = sections_titled_above(doc.split("\n"), set())
    assert [(i, m.family, m.label) for i, m in found] == [
        (1, "bare_section", "1"), (4, "bare_section", "2"), (5, "en_group", "Flight Delays"), (7, "bare_section", "3"),
    ]


def test_an_indian_acts_section_is_titled_by_the_words_before_its_dash() -> None:
    # "5. Notice.—(1) Every request…": the path read "5. Notice.—(1) Every request…" and the quote
    # opened "Notice.—(1)" (stop 33's text after the DPDP Act, 2023).
    _, units = _parsed("in-act-excerpt.txt")
    sections = [u for u in units if u.kind != "preamble"]
    assert [u.path[-1] for u in sections] == [
        "1 Short title and commencement", "2 Definitions", "3 Application of Act",
        "4 Grounds for processing personal data", "5 Notice", "8 General obligations of Data Fiduciary",
    ]
    assert sections[4].path[0] == "Chapter II Obligations of data fiduciary"
    _, body = clause_body(sections[4])
    assert clause_sentences(body)[0].startswith("(1) Every request made to a Data Principal")
    assert [u.label for u in lookup(parse_refs("What does s 8(6) of the Act require?"), units)] == ["8."]
    # A UK regulation's "2. In these Regulations—" has no title before its dash.
    _, uk = _parsed("uk-si-surcharges-excerpt.txt")
    assert uk and not any(u.path and u.path[-1].endswith("In these Regulations") for u in uk)


def test_a_short_line_above_a_numbered_sentence_alone_makes_no_section() -> None:
    # One "2 These …" under a short line, with nothing else showing the layout, stays text.
    doc = "Notes\n\nBackground\n2 Members of the board met twice in 2024 and agreed the budget.\nIt was approved.\n"
    assert sections_titled_above(doc.split("\n"), set()) == []
