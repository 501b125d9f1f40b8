"""PDF units keep their page numbers; the app renders a cited clause's page with its text marked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from rag.index.build import build_index
from rag.index.prepare import parse
from rag.ingest.load import load_file
from rag.pipeline import Pipeline
from rag.records import Unit
from rag.settings import Settings
from tests.conftest import CountingEmbedder
from tests.test_load import make_pdf
from ui import chat
from ui.backend import Backend
from ui.pdf_pages import match_ranges, render_page
from ui.render import clause_html

PAGES = [
    ["某市屋顶绿化管理办法", "第一条 为推进城市屋顶绿化，改善人居环境，制定本办法。"],
    [
        "第二条 新建公共建筑应当实施屋顶绿化，绿化面积不得少于",
        "屋顶可绿化面积的百分之三十五。",
        "第三条 屋顶绿化工程竣工后备案。",
    ],
    ["第四条 本办法自公布之日起施行。"],
]


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "docs" / "rooftop.pdf", PAGES)


def test_pdf_units_keep_the_page_they_start_on(pdf: Path) -> None:
    raw = load_file(pdf)
    assert len(raw.pages) == 3
    units = parse(raw, Settings()).units
    assert {u.label: u.page for u in units} == {"第一条": 1, "第二条": 2, "第三条": 2, "第四条": 3}
    assert Unit.from_json(units[1].to_json()).page == 2  # kept in units.jsonl
    assert "page" not in Unit("d", "T", (), "一、", 0, "x", (0, 1)).to_json()  # other formats: no field


def test_the_clause_is_found_on_its_page_and_a_missing_page_is_a_clear_error(pdf: Path) -> None:
    clause = "第二条 新建公共建筑应当实施屋顶绿化，绿化面积不得少于屋顶可绿化面积的百分之三十五。"
    page = render_page(pdf, 2, clause)
    assert page.png.startswith(b"\x89PNG") and page.pages == 3
    assert page.matched >= len("".join(clause.split())) - 1  # every character of the clause found
    assert render_page(pdf, 2, "完全不在这一页的文字").matched == 0
    with pytest.raises(ValueError, match="no page 9"):
        render_page(pdf, 9)
    bad = pdf.with_name("bad.pdf")
    bad.write_bytes(b"not a pdf")
    with pytest.raises(ValueError, match=r"bad\.pdf"):
        render_page(bad, 1)


def test_matching_skips_what_extraction_wrote_differently() -> None:
    page_text = "第二条 新建公共建筑应当实施\r\n屋顶绿化，绿化面积不得少于百分之三十五。\r\n第三条 其他"
    clause = "第二条 新建公共建筑应当实施屋顶绿化，绿化面积不得少于屋顶可绿化面积的百分之三十五。"
    ranges = match_ranges(page_text, clause)
    marked = "".join(page_text[a:b] for a, b in ranges)
    assert marked.startswith("第二条 新建公共建筑应当实施") and "第三条" not in marked


def test_a_citation_of_a_pdf_opens_its_page(settings: Settings, pdf: Path) -> None:
    settings = settings.with_(documents_dir=pdf.parent)
    build_index(settings, lambda: CountingEmbedder(64), None, progress=False)
    backend = Backend(settings, pipeline_factory=lambda s, _: Pipeline.from_settings(s))
    view = next(v for v in backend.clauses("rooftop") if v.label == "第二条")
    html = clause_html(view)
    assert 'class="pdf-link"' in html and 'data-page="2"' in html
    event: Any = gr.EventData(None, {"doc": "rooftop", "ordinal": str(view.ordinal), "page": "2"})
    shown, _ = chat.navigate(backend, None, "zh", event)
    assert '<img alt="PDF 原件第 2 页' in shown and 'src="data:image/png;base64,' in shown
    pdf.unlink()  # the file is gone: a sentence, not an error
    gone, _ = chat.navigate(backend, None, "zh", event)
    assert "无法显示 PDF 原件" in gone
