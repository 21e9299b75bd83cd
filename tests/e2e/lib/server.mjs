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

/** Starts the server on a free loopback port; resolves to { url, close, requests, refuse }.
 * `refuse.test` (a RegExp, or null) answers matching paths with 503, as a dropped connection would. */
export async function startServer({ dist = DIST, clockOffsetMs = 0 } = {}) {
  const requests = [];
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
    try {
      if (!cache.has(file)) {
        const stat = await fs.stat(file).catch(() => null);
        if (!stat || stat.isDirectory()) file = path.join(dist, 'index.html');
      }
      const body = await read(file);
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
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
