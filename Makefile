# Wegwijs — `make help` lists every task.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
RASA_VENV := .venv-rasa
PY := $(VENV)/bin/python
RASA := $(RASA_VENV)/bin/rasa
export PYTHONPATH := $(CURDIR)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

help: ## List every task
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/app.lock
	@PY311=$$(scripts/find-python.sh 3.11+) && \
	  { [ -x $(PY) ] || "$$PY311" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/app.lock
	@touch $@

$(RASA_VENV)/.installed: requirements/rasa.lock
	@PY310=$$(scripts/find-python.sh 3.10) && \
	  { [ -x $(RASA_VENV)/bin/python ] || "$$PY310" -m venv $(RASA_VENV); }
	$(RASA_VENV)/bin/python -m pip install --quiet --upgrade "pip<25"
	@echo "Installing Rasa 3.6.21 (about 2.7 GB, a few minutes the first time)..."
	$(RASA_VENV)/bin/python -m pip install --quiet -r requirements/rasa.lock
	@touch $@

# fonts-noto-core: Ethiopic (Tigrinya) and Arabic-script glyphs for the screenshots.
chromium: ## Make sure Debian's chromium and Noto fonts are installed (the browser tests drive it)
	@if command -v chromium >/dev/null 2>&1 && [ -e /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf ]; then \
	  echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y chromium fonts-noto-core || { apt-get update && apt-get install -y chromium fonts-noto-core; }; \
	else echo "!! The browser tests need Debian's chromium (and fonts-noto-core for Tigrinya). Install them as root:" \
	  "apt-get install chromium fonts-noto-core (or set WEGWIJS_CHROMIUM to a Chromium binary)."; fi

# The staff database's tests run against a throw-away PostgreSQL cluster (its server binaries).
postgres: ## Make sure Debian's PostgreSQL server binaries are installed (tests/test_postgres.py)
	@if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  echo "postgresql: $$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y postgresql || { apt-get update && apt-get install -y postgresql; }; \
	else echo "!! tests/test_postgres.py needs PostgreSQL's server. Install it as root: apt-get install postgresql"; fi

setup: $(VENV)/.installed $(RASA_VENV)/.installed chromium postgres ## Create both Python environments from the locks; make sure chromium and PostgreSQL are there
	@mkdir -p var models

train: setup ## Train the model (skipped when the training data did not change)
	$(PY) -m bot train

run: setup ## Run the assistant: web chat and API on 127.0.0.1, port WEGWIJS_PORT (8000)
	$(PY) -m bot run

chat: setup ## Chat with the running assistant in this terminal
	$(PY) -m bot chat

validate: setup ## rasa data validate (training data and domain)
	$(RASA) data validate --domain domain --data data --config config.yml

test: setup ## Run the whole test suite (trains a model if needed)
	$(PY) -m pytest

bench: setup ## Benchmark the chat API: latency, throughput, training time, memory
	$(PY) scripts/bench.py

bench-telegram: setup ## Benchmark Telegram: simulated people through a local Bot API server
	$(PY) scripts/bench_telegram.py

i18n-extract: setup ## Re-extract translations/messages.pot from the responses
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output --omit-header \
	  -o translations/messages.pot . 2>&1 | grep -v '^extracting' || true

i18n-update: i18n-extract ## Merge messages.pot into every language's .po
	$(PY) -m bot.i18n.update update

i18n-compile: setup ## Build .mo files from the .po files (drafts included)
	$(PY) -m bot.i18n.update compile

i18n-status: setup ## Translated / draft / missing texts per language
	$(PY) -m bot i18n-status

nlu-report: train ## NLU accuracy, macro F1, crisis recall per language on the held-out test set
	$(RASA_VENV)/bin/python scripts/nlu_report.py heldout --json results/nlu-heldout.json \
	  --model $$($(PY) -c 'from bot.engine import model_path; from bot.settings import get_settings; print(model_path(get_settings()))')

nlu-cv: setup ## NLU cross-validation per language: intents, crisis recall, entity values (FOLDS=3, a few minutes)
	$(RASA_VENV)/bin/python scripts/nlu_report.py cv --folds $(or $(FOLDS),3) --json results/nlu-cv.json

stale-content: setup ## Answers checked more than MAX_AGE_DAYS (default 180) ago or outside their validity
	$(PY) -m bot stale-content $(if $(MAX_AGE_DAYS),--max-age-days $(MAX_AGE_DAYS))

staff-user: setup ## Create a staff account: make staff-user USERNAME=anna ROLE=admin|reviewer|translator [LANGUAGES=ar,fa]
	@[ -n "$(USERNAME)" ] && [ -n "$(ROLE)" ] || \
	  { echo "Usage: make staff-user USERNAME=anna ROLE=admin|reviewer|translator [LANGUAGES=ar,fa]"; exit 2; }
	$(PY) -m bot staff-user add --username "$(USERNAME)" --role "$(ROLE)" $(if $(LANGUAGES),--languages "$(LANGUAGES)")

staff-users: setup ## List the staff accounts
	$(PY) -m bot staff-user list

staff-migrate: setup ## Apply the staff review database's migrations (the app also does on start-up)
	$(PY) -m bot staff-migrate

test-browser: setup ## Browser tests of the staff pages (headless chromium; screenshots in tests/artifacts/)
	$(PY) -m pytest tests/test_staff_browser.py -m "not engine"

clean: ## Remove trained models and local data (keeps the environments)
	rm -rf models var results

.PHONY: help chromium postgres staff-user staff-users staff-migrate test-browser setup train run chat validate test bench bench-telegram i18n-extract i18n-update i18n-compile i18n-status stale-content nlu-report nlu-cv clean
