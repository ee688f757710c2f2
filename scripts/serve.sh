#!/usr/bin/env bash
# Set up whatever is missing, then serve the preview studio with the sample
# items on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
exec trunk serve --release
