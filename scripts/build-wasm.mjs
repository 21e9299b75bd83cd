// Builds the app's WebAssembly (called by scripts/post-build.mjs, the Trunk hook): one cargo
// build, split into the module the first screen needs and the parts loaded on first use (the
// `#[wasm_split]` functions in src/ui/), bound and optimised, written into Trunk's staging
// directory under names that carry a hash of this build. Trunk's own Rust pipeline cannot split a
// module, so Trunk is told not to build the app.
//
// cargo build (with --emit-relocs)  ->  wasm-split-cli  ->  wasm-bindgen (main module)  ->  wasm-opt (each)
//
// Then each worker's own module (workers/kdf, workers/qr: the pure core's KDFs, its QR decoder),
// so the page's module carries neither: cargo build -> wasm-bindgen --target web -> wasm-opt.
//
// AUTHENTICATOR_BUILD_NOTE (optional, e.g. a commit id): written into the main module (and each worker's) as a custom
// section `authenticator-build-note`, which the engine ignores; the module's bytes, and so every
// hashed name, change with it. The deploy test builds a second version this way (tests/e2e/deploy).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import os from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { minify } from 'terser';
import { shortImports } from './short-imports.mjs';
import { leb128 } from './wasm-bytes.mjs';

const NAME = 'authenticator';
// The post-MVP features Rust's wasm32 target emits: wasm-opt refuses the module without them.
const WASM_OPT_FEATURES = [
  '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];

/** Runs a build tool, its output shown as it comes (stderr lines matching `hide` left out: wasm-opt
 *  warns of the name subsection it does not know, and drops the names anyway). When it fails, the
 *  error carries the tool's last lines and the disk space left where the builds go: the error is
 *  what a log's tail keeps, and a disk that fills part-way fails cargo with its reason far above it
 *  (a CI run failed so, 2026-12-07, its tail saying only "exit 101"). stderr is read through a pipe:
 *  cargo is told to keep its colours when ours is a terminal. */
function run(cmd, args, { env = {}, hide } = {}) {
  return new Promise((resolve, reject) => {
    const colour = process.stderr.isTTY && !process.env.CARGO_TERM_COLOR ? { CARGO_TERM_COLOR: 'always' } : {};
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, ...colour, ...env } });
    const last = [];
    let partial = '';
    const show = (line) => {
      if (hide?.test(line)) return;
      process.stderr.write(line + '\n');
      if (!line.trim()) return;
      last.push(line);
      if (last.length > 20) last.shift();
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => { const lines = (partial + d).split('\n'); partial = lines.pop(); lines.forEach(show); });
    let settled = false;
    const settle = (code, signal) => {
      if (settled) return;
      settled = true;
      if (partial) show(partial);
      child.stderr.destroy();
      if (code === 0) return resolve();
      let disk = '';
      try {
        const { bavail, bsize } = fs.statfsSync(process.env.CARGO_TARGET_DIR || process.cwd());
        disk = `; ${(Number(bavail) * Number(bsize) / 2 ** 30).toFixed(1)} GiB free where the builds go`;
      } catch { /* the space is only a clue */ }
      reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code ?? signal})${disk}; its last lines:\n${last.join('\n')}`));
    };
    child.on('error', (e) => { settled = true; reject(e); });
    child.on('close', settle);
    // A process the tool left running (a compiler cache's server, say) may hold the pipe open
    // after the tool has exited: its exit settles the run at most two seconds later.
    child.on('exit', (code, signal) => setTimeout(() => settle(code, signal), 2000).unref());
  });
}
const QUIET_WASM_OPT = /^$|unknown name subsection/;

/** `module` with a custom section `name` holding `text` appended (allowed after any section). */
function withCustomSection(module, name, text) {
  const nameBytes = Buffer.from(name, 'utf8');
  const body = Buffer.concat([Buffer.from(leb128(nameBytes.length)), nameBytes, Buffer.from(text, 'utf8')]);
  return Buffer.concat([module, Buffer.from([0]), Buffer.from(leb128(body.length)), body]);
}

/** A copy of `file`, function names still in it (wasm-opt drops them), for the size breakdown
 *  (scripts/wasm-breakdown.mjs, which bench.sh prints). */
function keepNamed(targetDir, file, name) {
  const dir = path.join(targetDir, 'wasm-names');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(file, path.join(dir, name));
}

async function pool(items, width, fn) {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => { while (queue.length) await fn(queue.shift()); }));
}

/** wasm-bindgen's glue and the split loader, minified for a release build (issue 25: the main
 *  glue 12.6 -> 10.1 kB gzip, the loader 3.8 -> 2.3, measured 2026-12-07). Names only inside each module change: what
 *  a module exports, and the import object's keys (the names written in the wasm), are property
 *  names and strings, which terser leaves as they are. */
const MINIFY = { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } };
/** What else makes the minified bytes: in the hash of the names, so another terser or other options
 *  never serve new bytes under a name a cache already holds (`immutable`, and SRI). */
const MINIFIER = `terser ${JSON.parse(fs.readFileSync(new URL('../node_modules/terser/package.json', import.meta.url), 'utf8')).version} ${JSON.stringify(MINIFY)}`;
export async function minifyJs(code, file) {
  const out = await minify(code, MINIFY);
  if (typeof out.code !== 'string' || !out.code) throw new Error(`terser returned nothing for ${file}`);
  return out.code;
}

/** The split loader wasm-split-cli writes, with three changes. First, it names the main module's
 *  shared exports (table, memory, shared data) in a hash map's order, which changes from run to
 *  run: sorted here, so the same source gives the same loader, the same hash and so the same
 *  file names (a deploy of an unchanged build invalidates no cache). Then, a part that cannot be fetched (no
 *  connection, or a page being left while its parts are still on their way: WebKit's "Load
 *  failed") is the app's to report, and it does, in the user's language (the Rust side gets
 *  `success = false`); so:
 *  - each module's fetch, started at once and read only after its shared chunks are in, gets a
 *    handler of its own: when a chunk fails first, the part's own failed fetch was never read and
 *    was an unhandled rejection;
 *  - the loader notes a failed fetch (a TypeError: no connection, an HTTP error) as a warning, not
 *    an error (tests/e2e/parts.test.mjs, "fail outright"); anything else (a module that does not
 *    compile or link: a bug) stays an error.
 *  The build fails if the loader's text has changed under these edits. */
/** Where the split loader names the main module's shared exports: the list it takes from the main
 *  module (1), the indent (2), the list it hands to every part (3). */
export const SHARED_EXPORTS = /const \{ ([^}]*)\} = initSync\(undefined, undefined\);\n( *)Object\.assign\(sharedImports\.__wasm_split, \{ ([^}]*)\}\);/;
export function quietLoader(text) {
  const read = 'return async (imports) => (WebAssembly.instantiateStreaming(src, imports));';
  const fetches = text.split('const src = fetch(new URL(').length - 1;
  const reads = text.split(read).length - 1;
  const logs = text.split('            console.error(e);\n').length - 1;
  if (fetches === 0 || fetches !== reads || logs !== 1) {
    throw new Error(`the split loader is not the one scripts/build-wasm.mjs quietLoader knows (fetches ${fetches}, reads ${reads}, logs ${logs})`);
  }
  const found = [...text.matchAll(new RegExp(SHARED_EXPORTS, 'g'))];
  if (found.length !== 1 || found[0][1] !== found[0][3]) {
    throw new Error(`the split loader is not the one scripts/build-wasm.mjs quietLoader knows (shared exports: ${found.length} lists)`);
  }
  const sorted = found[0][1].split(',').map((n) => n.trim()).filter(Boolean).sort().map((n) => `${n}, `).join('');
  return text
    .replace(SHARED_EXPORTS, (_, __, indent) => `const { ${sorted}} = initSync(undefined, undefined);\n${indent}Object.assign(sharedImports.__wasm_split, { ${sorted}});`)
    .split(read).join(`src.catch(() => {});\n    ${read}`)
    .replace('            console.error(e);\n', "            (e instanceof TypeError ? console.warn : console.error)('A part of the app could not be loaded:', e);\n");
}

/** Builds into `staging`; returns the file names (relative to `staging`) of the main JS and wasm. */
export async function buildWasm({ source, staging, release, note = process.env.AUTHENTICATOR_BUILD_NOTE }) {
  const profile = release ? 'release' : 'debug';
  // RUSTFLAGS set outside replaces .cargo/config.toml's, and its `--cfg erase_components` would
  // go silently (the first screen 12.5 kB gzip larger): then it is added to the flags set.
  const flags = {};
  const outside = ['CARGO_ENCODED_RUSTFLAGS', 'RUSTFLAGS'].find((v) => process.env[v] !== undefined); // cargo's order
  if (outside && !process.env[outside].includes('erase_components')) {
    const sep = outside === 'RUSTFLAGS' ? ' ' : '\x1f';
    flags[outside] = [process.env[outside], '--cfg', 'erase_components'].filter(Boolean).join(sep);
  }
  const cargoArgs = ['build', '--target', 'wasm32-unknown-unknown', '--bin', NAME, '--offline'];
  if (release) cargoArgs.push('--release');
  // build.rs links the app with --emit-relocs: the splitter needs the relocations to move code.
  await run('cargo', cargoArgs, { env: flags });
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(source, 'target');
  const raw = path.join(targetDir, 'wasm32-unknown-unknown', profile, `${NAME}.wasm`);

  const work = fs.mkdtempSync(path.join(targetDir, 'split-'));
  try {
    const split = path.join(work, 'split');
    // A data segment the splitter cannot lay out again stays whole in the first module (tens of
    // kB it should not carry, silently but for this warning): that fails the build. The room for
    // it is src/main.rs's SPLIT_ROOM_*.
    // Its warnings at least, whatever RUST_LOG says outside (they are what this reads), shown.
    const splitRun = spawnSync('wasm-split-cli', [raw, split, '--target', 'web', '--out-name', NAME], {
      stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, RUST_LOG: 'warn', NO_COLOR: '1' },
    });
    const splitLog = `${splitRun.stdout ?? ''}${splitRun.stderr ?? ''}`;
    if (splitRun.status !== 0) throw new Error(`wasm-split-cli failed:\n${splitLog}${splitRun.error ?? ''}`);
    if (splitLog.trim()) process.stderr.write(splitLog.endsWith('\n') ? splitLog : splitLog + '\n');
    const overlong = splitLog.split('\n').filter((l) => /Overlong segment/.test(l));
    if (overlong.length) throw new Error(`wasm-split-cli kept a data segment whole in the first module; make SPLIT_ROOM_* in src/main.rs larger:\n${overlong.join('\n')}`);
    const pkg = path.join(work, 'pkg');
    await run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--out-dir', pkg, '--out-name', NAME, path.join(split, `${NAME}.wasm`)]);
    if (release) {
      // The glue's import names, shortened in the module and its glue alike (scripts/short-imports.mjs).
      const wasmFile = path.join(pkg, `${NAME}_bg.wasm`);
      const glueFile = path.join(pkg, `${NAME}.js`);
      const short = shortImports(fs.readFileSync(wasmFile), fs.readFileSync(glueFile, 'utf8'), `./${NAME}_bg.js`);
      fs.writeFileSync(wasmFile, short.wasm);
      fs.writeFileSync(glueFile, short.js);
    }
    fs.writeFileSync(path.join(pkg, '__wasm_split.js'), quietLoader(fs.readFileSync(path.join(split, '__wasm_split.js'), 'utf8')));
    const chunks = fs.readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${NAME}.wasm`);
    for (const c of chunks) fs.copyFileSync(path.join(split, c), path.join(pkg, c));
    const wasmFiles = [`${NAME}_bg.wasm`, ...chunks];
    keepNamed(targetDir, path.join(pkg, `${NAME}_bg.wasm`), `${NAME}_bg.wasm`);
    if (release) {
      // npm's wasm-opt takes seconds to start: one per CPU at a time, the biggest first.
      const jobs = wasmFiles.map((f) => path.join(pkg, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
      await pool(jobs, Math.max(1, os.cpus().length), (f) => run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, f, '-o', f], { hide: QUIET_WASM_OPT }));
    }

    if (note) {
      const main = path.join(pkg, `${NAME}_bg.wasm`);
      fs.writeFileSync(main, withCustomSection(fs.readFileSync(main), 'authenticator-build-note', note));
    }

    // One hash for the whole set: the main JS and the split loader import each other.
    const digest = crypto.createHash('sha256');
    const jsFiles = [`${NAME}.js`, '__wasm_split.js'];
    for (const f of [...jsFiles, ...wasmFiles].sort()) digest.update(f).update(fs.readFileSync(path.join(pkg, f)));
    // The JS is minified after this (its module names are rewritten first): what minifies it, too.
    if (release) digest.update(MINIFIER);
    const id = digest.digest('hex').slice(0, 16);
    const renamed = new Map([
      [`${NAME}.js`, `${NAME}-${id}.js`],
      ['__wasm_split.js', `split-${id}.js`],
      [`${NAME}_bg.wasm`, `${NAME}-${id}_bg.wasm`],
      ...chunks.map((c) => [c, `${c.replace(/\.wasm$/, '')}-${id}.wasm`]),
    ]);
    // Only module specifiers and fetched URLs change: the import-object keys must stay the names
    // written inside the wasm ("./__wasm_split.js").
    const rewrite = (text) => {
      for (const [from, to] of renamed) {
        text = text.split(`from "./${from}"`).join(`from "./${to}"`).split(`new URL("./${from}"`).join(`new URL("./${to}"`);
      }
      return text;
    };
    for (const [from, to] of renamed) {
      const body = fs.readFileSync(path.join(pkg, from));
      if (!from.endsWith('.js')) fs.writeFileSync(path.join(staging, to), body);
      else {
        const text = rewrite(body.toString('utf8'));
        fs.writeFileSync(path.join(staging, to), release ? await minifyJs(text, from) : text);
      }
    }
    const workers = {};
    for (const [kind, { crate, simd }] of Object.entries(WORKERS)) {
      workers[kind] = await buildWorker({ kind, crate, simd, targetDir, staging, release, work, note });
    }
    return { js: renamed.get(`${NAME}.js`), loader: renamed.get('__wasm_split.js'), wasm: renamed.get(`${NAME}_bg.wasm`), chunks: chunks.map((c) => renamed.get(c)), workers };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Each worker's own module (a cdylib in workers/): the kind its script is named by, its crate,
 *  and whether it is built for wasm SIMD (`simd128`: Chrome 91, Firefox 89, Safari 16.4). SIMD is
 *  off: Argon2id at the default cost was no faster with it (2026-12-07, shared machine: in Node/V8
 *  145–150 ms with, 142–145 ms without; unlock click to first code in headless Chromium 276/279 ms
 *  with, 257/251 ms without; wasm-opt -O3 instead of -Oz was slower, 183–188 ms), the argon2 crate
 *  having no wasm SIMD code of its own. AUTHENTICATOR_KDF_SIMD=1 builds it with SIMD, to measure again. */
const WORKERS = {
  kdf: { crate: 'authenticator-kdf-worker', simd: process.env.AUTHENTICATOR_KDF_SIMD === '1' },
  qr: { crate: 'authenticator-qr-worker', simd: false },
};

/** Builds one worker's module (cargo build, wasm-bindgen --target web, wasm-opt) into `staging`
 *  as `<kind>-<hash>.js` and `<kind>-<hash>_bg.wasm`; returns those names. */
async function buildWorker({ kind, crate, simd, targetDir, staging, release, work, note }) {
  const args = ['build', '--target', 'wasm32-unknown-unknown', '-p', crate, '--offline'];
  if (release) args.push('--release');
  // SIMD for this crate's build only, in a target directory of its own: other RUSTFLAGS in the
  // same directory would make cargo rebuild the app's dependencies each time.
  const outDir = simd ? path.join(targetDir, 'simd128') : targetDir;
  await run('cargo', args, { env: simd ? { RUSTFLAGS: '-C target-feature=+simd128', CARGO_TARGET_DIR: outDir } : {} });
  const raw = path.join(outDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${crate.replace(/-/g, '_')}.wasm`);
  const pkg = path.join(work, `worker-${kind}`);
  await run('wasm-bindgen', ['--target', 'web', '--out-dir', pkg, '--out-name', kind, raw]);
  const wasm = path.join(pkg, `${kind}_bg.wasm`);
  keepNamed(targetDir, wasm, `${kind}-worker_bg.wasm`);
  if (release) await run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, ...(simd ? ['--enable-simd'] : []), wasm, '-o', wasm], { hide: QUIET_WASM_OPT });
  const glue = fs.readFileSync(path.join(pkg, `${kind}.js`), 'utf8');
  const js = release ? await minifyJs(glue, `${kind}.js`) : glue;
  // The build note goes in too: another build's worker is another file, as its page is.
  const body = note ? withCustomSection(fs.readFileSync(wasm), 'authenticator-build-note', note) : fs.readFileSync(wasm);
  const id = crypto.createHash('sha256').update(js).update(body).digest('hex').slice(0, 16);
  const names = { js: `${kind}-${id}.js`, wasm: `${kind}-${id}_bg.wasm` };
  fs.writeFileSync(path.join(staging, names.js), js);
  fs.writeFileSync(path.join(staging, names.wasm), body);
  return names;
}
