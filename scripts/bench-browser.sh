#!/usr/bin/env bash
# Browser benchmark: our player against @citolab/qti-components, side by
# side in one headless Chromium. Builds the embed bundle, installs the
# benchmark's own npm dev dependencies, prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# The benchmark plays single items, as Citolab's item player does: the
# items-only build (what `@qti-player/embed/items` ships). BENCH_FULL=1
# measures the full bundle (tests and packages too) instead.
if [ "${BENCH_FULL:-}" = 1 ]; then features=(); else features=(--no-default-features); fi
trunk build --release "${features[@]}" --dist dist/embed --public-url /ours/ web/embed.html
(cd bench/browser && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null)
node bench/browser/bench.mjs
