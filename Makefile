# presslens workflow. `make` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast lab bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(STAMP) ## Install system packages (Chromium, poppler) and the virtualenv .venv
$(STAMP): requirements.txt pyproject.toml
	bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

report: setup ## Render the default report: reports/zelensky-trump-nato-summit/report.{html,pdf}
	$(BIN)/presslens report

test: setup ## Run every test: unit, CLI, notebooks (nbval), end-to-end render, browser checks
	$(BIN)/python -m pytest --nbval-lax

test-fast: setup ## The inner loop: every test that renders no report and starts no browser (under a minute)
	$(BIN)/python -m pytest -m "not slow and not browser" tests

lab: setup ## Open JupyterLab on the notebooks (as root too: adds --allow-root)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

bench: setup ## Run the benchmarks and print ratios against baselines measured in the same run
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	$(BIN)/python benchmarks/run.py

clean: ## Remove rendered reports, derived article data, corpus stores and caches (never data/raw/)
	find reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	find data/articles -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf data/processed
	rm -rf .pytest_cache build src/*.egg-info
	find . -name __pycache__ -not -path './$(VENV)/*' -exec rm -rf {} +
