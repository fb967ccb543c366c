# BeKo – everything a developer or CI needs. `make run` and `make test` set themselves up.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL for `make test` (trust auth on this machine kind). The test database
# test_$(PG_DB) is created and dropped by the tests. Parallel checkouts use different names.
PG_DB ?= $(or $(BEKO_PG_DB),beko)
PG_URL ?= postgres://postgres@127.0.0.1:5432/$(PG_DB)
# The tests of our Redis cache backend run against this server in both passes (keys with a
# random prefix of their own; the rest of the suite uses local memory). Empty skips them.
TEST_REDIS_URL ?= redis://127.0.0.1:6379/14
# Two processes on the two cores of these machines (pytest-xdist); `make test PYTEST_ARGS=` runs one.
PYTEST_ARGS ?= -n auto

.PHONY: help setup run demo test test-sqlite test-postgres test-browser lint typecheck format \
	bench bench-side-by-side screens serve-prod messages lock system-deps clean backup restore

help:
	@echo "make run        set up, migrate, load demo data, serve http://$(HOST):$(PORT) (SQLite)"
	@echo "make test       whole suite on SQLite and PostgreSQL, plus browser tests"
	@echo "make lint       ruff (lint + format check), djhtml, import rules, mypy"
	@echo "make bench      benchmarks -> bench/results/*.json"
	@echo "make screens    screenshots of the public face -> docs/screens/ (PORT=8000)"
	@echo "make demo       reset the database to the demo data"
	@echo "make serve-prod gunicorn + whitenoise with production settings (see README)"
	@echo "make backup     database + both media folders + checksums -> var/backups/<time>/ (BACKUP_DIR)"
	@echo "make restore BACKUP=var/backups/<time> [FORCE=1]   into an empty database"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; set PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

var:
	@mkdir -p var

setup: $(STAMP) var

# The site's own links (e-mails, feeds, canonical) point to the port it runs on, unless
# SITE_URL is set in the environment.
RUN_ENV = SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"

run: setup
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py demo --if-empty
	@echo ""
	@echo "  BeKo läuft auf  http://$(HOST):$(PORT)/"
	@echo "  Gesendete E-Mails: http://$(HOST):$(PORT)/intern/e-mails/ (Dateien in var/mail/)"
	@echo "  Demo-Login Team:  team / beko-demo-2026   (Admin: admin / beko-demo-2026)"
	@echo "  Demo-Login Partner:  partner / beko-demo-2026"
	@echo ""
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo --reset

# Debian packages the browser tests and benchmarks need (we are root on these machines).
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v wrk >/dev/null || ! command -v msgfmt >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium wrk gettext >/dev/null; \
	fi

test: setup system-deps
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	@echo "make test: all passes green (SQLite with browser tests, PostgreSQL)."

# pytest exits with 5 when a pass collected no tests; that must fail loudly, never pass quietly.
PYTEST_RUN = run_pytest() { "$$@"; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "ERROR: this test pass collected no tests (pytest exit 5)." >&2; fi; \
	if [ $$rc -ne 0 ]; then echo "ERROR: test pass failed with exit code $$rc: $$*" >&2; fi; \
	return $$rc; }; run_pytest

# SQLite: the whole suite including the browser tests.
test-sqlite: setup
	@$(PYTEST_RUN) env BEKO_ENV=test BEKO_TEST_REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)

# PostgreSQL: every test that touches the database, except the browser tests (they ran on
# SQLite already). Tests without database access give the same result on any database and
# ran in the SQLite pass (conftest.py, BEKO_TEST_DATABASE_ONLY).
test-postgres: setup
	@$(PYTEST_RUN) env BEKO_ENV=test DATABASE_URL=$(PG_URL) BEKO_TEST_REDIS_URL=$(TEST_REDIS_URL) \
		BEKO_TEST_DATABASE_ONLY=1 $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-browser: setup system-deps
	@$(PYTEST_RUN) env BEKO_ENV=test $(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(find beko -path '*/templates/*' -name '*.html')
	$(BIN)/python tools/check_imports.py
	$(BIN)/python tools/mypy_baseline.py

# mypy with django-stubs (STYLE.md) on the app code. `make lint` holds it to the baseline in
# tools/mypy-baseline.txt (it may only shrink); this target shows every remaining error.
typecheck: setup
	$(BIN)/mypy beko

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(find beko -path '*/templates/*' -name '*.html')

# Every bench/bench_*.py writes bench/results/<name>.json.
bench: setup system-deps
	@mkdir -p bench/results
	@for script in bench/bench_*.py; do \
		echo "== $$script"; BEKO_PG_URL=$(PG_URL) $(BIN)/python $$script || exit 1; \
	done
	@if [ -f ../shared/bench/side_by_side.sh ]; then $(MAKE) bench-side-by-side; \
	else echo "(../shared/bench/side_by_side.sh not here: side-by-side run skipped)"; fi

# BeKo vs Integreat CMS vs the floor in one run (the committed HEAD is measured):
# bench/results/side_by_side.json, each goal of the performance issue with its ratio.
bench-side-by-side: setup system-deps
	SBS=$${SBS:-/tmp/sbs} bash ../shared/bench/side_by_side.sh > var/side_by_side.txt
	$(BIN)/python bench/side_by_side.py var/side_by_side.txt --label latest

# Screenshots of the public face (home, Angebote, an offer, an audience page, staff reports;
# phone and desktop; German and Arabic) for docs/screens/. Serves the site like `make run`
# (SQLite var/beko.sqlite3, demo data loaded once) on PORT and stops it afterwards.
screens: setup system-deps
	$(BIN)/python bench/screens.py --port $(PORT)

serve-prod: setup
	BEKO_ENV=production $(BIN)/python manage.py collectstatic --noinput
	BEKO_ENV=production $(BIN)/python manage.py migrate --noinput
	BEKO_ENV=production $(BIN)/gunicorn beko.wsgi:application --config gunicorn.conf.py

# Backup and restore (README "Backup and restore"): management commands, so they run with the
# same settings (DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT, BACKUP_DIR) as the site.
backup: setup
	$(BIN)/python manage.py backup

BACKUP ?=
FORCE ?=
restore: setup
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<timestamp> [FORCE=1]" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)" $(if $(filter 1 yes true,$(FORCE)),--force)

# Extract and compile UI translations. Each app owns beko/<app>/locale/; strings in the project
# files directly under beko/ (settings.py: main navigation) go to beko/locale/.
# `make messages APP=directory` updates one app's catalogues only (fewer merge conflicts).
# Our makemessages (beko/core/management/commands/makemessages.py) writes unwrapped catalogues
# with a fixed header and no extraction date: running it twice changes nothing.
# Translating: docs/translations.md (messages_todo -> translate -> messages_apply).
MESSAGE_LANGS := -l de -l en -l ar -l fa -l uk -l tr -l ru
MESSAGE_OPTS := --no-obsolete --no-location --no-wrap
APP ?=
messages: setup
	@set -e; apps="$(if $(APP),beko/$(APP)/,$$(ls -d beko/*/))"; \
	for app in $$apps; do \
		[ -f "$$app/apps.py" ] || continue; \
		mkdir -p "$$app/locale"; \
		echo "makemessages $$app"; \
		(cd "$$app" && ../../$(BIN)/python ../../manage.py makemessages $(MESSAGE_LANGS) \
			$(MESSAGE_OPTS) >/dev/null); \
	done; \
	if [ -z "$(APP)" ]; then \
		ignores=$$(for d in beko/*/; do printf -- '-i %s ' "$$(basename $$d)"; done); \
		echo "makemessages beko/ (project files)"; \
		(cd beko && ../$(BIN)/python ../manage.py makemessages $(MESSAGE_LANGS) $$ignores \
			$(MESSAGE_OPTS) >/dev/null); \
	fi
	$(BIN)/python manage.py compilemessages --ignore=.venv >/dev/null
	@echo "UI strings per language (all must reach 0 untranslated, 0 fuzzy):"
	@$(BIN)/python manage.py messages_status

lock: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/pip freeze --exclude-editable > constraints.txt

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
