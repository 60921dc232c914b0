# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
PYTEST_ARGS ?=

.PHONY: demo test setup setup-runtime lint format check migrations

demo: setup
	scripts/demo.sh

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

setup:
	scripts/bootstrap.sh dev

setup-runtime:
	scripts/bootstrap.sh runtime

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

migrations: setup
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
