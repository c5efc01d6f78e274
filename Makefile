# Ishenim: `make run` and `make test` need only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test crawl install lint bench clean

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C stops the server and the worker)"
	@trap 'kill 0' INT TERM EXIT; \
	 $(PY) manage.py run_huey --quiet & \
	 DEBUG=1 $(PY) manage.py runserver --insecure 127.0.0.1:$(PORT)

test: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py test --parallel 2 --exclude-tag crawl

# The crawl of every page as each demo role and as an author (issue 15): once, not per
# database; screenshots in var/screenshots/crawl/.
crawl: $(STAMP)
	$(PY) manage.py test --tag crawl

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(STAMP)
	$(PY) bench/page_budget.py
	$(PY) bench/triage_bench.py

clean:
	rm -rf $(VENV) var/static var/test-media
