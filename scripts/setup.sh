#!/usr/bin/env bash
# Installs everything the build and the tests need, from the package registries only, and puts the
# tools on PATH: the build tools (scripts/setup-build.sh), then the browsers the tests drive
# (Debian's Chromium and ChromeDriver with Japanese fonts, Firefox ESR, WebKitGTK's WebDriver and
# xvfb). Idempotent: what is already there is left alone.
# Source it (". scripts/setup.sh") so PATH and CHROMEDRIVER carry over.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup-build.sh"
cd "$ROOT"

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

say "ready: $(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/firefox-esr --version 2>/dev/null), WebKitGTK $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null)"
