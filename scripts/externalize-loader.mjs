// Trunk post-build hook: moves Trunk's inline module loader into its own file, so the page runs
// under a Content-Security-Policy with no 'unsafe-inline'. Adds a Subresource Integrity hash.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) throw new Error('no inline module loader found in index.html');
const body = match[1].trim() + '\n';
const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
const name = `start-${hash}.js`;
fs.writeFileSync(path.join(dir, name), body);
const sri = 'sha384-' + crypto.createHash('sha384').update(body).digest('base64');
html = html.replace(inline, `<script type="module" src="/${name}" integrity="${sri}" crossorigin="anonymous"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('an inline script is still in index.html');
fs.writeFileSync(file, html);

// The QR worker: the app's module, loaded by its hashed names.
{
  const names = fs.readdirSync(dir);
  const js = names.find((n) => /^authenticator-[0-9a-f]+\.js$/.test(n));
  const wasm = names.find((n) => /^authenticator-[0-9a-f]+_bg\.wasm$/.test(n));
  if (!js || !wasm) throw new Error('the app module was not found in the staging directory');
  const src0 = process.env.TRUNK_SOURCE_DIR || process.cwd();
  const worker = fs.readFileSync(path.join(src0, 'assets', 'qr-worker.js'), 'utf8')
    .replace("'__JS__'", JSON.stringify('/' + js))
    .replace("'__WASM__'", JSON.stringify('/' + wasm));
  fs.writeFileSync(path.join(dir, 'qr-worker.js'), worker);
}

// The service worker: the shell is every file of this build; its version is their hash.
const src = process.env.TRUNK_SOURCE_DIR || process.cwd();
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
