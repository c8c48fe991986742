# The two commands the README promises: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install migrate demo index lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# UI translations are compiled at install, from the .po files (pure Python, no gettext needed).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard kb/locale/*/LC_MESSAGES/django.po))
%.mo: %.po $(STAMP)
	$(PY) -c "import polib, sys; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])" $< $@

# axe-core for the accessibility checks, vendored from the npm registry at install.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json
	npm install --no-package-lock --no-audit --no-fund --loglevel=error
	touch $(AXE)

install: $(STAMP) $(MO_FILES) $(AXE)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --create-admin
	$(PY) manage.py search_index rebuild

index: install
	$(PY) manage.py search_index rebuild

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

# The suite runs on every core (pytest-xdist; each worker has its own test database).
# TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3
