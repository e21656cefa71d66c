# Two commands for a newcomer: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails point at the server `make run` starts, unless SITE_URL is set (here or in .env).
RUN_SITE_URL = $(if $(SITE_URL),,$(shell grep -qs '^SITE_URL=' .env || echo SITE_URL=http://$(HOST):$(PORT)))

.PHONY: run run-stack test bench lint format messages translations venv system-deps stack-deps clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# Debian packages. `make run` needs gettext (translations), Pango and HarfBuzz's subsetter with
# a font (WeasyPrint's PDF dossiers) and Tesseract with Indonesian (OCR of the demo screenshots);
# the tests and the real stack also need PostgreSQL, Redis and Chromium (browser tests).
RUN_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	tesseract-ocr tesseract-ocr-ind
STACK_PACKAGES := $(RUN_PACKAGES) postgresql redis-server chromium

define install_debian
	@missing=""; for package in $(1); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Please install the Debian packages: sudo apt-get install$$missing"; exit 1; fi; \
	fi
endef

system-deps:
	$(call install_debian,$(RUN_PACKAGES))

stack-deps:
	$(call install_debian,$(STACK_PACKAGES))

# A local, never committed configuration for development: DEBUG on and keys made here.
.env: | venv
	$(PY) -c "import secrets; from cryptography.fernet import Fernet; \
	print('DEBUG=true'); print('SECRET_KEY=' + secrets.token_urlsafe(50)); \
	print('FIELD_ENCRYPTION_KEY=' + Fernet.generate_key().decode())" > $@
	@echo "Wrote .env for local development (DEBUG on, generated keys)."

# After changing texts: extract them, then translate the new English entries in locale/en.
# Source texts are Indonesian, so the Indonesian catalogue is the source copied (msgen).
translations: venv system-deps
	$(PY) manage.py makemessages -l en -l id --ignore=.venv --ignore=var --ignore=tests --no-obsolete -v 0
	msgattrib --clear-fuzzy --empty --clear-previous locale/id/LC_MESSAGES/django.po \
	  | msgen - -o locale/id/LC_MESSAGES/django.po
	@# Indonesian has one plural form, which msgen leaves empty: it is the plural source text.
	$(PY) -c "import polib; po = polib.pofile('locale/id/LC_MESSAGES/django.po'); \
	[e.msgstr_plural.update({0: e.msgid_plural}) for e in po if e.msgid_plural and not e.msgstr_plural.get(0)]; po.save()"
	@msgattrib --untranslated --no-obsolete locale/en/LC_MESSAGES/django.po | grep -c '^msgid' \
	  | xargs -I{} echo "English entries to translate: {} (minus the header)"

messages: venv system-deps
	$(PY) manage.py compilemessages --ignore=.venv -v 0

run: venv .env messages
	$(PY) manage.py migrate --noinput -v 0
	$(RUN_SITE_URL) $(PY) manage.py seed_demo $(if $(PASSWORD),--password "$(PASSWORD)")
	@echo "Portal: http://$(HOST):$(PORT)/  ·  petugas: http://$(HOST):$(PORT)/petugas/  ·  admin: http://$(HOST):$(PORT)/admin/"
	@# Without a broker there is no Celery beat: run_periodic runs the periodic jobs beside the server.
	$(RUN_SITE_URL) $(PY) manage.py run_periodic & periodic=$$!; trap 'kill $$periodic 2>/dev/null' EXIT INT TERM; \
	  $(RUN_SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Lint and three suites: fast feedback on SQLite; the integration suite on PostgreSQL, Redis with
# real Celery workers and an S3 server (tools/stack.py starts and stops them); the browser suite.
# Each runs to its end even when another failed; a summary of all of them comes last.
# The benchmarks (bench/run.py): not part of `make test`. BENCH_ARGS="--sizes 10000,100000 --rounds 3"
# The served figures load gunicorn with wrk.
bench: venv .env messages stack-deps
	$(call install_debian,wrk)
	$(PY) tools/stack.py run -- $(PY) bench/run.py $(BENCH_ARGS)

test: venv .env messages stack-deps
	$(PY) tools/suites.py

# The production configuration on this machine: PostgreSQL, Redis, a Celery worker and beat,
# gunicorn with whitenoise, evidence on a local S3 server. Fresh data each run; logs in var/stack/.
run-stack: venv .env messages stack-deps
	$(PY) tools/stack.py serve --host $(HOST) --port $(PORT)

clean:
	rm -rf $(VENV) var/e2e .pytest_cache
