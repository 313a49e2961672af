# The two commands: `make run` (demo on http://127.0.0.1:8000) and `make test` (the whole suite, lint included).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

# The embedded demo: SQLite, in-memory channel layer, eager Celery, console e-mail.
RUN_ENV = DEBUG=1 REQUIRE_STAFF_2FA=0 SITE_URL=http://$(HOST):$(PORT)
# Tests run with DEBUG off, as in production, on whatever DATABASE_URL / REDIS_URL the caller sets.
TEST_ENV := SECRET_KEY=test-secret-key-not-for-production SECURE_SSL_REDIRECT=0

.PHONY: run test install install-dev axe migrate demo lint format messages bench bench-quick backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)
install-dev: $(DEV_STAMP)

# axe-core for the browser tests' accessibility scan, pinned by its package-lock.json (needs Node and npm).
AXE_DIR := tests/e2e/axe
$(AXE_DIR)/node_modules/.package-lock.json: $(AXE_DIR)/package-lock.json
	cd $(AXE_DIR) && npm ci --no-audit --no-fund --loglevel=error
axe: $(AXE_DIR)/node_modules/.package-lock.json

migrate: install
	mkdir -p var
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py seed_demo

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(RUN_ENV) $(BIN)/daphne -b $(HOST) -p $(PORT) renovatie.asgi:application

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint axe
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate the catalogues (needs GNU gettext) after changing interface strings; msgids are English, so English
# has none. Strings of an app with its own locale/ go to that app's catalogue; `make messages APP=polls` does one
# app only. New strings arrive untranslated in every language; tests/test_translations.py fails until they are.
LANGS := nl tr ar
MAKEMESSAGES = makemessages $(foreach lang,$(LANGS),-l $(lang)) --no-obsolete --no-wrap --ignore=.venv --ignore=var --ignore=tests --ignore=staticfiles
COMPILEMESSAGES = compilemessages $(foreach lang,$(LANGS),-l $(lang))
messages: install
ifdef APP
	cd $(APP) && $(RUN_ENV) DJANGO_SETTINGS_MODULE=renovatie.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(BIN)/django-admin $(MAKEMESSAGES)
	cd $(APP) && $(RUN_ENV) DJANGO_SETTINGS_MODULE=renovatie.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(BIN)/django-admin $(COMPILEMESSAGES)
else
	$(RUN_ENV) $(BIN)/python manage.py $(MAKEMESSAGES)
	$(RUN_ENV) $(BIN)/python manage.py $(COMPILEMESSAGES) --ignore=.venv
endif

# The benchmark at Mitros scale (needs PostgreSQL and Redis: DATABASE_URL, REDIS_URL; see bench/run.py).
bench: install-dev
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run --scale 1 $(BENCH_ARGS)

# One tenth of the data and ten seconds per page: under five minutes, for a developer before a commit.
bench-quick: install-dev
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run --scale 0.1 --duration 10 $(BENCH_ARGS)

# Back up DATABASE_URL's database and MEDIA_ROOT into a timestamped folder under BACKUP_DIR (default var/backups);
# restore the newest (or BACKUP=<folder>) into an empty database (FORCE=1 replaces a non-empty one). See ops/backup.sh.
backup:
	ops/backup.sh backup

restore:
	BACKUP="$(BACKUP)" FORCE="$(FORCE)" ops/backup.sh restore

clean:
	rm -rf $(VENV) var staticfiles
