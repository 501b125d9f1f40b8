"""The name an answer's sentence gives a document (rag/answer/docname.py)."""

from __future__ import annotations

import pytest

from rag.answer.docname import cited_title
from rag.records import DocumentMeta, Hit, Unit


def _hit(title: str, meta_title: str | None) -> Hit:
    unit = Unit(title, title, ("第一条",), "第一条", 1, "第一条 为了规范……制定本法。", (0, 12), "article")
    return Hit(unit, 1.0, meta=None if meta_title is None else DocumentMeta(title=meta_title))


@pytest.mark.parametrize(
    ("title", "meta_title", "named"),
    [
        # A file name with a date after it: the law's own title from its heading.
        ("法律援助法(2021-08-20)", "中华人民共和国法律援助法", "中华人民共和国法律援助法"),
        ("中华人民共和国统计法_20240913", "中华人民共和国统计法", "中华人民共和国统计法"),
        ("民法典-合同编", "中华人民共和国民法典", "中华人民共和国民法典"),
        # An EU act named by its designation, as a sentence cites it.
        ("eu-package-travel-2015-2302",
         "Directive (EU) 2015/2302 of the European Parliament and of the Council of 25 November 2015 on package "
         "travel and linked travel arrangements, amending Regulation (EC) No 2006/2004", "Directive (EU) 2015/2302"),
        ("eu-consumer-rights-2011-83",
         "Directive 2011/83/EU of the European Parliament and of the Council of 25 October 2011 on consumer rights, "
         "amending Council Directive 93/13/EEC", "Directive 2011/83/EU"),
        # A title of its own stays, whatever the metadata says.
        ("工伤保险条例", "工伤保险条例（2010年修订）", "工伤保险条例"),
        ("The California Privacy Rights Act of 2020", "California Privacy Rights Act of 2020",
         "The California Privacy Rights Act of 2020"),
        # Metadata naming a part is no name for the document: the file name stays.
        ("eu-ai-act_ch03_high-risk-ai-systems", "Chapter III - High-Risk AI Systems",
         "eu-ai-act_ch03_high-risk-ai-systems"),
        ("民法典-合同编", "第三编 合同", "民法典-合同编"),
        # No metadata: the title it has.
        ("法律援助法(2021-08-20)", None, "法律援助法(2021-08-20)"),
        ("法律援助法(2021-08-20)", "", "法律援助法(2021-08-20)"),
        # A full title not long enough to shorten: the GDPR's as its heading prints it.
        ("REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", "",
         "REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL"),
    ],
)
def test_a_document_is_named_by_its_title_not_its_file_name(title: str, meta_title: str | None, named: str) -> None:
    assert cited_title(_hit(title, meta_title)) == named
