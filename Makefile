# Newsroom: `make serve` and `make test` install whatever is missing first.
# Tools come from the package registries only: rustup's wasm target and rust-src, crates.io
# (trunk, wasm-bindgen-cli, wasm-split-cli, twiggy for `make size`), npm (binaryen's wasm-opt) and Debian (chromium).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
TWIGGY_VERSION := 0.8.0
# The release build's splitter of the app's wasm (src/split_link.mjs): the
# one for the wasm_split_helpers in Cargo.lock (leptos's).
WASM_SPLIT_VERSION := 0.2.4
CHROMEDRIVER ?= /usr/bin/chromedriver
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# npm's wasm-opt (binaryen 132) must come first: older system builds break the module.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: serve test test-native test-browser test-e2e test-size build size size-tools bench bench-lighthouse setup setup-build setup-browser setup-lighthouse clean

## serve: build and serve the page with the sample bundle at http://127.0.0.1:8080/
## (under a sub-path with `make serve SERVE_BASE=/about/news/`)
SERVE_BASE ?= /
serve: setup-build
	trunk serve --serve-base $(SERVE_BASE)

## test: native core tests, browser component tests, end-to-end tests and the size budget on the release build
test: test-native test-browser test-e2e test-size

test-native:
	cargo test --locked

test-browser: setup-build setup-browser
	CHROMEDRIVER=$(CHROMEDRIVER) CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		cargo test --locked --target wasm32-unknown-unknown --test components

test-e2e: build setup-browser
	cargo build --locked --bin newsroom
	@playwright test -c tests/e2e || { \
		echo "End-to-end tests failed: each failed test left a trace, a screenshot and the browser console under"; \
		echo "  test-results/e2e/ (open a trace with: npx playwright show-trace test-results/e2e/<test>/trace.zip)"; \
		exit 1; }

## test-size: the release build's wasm + js within the budget in tests/size/budget.test.mjs
test-size: build
	node --test tests/size/

## build: the release build in dist/
# Its wasm is built with its own copy of Rust's standard library (-Zbuild-std),
# compiled for size as our code is and with its smaller variants of the same
# algorithms (its optimize_for_size feature), and a panic that stops the module
# at once, formatting no message (-Cpanic=immediate-abort): 14.5 KB gzip off the
# app and 5.0 off the headlines. Both are unstable options of the machine's one (stable)
# rustc, allowed for this build alone by RUSTC_BOOTSTRAP=1; the standard
# library's source is rustup's rust-src component. A plain `trunk build
# --release` still builds a working page, only larger.
#
# The app's wasm is also split at link time (src/split_link.mjs, the linker
# for this build, with `--cfg newsroom_split`): what its first view does not
# need (src/browser/lazy_code.rs) goes into wasm files fetched when first used.
# With `--cfg newsroom_speed`, the functions every keystroke runs through are
# built for speed, not size (the `optimize` attribute, src/lib.rs).
RELEASE_WASM_ENV := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='-Zunstable-options -Cpanic=immediate-abort --cfg newsroom_split --cfg newsroom_speed' \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$(CURDIR)/src/split_link.mjs
build: setup-build
	$(RELEASE_WASM_ENV) trunk build --release

## bench: the release build against a MiniSearch peer on 1,000 and 10,000 articles, then
## pre-built archives of up to 100,000 against the single bundle, then Lighthouse's mobile
## profile on the standalone page, a compact headlines page and a 10,000-article archive
## (measurements, not tests)
bench: build setup-browser setup-lighthouse
	cargo build --locked --release --bin newsroom
	node tests/bench/run.mjs
	node --max-old-space-size=6144 tests/bench/archive.mjs
	node tests/bench/lighthouse.mjs

## bench-lighthouse: the Lighthouse part of `make bench` alone
bench-lighthouse: build setup-browser setup-lighthouse
	cargo build --locked --release --bin newsroom
	node tests/bench/lighthouse.mjs

## size: the release build's file sizes (raw, gzip, brotli) and twiggy's biggest items
size: build size-tools
	node tests/size/report.mjs

size-tools:
	@twiggy --version 2>/dev/null | grep -qx "twiggy $(TWIGGY_VERSION)" \
		|| cargo install --locked twiggy --version $(TWIGGY_VERSION) \
		|| cargo install twiggy --version $(TWIGGY_VERSION)

setup: setup-build setup-browser

setup-build:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -qx rust-src || rustup component add rust-src
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" \
		|| cargo install --locked trunk --version $(TRUNK_VERSION)
	@cargo install --list | grep -qx "wasm_split_cli_support v$(WASM_SPLIT_VERSION):" \
		|| cargo install --locked wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --features build-binary
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
		|| cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@# npm packages: installed again only when package-lock.json changed.
	@[ "$$(cat node_modules/.newsroom-lock 2>/dev/null)" = "$$(sha256sum < package-lock.json)" ] \
		|| { npm ci --no-audit --no-fund && sha256sum < package-lock.json > node_modules/.newsroom-lock; }

# Lighthouse, for `make bench` only: a package of its own, so `make test` never installs it;
# installed again only when its package-lock.json changed (offline afterwards).
LIGHTHOUSE_DIR := tests/bench/lighthouse
setup-lighthouse:
	@[ "$$(cat $(LIGHTHOUSE_DIR)/node_modules/.newsroom-lock 2>/dev/null)" = "$$(sha256sum < $(LIGHTHOUSE_DIR)/package-lock.json)" ] \
		|| { (cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund) \
			&& sha256sum < $(LIGHTHOUSE_DIR)/package-lock.json > $(LIGHTHOUSE_DIR)/node_modules/.newsroom-lock; }

# Debian's Chromium for every browser test (Playwright uses it, never a
# download of its own), its driver for wasm-bindgen-test, CJK fonts for screenshots.
setup-browser:
	@[ -x /usr/bin/chromium ] && [ -x $(CHROMEDRIVER) ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1 || { \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk; }

clean:
	cargo clean
	rm -rf dist
