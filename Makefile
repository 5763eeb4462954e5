# Kehu — two commands: `make run` and `make test` (both create .venv on first use).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_BASE := $(VENV)/.installed-base
STAMP_TEST := $(VENV)/.installed-test
STAMP_DIST := $(VENV)/.installed-dist
# The bundle is named after the version in pyproject.toml (as packaging/kehu.spec does).
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE  := dist/kehu-$(VERSION)

.PHONY: run test lint bench i18n check-migrations clean dist dist-check

$(STAMP_BASE): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): $(STAMP_BASE)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(STAMP_DIST): $(STAMP_BASE)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@

run: $(STAMP_BASE)
	$(BIN)/python main.py

lint: $(STAMP_TEST)
	$(BIN)/ruff check .

# The bundle's smoke test too, when one was built (`make dist`); never builds one.
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
ifneq ($(wildcard $(BUNDLE)/kehu-cli*),)
	$(MAKE) --no-print-directory dist-check
endif

bench: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(if $(SCALE),--scale $(SCALE)) $(if $(TEAM),--team)

# Compare the models with the migrations on a throwaway plaintext SQLite file.
check-migrations: $(STAMP_TEST)
	rm -rf build/alembic-check && mkdir -p build/alembic-check
	$(BIN)/alembic -x url=sqlite:///build/alembic-check/check.db upgrade head
	$(BIN)/alembic -x url=sqlite:///build/alembic-check/check.db check

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

# The desktop bundle: one folder, $(BUNDLE)/ with kehu (GUI) and kehu-cli, for the
# machine it runs on (packaging/kehu.spec; README "Desktop bundle" for Windows).
dist: $(STAMP_DIST)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/kehu.spec
	@du -sh --apparent-size $(BUNDLE)

# Smoke test of the built bundle from a fresh HOME (packaging/dist_check.py says what).
dist-check: $(STAMP_TEST)
	$(BIN)/python packaging/dist_check.py $(BUNDLE)

# Refresh the Chinese catalogue from the sources (translate new entries in
# Qt Linguist or by editing the .ts), then compile it.
I18N_TS := resources/i18n/kehu_zh_CN.ts
i18n: $(STAMP_BASE)
	$(BIN)/pyside6-lupdate $$(find app -name '*.py' | sort) -ts $(I18N_TS) -no-obsolete
	$(BIN)/pyside6-lrelease $(I18N_TS) -qm resources/i18n/kehu_zh_CN.qm
