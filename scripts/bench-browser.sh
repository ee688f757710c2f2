#!/usr/bin/env bash
# Browser benchmark: our player against @citolab/qti-components, side by
# side in one headless Chromium. Builds the embed bundle, installs the
# benchmark's own npm dev dependencies, prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
trunk build --release --dist dist/embed --public-url /ours/ web/embed.html
(cd bench/browser && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null)
node bench/browser/bench.mjs
