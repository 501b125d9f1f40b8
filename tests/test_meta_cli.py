"""``rag meta``: list, show, correct (with the bad value in the message), and ``rag index`` reports it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rag.cli import main
from rag.index.build import build_index
from rag.meta_cli import meta_command
from rag.settings import Settings
from tests.conftest import CountingEmbedder


def _run(settings: Settings, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(meta_command, list(args), obj=settings)
    return result.exit_code, result.output


def test_list_show_set_and_unset(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    code, out = _run(settings)
    assert code == 0, out
    assert "住房租赁条例: 住房租赁条例  (regulation; status not stated)" in out
    code, out = _run(settings, "租赁", "--set", "status=repealed", "--set", "issuer=某市人民政府")
    assert code == 0, out
    assert "(regulation; repealed; 某市人民政府)  [set by admin: issuer, status]" in out
    code, out = _run(settings, "租赁", "--set", "status=abolished")
    assert code != 0 and "status 'abolished' is not one of" in out
    code, out = _run(settings, "租赁", "--set", "status")
    assert code != 0 and "'status' is not FIELD=VALUE" in out
    code, out = _run(settings, "租赁", "--unset", "issuer", "--json")
    data = json.loads(out)
    assert data["override"] == {"status": "repealed"} and data["meta"]["issuer"] == ""
    code, out = _run(settings, "没有这个")
    assert code != 0 and "matches no document" in out


def test_rag_index_reports_a_metadata_edit(settings: Settings) -> None:
    build_index(settings, lambda: CountingEmbedder(), progress=False)
    (settings.documents_dir / ".meta.json").write_text(json.dumps({"住房租赁条例": {"kind": "law"}}), encoding="utf-8")
    result = CliRunner().invoke(main, ["index", "--quiet"], obj=settings, env={
        "RAG_DOCUMENTS_DIR": str(settings.documents_dir), "RAG_INDEX_DIR": str(settings.index_dir),
        "RAG_EMBEDDER": "hashing-64", "RAG_CACHE_DIR": str(settings.cache_dir),
    })
    assert result.exit_code == 0, result.output
    assert "metadata edited: 住房租赁条例" in result.output and "0 units embedded" in result.output
