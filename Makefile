# The two commands of the quick start:
#   make demo   set up, ingest the bundled examples into warta.db, serve the web UI
#   make test   set up (system packages, PostgreSQL, Chromium, .venv) and run the whole test suite
.PHONY: setup demo test lint bench

setup:
	bash scripts/setup.sh

demo: setup
	.venv/bin/warta extract examples/articles/aleppo-rbth-id.txt --published 2016-12-04 --pretty

test: setup
	WARTA_TEST_PG=$${WARTA_TEST_PG:-$$(bash scripts/start-postgres.sh)} .venv/bin/python -m pytest -q

lint: setup
	.venv/bin/ruff check src tests bench training
	.venv/bin/ruff format --check src tests bench training
