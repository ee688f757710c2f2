#!/usr/bin/env bash
# Set up whatever is missing, then run every test. One summary line per
# stage; stops at the first failing stage with its name.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
t0=$SECONDS
source scripts/setup.sh

stage() {
  local name=$1; shift
  local start=$SECONDS
  if "$@"; then
    echo "=== PASS  $name ($((SECONDS - start))s)"
  else
    echo "=== FAIL  $name: the command '$*' failed; see its output above" >&2
    exit 1
  fi
}

stage "cargo fmt --check" cargo fmt --all -- --check
stage "clippy (native)" cargo clippy --locked --workspace --all-targets -- -D warnings
stage "clippy (wasm32)" cargo clippy --locked --target wasm32-unknown-unknown -p qti-engine -p qti-player -p qti-web -p qti-tests --all-targets -- -D warnings
stage "native tests (engine, cli, corpus)" cargo test --locked -p qti-engine -p qti-cli -p qti-tests
stage "engine tests and corpus parity on wasm32 (node)" cargo test --locked --target wasm32-unknown-unknown -p qti-engine -p qti-tests
stage "player tests in headless chromium" cargo test --locked --target wasm32-unknown-unknown -p qti-player
stage "trunk build --release (studio and embed bundle)" bash -c 'rm -rf dist && trunk build --release && trunk build --release --dist dist/embed --public-url /embed/ web/embed.html'
stage "npm-style package of the embedding API (dist/npm)" bash scripts/package-npm.sh
stage "end-to-end tests (playwright, chromium)" bash -c 'cd tests/e2e && node --test --test-concurrency=1'
echo "=== all stages passed in $((SECONDS - t0))s"
