"""Document kind and status, read from what each document says (rag.ingest.dockind via clean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.clean import clean
from rag.ingest.dockind import bare_title, document_kind, document_status, structure_kind, title_kind
from rag.ingest.load import load_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "meta"


def meta_of(path: Path, root: Path | None = None):  # type: ignore[no-untyped-def]
    return clean(load_file(path, root=root)).meta


@pytest.mark.parametrize(
    ("name", "kind", "status"),
    [
        ("law_untitled.txt", "law", ""),  # 第X条 structure, "本法": a law
        ("regulation_untitled.txt", "regulation", ""),  # 第X条 structure, "本条例"
        ("notice_numbered.txt", "policy", ""),  # a 文号 line, the title names no instrument
        ("plan_numbered_through.txt", "policy", ""),  # （一）…（四） numbered through
        ("paper_restarting.txt", "commentary", ""),  # （一） restarts in every section
        ("news_prose.txt", "commentary", ""),  # prose
        ("statute_short_title.md", "law", ""),  # "may be cited as … Act of 2024"
        ("repealed_regulation.md", "regulation", "repealed"),  # …办法, "（已废止）" in the front matter
        ("amended_title_law.md", "law", "amended"),  # …法, "（已被修订）"
    ],
)
def test_kind_and_status_of_each_fixture(name: str, kind: str, status: str) -> None:
    meta = meta_of(DATA / name)
    assert (meta.kind, meta.status) == (kind, status)


def test_the_title_a_document_gives_itself() -> None:
    assert meta_of(DATA / "statute_short_title.md").title == "Example Privacy Act of 2024"
    notice = meta_of(DATA / "notice_numbered.txt")
    assert notice.title == "某市关于做好示范工作的安排"
    facts = (notice.doc_number, notice.issuer, notice.issued)
    assert facts == ("市府办发〔2024〕8号", "某市人民政府办公厅", "2024年3月1日")


def test_title_rules() -> None:
    assert bare_title("工伤保险条例(2010-12-20)") == "工伤保险条例"
    assert bare_title("促进协调发展（专家圆桌）") == "促进协调发展"
    assert title_kind("中华人民共和国民法典") == "law"
    assert title_kind("住房公积金管理条例(2019-03-24)") == "regulation"
    assert title_kind("关于加强医疗保障基金使用常态化监管的实施意见") == "policy"
    assert title_kind("California Privacy Rights Act of 2020") == "law"
    # An instrument word inside a title is not the title's kind: a report about a plan is not a plan.
    assert title_kind("解读新型城镇化实施方案的三个看点") == ""
    assert title_kind("扎实推进以人为核心的新型城镇化战略（河南）") == ""


def test_structure_rules() -> None:
    assert structure_kind(["第一条 为了…，制定本条例。", "第二条 本条例适用于…"]) == "regulation"
    assert structure_kind(["Article 1", "Subject matter", "Article 2", "This Regulation applies"]) == "regulation"
    assert structure_kind(["（一）甲。", "（二）乙。"]) == ""  # fewer than MIN_NUMBERED
    assert structure_kind(["（一）甲。", "（二）乙。", "（一）丙。", "（二）丁。"]) == ""  # restarts
    assert document_kind("随便", [], numbered=False) == "unknown"


def test_status_only_from_what_the_front_matter_says() -> None:
    assert document_status(["2001年3月1日公布（已废止）"]) == "repealed"
    assert document_status(["此版本已被修正"]) == "amended"
    # A revision history says the text was amended, i.e. this is the amended (current) text.
    assert document_status(["2010年12月20日《国务院关于修改〈工伤保险条例〉的决定》修订"]) == ""


# Every real document's kind, as measured (docs/document-metadata.md).
CORPUS_KINDS = {
    "documents/“十四五”新型城镇化实施方案.txt": "policy",
    "documents/“十四五”时期以人为核心的新型城镇化建设：新特征与新挑战.txt": "commentary",
    "documents/促进大中小城市和小城镇协调发展（专家圆桌）.txt": "commentary",
    "documents/扎实推进以人为核心的新型城镇化战略（河南）.txt": "commentary",
    "documents/推动城市高质量发展 建设现代化人民城市.txt": "commentary",
    "evals/corpora/en/cpra-2020_prop24.md": "law",
    "evals/corpora/en/eu-ai-act_ch03_high-risk-ai-systems.md": "regulation",
    "evals/corpora/en/eu-261-2004_air-passenger-rights.md": "regulation",
    "evals/corpora/zh-laws/义务教育法(2018-12-29).md": "law",
    "evals/corpora/zh-laws/失业保险条例(1999-01-22).md": "regulation",
    "evals/corpora/zh-laws/中华人民共和国劳动法.pdf": "law",
    "evals/corpora/zh-laws/住房公积金管理条例(2019-03-24).md": "regulation",
    "evals/corpora/zh-laws/医疗保障基金使用监督管理条例.txt": "regulation",
    "evals/corpora/zh-laws/工伤保险条例(2010-12-20).md": "regulation",
    "evals/corpora/zh-laws/民法典-合同编.md": "law",
    "evals/corpora/zh-laws/社会保险法(2018-12-29).md": "law",
    "evals/corpora/zh-laws/行政处罚法(2021-01-22).md": "law",
    "evals/corpora/zh-policy/关于加强医疗保障基金使用常态化监管的实施意见.txt": "policy",
}


def test_every_real_document_is_listed() -> None:
    found = {p.relative_to(ROOT).as_posix() for d in ("documents", "evals/corpora") for p in (ROOT / d).rglob("*")
             if p.is_file() and not p.name.startswith(".") and p.suffix in (".txt", ".md", ".pdf", ".docx", ".html")
             and p.name != "README.md"}
    assert found == set(CORPUS_KINDS)


@pytest.mark.parametrize(("path", "kind"), sorted(CORPUS_KINDS.items()))
def test_kind_of_every_real_document(path: str, kind: str) -> None:
    assert meta_of(ROOT / path).kind == kind
