"""Two app servers on one PostgreSQL database: a document uploaded through one is answered, with a
citation, through the other — no restart.

Everything real: a PostgreSQL server with pgvector on a free loopback port (``pg_uri``), ``rag
index`` and two ``rag serve`` processes with the default embedder, sharing one documents folder
(as docs/deploy.md prescribes) and talking to each other only through the database. The test
drives them over their HTTP API with ``gradio_client``, as ``rag ask --server`` does, logged in as
an admin (the upload API is for editors and admins).
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DOCUMENTS, REPO
from tests.pg_server import free_port
from ui.auth import hash_password

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

ADMIN = ("admin", "two-servers-password")
READER = ("reader", "reader-password")
SEED = "促进大中小城市和小城镇协调发展（专家圆桌）.txt"  # the smallest seed document: a quick first build
UPLOAD = "城市屋顶绿化管理办法.txt"
UPLOAD_TEXT = (
    "城市屋顶绿化管理办法\n\n第一条 为推进城市屋顶绿化，改善人居环境，制定本办法。\n\n"
    "第二条 新建公共建筑应当实施屋顶绿化，绿化面积不得少于屋顶可绿化面积的百分之三十五。\n\n"
    "第三条 屋顶绿化工程竣工后，建设单位应当在三十日内报园林绿化主管部门备案。\n"
)
QUESTION = "新建公共建筑屋顶绿化面积有什么要求？"
# Loading the model and starting the app takes 10-20 s on an idle machine; allow for a busy one.
START_TIMEOUT_S = 300
BUILD_TIMEOUT_S = 600


def _environment(pg_uri: str, root: Path) -> dict[str, str]:
    users = root / "users.toml"
    users.write_text(
        f'[users.{ADMIN[0]}]\nrole = "admin"\npassword = "{hash_password(ADMIN[1])}"\n'
        f'[users.{READER[0]}]\nrole = "reader"\npassword = "{hash_password(READER[1])}"\n',
        "utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({
        "RAG_STORE": pg_uri,
        "RAG_INDEX_NAME": "two_servers",
        "RAG_DOCUMENTS_DIR": str(root / "documents"),
        "RAG_INDEX_DIR": str(root / "index"),
        "RAG_USERS_FILE": str(users),
        "RAG_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "PYTHONPATH": os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    })
    return env


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"rag serve exited with {process.returncode}:\n{log.read_text('utf-8')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    tail = log.read_text("utf-8")[-3000:]
    raise AssertionError(f"rag serve did not answer at {url} within {START_TIMEOUT_S} s:\n{tail}")


@pytest.fixture
def two_servers(pg_uri: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    (tmp_path / "documents").mkdir()
    shutil.copy(DOCUMENTS / SEED, tmp_path / "documents" / SEED)
    env = _environment(pg_uri, tmp_path)
    built = subprocess.run([sys.executable, "-m", "rag", "index", "--quiet"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "index postgresql://postgres@127.0.0.1:" in built.stdout

    processes: list[subprocess.Popen[bytes]] = []
    urls: list[str] = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = tmp_path / f"serve-{name}.log"
            with log.open("wb") as out:
                processes.append(subprocess.Popen(
                    [sys.executable, "-m", "rag", "serve", "--port", str(port)],
                    env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                ))
            urls.append(f"http://127.0.0.1:{port}/")
        for url, process, name in zip(urls, processes, "ab", strict=True):
            _wait_until_up(url, process, tmp_path / f"serve-{name}.log")
        yield urls[0], urls[1]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)


def _cited_docs(answer: dict[str, Any]) -> set[str]:
    return {c["doc"] for c in answer["citations"]}


def test_an_upload_through_one_server_is_answered_through_the_other(two_servers: tuple[str, str]) -> None:
    from gradio_client import Client

    url_a, url_b = two_servers
    server_a = Client(url_a, auth=ADMIN, verbose=False)
    server_b = Client(url_b, auth=ADMIN, verbose=False)
    upload_id = Path(UPLOAD).stem

    before = server_b.predict(QUESTION, api_name="/ask")
    assert upload_id not in _cited_docs(before)

    data = base64.b64encode(UPLOAD_TEXT.encode("utf-8")).decode("ascii")
    result = server_a.predict(UPLOAD, data, False, api_name="/upload")
    assert result["saved"] == [UPLOAD] and not result["rejected"], result
    assert result["documents"] == 2

    after = server_b.predict(QUESTION, api_name="/ask")
    assert not after["abstained"], after
    assert upload_id in _cited_docs(after), after
    assert "百分之三十五" in after["answer"]
    cited = next(c for c in after["citations"] if c["doc"] == upload_id)
    assert cited["label"] == "第二条"

    # A reader may not upload.
    with pytest.raises(Exception, match="权限"):
        Client(url_a, auth=READER, verbose=False).predict("另一个.txt", data, False, api_name="/upload")
