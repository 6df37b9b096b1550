# Bimtek: the two commands of the README are `make demo` and `make test`; both install first.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# Debian packages: WeasyPrint's libraries and fonts, PDF/QR tools for the tests, gettext,
# the browser for the end-to-end tests, wrk (the load tool of `make bench`), pg_dump/pg_restore
# for `make backup`/`make restore`, and redis-server for the fault tests (each starts a
# private Redis it may stop).
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core \
	poppler-utils zbar-tools gettext chromium wrk postgresql-client-15 redis-server
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
REQ_STAMP := $(VENV)/.requirements-$(shell sha1sum requirements.txt | cut -c1-12)
NODE_STAMP := node_modules/.package-lock-$(shell sha1sum package-lock.json | cut -c1-12)

.PHONY: install system-packages demo test lint format messages makemessages bench backup restore

install: system-packages $(REQ_STAMP) $(NODE_STAMP) messages

system-packages:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done; \
		command -v npm >/dev/null || echo nodejs npm); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(REQ_STAMP): requirements.txt
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@rm -f $(VENV)/.requirements-* && touch $@

# Front-end packages from the npm registry (never copied into the repo).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@rm -f node_modules/.package-lock-* && touch $@

messages: $(REQ_STAMP)
	@for po in $$(find locale -name '*.po'); do \
		mo=$${po%.po}.mo; \
		if [ ! -f $$mo ] || [ $$po -nt $$mo ]; then msgfmt --check -o $$mo $$po; fi; \
	done

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo
	@echo "Bimtek runs at http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)"
	@echo "Demo users, password '$${DEMO_PASSWORD:-bimtek-demo}': admin, fasilitator, peserta"
	$(PY) manage.py runserver 127.0.0.1:8000

# Two test processes (pytest-xdist) on this project's two cores; PYTEST_WORKERS=0 runs one.
# "load" hands out tests in the suite's order, so each process keeps its guarantees (the
# transactional tests after the others, the browser tests last: tests/conftest.py).
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist load)

test: install lint
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# The benchmark of issue 13 (bench/README.md): PostgreSQL and Redis from DATABASE_URL and
# CELERY_BROKER_URL (defaults: database bimtek_bench, Redis db 3); BENCH_ARGS to resize.
bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

lint: $(REQ_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: $(REQ_STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

# Refresh the Indonesian catalogue after changing user-facing strings.
makemessages: $(REQ_STAMP)
	$(PY) manage.py makemessages -l id --ignore=.venv --ignore=staticfiles --ignore=node_modules
	$(MAKE) messages

# Back up the database and media into a new folder; restore one (see docs/operations.md).
BACKUP_DIR ?= backups/$(shell date +%Y%m%d-%H%M%S)
backup: $(REQ_STAMP)
	$(PY) manage.py backup -o $(BACKUP_DIR)

restore: $(REQ_STAMP)
	@[ -n "$(BACKUP_DIR)" ] && [ -d "$(BACKUP_DIR)" ] || { echo "usage: make restore BACKUP_DIR=folder"; exit 2; }
	$(PY) manage.py restore $(BACKUP_DIR) $(RESTORE_ARGS)
