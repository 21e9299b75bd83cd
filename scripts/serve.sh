#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080 (installs what is missing first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port 8080
