# hearing-planner: the two commands a newcomer runs are `make demo` and `make test`.
# Each installs what is missing (Debian packages, as root or through sudo), then builds.

SWIFT       ?= swift
APT_PACKAGES = libglpk-dev libsqlite3-dev python3-html5lib systemd
BIN_DEBUG    = .build/debug/hearing-planner
BIN_RELEASE  = .build/release/hearing-planner
OUT          = out
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build release demo test bench clean

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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	.build/release/hearing-planner-bench --binary $(BIN_RELEASE)

clean:
	rm -rf .build $(OUT)
