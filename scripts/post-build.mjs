// Trunk post-build hook. Trunk builds the page and the CSS; this script adds the app:
// 1. builds and splits the WebAssembly (scripts/build-wasm.mjs) into the staging directory;
// 2. writes the module loader as a file with a Subresource Integrity hash (the CSP forbids inline
//    scripts) and preloads the first-screen module;
// 3. writes the QR and key-derivation workers and the service worker with this build's file names.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { buildWasm } from './build-wasm.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const src = process.env.TRUNK_SOURCE_DIR || process.cwd();
const release = process.env.TRUNK_PROFILE === 'release';
const sri = (body) => 'sha384-' + crypto.createHash('sha384').update(body).digest('base64');

// Trunk's own (unsplit) output and its inline loader are replaced by the split build.
for (const f of fs.readdirSync(dir)) {
  if (/^authenticator-[0-9a-f]+(_bg\.wasm|\.js)$/.test(f)) fs.rmSync(path.join(dir, f));
}
const app = await buildWasm({ source: src, staging: dir, release });

// The loader, in its own file.
const body = `import init from '/${app.js}';\nawait init({ module_or_path: '/${app.wasm}' });\n`;
const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
const name = `start-${hash}.js`;
fs.writeFileSync(path.join(dir, name), body);
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8')
  .replace(/<script type="module">[\s\S]*?<\/script>/, '')
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace(/<link rel="preload"[^>]*type="application\/wasm"[^>]*>/g, '');
const tags = [
  `<script type="module" src="/${name}" integrity="${sri(body)}" crossorigin="anonymous"></script>`,
  ...[app.js, app.loader].map((js) => `<link rel="modulepreload" href="/${js}" crossorigin="anonymous" integrity="${sri(fs.readFileSync(path.join(dir, js)))}">`),
  `<link rel="preload" href="/${app.wasm}" crossorigin="anonymous" integrity="${sri(fs.readFileSync(path.join(dir, app.wasm)))}" as="fetch" type="application/wasm">`,
].join('\n');
if (!html.includes('</head>')) throw new Error('index.html has no </head>');
html = html.replace('</head>', `${tags}\n</head>`);
const inlineScript = html.match(/<script(?![^>]*\bsrc=)[^>]*>[\s\S]{0,200}/);
if (inlineScript) throw new Error("an inline script is in index.html: " + inlineScript[0]);
fs.writeFileSync(file, html);

// The QR and key-derivation workers: the app's module, loaded by its hashed names.
for (const name of ['qr-worker.js', 'kdf-worker.js']) {
  const worker = fs.readFileSync(path.join(src, 'assets', name), 'utf8')
    .replace("'__JS__'", JSON.stringify('/' + app.js))
    .replace("'__WASM__'", JSON.stringify('/' + app.wasm));
  fs.writeFileSync(path.join(dir, name), worker);
}

// The service worker: the shell is every file of this build (the lazily loaded parts too, so they
// open offline); its version is their hash.
const shell = [];
const walk = (d, prefix) => {
  for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) walk(path.join(d, entry.name), rel + '/');
    else if (rel !== 'sw.js') shell.push('/' + rel);
  }
};
walk(dir, '');
shell.sort();
const digest = crypto.createHash('sha256');
for (const f of shell) digest.update(f).update(fs.readFileSync(path.join(dir, f.slice(1))));
const version = digest.digest('hex').slice(0, 16);
const sw = fs.readFileSync(path.join(src, 'assets', 'sw.js'), 'utf8')
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__SHELL__', JSON.stringify(shell));
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
