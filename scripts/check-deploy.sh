#!/usr/bin/env bash
# Checks a deployment against docs/deploy.md: compression, cache headers, the CSP header with
# frame-ancestors, a Date of its own on every clock-sync answer, the wasm type; with a local dist/,
# that every file of this build is served, each with the right cache. Prints one line per check;
# exits 1 if any check fails (a warning does not).
#
#   bash scripts/check-deploy.sh https://auth.example.org [dist]
set -uo pipefail
URL="${1:?usage: check-deploy.sh URL [dist]}"; URL="${URL%/}"
DIST="${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dist}"
failed=0
ok() { printf 'ok    %s\n' "$*"; }
warn() { printf 'warn  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failed=1; }

# The response headers of a GET (the body is dropped), as a browser asks for it.
headers() { curl -sS -o /dev/null -D - -H 'Accept-Encoding: br, gzip' "$URL$1" | tr -d '\r'; }
field() { grep -i "^$1:" | head -1 | cut -d: -f2- | sed 's/^ *//'; }
status() { head -1 | awk '{print $2}'; }
max_age() { grep -o 'max-age=[0-9]*' | head -1 | cut -d= -f2; }

long_cache() { # $1 path, $2 headers
  local cc; cc="$(field cache-control <<<"$2")"
  if [ "$(max_age <<<"$cc")" -ge 31536000 ] 2>/dev/null; then ok "$1: long cache ($cc)"
  else warn "$1: hashed name without a long cache (Cache-Control: ${cc:-none})"; fi
}
no_cache() { # $1 path, $2 headers
  local cc; cc="$(field cache-control <<<"$2")"
  if grep -qiE 'no-cache|no-store|max-age=0([^0-9]|$)' <<<"$cc"; then ok "$1: revalidated on every use ($cc)"
  elif [ -z "$cc" ]; then warn "$1: no Cache-Control (a browser may keep it by its own rule)"
  else warn "$1: cached without revalidation (Cache-Control: $cc): a new build can show late"; fi
}
compressed() { # $1 path, $2 headers
  local ce; ce="$(field content-encoding <<<"$2")"
  case "$ce" in br|gzip|zstd) ok "$1: compressed ($ce)" ;; *) fail "$1: not compressed (Content-Encoding: ${ce:-none})" ;; esac
}

# The page.
h="$(headers /)"
[ "$(status <<<"$h")" = 200 ] || { fail "/: HTTP $(status <<<"$h")"; exit 1; }
html="$(curl -sS --compressed "$URL/")"
compressed / "$h"
no_cache / "$h"
csp="$(field content-security-policy <<<"$h")"
if grep -q "frame-ancestors 'none'" <<<"$csp"; then ok "/: CSP header with frame-ancestors 'none'"
elif [ -n "$csp" ]; then fail "/: CSP header without frame-ancestors 'none': $csp"
else warn "/: no CSP header (the page's meta still applies; nothing stops framing)"; fi
if grep -oE '<script[^>]*>' <<<"$html" | grep -qv 'src='; then fail "/: an inline script in the page"
else ok "/: no inline script"; fi
[ "$(field x-content-type-options <<<"$h")" = nosniff ] && ok "/: nosniff" || warn "/: no X-Content-Type-Options: nosniff"

# The first screen's files, named by the page.
for f in $(grep -oE '(src|href)="/[^"]*-[0-9a-f]{16}(_bg)?\.(js|wasm|css)"' <<<"$html" | cut -d'"' -f2); do
  h="$(headers "$f")"
  [ "$(status <<<"$h")" = 200 ] || { fail "$f: HTTP $(status <<<"$h")"; continue; }
  compressed "$f" "$h"
  long_cache "$f" "$h"
  case "$f" in *.wasm)
    t="$(field content-type <<<"$h")"
    [ "$t" = application/wasm ] && ok "$f: application/wasm" || fail "$f: Content-Type $t (needs application/wasm)" ;;
  esac
done

# A part loaded on first use: compiled by instantiateStreaming, which takes nothing but application/wasm.
split="$(grep -oE 'href="/split-[0-9a-f]{16}\.js"' <<<"$html" | head -1 | cut -d'"' -f2)"
part="$([ -n "$split" ] && curl -sS --compressed "$URL$split" | grep -oE '"\./split_open_part-[0-9a-f]{16}\.wasm"' | head -1 | tr -d '"' | sed 's|^\.||')"
if [ -z "$part" ]; then fail "the split loader or its open_part module is not named where expected"
else
  h="$(headers "$part")"
  if [ "$(status <<<"$h")" != 200 ]; then fail "$part: HTTP $(status <<<"$h")"
  else
    compressed "$part" "$h"
    t="$(field content-type <<<"$h")"
    [ "$t" = application/wasm ] && ok "$part: application/wasm" || fail "$part: Content-Type $t (the parts need application/wasm)"
  fi
fi

# The workers the page names (hashed, like the modules they load).
workers="$(grep -oE 'data-(kdf|qr)-worker="/[^"]*"' <<<"$html" | cut -d'"' -f2)"
[ "$(wc -w <<<"$workers")" = 2 ] || fail "the page does not name its two workers (<meta name=\"authenticator-build\">)"
for f in $workers; do
  h="$(headers "$f")"
  [ "$(status <<<"$h")" = 200 ] || { fail "$f: HTTP $(status <<<"$h")"; continue; }
  long_cache "$f" "$h"
done

# Names that stay the same from build to build.
for f in /sw.js /pwa/manifest.webmanifest; do
  h="$(headers "$f")"
  [ "$(status <<<"$h")" = 200 ] || { fail "$f: HTTP $(status <<<"$h")"; continue; }
  no_cache "$f" "$h"
done

# The clock sync: HEAD /?time-sync=N, reading Date. Two answers two seconds apart must differ.
d1="$(curl -sSI "$URL/?time-sync=1" | tr -d '\r' | field date)"; sleep 2
d2="$(curl -sSI "$URL/?time-sync=1" | tr -d '\r' | field date)"
if [ -z "$d1" ]; then fail "HEAD /?time-sync=1: no Date header"
elif [ "$d1" = "$d2" ]; then fail "HEAD /?time-sync=1: the same Date two seconds apart ($d1): a cached answer"
else
  skew=$(( $(date -d "$d2" +%s) - $(date +%s) ))
  ok "HEAD /?time-sync=1: Date of its own ($d2; ${skew#-} s from this machine's clock)"
fi

# Every file of this build, with the right cache for its name.
if [ -d "$DIST" ] && [ -f "$DIST/index.html" ]; then
  missing=0 n=0
  while IFS= read -r f; do
    n=$((n + 1))
    h="$(curl -sS -o /dev/null -D - -I "$URL$f" | tr -d '\r')"
    if [ "$(status <<<"$h")" != 200 ]; then fail "$f (in $DIST): HTTP $(status <<<"$h")"; missing=1; continue; fi
    if [[ "$f" =~ -[0-9a-f]{16}(_bg)?\.[a-z]+$ ]]; then
      [ "$(max_age <<<"$(field cache-control <<<"$h")")" -ge 31536000 ] 2>/dev/null || warn "$f: hashed name without a long cache"
    else
      grep -qiE 'no-cache|no-store|max-age=0([^0-9]|$)' <<<"$(field cache-control <<<"$h")" || warn "$f: not revalidated on every use"
    fi
  done < <(cd "$DIST" && find . -type f | sed 's|^\.||' | sort)
  [ "$missing" = 0 ] && ok "all $n files of $DIST are served"
fi

exit "$failed"
