#!/usr/bin/env bash
# Prints the benchmark figures (not a test): the size breakdown of each module (by crate and
# function), release transfer size, load timings, vault unlock and
# save times in headless Chromium, the first visit over emulated slow 4G from a compressing host,
# unlock by passkey beside unlock by passphrase,
# and native TOTP speed against the totp-rs crate in the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup.sh"
cd "$ROOT"
trunk build --release --offline >/dev/null
echo "== what the modules are made of (scripts/wasm-breakdown.mjs)"
node scripts/wasm-breakdown.mjs
BACKUP="$(mktemp -d)/bench-1000.2favault"
cargo run --quiet --release --example make_bench_backup -- "$BACKUP" 1000
BENCH_BACKUP="$BACKUP" node bench/web.mjs
node bench/first-visit.mjs
node bench/passkey.mjs
echo
cargo bench --quiet --bench totp
