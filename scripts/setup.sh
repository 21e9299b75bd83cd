#!/usr/bin/env bash
# Installs everything the build and the tests need, from the package registries only, and puts the
# tools on PATH. Idempotent: a tool already at the right version is left alone.
# Source it (". scripts/setup.sh") so PATH and CHROMEDRIVER carry over.
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

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  say "installing Chromium, ChromeDriver and Japanese fonts from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi
export CHROMEDRIVER=/usr/bin/chromedriver

# The cross-engine suite (tests/engines/): Firefox ESR, and WebKitGTK's WebDriver (MiniBrowser)
# under a virtual X server.
if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/xvfb-run ]; then
  say "installing Firefox ESR, WebKitGTK's WebDriver and xvfb from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null
fi

# The npm packages (wasm-opt is npm's binaryen) at the versions in package.json.
npm_current() {
  node -e 'for (const [name, version] of Object.entries(require("./package.json").devDependencies)) {
    let found; try { found = require(`./node_modules/${name}/package.json`).version; } catch {}
    if (found !== version) process.exit(1);
  }'
}
if [ ! -x node_modules/.bin/wasm-opt ] || ! npm_current; then
  say "installing wasm-opt (npm binaryen), playwright-core, puppeteer-core, webdriverio and the test helpers"
  npm ci --no-audit --no-fund --loglevel=error
fi

cargo fetch --quiet
say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/firefox-esr --version 2>/dev/null), WebKitGTK $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null)"
