"""Sub-citations: the span of an item (项), paragraph (款) or point inside an article's text."""

from __future__ import annotations

import pytest

from rag.ingest.subcite import subcite

LINE_ITEMS = ("第十四条 职工有下列情形之一的，应当认定为工伤：\n"
              "(一)在工作时间和工作场所内，因工作原因受到事故伤害的；\n(二)患职业病的；\n(三)法律、行政法规规定应当认定为工伤的其他情形。\n"
              "职工有前款第(一)项情形的，按照本条例的有关规定享受工伤保险待遇。")
INLINE = ("第二十七条　医疗保障行政部门实施监督检查，可以采取下列措施：（一）进入现场检查；（二）询问有关人员；"
          "（三）法律、法规规定的其他措施。\n开展监督检查，监督检查人员不得少于2人。")
EU = ("### Article 6\nClassification rules for high-risk AI systems\n1. An AI system shall be considered high-risk "
      "where:\n- (a) it is a safety component;\n- (b) it undergoes a conformity assessment.\n"
      "2. In addition, AI systems referred to in Annex III shall be considered high-risk.")
CPRA = ("1798.105. Consumers' Right to Delete\n1798.105\n(a) A consumer may request deletion.\n"
        "(c) A business shall delete:\n(1) within 45 days;\n(A) unless extended;\n(i) once;\n(2) without charge.\n"
        "(d) A business need not comply.")


def part(text: str, ref: str) -> str | None:
    span = subcite(text, ref)
    return None if span is None else text[span[0]:span[1]]


@pytest.mark.parametrize(("text", "ref", "expected"), [
    (LINE_ITEMS, "第（二）项", "(二)患职业病的；"),
    (LINE_ITEMS, "工伤保险条例第十四条第(一)项", "(一)在工作时间和工作场所内，因工作原因受到事故伤害的；"),
    (LINE_ITEMS, "第三项", "(三)法律、行政法规规定应当认定为工伤的其他情形。"),
    (LINE_ITEMS, "第二款", "职工有前款第(一)项情形的，按照本条例的有关规定享受工伤保险待遇。"),
    (INLINE, "第（一）项", "（一）进入现场检查；"),
    (INLINE, "第（三）项", "（三）法律、法规规定的其他措施。"),
    (INLINE, "第二款", "开展监督检查，监督检查人员不得少于2人。"),
    (INLINE, "第一款第（二）项", "（二）询问有关人员；"),
    (EU, "paragraph 2", "2. In addition, AI systems referred to in Annex III shall be considered high-risk."),
    (EU, "Art. 6(1)(b)", "- (b) it undergoes a conformity assessment."),
    (EU, "point (a)", "- (a) it is a safety component;"),
    (CPRA, "§ 1798.105(c)(1)(A)(i)", "(i) once;"),
    (CPRA, "(c)(2)", "(2) without charge."),
    (CPRA, "(d)", "(d) A business need not comply."),
])
def test_sub_citations_find_their_span(text: str, ref: str, expected: str) -> None:
    assert part(text, ref) == expected


def test_a_whole_paragraph_holds_its_items() -> None:
    first = part(LINE_ITEMS, "第一款")
    assert first is not None and first.startswith("第十四条") and first.endswith("其他情形。")
    assert part(EU, "paragraph 1") == EU[EU.index("1. An"):EU.index("\n2. In")]


@pytest.mark.parametrize(("text", "ref"), [(LINE_ITEMS, "第（九）项"), (LINE_ITEMS, "第五款"), (EU, "(3)"),
                                           (CPRA, "(z)"), (EU, "nothing to cite")])
def test_a_missing_part_is_none(text: str, ref: str) -> None:
    assert subcite(text, ref) is None
