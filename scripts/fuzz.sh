#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS each, default 60) with cargo-fuzz on the
# nightly toolchain, and prints executions and crashes per target. Not part of the test pass/fail.
#   bash scripts/fuzz.sh            # all targets
#   FUZZ_SECONDS=300 bash scripts/fuzz.sh aegis twofas
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_EACH="${FUZZ_SECONDS:-60}"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  mapfile -t TARGETS < <(cargo +nightly fuzz list)
fi
printf '%-14s %12s %8s\n' target executions crashes
status=0
for t in "${TARGETS[@]}"; do
  log="$(mktemp)"
  if cargo +nightly fuzz run "$t" -- -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 >"$log" 2>&1; then crashes=0; else crashes=1; status=1; fi
  # libFuzzer ends with "Done N runs in S second(s)"; a crash stops it earlier (last "#N" line).
  execs="$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -1 || true)"
  [ -n "$execs" ] || execs="$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)"
  printf '%-14s %12s %8s\n' "$t" "${execs:-?}" "$crashes"
  if [ "$crashes" != 0 ]; then tail -40 "$log"; fi
  rm -f "$log"
done
exit $status
