#!/usr/bin/env bash
# Renders every sample item to gallery/*.png (default and high-contrast
# themes) in headless Chromium, for visual review. The gallery is not in git.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
trunk build --release
(cd tests/e2e && node screenshots.mjs)
