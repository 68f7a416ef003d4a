# Alongside. `make help` lists the targets. Two matter most: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1

PYTHON_FOR_UV := $(shell scripts/find-python)
UV := $(or $(shell command -v uv 2>/dev/null),var/tools/bin/uv)
VENV_BIN := .venv/bin
ALONGSIDE := $(VENV_BIN)/alongside
PYTEST := $(VENV_BIN)/pytest
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test lint format test-sqlite test-postgres test-browser env migrate demo bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

var/tools/bin/uv:
	@test -n "$(PYTHON_FOR_UV)" || exit 1
	@echo "uv is not installed: installing it into var/tools (from PyPI)"
	$(PYTHON_FOR_UV) -m venv var/tools
	var/tools/bin/pip install --quiet uv

$(ALONGSIDE): pyproject.toml uv.lock | $(UV)
	@test -n "$(PYTHON_FOR_UV)" || exit 1
	$(UV) sync --frozen --python "$(PYTHON_FOR_UV)"
	@touch $@

env: $(ALONGSIDE) ## Create or update the virtual environment from the lock

migrate: env ## Create or update the database (SQLite under var/ unless DATABASE_URL says otherwise)
	$(ALONGSIDE) migrate --no-input

demo: migrate ## Load the demo council and print its sign-ins
	$(ALONGSIDE) demo

run: demo ## Serve the demo on http://127.0.0.1:8000
	@echo "Serving on http://$(HOST):$(PORT) (stop with Ctrl+C)"
	$(ALONGSIDE) runserver --noreload $(HOST):$(PORT)

lint: env ## ruff lint and format check
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/ruff format --check .

format: env ## Format and fix what ruff can
	$(VENV_BIN)/ruff format .
	$(VENV_BIN)/ruff check --fix .

test: lint test-sqlite test-postgres test-browser ## The whole suite: lint, SQLite, PostgreSQL, browser

test-sqlite: env ## Unit and integration tests on SQLite
	env -u TEST_DATABASE_URL $(PYTEST) -m "not browser" -q

test-postgres: env ## The same on PostgreSQL at TEST_DATABASE_URL (required when CI is set)
	@if [ -z "$$TEST_DATABASE_URL" ]; then \
	  if [ -n "$$CI" ]; then echo "CI: TEST_DATABASE_URL must point to PostgreSQL; refusing to skip the PostgreSQL leg." >&2; exit 1; fi; \
	  echo "Skipping the PostgreSQL leg: set TEST_DATABASE_URL=postgres://USER@HOST:5432/DB to run it."; \
	else \
	  case "$$TEST_DATABASE_URL" in postgres*) ;; *) echo "TEST_DATABASE_URL must be a postgres:// URL" >&2; exit 1;; esac; \
	  $(PYTEST) -m "not browser" -q -p no:randomly --create-db; \
	fi

test-browser: env ## Browser journeys and axe checks in Debian's Chromium
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "Browser tests need Chromium at /usr/bin/chromium (apt-get install chromium) or CHROMIUM=/path." >&2; exit 1; }
	env -u TEST_DATABASE_URL DJANGO_ALLOW_ASYNC_UNSAFE=true $(PYTEST) -m browser -q -p no:randomly

bench: env ## Page benchmark at 100,000 people (see benchmarks/README.md)
	benchmarks/run

clean: ## Remove the environment and local data (var/)
	rm -rf .venv var
