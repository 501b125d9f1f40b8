"""An English act named by its official number, through the real pipeline (real embedder), over
stop 55's fresh pair (evals/heldout/corpus-zh20 and corpus-en20: 药品管理法 with its 实施条例, and
Directives (EU) 2016/680 and 2024/1760, indexed together). The questions are lines of
evals/heldout/en-s55.jsonl (ids in the comments): these tests hold what was mended
(rag.query.question.DESIGNATION, rag.retrieve.hybrid.without_names), they measure nothing.
"""

from __future__ import annotations

import pytest

from rag.pipeline import Pipeline
from tests.conftest import held_out_pipeline

pytestmark = pytest.mark.integration

DUE_DILIGENCE = "eu-corporate-sustainability-due-diligence-directive-2024-1760"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return held_out_pipeline(tmp_path_factory, "corpus-zh20", "corpus-en20")


def test_the_figure_asked_of_an_act_named_by_its_number(pipeline: Pipeline) -> None:
    # gv-22: "Directive (EU) 2024/1760" chose two amending articles' sentences citing the act, and
    # the question was refused with Article 27 first.
    answer = pipeline.ask(
        "Under Directive (EU) 2024/1760, the maximum fine that national law sets for breaching the due "
        "diligence rules has to be at least what share of a company's net worldwide turnover?"
    )
    assert answer.answer.startswith("The figure is “5 %”"), answer.answer
    unit = answer.citations[0].unit
    assert (unit.doc_id, unit.label) == (DUE_DILIGENCE, "Article 27"), answer.answer
