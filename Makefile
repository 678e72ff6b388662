# The commands of the quick start:
#   make demo      set up, ingest the bundled examples into warta.db, serve the web UI
#   make test      set up (system packages, PostgreSQL, Chromium, .venv) and run the whole test suite
#   make stop-db   stop the test PostgreSQL server that make test started
.PHONY: setup demo test stop-db lint bench

setup:
	bash scripts/setup.sh

demo: setup
	.venv/bin/warta ingest examples/articles/aleppo-rbth-id.txt --published 2016-12-04 --db warta.db
	.venv/bin/warta ingest examples/articles examples/page.html examples/other.txt --db warta.db
	.venv/bin/warta search Aleppo --db warta.db
	.venv/bin/warta quotes --speaker Lavrov --db warta.db
	.venv/bin/warta quotes --text "harga beras" --standing not-private --db warta.db
	@echo "Open http://127.0.0.1:8000/ in a browser (Ctrl-C stops the server)."
	.venv/bin/warta serve --db warta.db

test: setup
	WARTA_TEST_PG=$${WARTA_TEST_PG:-$$(bash scripts/start-postgres.sh)} .venv/bin/python -m pytest -q

stop-db:
	bash scripts/stop-postgres.sh

lint: setup
	.venv/bin/ruff check src tests bench training
	.venv/bin/ruff format --check src tests bench training
