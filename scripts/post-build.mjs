// The Trunk hook (post_build; Trunk.toml has no other). Trunk has hashed and copied the page's CSS,
// icon and PWA files into its staging directory and written index.html there; it does not build
// the app (index.html's rust link carries `data-trunk-skip`). This script adds the app:
// 1. builds its WebAssembly once, split into the first-screen module and the parts loaded on
//    first use (scripts/build-wasm.mjs);
// 2. writes the module loader as a file (the CSP forbids inline scripts) and puts it, with
//    preloads of the first-screen module, all with Subresource Integrity hashes, where index.html's
//    rust link stands (the page's one placeholder);
// 3. writes the workers (QR, key derivation) from their templates in assets/*-worker.js, each
//    named by a hash of its content (it names its own module of this build), and says in index.html which
//    build the page is and which workers are its own (`<meta name="authenticator-build">`);
// 4. writes the service worker from its template, with this build's version and file list.
//
// A page and its workers are one build: the page starts the workers named in its own index.html,
// and a hashed name is never reused by another build, so no cache can hand a page another
// build's worker or module (docs/deploy.md, "Putting a new build up").
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { buildWasm } from './build-wasm.mjs';
import { writeServiceIcons } from './service-icons.mjs';
import { minify as minifyCss } from 'csso';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const src = process.env.TRUNK_SOURCE_DIR || process.cwd();
const release = process.env.TRUNK_PROFILE === 'release';
const sri = (body) => 'sha384-' + crypto.createHash('sha384').update(body).digest('base64');

const app = await buildWasm({ source: src, staging: dir, release });
writeServiceIcons({ source: src, staging: dir }); // the catalogue's logos, one file (before the service worker lists the files)

// The loader, in its own file, and the page's tags for it.
// Where no worker can run at all, the page derives keys itself with the key-derivation worker's
// own module, imported then (src/web/kdf.rs, `on_page`): the page's module carries no KDF.
const kdf = app.workers.kdf;
const onPage = `globalThis.authenticatorKdfOnPage = () => import('/${kdf.js}').then(async (m) => { await m.default({ module_or_path: '/${kdf.wasm}' }); return m; });\n`;
const body = `import init from '/${app.js}';\n${onPage}await init({ module_or_path: '/${app.wasm}' });\n`;
const loader = `start-${crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
fs.writeFileSync(path.join(dir, loader), body);
const file = (name) => fs.readFileSync(path.join(dir, name));
const tags = [
  `<script type="module" src="/${loader}" integrity="${sri(body)}" crossorigin="anonymous"></script>`,
  ...[app.js, app.loader].map((js) => `<link rel="modulepreload" href="/${js}" crossorigin="anonymous" integrity="${sri(file(js))}">`),
  `<link rel="preload" href="/${app.wasm}" crossorigin="anonymous" integrity="${sri(file(app.wasm))}" as="fetch" type="application/wasm">`,
].join('\n  ');

// The workers (assets/<kind>-worker.js: QR, key derivation): each its own module (workers/<kind>),
// loaded by its hashed names; each worker's own name carries the hash of what it says, and the
// page finds it in index.html as `data-<kind>-worker`.
const workers = {};
for (const template of fs.readdirSync(path.join(src, 'assets')).filter((f) => /^[a-z]+-worker\.js$/.test(f)).sort()) {
  const kind = template.replace(/-worker\.js$/, '');
  const module = app.workers[kind];
  if (!module) throw new Error(`assets/${template} has no module of its own (scripts/build-wasm.mjs, WORKERS)`);
  const worker = fs.readFileSync(path.join(src, 'assets', template), 'utf8')
    .replace("'__JS__'", JSON.stringify('/' + module.js))
    .replace("'__WASM__'", JSON.stringify('/' + module.wasm));
  const name = `${kind}-worker-${crypto.createHash('sha256').update(worker).digest('hex').slice(0, 16)}.js`;
  fs.writeFileSync(path.join(dir, name), worker);
  workers[kind] = '/' + name;
}

// Trunk passes the placeholder through as written, with its own `data-trunk-id` added.
const PLACEHOLDER = /<link data-trunk rel="rust"[^>]*>/g;
let html = file('index.html').toString('utf8');
const found = html.match(PLACEHOLDER) ?? [];
if (found.length !== 1) throw new Error(`index.html needs exactly one <link data-trunk rel="rust" data-trunk-skip> (where the app goes); found ${found.length}`);
html = html.replace(PLACEHOLDER, `__BUILD__\n  ${tags}`);
// One stylesheet: Trunk writes one file per style/*.css link; the page loads them all at once, so
// they are joined (in the page's order) into one file, which saves a request each on a first visit
// (over HTTP/1.1 a browser opens six connections to a host, and the module's preload waited for a
// free one behind the stylesheets).
const STYLESHEET = /<link rel="stylesheet" href="\/([^"]+\.css)"[^>]*>\n?\s*/g;
const sheets = [...html.matchAll(STYLESHEET)].map((m) => m[1]);
if (sheets.length > 1) {
  let joined = Buffer.concat(sheets.flatMap((f) => [file(f), Buffer.from('\n')]));
  // A release build's stylesheet without its comments and spaces (csso; no restructuring, so
  // every rule stays where it was and means what it meant): 10.8 -> 7.6 kB gzip.
  if (release) joined = Buffer.from(minifyCss(joined.toString('utf8'), { restructure: false, comments: false }).css);
  const name = `app-${crypto.createHash('sha256').update(joined).digest('hex').slice(0, 16)}.css`;
  fs.writeFileSync(path.join(dir, name), joined);
  for (const f of sheets) fs.rmSync(path.join(dir, f));
  let first = true;
  html = html.replace(STYLESHEET, () => {
    if (!first) return '';
    first = false;
    return `<link rel="stylesheet" href="/${name}" integrity="${sri(joined)}"/>\n  `;
  });
}
const inlineScript = html.match(/<script(?![^>]*\bsrc=)[^>]*>[\s\S]{0,200}/);
if (inlineScript) throw new Error('an inline script is in index.html: ' + inlineScript[0]);
if (/<[^>]*\sdata-trunk[\s>=]/.test(html)) throw new Error('a data-trunk link that Trunk did not handle is left in index.html');

// The build's version: a hash of every file of it (the page before its version is written in,
// and the service worker's template too, so a change to either is a new version).
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
const swTemplate = fs.readFileSync(path.join(src, 'assets', 'sw.js'), 'utf8');
const digest = crypto.createHash('sha256');
for (const f of shell) digest.update(f).update(f === '/index.html' ? html : file(f.slice(1)));
digest.update('/sw.js').update(swTemplate);
const version = digest.digest('hex').slice(0, 16);

const workerAttributes = Object.entries(workers).map(([kind, name]) => ` data-${kind}-worker="${name}"`).join('');
const build = `<meta name="authenticator-build" content="${version}"${workerAttributes}>`;
fs.writeFileSync(path.join(dir, 'index.html'), html.replace('__BUILD__', build));

// The service worker: the shell is every file of this build (the lazily loaded parts too, so they
// open offline); its version is the build's.
const sw = swTemplate
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__SHELL__', JSON.stringify(shell));
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
