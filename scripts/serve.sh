#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080. Installs the build tools that are
# missing first (scripts/setup-build.sh), and no browser: those are for the tests (scripts/setup.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup-build.sh"
cd "$ROOT"
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port 8080
