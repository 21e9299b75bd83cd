// A small static server for the built app (dist/), for the end-to-end tests and the benchmark.
// Test-only: `clockOffsetMs` shifts the Date header it writes, to simulate a reference clock
// that differs from the device's.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = path.join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

// Test-only error hook for drivers without page-error events (WebKitGTK's WebDriver has no BiDi):
// a same-origin script (the CSP allows it) that reports page errors, unhandled rejections, console
// errors and CSP violations to the server, which keeps them in `hookErrors`; it also counts the
// key-derivation worker's answers.
const HOOK_PATH = '/__test-hook.js';
const HOOK = `(() => {
  const report = (text) => { try { navigator.sendBeacon('/__test-error', String(text)); } catch (_) {} };
  addEventListener('error', (e) => report('pageerror: ' + (e.message || (e.target && e.target.src) || e.type)), true);
  addEventListener('unhandledrejection', (e) => report('unhandledrejection: ' + (e.reason instanceof Error ? e.reason.message + ' ' + (e.reason.stack || '') : String(e.reason))));
  document.addEventListener('securitypolicyviolation', (e) => report('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
  const error = console.error.bind(console);
  console.error = (...args) => { report('console: ' + args.map(String).join(' ')); error(...args); };
  // Counts the key-derivation worker's answers (the app silently derives on the page where no
  // worker ever works), for the tests to read as window.__kdfAnswers.
  const W = window.Worker;
  window.__kdfAnswers = 0;
  if (W) window.Worker = class extends W {
    constructor(url, options) {
      super(url, options);
      if (String(url).includes('kdf-worker')) this.addEventListener('message', (e) => { if (e.data && e.data.key) window.__kdfAnswers += 1; });
    }
  };
})();
`;

/** Starts the server on a free loopback port; resolves to { url, close, offline, deploy, requests, refuse, hookErrors }.
 * `offline()` stops listening and drops open connections: every later request fails as with no network.
 * `refuse.test` (a RegExp, or null) answers matching paths with 503, as a dropped connection would.
 * With `hook`, index.html loads the test-only error hook first, and what it reports lands in `hookErrors`.
 * `deploy(dir)` serves another build from then on, as a host does after a deploy (nothing of the
 * previous build is left). */
export async function startServer({ dist: root = DIST, clockOffsetMs = 0, hook = false } = {}) {
  let dist = root;
  const requests = [];
  const hookErrors = [];
  const refuse = { test: null };
  const cache = new Map(); // path -> contents: serve from memory, as a production static server would
  const read = async (file) => {
    if (!cache.has(file)) cache.set(file, await fs.readFile(file));
    return cache.get(file);
  };
  const server = http.createServer(async (req, res) => {
    requests.push({ method: req.method, url: req.url });
    const url = new URL(req.url, 'http://x');
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    if (refuse.test?.test(url.pathname)) { res.writeHead(503).end(); return; }
    if (hook && url.pathname === '/__test-error' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { hookErrors.push(body); res.writeHead(204).end(); });
      return;
    }
    if (hook && url.pathname === HOOK_PATH) {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-cache' }).end(HOOK);
      return;
    }
    try {
      if (!cache.has(file)) {
        const stat = await fs.stat(file).catch(() => null);
        if (!stat || stat.isDirectory()) file = path.join(dist, 'index.html');
      }
      let body = await read(file);
      if (hook && path.basename(file) === 'index.html') {
        // Right after the CSP meta, so the hook runs under the page's policy and before the app.
        body = Buffer.from(body.toString('utf8').replace(/(<meta http-equiv="Content-Security-Policy"[^>]*>)/, `$1\n  <script src="${HOOK_PATH}"></script>`));
      }
      res.sendDate = false;
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Date': new Date(Date.now() + clockOffsetMs).toUTCString(),
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    refuse,
    hookErrors,
    close: () => new Promise((resolve) => server.close(resolve)),
    offline: () => { server.close(); server.closeAllConnections(); },
    deploy: (dir) => { dist = path.resolve(dir); },
  };
}
