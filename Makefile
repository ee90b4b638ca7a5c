# hearing-planner: the two commands a newcomer runs are `make demo` and `make test`.
# Each installs what is missing (Debian packages, as root or through sudo), then builds.

SWIFT       ?= swift
APT_PACKAGES = libglpk-dev libsqlite3-dev zlib1g-dev python3-html5lib systemd chromium chromium-driver
# The console's browser tests: selenium drives Debian's chromium; axe-selenium-python injects
# axe-core, in its 4.x version from axe-playwright-python (taken without playwright: only its script).
PIP_PACKAGES = selenium axe-selenium-python
PYTHON      ?= python3
BIN_DEBUG    = .build/debug/hearing-planner
BIN_RELEASE  = .build/release/hearing-planner
OUT          = out
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build release demo test bench serve clean

all: build

# Installs the Debian and Python packages that are missing; runs `apt-get update` once, only when needed.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi
	@$(PYTHON) -c "import selenium, axe_selenium_python" 2>/dev/null || $(PYTHON) -m pip install -q $(PIP_PACKAGES)
	@$(PYTHON) -c "import importlib.util as u; assert u.find_spec('axe_playwright_python')" 2>/dev/null || \
	  $(PYTHON) -m pip install -q --no-deps axe-playwright-python

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

# Every Swift test, then the console in a real headless Chromium against the real daemon (which
# also writes the screenshots of docs/console.md to docs/images/console/).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(PYTHON) Tests/BrowserTests/console_test.py --binary $(BIN_DEBUG) --screenshots docs/images/console

bench: release
	.build/release/hearing-planner-bench --binary $(BIN_RELEASE)

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

clean:
	rm -rf .build $(OUT)
