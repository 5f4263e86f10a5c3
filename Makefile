# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run worker test install migrate demo lint clean

$(STAMP): pyproject.toml package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@# The test tools from npm (axe-core, the naughty strings); optional, as their tests are.
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent \
	  || echo "npm ci failed: the npm tests will be skipped"; \
	else echo "npm not found: the npm tests will be skipped"; fi
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The development server with a background worker beside it; Ctrl-C stops both.
run: demo
	$(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# One background worker alone (several may run, on several machines).
worker: migrate
	$(PY) manage.py run_worker

test: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) node_modules newsroom.sqlite3 media staticfiles cache
