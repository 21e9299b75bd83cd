#!/usr/bin/env bash
# Prints what the smallest honest Leptos 0.8 apps weigh when built the way the app's first module
# is (issue 25): (a) one <p>; (b) an unlock form (password input with a show toggle, a button, an
# error under <Show>, a select, about 20 strings in two languages); (c) the form plus an IndexedDB
# read, a serde_json decode and a spawn_local task. Each: wasm after wasm-bindgen --target web and
# wasm-opt -Oz, and the JS glue, raw / gzip -9 / brotli 11. A figure to compare the first module
# with (`bash scripts/bench.sh`), not a test. Built as the app is: Leptos's views type-erased
# (`--cfg erase_components`, from the repository's .cargo/config.toml), the glue's import names
# shortened, the glue minified. Needs the app's tools: `. scripts/setup-build.sh`.
#
#   bash bench/leptos-floor/build.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$HERE"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH" CARGO_TARGET_DIR="$HERE/target"
FEAT=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
rm -rf out && mkdir -p out
for b in hello form storage; do
  cargo build --quiet --release --target wasm32-unknown-unknown --offline --bin "$b"
  raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$b.wasm"
  wasm-bindgen --target web --out-dir "out/$b" --out-name "$b" "$raw"
  # As the app's release build: the glue's import names shortened (scripts/short-imports.mjs) and
  # the glue minified (scripts/build-wasm.mjs's minifyJs, the same options).
  node --input-type=module -e "
    import fs from 'node:fs';
    import { shortImports } from '$ROOT/scripts/short-imports.mjs';
    import { minifyJs } from '$ROOT/scripts/build-wasm.mjs';
    const w = 'out/$b/${b}_bg.wasm', j = 'out/$b/$b.js';
    const r = shortImports(fs.readFileSync(w), fs.readFileSync(j, 'utf8'), './${b}_bg.js');
    fs.writeFileSync(w, r.wasm); fs.writeFileSync(j, await minifyJs(r.js, j));"
  wasm-opt -Oz "${FEAT[@]}" "out/$b/${b}_bg.wasm" -o "out/$b/${b}_bg.wasm" 2> >(grep -v 'unknown name subsection' >&2 || true)
done
node measure.mjs
