#!/usr/bin/env bash
# Fuzz the reader and the processor for a bounded time each (default 60 s):
#   bash scripts/fuzz.sh [SECONDS]
# Needs a nightly toolchain (cargo fuzz uses -Z flags); seeds come from the
# sample items and, when present, ../shared/qti-corpus. Findings land in
# fuzz/artifacts/ and fail the script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
secs=${1:-60}
rustup toolchain list | grep -q '^nightly' || { echo "fuzz.sh: needs a nightly toolchain" >&2; exit 2; }
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
mkdir -p fuzz/corpus/read_item fuzz/corpus/process_item
{ ls items/*/*.xml; find ../shared/qti-corpus -name '*.xml' 2>/dev/null | awk 'NR <= 400'; } |
while IFS= read -r f; do
  n=$(sha1sum "$f" | cut -c1-16)
  cp "$f" "fuzz/corpus/read_item/$n"
  cp "$f" "fuzz/corpus/process_item/$n"
done
for target in read_item process_item; do
  echo "--- fuzzing $target for ${secs}s"
  (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
     -max_total_time="$secs" -rss_limit_mb=2048 -max_len=1048576 -timeout=10)
done
echo "--- no crash, hang or memory blow-up found"
