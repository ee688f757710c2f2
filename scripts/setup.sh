#!/usr/bin/env bash
# Install what this project needs on a fresh Debian machine with Rust via
# rustup, as root, with only the package registries reachable. Idempotent:
# each step checks first and installs only what is missing.
# Source it (it exports PATH and tool settings) or run it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION=0.21.14   # 0.22.x needs rustc >= 1.96.1
export CARGO_TERM_COLOR=never TRUNK_SKIP_VERSION_CHECK=true
# npm's binaryen provides a wasm-opt new enough for rustc 1.95 output
# (Debian's binaryen 108 cannot parse it): it must come first on PATH.
export PATH="$PWD/tests/e2e/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export WASM_BINDGEN_TEST_TIMEOUT=120 WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60
export CHROMEDRIVER=/usr/bin/chromedriver

say() { echo "--- setup: $*"; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing chromium and chromium-driver (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

# wasm-bindgen's CLI must be exactly the version Cargo.lock pins.
WBG=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG" ]; then
  say "installing wasm-bindgen-cli $WBG"
  # --locked fails today: its lockfile pins a webpki-roots release the index lacks.
  cargo install --locked wasm-bindgen-cli --version "$WBG" 2>/dev/null \
    || cargo install --force wasm-bindgen-cli --version "$WBG"
fi

if [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  say "npm ci (playwright-core, binaryen, axe-core)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo fetch --locked >/dev/null
