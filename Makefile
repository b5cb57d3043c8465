# SAKIP Kecamatan — the two commands a new user types: `make run` and `make test`.
PY := .venv/bin/python
PIP := .venv/bin/pip
REQS := requirements.txt requirements-dev.txt build-constraints.txt
STAMP := .venv/.installed-$(shell cat $(REQS) | sha1sum | cut -c1-12)
PYTEST_ARGS ?= -n 2
DEV_ENV := DEBUG=1

.PHONY: setup run serve test lint chromium bench clean

$(STAMP): $(REQS)
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --disable-pip-version-check pip==26.3
	$(PIP) install -q --disable-pip-version-check --build-constraint build-constraints.txt -r requirements-dev.txt
	rm -f .venv/.installed-*
	touch $@

setup: $(STAMP)

## make run: set up, migrate, load the demo data, serve on http://127.0.0.1:8000 (SQLite by default), with the
## task worker beside the server (it renders submitted documents); stopping the server stops the worker
run: setup
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_demo
	$(DEV_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(DEV_ENV) setsid $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill -- -$$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

## make test: set up, then the whole pytest suite (DATABASE_URL picks PostgreSQL)
test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache --no-logo
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

## Debian's Chromium for the browser tests (root only; skipped elsewhere)
chromium:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: present"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && echo "chromium: installed"; \
	else echo "chromium: not installed (browser tests will skip)"; fi

bench: setup
	$(PY) -m tests.bench.run

clean:
	rm -rf .venv staticfiles .pytest_cache db.sqlite3
