#!/usr/bin/env bash
# Runs every test: native unit/integration tests, browser-adapter tests (wasm-bindgen-test in
# headless Chromium), then end-to-end tests against the release build: every one in Chromium, then
# the core flows in Firefox and WebKit as well (tests/engines/). Installs what is missing first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup.sh"
cd "$ROOT"

# A fresh clone's builds (native tests, the browser adapter's tests, the release build) take about
# 5 GiB under target/; a disk that fills part-way fails a cargo build with little said (a CI run
# failed so, 2026-12-07). Said here first, plainly.
# Only a clue: a df that fails or prints something else stops nothing.
builds="${CARGO_TARGET_DIR:-$ROOT}"
free_kib=$(df -Pk "$builds" 2>/dev/null | awk 'NR==2 {print $(NF-2)}' || true)
if [[ "$free_kib" =~ ^[0-9]+$ ]]; then
  echo "== disk: $((free_kib / 1048576)) GiB free where the builds go ($builds)"
  if [ "$free_kib" -lt $((6 * 1048576)) ]; then
    echo "warning: under 6 GiB free; the builds need about 5 GiB (target/), and fail with 'No space left on device' when it runs out" >&2
  fi
fi

echo "== no circles among the source files, none over 500 lines (scripts/check-cycles.mjs, check-sizes.mjs)"
node scripts/check-cycles.mjs
node scripts/check-sizes.mjs

echo "== native tests (cargo test)"
cargo test --all-targets
cargo test --all-targets -p authenticator-kdf-worker -p authenticator-qr-worker

echo "== browser adapter tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --no-default-features --features web --test web

echo "== release build (trunk)"
trunk build --release --offline

echo "== end-to-end tests (playwright-core + Debian chromium)"
node --test --test-concurrency=1 tests/e2e/

echo "== cross-engine flows (Chromium, Firefox ESR, WebKitGTK)"
node --test --test-concurrency=1 tests/engines/
