# okide: two commands set everything up on a fresh machine (bare Python 3.11+ and make):
#   make build   creates .venv, installs the pinned packages, validates the data, builds site/
#   make test    the whole test suite
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build install validate validate-github due due-issue site site-properdocs site-zensical test serve bench schema schema-check lint lock clean

# Every package, pip and setuptools among them, is checked against the hashes in the lock;
# requirements-test.lock holds all of requirements.lock and the tools. okide itself is installed
# editable, without its dependencies (they are in the lock). setuptools reminds every editable
# install that a folder named like the package may shadow it; with this flat layout that is the
# point, so that one note is silenced, nothing else.
$(STAMP): requirements.lock requirements-test.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.lock
	PYTHONWARNINGS="ignore:Editable installation" \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

NODE_STAMP := node_modules/.installed

# axe-core and the Nu Html Checker for the browser tests, pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(NODE_STAMP)

install: $(STAMP)

validate: $(STAMP)
	$(BIN)/python -m okide validate .

# In GitHub Actions: annotations on the pull request, and every problem in the job summary
# (GitHub shows only ten annotations per step).
validate-github: $(STAMP)
	@$(BIN)/python -m okide validate . --format github; status=$$?; \
	if [ -n "$$GITHUB_STEP_SUMMARY" ]; then \
	  { echo '## Kontroll av datafilerna'; echo; echo '```'; \
	    $(BIN)/python -m okide validate . ; echo '```'; } >> "$$GITHUB_STEP_SUMMARY"; \
	fi; exit $$status

# Who has not handed in the yearly follow-up (overdue, or due within 30 days); exit code 3 when
# someone has not, which is not an error here.
due: $(STAMP)
	@$(BIN)/python -m okide due || [ $$? -eq 3 ]

# For the scheduled workflow uppfoljningar.yml (needs the gh CLI and GH_TOKEN): one open issue
# "Uppföljningar ÅÅÅÅ" lists the follow-ups not yet in; it is updated on every run, closed when
# all are in, and closed in favour of a new one when the next year's round begins. Only issues
# whose body holds okide's mark (the last line of `okide due --format markdown`) are touched.
due-issue: $(STAMP)
	@$(BIN)/python -m okide due --format github || [ $$? -eq 3 ]
	@body=$$($(BIN)/python -m okide due --format markdown); status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 3 ]; then exit $$status; fi; \
	title=$$(printf '%s\n' "$$body" | sed -n '1s/^# //p'); \
	open=$$(gh issue list --state open --limit 1000 --json number,title,body \
	  --jq '.[] | select(.body | contains("<!-- okide due -->")) | "\(.number) \(.title)"') \
	  || exit 1; \
	current=; \
	while read -r number name; do \
	  if [ -z "$$number" ]; then continue; fi; \
	  if [ $$status -eq 3 ] && [ "$$name" = "$$title" ] && [ -z "$$current" ]; then \
	    current=$$number; \
	  elif [ $$status -eq 3 ]; then \
	    gh issue close "$$number" --comment "Listan finns nu i ärendet $$title." || exit 1; \
	  else \
	    gh issue close "$$number" --comment "Alla uppföljningar är inne." || exit 1; \
	  fi; \
	done <<< "$$open"; \
	if [ $$status -eq 3 ] && [ -n "$$current" ]; then \
	  printf '%s\n' "$$body" | tail -n +3 | gh issue edit "$$current" --body-file -; \
	elif [ $$status -eq 3 ]; then \
	  printf '%s\n' "$$body" | tail -n +3 | gh issue create --title "$$title" --body-file -; \
	fi

site: $(STAMP)
	$(BIN)/mkdocs build --strict

build: validate site

# The same site from the other engines okide supports (README: "Motorer"; the suite compares
# them with the MkDocs build in tests/test_engines.py). ProperDocs, the maintained fork of
# MkDocs 1.x, builds the project as MkDocs does, hook and all. Zensical runs no hooks: okide
# render writes the pages, the exports and a copy of mkdocs.yml with what the hook would have
# added (and Zensical's own search switched off), Zensical builds that into
# $(ENGINES_DIR)/zensical/site, and okide search-index writes the search as the hook does after
# a MkDocs build. ENGINES_ROOT: the project.
ENGINES_ROOT ?= .
ENGINES_DIR ?= build/engines

site-properdocs: $(STAMP)
	$(BIN)/properdocs build --strict -f $(ENGINES_ROOT)/mkdocs.yml -d $(abspath $(ENGINES_DIR))/properdocs

site-zensical: $(STAMP)
	$(BIN)/python -m okide render $(ENGINES_DIR)/zensical/docs --root $(ENGINES_ROOT) \
	  --config $(ENGINES_DIR)/zensical/mkdocs.yml
	$(BIN)/zensical build --strict --clean -f $(ENGINES_DIR)/zensical/mkdocs.yml
	$(BIN)/python -m okide search-index $(ENGINES_DIR)/zensical/site

# A preview: entries marked `example: true` are shown, marked as examples. `make site` and
# CI build without OKIDE_EXAMPLES, and --strict refuses a build that shows them.
serve: $(STAMP)
	OKIDE_EXAMPLES=1 $(BIN)/mkdocs serve

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check okide hooks scripts tests
	$(BIN)/ruff format --check okide hooks scripts tests

schema: $(STAMP)
	$(BIN)/python -m okide schema
	$(BIN)/python -m okide validate .

# Fails when schemas/ differs from what the models generate (run `make schema` to update).
schema-check: $(STAMP)
	$(BIN)/python -m okide schema --check

# A shorter run: make bench BENCH_OPTIONS="--sizes 100 --no-browser" (--help lists the options).
bench: $(STAMP)
	$(BIN)/python -m scripts.bench $(BENCH_OPTIONS)

# The locks, made by uv (pinned in requirements-test.lock) from pyproject.toml: its dependencies
# and its build requirement (setuptools, for the editable install) in requirements.lock, of which
# okide/runtime.lock is the copy a new site starts from; the same at the same versions and the
# test extra in requirements-test.lock. Resolved for every platform and Python 3.11 and later,
# with a hash for every file. A pin moves only when pyproject.toml rules it out; to move them
# all to the newest allowed: make lock LOCK_OPTIONS=--upgrade (or --upgrade-package NAME).
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--no-annotate --custom-compile-command "make lock" $(LOCK_OPTIONS) pyproject.toml -
BUILD_REQUIRES = $(BIN)/python -c 'import tomllib; \
	print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'

lock: $(STAMP)
	$(BUILD_REQUIRES) | $(UV_COMPILE) -o requirements.lock
	$(BUILD_REQUIRES) | $(UV_COMPILE) --extra test -c requirements.lock -o requirements-test.lock
	cp requirements.lock okide/runtime.lock

clean:
	rm -rf $(VENV) site bench node_modules .pytest_cache .ruff_cache
