# The project's interface: `make run` serves the app, `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
REPLICAS ?= 2
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help setup setup-dev chromium haproxy data run serve test test-fast lint fmt docs check bench release eval scale-data run-scale clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { echo "python3-venv is missing: installing it"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
		rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime ## create .venv and install the app's pinned packages

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "installing Debian's npm"; $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null; }
	npm ci --no-audit --no-fund --silent
	@touch $@

setup-dev: $(VENV)/.dev chromium haproxy node_modules/.installed ## also the test tools, Debian's chromium, HAProxy and axe-core

chromium: ## install Debian's chromium for the browser tests when it is missing
	@[ -x /usr/bin/chromium ] || { echo "installing Debian's chromium"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

haproxy: ## install Debian's haproxy (the load balancer of `make serve`) when it is missing
	@command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || { echo "installing Debian's haproxy"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null; }

data: setup ## validate data/*.csv and build data/policy.duckdb
	$(BIN)/python -m explorer.builder

run: setup ## serve the app on http://localhost:8501 (builds the database when missing or stale; UOF_DB=... serves another)
	@$(BIN)/python -m explorer.builder --for-app || echo "The problems above: the app serves the last good database with a notice, or says what to run"
	@echo "Serving the Use-of-Force Policy Explorer on http://localhost:$(PORT) (Ctrl-C stops it)"
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1

serve: setup haproxy ## serve REPLICAS app processes (default 2) behind HAProxy on one port, PORT (8501)
	@$(BIN)/python -m explorer.builder --for-app || echo "The problems above: the app serves the last good database with a notice, or says what to run"
	$(BIN)/python -m explorer.cluster --replicas $(REPLICAS) --port $(PORT)

test: setup-dev ## run the whole suite: lint, data, AppTest and real-browser tests
	@$(BIN)/python -m explorer.builder --if-stale
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

test-fast: $(VENV)/.dev ## every test but the browser ones, on two processes: no apt, no npm, no chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -m "not browser" --ignore=tests/browser --hypothesis-profile=fast -n 2

lint: $(VENV)/.dev ## ruff, formatting, and a current codebook
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m explorer.builder.codebook --check

fmt: $(VENV)/.dev ## format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

docs: setup ## regenerate data/README.md from data/schema.yaml
	$(BIN)/python -m explorer.builder.codebook

check: lint test ## lint, then test

release: setup ## write the data release (every table as CSV and Parquet, datapackage.json, codebook, sources, errata, citation) to release/
	@$(BIN)/python -m explorer.builder --if-stale
	$(BIN)/python -m explorer.serve.release --out release

bench: setup-dev ## performance figures (benchmarks/RESULTS.md)
	$(BIN)/python benchmarks/run.py

SCALE_DB := benchmarks/data/large/policy.duckdb
$(SCALE_DB): | $(VENV)/.runtime
	$(BIN)/python benchmarks/make_scale_data.py --size large

scale-data: $(SCALE_DB) ## build the 1M-row synthetic scale dataset once ($(SCALE_DB), about 3 minutes)

run-scale: $(SCALE_DB) ## serve the app over the scale dataset (built first when missing)
	UOF_DB=$(SCALE_DB) $(MAKE) run

clean: ## remove the built database and test artifacts (not .venv)
	rm -rf data/policy.duckdb data/*.lock test-artifacts release

eval: setup ## how often the keyword rules agree with the human coders on the stored full texts (eval/RESULTS.md)
	@$(BIN)/python -m explorer.builder --if-stale
	$(BIN)/python eval/run.py
