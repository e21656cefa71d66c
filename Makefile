# Two commands for a newcomer: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages translations venv system-deps clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# Debian packages the project needs: gettext compiles the translation catalogues.
system-deps:
	@command -v msgfmt >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq gettext >/dev/null; \
	  else echo "Please install the Debian package: sudo apt-get install gettext"; exit 1; fi; }

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
	@msgattrib --untranslated --no-obsolete locale/en/LC_MESSAGES/django.po | grep -c '^msgid' \
	  | xargs -I{} echo "English entries to translate: {} (minus the header)"

messages: venv system-deps
	$(PY) manage.py compilemessages --ignore=.venv -v 0

run: venv .env messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo $(if $(PASSWORD),--password "$(PASSWORD)")
	@echo "Portal: http://$(HOST):$(PORT)/  ·  petugas: http://$(HOST):$(PORT)/admin/"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: venv .env messages lint
	$(PY) -m pytest

clean:
	rm -rf $(VENV) var/e2e .pytest_cache
