#!/usr/bin/env bash
# Installs what building the app needs, from the package registries only, and puts the tools on
# PATH: the wasm32 target, wasm-bindgen-cli, Trunk, wasm-split-cli, and the npm packages (wasm-opt
# is npm's binaryen; the service logos come from simple-icons). No browser: scripts/serve.sh needs
# only this; scripts/setup.sh adds the browsers the tests drive. Idempotent: a tool already at the
# right version is left alone. Source it (". scripts/setup-build.sh") so PATH carries over.
# Needs Rust (rustup, cargo) and Node.js with npm on PATH.
#
# Each version is written once: Trunk and wasm-split-cli here; wasm-bindgen-cli must be the
# wasm-bindgen of Cargo.lock; wasm-opt (npm binaryen) and the browser drivers are in package.json.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '[setup] %s\n' "$*"; }

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
WSPLIT_VERSION=0.2.3
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  say "installing wasm-bindgen-cli $WBG_VERSION (the version in Cargo.lock)"
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# Splits the app's WebAssembly at its `#[wasm_split]` functions (scripts/build-wasm.mjs).
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$WSPLIT_VERSION:"; then
  say "installing wasm-split-cli $WSPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WSPLIT_VERSION" --features build-binary --locked --force
fi

# The npm packages at the versions in package.json. The build needs binaryen (wasm-opt) and
# simple-icons; `npm ci` installs the test drivers with them (one lockfile, no browser download).
npm_current() {
  node -e 'for (const [name, version] of Object.entries(require("./package.json").devDependencies)) {
    let found; try { found = require(`./node_modules/${name}/package.json`).version; } catch {}
    if (found !== version) process.exit(1);
  }'
}
if [ ! -x node_modules/.bin/wasm-opt ] || ! npm_current; then
  say "installing wasm-opt (npm binaryen), simple-icons, and the test drivers and helpers"
  npm ci --no-audit --no-fund --loglevel=error
fi

cargo fetch --quiet
say "build tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}')"
