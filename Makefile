# hearing-planner: the two commands a newcomer runs are `make demo` and `make test`.
# Each installs what is missing (Debian packages, as root or through sudo), then builds.

SHELL       := /bin/bash
SWIFT       ?= swift
APT_PACKAGES = libglpk-dev libsqlite3-dev zlib1g-dev libxlsxwriter-dev python3-html5lib systemd binutils postgresql openssl
# postgresql: the tests start throw-away clusters of Debian's server (several daemons on one
# database, docs/operations.md); a daemon on its own needs only SQLite. openssl: the TLS tests
# make a test authority and a server certificate with it.
# For the tests only: programs nobody here wrote read and write workbooks beside ours (LibreOffice
# without its recommended extras, and openpyxl from PyPI); the package test renders the man page
# (man-db), installs the package (adduser) and asks the daemon over HTTP (curl).
TEST_APT_PACKAGES = libreoffice-calc man-db adduser curl
# For the console's browser tests: selenium drives Debian's chromium (with its recommended fonts);
# axe-selenium-python injects axe-core, in its 4.x version from axe-playwright-python (taken without
# playwright: only its script is used).
BROWSER_APT_PACKAGES = chromium chromium-driver
PIP_PACKAGES      = openpyxl selenium axe-selenium-python schemathesis
PYTHON           ?= python3
BIN_DEBUG    = .build/debug/hearing-planner
BIN_RELEASE  = .build/release/hearing-planner
OUT          = out
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The man page's date: the last commit's, so that the same sources give the same page.
MAN_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)
MAN_CONFIGURATION ?= debug

.PHONY: all deps test-deps build release demo test test-deb man deb bench serve docs-images console-images clean \
        fuzz fuzz-smoke api-contract sanitize kill-loop soak

all: build

# Installs the Debian packages that are missing; runs `apt-get update` once, only when needed.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

# deps, and what the tests run besides: one `apt-get update` at most, pip only when missing.
test-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	for p in $(BROWSER_APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	test_missing=""; for p in $(TEST_APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || test_missing="$$test_missing $$p"; \
	done; \
	if [ -n "$$missing$$test_missing" ]; then \
	  echo "Installing:$$missing$$test_missing"; \
	  $(SUDO) apt-get update -q || exit 1; \
	  if [ -n "$$missing" ]; then DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing || exit 1; fi; \
	  if [ -n "$$test_missing" ]; then DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$test_missing || exit 1; fi; \
	fi
	@$(PYTHON) -c "import openpyxl, selenium, axe_selenium_python, schemathesis" 2>/dev/null || { echo "Installing (pip): $(PIP_PACKAGES)"; \
	  $(PYTHON) -m pip install -q $(PIP_PACKAGES) || $(PYTHON) -m pip install -q --break-system-packages $(PIP_PACKAGES); }
	@$(PYTHON) -c "import importlib.util as u; assert u.find_spec('axe_playwright_python')" 2>/dev/null || \
	  $(PYTHON) -m pip install -q --no-deps axe-playwright-python || \
	  $(PYTHON) -m pip install -q --no-deps --break-system-packages axe-playwright-python

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Checks the bundled sample week, prints what a planner sees before planning, plans it and
# writes the plan under out/ (git-ignored). A debug build: GLPK does the heavy work either way.
demo: build
	@mkdir -p $(OUT)
	$(BIN_DEBUG) validate data/sample/roster.json
	@echo
	$(BIN_DEBUG) plan data/sample/roster.json -o $(OUT)/sample-plan.json
	@echo
	$(BIN_DEBUG) report $(OUT)/sample-plan.json --roster data/sample/roster.json -o $(OUT)/sample-report.html
	@echo "The plan is in $(OUT)/sample-plan.json; the fulfilment report is $(CURDIR)/$(OUT)/sample-report.html"

# Every Swift test, then the console in a real headless Chromium against the real daemon, which
# writes screenshots of the main pages under out/screenshots/ (`make console-images` writes them
# into docs/images/console/, the pictures of docs/console.md), then the Debian package (test-deb).
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory fuzz-smoke api-contract
	$(PYTHON) Tests/BrowserTests/console_test.py --binary $(BIN_DEBUG) --screenshots $(OUT)/screenshots/console
	@$(MAKE) --no-print-directory test-deb

# The Debian package built from the debug build (the Swift runtime of this machine's toolchain
# beside it), installed here, checked as an operator would and purged: packaging/test-deb.sh.
# Without root it says so and passes; `make deb` builds the package to ship.
test-deb: man
	@if [ "$$(id -u)" != 0 ]; then echo "test-deb: SKIPPED: installing a package needs root (dpkg -i); run make test as root to include it"; exit 0; fi; \
	  mkdir -p $(OUT)/deb-test && \
	  deb=$$(packaging/build-deb.sh $(BIN_DEBUG) $(OUT)/man/hearing-planner.1 $(OUT)/deb-test --for-test 2>/dev/null) && \
	  packaging/test-deb.sh "$$deb"

# The man page, generated from the command line's own help by swift-argument-parser's plugin.
man:
	@mkdir -p $(OUT)/man
	@$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration $(MAN_CONFIGURATION) --date $(MAN_DATE) > $(OUT)/man/generate.log 2>&1 \
	  || { cat $(OUT)/man/generate.log; exit 1; }
	@cp .build/plugins/GenerateManual/outputs/hearing-planner/hearing-planner.1 $(OUT)/man/hearing-planner.1
	@echo "man page: $(OUT)/man/hearing-planner.1"

# The package to ship: a release build with the Swift runtime inside the binary, so that it needs
# only Debian's libraries; out/hearing-planner_VERSION-1_ARCH.deb. docs/operations.md installs it.
deb: deps
	@$(MAKE) --no-print-directory man MAN_CONFIGURATION=release
	$(SWIFT) build -c release --static-swift-stdlib --product hearing-planner
	packaging/build-deb.sh $(BIN_RELEASE) $(OUT)/man/hearing-planner.1 $(OUT)

# --- Reliability (docs/reliability.md) -------------------------------------------------------
FUZZ_TARGETS  = json roster-json roster-csv workbook workbook-parts events config accept-encoding body
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 3
FUZZ_SCRATCH  = .build-fuzz
FUZZ_BIN      = $(FUZZ_SCRATCH)/debug/hearing-planner-fuzz

# make test's short run of every fuzz target: the normal build's binary replays the committed corpus
# and then mutates it, seeded, for a few seconds (no coverage feedback; `make fuzz` has libFuzzer).
fuzz-smoke:
	@mkdir -p $(OUT)
	@for t in $(FUZZ_TARGETS); do .build/debug/hearing-planner-fuzz $$t Fuzz/corpus/$$t --seconds $(FUZZ_SMOKE_SECONDS) --seed 26 \
	  --keep-current $(OUT)/fuzz-$$t.input || { echo "fuzz target $$t failed; its input is $(OUT)/fuzz-$$t.input"; exit 1; }; done

# libFuzzer with AddressSanitizer, in its own scratch path (HP_FUZZ=1: Package.swift); FUZZ_SECONDS
# per target. New inputs go to $(FUZZ_SCRATCH)/corpus (the committed seeds stay as they are),
# crashes, hangs and slow inputs to $(FUZZ_SCRATCH)/artifacts.
fuzz: deps
	HP_FUZZ=1 $(SWIFT) build --product hearing-planner-fuzz --scratch-path $(FUZZ_SCRATCH)
	@mkdir -p $(FUZZ_SCRATCH)/artifacts
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_SCRATCH)/corpus/$$t; \
	  HP_FUZZ_TARGET=$$t $(FUZZ_BIN) $(FUZZ_SCRATCH)/corpus/$$t Fuzz/corpus/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 -artifact_prefix=$(FUZZ_SCRATCH)/artifacts/$$t- \
	    > $(FUZZ_SCRATCH)/$$t.log 2>&1; status=$$?; \
	  runs=$$(grep -E '^stat::number_of_executed_units' $(FUZZ_SCRATCH)/$$t.log | grep -oE '[0-9]+$$'); \
	  cov=$$(grep -oE 'cov: [0-9]+' $(FUZZ_SCRATCH)/$$t.log | tail -1); \
	  rss=$$(grep -E '^stat::peak_rss_mb' $(FUZZ_SCRATCH)/$$t.log | grep -oE '[0-9]+$$'); \
	  echo "fuzz $$t: $$runs inputs, $$cov, corpus $$(ls $(FUZZ_SCRATCH)/corpus/$$t | wc -l), peak RSS $$rss MB, exit $$status"; \
	  test $$status -eq 0 || { grep -E "ERROR|SUMMARY|Test unit written" $(FUZZ_SCRATCH)/$$t.log; echo "fuzz target $$t failed: see $(FUZZ_SCRATCH)/$$t.log"; exit 1; }; done

# schemathesis against the real daemon and docs/openapi.yaml, every check and the stateful phase,
# bounded (a fixed seed, examples per operation and a time budget): Tests/APIContract/run.py.
api-contract:
	$(PYTHON) Tests/APIContract/run.py --binary $(BIN_DEBUG)

# The test suite under AddressSanitizer, then ThreadSanitizer, each in its own scratch path (about
# 20 minutes of build each on 2 cores). The end-to-end tests run the sanitized binary too.
# LeakSanitizer is off: it stops the world with ptrace, which the unit's sandbox (ServeSandboxTests)
# refuses; memory growth is measured by the soak instead (make soak). SANITIZE_FILTER narrows the
# tests (a --filter argument); docs/reliability.md has the figures.
SANITIZE_FILTER ?=
sanitize: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 HP_SANITIZER=address $(SWIFT) test --skip-build --scratch-path .build-asan $(SANITIZE_FILTER)
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	TSAN_OPTIONS=halt_on_error=1 HP_SANITIZER=thread $(SWIFT) test --skip-build --scratch-path .build-tsan $(SANITIZE_FILTER)

# The kill -9 loop of the fault tests a hundred times (make test runs three).
kill-loop: build
	$(SWIFT) build --build-tests
	HP_KILL_ROUNDS=100 $(SWIFT) test --skip-build --filter KillLoopTests

console-images: test-deps build
	$(PYTHON) Tests/BrowserTests/console_test.py --binary $(BIN_DEBUG) --screenshots docs/images/console

bench: release
	.build/release/hearing-planner-bench --binary $(BIN_RELEASE)

# The bench's soak section alone: SOAK_MINUTES (30) on the 2,500-hearing week, a change every 5 s
# and 50 readers, then a burst of 1,000 events (docs/reliability.md).
SOAK_MINUTES ?= 30
soak: release
	.build/release/hearing-planner-bench --binary $(BIN_RELEASE) --only soak --soak-minutes $(SOAK_MINUTES)

# Runs the service on 127.0.0.1:8470 with its state under out/serve; makes a planner token there
# the first time (printed; kept in out/serve/token) and submits the demo week (500 hearings over
# eight locations) for the console at http://127.0.0.1:8470/ (docs/console.md).
serve: build
	@mkdir -p $(OUT)/serve && chmod 700 $(OUT)/serve
	@[ -s $(OUT)/serve/tokens ] || (umask 077; $(BIN_DEBUG) token add make-serve --role planner --tokens $(OUT)/serve/tokens > $(OUT)/serve/token)
	@echo "Console: http://127.0.0.1:8470/   sign in with the token $$(cat $(OUT)/serve/token)   (also in $(OUT)/serve/token)"
	@( for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1; \
	     curl -sf -o /dev/null -X POST -H "Authorization: Bearer $$(cat $(OUT)/serve/token)" \
	       --data-binary @data/demo-week/roster.json http://127.0.0.1:8470/v1/rosters && \
	     echo "Submitted data/demo-week/roster.json: open http://127.0.0.1:8470/ in a browser (API: docs/api.md)" && break; \
	   done ) &
	$(BIN_DEBUG) serve --listen 127.0.0.1:8470 --state-dir $(OUT)/serve/state --tokens $(OUT)/serve/tokens

# The pictures of docs/formats-xlsx.md: the template and a location sheet of the sample week's plan,
# printed to PDF by LibreOffice and turned into PNG by pdftoppm (poppler-utils).
docs-images: build
	@command -v pdftoppm >/dev/null || $(SUDO) apt-get install -y -q poppler-utils
	@mkdir -p $(OUT)/images
	$(BIN_DEBUG) template -o $(OUT)/images/template.xlsx --start 2026-12-07
	$(BIN_DEBUG) plan data/sample/roster.json -o $(OUT)/images/plan.json
	$(BIN_DEBUG) export $(OUT)/images/plan.json --roster data/sample/roster.json --format xlsx -o $(OUT)/images/plan.xlsx
	soffice -env:UserInstallation=file://$(CURDIR)/$(OUT)/images/profile --headless --convert-to pdf --outdir $(OUT)/images $(OUT)/images/template.xlsx $(OUT)/images/plan.xlsx
	pdftoppm -r 90 -png -singlefile -f 1 -l 1 -x 0 -y 0 -W 744 -H 380 $(OUT)/images/template.pdf docs/images/xlsx-template-explanation
	pdftoppm -r 160 -png -singlefile -f 5 -l 5 -x 40 -y 50 -W 1780 -H 90 $(OUT)/images/template.pdf docs/images/xlsx-template-hearings
	pdftoppm -r 110 -png -singlefile -f 2 -l 2 -x 0 -y 0 -W 1290 -H 330 $(OUT)/images/plan.pdf docs/images/xlsx-export-location

clean:
	rm -rf .build $(OUT)
