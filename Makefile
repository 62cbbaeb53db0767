# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ROOT := $(abspath .)
UV_VERSION := 0.13.9
TOOLS := $(ROOT)/.tools
UV := $(TOOLS)/bin/uv
VENV := $(ROOT)/.venv
BIN := $(VENV)/bin

export AIRFLOW_HOME ?= $(ROOT)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(ROOT)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__USAGE_DATA_COLLECTION__ENABLED := False
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS := True
export AIRFLOW__API__HOST := 127.0.0.1
export AIRFLOW__API__PORT := 8080
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export GX_ANALYTICS_ENABLED := False
export NEWSETL_WAREHOUSE ?= $(ROOT)/warehouse/news.duckdb
export NEWSETL_REPORTS ?= $(ROOT)/reports
RUN_DATE ?= $(shell date -u +%Y-%m-%d)

.PHONY: help setup run test eval lint sqlfluff docs sql airflow stop backfill clean bench backup restore

help:
	@echo "make run     set up, then run news_nightly once over data/samples (warehouse + report)"
	@echo "make test    set up, then ruff, sqlfluff and pytest"
	@echo "make eval    score extraction against the hand-made gold in tests/gold/"
	@echo "make bench   N=5000: a generated night through every stage, baselines beside it: bench/results.json"
	@echo "make docs    dbt docs as one offline page: dbt_project/target/static_index.html"
	@echo "make sql     open the warehouse read-only in the duckdb shell"
	@echo "make backup  a dated copy of the warehouse in warehouse/backups/, the newest 7 kept (NEWSETL_BACKUP_KEEP)"
	@echo "make restore put back the newest backup that reads whole; the file it replaces is kept beside it"
	@echo "make airflow Airflow standalone on http://127.0.0.1:8080 with news_nightly unpaused; make stop ends it"
	@echo "make backfill START=YYYY-MM-DD END=YYYY-MM-DD  reprocess those nights through Airflow's own backfill"

# uv from PyPI into a private folder, then the locked environment.
$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

setup: $(VENV)/.synced

$(AIRFLOW_HOME)/.migrated: $(VENV)/.synced
	mkdir -p $(AIRFLOW_HOME)
	$(BIN)/airflow db migrate > $(AIRFLOW_HOME)/migrate.log 2>&1 || (tail -20 $(AIRFLOW_HOME)/migrate.log; exit 1)
	$(BIN)/airflow pools set duckdb 1 "DuckDB takes one writer at a time" > /dev/null
	@touch $@

run: $(AIRFLOW_HOME)/.migrated
	@echo "running news_nightly for $(RUN_DATE) over $${NEWSETL_LANDING:-data/samples} (log: $(AIRFLOW_HOME)/last-run.log)"
	@$(BIN)/airflow dags test news_nightly $(RUN_DATE) > $(AIRFLOW_HOME)/last-run.log 2>&1; status=$$?; \
	  grep -E "DagRun Finished|new_state=failed" $(AIRFLOW_HOME)/last-run.log | sed -E 's/.*(DagRun Finished.*state=[a-z_]+).*/\1/' ; \
	  if [ $$status -ne 0 ] || grep -q "state=failed" $(AIRFLOW_HOME)/last-run.log; then \
	    echo "news_nightly failed: see $(AIRFLOW_HOME)/last-run.log"; exit 1; fi
	@$(BIN)/newsetl summary

# Debian's Chromium, for the browser test of the quality report (tests/test_forced_failures.py)
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@echo "installing Debian's chromium for the report's browser test"
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq --no-install-recommends chromium > /dev/null

test: $(VENV)/.synced $(CHROMIUM)
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory sqlfluff
	$(BIN)/pytest

# SQL style (.sqlfluff): dbt templater, duckdb dialect. dbt only compiles here, so no warehouse is needed.
sqlfluff: $(VENV)/.synced
	NEWSETL_WAREHOUSE=:memory: $(BIN)/sqlfluff lint dbt_project

# Every model, column, test, exposure and analysis on one self-contained page (no network), from the
# warehouse's catalog: run `make run` first for the column types.
docs: $(VENV)/.synced
	mkdir -p $(dir $(NEWSETL_WAREHOUSE))
	$(BIN)/dbt docs generate --static --project-dir dbt_project --profiles-dir dbt_project
	@echo "dbt docs: $(ROOT)/dbt_project/target/static_index.html"

eval: $(VENV)/.synced
	@mkdir -p reports
	@echo "== development gold (tests/gold/: the rules were shaped on it)"
	@$(BIN)/newsetl eval --json reports/eval.json
	@echo "== held-out gold (tests/gold/heldout/: never tuned on)"
	@$(BIN)/newsetl eval --gold tests/gold/heldout --json reports/eval-heldout.json

# A generated corpus of N items through every stage, each in its own process, with Kiwi and trafilatura alone
# as baselines in the same run (newsetl/bench/). Corpus, warehouse and work files go under bench/work/.
N ?= 5000
bench: $(VENV)/.synced
	$(BIN)/python -m newsetl.bench --n $(N) $(if $(NEW),--new $(NEW))

lint: $(VENV)/.synced
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory sqlfluff

sql: $(VENV)/.synced
	$(BIN)/duckdb -readonly $(NEWSETL_WAREHOUSE)

# Copied under a read-only connection (no writer can change it meanwhile), read whole, checked: newsetl/backup.py.
backup: $(VENV)/.synced
	@$(BIN)/newsetl backup

# The newest backup that opens and reads whole; refuses while anything has the warehouse open.
restore: $(VENV)/.synced
	@$(BIN)/newsetl restore

airflow: $(AIRFLOW_HOME)/.migrated
	$(BIN)/newsetl airflow start --port 8080

stop:
	$(BIN)/newsetl airflow stop

# Airflow's own backfill (POST /api/v2/backfills), one night at a time, oldest first; starts Airflow
# standalone for the duration when it is not running (make airflow), and stops what it started.
backfill: $(AIRFLOW_HOME)/.migrated
	@test -n "$(START)" -a -n "$(END)" || (echo "usage: make backfill START=YYYY-MM-DD END=YYYY-MM-DD"; exit 2)
	$(BIN)/newsetl backfill --start $(START) --end $(END) --port 8080

clean:
	rm -rf warehouse reports work data/raw $(AIRFLOW_HOME) dbt_project/target dbt_project/logs
