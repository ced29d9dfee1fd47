# Canada–Mexico Trade Mission dashboard. `make help` lists the targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= $(or $(TRADE_MISSION_DB),data/trade_mission.duckdb)
PORT ?= 8501
# 127.0.0.1: this machine only. ADDRESS=0.0.0.0 serves every network the machine is on.
ADDRESS ?= 127.0.0.1
ETL_INPUTS := $(wildcard data/raw/* data/raw/*/* data/raw/*/*/* data/releases/*/* data/releases/*/*/* data/curated/*.csv etl/*.py etl/*/*.py etl/*.sql)
# Two workers: the browser tests wait on Chromium and the server while the others run.
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install install-dev hooks db rebuild-db checksums refresh run test test-fast lint format browser bench load audit lock clean deck-images

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort \
		| awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

install-dev: $(VENV)/.installed-dev ## Also install the pinned test tools

$(DB): $(VENV)/.installed $(ETL_INPUTS)
	$(BIN)/python -m etl --db $(DB)

hooks: install-dev ## Check staged Python files with ruff before each commit (.githooks/pre-commit)
	git config core.hooksPath .githooks

db: $(DB) ## Build the database if it is missing or older than its inputs

rebuild-db: $(VENV)/.installed ## Rebuild the database unconditionally
	$(BIN)/python -m etl --db $(DB)

checksums: $(VENV)/.installed ## Record a deliberate change to a file of data/raw (data/raw/SHA256SUMS)
	$(BIN)/python -m etl.checksums

refresh: $(VENV)/.installed ## Fetch the newest monthly releases (Statistics Canada, INEGI; network) and rebuild
	$(BIN)/python -m etl.refresh --db $(DB)

run: install db browser ## Set up (Chromium too, for deck images), build the database, serve at http://127.0.0.1:8501
	TRADE_MISSION_DB=$(DB) $(BIN)/python server.py --server.address $(ADDRESS) --server.port $(PORT)

browser: ## Install Debian's chromium (browser tests, deck images) when it is missing
	@scripts/ensure-chromium

test: lint browser ## Set up and run every test: lint, types, unit, data, AppTest, browser
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal

test-fast: lint ## The quick loop while working: every test but the browser, load and slow ones
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal -m "not browser and not load and not slow"

lint: install-dev ## Lint, check formatting and check types
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install-dev ## Format the code and sort imports
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtual environment, the database and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts
	rm -f $(DB)

bench: install-dev browser ## Run the benchmarks: prints a table, writes bench/results.json
	$(BIN)/python bench/run.py

deck-images: install db browser ## Render every slide of the deck (English, French) to PNG with LibreOffice
	$(BIN)/python scripts/render-deck.py

lock: ## Re-pin requirements*.txt from requirements*.in in a fresh environment
	PYTHON=$(PYTHON) scripts/lock-requirements

load: install-dev ## The full load test: 20 sessions for 60 s; writes bench/load.json
	$(BIN)/python bench/load.py

# The vulnerability service pip-audit asks: pypi (PyPI's JSON API) or osv (api.osv.dev).
AUDIT_SERVICE ?= pypi

audit: install-dev ## Check the pinned requirements for known vulnerabilities (needs PyPI's JSON API or OSV)
	$(BIN)/python scripts/audit.py --service $(AUDIT_SERVICE)
