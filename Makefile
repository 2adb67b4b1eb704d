# Shardline: two commands do everything on a fresh Debian/Ubuntu machine with Swift.
#   make run   installs missing system packages, builds, opens the plan explorer on GPT-2.6B
#   make test  installs missing system packages, builds, runs every test

SWIFT ?= swift
DEB_PACKAGES := libncurses-dev coinor-libcbc-dev libopenblas-dev pkg-config tmux

.PHONY: run test setup build release lint

# Installs the Debian packages the project links against or tests with, only when missing.
setup:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

run: release
	.build/release/shardline explore

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --recursive --strict Sources Tests Package.swift
